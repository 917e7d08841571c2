"""UPR Info database exports (.csv, .xlsx, .xls): one row per recommendation and State.

The header repeats `Rgrp` and `Org` (regional group and organisations, first of the State
under review, then of the recommending State). Rows carry no recommendation numbers or
document symbols, so cycle and year come from the session, and matching against numbered
items goes by text and recommending State (see `merge`). UPR Info's `Action` category (1
minimal to 5 specific action) becomes the tag `action:N`; its `Issue` list becomes themes.
"""

from __future__ import annotations

import functools
from typing import Any

from fieldkit.domain.items import Item
from fieldkit.domain.states import canonical_state
from fieldkit.domain.vocab import ItemKind, Mechanism
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
    parsed = parse_rows(
        ctx, sheet, FORMAT, lambda number, row: item_from_row(ctx, number, row, cols)
    )
    if renamed(sheet.header):
        parsed.guesses.append(_("header: UPR Info's columns renamed (To, Text, From)"))
    return parsed


# Responses, States, issue lists and sessions repeat from row to row: each is read once.
_position = functools.lru_cache(maxsize=256)(cells.position)
_states = functools.lru_cache(maxsize=4096)(cells.states)
_cycle_of = functools.lru_cache(maxsize=256)(cycle_of)
_year_of = functools.lru_cache(maxsize=256)(year_of)


@functools.lru_cache(maxsize=4096)
def _themes(value: Any) -> tuple[str, ...]:
    return tuple(t.strip() for t in cells.text(value).split(",") if t.strip())


_NEEDED = (
    ("Recommendation", N_("the recommendation")),
    ("SuR", N_("State under review")),
    ("RS", N_("recommending State")),
)


def _cells(row: list[Any], cols: dict[str, int]) -> dict[str, Any]:
    """The row's cells by column name; a short row's missing cells are None."""
    width = len(row)
    return {name: row[index] if index < width else None for name, index in cols.items()}


def item_from_row(ctx: Context, number: int, row: list[Any], cols: dict[str, int]) -> Item:
    cell = _cells(row, cols)
    errors: list[str] = []
    text, under_review, recommending = (cells.text(cell.get(name)) for name, _meaning in _NEEDED)
    for (name, what), value in zip(_NEEDED, (text, under_review, recommending), strict=True):
        if not value:
            errors.append(_("{column} ({meaning}) is empty").format(column=name, meaning=_(what)))
    session = position = action = None
    try:
        session = cells.whole(cell.get("Session"), "Session")
        if session is None:
            errors.append(_("Session is empty"))
    except cells.CellError as exc:
        errors.append(str(exc))
    response = cell.get("Response")
    pledge = cells.text(response).lower() in PLEDGE_RESPONSES
    try:
        position = None if pledge else _position(response)
    except cells.CellError as exc:
        errors.append(str(exc))
    try:
        action = cells.whole(cell.get("Action"), "Action")
        if action is not None and not 1 <= action <= 5:
            errors.append(
                _("Action {action} is not a UPR Info action category (1 to 5)").format(
                    action=action
                )
            )
    except cells.CellError as exc:
        errors.append(str(exc))
    if errors:
        raise cells.CellError("; ".join(errors))
    return Item(
        kind=ItemKind.PLEDGE if pledge else ItemKind.RECOMMENDATION,
        mechanism=Mechanism.UPR,
        cycle=_cycle_of(session) if session else None,
        session=session,
        year=_year_of(session) if session else None,
        state_under_review=canonical_state(under_review),
        recommending_states=_states(recommending),
        position=position,
        text=cells.strip_end(text),
        themes=_themes(cell.get("Issue")),
        tags=(f"action:{action}",) if action else (),
        source=ctx.source(number),
        author=ctx.author,
        created_at=ctx.imported_at,
        updated_at=ctx.imported_at,
    )
