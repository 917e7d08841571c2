"""The rules of a mission's schedule: days, the meeting a command means, agendas, what was said.

Kept apart from the screens so that the choice of "the meeting you are in" and the walk
through an agenda are the same for the app, the command line and the tests.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from fieldkit.domain.directory import Institution, Person
from fieldkit.domain.items import Item
from fieldkit.domain.lookup import NotFound, find_item
from fieldkit.domain.meetings import Meeting, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.domain.text import clean, squash
from fieldkit.domain.vocab import InstitutionType, MeetingStatus
from fieldkit.i18n import _

# A meeting counts as "in progress" for this long after it starts (unless marked held).
IN_PROGRESS_FOR = timedelta(hours=3)

_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):?(\d{2}))?$")


def parse_when(text: str) -> str:
    """'2017-04-12 10:00' (or '2017-04-12T1000', or a bare date) as '2017-04-12T10:00'."""
    match = _WHEN.match(text.strip())
    if not match:
        message = _("{text} is not a date and time like 2017-04-12 10:00")
        raise ValueError(message.format(text=repr(text.strip())))
    day, hour, minute = match.groups()
    try:
        date.fromisoformat(day)
    except ValueError:
        raise ValueError(_("{day} is not a real date").format(day=repr(day))) from None
    if hour is None:
        return day
    if int(hour) > 23 or int(minute) > 59:
        raise ValueError(_("{time} is not a time of day").format(time=f"{hour}:{minute}"))
    return f"{day}T{int(hour):02d}:{minute}"


def parse_day(text: str) -> str:
    """A date as YYYY-MM-DD, or '' for nothing; anything else is refused with a reason."""
    text = text.strip()
    if not text:
        return ""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        message = _("{text} is not a date like 2017-04-30")
        raise ValueError(message.format(text=repr(text))) from None


def _start(meeting: Meeting) -> datetime | None:
    try:
        when = datetime.fromisoformat(meeting.starts_at)
    except ValueError:
        return None
    return when.replace(tzinfo=None)


def by_day(meetings: Iterable[Meeting]) -> list[tuple[str, list[Meeting]]]:
    """Meetings grouped by their day, days and meetings in time order ('' for undated)."""
    days: dict[str, list[Meeting]] = {}
    for meeting in sorted(meetings, key=lambda m: (m.starts_at, m.title)):
        days.setdefault(meeting.day, []).append(meeting)
    return list(days.items())


def in_progress(meetings: Iterable[Meeting], now: datetime) -> Meeting | None:
    """The meeting under way now: started today, within a few hours, not cancelled or held."""
    started = [
        (start, m)
        for m in meetings
        if m.status is MeetingStatus.PLANNED
        and (start := _start(m)) is not None
        and start.date() == now.date()
        and start <= now < start + IN_PROGRESS_FOR
    ]
    return max(started, key=lambda pair: pair[0])[1] if started else None


def default_meeting(meetings: Iterable[Meeting], now: datetime) -> Meeting | None:
    """The meeting a command means when none was named.

    The one in progress today, else the latest held, else the next planned (or the last
    planned one if all lie in the past). Cancelled meetings are never chosen.
    """
    meetings = [m for m in meetings if m.status is not MeetingStatus.CANCELLED]
    current = in_progress(meetings, now)
    if current is not None:
        return current
    held = [m for m in meetings if m.status is MeetingStatus.HELD]
    if held:
        return max(held, key=lambda m: (m.starts_at, m.created_at))
    planned = sorted(
        (m for m in meetings if m.status is MeetingStatus.PLANNED),
        key=lambda m: (m.starts_at, m.title),
    )
    now_text = now.strftime("%Y-%m-%dT%H:%M")
    upcoming = [m for m in planned if m.starts_at >= now_text]
    if upcoming:
        return upcoming[0]
    return planned[-1] if planned else None


def agenda_items(data: MissionData, meeting: Meeting) -> list[Item]:
    """The meeting's agenda as items, in order; ids of deleted items are skipped."""
    return [data.items[i] for i in meeting.agenda if i in data.items]


def default_agenda(data: MissionData) -> tuple[str, ...]:
    """A new meeting discusses the mission's priorities, in their order."""
    return tuple(item.id for item in data.priorities)


def step(agenda: Sequence[str], current: str | None, delta: int) -> str | None:
    """The agenda item `delta` places from `current`, stopping at either end."""
    if not agenda:
        return None
    if current not in agenda:
        return agenda[0] if delta >= 0 else agenda[-1]
    index = agenda.index(current) + delta
    return agenda[max(0, min(index, len(agenda) - 1))]


def people_present(data: MissionData, meeting: Meeting) -> list[Person]:
    return [data.people[p] for p in meeting.person_ids if p in data.people]


def said_before(
    data: MissionData, meeting: Meeting, item_id: str
) -> tuple[list[Response], list[Note]]:
    """What this meeting's institutions said on an item in earlier meetings.

    Responses and notes from other meetings with the same institution, or one of the same
    family (a ministry and its departments), that started before this one (or, for undated
    meetings, any other).
    """
    institutions = families(data, meeting.institution_ids)

    def earlier(other_id: str) -> bool:
        other = data.meetings.get(other_id)
        if other is None or other.id == meeting.id:
            return False
        if not institutions & families(data, other.institution_ids):
            return False
        return not meeting.starts_at or other.starts_at <= meeting.starts_at

    responses = [r for r in data.responses_for(item_id) if earlier(r.meeting_id)]
    notes = [n for n in data.notes_for(item_id) if earlier(n.meeting_id)]
    return responses, notes


def families(data: MissionData, institution_ids: Iterable[str]) -> set[str]:
    """The top institutions these belong to: a department counts as its ministry."""
    roots: set[str] = set()
    for institution_id in institution_ids:
        current, seen = institution_id, set()
        while current not in seen:
            seen.add(current)
            parent = data.institutions.get(current)
            if parent is None or not parent.parent_id:
                break
            current = parent.parent_id
        roots.add(current)
    return roots


def split_names(text: str) -> list[str]:
    """'A, B ,, C' as ['A', 'B', 'C']: the names a comma-separated field holds, once each."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def find_or_add_institutions(
    data: MissionData, names: Iterable[str], author: str
) -> tuple[tuple[str, ...], list[Institution]]:
    """Ids for institution names, known ones matched case-insensitively; new ones created.

    A new one's type may follow its name in brackets: "KIBHR (ngo)".
    """
    known = {i.name.casefold(): i for i in data.institutions.values()}
    ids: list[str] = []
    new: list[Institution] = []
    for said in names:
        found = known.get(said.casefold())
        if found is None:
            name, note = name_and_note(said)
            kind = _institution_type(note) if note else InstitutionType.OTHER
            if kind is None:
                name, kind = said, InstitutionType.OTHER
            found = known.get(name.casefold())
            if found is None:
                found = Institution(name=name, type=kind, author=author)
                known[name.casefold()] = found
                new.append(found)
        ids.append(found.id)
    return tuple(ids), new


def name_and_note(said: str) -> tuple[str, str]:
    """'Marat Azimov (Deputy Minister)' as ('Marat Azimov', 'Deputy Minister')."""
    said = said.strip()
    if said.endswith(")") and "(" in said:
        name, _, note = said[:-1].rpartition("(")
        if name.strip():
            return name.strip(), note.strip()
    return said, ""


def _institution_type(note: str) -> InstitutionType | None:
    try:
        return InstitutionType(note.strip().lower().replace(" ", "-"))
    except ValueError:
        return None


def find_or_add_people(
    data: MissionData, names: Iterable[str], institution_ids: Sequence[str], author: str
) -> tuple[tuple[str, ...], list[Person]]:
    """Ids for people's names; a new person belongs to the meeting's institution if only one.

    A new person's title may follow the name in brackets: "Marat Azimov (Deputy Minister)".
    """
    known = {p.name.casefold(): p for p in data.people.values()}
    home = institution_ids[0] if len(institution_ids) == 1 else None
    ids: list[str] = []
    new: list[Person] = []
    for said in names:
        found = known.get(said.casefold())
        if found is None:
            name, title = name_and_note(said)
            found = known.get(name.casefold())
            if found is None:
                found = Person(name=name, title=title, institution_id=home, author=author)
                known[name.casefold()] = found
                new.append(found)
        ids.append(found.id)
    return tuple(ids), new


def agenda_from_refs(data: MissionData, refs: Iterable[str]) -> tuple[str, ...]:
    """Item ids for references as typed ('CCPR-24, 95.42'); an unknown one is refused."""
    ids: list[str] = []
    for ref in refs:
        try:
            item = find_item(data.items, ref)
        except NotFound as exc:
            raise ValueError(str(exc)) from None
        if item.id not in ids:
            ids.append(item.id)
    return tuple(ids)


@dataclasses.dataclass(frozen=True, slots=True)
class MeetingForm:
    """A meeting as typed in the form: free text, checked by `apply`."""

    title: str = ""
    when: str = ""
    place: str = ""
    institutions: str = ""
    people: str = ""
    delegates: str = ""
    agenda: str = ""
    summary: str = ""

    @classmethod
    def of(
        cls, data: MissionData, meeting: Meeting | None, today: date | None = None
    ) -> MeetingForm:
        """The form filled from a meeting, or for a new one (on `today`, else the mission's
        first day; agenda: the priorities)."""
        if meeting is None:
            mission = data.mission
            day = mission.start_date if mission and mission.start_date else ""
            day = today.isoformat() if today is not None else day
            refs = [i.short_ref for i in data.priorities]
            delegates = mission.delegation if mission else ()
            return cls(
                when=f"{day} 09:00" if day else "",
                delegates=", ".join(delegates),
                agenda=", ".join(refs),
            )
        return cls(
            title=meeting.title,
            when=meeting.starts_at.replace("T", " "),
            place=meeting.place,
            institutions=", ".join(
                data.institutions[i].name for i in meeting.institution_ids if i in data.institutions
            ),
            people=", ".join(p.name for p in people_present(data, meeting)),
            delegates=", ".join(meeting.delegates),
            agenda=", ".join(i.short_ref for i in agenda_items(data, meeting)),
            summary=meeting.summary,
        )

    def apply(
        self, data: MissionData, meeting: Meeting | None, author: str
    ) -> tuple[Meeting, list[Record]]:
        """The meeting this form describes, and the directory entries it adds.

        Raises ValueError with a reason fit to show when the form cannot be saved.
        """
        title = squash(self.title)
        if not title:
            raise ValueError(_("A meeting needs a title (e.g. the institution met)"))
        starts_at = parse_when(self.when) if self.when.strip() else ""
        institution_ids, institutions = find_or_add_institutions(
            data, split_names(self.institutions), author
        )
        person_ids, people = find_or_add_people(
            data, split_names(self.people), institution_ids, author
        )
        fields: dict[str, Any] = {
            "title": title,
            "starts_at": starts_at,
            "place": squash(self.place),
            "institution_ids": institution_ids,
            "person_ids": person_ids,
            "delegates": tuple(split_names(self.delegates)),
            "agenda": agenda_from_refs(data, split_names(self.agenda)),
            "summary": clean(self.summary).strip(),
        }
        if meeting is not None:
            return meeting.touched(**fields), [*institutions, *people]
        return Meeting(author=author, **fields), [*institutions, *people]
