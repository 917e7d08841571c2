"""The storage rules, on real files: atomic saves, lock, backups, migration, corrupt input."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from tinydb import TinyDB

from fieldkit.domain.meetings import Meeting, Note
from fieldkit.domain.mission import Mission
from fieldkit.storage import backups
from fieldkit.storage.errors import CorruptFile, MissingFile, NewerSchema, WriteFailed
from fieldkit.storage.repository import Store
from fieldkit.storage.schema import SCHEMA_VERSION


def _new(path: Path) -> tuple[Store, Meeting]:
    store = Store(path)
    meeting = Meeting(title="Ombudsman", starts_at="2017-04-11T09:30")
    store.create(Mission(name="M", country="Kazakhstan"), [meeting])
    return store, meeting


def test_a_save_is_atomic_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    store, meeting = _new(path)
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(WriteFailed, match="No space left"):
        store.save(Note(meeting_id=meeting.id, text="lost?"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    # The store recovers: the next save works and holds only what was acknowledged.
    store.save(Note(meeting_id=meeting.id, text="kept"))
    assert [n.text for n in Store(path).data().notes.values()] == ["kept"]


def test_files_and_backups_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = _new(path)
    store.save(Note(meeting_id=meeting.id, text="a"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    found = backups.list_backups(path)
    assert found
    for backup in found:
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_backups_are_previous_versions_and_roll(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = _new(path)
    versions = [path.read_bytes()]
    for n in range(backups.KEEP + 3):
        store.save(Note(meeting_id=meeting.id, text=f"note {n}"))
        versions.append(path.read_bytes())
    kept = backups.list_backups(path)
    assert len(kept) == backups.KEEP
    # Newest backup is the version before the last save.
    assert kept[0].read_bytes() == versions[-2]


def test_the_file_is_a_tinydb_file_with_its_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    _new(path)
    with TinyDB(path, access_mode="r") as db:
        assert db.table("_meta").all()[0]["schema_version"] == SCHEMA_VERSION
        assert db.table("mission").all()[0]["name"] == "M"
        assert db.table("meetings").all()[0]["title"] == "Ombudsman"


def test_an_unversioned_file_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    old = {"mission": {"1": Mission(name="Old").to_dict()}, "items": {}}
    path.write_text(json.dumps(old))
    data = Store(path).data()
    assert data.mission is not None and data.mission.name == "Old"
    stored = json.loads(path.read_text())
    assert stored["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert json.loads(backups.list_backups(path)[0].read_text()) == old


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    path.write_text(json.dumps({"_meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}))
    before = path.read_bytes()
    with pytest.raises(NewerSchema, match="newer than this fieldkit"):
        Store(path).data()
    assert path.read_bytes() == before


def test_a_truncated_file_names_the_newest_good_backup(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = _new(path)
    store.save(Note(meeting_id=meeting.id, text="first"))
    good = path.read_bytes()
    store.save(Note(meeting_id=meeting.id, text="second"))
    path.write_bytes(path.read_bytes()[: len(good) // 2])
    with pytest.raises(CorruptFile) as caught:
        Store(path).data()
    assert caught.value.backup == backups.list_backups(path)[0]
    assert caught.value.backup.read_bytes() == good
    assert caught.value.restore_command == (
        f"fieldkit restore --db {path} --from {caught.value.backup}"
    )
    Store(path).file.restore(caught.value.backup)
    assert [n.text for n in Store(path).data().notes.values()] == ["first"]


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(MissingFile, match="fieldkit init"):
        Store(tmp_path / "none.json").data()


def test_a_change_is_applied_to_the_freshest_content(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    first, meeting = _new(path)
    second = Store(path)
    assert len(first.data().notes) == 0 and len(second.data().notes) == 0
    first.save(Note(meeting_id=meeting.id, text="from the first delegate"))
    second.save(Note(meeting_id=meeting.id, text="from the second delegate"))
    texts = sorted(n.text for n in Store(path).data().notes.values())
    assert texts == ["from the first delegate", "from the second delegate"]
    assert first.changed_on_disk()
    assert len(first.data().notes) == 2


def test_a_failed_transaction_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = _new(path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.put(Note(meeting_id=meeting.id, text="half"))
        raise RuntimeError("interrupted")
    assert path.read_bytes() == before
    assert len(store.data().notes) == 0


def test_a_transaction_without_changes_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, _ = _new(path)
    before = os.stat(path)
    with store.transaction() as tx:
        assert tx.data.mission is not None
    after = os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_delete_and_update_by_id(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = _new(path)
    note = Note(meeting_id=meeting.id, text="draft wording")
    store.save(note)
    store.save(note.touched(text="final wording"))
    assert [n.text for n in Store(path).data().notes.values()] == ["final wording"]
    assert store.remove(Note, note.id)
    assert not store.remove(Note, note.id)
    assert Store(path).data().notes == {}


def test_after_a_save_only_the_changed_records_are_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = _new(path)
    first = Note(meeting_id=meeting.id, text="first")
    store.save(first)
    before = store.data().notes[first.id]
    second = Note(meeting_id=meeting.id, text="second")
    store.save(second)
    after = store.data()
    assert after.notes[first.id] is before  # reused, not converted again
    assert after.notes[second.id] == second
    # A change made by another process is read in full.
    Store(path).save(first.touched(text="edited elsewhere"))
    assert store.data().notes[first.id].text == "edited elsewhere"
