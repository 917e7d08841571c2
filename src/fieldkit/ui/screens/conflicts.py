"""Conflicts a merge left, each with both values side by side; one key keeps either.

Also "Merge another copy": a path asked for in a small dialog, merged like `fieldkit merge`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from fieldkit import settings
from fieldkit.domain.conflict_words import field_words, table_words
from fieldkit.domain.history import DELETED, Entry
from fieldkit.domain.merge import KEPT, REMOVED, Conflict, conflicts_in
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import shorten, squash
from fieldkit.domain.vocab import (
    ActionStatus,
    Confidentiality,
    Implementation,
    MeetingStatus,
    NoteKind,
    Stance,
    Word,
)
from fieldkit.i18n import N_, _, ngettext
from fieldkit.storage.merge import (
    DRAFTS,
    NEW,
    beside_state,
    copies_beside,
    is_encrypted,
    merge_all,
    read_copy,
    resolve_conflict,
)
from fieldkit.storage.mission_file import PassphraseSource
from fieldkit.ui import commands
from fieldkit.ui.errors import safely
from fieldkit.ui.screens.base import FieldkitScreen
from fieldkit.ui.widgets.meeting_text import day_text


def record_words(data: MissionData, conflict: Conflict) -> str:
    """The record as a delegate knows it: the note's text, the item's reference..."""
    table = getattr(data, conflict.table, None) if conflict.table != "mission" else None
    record = table.get(conflict.record_id) if table is not None else data.mission
    label = ""
    item = data.items.get(str(getattr(record, "item_id", "") or ""))
    if item is not None and conflict.table != "items":
        label = _("on {item}").format(item=item.short_ref) + " "
    for name in ("short_ref", "title", "name", "text"):
        value = getattr(record, name, "")
        if isinstance(value, str) and value:
            label += value
            break
    return f"{table_words(conflict.table)} {squash(label)}".strip()


VALUE_WORDS = {KEPT: N_("kept, with its edit"), REMOVED: N_("deleted")}


#: The fields whose values are vocabulary words, shown by their label (by table for status).
WORD_FIELDS: dict[str, type[Word]] = {
    "stance": Stance,
    "kind": NoteKind,
    "confidentiality": Confidentiality,
    "implementation": Implementation,
    "meetings.status": MeetingStatus,
    "actions.status": ActionStatus,
}


def shown_value(table: str, field: str, value: object) -> object:
    """A value as a delegate reads it: a vocabulary word by its label, in the language."""
    kind = WORD_FIELDS.get(field) or WORD_FIELDS.get(f"{table}.{field}")
    if kind is not None and isinstance(value, str) and value in {w.value for w in kind}:
        return kind(value).label
    return value


def value_text(title: str, entry: Entry, key: str, conflict: Conflict) -> Text:
    """The side's title, who wrote the value and when, then the value: the first lines stay
    in view however long the value is. Keeping a deleted record shows the fields it keeps."""
    text = Text(f"{title} ({key})\n", style="bold")
    when = f"{day_text(entry.at)} {entry.at[11:16]}".strip() if entry.at else _("time unknown")
    text.append(f"{entry.by or _('someone')}, {when}\n\n", style="dim")
    deletion = conflict.field == DELETED
    word = VALUE_WORDS.get(entry.value) if deletion else None
    value = _(word) if word else shown_value(conflict.table, conflict.field, entry.value)
    text.append(f"{value}" if value not in ("", None) else _("(empty)"))
    for name, field in conflict.kept if deletion and entry.value == KEPT else ():
        text.append(f"\n\n{field_words(name)}\n", style="dim")
        shown = shown_value(conflict.table, name, field)
        text.append(f"{shown}" if shown not in ("", None) else _("(empty)"))
    return text


class ConflictsScreen(FieldkitScreen):
    HELP_TITLE = N_("conflicts")
    SCOPES = ("conflicts",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)

    DEFAULT_CSS = """
    ConflictsScreen #conflict-list { height: auto; max-height: 1fr; min-height: 3; }
    ConflictsScreen #conflict-sides { height: 1fr; min-height: 7; }
    ConflictsScreen .conflict-side { width: 1fr; border: round $primary; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[Conflict] = []

    def compose(self) -> ComposeResult:
        yield Static(id="conflict-title", classes="section-title")
        yield OptionList(id="conflict-list")
        with Horizontal(id="conflict-sides"):
            with VerticalScroll(classes="conflict-side"):
                yield Static(id="conflict-mine")
            with VerticalScroll(classes="conflict-side"):
                yield Static(id="conflict-theirs")
        yield Footer()

    def refresh_data(self, data: MissionData) -> None:
        found = conflicts_in(data)
        listing = self.query_one("#conflict-list", OptionList)
        keep = listing.highlighted or 0
        self._shown = found
        listing.clear_options()
        width = max(self.size.width - 8, 30)
        for conflict in found:
            field = f" · {field_words(conflict.field)}"
            line = shorten(record_words(data, conflict), max(width - len(field), 10)) + field
            listing.add_option(Option(line, id=conflict.id))
        title = self.query_one("#conflict-title", Static)
        if found:
            title.update(
                ngettext(
                    "{count} conflict: m keeps mine, t keeps theirs",
                    "{count} conflicts: m keeps mine, t keeps theirs",
                    len(found),
                ).format(count=len(found))
            )
            listing.highlighted = min(keep, len(found) - 1)
        else:
            title.update(_("No conflicts: every merge so far has settled itself."))
        self._show_sides()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show_sides()

    def _current(self) -> Conflict | None:
        index = self.query_one("#conflict-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self._shown):
            return None
        return self._shown[index]

    def _show_sides(self) -> None:
        conflict = self._current()
        mine = self.query_one("#conflict-mine", Static)
        theirs = self.query_one("#conflict-theirs", Static)
        for side in self.query(".conflict-side"):
            side.display = conflict is not None
        if conflict is not None:
            mine.update(value_text(_("Mine"), conflict.mine, "m", conflict))
            theirs.update(value_text(_("Theirs"), conflict.theirs, "t", conflict))

    async def action_keep(self, mine: bool) -> None:
        conflict = self._current()
        if conflict is None:
            return
        author = settings.author()
        _record, chosen = await self.fk.write(
            lambda tx: resolve_conflict(tx, conflict.id, mine, author)
        )
        said = _("Kept mine: {value}") if mine else _("Kept theirs: {value}")
        value = shown_value(conflict.table, conflict.field, chosen.value)
        self.notify(said.format(value=shorten(str(value), 40)))


class OneLineQuestion(ModalScreen[str | None]):
    """A question answered on one line; answers the line (None when empty or cancelled)."""

    SCOPES = ("merge-dialog",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)
    DEFAULT_CSS = """
    OneLineQuestion { align: center middle; }
    OneLineQuestion > Vertical { width: 70; height: auto; border: round $primary; padding: 1 2; }
    """
    PASSWORD = False

    def __init__(self, question: str, value: str, placeholder: str, input_id: str) -> None:
        super().__init__()
        self.question, self.value, self.placeholder = question, value, placeholder
        self.input_id = input_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            yield Input(self.value, self.placeholder, password=self.PASSWORD, id=self.input_id)
            yield Static(_("enter: merge · escape: cancel"), classes="muted")

    def answer(self, typed: str) -> str:
        return typed

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(self.answer(event.value) or None)


class MergeDialog(OneLineQuestion):
    """Asks for the other copy to merge."""

    def __init__(self, suggested: str) -> None:
        super().__init__(
            _("Merge another copy of this mission (a file or a bundle):"),
            suggested,
            _("path to the other copy"),
            "merge-path",
        )

    def answer(self, typed: str) -> str:
        return typed.strip()


class PassphraseDialog(OneLineQuestion):
    """Asks for the passphrase of an encrypted copy to merge (taken as typed, spaces too)."""

    PASSWORD = True

    def __init__(self, name: str) -> None:
        super().__init__(
            _("{name} is encrypted: give its passphrase.").format(name=name),
            "",
            _("passphrase"),
            "merge-passphrase",
        )


def merge_another_copy(app: App[Any]) -> None:
    """The palette command: ask for a path, merge it, show the conflicts it left."""
    store = getattr(app, "store", None)
    if store is None:
        return
    mission = getattr(app, "data", None)
    mission_id = mission.mission.id if mission is not None and mission.mission else None
    beside = copies_beside(store.path, mission_id)
    suggested = str(beside[0]) if beside else ""

    def done(path: str | None) -> None:
        if path:
            safely(app, partial(_merge, app, Path(path).expanduser()))()

    app.push_screen(MergeDialog(suggested), done)


def _merge(app: Any, path: Path) -> None:
    if not path.is_file():
        app.notify(_("No file at {path}").format(path=path), severity="error")
        return
    if path.resolve() == app.store.path.resolve():
        app.notify(_("That is the mission file itself"), severity="error")
        return
    if is_encrypted(path):

        def given(passphrase: str | None) -> None:
            if passphrase:
                safely(app, partial(_merge_copy, app, path, lambda: passphrase))()

        app.push_screen(PassphraseDialog(path.name), given)
        return
    _merge_copy(app, path, None)


def _merge_copy(app: Any, path: Path, passphrase: PassphraseSource | None) -> None:
    other = read_copy(path, passphrase)
    with app.writing() as tx:
        report = merge_all(tx, [other])
    conflicts = len(report.conflicts)
    app.notify(
        ngettext(
            "Merged {name}: {added} added, {updated} updated, {deleted} deleted, {count} conflict",
            "Merged {name}: {added} added, {updated} updated, {deleted} deleted, {count} conflicts",
            conflicts,
        ).format(
            name=path.name,
            added=len(report.added),
            updated=len(report.updated),
            deleted=len(report.deleted),
            count=conflicts,
        )
    )
    if report.conflicts:
        app.show("conflicts")


def offer_copies(app: Any) -> None:
    """Say when another copy of the mission lies beside the file and still holds something
    this file lacks; a copy already merged is left unsaid. Reading the copies waits in a
    thread, so the dashboard stays at hand."""
    data = app.data
    beside = copies_beside(app.store.path, data.mission.id if data.mission else None)
    if beside:
        tree = app.store.file.tree()
        app.run_worker(partial(_say_copies, app, tree, beside), thread=True, group="copies")


def _say_copies(app: Any, tree: Any, beside: list[Path]) -> None:
    for path in beside:
        state = beside_state(tree, path)
        if state == NEW:
            said = _(
                "Another copy of this mission lies beside it: {name}. "
                "Palette (ctrl+p): Merge another copy."
            )
        elif state == DRAFTS:
            said = _("{name} beside it is already merged, but holds drafts typed there.")
        else:
            continue
        app.call_from_thread(app.notify, said.format(name=path.name), timeout=10)
        return
