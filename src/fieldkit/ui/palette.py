"""The command palette (ctrl+p): the declared commands that apply to the screen in front."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

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


class FieldkitCommands(Provider):
    """Every command of the screen in front, by name, with its key."""

    def _hits(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        app, screen = self.app, self.screen
        for command in offered(screen):
            key = f"  ({command.key_display or command.key})" if command.key else ""
            run = partial(app.call_later, app.run_action, command.action, screen)
            yield command.name, command.help + key, run

    async def discover(self) -> Hits:
        for name, help_text, run in self._hits():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._hits():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
