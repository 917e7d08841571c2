"""Wording shared by the debrief and the factsheet: dates, people, items, grades, stances."""

from __future__ import annotations

import re
from datetime import date

from fieldkit.domain.grades import Grade
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Meeting, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import squash
from fieldkit.domain.vocab import Implementation, InstitutionType, NoteKind
from fieldkit.reports.scope import Scope

NOTE_KIND_LABELS: dict[NoteKind, str] = {
    NoteKind.STATEMENT: "Statement",
    NoteKind.COMMITMENT: "Commitment",
    NoteKind.CONCERN: "Concern",
    NoteKind.QUESTION: "Question",
    NoteKind.FOLLOW_UP: "Follow-up",
    NoteKind.QUOTE: "Quote",
    NoteKind.OBSERVATION: "Observation",
}
KIND_ORDER = {kind: n for n, kind in enumerate(NoteKind)}


def long_date(day: str) -> str:
    """'2017-04-11' as '11 April 2017'; anything unreadable as it is."""
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{d.day} {d:%B %Y}"


def date_span(start: str, end: str) -> str:
    """'11–14 April 2017', '28 March – 2 April 2017', or one day."""
    if not start or not end or start[:10] == end[:10]:
        return long_date(start or end)
    try:
        a, b = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    except ValueError:
        return f"{start} – {end}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%B %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"
    return f"{long_date(start)} – {long_date(end)}"


def short_date(day: str) -> str:
    """'2017-04-11' as '11 Apr 2017', for table cells."""
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{d.day} {d:%b %Y}"


def meeting_label(meeting: Meeting) -> str:
    when = long_date(meeting.day) if meeting.day else "Date not set"
    if meeting.time and meeting.time != "00:00":
        when += f", {meeting.time}"
    return f"{when} · {squash(meeting.title)}"


def item_label(item: Item, width: int = 90) -> str:
    """The reference and the title: 'CCPR-24 · Torture and ill-treatment'; without a title,
    the text when it is short, else the reference alone (never a text cut short)."""
    words = squash(item.title) or (squash(item.text) if len(item.text) <= width else "")
    return f"{item.short_ref} · {words}" if words else item.short_ref


def item_summary(item: Item) -> str:
    """The title, else the whole text."""
    return squash(item.title or item.text)


def grade_words(grade: Grade | None) -> str:
    """A Committee's grade in the Committee's words: 'C (reply/action not satisfactory)'."""
    return f"{grade.value} ({grade.meaning.lower()})" if grade else ""


#: The delegation's grade of what it heard in a meeting, on the Committee's scale. The
#: Committee's own words judge the State's written reply to it, not a conversation.
HEARD: dict[str, str] = {
    "A": "what was said shows the recommendation largely implemented",
    "B": "what was said shows partial steps",
    "C": "what was said shows no step that implements the recommendation",
    "D": "no information given",
    "E": "what was said runs contrary to the recommendation",
}


def delegation_grade(grade: Grade | None) -> str:
    """'B (what was said shows partial steps)'."""
    return f"{grade.value} ({HEARD[grade.letter]})" if grade else ""


def person_name(data: MissionData, person_id: str | None, with_title: bool = True) -> str:
    """'Name, Title, Institution' without repeating what the name says; name only for notes."""
    if not person_id:
        return ""
    person = data.people.get(person_id)
    if person is None:
        return ""
    name = squash(person.name)
    parts = [name]
    if with_title and person.title and not _says(name, person.title):
        parts.append(squash(person.title))
    institution = data.institutions.get(person.institution_id or "")
    if with_title and institution is not None:
        segments = [p for p in squash(institution.name).split(", ") if p]
        while segments and _says(name, segments[0]):
            segments.pop(0)
        if segments:
            parts.append(", ".join(segments))
    return ", ".join(parts)


def _says(name: str, words: str) -> bool:
    """Whether a name already carries these words ('Deputy Minister of Justice', 'Deputy
    Minister'), so that a person named by their office is not titled twice."""
    have = set(name.lower().replace(",", " ").split())
    return set(words.lower().replace(",", " ").split()) <= have


def speaker(data: MissionData, person_id: str | None, context: str = "") -> str:
    """Who spoke, without repeating what `context` (the meeting's title, its institutions)
    already says: '' when the context names the speaker ('Deputy Minister of Justice' in the
    meeting of that name), 'the Head' for 'Head, Department of Internal Security' in the
    meeting with that Department."""
    full = person_name(data, person_id)
    if not full or not context:
        return full
    name = squash(data.people[person_id or ""].name)
    if _says(context, name):
        return ""
    segments = [p for p in full.split(", ") if p]
    kept = [p for p in segments if not _says(context, p)]
    if len(kept) == len(segments):
        return full
    return ", ".join(kept) if len(kept) > 1 or not kept else f"the {kept[0]}"


def person_entry(scope: Scope, person_id: str) -> str:
    """A person as the annex lists them; contacts only when confidential content is in."""
    person = scope.data.people.get(person_id)
    if person is None:
        return ""
    text = squash(person.name)
    if person.title and not _says(text, person.title):
        text += f", {squash(person.title)}"
    contact = scope.contact(person)
    if contact:
        text += f" ({squash(contact)})"
    return text


def response_head(data: MissionData, response: Response, context: str = "") -> str:
    """'rejects; on (b); said by Deputy Minister, Ministry of Justice', the speaker said
    only as far as `context` (the meeting's title and institutions) does not."""
    parts = [response.stance.label]
    if response.limb:
        parts.append(f"on {limb_label(response.limb)}")
    who = speaker(data, response.speaker_id, context)
    if who:
        parts.append(f"said by {who}")
    return "; ".join(parts)


def response_details(response: Response) -> list[tuple[str, str]]:
    """The labelled lines under a response, in reading order (quote excluded)."""
    lines: list[tuple[str, str]] = []
    if response.implementation is not Implementation.UNKNOWN:
        lines.append(("Implementation claimed", response.implementation.value))
    if response.commitment:
        commitment = squash(response.commitment)
        if response.deadline:
            commitment += f" (by {long_date(response.deadline)})"
        lines.append(("Commitment", commitment))
    elif response.deadline:
        lines.append(("Deadline", long_date(response.deadline)))
    if response.grade is not None:
        lines.append(("Delegation's grade", delegation_grade(response.grade)))
    if response.text:
        lines.append(("Delegation's remark", response.text))
    return lines


def note_sort_key(note: Note) -> tuple[int, str]:
    return (KIND_ORDER[note.kind], note.created_at)


def note_line(
    data: MissionData, note: Note, meeting: Meeting | None = None, context: str = ""
) -> list[str | tuple[str, str]]:
    """A note as a bullet: its kind (and limb) in bold, the text, who said it, and where
    when `meeting` is given; each name once ('Head, Department of Internal Security,
    12 Apr 2017', not the Department twice)."""
    kind = NOTE_KIND_LABELS[note.kind]
    if note.limb:
        kind += f" on {limb_label(note.limb)}"
    runs: list[str | tuple[str, str]] = [("Strong", f"{kind}: ")]
    where = []
    if meeting is None:
        who = speaker(data, note.speaker_id, context)
        if who:
            where.append(who)
    else:
        title = squash(meeting.title)
        who = person_name(data, note.speaker_id)
        if who and _says(title, squash(data.people[note.speaker_id or ""].name)):
            who = ""  # the meeting's title names the speaker
        if who:
            where.append(who)
        said = bool(who) and _says(who, title)
        where.append(short_date(meeting.day) if said else f"{short_date(meeting.day)}, {title}")
    runs.append(attributed(note.text, ", ".join(where)))
    return runs


def attributed(text: str, who: str) -> str:
    """'They will publish the figures (the Head).': the attribution inside the sentence."""
    if not who:
        return text
    body = text.rstrip()
    if body.endswith(".") and not body.endswith(".."):
        return f"{body[:-1]} ({who})."
    return f"{body} ({who})"


def limb_label(label: str) -> str:
    """'b', '(b)' as '(b)'."""
    label = label.strip().strip("()")
    return f"({label})" if label else ""


def limb_letters(text: str) -> set[str]:
    """The limbs an assessment covers: '(a) and (b)' → {a, b}; '(c) to (f)' → {c, d, e, f}."""
    lowered = text.lower()
    covered = set(re.findall(r"\b([a-z])\b", lowered))
    for start, end in re.findall(r"\b([a-z])\b\)?\s*(?:to|–|-)\s*\(?\b([a-z])\b", lowered):
        covered |= {chr(c) for c in range(ord(start), ord(end) + 1)}
    return covered


def institution_type(kind: InstitutionType) -> str:
    special = {InstitutionType.NHRI: "NHRI", InstitutionType.UN: "UN", InstitutionType.NGO: "NGO"}
    return special.get(kind, kind.value.replace("-", " "))


def assessment_lines(item: Item) -> list[tuple[str, str]]:
    """The outside assessments of the latest date: ('Assessment (CCPR/C/123/2, 27 July
    2018)', 'B (...), for (a) and (b); C (...), for (c) to (f)')."""
    dated = [a for a in item.assessments if a.grade or a.implementation]
    if not dated:
        return []
    last = max(a.date for a in dated)
    latest = [a for a in dated if a.date == last]
    where = ", ".join(p for p in (latest[0].document, long_date(last) if last else "") if p)
    values: dict[str, list[str]] = {}
    for a in latest:
        value = grade_words(a.grade) if a.grade else f"{a.implementation} implemented"
        values.setdefault(value, []).append(a.limbs)
    joined = []
    for value, limbs in values.items():
        named = [lb for lb in limbs if lb]
        if named and len(named) == len(limbs):
            value += " for " + " and ".join(named)
        joined.append(value)
    return [(f"Assessment ({where})" if where else "Assessment", "; ".join(joined))]
