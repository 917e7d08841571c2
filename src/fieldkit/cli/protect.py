"""`fieldkit encrypt | decrypt`: protect the mission file with a passphrase."""

from __future__ import annotations

from pathlib import Path

import typer

from fieldkit.cli.errors import fail
from fieldkit.storage.codec import Codec


def new_codec(path: Path) -> Codec:
    fail(f"encryption is not available in this build; {path} was not created")


def register(app: typer.Typer) -> None:
    _ = app
