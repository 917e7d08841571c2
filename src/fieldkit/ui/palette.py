"""The command palette (ctrl+p): the declared commands that apply to the screen in front.

Each command is offered by its name in the chosen language and found by that name or by its
English one, so a delegate who learnt "Add note" still finds «Добавить заметку».
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen

from fieldkit.i18n import _
from fieldkit.ui.commands import Command, in_scopes


def scopes_of(screen: Screen[Any]) -> tuple[str, ...]:
    """The command scopes active on `screen`: its own and the app's."""
    own: tuple[str, ...] = getattr(screen, "SCOPES", ())
    return (*own, "app")


def offered(screen: Screen[Any]) -> list[Command]:
    """What the palette offers on `screen`, each name once."""
    seen: set[str] = set()
    found: list[Command] = []
    for command in in_scopes(scopes_of(screen)):
        if command.palette and command.help and command.name not in seen:
            seen.add(command.name)
            found.append(command)
    return found


def names(command: Command) -> tuple[str, ...]:
    """A command's name in the chosen language, then in English if that differs (as
    `i18n.both`, with the command's context)."""
    title = command.title
    return (title,) if title == command.name else (title, command.name)


def matched(matcher: Matcher, command: Command) -> tuple[float, Content]:
    """How well the query matches a command's name in the chosen language or in English,
    and the name as shown: the English one after it when only that one matched."""
    names_ = names(command)
    scores = [matcher.match(n) for n in names_]
    shown = names_[0]
    if scores[0] > 0 or len(names_) == 1:
        return scores[0], matcher.highlight(shown)
    return scores[1], Content.assemble(shown, " · ", matcher.highlight(names_[1]))


class FieldkitCommands(Provider):
    """Every command of the screen in front, by name, with its key."""

    def _hits(self) -> Iterator[tuple[Command, str, Callable[[], Any]]]:
        app, screen = self.app, self.screen
        for command in offered(screen):
            key = f"  ({command.key_display or command.key})" if command.key else ""
            run = partial(app.call_later, app.run_action, command.action, screen)
            yield command, command.description + key, run

    async def discover(self) -> Hits:
        for command, help_text, run in self._hits():
            yield DiscoveryHit(command.title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for command, help_text, run in self._hits():
            score, shown = matched(matcher, command)
            if score > 0:
                found = True
                yield Hit(score, shown, run, text=command.title, help=help_text)
        if not found:  # said here, in the chosen language, rather than by the palette
            nothing = _("No command by that name")
            yield Hit(0.01, Content.styled(nothing, "dim"), _nothing, text=nothing)


def _nothing() -> None:
    """Enter on "no command by that name": the palette closes, nothing runs."""
