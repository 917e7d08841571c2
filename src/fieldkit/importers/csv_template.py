"""fieldkit's own CSV template for items, for lists a coalition keeps in a spreadsheet.

One row per item; the header names the columns (any order, any case). `text` and
`mechanism` are required; lists (`recommending_states`, `themes`, ...) are separated by ';'
or line breaks. The columns are documented in docs/import-formats.md and shipped as
`fieldkit/data/items-template.csv`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from fieldkit.domain.items import Item, Limb
from fieldkit.domain.states import canonical_state
from fieldkit.domain.vocab import ItemKind, Mechanism
from fieldkit.i18n import _
from fieldkit.importers import cells
from fieldkit.importers.common import Context, ImportFailed, Parsed
from fieldkit.importers.sessions import cycle_of, year_of
from fieldkit.importers.sheets import parse_rows, read_sheet, row_values

FORMAT = "csv"

COLUMNS = (
    "id",
    "kind",
    "mechanism",
    "document_symbol",
    "reference",
    "cycle",
    "session",
    "year",
    "state_under_review",
    "recommending_states",
    "position",
    "title",
    "text",
    "themes",
    "affected_persons",
    "sdgs",
    "tags",
    "priority",
)
REQUIRED = ("mechanism", "text")
#: Other names for a column, as `fieldkit export csv` writes them.
ALIASES = {"item_id": "id"}


def _key(name: str) -> str:
    key = "_".join(str(name).strip().lower().replace("-", " ").split())
    return ALIASES.get(key, key)


def columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _key(name)
        if key in COLUMNS and key not in found:
            found[key] = index
    return found


def looks_like(header: list[str]) -> bool:
    return all(name in columns(header) for name in REQUIRED)


def _list(value: Any) -> tuple[str, ...]:
    out: list[str] = []
    for line in cells.multi(value):
        out.extend(part.strip() for part in line.split(";") if part.strip())
    return tuple(dict.fromkeys(out))


def read(ctx: Context) -> Parsed:
    sheet = read_sheet(ctx.path, looks_like)
    cols = columns(sheet.header)
    missing = [name for name in REQUIRED if name not in cols]
    if missing:
        raise ImportFailed(
            ctx.path,
            _(
                "is not a fieldkit items CSV: no column {columns} in the header "
                "(see docs/import-formats.md)"
            ).format(columns=", ".join(missing)),
        )
    return parse_rows(
        ctx,
        sheet,
        FORMAT,
        lambda number, row: item_from_row(ctx, number, row_values(row, cols.items())),
    )


def item_from_row(ctx: Context, number: int, values: dict[str, Any]) -> Item:
    errors: list[str] = []
    fields: dict[str, Any] = {}

    def parse(name: str, convert: Any) -> None:
        try:
            fields[name] = convert(values.get(name))
        except (cells.CellError, ValueError) as exc:
            errors.append(str(exc))

    text = cells.text(values.get("text"))
    if not text:
        errors.append(_("text is empty"))
    raw_mechanism = cells.text(values.get("mechanism")).upper()
    mechanism = Mechanism.UPR
    if raw_mechanism not in Mechanism.__members__:
        choices = ", ".join(m.value for m in Mechanism)
        errors.append(
            _("mechanism {value} is not one of {choices}").format(
                value=repr(raw_mechanism or "(empty)"), choices=choices
            )
        )
    else:
        mechanism = Mechanism(raw_mechanism)
    raw_kind = cells.text(values.get("kind")).lower() or ItemKind.RECOMMENDATION.value
    if raw_kind not in {k.value for k in ItemKind}:
        errors.append(
            _("kind {value} is not recommendation, pledge or question").format(value=repr(raw_kind))
        )
    parse("position", cells.position)
    for name in ("cycle", "session", "year", "priority"):
        parse(name, lambda v, name=name: cells.whole(v, name))
    if errors:
        raise cells.CellError("; ".join(errors))
    session = fields["session"]
    upr = mechanism is Mechanism.UPR
    body, parts = cells.split_limbs(text) if mechanism.is_treaty_body else (text, ())
    reference = cells.text(values.get("reference"))
    short = re.fullmatch(r"([A-Za-z]+)-(\d+)", reference)  # 'CCPR-24', as fieldkit shows it
    if short and short.group(1).upper() == mechanism.value:
        reference = short.group(2)
    if reference.isdigit():
        reference = cells.reference_for(reference, mechanism)
    states = tuple(canonical_state(s) for s in _list(values.get("recommending_states")))
    item = Item(
        kind=ItemKind(raw_kind),
        mechanism=mechanism,
        document_symbol=cells.text(values.get("document_symbol")),
        reference=reference,
        cycle=fields["cycle"] or (cycle_of(session) if upr and session else None),
        session=session,
        year=fields["year"] or (year_of(session) if upr and session else None),
        state_under_review=canonical_state(cells.text(values.get("state_under_review"))),
        recommending_states=states,
        position=fields["position"],
        title=cells.text(values.get("title")),
        text=cells.strip_end(body),
        limbs=tuple(Limb(label=label, text=limb) for label, limb in parts),
        themes=_list(values.get("themes")),
        affected_persons=_list(values.get("affected_persons")),
        sdgs=_list(values.get("sdgs")),
        tags=_list(values.get("tags")),
        priority=fields["priority"],
        source=ctx.source(number),
        author=ctx.author,
    )
    record_id = cells.text(values.get("id"))
    return dataclasses.replace(item, id=record_id) if record_id else item
