"""A mistyped command line as one line in the chosen language.

Typer's own parser words its errors in English only, so the error is read for what it is
(unknown option, missing value, ...) and worded again from the catalogue. The error classes
are recognised by name (click's names, which Typer keeps), not imported from Typer's private
copy of click.
"""

from __future__ import annotations

from typing import Any

from fieldkit.i18n import _


def is_usage_error(exc: BaseException) -> bool:
    """Whether the parser raised this about the command line (click's exception family)."""
    return "ClickException" in _kinds(exc)


def asks_for_help(exc: BaseException) -> bool:
    """A group run without its command (`fieldkit note`): its help is the answer."""
    return "NoArgsIsHelpError" in _kinds(exc)


def _kinds(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _flag(param: Any) -> str:
    """How the user names a parameter: `--name`, or `FILE` for an argument."""
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "option" and opts:
        return str(opts[0])
    return str(getattr(param, "name", "") or "").upper()


def _no_such_option(exc: Any) -> str:
    if exc.possibilities:
        return _("no such option: {option} (did you mean {choices}?)").format(
            option=exc.option_name, choices=", ".join(sorted(exc.possibilities))
        )
    return _("no such option: {option}").format(option=exc.option_name)


def _option_usage(exc: Any) -> str:
    if "does not take a value" in exc.message:
        return _("{option} takes no value").format(option=exc.option_name)
    return _("{option} needs a value").format(option=exc.option_name)


def _general(exc: Any) -> str:
    message = exc.message
    if message.startswith("No such command"):
        name = message.removeprefix("No such command").strip(" .'\"")
        return _("no such command: {command}").format(command=name)
    if message.startswith("Got unexpected extra argument"):
        extra = message.rpartition("(")[2].rstrip(")")
        return _("unexpected extra words: {words}").format(words=extra)
    return _("cannot read the command line: {problem}").format(problem=message)


def describe(exc: Any) -> str:
    """One line saying what was wrong with the command line, in the chosen language."""
    kinds = _kinds(exc)
    if "NoSuchOption" in kinds:
        return _no_such_option(exc)
    if "BadOptionUsage" in kinds:
        return _option_usage(exc)
    if "MissingParameter" in kinds:
        return _("{option} is required").format(option=_flag(exc.param))
    if "BadParameter" in kinds:
        return _("{option}: invalid value ({problem})").format(
            option=_flag(exc.param), problem=exc.message
        )
    if "UsageError" in kinds:
        return _general(exc)
    return _("cannot read the command line: {problem}").format(problem=exc.format_message())


def help_hint(exc: Any) -> str:
    """Where to read more: `(see `fieldkit items -h`)`."""
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "fieldkit"
    return _("(see `{command} -h`)").format(command=path)
