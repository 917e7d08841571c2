"""Helpers for tests: run the command line in-process or as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner, Result

from fieldkit.cli import app

FIELDKIT = [sys.executable, "-m", "fieldkit"]


def cli(*args: str | Path, input: str | None = None) -> Result:
    """Run `fieldkit ARGS` in this process, as a user would type it."""
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def cli_process(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `fieldkit ARGS` as its own process."""
    full_env = os.environ | (env or {})
    return subprocess.run(
        [*FIELDKIT, *[str(a) for a in args]],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )
