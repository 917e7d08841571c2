"""The bottom of the meeting room: the note, response and follow-up forms, and what they keep.

`CaptureArea` shows one form at a time. It saves a finished form as its record there and
then (before the next key is typed), keeps each form's typing as a draft in the mission file,
puts back drafts left from a previous run, loads a record for editing, and adds a person
met in the room. What it needs of the room (the meeting, the item, the mission, a write) it
reaches through `Room`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import ComposeResult
from textual.widgets import ContentSwitcher

from fieldkit.domain.capture_records import records_from_form
from fieldkit.domain.directory import Person
from fieldkit.domain.drafts import drafts_of, is_blank
from fieldkit.domain.meetings import Draft, Meeting, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.people import new_person
from fieldkit.domain.records import Record
from fieldkit.i18n import N_, _
from fieldkit.storage.errors import StorageError
from fieldkit.storage.repository import Tx
from fieldkit.ui.drafts import DraftKeeper
from fieldkit.ui.errors import report
from fieldkit.ui.widgets.capture import CaptureForm, NoteCapture, sentence
from fieldkit.ui.widgets.capture_forms import ActionCapture, ResponseCapture
from fieldkit.ui.widgets.meeting_form import PersonEditor
from fieldkit.ui.widgets.meeting_picker import ConfirmDelete

if TYPE_CHECKING:
    from fieldkit.ui.app import FieldkitApp

MODES = ("note", "response", "action")

#: A record of each form, as a question names it ("Delete this note?").
THIS = {"note": N_("this note"), "response": N_("this response"), "action": N_("this follow-up")}


class Room(Protocol):
    """What the capture area asks of the meeting room around it."""

    meeting_id: str
    author: str

    @property
    def fk(self) -> FieldkitApp: ...

    @property
    def item_id(self) -> str | None: ...

    def mission(self) -> MissionData: ...

    def meeting(self, data: MissionData) -> Meeting | None: ...

    def write(self, change: Callable[[Tx], Any]) -> None:
        """Apply `change` in one transaction; raises StorageError/OSError if not saved."""

    def save(self, *records: Record) -> bool:
        """Put records; False (and said) if the file could not be written."""

    def saved(self, kind: str) -> None:
        """A form of `kind` was saved (and cleared)."""


class CaptureArea(ContentSwitcher):
    """The three capture forms, one shown at a time, and their drafts."""

    DEFAULT_CSS = """
    CaptureArea { height: auto; border-top: solid $accent; }
    CaptureArea .capture-status { height: auto; padding: 0 1; }
    CaptureArea #note-text { height: 3; border: none; padding: 0 1; }
    CaptureArea .field-row { height: 1; }
    CaptureArea .field-label { width: 12; padding: 0 1; color: $text-muted; }
    CaptureArea .field-input { border: none; height: 1; padding: 0 1; width: 1fr; }
    CaptureArea .field-input:focus { border: none; background: $boost; }
    CaptureArea .field-read { width: auto; padding: 0 1; color: $text-muted; }
    CaptureArea NoteCapture, CaptureArea ResponseCapture, CaptureArea ActionCapture {
        height: auto;
    }
    """

    def __init__(self, room: Room, mode: str) -> None:
        super().__init__(id="capture", initial=mode)
        self.room = room
        self.keepers: dict[str, DraftKeeper] = {}

    def compose(self) -> ComposeResult:
        yield NoteCapture(id="note")
        yield ResponseCapture(id="response")
        yield ActionCapture(id="action")

    def on_mount(self) -> None:
        for kind in MODES:
            self.keepers[kind] = DraftKeeper(
                self.room.fk.writing, self.room.author, kind, self.set_timer, self.warn
            )
            self.form(kind).saver = self.save_form
            self.form(kind).add_person = self.add_person

    def on_unmount(self) -> None:
        for keeper in self.keepers.values():
            keeper.flush()

    def form(self, mode: str | None = None) -> CaptureForm:
        return self.query_one(f"#{mode or self.current}", CaptureForm)

    def warn(self, message: str) -> None:
        self.notify(message, severity="error", timeout=8)

    def show_form(self, mode: str) -> None:
        """Show the form with the cursor in it; a new response asks at once for the stance,
        then the speaker, one letter each."""
        self.current = mode
        form = self.form(mode)
        if isinstance(form, ResponseCapture) and not form.editing and is_blank(form.fields()):
            form.begin()
        else:
            form.focus_text()

    # -- saving --------------------------------------------------------------------------

    def on_capture_form_edited(self, event: CaptureForm.Edited) -> None:
        kind = event.form.KIND
        self.keepers[kind].changed(self.room.meeting_id, self.room.item_id, event.form.fields())

    def on_capture_form_submitted(self, event: CaptureForm.Submitted) -> None:
        self.save_form(event.form)

    def save_form(self, form: CaptureForm) -> bool:
        """Save the form as its record; if the file cannot be written, nothing typed is lost.

        The text stays in the form, the draft stays on disk (or pending, if the file is
        gone), the reason is shown, and the same key saves again once the file is back.
        """
        error = form.validate()
        if error:
            form.show_error(error)
            return False
        room, fields = self.room, form.fields()
        keeper = self.keepers[form.KIND]
        draft = keeper.draft
        try:
            data = room.mission()
            records = records_from_form(
                form.KIND, fields, data, room.meeting_id, room.item_id, room.author
            )
            meeting = room.meeting(data)
            if meeting is not None and room.item_id and room.item_id not in meeting.agenda:
                # discussed off the agenda: it joins it, so the debrief shows it in order
                records.append(meeting.touched(agenda=(*meeting.agenda, room.item_id)))

            def put(tx: Tx) -> None:
                tx.put(*records)
                keeper.finish(tx)

            room.write(put)
        except (StorageError, OSError) as exc:
            keeper.unfinished(draft, room.meeting_id, room.item_id, fields)
            report(self.app, exc)
            form.show_error(
                _("Not saved; everything typed is kept: save again once the file is back")
            )
            return False
        except ValueError as exc:
            form.show_error(sentence(str(exc)))
            return False
        form.clear()
        room.saved(form.KIND)
        return True

    def keep_typing(self) -> None:
        """The terminal is going away: every form as it stands now goes to its draft."""
        for kind, keeper in self.keepers.items():
            fields = self.form(kind).fields()
            if keeper.draft is not None or not is_blank(fields):
                keeper.changed(self.room.meeting_id, self.room.item_id, fields)
            keeper.flush()

    def drop_edit(self) -> bool:
        """Escape on a record being edited: the edit goes, the record stays as it was."""
        form = self.form()
        if not form.editing:
            return False
        form.clear()
        self.keepers[form.KIND].discard()
        form.show_notice(_("edit cancelled"))
        return True

    # -- people --------------------------------------------------------------------------

    def add_person(self, answer: Callable[[str | None], None]) -> None:
        """Someone new speaks: add them (and their institution) to the directory and to this
        meeting, and answer their id (None if cancelled)."""

        def check(fields: dict[str, str]) -> str:
            try:
                self._new_person(self.room.mission(), fields)
            except ValueError as exc:
                return sentence(str(exc))
            return ""

        def added(fields: dict[str, str] | None) -> None:
            if fields is None:
                answer(None)
                return
            data = self.room.mission()
            person, records = self._new_person(data, fields)
            meeting = self.room.meeting(data)
            if meeting is not None:
                records.append(meeting.touched(person_ids=(*meeting.person_ids, person.id)))
            answer(person.id if self.room.save(*records) else None)

        self.app.push_screen(PersonEditor(self.room.mission(), check), added)

    def _new_person(self, data: MissionData, fields: dict[str, str]) -> tuple[Person, list[Record]]:
        return new_person(
            data,
            fields.get("name", ""),
            fields.get("title", ""),
            fields.get("institution", ""),
            fields.get("type", ""),
            self.room.author,
        )

    # -- drafts and edits ------------------------------------------------------------------

    def restore_drafts(self, data: MissionData, mode: str) -> str | None:
        """Put back what this author was typing in this meeting when the app last stopped;
        answers the item the `mode` form's draft was on, if any."""
        item_id: str | None = None
        loads: list[Draft] = []
        for draft in drafts_of(data, self.room.author):
            if draft.meeting_id != self.room.meeting_id or draft.kind not in MODES:
                continue
            if draft.kind in {d.kind for d in loads}:
                continue
            self.keepers[draft.kind].adopt(draft)
            if draft.kind == mode and draft.item_id in data.items:
                item_id = draft.item_id
            loads.append(draft)
        for draft in loads:
            self.form(draft.kind).load(dict(draft.fields))
            self.form(draft.kind).show_notice(_("restored"))
        return item_id

    def edit(self, data: MissionData, kind: str, record_id: str) -> str | None:
        """Load a captured record into its form; answers the form's mode, None if gone."""
        record = _captured(data, kind, record_id)
        if record is None:
            return None
        fields = {k: v for k, v in record.to_dict().items() if isinstance(v, str) or v is None}
        fields["editing"] = record.id
        if isinstance(record, Response):
            fields["grade"] = record.grade.value if record.grade else ""
        self.form(kind).load({k: v for k, v in fields.items() if v is not None})
        return kind

    def delete(self, data: MissionData, kind: str, record_id: str) -> None:
        """Delete a captured record once the delegate says yes; u puts it back."""
        record = _captured(data, kind, record_id)
        if record is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes or record is None:
                return
            try:
                self.room.write(lambda tx: tx.delete(type(record), record.id))
            except (StorageError, OSError) as exc:
                report(self.app, exc)
                return
            self.room.fk.deleted.append(record)
            self.notify(_("Deleted: u (or the palette's Undo delete) puts it back"), timeout=4)

        self.app.push_screen(ConfirmDelete(_(THIS[kind])), answered)


def _captured(data: MissionData, kind: str, record_id: str) -> Record | None:
    tables: dict[str, Any] = {
        "note": data.notes,
        "response": data.responses,
        "action": data.actions,
    }
    found = tables[kind].get(record_id) if kind in tables else None
    return found if isinstance(found, Record) else None
