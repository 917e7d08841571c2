"""Commands that read and add records: items, meetings, notes, responses, follow-up actions."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, JsonOption, collector_paused, open_store, print_json
from fieldkit.cli.errors import fail
from fieldkit.domain.dates import context_day, parse_date
from fieldkit.domain.filters import ItemFilter, select
from fieldkit.domain.grades import Grade, parse_grade
from fieldkit.domain.history import SYNC
from fieldkit.domain.items import Item, normalise_limb_label
from fieldkit.domain.lookup import by_prefix, find_item, find_person
from fieldkit.domain.meetings import Action, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.people import speaker_named
from fieldkit.domain.records import Record
from fieldkit.domain.text import clean, shorten
from fieldkit.domain.vocab import Confidentiality, Implementation, Mechanism, NoteKind, Stance
from fieldkit.i18n import _
from fieldkit.storage.repository import Tx

MeetingOption = Annotated[str, typer.Option("--meeting", help="Meeting id or prefix.")]
LimbOption = Annotated[str, typer.Option("--limb", help="Sub-part of the item, e.g. b.")]
SpeakerOption = Annotated[
    str | None, typer.Option("--speaker", help="Person: any unique part of the name, or id.")
]
ConfidentialFlag = Annotated[
    bool, typer.Option("--confidential", help="Keep out of exports by default.")
]
STANCE_HELP = "accepts, partially-accepts, under-consideration, rejects, disputes-facts, no-answer."
IMPLEMENTATION_HELP = "Claimed: not, partially, fully, unknown."
GradeOption = Annotated[
    str | None, typer.Option("--grade", help="The delegation's grade, A-E (B1 ... allowed).")
]
QuoteOption = Annotated[str, typer.Option("--quote", help="The official's words, verbatim.")]
CommitmentOption = Annotated[str, typer.Option("--commitment", help="What the State committed to.")]
WHEN_HELP = "By when: 30/6, 30.06.2017, June 2017, 2017-09, end of year, +3m."
DeadlineOption = Annotated[str, typer.Option("--deadline", help=WHEN_HELP)]

note_app = typer.Typer(help="Notes taken in meetings.", no_args_is_help=True)
response_app = typer.Typer(
    help="What officials said for the State about an item.", no_args_is_help=True
)
action_app = typer.Typer(help="Follow-up actions for the delegation.", no_args_is_help=True)


def choice(
    enum: type[Stance] | type[NoteKind] | type[Implementation], value: str, flag: str
) -> str:
    values = [e.value for e in enum]
    wanted = value.strip().lower().replace(" ", "-").replace("_", "-")
    if wanted not in values:
        fail(
            _("{option} {value} is not one of: {choices}").format(
                option=flag, value=repr(value), choices=", ".join(values)
            )
        )
    return wanted


def speaker_id(data: MissionData, name: str | None) -> str | None:
    """A person by any unique part of the name, or by id."""
    return find_person(data.people, name).id if name else None


def speaker_in(tx: Tx, name: str | None) -> str | None:
    """The speaker's id: a person by any unique part of the name, or a delegate of the
    mission (who becomes a person of the delegation on first use)."""
    if not name:
        return None
    person, added = speaker_named(tx.data, name, settings.author())
    tx.put(*added)
    return person.id


def required_text(value: str, what: str) -> str:
    cleaned = clean(value).strip()
    if not cleaned:
        fail(_("{option} must not be empty").format(option=what))
    return cleaned


def plain(record: Record) -> dict[str, Any]:
    """A record as scripts see it: its fields, without the merge history."""
    doc = record.to_dict()
    doc.pop(SYNC, None)
    return doc


def _item_row(item: Item, data: MissionData) -> dict[str, object]:
    row = plain(item)
    latest = data.latest_response(item.id)
    row["short_ref"] = item.short_ref
    row["latest_stance"] = latest.stance.value if latest else None
    return row


def done(record: Record, as_json: bool) -> None:
    if as_json:
        print_json(plain(record))
    else:
        typer.echo(record.id)


def items(
    search: Annotated[str, typer.Option("--search", help="Words that must all appear.")] = "",
    mechanism: Annotated[str, typer.Option("--mechanism", help="UPR, CCPR, CAT ...")] = "",
    theme: Annotated[str, typer.Option("--theme", help="A theme, or part of one.")] = "",
    priority: Annotated[bool, typer.Option("--priority", help="Mission priorities only.")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List the mission's items, filtered."""
    if mechanism and mechanism.upper() not in Mechanism.__members__:
        fail(
            _("{option} {value} is not one of: {choices}").format(
                option="--mechanism",
                value=repr(mechanism),
                choices=", ".join(Mechanism.__members__),
            )
        )
    flt = ItemFilter(search=search, mechanism=mechanism, theme=theme, priority_only=priority)
    with collector_paused():
        data = open_store(db).data(items_with=flt.terms())
        found = select(data, flt)
        if as_json:
            print_json([_item_row(i, data) for i in found])
            return
    for item in found:
        stars = f"#{item.priority} " if item.priority is not None else ""
        typer.echo(f"{item.id[:8]}  {item.short_ref:<10} {stars}{shorten(item.text, 90)}")


def meetings(as_json: JsonOption = False, db: DbOption = None) -> None:
    """List the mission's meetings in date order."""
    data = open_store(db).data()
    if as_json:
        print_json([plain(m) for m in data.meetings_in_order])
        return
    for m in data.meetings_in_order:
        typer.echo(f"{m.id[:8]}  {m.starts_at[:16]:<16}  {m.status.label:<9}  {m.title}")


@note_app.command("add")
def note_add(
    text: Annotated[str, typer.Argument(help="What was said or seen.")],
    meeting: MeetingOption,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="statement, commitment, concern, question, follow-up, quote, observation.",
        ),
    ],
    item: Annotated[
        str | None,
        typer.Option("--item", help="Item id, prefix or reference (95.42, CCPR-24)."),
    ] = None,
    limb: LimbOption = "",
    speaker: SpeakerOption = None,
    confidential: ConfidentialFlag = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Add a note to a meeting."""
    kind_value = choice(NoteKind, kind, "--kind")
    body = required_text(text, _("the note's text"))
    store = open_store(db)
    with store.transaction() as tx:
        data = tx.data
        the_meeting = by_prefix(data.meetings, meeting, "meeting")
        the_item = find_item(data.items, item) if item else None
        if limb and (the_item is None or the_item.limb(limb) is None):
            fail(
                _("{option} {value} is not a sub-part of {item}").format(
                    option="--limb", value=repr(limb), item=item or _("an item")
                )
            )
        note = Note(
            meeting_id=the_meeting.id,
            item_id=the_item.id if the_item else None,
            limb=normalise_limb_label(limb),
            kind=NoteKind(kind_value),
            speaker_id=speaker_in(tx, speaker),
            text=body,
            confidentiality=_level(confidential),
            author=settings.author(),
        )
        tx.put(note)
    done(note, as_json)


@response_app.command("add")
def response_add(
    item: Annotated[str, typer.Option("--item", help="Item id, prefix or reference.")],
    meeting: MeetingOption,
    stance: Annotated[str, typer.Option("--stance", help=STANCE_HELP)],
    text: Annotated[str, typer.Argument(help="The delegation's remark.")] = "",
    grade: GradeOption = None,
    quote: QuoteOption = "",
    commitment: CommitmentOption = "",
    deadline: DeadlineOption = "",
    implementation: Annotated[
        str, typer.Option("--implementation", help=IMPLEMENTATION_HELP)
    ] = "unknown",
    limb: LimbOption = "",
    speaker: SpeakerOption = None,
    confidential: ConfidentialFlag = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record what an official said for the State about one item."""
    stance_value = choice(Stance, stance, "--stance")
    impl_value = choice(Implementation, implementation, "--implementation")
    the_grade = grade_of(grade)
    store = open_store(db)
    with store.transaction() as tx:
        data = tx.data
        the_meeting = by_prefix(data.meetings, meeting, "meeting")
        by_when = check_date(deadline, "--deadline", the_meeting.day)
        the_item = find_item(data.items, item)
        if limb and the_item.limb(limb) is None:
            fail(
                _("{option} {value} is not a sub-part of {item}").format(
                    option="--limb", value=repr(limb), item=the_item.short_ref
                )
            )
        response = Response(
            meeting_id=the_meeting.id,
            item_id=the_item.id,
            limb=normalise_limb_label(limb),
            speaker_id=speaker_in(tx, speaker),
            stance=Stance(stance_value),
            implementation=Implementation(impl_value),
            grade=the_grade,
            commitment=clean(commitment).strip(),
            deadline=by_when,
            quote=clean(quote).strip(),
            text=clean(text).strip(),
            confidentiality=_level(confidential),
            author=settings.author(),
        )
        tx.put(response)
    done(response, as_json)


@action_app.command("add")
def action_add(
    text: Annotated[str, typer.Argument(help="What the delegation must do.")],
    owner: Annotated[str, typer.Option("--owner", help="Who does it.")] = "",
    due: Annotated[str, typer.Option("--due", help=WHEN_HELP)] = "",
    item: Annotated[
        str | None, typer.Option("--item", help="Item id, prefix or reference.")
    ] = None,
    meeting: Annotated[str | None, typer.Option("--meeting", help="Meeting id or prefix.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Add a follow-up action for the delegation."""
    body = required_text(text, _("the action"))
    store = open_store(db)
    with store.transaction() as tx:
        data = tx.data
        the_meeting = by_prefix(data.meetings, meeting, "meeting") if meeting else None
        action = Action(
            text=body,
            owner=owner.strip(),
            due=check_date(due, "--due", the_meeting.day if the_meeting else ""),
            item_id=find_item(data.items, item).id if item else None,
            meeting_id=the_meeting.id if the_meeting else None,
            author=settings.author(),
        )
        tx.put(action)
    done(action, as_json)


def register(app: typer.Typer) -> None:
    from fieldkit.cli import edits

    app.command()(items)
    app.command()(meetings)
    edits.register(note_app, response_app, action_app)
    app.add_typer(note_app, name="note")
    app.add_typer(response_app, name="response")
    app.add_typer(action_app, name="action")


def grade_of(grade: str | None) -> Grade | None:
    """The grade given with --grade, or None; a bad one fails with exit 2."""
    if not grade:
        return None
    try:
        return parse_grade(grade)
    except ValueError as exc:
        fail(_("{option}: {problem}").format(option="--grade", problem=exc))


def _level(confidential: bool) -> Confidentiality:
    return Confidentiality.CONFIDENTIAL if confidential else Confidentiality.INTERNAL


def check_date(value: str, flag: str, day: str = "") -> str:
    """A date as people say it ('30/6', 'end of year', '+3m') as YYYY-MM-DD, read in the
    year of the meeting on `day` (else of today); '' stays ''."""
    try:
        return parse_date(value, context_day(day))
    except ValueError as exc:
        fail(_("{option}: {reason}").format(option=flag, reason=exc))
