"""From a submitted capture form to the record it stands for.

Forms hold plain values (they are also what a draft stores); this is the one place that turns
them into a `Note`, `Response` or `Action`. An edited record keeps its id, author, meeting
and item; only `updated_at` moves.
"""

from __future__ import annotations

from typing import Any

from fieldkit.domain.dates import context_day, parse_date
from fieldkit.domain.grades import parse_grade
from fieldkit.domain.meetings import Action, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.people import DELEGATE, delegate_person
from fieldkit.domain.records import Record
from fieldkit.domain.text import clean, squash
from fieldkit.domain.vocab import Confidentiality, Implementation, NoteKind, Stance
from fieldkit.i18n import _


def _text(fields: dict[str, Any], name: str) -> str:
    return clean(str(fields.get(name) or "")).strip()


def records_from_form(
    kind: str,
    fields: dict[str, Any],
    data: MissionData,
    meeting_id: str,
    item_id: str | None,
    author: str,
) -> list[Record]:
    """The note, response or follow-up a form describes, first, then any person it names
    for the first time (a delegate as speaker). Bad values raise ValueError."""
    editing = str(fields.get("editing") or "")
    meeting = data.meetings.get(meeting_id)
    day = context_day(meeting.day if meeting else "")
    if kind == "action":
        action_fields: dict[str, Any] = {
            "text": _text(fields, "text"),
            "owner": squash(str(fields.get("owner") or "")),
            "due": parse_date(str(fields.get("due") or ""), day),
        }
        action = data.actions.get(editing)
        if action is not None:
            return [action.touched(**action_fields)]
        return [Action(meeting_id=meeting_id, item_id=item_id, author=author, **action_fields)]
    speaker, added = _speaker(data, str(fields.get("speaker_id") or ""), author)
    base: dict[str, Any] = {
        "limb": str(fields.get("limb") or ""),
        "speaker_id": speaker,
        "confidentiality": Confidentiality(fields.get("confidentiality") or "internal"),
    }
    if kind == "note":
        base |= {"kind": NoteKind(fields.get("kind") or "statement"), "text": _text(fields, "text")}
        note = data.notes.get(editing)
        if note is not None:
            return [note.touched(**base), *added]
        return [Note(meeting_id=meeting_id, item_id=item_id, author=author, **base), *added]
    if kind != "response":
        raise ValueError(f"no such form: {kind!r}")
    grade = str(fields.get("grade") or "").strip()
    base |= {
        "stance": Stance(fields.get("stance") or "no-answer"),
        "implementation": Implementation(fields.get("implementation") or "unknown"),
        "grade": parse_grade(grade) if grade else None,
        "quote": _text(fields, "quote"),
        "commitment": _text(fields, "commitment"),
        "deadline": parse_date(str(fields.get("deadline") or ""), day),
        "text": _text(fields, "text"),
    }
    response = data.responses.get(editing)
    if response is not None:
        return [response.touched(**base), *added]
    if not item_id:
        raise ValueError(_("a response is about one item: choose the item first (ctrl+g)"))
    return [Response(meeting_id=meeting_id, item_id=item_id, author=author, **base), *added]


def _speaker(data: MissionData, chosen: str, author: str) -> tuple[str | None, list[Record]]:
    """The speaker's person id; a delegate chosen by name becomes a person on first use."""
    if chosen.startswith(DELEGATE):
        person, added = delegate_person(data, chosen.removeprefix(DELEGATE), author)
        return person.id, added
    return chosen or None, []
