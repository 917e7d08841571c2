"""A large, reproducible mission for the benchmarks, written through `Store.create`.

At scale 1: 5,000 items across mechanisms, 40 institutions, 120 people, 300 meetings,
10,000 notes, 3,000 responses (and 200 follow-up actions). The same seed always gives the
same records, ids and timestamps, so two runs measure the same file.

    python -m bench.generate bench/out/large.json [--scale 0.01] [--seed 2017]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypedDict

from fieldkit.domain.directory import Institution, Person
from fieldkit.domain.grades import Grade
from fieldkit.domain.items import Assessment, Item, Limb, Source
from fieldkit.domain.meetings import Action, Meeting, Note, Response
from fieldkit.domain.mission import Mission
from fieldkit.domain.records import Record
from fieldkit.domain.vocab import (
    AssessorKind,
    Confidentiality,
    Implementation,
    InstitutionType,
    ItemKind,
    Mechanism,
    MeetingStatus,
    NoteKind,
    Position,
    Stance,
)
from fieldkit.storage.repository import Store

SEED = 2017
MISSION_NAME = "Benchmark follow-up mission to Astana"

FULL = {
    "items": 5000,
    "institutions": 40,
    "people": 120,
    "meetings": 300,
    "notes": 10000,
    "responses": 3000,
    "actions": 200,
}

THEMES = (
    "Torture and other cruel, inhuman or degrading treatment",
    "Freedom of association",
    "Freedom of peaceful assembly",
    "Freedom of opinion and expression",
    "Human rights defenders",
    "Administration of justice and fair trial",
    "Women's rights",
    "Rights of the child",
    "Persons with disabilities",
    "Migrants",
    "Freedom of religion or belief",
    "Death penalty",
    "National human rights institution",
    "Conditions of detention",
    "Domestic violence",
    "Labour rights",
    "Right to health",
    "Right to education",
)
PERSONS = (
    "general",
    "women",
    "children",
    "human rights defenders",
    "journalists",
    "persons deprived of their liberty",
    "persons with disabilities",
    "migrants",
    "minorities",
    "lesbian, gay, bisexual, transgender and intersex persons",
)
STATES = (
    "Australia",
    "Austria",
    "Belgium",
    "Brazil",
    "Canada",
    "Chile",
    "Czech Republic",
    "Denmark",
    "Estonia",
    "France",
    "Germany",
    "Ireland",
    "Italy",
    "Japan",
    "Lithuania",
    "Mexico",
    "Netherlands",
    "Norway",
    "Poland",
    "Slovenia",
    "Spain",
    "Sweden",
    "Switzerland",
    "United Kingdom of Great Britain and Northern Ireland",
    "United States of America",
    "Uruguay",
)
VERBS = (
    "Take effective measures to",
    "Adopt legislation to",
    "Review its legislation to",
    "Strengthen efforts to",
    "Consider ways to",
    "Take all measures necessary to",
    "Continue to",
    "Redouble its efforts to",
)
ACTS = (
    "investigate promptly and impartially all allegations of torture",
    "release persons detained for the peaceful exercise of their rights",
    "register non-governmental organisations without undue restriction",
    "decriminalise defamation and bring it under civil law",
    "guarantee the independence of the judiciary and of lawyers",
    "establish an independent national preventive mechanism",
    "protect journalists and human rights defenders from harassment",
    "prosecute those responsible for the events in Zhanaozen",
    "end the notification regime for peaceful assemblies",
    "improve conditions of detention in all places of deprivation of liberty",
    "combat domestic violence and support its victims",
    "ensure inclusive education for children with disabilities",
)
CODA = (
    "in line with international standards",
    "and provide adequate redress to victims",
    "with the participation of civil society",
    "and report on progress at the next review",
    "(обеспечить эффективное расследование)",
    "including in rural areas",
)
SPEECH = (
    "The deputy minister said the draft law is before parliament.",
    "The prosecutor's office reported that 14 complaints were examined in 2016.",
    "Officials referred to the new Code of Criminal Procedure.",
    "They asked for the Committee's general comment in Russian.",
    "A working group will report to the President's administration by June.",
    "No statistics were available on prosecutions.",
    "Представитель министерства сообщил, что законопроект находится в Мажилисе.",
    "The ombudsman's office has no mandate to visit police cells unannounced.",
    "NGOs said registration is refused on formal grounds.",
    "The delegation asked for the number of convictions under article 146.",
    "Commitment to share the draft regulation with civil society before adoption.",
    "Мемлекеттік органдар ақпарат беруге уәде берді.",
)
INSTITUTION_NAMES = (
    ("Ministry of Justice", InstitutionType.GOVERNMENT),
    ("Ministry of Internal Affairs", InstitutionType.GOVERNMENT),
    ("Ministry of Foreign Affairs", InstitutionType.GOVERNMENT),
    ("Ministry of Education and Science", InstitutionType.GOVERNMENT),
    ("Ministry of Health", InstitutionType.GOVERNMENT),
    ("Ministry of Labour and Social Protection", InstitutionType.GOVERNMENT),
    ("Mazhilis committee on legislation", InstitutionType.PARLIAMENT),
    ("Senate committee on international affairs", InstitutionType.PARLIAMENT),
    ("Office of the Prosecutor General", InstitutionType.PROSECUTOR),
    ("Supreme Court", InstitutionType.COURT),
    ("Human Rights Commissioner (Ombudsman)", InstitutionType.NHRI),
    ("Kazakhstan International Bureau for Human Rights", InstitutionType.NGO),
    ("Adil Soz", InstitutionType.NGO),
    ("Coalition against torture", InstitutionType.NGO),
    ("Embassy of Germany", InstitutionType.DIPLOMATIC_MISSION),
    ("Delegation of the European Union", InstitutionType.DIPLOMATIC_MISSION),
    ("OHCHR Regional Office for Central Asia", InstitutionType.UN),
)
FIRST = ("Aigerim", "Nurlan", "Saule", "Yerlan", "Dana", "Askar", "Gulnara", "Marat", "Zhanna")
LAST = ("Abenova", "Bekov", "Dzhaksybekova", "Ismailov", "Kim", "Nurpeisova", "Omarov", "Sadykov")
TITLES = ("Deputy Minister", "Head of Department", "Senior Prosecutor", "Judge", "Director", "")
TREATY_BODIES = (
    (Mechanism.CCPR, "CCPR/C/KAZ/CO/{n}"),
    (Mechanism.CAT, "CAT/C/KAZ/CO/{n}"),
    (Mechanism.CESCR, "E/C.12/KAZ/CO/{n}"),
    (Mechanism.CEDAW, "CEDAW/C/KAZ/CO/{n}"),
    (Mechanism.CRC, "CRC/C/KAZ/CO/{n}"),
    (Mechanism.CRPD, "CRPD/C/KAZ/CO/{n}"),
    (Mechanism.CERD, "CERD/C/KAZ/CO/{n}"),
)
UPR_CYCLES = (
    (1, 7, 2010, "A/HRC/14/10", (95, 97)),
    (2, 20, 2014, "A/HRC/28/10", (124, 125, 126)),
    (3, 34, 2019, "A/HRC/43/9", (131, 132)),
    (4, 48, 2025, "A/HRC/58/12", (140, 141)),
)
EPOCH = datetime(2017, 1, 9, 8, 0, tzinfo=UTC)


class Stamp(TypedDict):
    """What every record gets from the generator: a fixed id, timestamps, an author."""

    id: str
    created_at: str
    updated_at: str
    author: str


@dataclasses.dataclass(frozen=True)
class Scale:
    """How many records of each kind to make."""

    items: int
    institutions: int
    people: int
    meetings: int
    notes: int
    responses: int
    actions: int

    @classmethod
    def of(cls, factor: float) -> Scale:
        return cls(**{k: max(3, round(v * factor)) for k, v in FULL.items()})


class _Maker:
    """Deterministic ids, timestamps and text from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.clock = EPOCH

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def stamp(self) -> Stamp:
        self.clock += timedelta(seconds=self.rng.randint(1, 90))
        iso = self.clock.isoformat().replace("+00:00", "Z")
        return {"id": self.uid(), "created_at": iso, "updated_at": iso, "author": "bench"}

    def sentence(self) -> str:
        r = self.rng
        return f"{r.choice(VERBS)} {r.choice(ACTS)} {r.choice(CODA)}."

    def some(self, pool: tuple[str, ...], low: int, high: int) -> tuple[str, ...]:
        return tuple(self.rng.sample(pool, self.rng.randint(low, high)))


def _items(m: _Maker, count: int) -> list[Item]:
    r = m.rng
    items: list[Item] = []
    upr_count = count * 7 // 10
    for n in range(upr_count):
        cycle, session, year, symbol, paras = UPR_CYCLES[n % len(UPR_CYCLES)]
        para = paras[(n // len(UPR_CYCLES)) % len(paras)]
        number = n // (len(UPR_CYCLES) * len(paras)) + 1
        position = Position.NOTED if para == paras[-1] and len(paras) > 2 else Position.SUPPORTED
        items.append(
            Item(
                **m.stamp(),
                mechanism=Mechanism.UPR,
                document_symbol=symbol,
                reference=f"{para}.{number}",
                cycle=cycle,
                session=session,
                year=year,
                state_under_review="Kazakhstan",
                recommending_states=m.some(STATES, 1, 3),
                position=position,
                text=m.sentence(),
                themes=m.some(THEMES, 1, 3),
                affected_persons=m.some(PERSONS, 1, 2),
                sdgs=(f"SDG {r.randint(1, 17)}",),
                source=Source(file="uhri-export.xlsx", row=n + 2, format="uhri"),
            )
        )
    for n in range(count - upr_count):
        kind = ItemKind.RECOMMENDATION
        if n % 25 == 0:
            kind = ItemKind.PLEDGE
        elif n % 25 == 1:
            kind = ItemKind.QUESTION
        if n % 10 == 9:
            mechanism, symbol = Mechanism.SP, "A/HRC/33/52/Add.{n}"
        else:
            mechanism, symbol = TREATY_BODIES[n % len(TREATY_BODIES)]
        report = n // 200 + 1
        limbs = tuple(
            Limb(label=f"({chr(97 + i)})", text=m.sentence()) for i in range(r.randint(0, 5))
        )
        assessments: tuple[Assessment, ...] = ()
        if limbs and r.random() < 0.3:
            assessments = (
                Assessment(
                    assessor=AssessorKind.TREATY_BODY_FOLLOW_UP,
                    document="CCPR/C/123/2",
                    date="2018-07-20",
                    grade=r.choice(list(Grade)),
                    limbs="(a) and (b)",
                    text=m.sentence(),
                ),
            )
        items.append(
            Item(
                **m.stamp(),
                kind=kind,
                mechanism=mechanism,
                document_symbol=symbol.format(n=report),
                reference=f"para {n % 200 + 1}",
                year=2008 + report,
                state_under_review="Kazakhstan",
                text=" ".join(m.sentence() for _ in range(r.randint(1, 4))),
                limbs=limbs,
                themes=m.some(THEMES, 1, 2),
                affected_persons=m.some(PERSONS, 0, 2),
                assessments=assessments,
            )
        )
    # Priorities: 50 items (or fewer on a small mission), ranked; some items linked.
    picks = r.sample(range(len(items)), min(50, len(items)))
    for rank, index in enumerate(picks, start=1):
        items[index] = dataclasses.replace(items[index], priority=rank)
    for _ in range(len(items) // 20):
        a, b = r.sample(range(len(items)), 2)
        items[a] = dataclasses.replace(items[a], related_ids=(*items[a].related_ids, items[b].id))
    return items


def _directory(m: _Maker, scale: Scale) -> tuple[list[Institution], list[Person]]:
    r = m.rng
    institutions = [
        Institution(
            **m.stamp(),
            name=f"{name} ({n // len(INSTITUTION_NAMES) + 1})"
            if n >= len(INSTITUTION_NAMES)
            else name,
            type=kind,
        )
        for n, (name, kind) in (
            (n, INSTITUTION_NAMES[n % len(INSTITUTION_NAMES)]) for n in range(scale.institutions)
        )
    ]
    people = [
        Person(
            **m.stamp(),
            name=f"{r.choice(FIRST)} {r.choice(LAST)} {n}",
            title=r.choice(TITLES),
            institution_id=r.choice(institutions).id,
            contact=f"+7 701 {r.randint(1000000, 9999999)}",
        )
        for n in range(scale.people)
    ]
    return institutions, people


def _meetings(
    m: _Maker,
    scale: Scale,
    items: list[Item],
    institutions: list[Institution],
    people: list[Person],
) -> list[Meeting]:
    r = m.rng
    meetings: list[Meeting] = []
    day = datetime(2017, 4, 3, 9, 0, tzinfo=UTC)
    for n in range(scale.meetings):
        start = day + timedelta(days=n // 6, hours=(n % 6) * 1.5)
        host = r.choice(institutions)
        present = [p.id for p in people if p.institution_id == host.id][:4]
        meetings.append(
            Meeting(
                **m.stamp(),
                title=f"{host.name}: follow-up {n + 1}",
                starts_at=start.isoformat().replace("+00:00", "Z"),
                place="Astana",
                institution_ids=(host.id,),
                person_ids=tuple(present),
                delegates=("Delegate One", "Delegate Two"),
                agenda=tuple(i.id for i in r.sample(items, min(len(items), r.randint(5, 15)))),
                status=MeetingStatus.HELD if n < scale.meetings * 0.9 else MeetingStatus.PLANNED,
                summary=" ".join(r.choice(SPEECH) for _ in range(2)),
            )
        )
    return meetings


def _captured(
    m: _Maker, scale: Scale, meetings: list[Meeting]
) -> Iterator[Note | Response | Action]:
    r = m.rng
    held = [mt for mt in meetings if mt.status is MeetingStatus.HELD] or meetings
    for n in range(scale.notes):
        meeting = held[n % len(held)]
        yield Note(
            **m.stamp(),
            meeting_id=meeting.id,
            item_id=r.choice(meeting.agenda) if r.random() < 0.85 else None,
            kind=r.choice(list(NoteKind)),
            speaker_id=r.choice(meeting.person_ids) if meeting.person_ids else None,
            text=" ".join(r.choice(SPEECH) for _ in range(r.randint(1, 3))),
            confidentiality=r.choice(list(Confidentiality)),
        )
    for n in range(scale.responses):
        meeting = held[n % len(held)]
        yield Response(
            **m.stamp(),
            meeting_id=meeting.id,
            item_id=r.choice(meeting.agenda),
            speaker_id=r.choice(meeting.person_ids) if meeting.person_ids else None,
            stance=r.choice(list(Stance)),
            implementation=r.choice(list(Implementation)),
            grade=r.choice((None, Grade.A, Grade.B, Grade.C, Grade.D, Grade.E)),
            commitment=r.choice(("", "Draft law by the end of 2017.")),
            quote=r.choice(SPEECH),
            text=r.choice(SPEECH),
            confidentiality=r.choice(list(Confidentiality)),
        )
    for n in range(scale.actions):
        meeting = held[n % len(held)]
        yield Action(
            **m.stamp(),
            text=f"Send the Committee's follow-up letter on item {n + 1}",
            meeting_id=meeting.id,
            item_id=r.choice(meeting.agenda),
            owner="Delegate One",
            due="2017-06-30",
        )


def records(scale: Scale, seed: int = SEED) -> tuple[Mission, list[Record]]:
    """The mission record and every other record, the same for the same scale and seed."""
    m = _Maker(seed)
    mission = Mission(
        **m.stamp(),
        name=MISSION_NAME,
        country="Kazakhstan",
        start_date="2017-04-03",
        end_date="2017-06-30",
        locations=("Astana", "Almaty"),
        delegation=("Delegate One", "Delegate Two", "Delegate Three"),
        objective="Follow up the Human Rights Committee's and the UPR's recommendations.",
    )
    items = _items(m, scale.items)
    institutions, people = _directory(m, scale)
    meetings = _meetings(m, scale, items, institutions, people)
    rest: list[Record] = [*items, *institutions, *people, *meetings]
    rest.extend(_captured(m, scale, meetings))
    return mission, rest


def generate(path: Path, factor: float = 1.0, seed: int = SEED) -> Scale:
    """Write the mission file at `path` (which must not exist yet)."""
    scale = Scale.of(factor)
    mission, rest = records(scale, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    Store(path).create(mission, rest, copy=f"{seed:012x}")
    return scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 5,000 items (default)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    scale = generate(args.path, args.scale, args.seed)
    print(f"{args.path}: {dataclasses.asdict(scale)}")


if __name__ == "__main__":
    main()
