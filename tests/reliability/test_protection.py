"""An encrypted mission never leaks: races, a full disk, unreadable copies, restores, links."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from fieldkit.domain.directory import Person
from fieldkit.reports.document import write_bytes
from fieldkit.storage import backups, crypto
from fieldkit.storage.lock import MissionLock
from fieldkit.storage.repository import Store
from tests.helpers import cli, cli_process
from tests.reliability.conftest import add_note, new_mission, note_texts, tmpfs

PASS = "test passphrase"
SECRET = "Witness K. described the beating in cell 4"


def is_sealed(data: bytes) -> bool:
    return data.startswith(crypto.ENCRYPTED_MAGIC)


def plain_beside_sealed(path: Path) -> list[str]:
    """Every copy of the mission in plain form while the file itself is encrypted."""
    if not is_sealed(path.read_bytes()):
        return []
    copies = [p for p in path.parent.rglob("*") if p.is_file() and p != path]
    return [p.name for p in copies if p.stat().st_size and not is_sealed(p.read_bytes())]


def with_backups(path: Path, notes: int = 4) -> Store:
    store, meeting = new_mission(path)
    for n in range(notes):
        add_note(store, meeting, f"{SECRET} ({n})")
    return store


@contextmanager
def racing(monkeypatch: pytest.MonkeyPatch, *args: str | Path) -> Iterator[None]:
    """Run `fieldkit ARGS` as another process just before this process's next lock.

    As if the other command had won the race for the lock: it runs to the end first.
    """
    real = MissionLock.held
    raced: list[int] = []

    @contextmanager
    def held(self: MissionLock) -> Iterator[None]:
        if not raced:
            raced.append(1)
            other = cli_process(*args, env={"FIELDKIT_PASSPHRASE": PASS})
            assert other.returncode == 0, other.stderr
        with real(self):
            yield

    monkeypatch.setattr(MissionLock, "held", held)
    yield


@pytest.mark.usefixtures("cheap_kdf")
def test_decrypt_that_loses_the_race_to_encrypt_leaves_no_plain_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    with_backups(path)
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    with racing(monkeypatch, "encrypt", "--db", path):
        result = cli("decrypt", "--db", path)
    assert result.exit_code in (0, 2), result.output
    assert plain_beside_sealed(path) == []
    assert cli("check", "--db", path).exit_code == 0


@pytest.mark.usefixtures("cheap_kdf")
def test_encrypt_that_loses_the_race_to_decrypt_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    with_backups(path)
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    assert cli("encrypt", "--db", path).exit_code == 0
    with racing(monkeypatch, "decrypt", "--db", path):
        result = cli("encrypt", "--db", path)
    assert result.exit_code == 2, result.output
    assert "decrypted meanwhile" in result.stderr
    assert not is_sealed(path.read_bytes())
    assert cli("check", "--db", path).exit_code == 0


@pytest.mark.parametrize("room", [0.5, 1.5], ids=["half a file free", "1.5 files free"])
def test_a_full_disk_during_encrypt_leaves_no_plain_copy_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room: float
) -> None:
    with tmpfs(tmp_path / "small", "4m") as folder:
        path = folder / "data" / "m.json"
        store = with_backups(path, notes=1)
        with store.transaction() as tx:  # a mission of some size, so a file is many blocks
            tx.put(*(Person(name=f"Official {n}", contact=f"+7 {n:07}") for n in range(1500)))
        add_note(store, next(iter(store.data().meetings.values())), "last")
        size = path.stat().st_size
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        filler = folder / "filler"  # beside the mission's folder, not in it
        filler.write_bytes(b"\0" * (free - int(size * room)))
        monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
        result = cli("encrypt", "--db", path)
        assert "unexpected" not in result.stderr
        assert plain_beside_sealed(path) == []
        if result.exit_code != 0:
            assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
            assert "still plain" in result.stderr
            filler.unlink()
            assert cli("encrypt", "--db", path).exit_code == 0
        assert is_sealed(path.read_bytes()) and plain_beside_sealed(path) == []
        assert note_texts(path, PASS) >= {"last"}


@pytest.mark.usefixtures("cheap_kdf")
def test_a_backup_that_cannot_be_read_is_not_left_plain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    with_backups(path)
    unreadable = backups.list_backups(path)[-1]
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == unreadable:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    result = cli("encrypt", "--db", path)
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert "removed 1 copy" in result.stderr
    assert not unreadable.exists()
    assert plain_beside_sealed(path) == []


@pytest.mark.usefixtures("cheap_kdf")
def test_restoring_a_plain_copy_keeps_an_encrypted_mission_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    with_backups(path)
    plain_copy = tmp_path / "old-copy.json"
    shutil.copy(path, plain_copy)
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    assert cli("encrypt", "--db", path).exit_code == 0
    result = cli("restore", "--db", path, "--from", plain_copy)
    assert result.exit_code == 0, result.output
    assert is_sealed(path.read_bytes())
    plain_copy.unlink()
    assert plain_beside_sealed(path) == []
    assert len(note_texts(path, PASS)) == 4


@pytest.mark.usefixtures("cheap_kdf")
def test_check_reports_a_plain_copy_of_an_encrypted_mission_whatever_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    with_backups(path)
    plain = path.read_bytes()
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    assert cli("encrypt", "--db", path).exit_code == 0
    assert cli("check", "--db", path).exit_code == 0
    planted = [
        backups.backup_folder(path) / "copy I made.json",
        tmp_path / f".{path.name}.abcd1234.tmp",
        tmp_path / f"{path.name}.draft",
    ]
    for where in planted:
        where.write_bytes(plain)
        result = cli("check", "--db", path)
        assert result.exit_code == 1, where
        assert f"plain copy of the encrypted mission: {where}" in result.stderr
        where.unlink()
    assert cli("check", "--db", path).exit_code == 0


@pytest.mark.usefixtures("cheap_kdf")
@pytest.mark.parametrize(
    "name", ["m.sync-conflict-20261130-071500-ABCDEFG.json", "m (conflicted copy 2026-11-30).json"]
)
def test_check_reports_a_plain_sync_conflict_copy_of_an_encrypted_mission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / "m.json"
    with_backups(path)
    plain = path.read_bytes()
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    assert cli("encrypt", "--db", path).exit_code == 0
    (tmp_path / name).write_bytes(plain)
    result = cli("check", "--db", path)
    assert result.exit_code == 1
    assert f"plain copy of the encrypted mission: {tmp_path / name}" in result.stderr


def test_a_symlinked_mission_path_stays_a_link_and_shares_the_lock(tmp_path: Path) -> None:
    real = tmp_path / "stick" / "m.json"
    store, meeting = new_mission(real)
    link = tmp_path / "mission.json"
    link.symlink_to(real)
    add_note(Store(link), meeting, "through the link")
    assert link.is_symlink()
    assert note_texts(real) == {"through the link"}
    assert Store(link).file.lock.path == Store(real).file.lock.path
    assert not (tmp_path / "mission.json.backups").exists()


def test_contacts_kept_in_unknown_fields_stay_out_of_a_default_bundle(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, _ = new_mission(path)
    person = Person.from_dict(
        {"name": "A. Official", "email": "a@gov.example", "phone": "+7 701 000 00 00"}
    )
    store.save(person)
    out = tmp_path / "b.json"
    assert cli("export", "bundle", "--db", path, "--out", out).exit_code == 0
    assert b"a@gov.example" not in out.read_bytes() and b"701 000" not in out.read_bytes()
    kept = cli("export", "bundle", "--db", path, "--out", out, "--include-confidential")
    assert kept.exit_code == 0
    assert b"a@gov.example" in out.read_bytes()


def test_a_bundle_nested_500_deep_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    new_mission(path)
    deep: list[object] = []
    for _ in range(500):
        deep = [deep]
    item = {"id": "a", "text": "t", "x": deep}
    source = tmp_path / "deep.json"
    source.write_text(json.dumps({"format": "fieldkit-bundle", "version": 1, "items": [item]}))
    before = path.read_bytes()
    result = cli("import", source, "--db", path)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "unexpected" not in result.stderr
    assert path.read_bytes() == before


def test_paths_longer_than_the_system_takes_are_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    new_mission(path)
    too_long = tmp_path / ("x" * 300) / "out.json"
    deep = tmp_path.joinpath(*(["d"] * 2100), "m.json")
    for args in (["export", "bundle", "--db", path, "--out", too_long], ["items", "--db", deep]):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1 and "too long" in result.stderr


def test_folders_fieldkit_creates_are_private_under_any_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    old = os.umask(0)
    try:
        made = cli("init", "--name", "N", "--country", "C", "--db", tmp_path / "a/data/m.json")
        assert made.exit_code == 0, made.output
        out = tmp_path / "b" / "exports" / "x.json"
        assert (
            cli("export", "bundle", "--db", tmp_path / "a/data/m.json", "--out", out).exit_code == 0
        )
        assert cli("profile", "--name", "Test Delegate").exit_code == 0
        write_bytes(tmp_path / "c" / "exports" / "debrief.docx", b"as the app's exports do")
    finally:
        os.umask(old)
    for folder in ("a", "a/data", "b", "b/exports", "c", "c/exports", "config", "config/fieldkit"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder


def test_crypto_does_not_import_the_mission_file_module() -> None:
    source = Path(crypto.__file__).read_text()
    assert "mission_file" not in source


@pytest.mark.usefixtures("cheap_kdf")
def test_an_encrypted_bundle_imports_and_merges_with_its_own_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    with_backups(path, notes=2)
    out = tmp_path / "carry.json"
    monkeypatch.setenv("FIELDKIT_BUNDLE_PASSPHRASE", "bundle passphrase")
    made = cli("export", "bundle", "--encrypt", "--without", "people", "--db", path, "--out", out)
    assert made.exit_code == 0, made.output
    assert is_sealed(out.read_bytes()) and b"Witness" not in out.read_bytes()
    other = tmp_path / "other laptop" / "m.json"
    assert cli("import", out, "--db", other).exit_code == 0
    assert len(note_texts(other)) == 2
    assert cli("merge", out, "--db", path).exit_code == 0
    monkeypatch.setenv("FIELDKIT_BUNDLE_PASSPHRASE", "not the one")
    refused = cli("import", out, "--db", tmp_path / "third.json")
    assert refused.exit_code == 2 and "wrong passphrase" in refused.stderr
