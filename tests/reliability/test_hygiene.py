"""Hygiene: owner-only files, no network, and a check that reports broken references."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.domain.meetings import Note
from fieldkit.storage.repository import Store
from tests.helpers import cli, cli_process

NO_NETWORK = r"""
import json, socket, sys

seen = []

def hook(event, args):
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                 "http.client.connect", "urllib.Request", "ftplib.connect", "smtplib.connect"):
        seen.append(f"{event} {args!r}")
        raise RuntimeError(f"network use: {event}")
    if event == "socket.__new__" and args[1] not in (socket.AF_UNIX, -1):
        seen.append(f"{event} family={args[1]!r}")
        raise RuntimeError(f"network socket: {event}")
    if event in ("socket.connect", "socket.bind", "socket.sendto") and not isinstance(
        args[1], (str, bytes)
    ):
        seen.append(f"{event} {args[1]!r}")
        raise RuntimeError(f"network use: {event}")

sys.addaudithook(hook)

from fieldkit.cli import app

codes = []
for args in json.loads(sys.argv[1]):
    try:
        app(args, prog_name="fieldkit", standalone_mode=False)
        codes.append(0)
    except SystemExit as exc:
        codes.append(exc.code)
    except Exception as exc:
        codes.append(repr(exc))
print(json.dumps({"codes": codes, "network": seen}))
"""


def _umask_files(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_no_command_opens_a_network_socket(tmp_path: Path) -> None:
    db = str(tmp_path / "m.json")
    out = str(tmp_path / "out")
    fixture = Path(__file__).parents[2] / "src/fieldkit/data"
    upr_info = next(fixture.glob("upr-info-export_*.csv"))
    made = cli_process("demo", "--no-open", "--db", db)
    assert made.returncode == 0, made.stderr
    meeting = json.loads(cli_process("meetings", "--json", "--db", db).stdout)[0]["id"]
    commands = [
        ["items", "--db", db, "--search", "torture"],
        ["items", "--db", db, "--json", "--priority"],
        ["meetings", "--db", db],
        ["note", "add", "--db", db, "--meeting", meeting, "--kind", "concern", "cell 4"],
        ["response", "add", "--db", db, "--item", "CCPR-24", "--meeting", meeting]
        + ["--stance", "rejects", "--grade", "C"],
        ["action", "add", "--db", db, "--item", "CCPR-24", "send the list"],
        ["check", "--db", db],
        ["export", "bundle", "--db", db, "--out", out],
        ["export", "csv", "--db", db, "--out", out],
        ["export", "debrief", "--db", db, "--out", out],
        ["import", str(upr_info), "--db", db, "--format", "upr-info"],
        ["import", str(tmp_path / "out" / "mission-bundle.json"), "--db", db],
        ["restore", "--db", db],
        ["encrypt", "--db", db],
        ["items", "--db", db],
        ["decrypt", "--db", db],
        ["profile", "--name", "Test Delegate"],
    ]
    env = os.environ | {"FIELDKIT_PASSPHRASE": "no network passphrase"}
    ran = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, json.dumps(commands)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    report = json.loads(ran.stdout.strip().splitlines()[-1])
    assert report["network"] == []
    assert dict(zip(map(" ".join, commands), report["codes"], strict=True)) == {
        " ".join(c): 0 for c in commands
    }, ran.stderr


def test_the_network_guard_would_notice_a_connection(tmp_path: Path) -> None:
    guard = NO_NETWORK.replace("from fieldkit.cli import app", "import socket as app_socket")
    guard += "\ntry:\n    app_socket.create_connection(('192.0.2.1', 9), timeout=0.1)\n"
    guard += "except Exception:\n    pass\nprint(json.dumps(seen))\n"
    ran = subprocess.run(
        [sys.executable, "-c", guard, "[]"], capture_output=True, text=True, timeout=60
    )
    assert "socket" in ran.stdout.splitlines()[-1]


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_files_backups_and_exports_are_owner_only(tmp_path: Path, umask: int) -> None:
    db = tmp_path / "m.json"
    out = tmp_path / "exports"
    out.mkdir()
    old = os.umask(umask)
    try:
        assert cli("demo", "--no-open", "--db", db).exit_code == 0
        meeting = json.loads(cli("meetings", "--json", "--db", db).stdout)[0]["id"]
        added = cli("note", "add", "--db", db, "--meeting", meeting, "--kind", "quote", "said")
        assert added.exit_code == 0
        for kind in ("bundle", "csv", "debrief"):
            result = cli("export", kind, "--db", db, "--out", out, "--include-confidential")
            assert result.exit_code == 0, result.output
    finally:
        os.umask(old)
    modes = _umask_files(tmp_path)
    assert len([name for name in modes if name.startswith("exports/")]) == 3
    assert any(".backups/" in name for name in modes)
    assert {name: mode for name, mode in modes.items() if mode != 0o600} == {}
    folder_mode = stat.S_IMODE((tmp_path / "m.json.backups").stat().st_mode)
    assert folder_mode & 0o077 == 0


def test_check_reports_broken_references_without_crashing(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    assert cli("demo", "--no-open", "--db", db).exit_code == 0
    store = Store(db)
    orphan = Note(meeting_id="0badc0de-0000-4000-8000-000000000000", text="where was this said?")
    store.save(orphan)
    result = cli_process("check", "--db", db)
    assert result.returncode == 1
    assert f"note {orphan.id[:8]}: meeting 0badc0de does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_a_malformed_record_without_crashing(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    assert cli("demo", "--no-open", "--db", db).exit_code == 0
    tree = json.loads(db.read_text())
    tree["notes"] = {"1": {"id": "n1", "meeting_id": 42, "text": ["not", "text"]}}
    db.write_text(json.dumps(tree))
    result = cli_process("check", "--db", db)
    assert result.returncode in (1, 2)
    assert "notes" in result.stderr and "Traceback" not in result.stderr
    tree["notes"] = ["a list, not a table"]
    db.write_text(json.dumps(tree))
    result = cli_process("check", "--db", db)
    assert result.returncode == 2
    assert "damaged" in result.stderr and "Traceback" not in result.stderr


APP_RUN = """
import asyncio
from pathlib import Path
from fieldkit.storage.repository import Store
from fieldkit.ui.app import make_app

async def run() -> None:
    app = make_app(Store(Path(sys.argv[2])))
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in (["escape"], ["m"], ["enter"], [*"a note"], ["enter"], ["escape"], ["i"]):
            await pilot.press(*keys)
            await pilot.pause(0.2)

asyncio.run(run())
print(json.dumps({"codes": [0], "network": seen}))
"""


def test_the_app_opens_no_network_socket(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    assert cli("demo", "--no-open", "--db", db).exit_code == 0
    guard = NO_NETWORK.split("from fieldkit.cli import app")[0] + APP_RUN
    ran = subprocess.run(
        [sys.executable, "-c", guard, "[]", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert json.loads(ran.stdout.strip().splitlines()[-1])["network"] == []
    assert "a note" in {n.text for n in Store(db).data().notes.values()}
