"""The OHCHR thematic list of recommendations, with the assessment column filled in.

The layout of OHCHR's own list (A4 landscape, narrow margins; a page header naming the
State, cycle and session; one table with the columns Recommendation | Position | Full list of
themes | Assessment/comments on level of implementation, a "Theme: ..." row before each
group), so that the list goes back to the people who published it, and reads back into
fieldkit with `fieldkit import`.
"""

from __future__ import annotations

from collections import Counter

from docx.enum.section import WD_ORIENT
from docx.shared import Twips

from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import squash
from fieldkit.i18n import ENGLISH, N_, _, current
from fieldkit.reports.debrief import Built
from fieldkit.reports.document import add_page_furniture, open_document, set_properties
from fieldkit.reports.docx_styles import ensure_styles
from fieldkit.reports.matrix import assessed, by_theme, claimed, upr_items
from fieldkit.reports.scope import ExportOptions, Scope, author_of
from fieldkit.reports.sections import implemented
from fieldkit.reports.word import Run, WordWriter

COLUMNS = (
    N_("Recommendation"),
    N_("Position"),
    N_("Full list of themes"),
    N_("Assessment/comments on level of implementation"),
)

#: The columns' widths in OHCHR's own list (twips of its grid).
SHARES = (4435, 1134, 5017, 4592)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def review_line(items: list[Item], country: str) -> str:
    """'UPR of Kazakhstan (2nd Cycle - 20th Session)', as OHCHR heads its pages (and as the
    importer reads them back); in another language, that language's words."""
    state = Counter(i.state_under_review for i in items if i.state_under_review)
    name = state.most_common(1)[0][0] if state else country
    reviews = sorted({(i.cycle, i.session) for i in items if i.cycle})
    if len(reviews) == 1 and reviews[0][1]:
        cycle, session = reviews[0]
        if current().code == ENGLISH:
            cycle_session = f"{_ordinal(cycle or 0)} Cycle - {_ordinal(session or 0)} Session"
            return f"UPR of {name} ({cycle_session})"
        return _("UPR of {state} (cycle {cycle}, session {session})").format(
            state=name, cycle=cycle, session=session
        )
    cycles = sorted({c for c, _s in reviews if c})
    if cycles:
        return _("UPR of {state} (cycles {cycles})").format(
            state=name, cycles=", ".join(map(str, cycles))
        )
    return _("UPR of {state}").format(state=name)


def _recommendation(item: Item) -> list[Run]:
    runs: list[Run] = [f"{item.reference} {squash(item.text)}".strip()]
    if item.document_symbol:
        para = item.reference.split(".")[0]
        source = _("{symbol} - Para {number}").format(symbol=item.document_symbol, number=para)
        runs += ["\n", ("Strong", _("Source of Position: ")), source]
    return runs


def _themes(item: Item) -> list[Run]:
    runs: list[Run] = ["\n".join(f"- {squash(t)}" for t in item.themes)]
    for label, values in ((_("SDGs"), item.sdgs), (_("Affected persons"), item.affected_persons)):
        if values:
            runs += [
                "\n",
                ("Strong", _("{label}:").format(label=label)),
                "\n" + "\n".join(f"- {squash(v)}" for v in values),
            ]
    return runs


def _assessment(scope: Scope, item: Item) -> str:
    level, source = assessed(scope, item)
    lines = []
    if level:
        words = implemented(level)
        words = words[:1].upper() + words[1:]
        lines.append(_("{level} (source: {source}).").format(level=words, source=source))
    said = claimed(scope, item)
    if said:
        lines.append(_("The State claims: {claim}.").format(claim=said))
    remarks = [r.text for r in scope.responses_for(item.id) if r.text]
    if remarks:
        lines.append(" ".join(squash(t) for t in remarks))
    return "\n".join(lines)


def build_ohchr_list(data: MissionData, cycle: int | None, options: ExportOptions) -> Built:
    items = upr_items(data, cycle)
    scope = Scope(data, options)
    document = open_document(options.template)
    for section in document.sections:  # OHCHR's page: A4 on its side, half-inch margins
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(16838), Twips(11906)
        section.left_margin = section.right_margin = Twips(720)
        section.top_margin = section.bottom_margin = Twips(720)
    country = squash(data.mission.country) if data.mission else ""
    heading = _("{review} · Thematic list of recommendations").format(
        review=review_line(items, country)
    )
    header = document.sections[0].header
    header.is_linked_to_previous = False
    first = header.paragraphs[0]
    first.text = heading
    ensure_styles(document, ("Header",))
    first.style = document.styles["Header"]
    w = WordWriter(document)
    rows: list[list[Run | list[Run]]] = []
    spans: list[tuple[int, str, str]] = []
    for theme, group in by_theme(items):
        spans.append((len(rows), _("Theme: {theme}").format(theme=theme), "Heading 3"))
        for item in group:
            position = item.position.label.capitalize() if item.position else ""
            rows.append([_recommendation(item), position, _themes(item), _assessment(scope, item)])
    w.table([_(c) for c in COLUMNS], rows, spans=spans, shares=SHARES)
    w.finish()
    set_properties(
        document,
        review_line(items, country),
        author_of(options),
        _("Thematic list of recommendations"),
    )
    add_page_furniture(document, scope.shows_confidential)
    return Built(document, len(scope.left_out), scope.shows_confidential)
