"""Crash harness: SIGKILL processes writing to one mission file, then prove nothing was lost.

Several writers work on one mission file at once: `fieldkit note add` processes (a change is
acknowledged when the command exits 0 and prints the note's id) and a Python process running
Store transactions in a loop (acknowledged when it prints the id after the transaction). The
harness kills a random writer at a random moment, again and again, and after every kill opens
the file. At the end the file must open, `fieldkit check` must pass, and every acknowledged
note must be in it, once.

    python -m bench.crash --kills 500            # the long run reported in docs/reliability.md
    python -m bench.crash --kills 40 --encrypt   # the same on an encrypted file
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldkit.storage.repository import Store

FIELDKIT = [sys.executable, "-m", "fieldkit"]
PASSPHRASE = "crash harness passphrase"
HANG_S = 90.0
TICK_S = 0.005
#: When to kill, in seconds after the start: spans a command's start-up, read, write and fsync.
CLI_WINDOW = (0.05, 3.0)
#: The loop writer saves every few tens of milliseconds once started (about 0.15 s).
LOOP_WINDOW = (0.15, 2.0)
KDF_S = 0.5

LOOP_WRITER = """
import random, sys, time
from pathlib import Path
from fieldkit.domain.meetings import Note
from fieldkit.storage.repository import Store

path, meeting, tag, secret = sys.argv[1:5]
store = Store(Path(path), (lambda: secret) if secret else None)
n = 0
while True:
    n += 1
    note = Note(meeting_id=meeting, text=f"{tag}-{n}", author="crash harness")
    with store.transaction() as tx:
        tx.put(note)
    print(note.id, flush=True)
    time.sleep(random.uniform(0, 0.03))  # like an app between keystrokes: others get the lock
"""


@dataclass
class Result:
    """What one run did and found; `ok` is the verdict."""

    kills: int = 0
    kills_cli: int = 0
    kills_loop: int = 0
    acknowledged: int = 0
    acknowledged_cli: int = 0
    acknowledged_loop: int = 0
    notes_in_file: int = 0
    killed_after_saving: int = 0
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    unreadable_after_kill: int = 0
    failed_commands: list[str] = field(default_factory=list)
    check_output: str = ""
    check_passed: bool = False
    hung: bool = False
    orphan_tmp_files: int = 0
    orphan_tmp_files_after_next_save: int = 0
    backups: int = 0
    bad_backups: int = 0
    encrypted: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (
            self.check_passed
            and not self.lost
            and not self.duplicated
            and not self.unreadable_after_kill
            and not self.failed_commands
            and not self.hung
            and not self.bad_backups
            and not self.orphan_tmp_files_after_next_save
        )


@dataclass
class Writer:
    proc: subprocess.Popen[str]
    kind: str  # "cli" or "loop"
    started: float
    text: str = ""


def _env(encrypt: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("FIELDKIT_DEBUG", None)
    env["FIELDKIT_AUTHOR"] = "crash harness"
    if encrypt:
        env["FIELDKIT_PASSPHRASE"] = PASSPHRASE
    return env


def _fieldkit(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FIELDKIT, *args], capture_output=True, text=True, env=env, timeout=HANG_S
    )


def _make_mission(path: Path, env: dict[str, str], encrypt: bool) -> list[str]:
    """A demo mission at `path`; returns its meeting ids."""
    args = ["demo", "--no-open", "--db", str(path)] + (["--encrypt"] if encrypt else [])
    made = _fieldkit(args, env)
    if made.returncode != 0:
        raise SystemExit(f"could not create the demo mission: {made.stderr.strip()}")
    listed = _fieldkit(["meetings", "--json", "--db", str(path)], env)
    return [m["id"] for m in json.loads(listed.stdout)]


def _store(path: Path, encrypt: bool) -> Store:
    from fieldkit.storage.repository import Store

    return Store(path, (lambda: PASSPHRASE) if encrypt else None)


def _can_open(path: Path, encrypt: bool) -> bool:
    from fieldkit.storage.errors import StorageError

    try:
        _store(path, encrypt).data()
    except StorageError:
        return False
    return True


def run(
    kills: int = 40,
    cli_writers: int = 3,
    seed: int | None = None,
    folder: Path | None = None,
    encrypt: bool = False,
    log: bool = False,
) -> Result:
    """Kill `kills` writers at random moments; return what was acknowledged and what survived."""
    rng = random.Random(seed)
    env = _env(encrypt)
    own_folder = folder is None
    work = Path(tempfile.mkdtemp(prefix="fieldkit-crash-")) if folder is None else folder
    path = work / "mission.json"
    meetings = _make_mission(path, env, encrypt)
    result = Result(encrypted=encrypt)
    acked: list[str] = []
    killed_texts: list[str] = []
    counter = 0
    started = time.monotonic()

    def spawn(kind: str) -> Writer:
        nonlocal counter
        counter += 1
        meeting = rng.choice(meetings)
        if kind == "loop":
            secret = PASSPHRASE if encrypt else ""
            args = ["-c", LOOP_WRITER, str(path), meeting, f"loop{counter}", secret]
            cmd = [sys.executable, *args]
        else:
            text = f"crash note {counter}: Жаңаөзен — «quoted» \u00e9"
            cmd = [*FIELDKIT, "note", "add", "--db", str(path), "--meeting", meeting]
            cmd += ["--kind", "statement", text]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        return Writer(proc, kind, time.monotonic(), text if kind == "cli" else "")

    def reap(writer: Writer, killed: bool) -> None:
        out, err = writer.proc.communicate(timeout=HANG_S)
        if writer.kind == "loop":
            lines = out.split("\n")
            done = [line for line in lines[:-1] if line]  # the last piece may be cut short
            acked.extend(done)
            result.acknowledged_loop += len(done)
            if not killed:  # it only stops when killed
                result.failed_commands.append(err.strip()[-300:] or "the loop writer stopped")
        elif writer.proc.returncode == 0:
            acked.append(out.strip())
            result.acknowledged_cli += 1
        elif not killed:
            result.failed_commands.append(err.strip() or f"exit {writer.proc.returncode}")
        else:
            killed_texts.append(writer.text)

    def kill_time(kind: str) -> float:
        low, high = CLI_WINDOW if kind == "cli" else LOOP_WINDOW
        extra = KDF_S if encrypt else 0.0  # each new process derives the key first
        return time.monotonic() + extra + rng.uniform(low, high)

    writers = [spawn("loop")] + [spawn("cli") for _ in range(cli_writers)]
    deadlines = [kill_time(w.kind) for w in writers]
    while result.kills < kills and not result.hung:
        time.sleep(TICK_S)
        for i, writer in enumerate(writers):
            now = time.monotonic()
            if writer.proc.poll() is not None:
                reap(writer, killed=False)
            elif now >= deadlines[i]:
                writer.proc.send_signal(signal.SIGKILL)
                writer.proc.wait()
                result.kills += 1
                if writer.kind == "loop":
                    result.kills_loop += 1
                else:
                    result.kills_cli += 1
                reap(writer, killed=True)
                if not _can_open(path, encrypt):
                    result.unreadable_after_kill += 1
                if log and result.kills % 50 == 0:
                    print(f"{result.kills} kills, {len(acked)} acknowledged", file=sys.stderr)
            elif now - writer.started > HANG_S:
                result.hung = True
                continue
            else:
                continue
            writers[i] = spawn(writer.kind)
            deadlines[i] = kill_time(writer.kind)
            if result.kills >= kills:
                break
    for writer in writers:
        if writer.kind == "loop":
            writer.proc.send_signal(signal.SIGKILL)
        try:
            writer.proc.wait(timeout=HANG_S)
        except subprocess.TimeoutExpired:
            result.hung = True
            writer.proc.kill()
        reap(writer, killed=writer.kind == "loop")

    _verify(path, env, encrypt, acked, result)
    texts = {note.text for note in _store(path, encrypt).data().notes.values()}
    result.killed_after_saving = sum(1 for text in killed_texts if text in texts)
    result.seconds = round(time.monotonic() - started, 1)
    if own_folder and result.ok:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return result


def _verify(
    path: Path, env: dict[str, str], encrypt: bool, acked: list[str], result: Result
) -> None:
    from fieldkit.storage import backups

    result.acknowledged = len(acked)
    checked = _fieldkit(["check", "--db", str(path)], env)
    result.check_passed = checked.returncode == 0
    result.check_output = (checked.stdout + checked.stderr).strip()
    store = _store(path, encrypt)
    notes = store.data().notes
    result.notes_in_file = len(notes)
    result.lost = [note_id for note_id in acked if note_id not in notes]
    in_file = [note.id for note in notes.values()]
    result.duplicated = sorted({i for i in in_file if in_file.count(i) > 1})
    result.orphan_tmp_files = len(list(path.parent.glob(f".{path.name}*.tmp")))
    found = backups.list_backups(path)
    result.backups = len(found)
    result.bad_backups = sum(1 for b in found if not store.file.is_good(b))
    from fieldkit.domain.meetings import Note

    with store.transaction() as tx:  # the next save clears what killed saves left behind
        meeting_id = next(iter(tx.data.meetings))
        tx.put(Note(meeting_id=meeting_id, text="after the crashes", author="crash harness"))
    result.orphan_tmp_files_after_next_save = len(list(path.parent.glob(f".{path.name}*.tmp")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--writers", type=int, default=3, help="concurrent `note add` processes")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--encrypt", action="store_true", help="run on an encrypted file")
    parser.add_argument("--folder", type=Path, default=None, help="keep the mission here")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    if args.folder is not None:
        args.folder.mkdir(parents=True, exist_ok=True)
    result = run(args.kills, args.writers, args.seed, args.folder, args.encrypt, log=True)
    summary = asdict(result) | {"ok": result.ok}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for key, value in summary.items():
            shown = value if not isinstance(value, list) else f"{len(value)} {value[:3]}"
            print(f"{key:>22}: {shown}")
    sys.exit(0 if result.ok else 1)


if __name__ == "__main__":
    main()
