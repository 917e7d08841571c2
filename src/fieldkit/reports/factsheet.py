"""The thematic factsheet: one theme across mechanisms, for coalitions to hand to diplomats.

The items on the theme (tagged with it, or whose text names it) and the items linked to
them as raising the same concern: UPR recommendations with their recommending States and the
State's position, treaty-body paragraphs with their follow-up grades, and what officials said.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from fieldkit.domain.citations import cite
from fieldkit.domain.filters import ItemFilter, reading_order, themes_of
from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import squash
from fieldkit.domain.vocab import Mechanism
from fieldkit.i18n import _, ngettext
from fieldkit.reports import sections as s
from fieldkit.reports.debrief import Built
from fieldkit.reports.document import add_page_furniture, open_document, set_properties
from fieldkit.reports.scope import ExportOptions, ReportError, Scope, author_of, prepared_on
from fieldkit.reports.word import Run, WordWriter


def items_on_theme(data: MissionData, theme: str) -> list[Item]:
    """Items tagged with or naming the theme, and the items linked to them."""
    wanted = ItemFilter(theme=theme.strip())
    found = {i.id: i for i in data.items.values() if wanted.accepts(i, data)}
    links = Links(data)
    for item in list(found.values()):
        for other in links.of(item):
            found.setdefault(other.id, other)
    return sorted(found.values(), key=_mechanism_order)


class Links:
    """Items linked as raising the same concern, in either direction, indexed once.

    `MissionData.related` scans every item per call; a factsheet asks for hundreds.
    """

    def __init__(self, data: MissionData) -> None:
        self.data = data
        self.ids: dict[str, set[str]] = {}
        for item in data.items.values():
            for other in item.related_ids:
                if other != item.id:
                    self.ids.setdefault(item.id, set()).add(other)
                    self.ids.setdefault(other, set()).add(item.id)

    def of(self, item: Item) -> list[Item]:
        items = self.data.items
        return [items[i] for i in sorted(self.ids.get(item.id, ())) if i in items]


def _document_order(item: Item) -> tuple[int, str, str, tuple[object, ...]]:
    """By mechanism, then document, then number: how the tables group items."""
    return (
        0 if item.mechanism is Mechanism.UPR else 1,
        item.mechanism.value,
        item.document_symbol,
        reading_order(item)[3:],
    )


def _mechanism_order(item: Item) -> tuple[int, tuple[object, ...]]:
    return (0 if item.mechanism is Mechanism.UPR else 1, reading_order(item))


def build_factsheet(data: MissionData, theme: str, options: ExportOptions) -> Built:
    theme = squash(theme)
    if not theme:
        raise ReportError(_("give a theme, e.g. --theme torture"))
    items = items_on_theme(data, theme)
    if not items:
        known = themes_of(data.items.values())
        problem = _("no items on {theme} (by theme or in their text)").format(theme=repr(theme))
        if known:
            problem = _("{problem}; themes in this mission: {themes}").format(
                problem=problem, themes=", ".join(known[:12])
            )
        raise ReportError(problem)
    scope = Scope(data, options)
    document = open_document(options.template)
    w = WordWriter(document)
    upr = [i for i in items if i.mechanism is Mechanism.UPR]
    others = [i for i in items if i.mechanism is not Mechanism.UPR]

    country = data.mission.country if data.mission else ""
    w.title(f"{theme[:1].upper()}{theme[1:]}")
    w.subtitle(
        _("{country}: what the UN mechanisms recommend").format(country=country)
        if country
        else _("What the UN mechanisms recommend")
    )
    w.field(_("Prepared"), s.long_date(prepared_on(options)))
    w.paragraph(_overview(upr, others))

    _at_a_glance(w, scope, items)
    links = Links(data)
    _pairs(w, links, upr, others)
    _upr(w, upr)
    _treaty_bodies(w, links, others)
    _said(w, scope, items)
    w.finish()

    title = _("Factsheet: {theme}").format(theme=theme)
    set_properties(document, title, author_of(options), _("Thematic factsheet"))
    add_page_furniture(document, scope.shows_confidential)
    return Built(document, len(scope.left_out), scope.shows_confidential)


def _overview(upr: list[Item], others: list[Item]) -> str:
    parts = []
    if upr:
        positions = Counter(i.position for i in upr if i.position)
        said = ", ".join(_count(n, p.label) for p, n in positions.most_common())
        recs = ngettext("{count} UPR recommendation", "{count} UPR recommendations", len(upr))
        recs = recs.format(count=len(upr))
        parts.append(f"{recs} ({said})" if said else recs)
    if others:
        bodies = Counter(i.mechanism for i in others)
        named = ", ".join(f"{b.label} ({n})" for b, n in bodies.most_common())
        paragraphs = ngettext(
            "{count} paragraph or other item from {bodies}",
            "{count} paragraphs or other items from {bodies}",
            len(others),
        )
        parts.append(paragraphs.format(count=len(others), bodies=named))
    return _("This sheet brings together {what}.").format(what=_(" and ").join(parts))


def _count(n: int, word: str) -> str:
    return _("{count} {word}").format(count=n, word=word)


def _at_a_glance(w: WordWriter, scope: Scope, items: list[Item]) -> None:
    w.heading(_("At a glance"), 1)
    rows = []
    for (mechanism, symbol), group in groupby(
        sorted(items, key=_document_order), key=lambda i: (i.mechanism, i.document_symbol)
    ):
        batch = list(group)
        years = sorted({i.year for i in batch if i.year})
        if mechanism is Mechanism.UPR:
            counts = Counter(i.position for i in batch if i.position)
            standing = ", ".join(_count(n, p.label) for p, n in counts.most_common()) or "—"
        else:
            grades = Counter(
                a.grade.value for i in batch for a in i.assessments if a.grade is not None
            )
            standing = ", ".join(f"{n}× {g}" for g, n in sorted(grades.items())) or "—"
        answered = sum(1 for i in batch if scope.responses_for(i.id))
        rows.append(
            [
                f"{mechanism.label}\n{symbol}" if symbol else mechanism.label,
                ", ".join(str(y) for y in years) or "—",
                str(len(batch)),
                standing,
                _("{count} of {total}").format(count=answered, total=len(batch)),
            ]
        )
    header = [_("Mechanism and document"), _("Year"), _("Items"), _("Positions or grades")]
    w.table([*header, _("Officials spoke on")], rows, keep_together=True)


def _pairs(w: WordWriter, links: Links, upr: list[Item], others: list[Item]) -> None:
    """Each treaty-body paragraph beside the UPR recommendations raising the same concern.

    A recommendation goes beside the paragraph it is linked to, else the one sharing most
    themes with it; one that fits none is listed on its own at the end.
    """
    if not others:
        return
    placed: dict[str, list[Item]] = {o.id: [] for o in others}
    alone: list[Item] = []
    for rec in upr:
        linked = [o for o in others if o.id in links.ids.get(rec.id, ())]
        if linked:
            placed[linked[0].id].append(rec)
            continue
        best, overlap = None, 0
        for other in others:
            shared = len(set(rec.themes) & set(other.themes))
            if shared > overlap:
                best, overlap = other, shared
        if best is None:
            alone.append(rec)
        else:
            placed[best.id].append(rec)
    rows: list[list[Run | list[Run]]] = []
    for other in others:
        left: list[Run] = [("Strong", cite(other)), f"\n{s.item_summary(other)}"]
        grades = [a for a in other.assessments if a.grade is not None]
        if grades:
            graded = "; ".join(
                _("{grade} for {limbs}").format(grade=a.grade.value, limbs=a.limbs)
                if a.limbs
                else a.grade.value
                for a in grades
                if a.grade
            )
            left.append("\n" + _("Grade: {grades}").format(grades=graded))
        rows.append([left, _rec_lines(placed[other.id])])
    if alone:
        rows.append([_("No treaty-body paragraph on file"), _rec_lines(alone)])
    w.heading(_("The same concern, side by side"), 1)
    w.table([_("Treaty bodies and others"), _("UPR recommendations")], rows)


def _rec_lines(recs: list[Item]) -> str:
    if not recs:
        return "—"
    return "\n".join(
        f"{r.short_ref} ({r.source_name}): {_position(r)}" for r in sorted(recs, key=reading_order)
    )


def _upr(w: WordWriter, upr: list[Item]) -> None:
    if not upr:
        return
    w.heading(_("UPR recommendations"), 1)
    for symbol, group in groupby(sorted(upr, key=_document_order), key=lambda i: i.document_symbol):
        batch = list(group)
        first = batch[0]
        cycle = _("cycle {cycle}").format(cycle=first.cycle) if first.cycle else ""
        when = ", ".join(p for p in (str(first.year or ""), cycle) if p)
        name = symbol or Mechanism.UPR.label
        w.heading(f"{name} ({when})" if when else name, 2)
        rows = [
            [
                i.reference or "—",
                i.text,
                ", ".join(i.recommending_states) or "—",
                i.position.label if i.position else "—",
            ]
            for i in batch
        ]
        w.table([_("Rec."), _("Recommendation"), _("State(s)"), _("Position")], rows)


def _treaty_bodies(w: WordWriter, links: Links, others: list[Item]) -> None:
    if not others:
        return
    w.heading(_("Treaty bodies and other mechanisms"), 1)
    for item in others:
        w.heading(s.item_label(item), 2)
        w.field(_("Citation"), cite(item))
        if item.text:
            w.paragraph(item.text)
        w.bullets(
            [("Strong", f"{s.limb_label(limb.label)} "), limb.text]
            for limb in item.limbs
            if limb.text
        )
        for label, value in s.assessment_lines(item):
            w.field(label, value)
        linked = [i for i in links.of(item) if i.mechanism is Mechanism.UPR]
        if linked:
            w.field(_("Same concern in the UPR"), ", ".join(i.short_ref for i in linked))


def _said(w: WordWriter, scope: Scope, items: list[Item]) -> None:
    w.heading(_("What officials said"), 1)
    said = False
    for item in items:
        responses = scope.responses_for(item.id)
        if not responses:
            continue
        said = True
        w.heading(s.item_label(item), 2)
        for response in responses:
            meeting = scope.data.meetings.get(response.meeting_id)
            where = s.meeting_label(meeting) if meeting else _("Meeting not found")
            context = squash(meeting.title) if meeting else ""
            head = s.response_head(scope.data, response, context)
            w.paragraph([("Strong", _("{label}: ").format(label=where)), head])
            if response.quote:
                w.quote(s.quoted(response.quote))
            if response.commitment:
                commitment = response.commitment
                if response.deadline:
                    by = _("by {day}").format(day=s.long_date(response.deadline))
                    commitment += f" ({by})"
                w.field(_("Commitment"), commitment)
    if not said:
        w.paragraph(_("No official has responded on these items in the meetings recorded so far."))


def _position(item: Item) -> str:
    return item.position.label if item.position else _("no position")
