"""Whole-process timings: a command from start to exit, as a delegate or a script sees it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.stats import Samples, paired

PASSPHRASE = "bench passphrase, not secret"

VENV_BIN = Path(sys.executable).parent
FIELDKIT = str(VENV_BIN / "fieldkit")


class CommandFailed(RuntimeError):
    pass


def env() -> dict[str, str]:
    """The environment every measured process gets: no profile lookup, no colours."""
    out = dict(os.environ)
    out.update({"FIELDKIT_AUTHOR": "bench", "FIELDKIT_PASSPHRASE": PASSPHRASE})
    out.pop("FIELDKIT_DB", None)
    return out


def run(command: Sequence[str], cwd: Path | None = None) -> float:
    """Seconds from start to exit; a failure raises with the command's own error line."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env(), cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        err = done.stderr.decode(errors="replace").strip().splitlines()
        raise CommandFailed(f"{' '.join(command[:3])}: {err[-1] if err else done.returncode}")
    return elapsed


def note_add_vs_help(path: Path, meeting_id: str, runs: int) -> tuple[Samples, Samples]:
    """`fieldkit note add` on the mission against `fieldkit --help`, alternating."""
    add = [FIELDKIT, "note", "add", "--db", str(path), "--meeting", meeting_id[:8]]
    add += ["--kind", "statement", "Added by the bench."]
    help_ = [FIELDKIT, "--help"]
    run(add), run(help_)  # warm the page cache and the bytecode
    return paired(runs, lambda: run(add), lambda: run(help_))


REWRITE = (
    "import os, sys, tempfile, orjson\n"
    "path = sys.argv[1]\n"
    "tree = orjson.loads(open(path, 'rb').read())\n"
    "fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))\n"
    "os.write(fd, orjson.dumps(tree)); os.fsync(fd); os.close(fd)\n"
    "os.replace(tmp, path + '.floor')\n"
    "d = os.open(os.path.dirname(path), os.O_RDONLY); os.fsync(d); os.close(d)\n"
)


def rewrite_floor(path: Path, runs: int) -> Samples:
    """The least any process can take to change this file durably: start Python, read and
    parse it with orjson, serialise it, write it atomically with fsync."""
    command = [sys.executable, "-c", REWRITE, str(path)]
    run(command)
    samples = Samples(tuple(run(command) for _ in range(runs)))
    Path(str(path) + ".floor").unlink(missing_ok=True)
    return samples


def items_search_vs_help(path: Path, runs: int) -> tuple[Samples, Samples]:
    """`fieldkit items --search torture --json` on the mission against `fieldkit --help`."""
    search = [FIELDKIT, "items", "--search", "torture", "--json", "--db", str(path)]
    help_ = [FIELDKIT, "--help"]
    run(search), run(help_)
    return paired(runs, lambda: run(search), lambda: run(help_))
