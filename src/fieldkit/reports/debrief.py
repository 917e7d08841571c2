"""The Word debrief: what the drafting team receives after the mission.

Structure (DESIGN.md, "Word debrief"): title block; summary figures and the priority-items
table; meetings in date order with participants and, per agenda item, responses and notes by
kind; a section per priority item across the meetings; follow-up actions; annexes of the
people and institutions met and of the full text of every item referenced.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from docx.document import Document

from fieldkit.domain.citations import cite
from fieldkit.domain.filters import reading_order
from fieldkit.domain.grades import Grade, trend
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Action, Meeting, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import squash
from fieldkit.domain.vocab import ActionStatus, Confidentiality, MeetingStatus
from fieldkit.i18n import _, ngettext, speaking
from fieldkit.reports import sections as s
from fieldkit.reports.document import add_page_furniture, open_document, set_properties
from fieldkit.reports.scope import ExportOptions, Scope, author_of, prepared_on
from fieldkit.reports.word import WordWriter


@dataclasses.dataclass
class Built:
    """A finished document and what the person exporting should be told."""

    document: Document
    left_out: int = 0
    confidential: bool = False


def build_debrief(data: MissionData, options: ExportOptions) -> Built:
    """The debrief in `options.language`: headings, fixed phrases, words and dates."""
    with speaking(options.language):
        return _build(data, options)


def _build(data: MissionData, options: ExportOptions) -> Built:
    scope = Scope(data, options)
    document = open_document(options.template)
    w = WordWriter(document)
    mission_name = data.mission.name if data.mission else _("Mission")
    recorded = [m for m in scope.meetings if _has_record(scope, m)]

    _title_block(w, scope)
    _summary(w, scope, recorded)
    _meetings(w, scope, recorded)
    _priorities(w, scope)
    _actions(w, scope)
    _annexes(w, scope, recorded)
    w.finish()

    title = _("Debrief: {mission}").format(mission=mission_name)
    set_properties(document, title, author_of(options), _("Mission debrief"))
    add_page_furniture(document, scope.shows_confidential)
    return Built(document, _left_out(scope), scope.shows_confidential)


# -- title and summary ---------------------------------------------------------------------


def _title_block(w: WordWriter, scope: Scope) -> None:
    mission = scope.data.mission
    w.title(
        _("Debrief: {mission}").format(mission=mission.name) if mission else _("Mission debrief")
    )
    if mission is None:
        return
    if mission.country:
        w.subtitle(_("Follow-up mission to {country}").format(country=squash(mission.country)))
    if mission.start_date or mission.end_date:
        w.field(_("Dates"), s.date_span(mission.start_date, mission.end_date))
    if mission.locations:
        w.field(_("Places"), ", ".join(squash(p) for p in mission.locations))
    if mission.delegation:
        w.field(_("Delegation"), ", ".join(squash(p) for p in mission.delegation))
    if mission.objective:
        w.field(_("Objective"), mission.objective)
    prepared = s.long_date(prepared_on(scope.options))
    author = author_of(scope.options)
    if author:
        prepared = _("{day} by {author}").format(day=prepared, author=squash(author))
    w.field(_("Prepared"), prepared)
    if scope.options.limited:
        w.field(_("Covers"), _coverage(scope))


def _coverage(scope: Scope) -> str:
    o = scope.options
    parts = []
    if o.meeting_ids:
        count = len(o.meeting_ids)
        parts.append(
            ngettext("{count} selected meeting(s)", "{count} selected meeting(s)", count).format(
                count=count
            )
        )
    first, last = s.long_date(o.date_from), s.long_date(o.date_to)
    if o.date_from and o.date_to:
        parts.append(_("meetings from {first} to {last}").format(first=first, last=last))
    elif o.date_from:
        parts.append(_("meetings from {first}").format(first=first))
    elif o.date_to:
        parts.append(_("meetings up to {last}").format(last=last))
    return "; ".join(parts) + " " + _("({count} in all)").format(count=len(scope.meetings))


def _summary(w: WordWriter, scope: Scope, recorded: list[Meeting]) -> None:
    w.heading(_("Summary"), 1)
    statuses = Counter(m.status for m in scope.meetings)
    responses = [r for m in scope.meetings for r in scope.responses_in(m.id)]
    notes = [n for m in scope.meetings for n in scope.notes_in(m.id)]
    stances = Counter(r.stance for r in responses)
    kinds = Counter(n.kind for n in notes)
    held = [m for m in recorded if m.status is MeetingStatus.HELD]
    met_people = {p for m in held for p in m.person_ids}
    met_institutions = {i for m in held for i in m.institution_ids}
    lines = [
        _(
            "Meetings: {total} in this debrief ({held} held, {planned} planned, "
            "{cancelled} cancelled); {recorded} with a record."
        ).format(
            total=len(scope.meetings),
            held=statuses[MeetingStatus.HELD],
            planned=statuses[MeetingStatus.PLANNED],
            cancelled=statuses[MeetingStatus.CANCELLED],
            recorded=len(recorded),
        ),
        _met(len(met_people), len(met_institutions))
        if held
        else _("Met: nobody yet; no meeting is marked as held."),
    ]
    if responses:
        stance_words = ", ".join(
            _("{count} {word}").format(count=n, word=st.label) for st, n in stances.most_common()
        )
        items = len({r.item_id for r in responses})
        on_items = ngettext("on {count} item", "on {count} items", items).format(count=items)
        lines.append(
            _("Responses: {count} {on_items} ({stances}).").format(
                count=len(responses), on_items=on_items, stances=stance_words
            )
        )
    else:
        lines.append(_("Responses: none recorded."))
    if notes:
        kind_words = ", ".join(
            _("{count} {word}").format(count=n, word=s.note_kind_heading(k).lower())
            for k, n in kinds.most_common()
        )
        lines.append(_("Notes: {count} ({kinds}).").format(count=len(notes), kinds=kind_words))
    actions = _actions_in(scope)
    if actions:
        open_count = sum(1 for a in actions if a.status is ActionStatus.OPEN)
        lines.append(
            _("Follow-up actions: {count} ({open} open).").format(
                count=len(actions), open=open_count
            )
        )
    priorities = scope.data.priorities
    if priorities:
        raised = sum(1 for i in priorities if scope.responses_for(i.id) or scope.notes_for(i.id))
        lines.append(
            _("Priority items: {count}, {raised} raised in the meetings.").format(
                count=len(priorities), raised=raised
            )
        )
    w.bullets(lines)
    if priorities:
        _priority_table(w, scope, priorities)


def _met(people: int, institutions: int) -> str:
    """'Met: 12 people from 9 institutions.'"""
    who = ngettext("{count} person", "{count} people", people).format(count=people)
    where = ngettext("from {count} institution", "from {count} institutions", institutions)
    return _("Met: {people} {from_institutions}.").format(
        people=who, from_institutions=where.format(count=institutions)
    )


def _priority_table(w: WordWriter, scope: Scope, priorities: list[Item]) -> None:
    w.heading(_("Priority items at a glance"), 2)
    rows = []
    for item in priorities:
        responses = scope.responses_for(item.id)
        latest = responses[-1] if responses else None
        stance = latest.stance.label if latest else _("no response yet")
        grades, trends = _grades_by_limb(scope, item, responses)
        rows.append(
            [
                item.short_ref,
                s.item_summary(item),
                stance,
                "\n".join(grades) or "—",
                "\n".join(trends) or "—",
            ]
        )
    w.caption(
        _(
            "Latest stance and the delegation's grade in the meetings covered, limb by limb; "
            "the trend compares a grade with the one before it on the same limb (an earlier "
            "meeting, else the last assessment before)."
        )
    )
    headings = [_("Ref."), _("Item"), _("Latest stance"), _("Grade"), _("Trend")]
    w.table(headings, rows, keep_together=True)


def _grades_by_limb(
    scope: Scope, item: Item, responses: list[Response]
) -> tuple[list[str], list[str]]:
    """The latest grade of each limb graded ('(b) B'), and how it moved ('(b) new')."""
    by_limb: dict[str, list[Response]] = {}
    for r in responses:
        if r.grade is not None:
            by_limb.setdefault(s.limb_label(r.limb), []).append(r)
    grades, trends = [], []
    for limb, graded in by_limb.items():
        grade = graded[-1].grade
        previous: Grade | None = graded[-2].grade if len(graded) > 1 else None
        if previous is None:
            previous = _assessed_before(scope, item, graded[-1])
        moved = trend(previous, grade)
        if previous is not None and grade is not None:  # improved, worsened or unchanged
            moved = _("{trend} (was {grade})").format(trend=moved, grade=previous.value)
        prefix = f"{limb} " if limb else ""
        grades.append(f"{prefix}{grade.value}" if grade else "")
        trends.append(f"{prefix}{moved}" if moved else "")
    return grades, trends


def _assessed_before(scope: Scope, item: Item, response: Response) -> Grade | None:
    """The grade of the last outside assessment made before the response's meeting, on the
    response's limb (an assessment of other limbs does not count)."""
    meeting = scope.data.meetings.get(response.meeting_id)
    day = meeting.day if meeting else ""
    letter = response.limb.strip().strip("()").lower()
    earlier = [
        a
        for a in item.assessments
        if a.grade
        and a.date
        and day
        and a.date[:10] <= day
        and (not a.limbs or not letter or letter in s.limb_letters(a.limbs))
    ]
    return max(earlier, key=lambda a: a.date).grade if earlier else None


# -- meetings ------------------------------------------------------------------------------


def _has_record(scope: Scope, meeting: Meeting) -> bool:
    return bool(
        meeting.status is MeetingStatus.HELD
        or meeting.summary
        or scope.data.notes_in(meeting.id)
        or scope.data.responses_in(meeting.id)
    )


def _meetings(w: WordWriter, scope: Scope, recorded: list[Meeting]) -> None:
    w.heading(_("Meetings"), 1)
    if not scope.meetings:
        w.paragraph(_("No meetings in the period covered."))
        return
    for meeting in recorded:
        _meeting(w, scope, meeting)
    shown = {m.id for m in recorded}
    others = [m for m in scope.meetings if m.id not in shown]
    if others:
        w.heading(_("Other scheduled meetings"), 2)
        w.paragraph(_("Nothing has been recorded for these meetings."))
        rows = [
            [s.short_date(m.day) if m.day else "—", m.time or "—", squash(m.title), m.status.label]
            for m in others
        ]
        w.table([_("Date"), _("Time"), _("Meeting"), _("Status")], rows)


def _meeting(w: WordWriter, scope: Scope, meeting: Meeting) -> None:
    data = scope.data
    w.heading(s.meeting_label(meeting), 2)
    if meeting.status is not MeetingStatus.HELD:
        w.field(_("Status"), meeting.status.label)
    if meeting.place:
        w.field(_("Place"), meeting.place)
    institutions = [
        data.institutions[i].name for i in meeting.institution_ids if i in data.institutions
    ]
    if institutions:
        w.field(_("Institutions"), "; ".join(squash(n) for n in institutions))
    # What the block already says of who was there: speakers are named without repeating it.
    context = "; ".join([squash(meeting.title), *(squash(n) for n in institutions)])
    people = [s.person_name(data, p) for p in meeting.person_ids]
    if any(people):
        # Only a meeting that took place met anyone; before, they are expected.
        label = _("Met") if meeting.status is MeetingStatus.HELD else _("Expected")
        w.field(label, "; ".join(p for p in people if p))
    if meeting.delegates:
        w.field(_("Delegation"), ", ".join(squash(d) for d in meeting.delegates))
    if meeting.summary:
        w.paragraph(meeting.summary)

    notes = scope.notes_in(meeting.id)
    responses = scope.responses_in(meeting.id)
    by_item_notes: dict[str | None, list[Note]] = {}
    for n in notes:
        by_item_notes.setdefault(n.item_id if n.item_id in data.items else None, []).append(n)
    by_item_responses: dict[str, list[Response]] = {}
    for r in responses:
        by_item_responses.setdefault(r.item_id, []).append(r)

    order = [i for i in dict.fromkeys(meeting.agenda) if i in data.items]
    extra = {i for i in (*by_item_notes, *by_item_responses) if i and i not in order}
    order += sorted(extra, key=lambda i: reading_order(data.items[i]) if i in data.items else ())
    silent = []
    for item_id in order:
        item = data.items.get(item_id)
        item_responses = by_item_responses.get(item_id, [])
        item_notes = by_item_notes.get(item_id, [])
        if item is None:
            continue
        if not item_responses and not item_notes:
            silent.append(item.short_ref)
            continue
        w.heading(s.item_label(item), 3)
        for response in item_responses:
            _response(w, scope, response, context)
        _notes(w, scope, item_notes, context)
    general = by_item_notes.get(None, [])
    if general:
        w.heading(_("General remarks"), 3)
        _notes(w, scope, general, context)
    if silent:
        w.field(_("On the agenda, nothing recorded"), ", ".join(silent))
    if not notes and not responses and not meeting.summary:
        w.paragraph(_("Nothing recorded in this meeting."))


def _response(w: WordWriter, scope: Scope, response: Response, context: str) -> None:
    head = s.response_head(scope.data, response, context)
    w.paragraph([("Strong", _("Response: ")), head])
    if response.quote:
        w.quote(s.quoted(response.quote))
    for label, value in s.response_details(response):
        w.field(label, value)


def _notes(w: WordWriter, scope: Scope, notes: list[Note], context: str) -> None:
    for note in sorted(notes, key=s.note_sort_key):
        w.bullet(s.note_line(scope.data, note, context=context))


# -- priority items across meetings --------------------------------------------------------


def _priorities(w: WordWriter, scope: Scope) -> None:
    priorities = scope.data.priorities
    if not priorities:
        return
    w.heading(_("Priority items across the meetings"), 1)
    meetings = scope.data.meetings
    for item in priorities:
        w.heading(s.item_label(item), 2)
        w.field(_("Citation"), cite(item))
        for label, value in s.assessment_lines(item):
            w.field(label, value)
        responses = scope.responses_for(item.id)
        notes = scope.notes_for(item.id)
        if not responses and not notes:
            w.paragraph(_("Not raised in the meetings covered."))
            continue
        for response in responses:
            meeting = meetings.get(response.meeting_id)
            where = s.meeting_label(meeting) if meeting else _("Meeting not found")
            context = squash(meeting.title) if meeting else ""
            head = s.response_head(scope.data, response, context)
            w.paragraph([("Strong", _("{label}: ").format(label=where)), head])
            if response.quote:
                w.quote(s.quoted(response.quote))
            for label, value in s.response_details(response):
                w.field(label, value)
        for note in sorted(notes, key=lambda n: (_meeting_key(scope, n), s.note_sort_key(n))):
            w.bullet(s.note_line(scope.data, note, meetings.get(note.meeting_id)))


def _meeting_key(scope: Scope, note: Note) -> str:
    meeting = scope.data.meetings.get(note.meeting_id)
    return meeting.starts_at if meeting else ""


# -- actions -------------------------------------------------------------------------------


def _actions_in(scope: Scope) -> list[Action]:
    limited = scope.options.limited
    found = [
        a for a in scope.data.actions.values() if not limited or a.meeting_id in scope.meeting_ids
    ]
    status_order = {ActionStatus.OPEN: 0, ActionStatus.DONE: 1, ActionStatus.DROPPED: 2}
    return sorted(found, key=lambda a: (status_order[a.status], a.due or "9999", a.created_at))


def _actions(w: WordWriter, scope: Scope) -> None:
    w.heading(_("Follow-up actions"), 1)
    actions = _actions_in(scope)
    if not actions:
        w.paragraph(_("No follow-up actions recorded."))
        return
    rows = []
    for a in actions:
        item = scope.data.items.get(a.item_id or "")
        meeting = scope.data.meetings.get(a.meeting_id or "")
        rows.append(
            [
                a.text,
                item.short_ref if item else "—",
                f"{s.short_date(meeting.day)}, {squash(meeting.title)}" if meeting else "—",
                squash(a.owner) or "—",
                s.short_date(a.due) if a.due else "—",
                a.status.label,
            ]
        )
    headings = [_("Action"), _("Item"), _("Meeting"), _("Owner"), _("Due"), _("Status")]
    w.table(headings, rows)


# -- annexes -------------------------------------------------------------------------------


def _annexes(w: WordWriter, scope: Scope, recorded: list[Meeting]) -> None:
    data = scope.data
    w.heading(_("Annex 1: People and institutions met"), 1)
    met = [m for m in recorded if m.status is MeetingStatus.HELD]
    institution_ids: list[str] = []
    people_by_institution: dict[str, list[str]] = {}
    for m in met:
        for i in m.institution_ids:
            if i in data.institutions and i not in institution_ids:
                institution_ids.append(i)
        for p in m.person_ids:
            person = data.people.get(p)
            if person is None:
                continue
            key = person.institution_id if person.institution_id in data.institutions else ""
            if key and key not in institution_ids:
                institution_ids.append(key)
            bucket = people_by_institution.setdefault(key or "", [])
            if p not in bucket:
                bucket.append(p)
    if not institution_ids and not people_by_institution:
        w.paragraph(_("No meeting has been held yet."))
    else:
        rows = []
        for i in sorted(institution_ids, key=lambda i: data.institutions[i].name.lower()):
            inst = data.institutions[i]
            people = [s.person_entry(scope, p) for p in people_by_institution.get(i, [])]
            rows.append(
                [squash(inst.name), s.institution_type(inst.type), "\n".join(people) or "—"]
            )
        loose = [s.person_entry(scope, p) for p in people_by_institution.get("", [])]
        if loose:
            rows.append([_("Other"), "—", "\n".join(loose)])
        w.table([_("Institution"), _("Type"), _("People met")], rows)

    w.heading(_("Annex 2: Items referenced"), 1)
    items = _referenced(scope, recorded)
    if not items:
        w.paragraph(_("No items were referenced."))
        return
    w.paragraph(
        ngettext(
            "The full text of the {count} items this debrief refers to, "
            "priority items first, then by document and number.",
            "The full text of the {count} items this debrief refers to, "
            "priority items first, then by document and number.",
            len(items),
        ).format(count=len(items))
    )
    for item in items:
        w.heading(cite(item), 3)
        if item.title:
            w.field(_("Subject"), item.title)
        if item.position is not None:
            w.field(_("Position of the State"), item.position.label)
        if item.text:
            w.paragraph(item.text)
        w.bullets(
            [("Strong", f"{s.limb_label(limb.label)} "), limb.text]
            for limb in item.limbs
            if limb.text
        )


def _referenced(scope: Scope, recorded: list[Meeting]) -> list[Item]:
    data = scope.data
    ids = {i.id for i in data.priorities}
    for m in recorded:
        # The body names a recorded meeting's agenda; of the others only their titles.
        ids.update(m.agenda)
        ids.update(n.item_id for n in scope.notes_in(m.id) if n.item_id)
        ids.update(r.item_id for r in scope.responses_in(m.id))
    ids.update(a.item_id for a in _actions_in(scope) if a.item_id)
    return sorted((data.items[i] for i in ids if i in data.items), key=reading_order)


def _left_out(scope: Scope) -> int:
    if scope.options.include_confidential:
        return 0
    hidden = 0
    for m in scope.meetings:
        hidden += sum(
            1
            for n in scope.data.notes_in(m.id)
            if n.confidentiality is Confidentiality.CONFIDENTIAL
        )
        hidden += sum(
            1
            for r in scope.data.responses_in(m.id)
            if r.confidentiality is Confidentiality.CONFIDENTIAL
        )
    return hidden
