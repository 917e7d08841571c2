"""Every action is a named command, findable in the palette (ctrl+p).

A module-level registry: screens and other modules call `register(name, help, run)` to add or
replace a command (the last registration of a name wins, so a real "Add note" replaces the
placeholder). `run` receives the app. The palette also offers the keys of the screen it was
opened from, named by their description, so a binding is findable by name too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from fieldkit.ui.errors import safely

if TYPE_CHECKING:
    from textual.app import App


@dataclasses.dataclass(frozen=True, slots=True)
class Command:
    name: str
    help: str
    run: Callable[[App[Any]], Any]


_REGISTRY: dict[str, Command] = {}


def register(name: str, help: str, run: Callable[[App[Any]], Any]) -> None:
    """Add a command, or replace the one of the same name."""
    _REGISTRY[name] = Command(name, help, run)


def registered() -> list[Command]:
    return sorted(_REGISTRY.values(), key=lambda c: c.name.lower())


def find(name: str) -> Command | None:
    return _REGISTRY.get(name)


class FieldkitCommands(Provider):
    """The registered commands plus the current screen's described keys."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        seen: set[str] = set()
        for command in registered():
            seen.add(command.name.lower())
            yield command.name, command.help, safely(app, partial(command.run, app))
        screen = self.screen
        for key, active in screen.active_bindings.items():
            binding = active.binding
            name = binding.tooltip or binding.description
            if not name or not active.enabled or name.lower() in seen:
                continue
            if active.node is app:
                continue  # the app's own keys are registered commands already
            seen.add(name.lower())
            node = active.node
            help_text = f"Key: {binding.key_display or key}"
            yield name, help_text, partial(app.call_later, app.run_action, binding.action, node)

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
