"""Every command of the app, each declared once: its id, key, name, help, where, what it runs.

Key bindings (`bindings(scope)`), the footer (Textual's, from those bindings), the `?` help
screen (`for_scopes`) and the palette (`palette.FieldkitCommands`) are all built from the
`COMMANDS` table below; nothing registers commands at import time.

`screens` names the scopes a command applies to: `"app"` for every screen, else a screen's
or a widget's scope (a screen lists its scopes in `SCOPES`, e.g. `("items", "item-list")`).
`action` is a Textual action string run on the node that owns the scope; an `app.` prefix
runs it on the app. A command with no `help` is a plain movement key: bound, but not listed.

Names and help are marked `N_()`: the table is built on import, before the language is
chosen, so each is translated where it is shown (`translated`, the palette, the help screen).
A command's keys are the same in every language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from textual.binding import Binding, BindingType

from fieldkit.i18n import N_, NP_, _, pgettext


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
    context: str = ""  # for a name that reads differently elsewhere (`NP_`)

    @property
    def title(self) -> str:
        """The name in the chosen language."""
        return pgettext(self.context, self.name) if self.context else _(self.name)

    @property
    def description(self) -> str:
        """What it does, in the chosen language."""
        return _(self.help) if self.help else ""

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
    id: str,
    name: str | tuple[str, str],
    action: str,
    help: str = "",
    key: str = "",
    *scopes: str,
    **kw: object,
) -> Command:
    """A command; `name` is `N_("Name")`, or `NP_("context", "Name")` for a name that must be
    told apart from the same English elsewhere."""
    if isinstance(name, tuple):
        kw["context"], name = name
    return Command(id, name, action, help, key, scopes or ("app",), **kw)  # type: ignore[arg-type]


HIDE = {"show": False}
NO_PALETTE = {"palette": False}

COMMANDS: tuple[Command, ...] = (
    # -- everywhere ------------------------------------------------------------------------
    _c(
        "find", N_("Find"), "app.find", N_("Filter the items as you type"), "slash", key_display="/"
    ),
    _c(
        "help",
        N_("Keys"),
        "app.help",
        N_("The keys of this screen"),
        "question_mark",
        key_display="?",
    ),
    _c("meetings", N_("Meetings"), "app.goto('meetings')", N_("The schedule of meetings"), "m"),
    _c(
        "exports", N_("Export"), "app.exports", N_("Write the debrief, a factsheet or the CSV"), "e"
    ),
    _c(
        "leave",
        N_("Back"),
        "app.leave",
        N_("Back out of this screen"),
        "escape",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("quit", N_("Quit"), "app.quit", N_("Leave fieldkit"), "q"),
    _c(
        "palette",
        N_("palette"),
        "app.command_palette",
        N_("Every command by name"),
        "ctrl+p",
        **HIDE,
        **NO_PALETTE,
    ),
    _c(
        "theme",
        N_("Light or dark theme"),
        "app.toggle_theme",
        N_("Light or dark colours"),
        "ctrl+t",
        **HIDE,
    ),
    _c("dashboard", N_("Dashboard"), "app.goto('dashboard')", N_("The mission at a glance")),
    _c("items", N_("Items"), "app.goto('items')", N_("Browse and filter every item")),
    _c(
        "export-debrief",
        N_("Export debrief"),
        "app.export('debrief')",
        N_("Write the Word debrief of the mission"),
    ),
    _c(
        "export-factsheet",
        N_("Export factsheet"),
        "app.export('factsheet')",
        N_("Write a factsheet on one theme, across bodies"),
    ),
    _c(
        "export-csv",
        N_("Export CSV"),
        "app.export('csv')",
        N_("Write every item with its latest response as CSV"),
    ),
    _c(
        "add-note",
        N_("Add note"),
        "app.capture('note')",
        N_("Capture a note in a meeting"),
        "a",
        "dashboard",
        "items",
        "meetings",
        **HIDE,
    ),
    _c(
        "record-response",
        N_("Record response"),
        "app.capture('response')",
        N_("Record what an official said about an item"),
        "r",
        "dashboard",
        "items",
        "meetings",
        **HIDE,
    ),
    _c(
        "add-follow-up",
        N_("Add follow-up"),
        "app.capture('action')",
        N_("Something the delegation must do after a meeting"),
        "",
        "dashboard",
        "items",
        "meetings",
    ),
    _c(
        "undo-delete",
        N_("Undo delete"),
        "app.undo",
        N_("Put back the last note or response deleted"),
        "f8",
        "meeting-room",
        **HIDE,
    ),
    # -- dashboard ---------------------------------------------------------------------------
    _c(
        "open-item",
        N_("Open item"),
        "open_item",
        N_("Open the priority under the cursor in the items browser"),
        "enter",
        "dashboard",
        key_display="⏎",
        **HIDE,
    ),
    _c(
        "browse-items",
        N_("Items"),
        "app.goto('items')",
        N_("Browse and filter every item"),
        "i",
        "dashboard",
        **NO_PALETTE,
    ),
    _c(
        "move-up",
        N_("Move priority up"),
        "move(-1)",
        N_("Move the priority up the mission's order"),
        "left_square_bracket",
        "dashboard",
        "items",
        key_display="[",
        **HIDE,
    ),
    _c(
        "move-down",
        N_("Move priority down"),
        "move(1)",
        N_("Move the priority down the mission's order"),
        "right_square_bracket",
        "dashboard",
        "items",
        key_display="]",
        **HIDE,
    ),
    # -- items browser -----------------------------------------------------------------------
    _c(
        "items-back",
        N_("Back"),
        "escape",
        N_("Back: clear the typed filter, out of the filter, the reading view, to the dashboard"),
        "escape",
        "items",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("filter-down", N_("Down"), "to_list", "", "down", "items", **HIDE, **NO_PALETTE),
    _c(
        "facets",
        N_("Facets"),
        "facets",
        N_("Narrow by body, year, position, theme, kind"),
        "f",
        "items",
    ),
    _c("clear", N_("Clear"), "clear", N_("Clear the filter and every facet"), "x", "items"),
    _c(
        "priority",
        N_("Priority"),
        "priority",
        N_("Mark or unmark as a mission priority"),
        "p",
        "items",
    ),
    _c("link", N_("Link"), "link", N_("Link to items raising the same concern"), "l", "items"),
    _c(
        "next-item",
        N_("Next"),
        "step(1)",
        N_("Next item, also while reading"),
        "n",
        "items",
        **HIDE,
    ),
    _c(
        "previous-item",
        N_("Previous"),
        "step(-1)",
        N_("Previous item, also while reading"),
        "b",
        "items",
        **HIDE,
    ),
    _c(
        "to-dashboard",
        N_("Dashboard"),
        "app.goto('dashboard')",
        "",
        "d",
        "items",
        **HIDE,
        **NO_PALETTE,
    ),
    # the app's keys that need no footer here (in the help, and `/` starts the filter line):
    # so the footer fits 80 columns in every language
    _c("items-find", N_("Find"), "app.find", "", "slash", "items", **HIDE, **NO_PALETTE),
    _c("items-m", N_("Meetings"), "app.goto('meetings')", "", "m", "items", **HIDE, **NO_PALETTE),
    _c("items-e", N_("Export"), "app.exports", "", "e", "items", **HIDE, **NO_PALETTE),
    _c("items-q", N_("Quit"), "app.quit", "", "q", "items", **HIDE, **NO_PALETTE),
    # -- the list of items (a widget) --------------------------------------------------------
    _c(
        "read",
        N_("Read"),
        "choose",
        N_("Read the item in full"),
        "enter",
        "item-list",
        key_display="⏎",
        **NO_PALETTE,
    ),
    _c("list-up", N_("Up"), "cursor(-1)", "", "up,k", "item-list", **HIDE, **NO_PALETTE),
    _c("list-down", N_("Down"), "cursor(1)", "", "down,j", "item-list", **HIDE, **NO_PALETTE),
    _c("list-page-up", N_("Page up"), "page(-1)", "", "pageup", "item-list", **HIDE, **NO_PALETTE),
    _c(
        "list-page-down",
        N_("Page down"),
        "page(1)",
        "",
        "pagedown",
        "item-list",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("list-first", N_("First"), "jump(0)", "", "home", "item-list", **HIDE, **NO_PALETTE),
    _c("rows-first", N_("First"), "first_row", "", "home", "rows", **HIDE, **NO_PALETTE),
    _c("rows-last", N_("Last"), "last_row", "", "end", "rows", **HIDE, **NO_PALETTE),
    _c("list-last", N_("Last"), "jump(-1)", "", "end", "item-list", **HIDE, **NO_PALETTE),
    # -- meetings ----------------------------------------------------------------------------
    _c("open-room", N_("Open room"), "open", N_("Open the meeting room"), "enter", "meetings"),
    _c("new-meeting", N_("New"), "new", N_("Add a meeting"), "n", "meetings"),
    _c("edit-meeting", N_("Edit"), "edit", N_("Edit the meeting"), "e", "meetings"),
    _c("held", N_("Held"), "held", N_("Mark the meeting held (again: planned)"), "h", "meetings"),
    _c(
        "cancelled",
        N_("Cancelled"),
        "cancelled",
        N_("Mark it cancelled (again: planned)"),
        "c",
        "meetings",
    ),
    _c(
        "meetings-back",
        N_("Back"),
        "back",
        N_("Back to the dashboard"),
        "escape",
        "meetings",
        **HIDE,
        **NO_PALETTE,
    ),
    # the app's keys that need no footer here (in the help): so the footer fits 80 columns
    _c(
        "meetings-m",
        N_("Meetings"),
        "app.goto('meetings')",
        "",
        "m",
        "meetings",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("meetings-quit", N_("Quit"), "app.quit", "", "q", "meetings", **HIDE, **NO_PALETTE),
    # -- meeting room ------------------------------------------------------------------------
    _c("next-agenda-item", N_("Next"), "step(1)", N_("Next agenda item"), "ctrl+n", "meeting-room"),
    _c(
        "previous-agenda-item",
        N_("Prev"),
        "step(-1)",
        N_("Previous agenda item"),
        "ctrl+b",
        "meeting-room",
    ),
    _c(
        "go-to-item",
        N_("Go to"),
        "jump",
        N_("Go to any item by its reference"),
        "ctrl+g",
        "meeting-room",
    ),
    _c(
        "note",
        N_("Note"),
        "capture('note')",
        N_("Take a note on the current item"),
        "ctrl+t",
        "meeting-room",
        **HIDE,
    ),
    _c(
        "response",
        N_("Response"),
        "capture('response')",
        N_("Record the State's response on the current item"),
        "ctrl+r",
        "meeting-room",
    ),
    _c(
        "follow-up",
        NP_("command", "Follow-up"),
        "capture('action')",
        N_("Add a follow-up action"),
        "ctrl+o",
        "meeting-room",
    ),
    _c(
        "save-form",
        N_("Save"),
        "save",
        N_("Save the form being typed"),
        "ctrl+s",
        "meeting-room",
        **HIDE,
    ),
    _c(
        "scroll-item-up",
        N_("Scroll item up"),
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
        N_("Scroll item down"),
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
        N_("Mark held"),
        "mark_held",
        N_("Mark this meeting held"),
        "f9",
        "meeting-room",
        **HIDE,
    ),
    _c(
        "room-back",
        N_("Back"),
        "back",
        N_("Back one step: out of an edit, to the note, then out of the room"),
        "escape",
        "meeting-room",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("room-keys", N_("Keys"), "app.help", N_("The keys of this screen"), "f1", "meeting-room"),
    # the app's letter keys act in the room only off the text: in the help, not the footer
    _c("room-find", N_("Find"), "app.find", "", "slash", "meeting-room", **HIDE, **NO_PALETTE),
    _c(
        "room-help",
        N_("Keys"),
        "app.help",
        "",
        "question_mark",
        "meeting-room",
        **HIDE,
        **NO_PALETTE,
    ),
    _c(
        "room-meetings",
        N_("Meetings"),
        "app.goto('meetings')",
        "",
        "m",
        "meeting-room",
        **HIDE,
        **NO_PALETTE,
    ),
    _c("room-exports", N_("Export"), "app.exports", "", "e", "meeting-room", **HIDE, **NO_PALETTE),
    _c("room-quit", N_("Quit"), "app.quit", "", "q", "meeting-room", **HIDE, **NO_PALETTE),
    # -- the notes list of the room (a widget) -------------------------------------------------
    _c(
        "edit-captured",
        N_("Edit record"),
        "screen.edit_selected",
        N_("Edit the highlighted note, response or follow-up (shift+tab reaches the list)"),
        "e",
        "captured",
    ),
    _c(
        "delete-captured",
        N_("Delete record"),
        "screen.delete_selected",
        N_("Delete the highlighted note, response or follow-up (asks; u puts it back)"),
        "d,delete",
        "captured",
    ),
    _c(
        "undo-captured",
        N_("Undo delete"),
        "app.undo",
        N_("Put back the last note or response deleted"),
        "u",
        "captured",
        **NO_PALETTE,
    ),
    # -- the capture forms (widgets): choices by letter ---------------------------------------
    _c(
        "save-note",
        N_("Save note"),
        "submit",
        N_("Save the note (Enter in its text); the next one is typed at once"),
        "enter",
        "note-form",
        priority=True,
        **HIDE,
    ),
    _c(
        "next-field",
        N_("Next field"),
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
        N_("Note kind"),
        "ask('kind')",
        N_(
            "Choose the kind of note: s statement, c commitment, n concern, q question, "
            "f follow-up, t quote, o observation"
        ),
        "f2",
        "note-form",
        **HIDE,
    ),
    _c(
        "stance",
        N_("Stance"),
        "ask('stance')",
        N_(
            "Choose the stance: a accepts, p partially accepts, u under consideration, "
            "r rejects, d disputes facts, n no answer"
        ),
        "f2",
        "response-form",
        **HIDE,
    ),
    _c(
        "speaker",
        N_("Speaker"),
        "ask('speaker_id')",
        N_("Choose who spoke, by letter: - nobody, + a new person (name, title, institution)"),
        "f3",
        "note-form",
        "response-form",
        **HIDE,
    ),
    _c(
        "limb",
        N_("Limb"),
        "ask('limb')",
        N_("Choose the limb of the item by its letter (- the whole item)"),
        "f4",
        "note-form",
        "response-form",
        **HIDE,
    ),
    _c(
        "confidentiality",
        N_("Confidentiality"),
        "ask('confidentiality')",
        N_("Choose p public, i internal or c confidential"),
        "f5",
        "note-form",
        "response-form",
        **HIDE,
    ),
    _c(
        "implementation",
        N_("Claimed implementation"),
        "ask('implementation')",
        N_("Choose what the State claims: n not, p partially, f fully, u unknown"),
        "f6",
        "response-form",
        **HIDE,
    ),
    # -- lists and forms over a screen ---------------------------------------------------
    _c(
        "close-help",
        N_("Close"),
        "dismiss",
        N_("Close this list"),
        "escape,question_mark,q",
        "help",
        key_display="esc",
        **NO_PALETTE,
    ),
    _c("help-find", N_("Find"), "find", "", "slash", "help", **HIDE, **NO_PALETTE),
    _c(
        "close-picker",
        N_("Close"),
        "close",
        N_("Close this list"),
        "escape",
        "picker",
        **NO_PALETTE,
    ),
    _c("picker-down", N_("Down"), "to_list", "", "down", "picker", **HIDE, **NO_PALETTE),
    _c(
        "cancel-export",
        N_("Cancel"),
        "cancel",
        N_("Close without writing"),
        "escape",
        "export",
        **NO_PALETTE,
    ),
    _c(
        "write-export",
        N_("Write"),
        "write",
        N_("Write the document now"),
        "ctrl+s",
        "export",
        **NO_PALETTE,
    ),
    _c(
        "close-export-menu",
        N_("Close"),
        "close",
        N_("Close this list"),
        "escape",
        "export-menu",
        **NO_PALETTE,
    ),
    # -- conflicts ---------------------------------------------------------------------------
    _c(
        "conflicts",
        N_("Conflicts"),
        "app.goto('conflicts')",
        N_("Values two copies changed differently: keep one"),
    ),
    _c(
        "merge-copy",
        N_("Merge another copy"),
        "app.merge_copy",
        N_("Merge a copy from another laptop"),
    ),
    _c("keep-mine", N_("Keep mine"), "keep(True)", N_("Keep this file's value"), "m", "conflicts"),
    _c(
        "keep-theirs",
        N_("Keep theirs"),
        "keep(False)",
        N_("Keep the other copy's value"),
        "t",
        "conflicts",
    ),
    _c(
        "cancel-merge",
        N_("Cancel"),
        "dismiss",
        N_("Close without merging"),
        "escape",
        "merge-dialog",
        **NO_PALETTE,
    ),
    # -- protecting the mission --------------------------------------------------------------
    _c(
        "lock",
        N_("Lock"),
        "app.lock",
        N_("Lock the screen behind the passphrase or PIN"),
        "ctrl+l",
        **HIDE,
    ),
    _c(
        "shred",
        N_("Shred the mission"),
        "app.shred",
        N_("Destroy it, its backups and exports (asks)"),
    ),
    _c(
        "lock-stay",
        N_("Stay locked"),
        "stay",
        "",
        "escape,ctrl+l,ctrl+p",
        "lock",
        **HIDE,
        **NO_PALETTE,
    ),
    _c(
        "cancel-shred",
        N_("Cancel"),
        "cancel",
        N_("Keep the mission"),
        "escape",
        "shred",
        **NO_PALETTE,
    ),
)

BY_ID: dict[str, Command] = {c.id: c for c in COMMANDS}


def bindings(*scopes: str) -> list[BindingType]:
    """The key bindings of the commands of `scopes`, for a class's `BINDINGS`."""
    return [c.binding() for c in in_scopes(scopes) if c.key]


def translated(binding: Binding) -> Binding:
    """The binding as the footer shows it: its name and help in the chosen language."""
    command = BY_ID.get(binding.id or "")
    name = command.title if command is not None else binding.description
    return dataclasses.replace(
        binding,
        description=_(name) if name and command is None else name,
        tooltip=_(binding.tooltip) if binding.tooltip else "",
    )


def in_scopes(scopes: Iterable[str]) -> list[Command]:
    """The commands that apply to `scopes`, scope by scope, each command once."""
    found: dict[str, Command] = {}
    for scope in scopes:
        found.update((c.id, c) for c in COMMANDS if scope in c.screens and c.id not in found)
    return list(found.values())


def find(name: str) -> Command | None:
    """The command called `name` in English (its name in the table)."""
    return next((c for c in COMMANDS if c.name == name), None)
