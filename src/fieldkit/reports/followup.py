"""The NGO follow-up submission: what an NGO sends under a treaty body's follow-up procedure.

For each follow-up paragraph (the mission's priority items from that body): the Committee's
recommendation with its limbs, what the State told the delegation (each cited to its meeting
and date), and per limb the NGO's assessment and a proposed grade on the Committee's A–E
scale beside the Committee's previous grade. A proposed grade always shows the responses it
rests on; a limb with no grade, or a grade with nothing said to back it, goes to the list of
what still needs the editor's attention at the end, never silently into the text.
"""

from __future__ import annotations

import dataclasses

from fieldkit.domain.citations import cite
from fieldkit.domain.grades import Grade
from fieldkit.domain.items import Assessment, Item
from fieldkit.domain.meetings import Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import squash
from fieldkit.domain.vocab import Implementation, Mechanism, NoteKind
from fieldkit.i18n import _
from fieldkit.reports import sections as s
from fieldkit.reports.debrief import Built
from fieldkit.reports.document import add_page_furniture, open_document, set_properties
from fieldkit.reports.scope import ExportOptions, ReportError, Scope, author_of, prepared_on
from fieldkit.reports.word import WordWriter

#: What the State says in a meeting; the delegation's own concerns and questions are not.
_STATE_SAID = (NoteKind.STATEMENT, NoteKind.COMMITMENT, NoteKind.QUOTE)
_WHOLE = ""


@dataclasses.dataclass
class LimbGrade:
    """One limb's line: the Committee's grade, the proposed one and what it rests on."""

    label: str
    committee: Assessment | None
    proposed: Grade | None
    evidence: list[Response]


def paragraphs_of(data: MissionData, body: str) -> list[Item]:
    """The follow-up paragraphs: the mission's priority items from `body` (e.g. CCPR)."""
    wanted = body.strip().upper()
    if wanted not in {m.value for m in Mechanism if m.is_treaty_body}:
        bodies = ", ".join(m.value for m in Mechanism if m.is_treaty_body)
        raise ReportError(
            _("unknown treaty body {body} (expected one of {bodies})").format(
                body=repr(body), bodies=bodies
            )
        )
    found = [i for i in data.priorities if i.mechanism.value == wanted]
    if not found:
        raise ReportError(
            _(
                "no priority items from {body} in this mission: the follow-up paragraphs are "
                "the priority items (set them in the app's items browser)"
            ).format(body=wanted)
        )
    return found


def _letter(label: str) -> str:
    return label.strip().strip("()").lower()


def committee_grade(item: Item, label: str) -> Assessment | None:
    """The Committee's latest grade covering this limb (or the whole paragraph)."""
    graded = [a for a in item.assessments if a.grade is not None]
    if not graded:
        return None
    last = max(a.date for a in graded)
    for a in graded:
        if a.date == last and (
            not a.limbs or not label or _letter(label) in s.limb_letters(a.limbs)
        ):
            return a
    return None


def limb_grades(item: Item, responses: list[Response]) -> list[LimbGrade]:
    """Each limb (or the whole paragraph) with the grade proposed from the responses.

    Responses on the limb come first; a response on the paragraph as a whole counts for
    every limb that has none of its own. The latest graded one gives the proposal.
    """
    labels = [limb.label for limb in item.limbs] or [_WHOLE]
    general = [r for r in responses if not r.limb]
    out = []
    for label in labels:
        own = [r for r in responses if label and _letter(r.limb) == _letter(label)]
        evidence = own or general
        graded = [r for r in evidence if r.grade is not None]
        proposed = graded[-1].grade if graded else None
        out.append(LimbGrade(label, committee_grade(item, label), proposed, evidence))
    return out


#: Something the editor must settle: (paragraph number, limb label, why); no number: general.
Attention = tuple[str, str, str]


def grouped(lines: list[Attention]) -> list[str]:
    """Paragraph 24 (a) and (c) with the same reason as one line: 'Paragraph 24 (a), (c): why'."""
    out: dict[tuple[str, str], list[str]] = {}
    for number, limb, why in lines:
        out.setdefault((number, why), []).append(limb)
    return [
        _("Paragraph {number}{limbs}: {why}").format(
            number=number, limbs="".join(f" {lb}" for lb in _joined(limbs)), why=why
        )
        if number
        else why
        for (number, why), limbs in out.items()
    ]


def _joined(limbs: list[str]) -> list[str]:
    named = [lb for lb in limbs if lb]
    return [", ".join(named)] if named else []


def build_followup(data: MissionData, body: str, options: ExportOptions) -> Built:
    items = paragraphs_of(data, body)
    scope = Scope(data, options)
    document = open_document(options.template)
    w = WordWriter(document)
    attention: list[Attention] = []
    _front(w, scope, items, attention)
    for item in items:
        _paragraph(w, scope, item, attention)
    w.heading(_("For the editor's attention"), 1)
    if attention:
        w.paragraph(
            _("Settle these before the submission is sent; they are not in the text above.")
        )
        w.bullets(grouped(attention))
    else:
        w.paragraph(_("Nothing: every proposed grade rests on what was said in a meeting."))
    w.finish()
    title = _("Follow-up submission: {body}").format(body=items[0].mechanism.label)
    set_properties(document, title, author_of(options), _("Follow-up submission"))
    add_page_furniture(document, scope.shows_confidential)
    return Built(document, len(scope.left_out), scope.shows_confidential)


def _front(w: WordWriter, scope: Scope, items: list[Item], attention: list[Attention]) -> None:
    mission = scope.data.mission
    country = squash(mission.country) if mission else ""
    symbol = items[0].document_symbol
    w.title(_("Follow-up submission to the {committee}").format(committee=_committee(items[0])))
    if symbol:
        subject = _("follow-up to the concluding observations {symbol}").format(symbol=symbol)
        if country:
            w.subtitle(_("{country}: {subject}").format(country=country, subject=subject))
        else:
            w.subtitle(subject[:1].upper() + subject[1:])
    else:
        w.subtitle(country or _("Follow-up to the concluding observations"))
    author = author_of(scope.options)
    if author:
        w.field(_("Submitted by"), author)
    else:
        attention.append(("", "", _(
            "No author is named: set FIELDKIT_AUTHOR or `fieldkit profile --name` and export "
            "again, or write the organisation's name on the title page."
        )))  # fmt: skip
    w.field(_("Date"), s.long_date(prepared_on(scope.options)))
    refs = ", ".join(i.reference.replace("para ", "") for i in items)
    dates = s.date_span(mission.start_date, mission.end_date) if mission else ""
    if dates:
        intro = _(
            "This submission concerns the follow-up paragraphs ({refs}) of the concluding "
            "observations {symbol}. For each it gives the Committee's recommendation, the "
            "information the State's officials gave the delegation in meetings held {dates}, "
            "our assessment of each part of the recommendation, and the grade we propose on "
            "the Committee's scale (A to E), beside the grade the Committee last gave."
        )
    else:
        intro = _(
            "This submission concerns the follow-up paragraphs ({refs}) of the concluding "
            "observations {symbol}. For each it gives the Committee's recommendation, the "
            "information the State's officials gave the delegation, our assessment of each "
            "part of the recommendation, and the grade we propose on the Committee's scale "
            "(A to E), beside the grade the Committee last gave."
        )
    w.paragraph(intro.format(refs=refs, symbol=symbol, dates=dates))


def _committee(item: Item) -> str:
    """The Committee's name as the UN writes it: 'Human Rights Committee'."""
    return item.mechanism.full_name


def _paragraph(w: WordWriter, scope: Scope, item: Item, attention: list[Attention]) -> None:
    paragraph = _("Paragraph {number}").format(number=_number(item))
    w.heading(s.item_label(item, width=0).replace(item.short_ref, paragraph), 1)
    w.field(_("Citation"), cite(item), keep_next=True)
    w.heading(_("The Committee's recommendation"), 2)
    if item.text:
        w.paragraph(item.text)
    w.bullets([("Strong", f"{s.limb_label(lb.label)} "), lb.text] for lb in item.limbs if lb.text)
    responses = scope.responses_for(item.id)
    notes = [
        n
        for n in scope.data.notes_for(item.id)
        if n.kind in _STATE_SAID and n.meeting_id in scope.meeting_ids and scope.allowed(n)
    ]
    _information(w, scope, responses, notes)
    grades = limb_grades(item, responses)
    _grades_table(w, item, grades)
    for line in grades:
        _limb(w, scope, item, line, attention)


def _number(item: Item) -> str:
    return item.reference.replace("para", "").strip() or item.short_ref


def _information(w: WordWriter, scope: Scope, responses: list[Response], notes: list[Note]) -> None:
    w.heading(_("Information given by the State"), 2)
    if not responses and not notes:
        w.paragraph(
            _("The State's officials gave no information on this paragraph in the meetings.")
        )
        return
    for response in responses:
        w.bullet([("Strong", _label(_cited(scope, response))), _said(response)])
    for note in sorted(notes, key=s.note_sort_key):
        w.bullet([("Strong", _label(_cited(scope, note))), note.text])


def _label(text: str) -> str:
    return _("{label}: ").format(label=text)


def _cited(scope: Scope, record: Response | Note) -> str:
    """'On (b), meeting with the Deputy Minister of Justice, 13 April 2017 (Head of Unit)'."""
    meeting = scope.data.meetings.get(record.meeting_id)
    parts = [_("On {limb}").format(limb=s.limb_label(record.limb))] if record.limb else []
    if meeting is not None:
        parts.append(
            _("meeting “{title}”, {day}").format(
                title=squash(meeting.title), day=s.long_date(meeting.day)
            )
        )
    else:
        parts.append(_("meeting not found"))
    who = s.speaker(scope.data, record.speaker_id, squash(meeting.title) if meeting else "")
    text = ", ".join(parts) + (f" ({who})" if who else "")
    return text[:1].upper() + text[1:]


_CLOSED = (".", "!", "?", "…")


def _said(response: Response) -> str:
    parts = [f"{response.stance.label[:1].upper()}{response.stance.label[1:]}."]
    if response.quote:
        quote = squash(response.quote)
        parts.append(s.quoted(quote) if quote.endswith(_CLOSED) else s.quoted(quote) + ".")
    if response.implementation is not Implementation.UNKNOWN:
        parts.append(
            _("Implementation claimed: {level}.").format(level=response.implementation.label)
        )
    if response.commitment:
        commitment = squash(response.commitment)
        if response.deadline:
            parts.append(
                _("Commitment: {commitment} by {day}.").format(
                    commitment=commitment, day=s.long_date(response.deadline)
                )
            )
        else:
            parts.append(_("Commitment: {commitment}.").format(commitment=commitment))
    elif response.deadline:
        parts.append(_("Deadline given: {day}.").format(day=s.long_date(response.deadline)))
    return " ".join(_once(part) for part in parts)


def _once(sentence: str) -> str:
    """A sentence ending on a date that ends with a full stop ('31 декабря 2017 г.') ends
    with one full stop, not two."""
    return sentence[:-1] if sentence.endswith("..") and not sentence.endswith("...") else sentence


def _grades_table(w: WordWriter, item: Item, grades: list[LimbGrade]) -> None:
    w.heading(_("Assessment and proposed grades"), 2)
    last = next((g.committee for g in grades if g.committee), None)
    year = last.date[:4] if last and last.date else ""
    rows = [
        [
            s.limb_label(g.label) or _("Whole paragraph"),
            g.committee.grade.value if g.committee and g.committee.grade else "—",
            g.proposed.value if g.proposed else _("none yet"),
        ]
        for g in grades
    ]
    committee = _("Committee's grade")
    if year:
        committee = _("Committee's grade ({year})").format(year=year)
    w.table([_("Part"), committee, _("Proposed grade")], rows, keep_together=True)


def _limb(
    w: WordWriter, scope: Scope, item: Item, line: LimbGrade, attention: list[Attention]
) -> None:
    name = s.limb_label(line.label) or _("The paragraph as a whole")
    where = (_number(item), s.limb_label(line.label))
    w.heading(name, 3)
    limb = next((lb for lb in item.limbs if lb.label == line.label), None)
    if limb is not None and limb.text:
        w.paragraph(limb.text)
    if line.committee is not None and line.committee.grade is not None:
        source = ", ".join(
            p for p in (line.committee.document, s.long_date(line.committee.date)) if p
        )
        w.field(
            _("Committee's grade ({source})").format(source=source),
            s.grade_words(line.committee.grade),
        )
    if line.proposed is None:
        w.field(_("Proposed grade"), _("none yet"))
        why = _("no grade proposed; nothing graded was said on it in a meeting.")
        attention.append((*where, why))
        return
    w.field(_("Proposed grade"), s.grade_words(line.proposed))
    remarks = [r.text for r in line.evidence if r.text]
    if remarks:
        w.field(_("Our assessment"), " ".join(squash(t).rstrip(".") + "." for t in remarks))
    else:
        why = _("grade {grade} proposed without an assessment.")
        attention.append((*where, why.format(grade=line.proposed.value)))
    w.paragraph([("Strong", _label(_("Evidence")))])
    backed = [r for r in line.evidence if r.quote or r.commitment or r.text]
    for response in line.evidence:
        said = _said(response)
        if response.grade:
            said = _("{said} (delegation's grade {grade})").format(
                said=said, grade=response.grade.value
            )
        w.bullet([("Strong", _label(_cited(scope, response))), said])
    if not backed:
        why = _("grade {grade} rests on no quote, commitment or remark.")
        attention.append((*where, why.format(grade=line.proposed.value)))
