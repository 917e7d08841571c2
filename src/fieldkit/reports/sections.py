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
from fieldkit.i18n import N_, NP_, _, format_date, format_range, format_short_date, pgettext
from fieldkit.reports.scope import Scope

NOTE_KIND_HEADINGS: dict[NoteKind, str] = {
    NoteKind.STATEMENT: N_("Statement"),
    NoteKind.COMMITMENT: N_("Commitment"),
    NoteKind.CONCERN: N_("Concern"),
    NoteKind.QUESTION: N_("Question"),
    NoteKind.FOLLOW_UP: N_("Follow-up"),
    NoteKind.QUOTE: N_("Quote"),
    NoteKind.OBSERVATION: N_("Observation"),
}
KIND_ORDER = {kind: n for n, kind in enumerate(NoteKind)}


def note_kind_heading(kind: NoteKind) -> str:
    """A note's kind as a heading word: 'Statement', 'Заявление', 'Déclaration'."""
    return _(NOTE_KIND_HEADINGS[kind])


def quoted(text: str) -> str:
    """Words as said, in the language's quotation marks: “...”, «...», « ... »."""
    return _("“{quote}”").format(quote=text.strip())


def long_date(day: str) -> str:
    """'2017-04-11' as '11 April 2017' (in the document's language); unreadable as it is."""
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return day
    return format_date(d)


def date_span(start: str, end: str) -> str:
    """'11–14 April 2017', '28 March – 2 April 2017', or one day."""
    if not start or not end or start[:10] == end[:10]:
        return long_date(start or end)
    try:
        a, b = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    except ValueError:
        return f"{start} – {end}"
    return format_range(a, b)


def short_date(day: str) -> str:
    """'2017-04-11' as '11 Apr 2017', for table cells."""
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return day
    return format_short_date(d)


def meeting_label(meeting: Meeting) -> str:
    when = long_date(meeting.day) if meeting.day else _("Date not set")
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
    "A": N_("what was said shows the recommendation largely implemented"),
    "B": N_("what was said shows partial steps"),
    "C": N_("what was said shows no step that implements the recommendation"),
    "D": N_("no information given"),
    "E": N_("what was said runs contrary to the recommendation"),
}


def delegation_grade(grade: Grade | None) -> str:
    """'B (what was said shows partial steps)'."""
    return f"{grade.value} ({_(HEARD[grade.letter])})" if grade else ""


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


_ARTICLE = re.compile(r"(?:the|a|an|le|la|les|l['’])\s*\b", re.IGNORECASE)


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
    if len(kept) > 1 or not kept or _ARTICLE.match(kept[0]):
        return ", ".join(kept)  # 'The Ombudsman' carries its own article
    return _("the {role}").format(role=kept[0])


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
        parts.append(_("on {limb}").format(limb=limb_label(response.limb)))
    who = speaker(data, response.speaker_id, context)
    if who:
        parts.append(_("said by {person}").format(person=who))
    return pgettext("list", "; ").join(parts)


def response_details(response: Response) -> list[tuple[str, str]]:
    """The labelled lines under a response, in reading order (quote excluded)."""
    lines: list[tuple[str, str]] = []
    if response.implementation is not Implementation.UNKNOWN:
        lines.append((_("Implementation claimed"), response.implementation.label))
    if response.commitment:
        commitment = squash(response.commitment)
        if response.deadline:
            by = _("by {day}").format(day=long_date(response.deadline))
            commitment += f" ({by})"
        lines.append((_("Commitment"), commitment))
    elif response.deadline:
        lines.append((_("Deadline"), long_date(response.deadline)))
    if response.grade is not None:
        lines.append((_("Delegation's grade"), delegation_grade(response.grade)))
    if response.text:
        lines.append((_("Delegation's remark"), response.text))
    return lines


def note_sort_key(note: Note) -> tuple[int, str]:
    return (KIND_ORDER[note.kind], note.created_at)


def note_line(
    data: MissionData, note: Note, meeting: Meeting | None = None, context: str = ""
) -> list[str | tuple[str, str]]:
    """A note as a bullet: its kind (and limb) in bold, the text, who said it, and where
    when `meeting` is given; each name once ('Head, Department of Internal Security,
    12 Apr 2017', not the Department twice)."""
    kind = note_kind_heading(note.kind)
    if note.limb:
        kind = _("{kind} on {limb}").format(kind=kind, limb=limb_label(note.limb))
    runs: list[str | tuple[str, str]] = [("Strong", _("{label}: ").format(label=kind))]
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


_LIMB_WORDS = re.compile(r"\([a-z]\)|\b[a-z]\b|\band\b|\bto\b|[,–\-\s]", re.IGNORECASE)


def limb_span(text: str) -> str:
    """The limbs an assessment covers, in the document's language: '(c) to (f)' → '(c) à (f)',
    '(a) and (b)' → '(a) и (b)'. Text that is more than limb letters is kept as written."""
    letters = sorted(limb_letters(text))
    if not letters or _LIMB_WORDS.sub("", text):
        return text
    runs: list[list[str]] = []
    for letter in letters:
        if runs and ord(letter) == ord(runs[-1][-1]) + 1:
            runs[-1].append(letter)
        else:
            runs.append([letter])
    parts: list[str] = []
    for run in runs:
        if len(run) > 2:
            parts.append(_("{first} to {last}").format(first=f"({run[0]})", last=f"({run[-1]})"))
        else:
            parts += [f"({letter})" for letter in run]
    return ", ".join(parts[:-1]) + _(" and ") + parts[-1] if len(parts) > 1 else parts[0]


def institution_type(kind: InstitutionType) -> str:
    return kind.label


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
        value = grade_words(a.grade) if a.grade else _implemented(a.implementation)
        values.setdefault(value, []).append(a.limbs)
    joined = []
    for value, limbs in values.items():
        named = [lb for lb in limbs if lb]
        if named and len(named) == len(limbs):
            value += " " + _("for {limbs}").format(limbs=_(" and ").join(map(limb_span, named)))
        joined.append(value)
    label = _("Assessment ({source})").format(source=where) if where else _("Assessment")
    return [(label, "; ".join(joined))]


#: A level of implementation as an assessment says it of a recommendation.
IMPLEMENTED: dict[Implementation, tuple[str, str]] = {
    Implementation.NOT: NP_("implementation level", "not implemented"),
    Implementation.PARTIALLY: NP_("implementation level", "partially implemented"),
    Implementation.FULLY: NP_("implementation level", "fully implemented"),
    Implementation.UNKNOWN: NP_("implementation level", "implementation unknown"),
}


def implemented(level: Implementation | None) -> str:
    """A level of implementation in full: 'partially implemented', 'выполнена частично'."""
    return pgettext(*IMPLEMENTED[level]) if level is not None else ""


def _implemented(level: Implementation | None) -> str:
    """An outside assessment's implementation level: 'partially implemented'."""
    if level is None:
        return ""
    return pgettext("assessment", "{level} implemented").format(level=level.label)
