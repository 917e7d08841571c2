"""The command line's help (`-h`) in the chosen language.

Typer takes help texts as plain strings (`help=`, docstrings) when the command tree is built, so
they are looked up in the catalogue once the language is chosen; tools/catalogues.py extracts
them. Typer's own headings go through `gettext.gettext`, which knows nothing of fieldkit's
language choice, so its module-level `_` is pointed at fieldkit's.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any

from fieldkit.i18n import N_, _

TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Aborted!"),
)
HELP_OPTION = N_("Show this message and exit.")
USAGE, OPTIONS_METAVAR, SUBCOMMAND_METAVAR = (
    N_("Usage: "),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
)


@cache
def _localised(context_class: type[Any]) -> type[Any]:
    """The command's context class, whose help formatter writes "Usage:" in the language."""

    class Formatter(context_class.formatter_class):  # type: ignore[misc,name-defined]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, _(USAGE) if prefix is None else prefix)

    class LocalisedContext(context_class):  # type: ignore[misc]
        formatter_class = Formatter

    return LocalisedContext


def _typer_headings() -> None:
    import typer.core

    if getattr(typer.core, "_", None) is gettext.gettext:
        typer.core._ = _  # type: ignore[attr-defined]


def _translate(command: Any, help_names: list[str]) -> None:
    command.context_class = _localised(command.context_class)
    if command.options_metavar == OPTIONS_METAVAR:
        command.options_metavar = _(OPTIONS_METAVAR)
    if getattr(command, "subcommand_metavar", None) == SUBCOMMAND_METAVAR:
        command.subcommand_metavar = _(SUBCOMMAND_METAVAR)
    if command.help:
        command.help = _(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
    if help_names and getattr(command, "add_help_option", False):
        context = command.context_class(command, help_option_names=help_names)
        option = command.get_help_option(context)
        if option is not None:
            option.help = _(HELP_OPTION)
    for child in getattr(command, "commands", {}).values():
        _translate(child, help_names)


def translate_help(root: Any) -> None:
    """Put every command's and option's help, and Typer's headings, in the chosen language."""
    _typer_headings()
    names = list((root.context_settings or {}).get("help_option_names", ["--help"]))
    _translate(root, names)
