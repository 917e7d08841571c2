"""Destroy at once: `fieldkit shred` and the opt-in wipe after wrong passphrases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldkit.storage import backups, crypto, shred
from fieldkit.storage.errors import WrongPassphrase
from fieldkit.storage.repository import Store
from tests.helpers import cli
from tests.reliability.conftest import add_note, new_mission

PASS = "test passphrase"
SECRET = "Witness K. described the beating in cell 4"

pytestmark = pytest.mark.usefixtures("cheap_kdf")


def _readable(folder: Path, *words: str) -> list[str]:
    found = []
    for path in (p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path}: {w}" for w in words if w.encode() in data]
    return found


def _mission(folder: Path, sealed: bool) -> Path:
    path = folder / "data" / "m.json"
    store, meeting = new_mission(path, crypto.SealedCodec.create(PASS) if sealed else None)
    for n in range(3):
        add_note(store, meeting, f"{SECRET} ({n})")
    exports = folder / "exports"
    exports.mkdir()
    (exports / "debrief.docx").write_bytes(SECRET.encode())
    return path


def test_shred_yes_leaves_nothing_of_an_encrypted_mission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _mission(tmp_path, sealed=True)
    (path.parent / f".{path.name}.abcd1234.tmp").write_bytes(b"left by a killed save")
    elsewhere = tmp_path / "kept.json"
    os.link(path, elsewhere)  # a copy fieldkit does not know of: the same bytes on disk
    before = elsewhere.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = cli("shred", "--yes", "--db", path)
    assert result.exit_code == 0, result.output
    assert "key material destroyed in 4 files" in result.stderr
    assert "cannot reach" in result.stderr and "copies made elsewhere" in result.stderr
    assert not path.exists() and not backups.backup_folder(path).exists()
    assert not (tmp_path / "exports").exists() and not (tmp_path / "data").exists()
    assert _readable(tmp_path, "Witness", "Astana", "Kazakhstan") == []
    # the header of the very bytes was destroyed first: no passphrase opens them now
    assert elsewhere.read_bytes()[:20] != before[:20]
    with pytest.raises(ValueError):
        crypto.parse_header(elsewhere.read_bytes())


def test_shred_overwrites_a_plain_mission_before_removing_it(tmp_path: Path) -> None:
    path = _mission(tmp_path, sealed=False)
    elsewhere = tmp_path / "same-blocks.json"
    os.link(path, elsewhere)
    result = cli("shred", "--yes", "--db", path, "--exports", tmp_path / "exports")
    assert result.exit_code == 0, result.output
    assert set(elsewhere.read_bytes()) == {0}
    assert "old blocks" in result.stderr
    assert _readable(tmp_path, "Witness", "Astana") == []


def test_shred_without_yes_asks_and_changes_nothing_when_it_cannot(tmp_path: Path) -> None:
    path = _mission(tmp_path, sealed=False)
    before = path.read_bytes()
    result = cli("shred", "--db", path, input="")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert path.read_bytes() == before


def test_wrong_passphrases_warn_then_shred_when_armed(tmp_path: Path) -> None:
    path = _mission(tmp_path, sealed=True)
    assert cli("wipe-after", "3", "--db", path).exit_code == 0
    crypto.forget_keys()
    for left in (2, 1):
        with pytest.raises(WrongPassphrase, match=f"{left} more wrong passphrase"):
            Store(path, lambda: "a guess at it").data()
    Store(path, lambda: PASS).data()  # the right one starts the count again
    crypto.forget_keys()
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            Store(path, lambda: "a guess at it").data()
    with pytest.raises(WrongPassphrase, match="were shredded"):
        Store(path, lambda: "a guess at it").data()
    assert not path.exists() and not backups.backup_folder(path).exists()
    assert _readable(tmp_path / "data", "Witness") == []


def test_wipe_after_needs_an_encrypted_mission(tmp_path: Path) -> None:
    path = _mission(tmp_path, sealed=False)
    result = cli("wipe-after", "3", "--db", path)
    assert result.exit_code == 2 and "not encrypted" in result.stderr


def test_the_key_goes_before_anything_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _mission(tmp_path, sealed=True)
    order: list[str] = []
    real_destroy, real_overwrite = shred.destroy_key, shred.overwrite
    monkeypatch.setattr(shred, "destroy_key", lambda p: order.append("key") or real_destroy(p))
    monkeypatch.setattr(shred, "overwrite", lambda p: order.append("wipe") or real_overwrite(p))
    shred.shred(path, tmp_path / "exports")
    assert "wipe" in order and order.index("wipe") > max(
        i for i, o in enumerate(order) if o == "key"
    )
