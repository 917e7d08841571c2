"""Writing the Word debrief, a factsheet or the CSV matrix from inside the app.

A small form (where to save, the document's language, whether confidential content goes in,
and for a factsheet the theme); the document is built in a worker thread so the screen stays
live, and the path written is shown when it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from fieldkit import i18n, settings
from fieldkit.domain.filters import themes_of
from fieldkit.domain.mission import MissionData
from fieldkit.i18n import N_, _
from fieldkit.ui import commands
from fieldkit.ui.errors import report

KINDS = {
    "debrief": N_("Export the Word debrief"),
    "factsheet": N_("Export a factsheet on one theme"),
    "csv": N_("Export the CSV matrix of items"),
    "followup": N_("Export the NGO follow-up submission (CCPR)"),
    "matrix": N_("Export the UPR mid-term matrix"),
    "ohchr-list": N_("Export the OHCHR thematic list with assessments"),
}

#: The export menu's documents, in its order.
MENU = (
    ("debrief", N_("Word debrief for the drafting team")),
    ("factsheet", N_("Factsheet on one theme, across bodies")),
    ("csv", N_("CSV matrix of every item and its latest response")),
    ("followup", N_("NGO follow-up submission to the Human Rights Committee")),
    ("matrix", N_("UPR mid-term matrix, by theme (landscape)")),
    ("ohchr-list", N_("OHCHR thematic list with the assessment column filled")),
)


def default_language() -> str:
    """The document's language unless the delegate picks another: the app's own."""
    code = i18n.current().code
    return code if code in i18n.LANGUAGES else i18n.ENGLISH


def run_export(
    kind: str,
    data: MissionData,
    out: Path,
    theme: str,
    include_confidential: bool,
    language: str = i18n.ENGLISH,
) -> Path:
    """The export itself, kept apart from the form so tests can call it; the document's own
    words and dates are in `language`."""
    from fieldkit import reports

    options = reports.ExportOptions(
        include_confidential=include_confidential,
        author=settings.named_author(),
        today=settings.today().isoformat(),
        language=language,
    )
    if kind == "debrief":
        return reports.export_debrief(data, out, options)
    if kind == "factsheet":
        if not theme.strip():
            raise ValueError(_("Name a theme for the factsheet, e.g. Torture."))
        return reports.export_factsheet(data, out, theme.strip(), options)
    if kind == "followup":
        return reports.export_followup(data, out, "CCPR", options)
    if kind == "matrix":
        return reports.export_matrix(data, out, None, options)
    if kind == "ohchr-list":
        return reports.export_ohchr_list(data, out, None, options)
    return reports.export_csv(data, out, options)


def _confidential_label(on: bool) -> str:
    """Said in words, not only by the box's colour (a console may show no colour)."""
    if on:
        return _("Confidential notes and contacts: INCLUDED (space to leave out)")
    return _("Confidential notes and contacts: left out (space to include)")


class ExportScreen(ModalScreen[Path | None]):
    SCOPES = ("export",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)

    def __init__(self, kind: str, data: MissionData, theme: str = "") -> None:
        super().__init__()
        self.kind = kind
        self.data = data
        self.theme = theme
        self.busy = False
        self.replacing: Path | None = None  # an existing file the delegate was warned of

    def compose(self) -> ComposeResult:
        from fieldkit.reports import default_name

        with Vertical(id="export-box"):
            yield Static(_(KINDS[self.kind]), id="export-title")
            if self.kind == "factsheet":
                themes = themes_of(self.data.items.values())
                yield Static(_("Theme (→ completes)"), classes="muted")
                yield Input(
                    self.theme,
                    placeholder=_("e.g. Torture"),
                    id="export-theme",
                    suggester=SuggestFromList(themes, case_sensitive=False),
                )
            yield Static(_("Save to"), classes="muted")
            default = settings.DEFAULT_EXPORTS / default_name(self.kind, self.theme)
            yield Input(str(default), id="export-out")
            yield Static(_("Language of the document"), classes="muted")
            yield Select(
                [(i18n.LANGUAGE_NAMES[code], code) for code in i18n.LANGUAGES],
                value=default_language(),
                allow_blank=False,
                compact=True,
                id="export-language",
            )
            yield Checkbox(_confidential_label(False), id="export-confidential")
            yield Static(_("enter or ctrl+s: write · escape: cancel"), classes="muted")

    def on_mount(self) -> None:
        first = "#export-theme" if self.kind == "factsheet" else "#export-out"
        self.query_one(first, Input).focus()
        if not settings.named_author():
            self.notify(
                _(
                    "No author name is set: the document will name none. Set it once with "
                    '`fieldkit profile --name "Your Name"` (or FIELDKIT_AUTHOR).'
                ),
                title=_("Author"),
                severity="warning",
                timeout=10,
            )

    @on(Input.Changed, "#export-theme")
    def _theme_changed(self, event: Input.Changed) -> None:
        from fieldkit.reports import default_name

        out = self.query_one("#export-out", Input)
        old_default = str(settings.DEFAULT_EXPORTS / default_name(self.kind, self.theme))
        if out.value == old_default:
            out.value = str(settings.DEFAULT_EXPORTS / default_name(self.kind, event.value))
        self.theme = event.value

    @on(Checkbox.Changed, "#export-confidential")
    def _confidential_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = _confidential_label(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_write()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_write(self) -> None:
        if self.busy:
            return
        out = self.query_one("#export-out", Input).value.strip()
        if not out:
            self.notify(_("Say where to save the document."), severity="warning")
            return
        confidential = self.query_one("#export-confidential", Checkbox).value
        path = Path(out).expanduser().absolute()
        if path.exists() and self.replacing != path:
            self.replacing = path  # said once; the same key again replaces it
            self.notify(
                _(
                    "{path} is already there: ctrl+s (or Enter) again replaces it, "
                    "or change the name"
                ).format(path=path),
                title=_("Not written yet"),
                severity="warning",
                timeout=10,
            )
            return
        self.busy = True
        self.notify(_("Writing…"), timeout=2)
        self._write(path, confidential, self.language)

    @property
    def language(self) -> str:
        """The language chosen for the document."""
        chosen = self.query_one("#export-language", Select).value
        return chosen if isinstance(chosen, str) else default_language()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _write(self, out: Path, confidential: bool, language: str) -> None:
        try:
            path = run_export(self.kind, self.data, out, self.theme, confidential, language)
        except Exception as exc:  # noqa: BLE001 - shown to the user; the form stays open
            self.app.call_from_thread(self._failed, exc)
        else:
            self.app.call_from_thread(self._done, path)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        report(self.app, exc)

    def _done(self, path: Path) -> None:
        if self.replacing == path.absolute():
            said = _("Wrote {path} (replacing the earlier file)")
        else:
            said = _("Wrote {path}")
        self.app.notify(said.format(path=path.absolute()), title=_("Exported"), timeout=8)
        self.dismiss(path)


class ExportMenu(ModalScreen[None]):
    """`e`: the documents fieldkit writes, one Enter away from their form."""

    SCOPES = ("export-menu",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)

    def __init__(self, data: MissionData, theme: str = "") -> None:
        super().__init__()
        self.data = data
        self.theme = theme

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(_("Export"), id="export-title")
            yield OptionList(
                *(Option(_(words), id=kind) for kind, words in MENU),
                id="export-menu",
            )
            yield Static(_("enter: choose · escape: close"), classes="muted")

    @on(OptionList.OptionSelected, "#export-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        kind = event.option.id or "debrief"
        self.dismiss(None)
        self.app.push_screen(ExportScreen(kind, self.data, self.theme))

    def action_close(self) -> None:
        self.dismiss(None)


def exporter(kind: str) -> Callable[[App[Any]], None]:
    """A palette command that opens the export form for `kind`."""

    def run(app: App[Any]) -> None:
        data: MissionData = getattr(app, "data", None) or MissionData(None)
        theme = getattr(getattr(app.screen, "flt", None), "theme", "") or ""
        if kind == "menu":
            app.push_screen(ExportMenu(data, theme))
        else:
            app.push_screen(ExportScreen(kind, data, theme))

    return run
