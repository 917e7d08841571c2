"""Crash harness for conversions: SIGKILL `fieldkit encrypt` and `decrypt` mid-way.

A mission with ten backups is encrypted and decrypted again and again, and each command is
killed at a random moment. After every kill, a plain copy beside an encrypted file must be
one `fieldkit check` reports (the temporary file of the one write under way); the file must
open; and once `fieldkit encrypt` has run to the end, no plain byte of the mission may be
left anywhere and every note must still be there.

    python -m bench.crash_convert --kills 40
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.crash import FIELDKIT, HANG_S, PASSPHRASE, _env, _fieldkit

#: When to kill, as a share of how long an uninterrupted run of the same command took: the
#: conversion itself comes last, after start-up and the key derivation.
WINDOW = (0.5, 1.05)
NOTES = 12


@dataclass
class Result:
    kills: int = 0
    finished: int = 0  # commands that ran to the end before their kill time
    mid_way: int = 0  # kills that left copies in both forms: the conversion was under way
    leaks_after_kill: int = 0  # plain copies beside an encrypted file after a kill
    leaks_unreported: list[str] = field(default_factory=list)  # ... that check called sound
    unreadable_after_kill: int = 0
    leaks_at_end: list[str] = field(default_factory=list)
    notes_lost: int = 0
    check_output: str = ""
    check_passed: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (
            self.check_passed
            and not self.leaks_unreported
            and not self.unreadable_after_kill
            and not self.leaks_at_end
            and not self.notes_lost
        )


def plain_copies(path: Path) -> list[str]:
    """Plain copies of the mission beside it while the file itself is encrypted."""
    from fieldkit.storage import backups
    from fieldkit.storage.codec import is_sealed

    if not is_sealed(path.read_bytes()[:64]):
        return []
    return [
        copy.name
        for copy in backups.every_copy(path)
        if copy.stat().st_size and not is_sealed(copy.read_bytes()[:64])
    ]


def _notes(path: Path) -> set[str]:
    from fieldkit.storage.repository import Store

    return set(Store(path, lambda: PASSPHRASE).data().notes)


def _make(path: Path, env: dict[str, str]) -> None:
    made = _fieldkit(["demo", "--no-open", "--db", str(path)], env)
    if made.returncode != 0:
        raise SystemExit(f"could not create the demo mission: {made.stderr.strip()}")
    listed = _fieldkit(["meetings", "--json", "--db", str(path)], env)
    meeting = json.loads(listed.stdout)[0]["id"]
    for n in range(NOTES):
        args = ["note", "add", "--db", str(path), "--meeting", meeting, "--kind", "statement"]
        _fieldkit([*args, f"Witness K. statement {n}"], env)


def _kill_one(
    path: Path, env: dict[str, str], rng: random.Random, took: dict[str, float], result: Result
) -> None:
    from fieldkit.storage.codec import is_sealed

    verb = "decrypt" if is_sealed(path.read_bytes()[:64]) else "encrypt"
    started = time.monotonic()
    proc = subprocess.Popen(
        [*FIELDKIT, verb, "--db", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    # Every other kill waits for the worst moment: this run has converted some copies, not all.
    when_mixed = result.kills % 2 == 1
    before = _state(path)
    deadline = started + (HANG_S if when_mixed else rng.uniform(*WINDOW) * took.get(verb, HANG_S))
    while proc.poll() is None and time.monotonic() < deadline:
        if when_mixed:
            now = _state(path)
            if now != before and len({sealed for _, sealed in now}) > 1:
                break
        time.sleep(0.002)
    if proc.poll() is not None:
        took[verb] = time.monotonic() - started
        result.finished += 1
        proc.communicate(timeout=HANG_S)
        return
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=HANG_S)
    result.kills += 1
    leaks = plain_copies(path)
    if leaks:
        result.leaks_after_kill += 1
        if _fieldkit(["check", "--db", str(path)], env).returncode == 0:
            result.leaks_unreported += leaks
    if len(_forms(path)) > 1:
        result.mid_way += 1
    try:
        _notes(path)
    except Exception:  # any failure to open counts
        result.unreadable_after_kill += 1


def _forms(path: Path) -> set[bool]:
    return {sealed for _, sealed in _state(path)}


def _state(path: Path) -> list[tuple[str, bool]]:
    """Each copy (the file and its backups) and whether it is sealed."""
    from fieldkit.storage import backups
    from fieldkit.storage.codec import is_sealed

    state = []
    for copy in [path, *backups.list_backups(path)]:
        try:
            with copy.open("rb") as handle:
                state.append((copy.name, is_sealed(handle.read(64))))
        except OSError:  # replaced or trimmed while looked at
            continue
    return state


def run(kills: int = 20, seed: int | None = None, folder: Path | None = None) -> Result:
    rng = random.Random(seed)
    env = _env(encrypt=True)
    work = folder or Path(tempfile.mkdtemp(prefix="fieldkit-crash-convert-"))
    path = work / "mission.json"
    started = time.monotonic()
    _make(path, env)
    before = _notes(path)
    result = Result()
    took: dict[str, float] = {}
    for _ in range(kills * 5):  # commands that finish first do not count as kills
        if result.kills >= kills:
            break
        _kill_one(path, env, rng, took, result)
    _fieldkit(["encrypt", "--db", str(path)], env)  # finishes whatever was left
    from fieldkit.storage import backups
    from fieldkit.storage.codec import is_sealed

    result.leaks_at_end = [
        c.name
        for c in [path, *backups.every_copy(path)]
        if c.stat().st_size and not is_sealed(c.read_bytes()[:64])
    ]
    checked = _fieldkit(["check", "--db", str(path)], env)
    result.check_passed = checked.returncode == 0
    result.check_output = (checked.stdout + checked.stderr).strip()
    result.notes_lost = len(before - _notes(path))
    result.seconds = round(time.monotonic() - started, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    if args.folder is not None:
        args.folder.mkdir(parents=True, exist_ok=True)
    result = run(args.kills, args.seed, args.folder)
    print(json.dumps(asdict(result) | {"ok": result.ok}, indent=2))
    sys.exit(0 if result.ok else 1)


if __name__ == "__main__":
    main()
