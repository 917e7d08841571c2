"""Killed writers and concurrent writers: every acknowledged change survives, nothing deadlocks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bench.crash import FIELDKIT, run

from fieldkit.storage.repository import Store
from tests.helpers import cli_process
from tests.reliability.conftest import new_mission


def _report(result: object) -> str:
    return "\n".join(f"{k}: {v}" for k, v in vars(result).items())


def test_thirty_kills_lose_nothing_acknowledged(tmp_path: Path) -> None:
    result = run(kills=30, seed=20170411, folder=tmp_path)
    assert result.ok, _report(result)
    assert result.kills == 30 and result.kills_loop > 0 and result.kills_cli > 0
    assert result.acknowledged > 0
    assert result.notes_in_file >= result.acknowledged
    assert result.orphan_tmp_files_after_next_save == 0


@pytest.mark.slow
def test_kills_on_an_encrypted_file_lose_nothing(tmp_path: Path) -> None:
    result = run(kills=6, seed=7, folder=tmp_path, encrypt=True, cli_writers=2)
    assert result.ok, _report(result)
    assert result.acknowledged > 0


STORE_WRITER = """
import sys
from pathlib import Path
from fieldkit.domain.meetings import Note
from fieldkit.storage.repository import Store

store = Store(Path(sys.argv[1]))
for n in range(int(sys.argv[3])):
    note = Note(meeting_id=sys.argv[2], text=f"{sys.argv[4]} {n}", author="writer")
    with store.transaction() as tx:
        assert tx.data.meetings[sys.argv[2]]
        tx.put(note)
    print(note.id, flush=True)
"""


def test_processes_writing_at_once_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    _, meeting = new_mission(path)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", STORE_WRITER, str(path), meeting.id, "25", f"store{w}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(3)
    ]
    commands = [
        subprocess.Popen(
            [*FIELDKIT, "note", "add", "--db", str(path), "--meeting", meeting.id[:8]]
            + ["--kind", "statement", f"cli {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    acknowledged: list[str] = []
    for proc in writers + commands:
        out, err = proc.communicate(timeout=120)  # a deadlock fails here
        assert proc.returncode == 0, err
        acknowledged += out.split()
    assert len(acknowledged) == 3 * 25 + 8
    notes = Store(path).data().notes
    assert set(acknowledged) == set(notes)
    checked = cli_process("check", "--db", path)
    assert checked.returncode == 0, checked.stderr
    assert "83 notes" in checked.stdout


def test_encrypt_and_decrypt_killed_mid_way_leave_no_plain_copy_unreported(
    tmp_path: Path,
) -> None:
    from bench import crash_convert

    result = crash_convert.run(kills=6, seed=20170411, folder=tmp_path)
    assert result.ok, _report(result)
    assert result.kills == 6 and result.mid_way > 0
