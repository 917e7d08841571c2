"""Each command is declared once, and one key does one thing on a screen."""

from __future__ import annotations

from collections import Counter

from fieldkit.ui.commands import COMMANDS, bindings


def test_every_command_has_its_own_id() -> None:
    counts = Counter(c.id for c in COMMANDS)
    assert [command_id for command_id, n in counts.items() if n > 1] == []


def test_no_key_is_bound_twice_in_one_scope() -> None:
    scopes = {scope for c in COMMANDS for scope in c.screens}
    twice = []
    for scope in sorted(scopes):
        keys = Counter(key for b in bindings(scope) for key in b.key.split(","))  # type: ignore[union-attr]
        twice += [f"{scope}: {key}" for key, n in keys.items() if n > 1]
    assert twice == []


def test_a_command_offered_by_name_says_what_it_does() -> None:
    assert [c.id for c in COMMANDS if c.palette and not c.help] == []
