"""OHCHR "thematic list of recommendations" Word documents, in both of OHCHR's layouts.

A table whose rows are either `Theme: ...` headings or a recommendation: first cell
`121.1 Text (France) (Lithuania);` then `Source of Position: A/HRC/43/15 - Para 121`, a
position cell, a themes cell (`- ` lines, then `SDGs:` / `Affected persons:` / `Groups of
Persons:` sections) and, in the newer layout, an SDG cell; the older layout has an
assessment column NGOs fill in. The page header names the State, cycle and session.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fieldkit.domain.items import Assessment, Item
from fieldkit.domain.states import canonical_state
from fieldkit.domain.vocab import AssessorKind, Mechanism
from fieldkit.importers import cells
from fieldkit.importers.common import Context, ImportFailed, Parsed, Problems
from fieldkit.importers.sessions import year_of

FORMAT = "ohchr-docx"

_HEADER = re.compile(
    r"UPR of (?P<state>.+?)\s*\(\s*(?P<cycle>\d+)\w*\s+Cycle\s*[-–]\s*"
    r"(?P<session>\d+)\w*\s+Session",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"\n?\s*Source of Position:\s*(?P<source>.*)$", re.DOTALL | re.IGNORECASE)
_SYMBOL = re.compile(r"[A-Z]+(?:/[\w.]+)+")
_SECTIONS = {
    "sdgs": "sdgs",
    "affected persons": "persons",
    "groups of persons": "persons",
    "themes": "themes",
}


def _open(path: Path) -> Any:
    import docx

    try:
        return docx.Document(str(path))
    except Exception as exc:  # zip, XML and package errors alike
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportFailed(path, f"is not a readable Word document (.docx): {reason}") from None


def _review(document: Any) -> tuple[str, int | None, int | None]:
    """State under review, cycle and session from the page header."""
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            found = _HEADER.search(paragraph.text)
            if found:
                return (
                    canonical_state(found["state"]),
                    int(found["cycle"]),
                    int(found["session"]),
                )
    return "", None, None


def _columns(header: list[str]) -> dict[str, int]:
    """Which column is which, by the words of the header row."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        words = name.lower()
        for key, marker in (
            ("recommendation", "recommendation"),
            ("position", "position"),
            ("sdgs", "sdg"),
            ("themes", "theme"),
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
            if value and value not in out[section]:
                out[section].append(value)
    return out


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
        if first.lower().startswith("theme:"):
            theme = first.split(":", 1)[1].strip()
            continue
        count += 1
        try:
            items.append(_item(ctx, number, texts, cols, theme, state, cycle, session))
        except cells.CellError as exc:
            problems.add(number, str(exc))
    if count == 0 and not problems.lines:
        raise ImportFailed(
            ctx.path, "holds no numbered recommendations (is it an OHCHR thematic list?)"
        )
    problems.raise_if_any(ctx.path, count)
    return Parsed(FORMAT, items, count)


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
    source = _SOURCE.search(first)
    body = first[: source.start()] if source else first
    reference, body = cells.split_reference(body)
    if "." not in reference:
        raise cells.CellError(
            "does not start with a recommendation number like '121.1': "
            f"{cells.squash(first)[:60]!r}"
        )
    symbol_match = _SYMBOL.search(source["source"]) if source else None
    position = cells.position(cell("position", 1))
    tags = _tags(cell("themes", 2))
    if "sdgs" in cols:
        tags["sdgs"] += [s for s in _tags(cell("sdgs"))["themes"] if s not in tags["sdgs"]]
    themes = tags["themes"] if theme in tags["themes"] or not theme else [theme, *tags["themes"]]
    note = cell("assessment") if "assessment" in cols else ""
    body = cells.strip_end(body)
    return Item(
        mechanism=Mechanism.UPR,
        document_symbol=cells.report_symbol(symbol_match.group(0)) if symbol_match else "",
        reference=reference,
        cycle=cycle,
        session=session,
        year=year_of(session) if session else None,
        state_under_review=state,
        recommending_states=cells.states_in_text(body),
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
    )
