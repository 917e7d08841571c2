"""UPR Info database exports (.csv, .xlsx, .xls): one row per recommendation and State.

The header repeats `Rgrp` and `Org` (regional group and organisations, first of the State
under review, then of the recommending State). Rows carry no recommendation numbers or
document symbols, so cycle and year come from the session, and matching against numbered
items goes by text and recommending State (see `merge`). UPR Info's `Action` category (1
minimal to 5 specific action) becomes the tag `action:N`; its `Issue` list becomes themes.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

from fieldkit.domain.items import Item, Source
from fieldkit.domain.records import maker
from fieldkit.domain.states import canonical_state
from fieldkit.domain.vocab import ItemKind, Mechanism, Position
from fieldkit.i18n import N_, _
from fieldkit.importers import cells
from fieldkit.importers.common import Context, ImportFailed, Parsed
from fieldkit.importers.sessions import cycle_of, year_of
from fieldkit.importers.sheets import parse_rows, read_sheet

FORMAT = "upr-info"
HEADER = ("SuR", "Rgrp", "Org", "Recommendation", "RS", "Rgrp", "Org", "Response", "Action",
          "Issue", "Session")  # fmt: skip
#: `Response` values of a State's own voluntary pledge: an item of kind pledge, no position.
PLEDGE_RESPONSES = frozenset({"voluntary pledge", "pledge"})
REQUIRED = ("SuR", "Recommendation", "RS", "Response", "Session")


#: The same columns as researchers renamed them when re-saving UPR Info data as CSV.
RENAMED: dict[str, str] = {
    "to": "SuR", "to-rgrp": "Rgrp", "to-org": "Org", "text": "Recommendation",
    "from": "RS", "from-rgrp": "Rgrp", "from-org": "Org",
}  # fmt: skip


def renamed(header: list[str]) -> bool:
    keys = {name.strip().lower() for name in header}
    return {"to", "from", "text"} <= keys


def columns(header: list[str]) -> dict[str, int]:
    """Where each named column is; the repeated names are told apart by their order."""
    found: dict[str, int] = {}
    aliases = RENAMED if renamed(header) else {}
    for index, name in enumerate(header):
        key = aliases.get(name.strip().lower(), name).strip().lower()
        for wanted in HEADER:
            if key == wanted.lower() and wanted not in found:
                found[wanted] = index
                break
    return found


def looks_like(header: list[str]) -> bool:
    return all(name in columns(header) for name in ("SuR", "Recommendation", "RS"))


def read(ctx: Context) -> Parsed:
    sheet = read_sheet(ctx.path, looks_like)
    cols = columns(sheet.header)
    missing = [name for name in REQUIRED if name not in cols]
    if missing:
        raise ImportFailed(
            ctx.path,
            _(
                "is not a UPR Info export: no column {columns} in the header (expected {header})"
            ).format(columns=", ".join(missing), header=",".join(HEADER)),
        )
    parsed = parse_rows(ctx, sheet, FORMAT, Rows(ctx, cols))
    if renamed(sheet.header):
        parsed.guesses.append(_("header: UPR Info's columns renamed (To, Text, From)"))
    return parsed


#: The cells a row is read from, in the order their problems are told.
_READ = ("Recommendation", "SuR", "RS", "Session", "Response", "Action", "Issue")
#: A column index past the end of any row: a column the header lacks reads as empty.
_ABSENT = 1 << 30
_UPR = Mechanism.UPR


class Rows:
    """Turns rows into items (see `item`), building them without a frozen dataclass's
    per-field cost: an export holds thousands of rows."""

    def __init__(self, ctx: Context, cols: dict[str, int]) -> None:
        self.ctx = ctx
        self.at = [cols.get(name, _ABSENT) for name in _READ]
        self.pick = operator.itemgetter(*self.at)
        self.width = max(self.at) + 1  # rows at least this long are read in one step
        self.item = maker(Item)
        self.source = maker(Source)

    def __call__(self, number: int, row: list[Any]) -> Item:
        width = len(row)
        if width >= self.width:
            values = self.pick(row)
        else:
            values = tuple(row[index] if index < width else None for index in self.at)
        text, under_review, recommending, session, response, action, issue = values
        try:
            body = _text(text)
            state, states = _state(under_review), _states(recommending)
            number_, cycle, year = _session(session)
            kind, position = _response(response)
            tags = _action(action)
        except cells.CellError:
            raise cells.CellError("; ".join(_problems(values))) from None
        ctx = self.ctx
        at = ctx.imported_at
        return self.item(
            id=ctx.new_id(),
            kind=kind,
            mechanism=_UPR,
            cycle=cycle,
            session=number_,
            year=year,
            state_under_review=state,
            recommending_states=states,
            position=position,
            text=body,
            themes=_themes(issue),
            tags=tags,
            source=self.source(file=ctx.path.name, row=number, imported_at=at, format=FORMAT),
            author=ctx.author,
            created_at=at,
            updated_at=at,
        )


def _problems(values: tuple[Any, ...]) -> list[str]:
    """Every problem of a row's cells, in the order of `_READ`."""
    problems = []
    checks: tuple[Callable[[Any], object], ...] = (
        _text, _state, _states, _session, _response, _action
    )  # fmt: skip
    for check, value in zip(checks, values[: len(checks)], strict=True):
        try:
            check(value)
        except cells.CellError as exc:
            problems.append(str(exc))
    return problems


#: The cells a row cannot do without: (column, what it holds).
_NEEDED = {
    "Recommendation": N_("the recommendation"),
    "SuR": N_("State under review"),
    "RS": N_("recommending State"),
}


def _empty(column: str) -> cells.CellError:
    return cells.CellError(
        _("{column} ({meaning}) is empty").format(column=column, meaning=_(_NEEDED[column]))
    )


def _text(value: Any) -> str:
    text = cells.text(value)
    if not text:
        raise _empty("Recommendation")
    return cells.strip_end(text)


# States, responses, issue lists, sessions and action categories repeat from row to row:
# each is read once. A cell's type is part of its key (True and 1 are equal keys).
_cached = functools.lru_cache(maxsize=4096, typed=True)


@_cached
def _state(value: Any) -> str:
    text = cells.text(value)
    if not text:
        raise _empty("SuR")
    return canonical_state(text)


@_cached
def _states(value: Any) -> tuple[str, ...]:
    text = cells.text(value)
    if not text:
        raise _empty("RS")
    return cells.states(text)


@_cached
def _session(value: Any) -> tuple[int, int | None, int | None]:
    """The session, with the cycle and year it belongs to."""
    session = cells.whole(value, "Session")
    if session is None:
        raise cells.CellError(_("Session is empty"))
    return session, cycle_of(session) if session else None, year_of(session) if session else None


@_cached
def _response(value: Any) -> tuple[ItemKind, Position | None]:
    if cells.text(value).lower() in PLEDGE_RESPONSES:
        return ItemKind.PLEDGE, None
    return ItemKind.RECOMMENDATION, cells.position(value)


@_cached
def _action(value: Any) -> tuple[str, ...]:
    """UPR Info's action category as the item's tag `action:N`."""
    action = cells.whole(value, "Action")
    if action is not None and not 1 <= action <= 5:
        raise cells.CellError(
            _("Action {action} is not a UPR Info action category (1 to 5)").format(action=action)
        )
    return (f"action:{action}",) if action else ()


@_cached
def _themes(value: Any) -> tuple[str, ...]:
    return tuple(t.strip() for t in cells.text(value).split(",") if t.strip())
