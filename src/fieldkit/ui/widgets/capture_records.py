"""From a submitted capture form to the record it stands for.

Forms hold plain values (they are also what a draft stores); this is the one place that turns
them into a `Note`, `Response` or `Action`. An edited record keeps its id, author, meeting
and item; only `updated_at` moves.
"""

from __future__ import annotations

from typing import Any

from fieldkit.domain.grades import parse_grade
from fieldkit.domain.meetings import Action, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.domain.schedule import parse_day
from fieldkit.domain.text import clean, squash
from fieldkit.domain.vocab import Confidentiality, Implementation, NoteKind, Stance


def _text(fields: dict[str, Any], name: str) -> str:
    return clean(str(fields.get(name) or "")).strip()


def record_from_form(
    kind: str,
    fields: dict[str, Any],
    data: MissionData,
    meeting_id: str,
    item_id: str | None,
    author: str,
) -> Record:
    """The note, response or follow-up a form describes. Bad values raise ValueError."""
    editing = str(fields.get("editing") or "")
    if kind == "action":
        action_fields: dict[str, Any] = {
            "text": _text(fields, "text"),
            "owner": squash(str(fields.get("owner") or "")),
            "due": parse_day(str(fields.get("due") or "")),
        }
        action = data.actions.get(editing)
        if action is not None:
            return action.touched(**action_fields)
        return Action(meeting_id=meeting_id, item_id=item_id, author=author, **action_fields)
    base: dict[str, Any] = {
        "limb": str(fields.get("limb") or ""),
        "speaker_id": str(fields.get("speaker_id") or "") or None,
        "confidentiality": Confidentiality(fields.get("confidentiality") or "internal"),
    }
    if kind == "note":
        base |= {"kind": NoteKind(fields.get("kind") or "statement"), "text": _text(fields, "text")}
        note = data.notes.get(editing)
        if note is not None:
            return note.touched(**base)
        return Note(meeting_id=meeting_id, item_id=item_id, author=author, **base)
    if kind != "response":
        raise ValueError(f"no such form: {kind!r}")
    grade = str(fields.get("grade") or "").strip()
    base |= {
        "stance": Stance(fields.get("stance") or "no-answer"),
        "implementation": Implementation(fields.get("implementation") or "unknown"),
        "grade": parse_grade(grade) if grade else None,
        "quote": _text(fields, "quote"),
        "commitment": _text(fields, "commitment"),
        "deadline": parse_day(str(fields.get("deadline") or "")),
        "text": _text(fields, "text"),
    }
    response = data.responses.get(editing)
    if response is not None:
        return response.touched(**base)
    if not item_id:
        raise ValueError("a response is about one item: choose the item first (ctrl+g)")
    return Response(meeting_id=meeting_id, item_id=item_id, author=author, **base)
