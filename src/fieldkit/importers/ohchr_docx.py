"""OHCHR "thematic list of recommendations" and "matrix" Word documents, in their layouts.

A table whose rows are either section headings (`Theme: ...`, or `Right or area: 2.1. ...`
in the 2015 matrices) or a recommendation: first cell `121.1 Text (France) (Lithuania);`
then `Source of Position: A/HRC/43/15 - Para 121`, a position cell, a themes cell (`- `
lines, then `SDGs:` / `Affected persons:` / `Groups of Persons:` sections) and, in the newer
layout, an SDG cell; the older layout has an assessment column NGOs fill in; the 2015 matrix
has a `Recommending State/s` column and a `Full list of rights / affected persons` one.
`Comments:` and `Source of position:` lines are notes on the source, never recommendation
text. Older matrices code their themes (`A12 Acceptance of international norms`) and
2017-2019 ones add SDG lines (`S16 SDG 16 - peace, justice...`): the codes go, SDG lines are
SDGs. The page header names the State, cycle and (not always) session.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fieldkit.domain.items import Assessment, Item
from fieldkit.domain.states import canonical_state, is_state
from fieldkit.domain.vocab import AssessorKind, Mechanism
from fieldkit.i18n import _
from fieldkit.importers import cells
from fieldkit.importers.common import Context, ImportFailed, Parsed, Problems
from fieldkit.importers.sessions import year_of

FORMAT = "ohchr-docx"

_HEADER = re.compile(
    r"UPR of (?P<state>.+?)\s*\(\s*(?P<cycle>\d+)\w*\s+Cycle"
    r"(?:\s*[-–]\s*(?P<session>\d+)\w*\s+Session)?",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"\n?\s*Source of Position:\s*(?P<source>.*)$", re.DOTALL | re.IGNORECASE)
_NOTE_LINE = re.compile(r"^\s*(?:Comments?|Source of position)\s*:", re.IGNORECASE)
_SECTION_ROW = re.compile(r"^(?:Theme|Right or area)\s*:\s*", re.IGNORECASE)
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)+\.?|\d+\.)\s+")
_THEME_CODE = re.compile(r"^[A-Z]\d{1,2}\s+(?=\S)")
_SDG_LINE = re.compile(
    r"^S\d{0,2}\s+(?:SDG\s+(?P<goal>\d{1,2})\s*[-–]\s*(?P<name>.+)|(?P<other>.+))$"
)
_SYMBOL = re.compile(r"[A-Z]+(?:/[\w.]+)+")
_SECTIONS = {
    "sdgs": "sdgs",
    "affected persons": "persons",
    "groups of persons": "persons",
    "themes": "themes",
}


def _open(path: Path) -> Any:
    import docx

    from fieldkit.importers.sheets import OLE_MAGIC, refuse_word_97

    with path.open("rb") as stream:
        if stream.read(len(OLE_MAGIC)) == OLE_MAGIC:
            refuse_word_97(path)
    try:
        return docx.Document(str(path))
    except Exception as exc:  # zip, XML and package errors alike
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportFailed(
            path, _("is not a readable Word document (.docx): {reason}").format(reason=reason)
        ) from None


def _review(document: Any) -> tuple[str, int | None, int | None]:
    """State under review, cycle and session from the page header."""
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            found = _HEADER.search(paragraph.text)
            if found:
                return (
                    canonical_state(found["state"]),
                    int(found["cycle"]),
                    int(found["session"]) if found["session"] else None,
                )
    return "", None, None


def _columns(header: list[str]) -> dict[str, int]:
    """Which column is which, by the words of the header row."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        words = name.lower()
        for key, marker in (
            ("recommendation", "recommendation"),
            ("states", "recommending state"),
            ("position", "position"),
            ("sdgs", "sdg"),
            ("themes", "theme"),
            ("themes", "list of rights"),
            ("assessment", "assessment"),
        ):
            if marker in words and key not in found:
                found[key] = index
                break
    return found


def _tags(cell: str) -> dict[str, list[str]]:
    """A themes cell's '- ' lines, by section."""
    out: dict[str, list[str]] = {"themes": [], "sdgs": [], "persons": []}
    section = "themes"
    for line in cell.split("\n"):
        line = line.strip()
        heading = line.rstrip(":").strip().lower()
        if line.endswith(":") and heading in _SECTIONS:
            section = _SECTIONS[heading]
        elif line:
            value = line.lstrip("-•").strip()
            where, value = _uncoded(section, value)
            if value and value not in out[where]:
                out[where].append(value)
    return out


def _uncoded(section: str, value: str) -> tuple[str, str]:
    """A theme without its matrix code; an SDG line as the SDG it names."""
    if section != "themes":
        return section, value
    sdg = _SDG_LINE.match(value)
    if sdg:
        if sdg["goal"]:
            return "sdgs", f"{int(sdg['goal'])} - {sdg['name'].strip().upper()}"
        return "sdgs", sdg["other"].strip()
    return section, _SECTION_NUMBER.sub("", _THEME_CODE.sub("", value))


def _section(first: str) -> str:
    """The theme a section row names: 'Theme: A12 Acceptance...' -> 'Acceptance...'."""
    return _uncoded("themes", _SECTION_ROW.sub("", first, count=1).strip())[1]


def read(ctx: Context) -> Parsed:
    document = _open(ctx.path)
    state, cycle, session = _review(document)
    problems = Problems()
    items: list[Item] = []
    rows = [row for table in document.tables for row in table.rows]
    ctx.progress.start(len(rows))
    cols: dict[str, int] = {}
    theme = ""
    count = 0
    for number, row in enumerate(rows, start=1):
        ctx.progress.advance()
        texts = [cells.text(cell.text) for cell in row.cells]
        first = texts[0] if texts else ""
        if not any(texts):
            continue
        if "recommendation" in first.lower() and not re.match(r"\d", first):
            cols = _columns(texts)
            continue
        if _SECTION_ROW.match(first):
            theme = _section(first)
            continue
        count += 1
        try:
            items.append(_item(ctx, number, texts, cols, theme, state, cycle, session))
        except cells.CellError as exc:
            problems.add(number, str(exc))
    if count == 0 and not problems.lines:
        raise ImportFailed(
            ctx.path, _("holds no numbered recommendations (is it an OHCHR thematic list?)")
        )
    problems.raise_if_any(ctx.path, count)
    return Parsed(FORMAT, items, count)


def _split_notes(cell: str) -> tuple[str, list[str]]:
    """A cell's own text, and its `Comments:` / `Source of position:` lines (each with what
    follows it up to the next such line)."""
    own: list[str] = []
    notes: list[str] = []
    for line in cell.split("\n"):
        if _NOTE_LINE.match(line):
            notes.append(line.strip())
        elif notes and line.strip():
            notes[-1] = f"{notes[-1]} {line.strip()}"
        else:
            own.append(line)
    return "\n".join(own).strip(), notes


def _item(
    ctx: Context,
    number: int,
    texts: list[str],
    cols: dict[str, int],
    theme: str,
    state: str,
    cycle: int | None,
    session: int | None,
) -> Item:
    def cell(key: str, default: int | None = None) -> str:
        index = cols.get(key, default)
        return texts[index] if index is not None and index < len(texts) else ""

    first = cell("recommendation", 0)
    body, notes = _split_notes(first)
    reference, body = cells.split_reference(body)
    if "." not in reference:
        raise cells.CellError(
            _("does not start with a recommendation number like '121.1': {text}").format(
                text=repr(cells.squash(first)[:60])
            )
        )
    position_cell, position_notes = _split_notes(cell("position", 1))
    notes += position_notes
    source = next((_SOURCE.search(n) for n in notes if _SOURCE.search(n)), None)
    symbol_match = _SYMBOL.search(source["source"]) if source else None
    comments = [n for n in notes if not _SOURCE.search(n)]
    position = cells.position(position_cell.split("\n", 1)[0])
    tags = _tags(cell("themes", 2))
    if "sdgs" in cols:
        more = _tags(cell("sdgs"))
        tags["sdgs"] += [s for s in more["themes"] + more["sdgs"] if s not in tags["sdgs"]]
    themes = tags["themes"] if theme in tags["themes"] or not theme else [theme, *tags["themes"]]
    note = cell("assessment") if "assessment" in cols else ""
    body = cells.strip_end(body)
    states = cells.states_in_text(body)
    if "states" in cols:
        states = tuple(dict.fromkeys([*_state_list(cell("states")), *states]))
    return Item(
        mechanism=Mechanism.UPR,
        document_symbol=cells.report_symbol(symbol_match.group(0)) if symbol_match else "",
        reference=reference,
        cycle=cycle,
        session=session,
        year=year_of(session) if session else None,
        state_under_review=state,
        recommending_states=states,
        position=position,
        text=body,
        themes=tuple(themes),
        affected_persons=tuple(tags["persons"]),
        sdgs=tuple(tags["sdgs"]),
        assessments=(Assessment(assessor=AssessorKind.OTHER, document=ctx.path.name, text=note),)
        if note
        else (),
        source=ctx.source(number),
        author=ctx.author,
        extra={"source_notes": comments} if comments else {},
    )


def _state_list(cell: str) -> tuple[str, ...]:
    """A `Recommending State/s` cell: one State per line, or separated by ',' or ';'
    (a comma inside a State's name, 'Korea, Republic of', is kept when it makes no State)."""
    found: list[str] = []
    for line in re.split(r"[\n;]", cell):
        parts = [p for p in (x.strip() for x in line.split(",")) if p]
        names = parts if parts and all(is_state(p) for p in parts) else [line.strip()]
        found += [canonical_state(n) for n in names if n]
    return tuple(dict.fromkeys(found))
