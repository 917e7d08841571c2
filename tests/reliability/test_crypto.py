"""Encryption at rest: nothing of the mission readable on disk, and a passphrase that is checked."""

from __future__ import annotations

import stat
import unicodedata
from pathlib import Path

import pytest

from fieldkit.storage import backups, crypto
from fieldkit.storage.errors import CorruptFile, PassphraseNeeded, WrongPassphrase
from fieldkit.storage.mission_file import ENCRYPTED_MAGIC
from fieldkit.storage.repository import Store
from tests.helpers import cli, cli_process
from tests.reliability.conftest import add_note, new_mission, note_texts

PASS = "test passphrase"
SECRET = "Witness K. described the beating in cell 4"

pytestmark = pytest.mark.usefixtures("cheap_kdf")


def _every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _leaks(folder: Path, *words: str) -> list[str]:
    found = []
    for path in _every_file(folder):
        data = path.read_bytes()
        for word in words:
            if word.encode() in data or word.encode("utf-16-le") in data:
                found.append(f"{path.name}: {word}")
    return found


def _sealed(path: Path) -> tuple[Store, object]:
    codec = crypto.SealedCodec.create(PASS)
    store, meeting = new_mission(path, codec)
    return store, meeting


def test_an_encrypted_file_holds_no_plaintext_anywhere(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = _sealed(path)
    for n in range(3):
        add_note(store, meeting, f"{SECRET} ({n})")  # type: ignore[arg-type]
    assert path.read_bytes().startswith(ENCRYPTED_MAGIC)
    assert len(backups.list_backups(path)) == 3
    assert _leaks(tmp_path, "Kazakhstan", "Witness K.", "Ombudsman", "Astana") == []
    for file in _every_file(tmp_path):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    crypto.forget_keys()
    assert {t[:42] for t in note_texts(path, PASS)} == {SECRET}


def test_every_save_uses_a_fresh_nonce_and_derives_the_key_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    store, meeting = _sealed(path)
    calls: list[int] = []
    real = crypto.derive
    monkeypatch.setattr(crypto, "derive", lambda *a: calls.append(1) or real(*a))
    crypto.forget_keys()
    reader = Store(path, lambda: PASS)
    reader.data()
    assert len(calls) == 1
    bodies = set()
    for n in range(5):
        add_note(reader, meeting, f"note {n}")  # type: ignore[arg-type]
        header = crypto.parse_header(path.read_bytes())
        bodies.add(path.read_bytes()[len(header.raw) : len(header.raw) + crypto.NONCE_BYTES])
    Store(path, lambda: PASS).data()  # another store in the same process: cached key
    assert len(calls) == 1
    assert len(bodies) == 5


def test_a_wrong_passphrase_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    _sealed(path)
    crypto.forget_keys()
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        Store(path, lambda: "not the passphrase").data()
    with pytest.raises(PassphraseNeeded, match="is encrypted"):
        Store(path).data()
    result = cli("items", "--db", path, input="")
    assert result.exit_code == 2
    assert path.read_bytes() == before


def test_the_cli_exits_2_with_one_line_on_a_wrong_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    _sealed(path)
    crypto.forget_keys()
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "not the passphrase")
    result = cli("items", "--db", path)
    assert result.exit_code == 2
    assert result.stderr == f"fieldkit: wrong passphrase for {path}; nothing was changed\n"
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    assert cli("check", "--db", path).exit_code == 0


def test_damage_is_told_apart_from_a_wrong_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = _sealed(path)
    add_note(store, meeting, "kept")  # type: ignore[arg-type]
    data = path.read_bytes()
    header = crypto.parse_header(data)
    cases = {
        "cut short": data[: len(data) - 40],
        "flipped byte": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
        "no header end": data[: len(ENCRYPTED_MAGIC) + 20],
        "garbage header": ENCRYPTED_MAGIC + b"\n{]\n" + data[len(header.raw) :],
    }
    for name, spoiled in cases.items():
        path.write_bytes(spoiled)
        with pytest.raises(CorruptFile) as caught:
            Store(path, lambda: PASS).data()
        assert caught.value.backup is not None, name
        assert "restore" in str(caught.value), name
    # Altered key-derivation parameters derive another key: that reads as a wrong passphrase.
    path.write_bytes(data.replace(b'"r":8', b'"r":9'))
    with pytest.raises(WrongPassphrase):
        Store(path, lambda: PASS).data()


def test_a_hostile_header_cannot_ask_for_gigabytes(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    _sealed(path)
    data = path.read_bytes()
    header = crypto.parse_header(data)
    n = f'"n":{header.params.n}'.encode()
    path.write_bytes(data.replace(n, b'"n":1073741824'))
    crypto.forget_keys()
    with pytest.raises(CorruptFile, match="impossible key-derivation parameters"):
        Store(path, lambda: PASS).data()


def test_encrypt_and_decrypt_an_existing_file_with_its_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    add_note(store, meeting, SECRET)
    add_note(store, meeting, "second")
    (tmp_path / f".{path.name}.abcd1234.tmp").write_text(SECRET)  # left by a killed save
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    result = cli("encrypt", "--db", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(path)
    assert _leaks(tmp_path, "Kazakhstan", "Witness K.") == []
    assert cli("encrypt", "--db", path).exit_code == 2
    crypto.forget_keys()
    assert note_texts(path, PASS) == {SECRET, "second"}
    restored = cli("restore", "--db", path)
    assert restored.exit_code == 0, restored.output
    assert note_texts(path, PASS) == {SECRET, "second"}

    assert cli("decrypt", "--db", path).exit_code == 0
    assert not path.read_bytes().startswith(ENCRYPTED_MAGIC)
    assert all(not b.read_bytes().startswith(ENCRYPTED_MAGIC) for b in backups.list_backups(path))
    monkeypatch.delenv("FIELDKIT_PASSPHRASE")
    assert note_texts(path) == {SECRET, "second"}
    assert cli("decrypt", "--db", path).exit_code == 2


def test_encrypting_needs_a_real_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    new_mission(path)
    before = path.read_bytes()
    assert cli("encrypt", "--db", path, input="").exit_code == 2  # no terminal, no variable
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "short")
    result = cli("encrypt", "--db", path)
    assert result.exit_code == 2 and "at least 8 characters" in result.stderr
    assert path.read_bytes() == before
    result = cli("init", "--name", "N", "--country", "C", "--encrypt", "--db", tmp_path / "n.json")
    assert result.exit_code == 2
    assert not (tmp_path / "n.json").exists()


def test_an_encrypted_demo_leaks_nothing_and_opens_only_with_its_passphrase(
    tmp_path: Path,
) -> None:
    """The acceptance test, with the real key-derivation cost, as separate processes."""
    path = tmp_path / "demo" / "m.json"
    env = {"FIELDKIT_PASSPHRASE": "correct horse battery staple"}
    made = cli_process("demo", "--no-open", "--encrypt", "--db", path, env=env)
    assert made.returncode == 0, made.stderr
    meeting = cli_process("meetings", "--json", "--db", path, env=env)
    meeting_id = meeting.stdout.split('"id": "')[1][:8]
    added = cli_process(
        "note", "add", "--db", path, "--meeting", meeting_id, "--kind", "quote", SECRET, env=env
    )
    assert added.returncode == 0, added.stderr
    assert _leaks(path.parent, "Kazakhstan", "Witness K.", "Zhanaozen") == []
    wrong = cli_process("items", "--db", path, env={"FIELDKIT_PASSPHRASE": "guess"})
    assert wrong.returncode == 2
    assert wrong.stderr.count("\n") == 1 and "wrong passphrase" in wrong.stderr
    checked = cli_process("check", "--db", path, env=env)
    assert checked.returncode == 0 and "1 note," in checked.stdout
    header = crypto.parse_header(path.read_bytes())
    assert (header.params.n, header.params.r, header.params.p) == (2**17, 8, 1)


def test_restore_with_a_wrong_passphrase_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    store, meeting = _sealed(path)
    add_note(store, meeting, "kept")  # type: ignore[arg-type]
    crypto.forget_keys()
    before = path.read_bytes()
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "not the passphrase")
    for args in ([], ["--from", backups.list_backups(path)[0]]):
        result = cli("restore", "--db", path, *args)
        assert result.exit_code == 2
        assert "wrong passphrase" in result.stderr, result.stderr
    assert path.read_bytes() == before


def test_encrypt_again_finishes_an_interrupted_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    add_note(store, meeting, SECRET)
    plain = path.read_bytes()
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    assert cli("encrypt", "--db", path).exit_code == 0
    left = backups.backup_folder(path) / f"{path.name}.20170411T093000000000Z.bak"
    left.write_bytes(plain)  # as if `encrypt` had been killed before reaching this backup
    result = cli("encrypt", "--db", path)
    assert result.exit_code == 0, result.output
    assert "converted 1 backup left over" in result.stderr
    assert _leaks(tmp_path, "Kazakhstan", "Witness K.") == []
    assert cli("encrypt", "--db", path).exit_code == 2


def test_a_passphrase_with_accents_opens_whatever_the_keyboard(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    composed = "Жаңаөзен é déjà vu"
    store, meeting = new_mission(path, crypto.SealedCodec.create(composed))
    add_note(store, meeting, "kept")
    crypto.forget_keys()
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert note_texts(path, decomposed) == {"kept"}
