"""Meetings and what is captured in them: notes, responses, follow-up actions, drafts."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from fieldkit.domain.grades import Grade
from fieldkit.domain.records import Record
from fieldkit.domain.vocab import (
    ActionStatus,
    Confidentiality,
    Implementation,
    MeetingStatus,
    NoteKind,
    Stance,
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Meeting(Record):
    TABLE: ClassVar[str] = "meetings"

    title: str
    starts_at: str = ""
    place: str = ""
    institution_ids: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()
    delegates: tuple[str, ...] = ()
    agenda: tuple[str, ...] = ()
    status: MeetingStatus = MeetingStatus.PLANNED
    summary: str = ""

    @property
    def day(self) -> str:
        return self.starts_at[:10]

    @property
    def time(self) -> str:
        return self.starts_at[11:16]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Note(Record):
    TABLE: ClassVar[str] = "notes"

    meeting_id: str
    item_id: str | None = None
    limb: str = ""
    kind: NoteKind = NoteKind.STATEMENT
    speaker_id: str | None = None
    text: str = ""
    confidentiality: Confidentiality = Confidentiality.INTERNAL


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Response(Record):
    """What an official said for the State about one item, and the delegation's grade."""

    TABLE: ClassVar[str] = "responses"

    meeting_id: str
    item_id: str
    limb: str = ""
    speaker_id: str | None = None
    stance: Stance = Stance.NO_ANSWER
    implementation: Implementation = Implementation.UNKNOWN
    grade: Grade | None = None
    commitment: str = ""
    deadline: str = ""
    quote: str = ""
    text: str = ""
    confidentiality: Confidentiality = Confidentiality.INTERNAL


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Action(Record):
    """Something the delegation must do after a meeting."""

    TABLE: ClassVar[str] = "actions"

    text: str
    item_id: str | None = None
    meeting_id: str | None = None
    owner: str = ""
    due: str = ""
    status: ActionStatus = ActionStatus.OPEN


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Draft(Record):
    """A note or response being typed, kept so that a crash loses nothing.

    `kind` says what the draft will become ('note' or 'response'); `fields` holds the form as
    it stands. One draft per author and form.
    """

    TABLE: ClassVar[str] = "drafts"

    kind: str = "note"
    meeting_id: str | None = None
    item_id: str | None = None
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
