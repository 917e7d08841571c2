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
import re

from fieldkit.domain.citations import cite
from fieldkit.domain.grades import Grade
from fieldkit.domain.items import Assessment, Item
from fieldkit.domain.meetings import Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import squash
from fieldkit.domain.vocab import Implementation, Mechanism, NoteKind
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
        raise ReportError(f"unknown treaty body {body!r} (expected one of {bodies})")
    found = [i for i in data.priorities if i.mechanism.value == wanted]
    if not found:
        raise ReportError(
            f"no priority items from {wanted} in this mission: the follow-up paragraphs are "
            "the priority items (set them in the app's items browser)"
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


def grouped(lines: list[str]) -> list[str]:
    """'Paragraph 24 (a): why' and 'Paragraph 24 (c): why' as 'Paragraph 24 (a), (c): why'."""
    out: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        found = re.match(r"(Paragraph \S+) (\([a-z]\)): (.*)", line)
        if found:
            out.setdefault((found[1], found[3]), []).append(found[2])
        else:
            out.setdefault((line, ""), [])
    return [
        f"{where} {', '.join(limbs)}: {why}" if limbs else where
        for (where, why), limbs in out.items()
    ]


def build_followup(data: MissionData, body: str, options: ExportOptions) -> Built:
    items = paragraphs_of(data, body)
    scope = Scope(data, options)
    document = open_document(options.template)
    w = WordWriter(document)
    attention: list[str] = []
    _front(w, scope, items, attention)
    for item in items:
        _paragraph(w, scope, item, attention)
    w.heading("For the editor's attention", 1)
    if attention:
        w.paragraph("Settle these before the submission is sent; they are not in the text above.")
        w.bullets(grouped(attention))
    else:
        w.paragraph("Nothing: every proposed grade rests on what was said in a meeting.")
    w.finish()
    body_name = items[0].mechanism.value
    set_properties(
        document, f"Follow-up submission: {body_name}", author_of(options), "Follow-up submission"
    )
    add_page_furniture(document, scope.shows_confidential)
    return Built(document, len(scope.left_out), scope.shows_confidential)


def _front(w: WordWriter, scope: Scope, items: list[Item], attention: list[str]) -> None:
    mission = scope.data.mission
    country = squash(mission.country) if mission else ""
    symbol = items[0].document_symbol
    w.title(f"Follow-up submission to the {_committee(items[0])}")
    w.subtitle(
        f"{country}: follow-up to the concluding observations {symbol}".strip(": ")
        if symbol
        else country or "Follow-up to the concluding observations"
    )
    author = author_of(scope.options)
    if author:
        w.field("Submitted by", author)
    else:
        attention.append(
            "No author is named: set FIELDKIT_AUTHOR or `fieldkit profile --name` and export "
            "again, or write the organisation's name on the title page."
        )
    w.field("Date", s.long_date(prepared_on(scope.options)))
    refs = ", ".join(i.reference.replace("para ", "") for i in items)
    dates = s.date_span(mission.start_date, mission.end_date) if mission else ""
    w.paragraph(
        f"This submission concerns the follow-up paragraphs ({refs}) of the concluding "
        f"observations {symbol}. For each it gives the Committee's recommendation, the "
        "information the State's officials gave the delegation"
        + (f" in meetings held {dates}" if dates else "")
        + ", our assessment of each part of the recommendation, and the grade we propose on "
        "the Committee's scale (A to E), beside the grade the Committee last gave."
    )


def _committee(item: Item) -> str:
    if item.mechanism is Mechanism.CCPR:
        return "Human Rights Committee"
    return f"{item.mechanism.value} Committee"


def _paragraph(w: WordWriter, scope: Scope, item: Item, attention: list[str]) -> None:
    w.heading(s.item_label(item, width=0).replace(item.short_ref, f"Paragraph {_number(item)}"), 1)
    w.field("Citation", cite(item))
    w.heading("The Committee's recommendation", 2)
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
    w.heading("Information given by the State", 2)
    if not responses and not notes:
        w.paragraph("The State's officials gave no information on this paragraph in the meetings.")
        return
    for response in responses:
        w.bullet([("Strong", f"{_cited(scope, response)}: "), _said(response)])
    for note in sorted(notes, key=s.note_sort_key):
        w.bullet([("Strong", f"{_cited(scope, note)}: "), note.text])


def _cited(scope: Scope, record: Response | Note) -> str:
    """'On (b), meeting with the Deputy Minister of Justice, 13 April 2017 (Head of Unit)'."""
    meeting = scope.data.meetings.get(record.meeting_id)
    parts = [f"On {s.limb_label(record.limb)}"] if record.limb else []
    if meeting is not None:
        parts.append(f"meeting “{squash(meeting.title)}”, {s.long_date(meeting.day)}")
    else:
        parts.append("meeting not found")
    who = s.speaker(scope.data, record.speaker_id, squash(meeting.title) if meeting else "")
    text = ", ".join(parts) + (f" ({who})" if who else "")
    return text[:1].upper() + text[1:]


_CLOSED = (".", "!", "?", "…")


def _said(response: Response) -> str:
    parts = [f"{response.stance.label[:1].upper()}{response.stance.label[1:]}."]
    if response.quote:
        quote = squash(response.quote)
        parts.append(f"“{quote}”" if quote.endswith(_CLOSED) else f"“{quote}”.")
    if response.implementation is not Implementation.UNKNOWN:
        parts.append(f"Implementation claimed: {response.implementation.value}.")
    if response.commitment:
        by = f" by {s.long_date(response.deadline)}" if response.deadline else ""
        parts.append(f"Commitment: {squash(response.commitment)}{by}.")
    elif response.deadline:
        parts.append(f"Deadline given: {s.long_date(response.deadline)}.")
    return " ".join(parts)


def _grades_table(w: WordWriter, item: Item, grades: list[LimbGrade]) -> None:
    w.heading("Assessment and proposed grades", 2)
    last = next((g.committee for g in grades if g.committee), None)
    year = last.date[:4] if last and last.date else ""
    rows = [
        [
            s.limb_label(g.label) or "Whole paragraph",
            g.committee.grade.value if g.committee and g.committee.grade else "—",
            g.proposed.value if g.proposed else "none yet",
        ]
        for g in grades
    ]
    committee = f"Committee's grade ({year})" if year else "Committee's grade"
    w.table(["Part", committee, "Proposed grade"], rows, keep_together=True)


def _limb(w: WordWriter, scope: Scope, item: Item, line: LimbGrade, attention: list[str]) -> None:
    name = s.limb_label(line.label) or "The paragraph as a whole"
    where = f"Paragraph {_number(item)}{f' {s.limb_label(line.label)}' if line.label else ''}"
    w.heading(name, 3)
    limb = next((lb for lb in item.limbs if lb.label == line.label), None)
    if limb is not None and limb.text:
        w.paragraph(limb.text)
    if line.committee is not None and line.committee.grade is not None:
        source = ", ".join(
            p for p in (line.committee.document, s.long_date(line.committee.date)) if p
        )
        w.field(f"Committee's grade ({source})", s.grade_words(line.committee.grade))
    if line.proposed is None:
        w.field("Proposed grade", "none yet")
        attention.append(f"{where}: no grade proposed; nothing graded was said on it in a meeting.")
        return
    w.field("Proposed grade", s.grade_words(line.proposed))
    remarks = [r.text for r in line.evidence if r.text]
    if remarks:
        w.field("Our assessment", " ".join(squash(t).rstrip(".") + "." for t in remarks))
    else:
        attention.append(f"{where}: grade {line.proposed.value} proposed without an assessment.")
    w.paragraph([("Strong", "Evidence: ")])
    backed = [r for r in line.evidence if r.quote or r.commitment or r.text]
    for response in line.evidence:
        grade = f" (delegation's grade {response.grade.value})" if response.grade else ""
        w.bullet([("Strong", f"{_cited(scope, response)}: "), _said(response) + grade])
    if not backed:
        attention.append(
            f"{where}: grade {line.proposed.value} rests on no quote, commitment or remark."
        )
