"""Failures of the disk and the folder: each gives a clear message and loses nothing saved."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldkit.storage import backups
from fieldkit.storage.errors import CorruptFile, LockTimeout, StorageError, WriteFailed
from fieldkit.storage.lock import MissionLock, lock_path
from tests.helpers import cli, cli_process
from tests.reliability.conftest import (
    add_note,
    new_mission,
    note_texts,
    own_mount,
    read_only,
    tmpfs,
)


def _no_space(*_: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _tmp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*.tmp")]


def test_disk_full_is_one_clear_line_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    add_note(store, meeting, "saved before the disk filled")
    before = path.read_bytes()
    monkeypatch.setattr(os, "fsync", _no_space)
    with pytest.raises(WriteFailed, match="No space left on device; nothing was changed"):
        add_note(store, meeting, "lost to a full disk")
    result = cli("note", "add", "--db", path, "--meeting", meeting.id[:8], "--kind", "concern", "x")
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr
    assert path.read_bytes() == before
    assert _tmp_files(tmp_path) == []
    assert note_texts(path) == {"saved before the disk filled"}
    add_note(store, meeting, "saved once there was room")
    assert note_texts(path) == {"saved before the disk filled", "saved once there was room"}


def test_failed_saves_do_not_push_older_backups_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An app retrying a save on a full disk must not replace the backup history."""
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    for n in range(4):
        add_note(store, meeting, f"note {n}")
    history = set(backups.list_backups(path))
    monkeypatch.setattr(os, "fsync", _no_space)
    for n in range(backups.KEEP + 2):
        with pytest.raises(WriteFailed):
            add_note(store, meeting, f"retry {n}")
    monkeypatch.undo()
    assert history <= set(backups.list_backups(path))


def test_a_really_full_file_system(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "256k") as folder:
        path = folder / "m.json"
        store, meeting = new_mission(path)
        add_note(store, meeting, "first")
        filler = folder / "filler"
        with filler.open("wb", buffering=0) as handle, pytest.raises(OSError):
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        with pytest.raises(WriteFailed, match="No space left on device"):
            add_note(store, meeting, "x" * 200_000)
        assert note_texts(path) == {"first"}
        assert _tmp_files(folder) == []
        assert cli("check", "--db", path).exit_code == 0
        filler.unlink()
        add_note(store, meeting, "second")
        assert note_texts(path) == {"first", "second"}


def test_a_read_only_folder(tmp_path: Path) -> None:
    with own_mount(tmp_path / "stick") as folder:
        path = folder / "m.json"
        store, meeting = new_mission(path)
        add_note(store, meeting, "written before")
        before = path.read_bytes()
        with read_only(folder):
            added = cli(
                "note", "add", "--db", path, "--meeting", meeting.id, "--kind", "concern", "new"
            )
            listed = cli("meetings", "--db", path)
        assert added.exit_code == 2, added.output
        assert added.stderr.count("\n") == 1
        assert "could not save" in added.stderr and "nothing was changed" in added.stderr
        assert listed.exit_code == 0 and "Ombudsman" in listed.stdout
        assert path.read_bytes() == before


def test_an_unusable_backup_folder_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    shutil.rmtree(backups.backup_folder(path), ignore_errors=True)
    backups.backup_folder(path).write_text("not a folder")
    before = path.read_bytes()
    result = cli("note", "add", "--db", path, "--meeting", meeting.id, "--kind", "concern", "x")
    assert result.exit_code == 2, result.output
    assert "could not save" in result.stderr and result.stderr.count("\n") == 1
    assert path.read_bytes() == before


def test_the_file_deleted_under_an_open_store(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    add_note(store, meeting, "said in the first meeting")
    add_note(store, meeting, "the last thing saved")
    path.unlink()
    with pytest.raises(StorageError) as caught:
        store.data()
    assert "restore" in str(caught.value)
    with pytest.raises(StorageError):
        add_note(store, meeting, "typed after the file vanished")
    assert not path.exists()
    restored = cli("restore", "--db", path)
    assert restored.exit_code == 0, restored.output
    assert note_texts(path) == {"said in the first meeting", "the last thing saved"}


def test_the_file_spoiled_under_an_open_store(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    add_note(store, meeting, "the last thing saved")
    spoiled = tmp_path / "other"
    spoiled.write_bytes(b"{ this is not a mission")
    os.replace(spoiled, path)
    with pytest.raises(CorruptFile) as caught:
        store.data()
    assert caught.value.backup is not None
    assert caught.value.restore_command is not None
    args = caught.value.restore_command.split()[1:]
    assert cli(*args).exit_code == 0
    assert note_texts(path) == {"the last thing saved"}


def test_the_file_replaced_by_another_mission_under_an_open_store(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    add_note(store, meeting, "ours")
    other_path = tmp_path / "other.json"
    other, other_meeting = new_mission(other_path)
    add_note(other, other_meeting, "theirs")
    os.replace(other_path, path)
    assert {n.text for n in store.data().notes.values()} == {"theirs"}
    add_note(store, other_meeting, "added after")
    assert note_texts(path) == {"theirs", "added after"}
    kept = [b for b in backups.list_backups(path) if "ours" in b.read_text()]
    assert kept, "the version holding our note is kept as a backup"


def test_a_lock_held_by_a_live_process_times_out_clearly(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    holder = _lock_holder(path)
    try:
        store.file.lock = MissionLock(path, timeout=0.3)
        with pytest.raises(LockTimeout, match="stayed locked by another fieldkit"):
            add_note(store, meeting, "waits")
    finally:
        holder.kill()
        holder.wait()
    assert note_texts(path) == set()


def test_a_stale_lock_from_a_killed_process_is_recovered(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    holder = _lock_holder(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock_path(path).exists()
    store.file.lock = MissionLock(path, timeout=5)
    add_note(store, meeting, "after the crash")
    added = cli_process(
        "note", "add", "--db", path, "--meeting", meeting.id, "--kind", "statement", "cli"
    )
    assert added.returncode == 0, added.stderr
    assert note_texts(path) == {"after the crash", "cli"}


def test_orphan_temporary_files_are_cleared_by_the_next_save(tmp_path: Path) -> None:
    """A save killed mid-write leaves its temporary file: a copy of the whole mission."""
    path = tmp_path / "m.json"
    store, meeting = new_mission(path)
    orphan = tmp_path / f".{path.name}.k1ll3d_x.tmp"
    orphan.write_bytes(path.read_bytes()[:100])
    unrelated = tmp_path / f".{path.name}-notes.tmp"
    unrelated.write_text("not ours")
    add_note(store, meeting, "next save")
    assert not orphan.exists()
    assert unrelated.exists()


LOCK_HOLDER = """
import sys, time
from pathlib import Path
from fieldkit.storage.lock import MissionLock
with MissionLock(Path(sys.argv[1])).held():
    print("locked", flush=True)
    time.sleep(60)
"""


def _lock_holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    time.sleep(0.05)
    return proc


def test_the_folder_taken_away_under_an_open_store(tmp_path: Path) -> None:
    """A USB stick pulled out while the mission is open, then put back."""
    stick = tmp_path / "stick"
    stick.mkdir()
    path = stick / "m.json"
    store, meeting = new_mission(path)
    add_note(store, meeting, "saved on the stick")
    stick.rename(tmp_path / "elsewhere")
    with pytest.raises(StorageError, match="not there any more .* put it back"):
        store.data()
    with pytest.raises(StorageError, match="nothing was changed|put it back"):
        add_note(store, meeting, "typed while the stick was out")
    (tmp_path / "elsewhere").rename(stick)
    assert {n.text for n in store.data().notes.values()} == {"saved on the stick"}
    add_note(store, meeting, "typed once it was back")
    assert note_texts(path) == {"saved on the stick", "typed once it was back"}
