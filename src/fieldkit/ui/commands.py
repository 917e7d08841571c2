"""Every command of the app, each declared once: its id, key, name, help, where, what it runs.

Key bindings (`bindings(scope)`), the footer (Textual's, from those bindings), the `?` help
screen (`for_scopes`) and the palette (`palette.FieldkitCommands`) are all built from the
`COMMANDS` table below; nothing registers commands at import time.

`screens` names the scopes a command applies to: `"app"` for every screen, else a screen's
or a widget's scope (a screen lists its scopes in `SCOPES`, e.g. `("items", "item-list")`).
`action` is a Textual action string run on the node that owns the scope; an `app.` prefix
runs it on the app. A command with no `help` is a plain movement key: bound, but not listed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from textual.binding import Binding, BindingType


@dataclasses.dataclass(frozen=True, slots=True)
class Command:
    id: str
    name: str
    action: str
    help: str = ""
    key: str = ""
    screens: tuple[str, ...] = ("app",)
    show: bool = True  # in the footer
    key_display: str | None = None
    priority: bool = False
    palette: bool = True  # offered by ctrl+p (only where it can run without a key's context)

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.name,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.help,
            id=self.id,
        )


def _c(
    id: str, name: str, action: str, help: str = "", key: str = "", *scopes: str, **kw: object
) -> Command:
    return Command(id, name, action, help, key, scopes or ("app",), **kw)  # type: ignore[arg-type]


HIDE = {"show": False}
NO_PALETTE = {"palette": False}

COMMANDS: tuple[Command, ...] = (
    # -- everywhere ------------------------------------------------------------------------
    _c("find", "Find", "app.find", "Filter the items as you type", "slash", key_display="/"),
    _c("help", "Keys", "app.help", "The keys of this screen", "question_mark", key_display="?"),
    _c("meetings", "Meetings", "app.goto('meetings')", "The schedule of meetings", "m"),
    _c("exports", "Export", "app.exports", "Write the debrief, a factsheet or the CSV", "e"),
    _c("leave", "Back", "app.leave", "Back out of this screen", "escape", **HIDE, **NO_PALETTE),
    _c("quit", "Quit", "app.quit", "Leave fieldkit", "q"),
    _c(
        "palette",
        "palette",
        "app.command_palette",
        "Every command by name",
        "ctrl+p",
        **HIDE,
        **NO_PALETTE,
    ),
    _c(
        "theme",
        "Light or dark theme",
        "app.toggle_theme",
        "Light or dark colours",
        "ctrl+t",
        **HIDE,
    ),
    _c("dashboard", "Dashboard", "app.goto('dashboard')", "The mission at a glance"),
    _c("items", "Items", "app.goto('items')", "Browse and filter every item"),
    _c(
        "export-debrief",
        "Export debrief",
        "app.export('debrief')",
        "Write the Word debrief of the mission",
    ),
    _c(
        "export-factsheet",
        "Export factsheet",
        "app.export('factsheet')",
        "Write a factsheet on one theme, across bodies",
    ),
    _c(
        "export-csv",
        "Export CSV",
        "app.export('csv')",
        "Write every item with its latest response as CSV",
    ),
    _c(
        "add-note",
        "Add note",
        "app.capture('note')",
        "Capture a note in a meeting",
        "a",
        "dashboard",
        "items",
        "meetings",
        **HIDE,
    ),
    _c(
        "record-response",
        "Record response",
        "app.capture('response')",
        "Record what an official said about an item",
        "r",
        "dashboard",
        "items",
        "meetings",
        **HIDE,
    ),
    _c(
        "add-follow-up",
        "Add follow-up",
        "app.capture('action')",
        "Something the delegation must do after a meeting",
        "",
        "dashboard",
        "items",
        "meetings",
    ),
    _c(
        "undo-delete",
        "Undo delete",
        "app.undo",
        "Put back the last note or response deleted",
        "f8",
        "meeting-room",
        **HIDE,
    ),
    # -- dashboard ---------------------------------------------------------------------------
    _c(
        "open-item",
        "Open item",
        "open_item",
        "Open the priority under the cursor in the items browser",
        "enter",
        "dashboard",
        key_display="⏎",
        **HIDE,
    ),
    _c(
        "browse-items",
        "Items",
        "app.goto('items')",
        "Browse and filter every item",
        "i",
        "dashboard",
        **NO_PALETTE,
    ),
    _c(
        "move-up",
        "Move priority up",
        "move(-1)",
        "Move the priority up the mission's order",
        "left_square_bracket",
        "dashboard",
        "items",
        key_display="[",
        **HIDE,
    ),
    _c(
        "move-down",
        "Move priority down",
        "move(1)",
        "Move the priority down the mission's order",
        "right_square_bracket",
        "dashboard",
        "items",
        key_display="]",
        **HIDE,
    ),
    # -- items browser -----------------------------------------------------------------------
    _c(
        "items-back",
        "Back",
        "escape",
        "Back: clear the typed filter, out of the filter, the reading view, to the dashboard",
        "escape",
        "items",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("filter-down", "Down", "to_list", "", "down", "items", **HIDE, **NO_PALETTE),
    _c("facets", "Facets", "facets", "Narrow by body, year, position, theme, kind", "f", "items"),
    _c("clear", "Clear", "clear", "Clear the filter and every facet", "x", "items"),
    _c("priority", "Priority", "priority", "Mark or unmark as a mission priority", "p", "items"),
    _c("link", "Link", "link", "Link to items raising the same concern", "l", "items"),
    _c("next-item", "Next", "step(1)", "Next item, also while reading", "n", "items", **HIDE),
    _c(
        "previous-item",
        "Previous",
        "step(-1)",
        "Previous item, also while reading",
        "b",
        "items",
        **HIDE,
    ),
    _c(
        "to-dashboard", "Dashboard", "app.goto('dashboard')", "", "d", "items", **HIDE, **NO_PALETTE
    ),
    # the app's keys that need no footer here (in the help): so the footer fits 80 columns
    _c("items-m", "Meetings", "app.goto('meetings')", "", "m", "items", **HIDE, **NO_PALETTE),
    _c("items-e", "Export", "app.exports", "", "e", "items", **HIDE, **NO_PALETTE),
    _c("items-q", "Quit", "app.quit", "", "q", "items", **HIDE, **NO_PALETTE),
    # -- the list of items (a widget) --------------------------------------------------------
    _c(
        "read",
        "Read",
        "choose",
        "Read the item in full",
        "enter",
        "item-list",
        key_display="⏎",
        **NO_PALETTE,
    ),
    _c("list-up", "Up", "cursor(-1)", "", "up,k", "item-list", **HIDE, **NO_PALETTE),
    _c("list-down", "Down", "cursor(1)", "", "down,j", "item-list", **HIDE, **NO_PALETTE),
    _c("list-page-up", "Page up", "page(-1)", "", "pageup", "item-list", **HIDE, **NO_PALETTE),
    _c("list-page-down", "Page down", "page(1)", "", "pagedown", "item-list", **HIDE, **NO_PALETTE),
    _c("list-first", "First", "jump(0)", "", "home", "item-list", **HIDE, **NO_PALETTE),
    _c("rows-first", "First", "first_row", "", "home", "rows", **HIDE, **NO_PALETTE),
    _c("rows-last", "Last", "last_row", "", "end", "rows", **HIDE, **NO_PALETTE),
    _c("list-last", "Last", "jump(-1)", "", "end", "item-list", **HIDE, **NO_PALETTE),
    # -- meetings ----------------------------------------------------------------------------
    _c("open-room", "Open room", "open", "Open the meeting room", "enter", "meetings"),
    _c("new-meeting", "New", "new", "Add a meeting", "n", "meetings"),
    _c("edit-meeting", "Edit", "edit", "Edit the meeting", "e", "meetings"),
    _c("held", "Held", "held", "Mark the meeting held (again: planned)", "h", "meetings"),
    _c(
        "cancelled", "Cancelled", "cancelled", "Mark it cancelled (again: planned)", "c", "meetings"
    ),
    _c(
        "meetings-back",
        "Back",
        "back",
        "Back to the dashboard",
        "escape",
        "meetings",
        **HIDE,
        **NO_PALETTE,
    ),
    # the app's keys that need no footer here (in the help): so the footer fits 80 columns
    _c("meetings-m", "Meetings", "app.goto('meetings')", "", "m", "meetings", **HIDE, **NO_PALETTE),
    _c("meetings-quit", "Quit", "app.quit", "", "q", "meetings", **HIDE, **NO_PALETTE),
    # -- meeting room ------------------------------------------------------------------------
    _c("next-agenda-item", "Next", "step(1)", "Next agenda item", "ctrl+n", "meeting-room"),
    _c(
        "previous-agenda-item", "Prev", "step(-1)", "Previous agenda item", "ctrl+b", "meeting-room"
    ),
    _c("go-to-item", "Go to", "jump", "Go to any item by its reference", "ctrl+g", "meeting-room"),
    _c(
        "note",
        "Note",
        "capture('note')",
        "Take a note on the current item",
        "ctrl+t",
        "meeting-room",
        **HIDE,
    ),
    _c(
        "response",
        "Response",
        "capture('response')",
        "Record the State's response on the current item",
        "ctrl+r",
        "meeting-room",
    ),
    _c(
        "follow-up",
        "Follow-up",
        "capture('action')",
        "Add a follow-up action",
        "ctrl+o",
        "meeting-room",
    ),
    _c("save-form", "Save", "save", "Save the form being typed", "ctrl+s", "meeting-room", **HIDE),
    _c(
        "scroll-item-up",
        "Scroll item up",
        "scroll_item(-1)",
        "",
        "pageup",
        "meeting-room",
        priority=True,
        **HIDE,
        **NO_PALETTE,
    ),
    _c(
        "scroll-item-down",
        "Scroll item down",
        "scroll_item(1)",
        "",
        "pagedown",
        "meeting-room",
        priority=True,
        **HIDE,
        **NO_PALETTE,
    ),
    _c(
        "mark-held",
        "Mark held",
        "mark_held",
        "Mark this meeting held",
        "f9",
        "meeting-room",
        **HIDE,
    ),
    _c(
        "room-back",
        "Back",
        "back",
        "Back one step: out of an edit, to the note, then out of the room",
        "escape",
        "meeting-room",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("room-keys", "Keys", "app.help", "The keys of this screen", "f1", "meeting-room"),
    # the app's letter keys act in the room only off the text: in the help, not the footer
    _c("room-find", "Find", "app.find", "", "slash", "meeting-room", **HIDE, **NO_PALETTE),
    _c("room-help", "Keys", "app.help", "", "question_mark", "meeting-room", **HIDE, **NO_PALETTE),
    _c(
        "room-meetings",
        "Meetings",
        "app.goto('meetings')",
        "",
        "m",
        "meeting-room",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("room-exports", "Export", "app.exports", "", "e", "meeting-room", **HIDE, **NO_PALETTE),
    _c("room-quit", "Quit", "app.quit", "", "q", "meeting-room", **HIDE, **NO_PALETTE),
    # -- the notes list of the room (a widget) -------------------------------------------------
    _c(
        "edit-captured",
        "Edit record",
        "screen.edit_selected",
        "Edit the highlighted note, response or follow-up (shift+tab reaches the list)",
        "e",
        "captured",
    ),
    _c(
        "delete-captured",
        "Delete record",
        "screen.delete_selected",
        "Delete the highlighted note, response or follow-up (asks; u puts it back)",
        "d,delete",
        "captured",
    ),
    _c(
        "undo-captured",
        "Undo delete",
        "app.undo",
        "Put back the last note or response deleted",
        "u",
        "captured",
        **NO_PALETTE,
    ),
    # -- the capture forms (widgets): choices by letter ---------------------------------------
    _c(
        "save-note",
        "Save note",
        "submit",
        "Save the note (Enter in its text); the next one is typed at once",
        "enter",
        "note-form",
        priority=True,
        **HIDE,
    ),
    _c(
        "next-field",
        "Next field",
        "next_field",
        "",
        "enter",
        "input-form",
        priority=True,
        **HIDE,
        **NO_PALETTE,
    ),
    _c(
        "note-kind",
        "Note kind",
        "ask('kind')",
        "Choose the kind of note: s statement, c commitment, n concern, q question, "
        "f follow-up, t quote, o observation",
        "f2",
        "note-form",
        **HIDE,
    ),
    _c(
        "stance",
        "Stance",
        "ask('stance')",
        "Choose the stance: a accepts, p partially accepts, u under consideration, "
        "r rejects, d disputes facts, n no answer",
        "f2",
        "response-form",
        **HIDE,
    ),
    _c(
        "speaker",
        "Speaker",
        "ask('speaker_id')",
        "Choose who spoke, by letter: - nobody, + a new person (name, title, institution)",
        "f3",
        "note-form",
        "response-form",
        **HIDE,
    ),
    _c(
        "limb",
        "Limb",
        "ask('limb')",
        "Choose the limb of the item by its letter (- the whole item)",
        "f4",
        "note-form",
        "response-form",
        **HIDE,
    ),
    _c(
        "confidentiality",
        "Confidentiality",
        "ask('confidentiality')",
        "Choose p public, i internal or c confidential",
        "f5",
        "note-form",
        "response-form",
        **HIDE,
    ),
    _c(
        "implementation",
        "Claimed implementation",
        "ask('implementation')",
        "Choose what the State claims: n not, p partially, f fully, u unknown",
        "f6",
        "response-form",
        **HIDE,
    ),
    # -- lists and forms over a screen ---------------------------------------------------
    _c(
        "close-help",
        "Close",
        "dismiss",
        "Close this list",
        "escape,question_mark,q",
        "help",
        key_display="esc",
        **NO_PALETTE,
    ),
    _c("help-find", "Find", "find", "", "slash", "help", **HIDE, **NO_PALETTE),
    _c("close-picker", "Close", "close", "Close this list", "escape", "picker", **NO_PALETTE),
    _c("picker-down", "Down", "to_list", "", "down", "picker", **HIDE, **NO_PALETTE),
    _c(
        "cancel-export",
        "Cancel",
        "cancel",
        "Close without writing",
        "escape",
        "export",
        **NO_PALETTE,
    ),
    _c(
        "write-export", "Write", "write", "Write the document now", "ctrl+s", "export", **NO_PALETTE
    ),
    _c(
        "close-export-menu",
        "Close",
        "close",
        "Close this list",
        "escape",
        "export-menu",
        **NO_PALETTE,
    ),
    # -- conflicts ---------------------------------------------------------------------------
    _c(
        "conflicts",
        "Conflicts",
        "app.goto('conflicts')",
        "Values two copies changed differently: keep one",
    ),
    _c("merge-copy", "Merge another copy", "app.merge_copy", "Merge a copy from another laptop"),
    _c("keep-mine", "Keep mine", "keep(True)", "Keep this file's value", "m", "conflicts"),
    _c(
        "keep-theirs", "Keep theirs", "keep(False)", "Keep the other copy's value", "t", "conflicts"
    ),
    _c(
        "cancel-merge",
        "Cancel",
        "dismiss",
        "Close without merging",
        "escape",
        "merge-dialog",
        **NO_PALETTE,
    ),
    # -- protecting the mission --------------------------------------------------------------
    _c(
        "lock", "Lock", "app.lock", "Lock the screen behind the passphrase or PIN", "ctrl+l", **HIDE
    ),
    _c("shred", "Shred the mission", "app.shred", "Destroy it, its backups and exports (asks)"),
    _c(
        "lock-stay", "Stay locked", "stay", "", "escape,ctrl+l,ctrl+p", "lock", **HIDE, **NO_PALETTE
    ),
    _c("cancel-shred", "Cancel", "cancel", "Keep the mission", "escape", "shred", **NO_PALETTE),
)

BY_ID: dict[str, Command] = {c.id: c for c in COMMANDS}


def bindings(*scopes: str) -> list[BindingType]:
    """The key bindings of the commands of `scopes`, for a class's `BINDINGS`."""
    return [c.binding() for c in in_scopes(scopes) if c.key]


def in_scopes(scopes: Iterable[str]) -> list[Command]:
    """The commands that apply to `scopes`, scope by scope, each command once."""
    found: dict[str, Command] = {}
    for scope in scopes:
        found.update((c.id, c) for c in COMMANDS if scope in c.screens and c.id not in found)
    return list(found.values())


def find(name: str) -> Command | None:
    """The command called `name` (as the palette and help screen show it)."""
    return next((c for c in COMMANDS if c.name == name), None)
