"""The people who speak in a meeting: officials present, people added in the room, delegates.

A delegate who speaks in a meeting is a person of the delegation.

Notes and responses name their speaker by a person's id. Delegates are listed by name on the
mission and the meeting; the first time one of them is a speaker, they join the directory
as a person of the delegation's own organisation (created then too), so `speaker_id`
always names a person.
"""

from __future__ import annotations

from fieldkit.domain.directory import Institution, Person
from fieldkit.domain.lookup import NotFound, find_person
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.domain.schedule import people_present
from fieldkit.domain.vocab import InstitutionType
from fieldkit.i18n import _

DELEGATION = "Delegation"


def delegate_person(data: MissionData, name: str, author: str) -> tuple[Person, list[Record]]:
    """The person standing for delegate `name`, and the records to add if they are new."""
    organisation = _organisation(data)
    for person in data.people.values():
        if person.name == name and organisation and person.institution_id == organisation.id:
            return person, []
    added: list[Record] = []
    if organisation is None:
        organisation = Institution(name=DELEGATION, type=InstitutionType.OTHER, author=author)
        added.append(organisation)
    person = Person(name=name, title="delegate", institution_id=organisation.id, author=author)
    return person, [*added, person]


def _organisation(data: MissionData) -> Institution | None:
    return next((i for i in data.institutions.values() if i.name == DELEGATION), None)


#: A delegate chosen as speaker before they are a person in the directory: 'delegate:Name'.
DELEGATE = "delegate:"


def speakers_of(data: MissionData, meeting: Meeting) -> list[tuple[str, str]]:
    """Who may speak in `meeting`, as (speaker id, name): the people present, then the
    delegates present (a delegate not yet in the directory as `delegate:Name`)."""
    speakers = [(p.id, p.name) for p in people_present(data, meeting)]
    organisation = _organisation(data)
    known = {
        p.name: p.id
        for p in data.people.values()
        if organisation is not None and p.institution_id == organisation.id
    }
    delegates = meeting.delegates or (data.mission.delegation if data.mission else ())
    taken = {person_id for person_id, _ in speakers}
    for name in delegates:
        speaker = known.get(name, f"{DELEGATE}{name}")
        if speaker not in taken:
            speakers.append((speaker, name))
            taken.add(speaker)
    return speakers


def new_person(
    data: MissionData, name: str, title: str, institution: str, kind: str, author: str
) -> tuple[Person, list[Record]]:
    """A person met in the room, and the records to add: them, and their institution if it
    is new (of type `kind`, else "other"). ValueError names what is missing or wrong."""
    name = " ".join(name.split())
    if not name:
        raise ValueError(_("a person needs a name"))
    institution = " ".join(institution.split())
    added: list[Record] = []
    found = next(
        (i for i in data.institutions.values() if i.name.casefold() == institution.casefold()),
        None,
    )
    if found is None and institution:
        try:
            the_type = InstitutionType(kind.strip().lower() or "other")
        except ValueError:
            kinds = ", ".join(t.value for t in InstitutionType)
            message = _("{kind} is no type of institution ({kinds})")
            raise ValueError(message.format(kind=repr(kind.strip()), kinds=kinds)) from None
        found = Institution(name=institution, type=the_type, author=author)
        added.append(found)
    person = Person(
        name=name,
        title=" ".join(title.split()),
        institution_id=found.id if found else None,
        author=author,
    )
    return person, [*added, person]


def speaker_named(data: MissionData, name: str, author: str) -> tuple[Person, list[Record]]:
    """A speaker as named on the command line: a person by any unique part of their name,
    else a delegate of the mission by any unique part (a person from then on)."""
    try:
        return find_person(data.people, name), []
    except NotFound as missing:
        wanted = " ".join(name.split()).casefold()
        delegation = data.mission.delegation if data.mission else ()
        found = [d for d in delegation if wanted in d.casefold()]
        if len(found) != 1:
            raise missing from None
        return delegate_person(data, found[0], author)
