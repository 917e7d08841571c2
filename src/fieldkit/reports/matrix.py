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
from fieldkit.i18n import N_, _, ngettext
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

COLUMNS = (
    N_("Recommendation"),
    N_("Recommended by"),
    N_("Position"),
    N_("Themes"),
    N_("Claimed by the State"),
    N_("Our assessment (source)"),
)
NO_THEME = N_("No theme given")
#: A delegation's grade of what it heard, as a level of implementation.
_LEVEL = {
    "A": Implementation.FULLY,
    "B": Implementation.PARTIALLY,
    "C": Implementation.NOT,
    "D": Implementation.NOT,
    "E": Implementation.NOT,
}


def upr_items(data: MissionData, cycle: int | None) -> list[Item]:
    """The mission's UPR recommendations, of one cycle or of all, in reading order."""
    items = [
        i
        for i in data.items.values()
        if i.mechanism is Mechanism.UPR and (cycle is None or i.cycle == cycle)
    ]
    if not items:
        cycles = ", ".join(map(str, sorted({i.cycle for i in data.items.values() if i.cycle})))
        if cycle is not None:
            message = _("no UPR recommendations of cycle {cycle} in this mission")
        else:
            message = _("no UPR recommendations in this mission")
        message = message.format(cycle=cycle)
        if cycles:
            message = _("{problem}; cycles in this mission: {cycles}").format(
                problem=message, cycles=cycles
            )
        raise ReportError(message)
    return sorted(items, key=reading_order)


def by_theme(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Each recommendation once, under its first theme; themes in order of first appearance.
    Recommendations without a theme come last, under 'No theme given' in the document's
    language."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        theme = squash(item.themes[0]) if item.themes else NO_THEME
        groups.setdefault(theme, []).append(item)
    themed = [(t, g) for t, g in groups.items() if t != NO_THEME]
    return themed + ([(_(NO_THEME), groups[NO_THEME])] if NO_THEME in groups else [])


def where_said(scope: Scope, response: Response) -> str:
    """'Ministry of Justice, 13 Apr 2017': the meeting a response was given in."""
    meeting = scope.data.meetings.get(response.meeting_id)
    if meeting is None:
        return _("meeting not found")
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
    return f"{last.implementation.label} ({where_said(scope, last)})"


def assessed(scope: Scope, item: Item) -> tuple[Implementation | None, str]:
    """The delegation's assessment (not / partially / fully) and its source.

    The latest grade the delegation gave in a meeting, else the latest assessment on file
    that names a level of implementation (a mid-term review, a follow-up report).
    """
    graded = [r for r in scope.responses_for(item.id) if r.grade is not None]
    if graded:
        last = graded[-1]
        grade = last.grade.value if last.grade else ""
        source = _("delegation's grade {grade}, meeting: {meeting}")
        return _LEVEL[grade[:1]], source.format(grade=grade, meeting=where_said(scope, last))
    filed = [a for a in item.assessments if a.implementation is not None]
    if filed:
        last_filed = max(filed, key=lambda a: a.date)
        source = ", ".join(p for p in (last_filed.document, s.short_date(last_filed.date)) if p)
        return last_filed.implementation, source or _("assessment on file")
    return None, ""


def _row(scope: Scope, item: Item) -> list[str]:
    level, source = assessed(scope, item)
    return [
        f"{item.reference} {squash(item.text)}".strip(),
        ", ".join(squash(st) for st in item.recommending_states) or "—",
        item.position.label if item.position else "—",
        "\n".join(squash(t) for t in item.themes) or "—",
        claimed(scope, item) or "—",
        _("{level}\nSource: {source}").format(level=s.implemented(level), source=source)
        if level
        else _("not assessed"),
    ]


def _cycles(cycle: int | None, items: list[Item]) -> str:
    cycles = [cycle] if cycle else sorted({i.cycle for i in items if i.cycle})
    return ", ".join(_("cycle {cycle}").format(cycle=c) for c in cycles)


def build_matrix(data: MissionData, cycle: int | None, options: ExportOptions) -> Built:
    items = upr_items(data, cycle)
    scope = Scope(data, options)
    document = open_document(options.template)
    landscape(document)
    w = WordWriter(document)
    mission = data.mission
    country = squash(mission.country) if mission else ""
    which = _cycles(cycle, items)
    title = _("UPR mid-term assessment")
    w.title(_("{title}: {country}").format(title=title, country=country) if country else title)
    w.subtitle(
        _("Recommendations of {cycles}").format(cycles=which) if which else _("UPR recommendations")
    )
    w.field(_("Prepared"), s.long_date(prepared_on(options)))
    levels = Counter(assessed(scope, i)[0] for i in items)
    counts = ", ".join(
        _("{count} {word}").format(
            count=n, word=s.implemented(level) if level else _("not assessed")
        )
        for level, n in levels.most_common()
    )
    overview = ngettext(
        "{count} recommendation, grouped by theme, each once under its first theme. "
        "Delegation's assessment: {levels}.",
        "{count} recommendations, grouped by theme, each once under its first theme. "
        "Delegation's assessment: {levels}.",
        len(items),
    ).format(count=len(items), levels=counts)
    explained = _(
        "“Claimed by the State” is the implementation its officials told the delegation of; "
        "“our assessment” is the delegation's, from its grade in a meeting or an assessment "
        "on file."
    )
    w.paragraph(f"{overview} {explained}")
    rows: list[list[str]] = []
    spans: list[tuple[int, str, str]] = []
    for theme, group in by_theme(items):
        spans.append((len(rows), _("Theme: {theme}").format(theme=theme), "Heading 3"))
        rows.extend(_row(scope, i) for i in group)
    w.table([_(c) for c in COLUMNS], rows, spans=spans)
    w.finish()
    title = _("UPR mid-term matrix")
    set_properties(
        document,
        _("{title}: {country}").format(title=title, country=country) if country else title,
        author_of(options),
        title,
    )
    add_page_furniture(document, scope.shows_confidential)
    return Built(document, len(scope.left_out), scope.shows_confidential)
