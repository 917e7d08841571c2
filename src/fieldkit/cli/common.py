"""Options and helpers shared by the commands."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from fieldkit import i18n, settings
from fieldkit.cli.errors import fail
from fieldkit.i18n import LANGUAGES, _
from fieldkit.storage.folders import private_folder
from fieldkit.storage.repository import Store

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Mission file (default: $FIELDKIT_DB, else data/mission.json).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="Where to write (default: under exports/).")
]
ConfidentialOption = Annotated[
    bool,
    typer.Option("--include-confidential", help="Include confidential notes and contacts."),
]


def passphrase_source(path: Path) -> Callable[[], str]:
    """Ask for a passphrase only when an encrypted file is opened: env, else prompt."""

    def ask() -> str:
        env = os.environ.get("FIELDKIT_PASSPHRASE")
        if env is not None:
            return env
        if not sys.stdin.isatty():
            fail(
                _("{path} is encrypted: set FIELDKIT_PASSPHRASE or run in a terminal").format(
                    path=path
                )
            )
        return str(typer.prompt(_("Passphrase for {name}").format(name=path.name), hide_input=True))

    return ask


def open_store(db: Path | None, must_exist: bool = True) -> Store:
    """The mission for one command: its tables are converted only as the command uses them."""
    path = settings.db_path(db)
    if must_exist and not path.exists():
        fail(
            _(
                "no mission file at {path}: create one with `fieldkit init` or `fieldkit demo`"
            ).format(path=path)
        )
    return Store(path, passphrase_source(path), lazy=True)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a command builds thousands of objects that all
    live until it ends: the collector would walk them again and again for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def print_json(value: Any) -> None:
    """Indented UTF-8 JSON, as `json.dumps(indent=2, ensure_ascii=False)` writes it."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    typer.echo(text)


def export_path(out: Path | None, default_name: str) -> Path:
    """`--out`, else `exports/NAME` under the current folder; the folder is created."""
    path = out if out is not None else settings.DEFAULT_EXPORTS / default_name
    if path.is_dir():
        path = path / default_name
    try:
        private_folder(path.parent)
    except OSError as exc:
        fail(
            _("cannot create folder {folder}: {problem}").format(
                folder=path.parent, problem=exc.strerror
            )
        )
    return path


def language_flag(value: str) -> str:
    """`--lang` as people type it (`ru`, `RU`, `ru_RU`), or a one-line refusal."""
    code = i18n.supported(value)
    if code not in LANGUAGES:
        fail(
            _("{option} {value} is not one of: {choices}").format(
                option="--lang", value=repr(value), choices=", ".join(LANGUAGES)
            )
        )
    return str(code)
