"""The meeting room: the agenda, the item under discussion, and the capture area.

A delegate opens it on one meeting and types while the officials talk. ctrl+n / ctrl+b walk
the agenda, ctrl+g jumps to any item by reference; ctrl+t, ctrl+r and ctrl+o switch the
capture area between a note, a response and a follow-up. Whatever is being typed is kept as
a draft in the mission file within a second; finished records are saved at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from fieldkit import settings
from fieldkit.domain.dates import context_day
from fieldkit.domain.directory import Person
from fieldkit.domain.meetings import Draft, Meeting, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.people import new_person, speakers_of
from fieldkit.domain.records import Record
from fieldkit.domain.schedule import (
    default_meeting,
    step,
)
from fieldkit.domain.vocab import MeetingStatus
from fieldkit.storage.errors import StorageError
from fieldkit.storage.repository import Store
from fieldkit.ui.drafts import DraftKeeper, describe, drafts_of, is_blank
from fieldkit.ui.errors import storage_message
from fieldkit.ui.hangup import forget, keep_on_hangup
from fieldkit.ui.widgets.capture import CaptureForm, NoteCapture, sentence
from fieldkit.ui.widgets.capture_forms import ActionCapture, ResponseCapture
from fieldkit.ui.widgets.capture_records import records_from_form
from fieldkit.ui.widgets.meeting_form import PersonEditor
from fieldkit.ui.widgets.meeting_picker import ConfirmDelete, DraftOffer, ItemJump, MeetingPicker
from fieldkit.ui.widgets.meeting_store import Follower, app_store, trash, writing
from fieldkit.ui.widgets.meeting_text import agenda_lines, captured_lines, item_text, title_line

MODES = ("note", "response", "action")


class CapturedList(OptionList):
    """What was captured on the current item in this meeting (shift+tab from the text)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_selected", "Edit", tooltip="Edit the highlighted record"),
        Binding("d,delete", "screen.delete_selected", "Delete", tooltip="Delete it (asks)"),
        Binding("u", "screen.undo", "Undo delete", tooltip="Put back the last deletion"),
    ]


class MeetingRoom(Screen[None]):
    """Capture notes, responses and follow-ups against one meeting's agenda."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "step(1)", "Next item", tooltip="Next agenda item"),
        Binding("ctrl+b", "step(-1)", "Prev item", tooltip="Previous agenda item"),
        Binding("ctrl+g", "jump", "Go to item", tooltip="Go to any item by its reference"),
        Binding("ctrl+t", "capture('note')", "Note", tooltip="Take a note on the current item"),
        Binding(
            "ctrl+r",
            "capture('response')",
            "Response",
            tooltip="Record the State's response on the current item",
        ),
        Binding("ctrl+o", "capture('action')", "Follow-up", tooltip="Add a follow-up action"),
        Binding("ctrl+s", "save", "Save", show=False, tooltip="Save the form being typed"),
        Binding("pageup", "scroll_item(-1)", "Scroll item up", show=False, priority=True),
        Binding("pagedown", "scroll_item(1)", "Scroll item down", show=False, priority=True),
        Binding("f8", "undo", "Undo delete", show=False, tooltip="Put back the last deletion"),
        Binding("f9", "mark_held", "Mark held", tooltip="Mark this meeting held"),
        Binding("escape", "back", "Back", tooltip="Back to the note, then out of the room"),
        Binding("f1", "app.help", "Keys", show=False, tooltip="The keys of this screen"),
    ]

    DEFAULT_CSS = """
    MeetingRoom { layout: vertical; }
    MeetingRoom #room-title { height: 1; background: $primary; color: $text; padding: 0 1; }
    MeetingRoom #room-main { height: 1fr; }
    MeetingRoom #agenda { width: 30%; min-width: 18; max-width: 40; border: round $panel; }
    MeetingRoom #agenda:focus-within { border: round $accent; }
    MeetingRoom #room-right { width: 1fr; }
    MeetingRoom #item-pane { height: 1fr; border: round $panel; padding: 0 1; }
    MeetingRoom #item-pane:focus { border: round $accent; }
    MeetingRoom #captured { height: auto; max-height: 6; border: none; padding: 0 1; }
    MeetingRoom #capture { height: auto; border-top: solid $accent; }
    MeetingRoom .capture-status { height: auto; padding: 0 1; }
    MeetingRoom #note-text { height: 3; border: none; padding: 0 1; }
    MeetingRoom .field-row { height: 1; }
    MeetingRoom .field-label { width: 12; padding: 0 1; color: $text-muted; }
    MeetingRoom .field-input { border: none; height: 1; padding: 0 1; width: 1fr; }
    MeetingRoom .field-input:focus { border: none; background: $boost; }
    MeetingRoom .field-read { width: auto; padding: 0 1; color: $text-muted; }
    MeetingRoom NoteCapture, MeetingRoom ResponseCapture, MeetingRoom ActionCapture {
        height: auto;
    }
    """

    def __init__(
        self,
        meeting_id: str,
        mode: str = "note",
        item_id: str | None = None,
        store: Store | None = None,
    ) -> None:
        super().__init__()
        self._store = store
        self.follower: Follower | None = None
        self.meeting_id = meeting_id
        self.mode = mode if mode in MODES else "note"
        self.item_id = item_id
        self.author = settings.author()
        self.keepers: dict[str, DraftKeeper] = {}
        self._shown_item: str | None = None

    # -- building --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="room-title")
        with Horizontal(id="room-main"):
            yield OptionList(id="agenda")
            with Vertical(id="room-right"):
                with VerticalScroll(id="item-pane"):
                    yield Static(id="item-text")
                yield CapturedList(id="captured")
        with ContentSwitcher(id="capture", initial=self.mode):
            yield NoteCapture(id="note")
            yield ResponseCapture(id="response")
            yield ActionCapture(id="action")
        yield Footer()

    @property
    def store(self) -> Store:
        return app_store(self.app, self._store)

    def on_mount(self) -> None:
        self.query_one("#agenda").border_title = "Agenda"
        for kind in MODES:
            self.keepers[kind] = DraftKeeper(
                self.store, self.author, kind, self.set_timer, self._warn
            )
            self.form(kind).saver = self.save_form
            self.form(kind).add_person = self.add_person
        data = self.data()
        meeting = self.meeting(data)
        if meeting is None:
            return
        if self.item_id is None and meeting.agenda:
            self.item_id = step(meeting.agenda, None, 1)
        elif (
            self.item_id is not None
            and self.item_id in data.items
            and self.item_id not in meeting.agenda
        ):
            self.add_to_agenda(self.item_id)  # as ctrl+g does
            data = self.data()
        self.restore_drafts(data)
        self.follower = Follower(self, self.store, self.redraw)
        keep_on_hangup(self.app, self, self.keep_typing)
        self.form().focus_text()

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)

    def on_unmount(self) -> None:
        forget(self.app, self)
        for keeper in self.keepers.values():
            keeper.flush()

    def keep_typing(self) -> None:
        """The terminal is going away: every form as it stands now goes to its draft."""
        for kind, keeper in self.keepers.items():
            fields = self.form(kind).fields()
            if keeper.draft is not None or not is_blank(fields):
                keeper.changed(self.meeting_id, self.item_id, fields)
            keeper.flush()

    # -- reading the mission ---------------------------------------------------------------

    def data(self) -> MissionData:
        return self.store.data()

    def meeting(self, data: MissionData) -> Meeting | None:
        meeting = data.meetings.get(self.meeting_id)
        if meeting is None:
            self.query_one("#room-title", Static).update("This meeting no longer exists.")
        return meeting

    def on_screen_resume(self) -> None:
        """Back on top: show what changed while another screen was in front."""
        if self.follower is not None:
            self.follower.resumed()

    def redraw(self) -> None:
        """Show the mission as it now is (another delegate or a script may have changed it)."""
        try:
            self.show(self.data())
        except (StorageError, OSError) as exc:
            self._warn(storage_message(exc))

    def form(self, mode: str | None = None) -> CaptureForm:
        return self.query_one(f"#{mode or self.mode}", CaptureForm)

    def _warn(self, message: str) -> None:
        self.notify(message, severity="error", timeout=8)

    def _not_saved(self, form: CaptureForm, error: BaseException) -> None:
        """Say why the form was not saved: in a toast, and on the form until the next key."""
        message = storage_message(error)
        self.notify(message, title="Not saved", severity="error", timeout=15)
        form.show_error("Not saved; everything typed is kept: save again once the file is back")

    # -- drawing ---------------------------------------------------------------------------

    def show(self, data: MissionData) -> None:
        meeting = self.meeting(data)
        if meeting is None:
            return
        self.query_one("#room-title", Static).update(title_line(meeting))
        self.show_agenda(data, meeting)
        self.show_item(data, meeting)
        self.show_captured(data, meeting)
        item = data.items.get(self.item_id or "")
        limbs = [limb.label for limb in item.limbs] if item else []
        speakers = speakers_of(data, meeting)
        day = context_day(meeting.day, getattr(self.app, "today", None))
        for kind in MODES:
            self.form(kind).set_context(speakers, limbs, day)

    def show_agenda(self, data: MissionData, meeting: Meeting) -> None:
        agenda = self.query_one("#agenda", OptionList)
        width = max(agenda.scrollable_content_region.width - 2, 12)
        options = [Option(line, id=item_id) for item_id, line in agenda_lines(data, meeting, width)]
        highlighted = agenda.highlighted
        agenda.clear_options()
        agenda.add_options(options)
        ids = [o.id for o in options]
        if self.item_id in ids:
            agenda.highlighted = ids.index(self.item_id)
        elif highlighted is not None and options:
            agenda.highlighted = min(highlighted, len(options) - 1)

    def show_item(self, data: MissionData, meeting: Meeting) -> None:
        pane = self.query_one("#item-pane", VerticalScroll)
        text = self.query_one("#item-text", Static)
        item = data.items.get(self.item_id or "")
        if item is None:
            pane.border_title = "No item"
            text.update("The agenda is empty: ctrl+g goes to any item by its reference.")
            return
        position = ""
        agenda = list(meeting.agenda)
        if item.id in agenda:
            position = f" · {agenda.index(item.id) + 1}/{len(agenda)}"
        pane.border_title = f"{item.short_ref}{position}"
        text.update(item_text(data, meeting, item))
        if self._shown_item != item.id:
            self._shown_item = item.id
            pane.scroll_home(animate=False)

    def show_captured(self, data: MissionData, meeting: Meeting) -> None:
        captured = self.query_one("#captured", OptionList)
        width = captured.scrollable_content_region.width or max(self.size.width - 30, 20)
        options = [
            Option(line, id=key) for key, line in captured_lines(data, meeting, self.item_id, width)
        ]
        highlighted = captured.highlighted
        captured.clear_options()
        captured.add_options(options)
        if not options and captured.has_focus:
            self.form().focus_text()
        captured.display = bool(options)
        if options and highlighted is not None:
            captured.highlighted = min(highlighted, len(options) - 1)

    # -- moving through the agenda ----------------------------------------------------------

    def go_to(self, item_id: str | None) -> None:
        if item_id is None or item_id == self.item_id:
            return
        self.item_id = item_id
        self.show(self.data())

    def action_step(self, delta: int) -> None:
        meeting = self.meeting(self.data())
        if meeting is not None:
            self.go_to(step(meeting.agenda, self.item_id, delta))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "agenda" and event.option_list.has_focus:
            self.go_to(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "agenda":
            self.go_to(event.option.id)
            self.form().focus_text()
        elif event.option_list.id == "captured" and event.option.id:
            self.edit(event.option.id)

    def action_scroll_item(self, direction: int) -> None:
        """Read on in the item's text without leaving the note being typed."""
        pane = self.query_one("#item-pane", VerticalScroll)
        if direction > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    def action_jump(self) -> None:
        def chosen(item_id: str | None) -> None:
            if item_id is not None:
                self.add_to_agenda(item_id)
                self.go_to(item_id)
            self.form().focus_text()

        self.app.push_screen(ItemJump(dict(self.data().items)), chosen)

    def add_to_agenda(self, item_id: str) -> None:
        """An item discussed off the agenda joins it, so the debrief shows it in order."""
        meeting = self.meeting(self.data())
        if meeting is None or item_id in meeting.agenda:
            return
        self._save(meeting.touched(agenda=(*meeting.agenda, item_id)))

    # -- capture -------------------------------------------------------------------------

    def action_capture(self, mode: str) -> None:
        """Show the note, response or follow-up form with the cursor in it.

        A new response asks at once for the stance, then the speaker, one letter each.
        """
        if mode not in MODES:
            return
        self.mode = mode
        self.query_one("#capture", ContentSwitcher).current = mode
        form = self.form()
        if isinstance(form, ResponseCapture) and not form.editing and is_blank(form.fields()):
            form.begin()
        else:
            form.focus_text()

    def action_back(self) -> None:
        """Escape: drop an edit in progress, else go back to the note, else leave the room.

        A new note or response being typed is kept (as its draft) when the room is left.
        """
        form = self.form()
        if form.editing:
            form.clear()
            self.keepers[form.KIND].discard()
            form.show_notice("edit cancelled")
            return
        if self.mode != "note":
            self.action_capture("note")
            return
        self.dismiss(None)

    def on_capture_form_edited(self, event: CaptureForm.Edited) -> None:
        kind = event.form.KIND
        self.keepers[kind].changed(self.meeting_id, self.item_id, event.form.fields())

    def on_capture_form_submitted(self, event: CaptureForm.Submitted) -> None:
        self.save_form(event.form)

    def action_save(self) -> None:
        self.save_form(self.form())

    def save_form(self, form: CaptureForm) -> None:
        """Save the form as its record; if the file cannot be written, nothing typed is lost.

        The text stays in the form, the draft stays on disk (or pending, if the file is
        gone), the reason is shown, and the same key saves again once the file is back.
        """
        error = form.validate()
        if error:
            form.show_error(error)
            return
        fields = form.fields()
        keeper = self.keepers[form.KIND]
        draft = keeper.draft
        try:
            data = self.data()
            records = records_from_form(
                form.KIND, fields, data, self.meeting_id, self.item_id, self.author
            )
            with writing(self.app, self.store) as tx:
                tx.put(*records)
                keeper.finish(tx)
        except (StorageError, OSError) as exc:
            keeper.unfinished(draft, self.meeting_id, self.item_id, fields)
            self._not_saved(form, exc)
            return
        except ValueError as exc:
            form.show_error(sentence(str(exc)))
            return
        form.clear()
        if form.KIND != "note":
            self.action_capture("note")
        self.after_write()
        self.form().show_notice("saved" if form.KIND == "note" else f"{form.TITLE.lower()} saved")

    def add_person(self, answer: Callable[[str | None], None]) -> None:
        """Someone new speaks: add them (and their institution) and to this meeting."""
        data = self.data()

        def check(fields: dict[str, str]) -> str:
            try:
                self._new_person(self.data(), fields)
            except ValueError as exc:
                return sentence(str(exc))
            return ""

        def added(fields: dict[str, str] | None) -> None:
            if fields is None:
                answer(None)
                return
            meeting = self.meeting(self.data())
            person, records = self._new_person(self.data(), fields)
            if meeting is not None:
                records.append(meeting.touched(person_ids=(*meeting.person_ids, person.id)))
            answer(person.id if self._save(*records) else None)

        self.app.push_screen(PersonEditor(data, check), added)

    def _new_person(self, data: MissionData, fields: dict[str, str]) -> tuple[Person, list[Record]]:
        return new_person(
            data,
            fields.get("name", ""),
            fields.get("title", ""),
            fields.get("institution", ""),
            fields.get("type", ""),
            self.author,
        )

    # -- drafts --------------------------------------------------------------------------

    def restore_drafts(self, data: MissionData) -> None:
        """Put back what this author was typing in this meeting when the app last stopped."""
        restored: set[str] = set()
        loads: list[Draft] = []
        for draft in drafts_of(data, self.author):
            if draft.meeting_id != self.meeting_id or draft.kind in restored:
                continue
            if draft.kind not in MODES:
                continue
            restored.add(draft.kind)
            self.keepers[draft.kind].adopt(draft)
            if draft.kind == self.mode and draft.item_id in data.items:
                self.item_id = draft.item_id
            loads.append(draft)
        self.show(data)
        for draft in loads:
            self.form(draft.kind).load(dict(draft.fields))
        for kind in restored:
            self.form(kind).show_notice("restored")

    # -- editing, deleting, undoing ----------------------------------------------------------

    def _selected(self) -> tuple[str, str] | None:
        captured = self.query_one("#captured", OptionList)
        if captured.highlighted is None or not captured.option_count:
            return None
        option_id = captured.get_option_at_index(captured.highlighted).id or ""
        kind, _, record_id = option_id.partition(":")
        return kind, record_id

    def edit(self, option_id: str) -> None:
        kind, _, record_id = option_id.partition(":")
        data = self.data()
        record = {"note": data.notes, "response": data.responses, "action": data.actions}[kind].get(
            record_id
        )
        if record is None:
            return
        fields = {k: v for k, v in record.to_dict().items() if isinstance(v, str) or v is None}
        fields["editing"] = record.id
        if isinstance(record, Response):
            fields["grade"] = record.grade.value if record.grade else ""
        self.action_capture(kind)
        self.form(kind).load({k: v for k, v in fields.items() if v is not None})

    def action_edit_selected(self) -> None:
        selected = self._selected()
        if selected:
            self.edit(f"{selected[0]}:{selected[1]}")

    def action_delete_selected(self) -> None:
        selected = self._selected()
        if selected:
            self.delete(*selected)

    def delete(self, kind: str, record_id: str) -> None:
        data = self.data()
        tables: dict[str, Any] = {
            "note": data.notes,
            "response": data.responses,
            "action": data.actions,
        }
        record: Record | None = tables[kind].get(record_id)
        if record is None:
            return
        what = {"note": "this note", "response": "this response", "action": "this follow-up"}

        def answered(yes: bool | None) -> None:
            if not yes or record is None:
                return
            try:
                with writing(self.app, self.store) as tx:
                    tx.delete(type(record), record.id)
            except (StorageError, OSError) as exc:
                self._warn(storage_message(exc))
                return
            trash(self.app).append(record)
            self.notify("Deleted: u (or the palette's Undo delete) puts it back", timeout=4)
            self.after_write()

        self.app.push_screen(ConfirmDelete(what[kind]), answered)

    def action_undo(self) -> None:
        _undo(self.app)

    def action_mark_held(self) -> None:
        meeting = self.meeting(self.data())
        if meeting is None:
            return
        if self._save(meeting.touched(status=MeetingStatus.HELD)):
            self.notify(f"{meeting.title}: marked held", timeout=3)

    def after_write(self) -> None:
        """Show our own write: in the app its reload has already redrawn this screen."""
        if self.follower is None or not self.follower.app_driven:
            self.show(self.data())

    def _save(self, *records: Record) -> bool:
        try:
            with writing(self.app, self.store) as tx:
                tx.put(*records)
        except (StorageError, OSError) as exc:
            self._warn(storage_message(exc))
            return False
        self.after_write()
        return True


# -- reaching the room from anywhere ----------------------------------------------------------


def open_capture(
    app: App[Any],
    store: Store,
    mode: str,
    now: datetime | None = None,
    item_id: str | None = None,
) -> None:
    """Land in a meeting's capture area, ready to type ('Add note' from any screen).

    In a meeting room this only switches the form; elsewhere it asks which meeting, with the
    one in progress (else the latest held, else the next planned) already chosen. With
    `item_id` (the item under the cursor in the items browser) the room opens on that item,
    which joins the meeting's agenda if it was not on it.
    """
    screen = app.screen
    if isinstance(screen, MeetingRoom):
        screen.action_capture(mode)
        return
    try:
        data = store.data()
    except (StorageError, OSError) as exc:
        app.notify(storage_message(exc), severity="error")
        return
    meetings = data.meetings_in_order
    if not meetings:
        app.notify("No meetings yet: add one on the meetings screen first.", severity="warning")
        return
    chosen = default_meeting(meetings, now or datetime.now())
    purpose = {"note": "Add note", "response": "Record response", "action": "Add follow-up"}
    what = purpose.get(mode, "Capture")
    item = data.items.get(item_id or "")
    if item is None:
        item_id = None
    else:
        what = f"{what} on {item.short_ref}"

    def picked(meeting_id: str | None) -> None:
        if meeting_id is not None:
            app.push_screen(MeetingRoom(meeting_id, mode=mode, item_id=item_id, store=store))

    app.push_screen(MeetingPicker(meetings, chosen.id if chosen else None, what), picked)


def offer_drafts(app: App[Any], store: Store) -> None:
    """At start: offer back what this author was typing when the app last stopped."""
    try:
        data = store.data()
    except (StorageError, OSError):
        return
    drafts = [d for d in drafts_of(data, settings.author()) if d.meeting_id in data.meetings]
    if not drafts:
        return
    newest = drafts[0]

    def answered(resume: bool | None) -> None:
        if resume and newest.meeting_id:
            app.push_screen(MeetingRoom(newest.meeting_id, mode=newest.kind, store=store))

    app.push_screen(DraftOffer([describe(d, data) for d in drafts]), answered)


def app_now(app: App[Any]) -> datetime:
    """Now, on the app's day (tests and demos fix the day; the time is the clock's)."""
    now = datetime.now()
    today = getattr(app, "today", None)
    return datetime.combine(today, now.time()) if today is not None else now


def _capture(mode: str) -> Callable[[App[Any]], None]:
    def run(app: App[Any]) -> None:
        open_capture(app, app_store(app), mode, app_now(app), current_item(app))

    return run


def current_item(app: App[Any]) -> str | None:
    """The item under the cursor on the screen in front (the items browser), if any."""
    item_id = getattr(app.screen, "current_item_id", None)
    return item_id if isinstance(item_id, str) else None


def _in_room(action: str) -> Callable[[App[Any]], None]:
    def run(app: App[Any]) -> None:
        if isinstance(app.screen, MeetingRoom):
            app.call_later(app.screen.run_action, action)
        else:
            app.notify("Open a meeting first (m, then Enter).", severity="warning")

    return run


def register_commands() -> None:
    """Put the meeting commands in the palette, on every screen."""
    from fieldkit.ui import commands

    commands.register("Add note", "Capture a note in a meeting", _capture("note"))
    commands.register(
        "Record response", "Record what an official said about an item", _capture("response")
    )
    commands.register(
        "Add follow-up", "Something the delegation must do after a meeting", _capture("action")
    )
    commands.register(
        "Mark meeting held", "The meeting in the room took place", _in_room("mark_held")
    )
    commands.register("Undo delete", "Put back the last note or response deleted", _undo)


def _undo(app: App[Any]) -> None:
    deleted = trash(app)
    if not deleted:
        app.notify("Nothing to undo", timeout=2)
        return
    record = deleted.pop()
    try:
        with writing(app, app_store(app)) as tx:
            tx.put(record)
    except (StorageError, OSError) as exc:
        deleted.append(record)  # still deleted: undo can be tried again
        app.notify(storage_message(exc), severity="error")
        return
    app.notify("Put back", timeout=2)
    if isinstance(app.screen, MeetingRoom):
        app.screen.redraw()


register_commands()
