"""The mission record, and the whole mission as one read-only snapshot with its queries."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import ClassVar, TypeVar

from fieldkit.domain.directory import Institution, Person
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Action, Draft, Meeting, Note, Response
from fieldkit.domain.records import Record
from fieldkit.domain.vocab import ActionStatus, Confidentiality


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Mission(Record):
    TABLE: ClassVar[str] = "mission"

    name: str
    country: str = ""
    start_date: str = ""
    end_date: str = ""
    locations: tuple[str, ...] = ()
    delegation: tuple[str, ...] = ()
    objective: str = ""


RECORD_TYPES: tuple[type[Record], ...] = (
    Mission,
    Item,
    Institution,
    Person,
    Meeting,
    Note,
    Response,
    Action,
    Draft,
)
TYPE_BY_TABLE: dict[str, type[Record]] = {cls.TABLE: cls for cls in RECORD_TYPES}


R = TypeVar("R", bound=Record)


def _by_id(records: Iterable[R] | Mapping[str, R]) -> Mapping[str, R]:
    """Records by id; a mapping given as it is (the storage's tables, built on first use)."""
    if isinstance(records, Mapping):
        return records
    return {r.id: r for r in records}


class MissionData:
    """Every record of one mission, indexed for the questions screens and reports ask.

    Built from lists of records, or from mappings of records by id (the storage passes tables
    that are converted only when first used); indexes are computed on first use.
    """

    def __init__(
        self,
        mission: Mission | None,
        items: Iterable[Item] | Mapping[str, Item] = (),
        institutions: Iterable[Institution] | Mapping[str, Institution] = (),
        people: Iterable[Person] | Mapping[str, Person] = (),
        meetings: Iterable[Meeting] | Mapping[str, Meeting] = (),
        notes: Iterable[Note] | Mapping[str, Note] = (),
        responses: Iterable[Response] | Mapping[str, Response] = (),
        actions: Iterable[Action] | Mapping[str, Action] = (),
        drafts: Iterable[Draft] | Mapping[str, Draft] = (),
    ) -> None:
        self.mission = mission
        self.items: Mapping[str, Item] = _by_id(items)
        self.institutions: Mapping[str, Institution] = _by_id(institutions)
        self.people: Mapping[str, Person] = _by_id(people)
        self.meetings: Mapping[str, Meeting] = _by_id(meetings)
        self.notes: Mapping[str, Note] = _by_id(notes)
        self.responses: Mapping[str, Response] = _by_id(responses)
        self.actions: Mapping[str, Action] = _by_id(actions)
        self.drafts: Mapping[str, Draft] = _by_id(drafts)

    @cached_property
    def priorities(self) -> list[Item]:
        """The mission's priority items, in their order."""
        ranked = [i for i in self.items.values() if i.priority is not None]
        return sorted(ranked, key=lambda i: (i.priority or 0, i.reference))

    @cached_property
    def meetings_in_order(self) -> list[Meeting]:
        return sorted(self.meetings.values(), key=lambda m: (m.starts_at, m.title))

    @cached_property
    def _responses_by_item(self) -> dict[str, list[Response]]:
        index: dict[str, list[Response]] = defaultdict(list)
        for r in sorted(self.responses.values(), key=self._response_order):
            index[r.item_id].append(r)
        return index

    @cached_property
    def _notes_by_item(self) -> dict[str, list[Note]]:
        index: dict[str, list[Note]] = defaultdict(list)
        for n in sorted(self.notes.values(), key=lambda n: n.created_at):
            if n.item_id:
                index[n.item_id].append(n)
        return index

    @cached_property
    def _notes_by_meeting(self) -> dict[str, list[Note]]:
        index: dict[str, list[Note]] = defaultdict(list)
        for n in sorted(self.notes.values(), key=lambda n: n.created_at):
            index[n.meeting_id].append(n)
        return index

    @cached_property
    def _responses_by_meeting(self) -> dict[str, list[Response]]:
        index: dict[str, list[Response]] = defaultdict(list)
        for r in sorted(self.responses.values(), key=lambda r: r.created_at):
            index[r.meeting_id].append(r)
        return index

    def _response_order(self, response: Response) -> tuple[str, str]:
        meeting = self.meetings.get(response.meeting_id)
        return (meeting.starts_at if meeting else "", response.created_at)

    def responses_for(self, item_id: str) -> list[Response]:
        """Responses on an item, oldest meeting first."""
        return self._responses_by_item.get(item_id, [])

    def latest_response(self, item_id: str) -> Response | None:
        found = self._responses_by_item.get(item_id)
        return found[-1] if found else None

    def notes_for(self, item_id: str) -> list[Note]:
        return self._notes_by_item.get(item_id, [])

    def notes_in(self, meeting_id: str) -> list[Note]:
        return self._notes_by_meeting.get(meeting_id, [])

    def responses_in(self, meeting_id: str) -> list[Response]:
        return self._responses_by_meeting.get(meeting_id, [])

    def open_actions(self) -> list[Action]:
        return sorted(
            (a for a in self.actions.values() if a.status is ActionStatus.OPEN),
            key=lambda a: (a.due or "9999", a.created_at),
        )

    def related(self, item: Item) -> list[Item]:
        """Items linked to this one as raising the same concern, in either direction."""
        ids = set(item.related_ids)
        ids.update(other.id for other in self.items.values() if item.id in other.related_ids)
        ids.discard(item.id)
        return [self.items[i] for i in sorted(ids) if i in self.items]


def visible(level: Confidentiality, include_confidential: bool) -> bool:
    """Whether a record at this level may leave the mission file."""
    return include_confidential or level is not Confidentiality.CONFIDENTIAL
