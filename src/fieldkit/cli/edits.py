"""Commands that change and delete notes, responses and follow-up actions.

Each change is saved as an edit of the named fields only (the merge history records which),
so an edit made here merges with edits made elsewhere to other fields.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, JsonOption, open_store
from fieldkit.cli.errors import fail
from fieldkit.cli.records import (
    IMPLEMENTATION_HELP,
    STANCE_HELP,
    SpeakerOption,
    check_date,
    choice,
    done,
    grade_of,
    required_text,
    speaker_id,
)
from fieldkit.domain.items import normalise_limb_label
from fieldkit.domain.lookup import by_prefix
from fieldkit.domain.meetings import Action, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.domain.text import clean
from fieldkit.domain.vocab import (
    ActionStatus,
    Confidentiality,
    Implementation,
    NoteKind,
    Stance,
)
from fieldkit.i18n import _

IdArgument = Annotated[str, typer.Argument(help="The record's id or a unique prefix of it.")]
TextOption = Annotated[str | None, typer.Option("--text", help="New text.")]
MaybeLimb = Annotated[str | None, typer.Option("--limb", help="Sub-part of the item, e.g. b.")]
Confidential = Annotated[bool, typer.Option("--confidential", help="Keep out of exports.")]
Internal = Annotated[bool, typer.Option("--internal", help="For the delegation's reports.")]
Public = Annotated[bool, typer.Option("--public", help="May be published.")]

Build = Any  # a function of the record and the mission data giving the changed fields


class _Clear:
    """A field to empty: its option was given as ''."""


CLEAR = _Clear()
WHEN_EDIT_HELP = "By when: 30/6, 30.06.2017, June 2017, 2017-09, end of year, +3m; '' clears it."


def _cleared(value: str | None) -> bool:
    return value is not None and not value.strip()


def _level(confidential: bool, internal: bool, public: bool) -> Confidentiality | None:
    chosen = [
        level
        for flag, level in (
            (confidential, Confidentiality.CONFIDENTIAL),
            (internal, Confidentiality.INTERNAL),
            (public, Confidentiality.PUBLIC),
        )
        if flag
    ]
    if len(chosen) > 1:
        fail(_("give only one of --confidential, --internal, --public"))
    return chosen[0] if chosen else None


def _table(data: MissionData, cls: type[Record]) -> Any:
    return {Note: data.notes, Response: data.responses, Action: data.actions}[cls]


def _edit(db: Any, cls: type[Record], record_id: str, build: Build, as_json: bool) -> None:
    """Find the record, apply the changed fields, save it as one edit."""
    store = open_store(db)
    with store.transaction() as tx:
        record = by_prefix(_table(tx.data, cls), record_id, cls.__name__.lower())
        built = build(record, tx.data).items()
        changes = {k: None if v is CLEAR else v for k, v in built if v is not None}
        if not changes:
            fail(_("nothing to change: give at least one option"))
        edited = record.touched(author=settings.author(), **changes)
        tx.put(edited)
    done(edited, as_json)


def _delete(db: Any, cls: type[Record], record_id: str, purge: bool, as_json: bool) -> None:
    store = open_store(db)
    with store.transaction() as tx:
        record = by_prefix(_table(tx.data, cls), record_id, cls.__name__.lower())
        tx.delete(cls, record.id, settings.author(), purge)
    done(record, as_json)


def _limb(record: Any, data: MissionData, limb: str | None) -> str | None:
    if limb is None:
        return None
    item = data.items.get(record.item_id) if record.item_id else None
    if limb and (item is None or item.limb(limb) is None):
        fail(
            _("{option} {value} is not a sub-part of {item}").format(
                option="--limb", value=repr(limb), item=_("the record's item")
            )
        )
    return normalise_limb_label(limb)


def note_edit(
    note_id: IdArgument,
    text: TextOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help="The kind of note.")] = None,
    limb: MaybeLimb = None,
    speaker: SpeakerOption = None,
    confidential: Confidential = False,
    internal: Internal = False,
    public: Public = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Change a note's text, kind, limb, speaker or confidentiality; '' clears the limb or
    the speaker (--speaker '')."""
    level = _level(confidential, internal, public)
    body = required_text(text, _("the note's text")) if text is not None else None
    kind_value = NoteKind(choice(NoteKind, kind, "--kind")) if kind is not None else None

    def build(note: Any, data: MissionData) -> dict[str, Any]:
        return {
            "text": body,
            "kind": kind_value,
            "limb": _limb(note, data, limb),
            "speaker_id": CLEAR if _cleared(speaker) else speaker_id(data, speaker),
            "confidentiality": level,
        }

    _edit(db, Note, note_id, build, as_json)


def response_edit(
    response_id: IdArgument,
    stance: Annotated[str | None, typer.Option("--stance", help=STANCE_HELP)] = None,
    grade: Annotated[str | None, typer.Option("--grade", help="A-E (B1 ... allowed).")] = None,
    quote: Annotated[str | None, typer.Option("--quote", help="The official's words.")] = None,
    commitment: Annotated[
        str | None, typer.Option("--commitment", help="What the State committed to.")
    ] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help=WHEN_EDIT_HELP)] = None,
    implementation: Annotated[
        str | None, typer.Option("--implementation", help=IMPLEMENTATION_HELP)
    ] = None,
    text: TextOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Change what a response records: stance, grade, quote, commitment, deadline, text;
    '' clears a grade, quote, commitment, deadline or text (--grade '')."""
    changes: dict[str, Any] = {
        "stance": Stance(choice(Stance, stance, "--stance")) if stance is not None else None,
        "implementation": Implementation(choice(Implementation, implementation, "--implementation"))
        if implementation is not None
        else None,
        "grade": CLEAR if _cleared(grade) else grade_of(grade),
        "quote": clean(quote).strip() if quote is not None else None,
        "commitment": clean(commitment).strip() if commitment is not None else None,
        "text": clean(text).strip() if text is not None else None,
    }

    def build(response: Any, data: MissionData) -> dict[str, Any]:
        return changes | {"deadline": _in_meeting_year(deadline, "--deadline", response, data)}

    _edit(db, Response, response_id, build, as_json)


def action_edit(
    action_id: IdArgument,
    text: TextOption = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who does it.")] = None,
    due: Annotated[str | None, typer.Option("--due", help=WHEN_EDIT_HELP)] = None,
    status: Annotated[str | None, typer.Option("--status", help="open, done or dropped.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Change a follow-up action's text, owner, due date or status; '' clears the owner or
    the due date (--due '')."""
    values = [s.value for s in ActionStatus]
    if status is not None and status.strip().lower() not in values:
        fail(
            _("{option} {value} is not one of: {choices}").format(
                option="--status", value=repr(status), choices=", ".join(values)
            )
        )
    changes: dict[str, Any] = {
        "text": required_text(text, _("the action")) if text is not None else None,
        "owner": owner.strip() if owner is not None else None,
        "status": ActionStatus(status.strip().lower()) if status is not None else None,
    }

    def build(action: Any, data: MissionData) -> dict[str, Any]:
        return changes | {"due": _in_meeting_year(due, "--due", action, data)}

    _edit(db, Action, action_id, build, as_json)


def _in_meeting_year(value: str | None, flag: str, record: Any, data: MissionData) -> str | None:
    """A date as people say it, read in the year of the record's meeting, as when it was
    added ('30/6' said in a 2017 meeting is 30 June 2017); '' stays '' (it clears)."""
    if not value:
        return value
    meeting = data.meetings.get(getattr(record, "meeting_id", "") or "")
    return check_date(value, flag, meeting.day if meeting else "")


Purge = Annotated[
    bool,
    typer.Option(
        "--purge",
        help="Keep none of its content, even in the tombstone that carries the deletion to "
        "other copies (a copy that changed it meanwhile may then bring it back with older "
        "values).",
    ),
]


def _deleter(cls: type[Record], what: str) -> Any:
    def delete(
        record_id: IdArgument,
        purge: Purge = False,
        as_json: JsonOption = False,
        db: DbOption = None,
    ) -> None:
        _delete(db, cls, record_id, purge, as_json)

    delete.__doc__ = f"Delete {what}; a merge carries the deletion to other copies."
    return delete


def register(note_app: typer.Typer, response_app: typer.Typer, action_app: typer.Typer) -> None:
    note_app.command("edit")(note_edit)
    response_app.command("edit")(response_edit)
    action_app.command("edit")(action_edit)
    note_app.command("delete")(_deleter(Note, "a note"))
    response_app.command("delete")(_deleter(Response, "a response"))
    action_app.command("delete")(_deleter(Action, "a follow-up action"))
