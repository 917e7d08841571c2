"""The UPR mid-term matrix: the table a coalition hands to the UPR mid-term process.

One row per recommendation, grouped by theme, on landscape pages: the recommendation, the
recommending States, the State's position, its themes, the implementation the State claimed
in the meetings, the delegation's assessment (not, partially or fully implemented) and where
that assessment comes from.
"""

from __future__ import annotations

from collections import Counter

from fieldkit.domain.filters import reading_order
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import squash
from fieldkit.domain.vocab import Implementation, Mechanism
from fieldkit.reports import sections as s
from fieldkit.reports.debrief import Built
from fieldkit.reports.document import (
    add_page_furniture,
    landscape,
    open_document,
    set_properties,
)
from fieldkit.reports.scope import ExportOptions, ReportError, Scope, author_of, prepared_on
from fieldkit.reports.word import WordWriter

NO_THEME = "No theme given"
#: A delegation's grade of what it heard, as a level of implementation.
_LEVEL = {"A": "fully", "B": "partially", "C": "not", "D": "not", "E": "not"}


def upr_items(data: MissionData, cycle: int | None) -> list[Item]:
    """The mission's UPR recommendations, of one cycle or of all, in reading order."""
    items = [
        i
        for i in data.items.values()
        if i.mechanism is Mechanism.UPR and (cycle is None or i.cycle == cycle)
    ]
    if not items:
        cycles = sorted({i.cycle for i in data.items.values() if i.cycle})
        known = f"; cycles in this mission: {', '.join(map(str, cycles))}" if cycles else ""
        which = f"of cycle {cycle} " if cycle is not None else ""
        raise ReportError(f"no UPR recommendations {which}in this mission{known}")
    return sorted(items, key=reading_order)


def by_theme(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Each recommendation once, under its first theme; themes in order of first appearance."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        theme = squash(item.themes[0]) if item.themes else NO_THEME
        groups.setdefault(theme, []).append(item)
    themed = [(t, g) for t, g in groups.items() if t != NO_THEME]
    return themed + ([(NO_THEME, groups[NO_THEME])] if NO_THEME in groups else [])


def where_said(scope: Scope, response: Response) -> str:
    """'Ministry of Justice, 13 Apr 2017': the meeting a response was given in."""
    meeting = scope.data.meetings.get(response.meeting_id)
    if meeting is None:
        return "meeting not found"
    return f"{squash(meeting.title)}, {s.short_date(meeting.day)}"


def claimed(scope: Scope, item: Item) -> str:
    """The implementation the State claimed last, and where it said so:
    'partially (Ministry of Justice, 13 Apr 2017)'."""
    said = [
        r for r in scope.responses_for(item.id) if r.implementation is not Implementation.UNKNOWN
    ]
    if not said:
        return ""
    last = said[-1]
    return f"{last.implementation.value} ({where_said(scope, last)})"


def assessed(scope: Scope, item: Item) -> tuple[str, str]:
    """The delegation's assessment (not / partially / fully) and its source.

    The latest grade the delegation gave in a meeting, else the latest assessment on file
    that names a level of implementation (a mid-term review, a follow-up report).
    """
    graded = [r for r in scope.responses_for(item.id) if r.grade is not None]
    if graded:
        last = graded[-1]
        grade = last.grade.value if last.grade else ""
        level = _LEVEL[grade[:1]]
        return level, f"delegation's grade {grade}, meeting: {where_said(scope, last)}"
    filed = [a for a in item.assessments if a.implementation is not None]
    if filed:
        last_filed = max(filed, key=lambda a: a.date)
        source = ", ".join(p for p in (last_filed.document, s.short_date(last_filed.date)) if p)
        value = last_filed.implementation.value if last_filed.implementation else ""
        return value, source or "assessment on file"
    return "", ""


def _row(scope: Scope, item: Item) -> list[str]:
    level, source = assessed(scope, item)
    return [
        f"{item.reference} {squash(item.text)}".strip(),
        ", ".join(squash(st) for st in item.recommending_states) or "—",
        item.position.value if item.position else "—",
        "\n".join(squash(t) for t in item.themes) or "—",
        claimed(scope, item) or "—",
        f"{level}\nSource: {source}" if level else "not assessed",
    ]


def build_matrix(data: MissionData, cycle: int | None, options: ExportOptions) -> Built:
    items = upr_items(data, cycle)
    scope = Scope(data, options)
    document = open_document(options.template)
    landscape(document)
    w = WordWriter(document)
    mission = data.mission
    country = squash(mission.country) if mission else ""
    cycles = sorted({i.cycle for i in items if i.cycle})
    which = f"cycle {cycle}" if cycle else ", ".join(f"cycle {c}" for c in cycles)
    w.title(f"UPR mid-term assessment{f': {country}' if country else ''}")
    w.subtitle(f"Recommendations of {which}" if which else "UPR recommendations")
    w.field("Prepared", s.long_date(prepared_on(options)))
    levels = Counter(assessed(scope, i)[0] or "not assessed" for i in items)
    w.paragraph(
        f"{len(items)} recommendations, grouped by theme, each once under its first theme. "
        "Delegation's assessment: "
        + ", ".join(f"{n} {level}" for level, n in levels.most_common())
        + ". “Claimed by the State” is the implementation its officials told the delegation of; "
        "“our assessment” is the delegation's, from its grade in a meeting or an assessment "
        "on file."
    )
    rows: list[list[str]] = []
    spans: list[tuple[int, str, str]] = []
    for theme, group in by_theme(items):
        spans.append((len(rows), f"Theme: {theme}", "Heading 3"))
        rows.extend(_row(scope, i) for i in group)
    w.table(
        [
            "Recommendation",
            "Recommended by",
            "Position",
            "Themes",
            "Claimed by the State",
            "Our assessment (source)",
        ],
        rows,
        spans=spans,
    )
    w.finish()
    set_properties(
        document, f"UPR mid-term matrix: {country}", author_of(options), "UPR mid-term matrix"
    )
    add_page_furniture(document, scope.shows_confidential)
    return Built(document, len(scope.left_out), scope.shows_confidential)
