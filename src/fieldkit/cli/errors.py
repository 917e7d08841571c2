"""Turning every failure into one clear line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from fieldkit.domain.lookup import NotFound
from fieldkit.domain.records import RecordError
from fieldkit.storage.errors import CorruptFile, StorageError

BAD_INPUT = 2


class UserError(Exception):
    """Bad input from the user: shown as it is, exit 2."""


def fail(message: str) -> NoReturn:
    raise UserError(message)


def report(exc: BaseException) -> int:
    """Print what went wrong as a user should read it; return the exit code."""
    if isinstance(exc, CorruptFile):
        print(f"fieldkit: {exc}", file=sys.stderr)
        if exc.restore_command:
            print(exc.restore_command, file=sys.stderr)
        return BAD_INPUT
    if isinstance(exc, UserError | StorageError | NotFound | RecordError):
        print(f"fieldkit: {exc}", file=sys.stderr)
        return BAD_INPUT
    clear = _bad_input_line(exc)
    if clear is not None:
        print(f"fieldkit: {clear}", file=sys.stderr)
        return BAD_INPUT
    if isinstance(exc, BrokenPipeError):
        # The reader went away (`fieldkit items | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    if isinstance(exc, KeyboardInterrupt):
        print("fieldkit: interrupted; nothing half-saved", file=sys.stderr)
        return 130
    print(
        f"fieldkit: unexpected error: {type(exc).__name__}: {exc} "
        "(set FIELDKIT_DEBUG=1 to see where)",
        file=sys.stderr,
    )
    return 1


def _bad_input_line(exc: BaseException) -> str | None:
    """The one line for input no file system or parser can take; None for other errors."""
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        name = str(exc.filename or "")
        shown = name if len(name) <= 80 else f"{name[:40]}…{name[-30:]} ({len(name)} characters)"
        return f"the path is too long for this system: {shown}; nothing was changed"
    nested = isinstance(exc, RecursionError) or (
        isinstance(exc, TypeError | ValueError) and "recursion limit" in str(exc).lower()
    )
    if nested:
        return "the input is nested too deeply to be read or kept; nothing was changed"
    return None


class Group(TyperGroup):
    """The command group that catches errors from any command below it."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if os.environ.get("FIELDKIT_DEBUG") and not isinstance(exc, UserError | StorageError):
                raise
            if type(exc).__module__.startswith("typer") and hasattr(exc, "exit_code"):
                raise
            raise typer.Exit(report(exc)) from None
