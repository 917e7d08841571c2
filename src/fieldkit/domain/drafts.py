"""Drafts: what a delegate was typing, kept in the mission file until it is saved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldkit.domain.meetings import Draft
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import shorten
from fieldkit.i18n import N_, _

DRAFT_KINDS = ("note", "response", "action")
DRAFT_WORDS = {"note": N_("Note"), "response": N_("Response"), "action": N_("Follow-up action")}


def is_blank(fields: Any) -> bool:
    """A form with no text typed in it is not worth keeping (nor is a mangled one)."""
    if not isinstance(fields, Mapping):
        return True
    return not any(isinstance(v, str) and v.strip() for k, v in fields.items() if k in TEXTS)


# The fields whose text makes a draft worth keeping (choices alone are not).
TEXTS = frozenset({"text", "quote", "commitment", "deadline", "grade", "owner", "due"})


def drafts_of(data: MissionData, author: str) -> list[Draft]:
    """The drafts `author` left unfinished, newest first."""
    mine = [d for d in data.drafts.values() if d.author == author and not is_blank(d.fields)]
    return sorted(mine, key=lambda d: d.updated_at, reverse=True)


def describe(draft: Draft, data: MissionData, width: int = 60) -> str:
    """One line saying what a draft is: 'Note in Ministry of Justice: "The deputy…"'."""
    meeting = data.meetings.get(draft.meeting_id or "")
    fields = draft.fields
    text = next(
        (str(fields[k]) for k in ("text", "quote", "commitment") if str(fields.get(k, "")).strip()),
        "",
    )
    label = _(DRAFT_WORDS.get(draft.kind, N_("Draft")))
    said = shorten(text, width)
    if meeting is None:
        return _('{draft}: "{text}"').format(draft=label, text=said)
    return _('{draft} in {meeting}: "{text}"').format(draft=label, meeting=meeting.title, text=said)
