#!/usr/bin/env python3
"""Set up fieldkit in .venv and run it: `python3 run.py demo` or `python3 run.py test`.

Needs only Python 3.11+ and the package registries. The virtual environment is created on first
use and refreshed whenever pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".fieldkit-installed"
DEMO_DB = ROOT / "data" / "demo.json"


def run(*args: str | Path) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    """Create .venv and install fieldkit with its development tools, once per pyproject."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before any check
        sys.exit(f"fieldkit needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    print("installing fieldkit and its tools into .venv ...", flush=True)
    run(
        BIN / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-e",
        ".[dev]",
    )
    STAMP.write_text(wanted)


def demo() -> None:
    """Open the app on the bundled demo mission (created in data/demo.json on first run)."""
    setup()
    os.environ.setdefault("FIELDKIT_TODAY", "2017-04-12")  # a day of the demo mission's week
    if DEMO_DB.exists():
        os.execv(BIN / "fieldkit", [str(BIN / "fieldkit"), "--db", str(DEMO_DB)])
    os.execv(BIN / "fieldkit", [str(BIN / "fieldkit"), "demo", "--db", str(DEMO_DB)])


def test() -> None:
    """Lint, type-check and run the whole test suite."""
    setup()
    sources = [p for p in ("src", "tests", "bench", "run.py") if (ROOT / p).exists()]
    run(BIN / "ruff", "check", *sources)
    run(BIN / "ruff", "format", "--check", *sources)
    run(BIN / "mypy")
    run(BIN / "lint-imports", "--no-cache", "--no-logo")
    run(BIN / "python", "-m", "pytest", *sys.argv[2:])


COMMANDS = {"demo": demo, "test": test, "setup": setup}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit("usage: python3 run.py demo | test [pytest args] | setup")
    COMMANDS[sys.argv[1]]()
