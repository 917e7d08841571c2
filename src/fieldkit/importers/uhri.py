"""OHCHR Universal Human Rights Index "Export to Excel" (.xlsx).

Columns come in any order and with OHCHR's own spelling (`Reccomending Body`); multi-value
cells hold one value per line led by '- '; dates may be Excel serial numbers; the paragraph
number is the start of `Text`. `read_items(path)` is the entry point a benchmark can time.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from fieldkit.domain.items import Item, Limb
from fieldkit.domain.states import canonical_state
from fieldkit.domain.vocab import ItemKind, Mechanism
from fieldkit.i18n import _
from fieldkit.importers import cells
from fieldkit.importers.common import Context, ImportFailed, Parsed
from fieldkit.importers.sessions import cycle_of, year_of
from fieldkit.importers.sheets import parse_rows, read_sheet, row_values

FORMAT = "uhri"

#: The export's columns, by the key used here.
COLUMNS: dict[str, str] = {
    "text": "Text",
    "countries": "Countries Concerned",
    "body": "Recommending Body",
    "symbol": "Document Symbol",
    "themes": "Themes",
    "persons": "Affected Persons",
    "sdgs": "Sdgs",
    "published": "Document Publication Date",
    "states": "UPR Recommending States",
    "position": "UPR Position",
    "type": "Type",
    "annotation": "OHCHR Annotation Id",
    "session": "UPR Session",
    "cycle": "UPR Cycle",
    "regions": "Regions Concerned",
    "recommending_regions": "Recommending Regions",
    "on_uhri": "Date of publication on UHRI",
}
_BY_NAME = {name.lower(): key for key, name in COLUMNS.items()}


def _header_key(name: str) -> str | None:
    cleaned = " ".join(str(name).split()).lower().replace("reccomend", "recommend")
    return _BY_NAME.get(cleaned)


def columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _header_key(name)
        if key and key not in found:
            found[key] = index
    return found


def looks_like(header: list[str]) -> bool:
    cols = columns(header)
    return "text" in cols and ("annotation" in cols or "body" in cols or "symbol" in cols)


@dataclasses.dataclass
class Fields:
    """One UHRI record's values, whichever export they came from."""

    text: Any = None
    countries: Any = None
    body: Any = None
    symbol: Any = None
    themes: Any = None
    persons: Any = None
    sdgs: Any = None
    published: Any = None
    states: Any = None
    position: Any = None
    type: Any = None
    annotation: Any = None
    session: Any = None
    cycle: Any = None


def build_item(ctx: Context, number: int, f: Fields) -> Item:
    """An item from one UHRI record; every problem in the record is named at once."""
    errors: list[str] = []
    raw = cells.text(f.text)
    if not raw:
        errors.append(_("Text is empty"))
    symbol = cells.single(f.symbol)
    mechanism = cells.mechanism(f.body, symbol)
    upr = mechanism is Mechanism.UPR
    position = session = cycle = None
    published = ""
    try:
        position = cells.position(f.position) if upr else None
    except cells.CellError as exc:
        errors.append(str(exc))
    try:
        session = cells.whole(cells.single(f.session) or f.session, "UPR Session")
        cycle = cells.whole(cells.single(f.cycle) or f.cycle, "UPR Cycle")
    except cells.CellError as exc:
        errors.append(str(exc))
    try:
        published = cells.iso_date(
            cells.single(f.published) if isinstance(f.published, str) else f.published,
            "Document Publication Date",
        )
    except cells.CellError as exc:
        errors.append(str(exc))
    if errors:
        raise cells.CellError("; ".join(errors))
    number_text, body = cells.split_reference(raw)
    body = cells.strip_end(body)
    limbs: tuple[Limb, ...] = ()
    if mechanism.is_treaty_body:
        body, parts = cells.split_limbs(body)
        limbs = tuple(Limb(label=label, text=text) for label, text in parts)
    countries = cells.multi(f.countries)
    recommending = cells.states(f.states) or (cells.states_in_text(body) if upr else ())
    year = year_of(session) if upr and session else None
    return Item(
        kind=_kind(f.type),
        mechanism=mechanism,
        document_symbol=cells.report_symbol(symbol) if upr else symbol,
        reference=cells.reference_for(number_text, mechanism),
        cycle=cycle or (cycle_of(session) if upr and session else None),
        session=session,
        year=year or (int(published[:4]) if published else None),
        state_under_review=canonical_state(countries[0]) if countries else "",
        recommending_states=recommending,
        position=position,
        text=body,
        limbs=limbs,
        themes=cells.multi(f.themes),
        affected_persons=cells.multi(f.persons),
        sdgs=cells.multi(f.sdgs),
        source=ctx.source(number, cells.single(f.annotation)),
        author=ctx.author,
        extra={"published": published} if published else {},
    )


def _kind(value: Any) -> ItemKind:
    kind = cells.single(value).lower()
    if "pledge" in kind:
        return ItemKind.PLEDGE
    return ItemKind.QUESTION if "question" in kind else ItemKind.RECOMMENDATION


def read(ctx: Context) -> Parsed:
    sheet = read_sheet(ctx.path, lambda header: "text" in columns(header))
    cols = columns(sheet.header)
    if "text" not in cols:
        raise ImportFailed(
            ctx.path,
            _("is not a UHRI export: its header has no Text column (found: {columns})").format(
                columns=", ".join(h for h in sheet.header if h) or _("nothing")
            ),
        )
    wanted = [(key, index) for key, index in cols.items() if key in Fields.__dataclass_fields__]
    return parse_rows(
        ctx,
        sheet,
        FORMAT,
        lambda number, row: build_item(ctx, number, Fields(**row_values(row, wanted))),
    )


def read_items(path: Path) -> list[Item]:
    """The items of a UHRI Excel export, as `fieldkit import` parses them."""
    return read(Context(path, FORMAT)).items
