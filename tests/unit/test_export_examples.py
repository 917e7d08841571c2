"""Example meeting content for the export tests, and the test mission they build on.

Every text here is invented for testing and marked "[Example]": nothing is put in the mouths
of real officials. `add_example_meeting` records one plausible meeting of the demo mission.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.domain.directory import Institution, Person
from fieldkit.domain.grades import Grade
from fieldkit.domain.items import Item, Limb
from fieldkit.domain.meetings import Action, Meeting, Note, Response
from fieldkit.domain.mission import Mission
from fieldkit.domain.vocab import (
    Confidentiality,
    Implementation,
    ItemKind,
    Mechanism,
    MeetingStatus,
    NoteKind,
    Position,
    Stance,
)
from fieldkit.storage.repository import Store

EXAMPLE = "[Example]"
SECRET = "SECRET-WITNESS-NAME"
HOSTILE = "Vertical\x0btab, form\x0cfeed, bell\x07 and NUL\x00 from a PDF"
CYRILLIC = "Генеральная прокуратура: Қазақстан Республикасы, ұйымдастыру"
ARABIC_EMOJI = "حقوق الإنسان ✊🏽 😀"


def add_example_meeting(store: Store) -> Meeting:
    """Record the demo's meeting with the Deputy Minister of Justice as held, with content."""
    data = store.data()
    meeting = next(m for m in data.meetings_in_order if "Justice" in m.title)
    ccpr = {i.short_ref: i for i in data.priorities}
    speaker = meeting.person_ids[0] if meeting.person_ids else None
    other = meeting.person_ids[1] if len(meeting.person_ids) > 1 else speaker
    upr = next(
        (i for i in data.items.values() if i.reference == "124.60"),
        next(i for i in data.items.values() if i.mechanism is Mechanism.UPR),
    )
    held = meeting.touched(
        status=MeetingStatus.HELD,
        summary=f"{EXAMPLE} Frank exchange of about ninety minutes. The Deputy Minister "
        "welcomed the follow-up procedure and asked for the delegation's list of concerns in "
        "writing.",
        agenda=(*meeting.agenda, upr.id),
    )
    m = held.id
    records = [
        held,
        Response(
            meeting_id=m,
            item_id=ccpr["CCPR-24"].id,
            limb="(b)",
            speaker_id=speaker,
            stance=Stance.PARTIALLY_ACCEPTS,
            implementation=Implementation.PARTIALLY,
            grade=Grade.B,
            quote=f"{EXAMPLE} Video recording now covers all interrogation rooms in the "
            "temporary detention facilities of Astana.",
            commitment=f"{EXAMPLE} Extend recording to the regions",
            deadline="2017-12-31",
            text=f"{EXAMPLE} No figures on complaints were given; ask again in writing.",
            confidentiality=Confidentiality.INTERNAL,
        ),
        Response(
            meeting_id=m,
            item_id=ccpr["CCPR-18"].id,
            speaker_id=other,
            stance=Stance.DISPUTES_FACTS,
            grade=Grade.C,
            quote=f"{EXAMPLE} The events in Zhanaozen were investigated in full in 2012.",
            text=f"{EXAMPLE} Repeated the official position; no new investigation planned.",
        ),
        Response(
            meeting_id=m,
            item_id=upr.id,
            speaker_id=speaker,
            stance=Stance.UNDER_CONSIDERATION,
            text=f"{EXAMPLE} Said a draft law is with the Mazhilis.",
        ),
        Note(
            meeting_id=m,
            item_id=ccpr["CCPR-24"].id,
            kind=NoteKind.CONCERN,
            speaker_id=other,
            text=f"{EXAMPLE} Complaints of ill-treatment still go to the police first.",
        ),
        Note(
            meeting_id=m,
            item_id=ccpr["CCPR-24"].id,
            kind=NoteKind.COMMITMENT,
            speaker_id=speaker,
            text=f"{EXAMPLE} Ministry to share the statistics on torture complaints for 2016.",
        ),
        Note(
            meeting_id=m,
            item_id=ccpr["CCPR-18"].id,
            kind=NoteKind.OBSERVATION,
            text=f"{EXAMPLE} Officials avoided the question of the convicted oil workers.",
        ),
        Note(
            meeting_id=m,
            item_id=ccpr["CCPR-18"].id,
            kind=NoteKind.STATEMENT,
            text=f"{EXAMPLE} Source close to the file: {SECRET}.",
            confidentiality=Confidentiality.CONFIDENTIAL,
        ),
        Note(
            meeting_id=m,
            kind=NoteKind.FOLLOW_UP,
            text=f"{EXAMPLE} Send the list of concerns to the Ministry by 20 April.",
        ),
        Action(
            meeting_id=m,
            item_id=ccpr["CCPR-24"].id,
            text=f"{EXAMPLE} Send the written list of concerns on CCPR-24 to the Ministry",
            owner="Patrick Mutzenberg",
            due="2017-04-20",
        ),
        Action(
            meeting_id=m,
            text=f"{EXAMPLE} Share the meeting notes with KIBHR",
            owner="Kote Vardzelashvili",
            due="2017-04-18",
        ),
    ]
    store.save(*records)
    return held


def small_mission(tmp_path: Path) -> Store:
    """A compact mission with hostile text, Cyrillic, two meetings and a confidential note."""
    mission = Mission(
        name="Тестовая миссия / Test mission",
        country="Kazakhstan",
        start_date="2017-04-11",
        end_date="2017-04-14",
        locations=("Astana",),
        delegation=("A. Delegate", "B. Delegate"),
        objective=f"Objective with {HOSTILE}",
    )
    ministry = Institution(name=f"Министерство юстиции {CYRILLIC}")
    official = Person(
        name="Official One",
        title="Deputy Minister",
        institution_id=ministry.id,
        contact="PRIVATE-PHONE +7 700 000 00 00",
    )
    ccpr = Item(
        mechanism=Mechanism.CCPR,
        document_symbol="CCPR/C/KAZ/CO/2",
        reference="para 24",
        title="Torture and ill-treatment",
        text="The State party should take robust measures to eradicate torture.",
        limbs=(Limb(label="(a)", text="Ensure that complaints are investigated."),),
        themes=("Torture and other CID treatment",),
        priority=1,
    )
    rec = Item(
        mechanism=Mechanism.UPR,
        kind=ItemKind.RECOMMENDATION,
        document_symbol="A/HRC/14/10",
        reference="95.42",
        year=2010,
        cycle=1,
        recommending_states=("Australia",),
        position=Position.SUPPORTED,
        text=f"Eliminate torture in detention {CYRILLIC}",
        related_ids=(ccpr.id,),
    )
    other = Item(
        mechanism=Mechanism.UPR,
        document_symbol="A/HRC/28/10",
        reference="124.3",
        year=2014,
        recommending_states=("Norway",),
        position=Position.NOTED,
        text="Abolish the death penalty.",
    )
    first = Meeting(
        title="Ministry of Justice",
        starts_at="2017-04-11T10:00",
        status=MeetingStatus.HELD,
        institution_ids=(ministry.id,),
        person_ids=(official.id,),
        agenda=(ccpr.id, rec.id, other.id),
    )
    second = Meeting(
        title="Prosecutor's Office",
        starts_at="2017-04-13T15:00",
        status=MeetingStatus.HELD,
        agenda=(ccpr.id,),
    )
    records = [
        ministry,
        official,
        ccpr,
        rec,
        other,
        first,
        second,
        Response(
            meeting_id=first.id,
            item_id=ccpr.id,
            speaker_id=official.id,
            stance=Stance.REJECTS,
            grade=Grade.C,
            quote=f"FIRST-QUOTE {HOSTILE}",
            commitment="Review the law",
            deadline="2017-12-31",
        ),
        Response(
            meeting_id=second.id,
            item_id=ccpr.id,
            stance=Stance.ACCEPTS,
            grade=Grade.B,
            quote=f"SECOND-QUOTE {CYRILLIC} {ARABIC_EMOJI}",
        ),
        Response(
            meeting_id=second.id,
            item_id=rec.id,
            stance=Stance.NO_ANSWER,
            text=f"CONFIDENTIAL-RESPONSE {SECRET}",
            confidentiality=Confidentiality.CONFIDENTIAL,
        ),
        Note(meeting_id=first.id, item_id=ccpr.id, kind=NoteKind.CONCERN, text="FIRST-CONCERN"),
        Note(
            meeting_id=first.id,
            item_id=ccpr.id,
            kind=NoteKind.STATEMENT,
            text=f"CONFIDENTIAL-NOTE {SECRET}",
            confidentiality=Confidentiality.CONFIDENTIAL,
        ),
        Note(meeting_id=second.id, kind=NoteKind.OBSERVATION, text=f"SECOND-NOTE {HOSTILE}"),
        Note(meeting_id=second.id, item_id=ccpr.id, kind=NoteKind.QUOTE, text="x" * 60_000),
        Action(meeting_id=first.id, item_id=ccpr.id, text="ACTION-ONE", owner="A. Delegate"),
    ]
    store = Store(tmp_path / "small.json")
    store.create(mission, records)
    return store
