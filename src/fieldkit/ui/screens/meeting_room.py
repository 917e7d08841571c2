"""The meeting room: the agenda, the item under discussion, and the capture area.

A delegate opens it on one meeting and types while the officials talk. ctrl+n / ctrl+b walk
the agenda, ctrl+g jumps to any item by reference; ctrl+t, ctrl+r and ctrl+o switch the
capture area between a note, a response and a follow-up. Whatever is being typed is kept as
a draft in the mission file within a second; finished records are saved at once.

The room's state is its `item_id` and `mode` (reactives): each change redraws only what
shows it, in the `watch_` methods.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Footer, OptionList, Static

from fieldkit import settings
from fieldkit.domain.dates import context_day
from fieldkit.domain.drafts import describe, drafts_of
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.domain.people import speakers_of
from fieldkit.domain.records import Record
from fieldkit.domain.schedule import default_meeting, step
from fieldkit.domain.vocab import MeetingStatus
from fieldkit.i18n import N_, _
from fieldkit.storage.errors import StorageError
from fieldkit.storage.repository import Store, Tx
from fieldkit.ui import commands
from fieldkit.ui.errors import report, storage_message
from fieldkit.ui.hangup import forget, keep_on_hangup
from fieldkit.ui.screens.base import FieldkitScreen
from fieldkit.ui.widgets.capture import CaptureForm
from fieldkit.ui.widgets.capture_area import MODES, CaptureArea
from fieldkit.ui.widgets.captured import CapturedPane
from fieldkit.ui.widgets.meeting_picker import DraftOffer, ItemJump, MeetingPicker
from fieldkit.ui.widgets.meeting_text import agenda_lines, title_line
from fieldkit.ui.widgets.room_panes import AgendaList, ItemPane

#: The tables whose records the room shows.
SHOWN = ("meetings", "items", "notes", "responses", "actions", "people", "institutions")

#: What the status line says once a form is saved.
SAVED = {"note": N_("saved"), "response": N_("response saved"), "action": N_("follow-up saved")}
#: What each 'capture' command is for, as the meeting picker asks it.
PURPOSES = {
    "note": N_("Add note"),
    "response": N_("Record response"),
    "action": N_("Add follow-up"),
}


class MeetingRoom(FieldkitScreen):
    """Capture notes, responses and follow-ups against one meeting's agenda."""

    HELP_TITLE = N_("meeting room")

    SCOPES = ("meeting-room", "captured", "note-form", "response-form")
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("meeting-room")
    TABLES = frozenset(SHOWN)

    DEFAULT_CSS = """
    MeetingRoom { layout: vertical; }
    MeetingRoom #room-title { height: 1; background: $primary; color: $text; padding: 0 1; }
    MeetingRoom #room-main { height: 1fr; }
    MeetingRoom #room-right { width: 1fr; }
    """

    #: The item under discussion, and the form being typed ('note', 'response', 'action').
    item_id: var[str | None] = var(None, init=False)
    mode: var[str] = var("note", init=False)

    def __init__(
        self,
        meeting_id: str,
        mode: str = "note",
        item_id: str | None = None,
    ) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.set_reactive(MeetingRoom.mode, mode if mode in MODES else "note")
        self.set_reactive(MeetingRoom.item_id, item_id)
        self.author = settings.author()
        self._drawn: dict[str, object] = {}  # what each part last showed, to skip redraws

    # -- building --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="room-title")
        with Horizontal(id="room-main"):
            yield AgendaList(id="agenda")
            with Vertical(id="room-right"):
                yield ItemPane(id="item-pane")
                yield CapturedPane()
        yield CaptureArea(self, self.mode)
        yield Footer()

    @property
    def capture(self) -> CaptureArea:
        return self.query_one(CaptureArea)

    def on_mount(self) -> None:
        data = self.mission()
        meeting = self.meeting(data)
        if meeting is None:
            return
        item_id = self.item_id  # off the agenda, it joins it with the first record saved
        if item_id is None and meeting.agenda:
            item_id = step(meeting.agenda, None, 1)
        item_id = self.capture.restore_drafts(data, self.mode) or item_id
        self.set_reactive(MeetingRoom.item_id, item_id)
        keep_on_hangup(self.app, self, self.capture.keep_typing)
        self.form().focus_text()

    def on_resize(self) -> None:
        self._drawn.clear()
        self.call_after_refresh(lambda: self.refresh_data(self.mission()))

    def on_unmount(self) -> None:
        forget(self.app, self)

    # -- reading and writing the mission ----------------------------------------------------

    def mission(self) -> MissionData:
        """The mission as the app last announced it."""
        return self.fk.change.data

    def meeting(self, data: MissionData) -> Meeting | None:
        meeting = data.meetings.get(self.meeting_id)
        if meeting is None:
            self.query_one("#room-title", Static).update(_("This meeting no longer exists."))
        return meeting

    def write(self, change: Callable[[Tx], Any]) -> None:
        """Change the mission now; its announcement redraws this screen."""
        with self.fk.writing() as tx:
            change(tx)

    def save(self, *records: Record) -> bool:
        try:
            self.write(lambda tx: tx.put(*records))
        except (StorageError, OSError) as exc:
            report(self.app, exc)
            return False
        return True

    def saved(self, kind: str) -> None:
        if kind != "note":
            self.mode = "note"
        self.form().show_notice(_(SAVED[kind]))

    def refresh_data(self, data: MissionData) -> None:
        """Show the mission as it now is (another delegate or a script may have changed it)."""
        self.show(data)

    def form(self, mode: str | None = None) -> CaptureForm:
        return self.capture.form(mode or self.mode)

    # -- drawing ---------------------------------------------------------------------------

    def show(self, data: MissionData) -> None:
        """Draw each part whose content changed; a draft saved changes none of them."""
        meeting = self.meeting(data)
        if meeting is None:
            return
        self._once("title", title_line(meeting).markup, lambda: self._show_title(meeting))
        agenda = self.query_one(AgendaList)
        lines = agenda_lines(data, meeting, agenda.text_width)
        shown = tuple(line.markup for _item, line in lines)
        self._once("agenda", shown, lambda: agenda.show(lines, self.item_id))
        self.show_item(data, meeting)

    def _once(self, part: str, content: object, draw: Callable[[], None]) -> None:
        if self._drawn.get(part) != content:
            self._drawn[part] = content
            draw()

    def _show_title(self, meeting: Meeting) -> None:
        self.query_one("#room-title", Static).update(title_line(meeting))

    def show_item(self, data: MissionData, meeting: Meeting) -> None:
        """The item's text, what was captured on it, and the forms' choices for it."""
        item = data.items.get(self.item_id or "")
        self.query_one(ItemPane).show(data, meeting, item)
        captured = self.query_one(CapturedPane)
        width = captured.list.scrollable_content_region.width or max(self.size.width - 30, 20)
        captured.show(data, meeting, self.item_id, width)
        if not captured.display and captured.list.has_focus:
            self.form().focus_text()
        limbs = [limb.label for limb in item.limbs] if item else []
        day = context_day(meeting.day, getattr(self.app, "today", None))
        for kind in MODES:
            self.form(kind).set_context(speakers_of(data, meeting), limbs, day)

    def watch_item_id(self, old: str | None, new: str | None) -> None:
        """Another item: its text from the top, its captured records, the agenda's cursor."""
        self.query_one(ItemPane).scroll_home(animate=False)
        self.query_one(AgendaList).point_at(new)
        data = self.mission()
        meeting = self.meeting(data)
        if meeting is not None:
            self.show_item(data, meeting)

    def watch_mode(self, mode: str) -> None:
        self.capture.show_form(mode)

    # -- moving through the agenda ----------------------------------------------------------

    def go_to(self, item_id: str | None) -> None:
        if item_id is not None:
            self.item_id = item_id

    def action_step(self, delta: int) -> None:
        meeting = self.meeting(self.mission())
        if meeting is not None:
            self.go_to(step(meeting.agenda, self.item_id, delta))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "agenda" and event.option_list.has_focus:
            self.go_to(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "agenda":
            self.go_to(event.option.id)
            self.form().focus_text()
        elif event.option_list.id == "captured":
            self.action_edit_selected()

    def action_scroll_item(self, direction: int) -> None:
        """Read on in the item's text without leaving the note being typed."""
        pane = self.query_one(ItemPane)
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

        self.app.push_screen(ItemJump(dict(self.mission().items)), chosen)

    def add_to_agenda(self, item_id: str) -> None:
        """An item discussed off the agenda joins it, so the debrief shows it in order."""
        meeting = self.meeting(self.mission())
        if meeting is not None and item_id not in meeting.agenda:
            self.save(meeting.touched(agenda=(*meeting.agenda, item_id)))

    # -- capture -------------------------------------------------------------------------

    def action_capture(self, mode: str) -> None:
        """Show the note, response or follow-up form with the cursor in it."""
        if mode not in MODES:
            return
        if mode == self.mode:
            self.capture.show_form(mode)  # back to its text (a response: its questions)
        self.mode = mode

    def action_save(self) -> None:
        self.capture.save_form(self.form())

    def action_submit(self) -> None:
        """'Save note' from the palette: as Enter in the note."""
        self.action_save()

    def action_ask(self, name: str) -> None:
        """A choice from the palette: on the form that has it, as its F-key would."""
        if name not in self.form().CHOICES and name in self.form("response").CHOICES:
            self.mode = "response"
        self.form().action_ask(name)

    def action_back(self) -> None:
        """Escape, one step at a time: drop an edit, back to the note form, back to the
        note's text; only from there out of the room, saying where it leads."""
        if self.capture.drop_edit():
            return
        if self.mode != "note":
            self.mode = "note"
            return
        text = getattr(self.form(), "text_area", None)
        if text is not None and not text.has_focus:
            self.form().focus_text()
            return
        self.dismiss(None)
        where = getattr(self.app.screen, "HELP_TITLE", "")
        where = _(where) if where else _("the previous screen")
        said = _("Left the meeting room: back on {screen} (? shows its keys)")
        self.app.notify(said.format(screen=where), timeout=4)

    # -- editing, deleting, undoing ----------------------------------------------------------

    def action_edit_selected(self) -> None:
        selected = self.query_one(CapturedPane).selected()
        if selected and self.capture.edit(self.mission(), *selected):
            self.mode = selected[0]
            self.form().focus_text()

    def action_delete_selected(self) -> None:
        selected = self.query_one(CapturedPane).selected()
        if selected:
            self.capture.delete(self.mission(), *selected)

    def action_mark_held(self) -> None:
        meeting = self.meeting(self.mission())
        if meeting is not None and self.save(meeting.touched(status=MeetingStatus.HELD)):
            self.notify(_("{meeting}: marked held").format(meeting=meeting.title), timeout=3)


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
        said = _("No meetings yet: add one on the meetings screen first.")
        app.notify(said, severity="warning")
        return
    chosen = default_meeting(meetings, now or datetime.now())
    what = _(PURPOSES.get(mode, N_("Capture")))
    item = data.items.get(item_id or "")
    if item is None:
        item_id = None
    else:
        what = _("{purpose} on {item}").format(purpose=what, item=item.short_ref)

    def picked(meeting_id: str | None) -> None:
        if meeting_id is not None:
            app.push_screen(MeetingRoom(meeting_id, mode=mode, item_id=item_id))

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
            app.push_screen(MeetingRoom(newest.meeting_id, mode=newest.kind))

    app.push_screen(DraftOffer([describe(d, data) for d in drafts]), answered)


def app_now(app: App[Any]) -> datetime:
    """Now, on the app's day (tests and demos fix the day; the time is the clock's)."""
    now = datetime.now()
    today = getattr(app, "today", None)
    return datetime.combine(today, now.time()) if today is not None else now


def current_item(app: App[Any]) -> str | None:
    """The item under the cursor on the screen in front (the items browser), if any."""
    item_id = getattr(app.screen, "current_item_id", None)
    return item_id if isinstance(item_id, str) else None
