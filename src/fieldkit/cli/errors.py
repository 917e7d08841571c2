"""Turning every failure into one clear line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from fieldkit import i18n, settings
from fieldkit.cli import usage
from fieldkit.cli.help_text import translate_help
from fieldkit.domain.lookup import NotFound
from fieldkit.domain.records import RecordError
from fieldkit.i18n import _, ngettext
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
        print("fieldkit: " + _("interrupted; nothing half-saved"), file=sys.stderr)
        return 130
    unexpected = _("unexpected error: {error} (set FIELDKIT_DEBUG=1 to see where)")
    print(
        "fieldkit: " + unexpected.format(error=f"{type(exc).__name__}: {exc}"),
        file=sys.stderr,
    )
    return 1


def _bad_input_line(exc: BaseException) -> str | None:
    """The one line for input no file system or parser can take; None for other errors."""
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        name = str(exc.filename or "")
        shown = name
        if len(name) > 80:
            cut = ngettext(
                "{start}…{end} ({count} character)", "{start}…{end} ({count} characters)", len(name)
            )
            shown = cut.format(start=name[:40], end=name[-30:], count=len(name))
        return _("the path is too long for this system: {path}; nothing was changed").format(
            path=shown
        )
    nested = isinstance(exc, RecursionError) or (
        isinstance(exc, TypeError | ValueError) and "recursion limit" in str(exc).lower()
    )
    if nested:
        return _("the input is nested too deeply to be read or kept; nothing was changed")
    return None


def speak_chosen_language() -> None:
    """Choose the language before anything is said: environment, profile, system locale."""
    i18n.activate(i18n.choose(os.environ, settings.read_profile().get("language")))


def report_usage(exc: Any) -> int:
    """A mistyped command line: one line in the chosen language (help itself is shown whole)."""
    if usage.asks_for_help(exc):
        exc.show()
    else:
        print(f"fieldkit: {usage.describe(exc)} {usage.help_hint(exc)}", file=sys.stderr)
    return int(exc.exit_code)


class Group(TyperGroup):
    """The command group that catches errors from any command below it."""

    def main(  # type: ignore[override]
        self, args: Any = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        """Run the command line in the chosen language; a mistyped line is one line, exit 2."""
        speak_chosen_language()
        translate_help(self)
        if extra.get("standalone_mode", True) is False:
            return super().main(args, prog_name, **extra)
        try:
            result = super().main(args, prog_name, **(extra | {"standalone_mode": False}))
        except typer.Abort:
            print("fieldkit: " + _("cancelled; nothing was changed"), file=sys.stderr)
            sys.exit(1)
        except Exception as exc:
            if not usage.is_usage_error(exc):
                raise
            sys.exit(report_usage(exc))
        sys.exit(result if isinstance(result, int) else 0)

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
