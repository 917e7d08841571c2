"""Create or edit a meeting: one line per field, names completed from the directory.

Institutions, people and delegates are typed as comma-separated names; the last name being
typed is completed from those already known (→ accepts), and a new name simply joins the
directory when the meeting is saved. The agenda is typed as references and defaults to the
mission's priorities.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.domain.schedule import MeetingForm
from fieldkit.i18n import N_, _
from fieldkit.ui.widgets.text_input import FieldInput


class NameListSuggester(Suggester):
    """Completes the last of comma-separated names from a list of known names."""

    def __init__(self, names: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = sorted({n for n in names if n}, key=str.casefold)

    async def get_suggestion(self, value: str) -> str | None:
        head, comma, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        taken = {part.strip().casefold() for part in head.split(",")}
        for name in self.names:
            if name.casefold().startswith(typed.casefold()) and name.casefold() not in taken:
                lead = last[: len(last) - len(typed)]
                return f"{head}{comma}{lead}{typed}{name[len(typed) :]}"
        return None


#: (name, label, placeholder): the words are looked up in the catalogue when the form opens.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("title", N_("Title"), N_("e.g. Ministry of Justice")),
    ("when", N_("When"), N_("YYYY-MM-DD HH:MM")),
    ("place", N_("Place"), N_("address or room")),
    (
        "institutions",
        N_("Institutions"),
        N_("names, comma-separated (→ completes); new: KIBHR (ngo)"),
    ),
    ("people", N_("People"), N_("officials present; new: Marat Azimov (Deputy Minister)")),
    ("delegates", N_("Delegates"), N_("delegation members present")),
    ("agenda", N_("Agenda"), N_("references in order, e.g. CCPR-24, 95.42")),
    ("summary", N_("Summary"), N_("in a sentence, how it went (for the debrief)")),
)


def label_width(fields: tuple[tuple[str, str, str], ...]) -> int:
    """Room for the longest label in the chosen language, and a space."""
    return max(len(_(label)) for _name, label, _placeholder in fields) + 1


class MeetingEditor(ModalScreen[tuple[Meeting, list[Record]] | None]):
    """The meeting form; answers the meeting to save and the directory entries it adds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save")),
    ]

    DEFAULT_CSS = """
    MeetingEditor { align: center middle; }
    MeetingEditor > Vertical {
        width: 90; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    MeetingEditor .form-row { height: 1; }
    MeetingEditor .form-label { width: 13; color: $text-muted; }
    MeetingEditor .form-input { border: none; height: 1; padding: 0 1; width: 1fr; }
    MeetingEditor .form-input:focus { border: none; background: $boost; }
    MeetingEditor #form-error { color: $error; height: auto; }
    MeetingEditor .hint { color: $text-muted; }
    """

    def __init__(
        self,
        data: MissionData,
        meeting: Meeting | None,
        author: str,
        save: Callable[[Meeting, list[Record]], bool] | None = None,
    ) -> None:
        """`save` writes the result and says whether it could; while it cannot, the form
        stays open with everything typed in it."""
        super().__init__()
        self.data = data
        self.meeting = meeting
        self.author = author
        self.save_with = save
        self.form = MeetingForm.of(data, meeting)

    def start_today(self) -> None:
        """A new meeting starts on the app's today (tests and rehearsals fix the day)."""
        today = getattr(self.app, "today", None)
        if self.meeting is None and isinstance(today, date):
            self.form = MeetingForm.of(self.data, None, today)

    def compose(self) -> ComposeResult:
        self.start_today()
        data = self.data
        delegation = data.mission.delegation if data.mission else ()
        delegates = {d for m in data.meetings.values() for d in m.delegates} | set(delegation)
        suggesters = {
            "institutions": NameListSuggester(i.name for i in data.institutions.values()),
            "people": NameListSuggester(p.name for p in data.people.values()),
            "delegates": NameListSuggester(delegates),
            "agenda": NameListSuggester(i.short_ref for i in data.priorities),
        }
        if self.meeting is None:
            heading = _("New meeting")
        else:
            heading = _("Edit: {title}").format(title=self.meeting.title)
        width = label_width(FIELDS)
        with Vertical():
            yield Label(heading, classes="title")
            for name, label, placeholder in FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(_(label), classes="form-label").set_styles(f"width: {width};")
                    yield FieldInput(
                        getattr(self.form, name),
                        placeholder=_(placeholder),
                        id=f"meeting-{name}",
                        classes="form-input",
                        suggester=suggesters.get(name),
                        select_on_focus=name == "when",  # typing replaces the day offered
                    )
            yield Label("", id="form-error")
            yield Label(
                _("Enter: next field · ctrl+s or Enter on Summary: save · Esc"), classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#meeting-title", Input).focus()

    def current(self) -> MeetingForm:
        values = {name: self.query_one(f"#meeting-{name}", Input).value for name, *_f in FIELDS}
        return dataclasses.replace(self.form, **values)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"meeting-{FIELDS[-1][0]}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        try:
            result = self.current().apply(self.data, self.meeting, self.author)
        except ValueError as exc:
            self.query_one("#form-error", Label).update(str(exc))
            return
        if self.save_with is not None and not self.save_with(*result):
            self.query_one("#form-error", Label).update(
                _("Not saved: the form is kept; ctrl+s tries again")
            )
            return
        self.dismiss(result)


PERSON_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", N_("Name"), N_("as they introduced themselves")),
    ("title", N_("Job title"), N_("e.g. Deputy Minister")),
    ("institution", N_("Institution"), N_("name (→ completes); a new one joins the directory")),
    ("type", N_("Type"), N_("of a new institution: government, parliament, ngo, nhri, …")),
)


class PersonEditor(ModalScreen[dict[str, str] | None]):
    """A person met in the room: name, title, institution; answers the typed fields."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save")),
    ]

    DEFAULT_CSS = """
    PersonEditor { align: center middle; }
    PersonEditor > Vertical {
        width: 76; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    PersonEditor .form-row { height: 1; }
    PersonEditor .form-label { width: 13; color: $text-muted; }
    PersonEditor .form-input { border: none; height: 1; padding: 0 1; width: 1fr; }
    PersonEditor .form-input:focus { border: none; background: $boost; }
    PersonEditor #person-error { color: $error; height: auto; }
    PersonEditor .hint { color: $text-muted; }
    """

    def __init__(self, data: MissionData, check: Callable[[dict[str, str]], str]) -> None:
        """`check(fields)` answers why the person cannot be added, or ''."""
        super().__init__()
        self.data = data
        self.check = check

    def compose(self) -> ComposeResult:
        from fieldkit.domain.vocab import InstitutionType

        suggesters = {
            "institution": NameListSuggester(i.name for i in self.data.institutions.values()),
            "type": NameListSuggester(t.value for t in InstitutionType),
        }
        width = label_width(PERSON_FIELDS)
        with Vertical():
            yield Label(_("New person in the room (the speaker)"), classes="title")
            for name, label, placeholder in PERSON_FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(_(label), classes="form-label").set_styles(f"width: {width};")
                    yield FieldInput(
                        placeholder=_(placeholder),
                        id=f"person-{name}",
                        classes="form-input",
                        suggester=suggesters.get(name),
                        select_on_focus=False,
                    )
            yield Label("", id="person-error")
            yield Label(_("Enter: next field · ctrl+s or Enter on Type: add · Esc"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#person-name", Input).focus()

    def values(self) -> dict[str, str]:
        return {n: self.query_one(f"#person-{n}", Input).value for n, *_f in PERSON_FIELDS}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"person-{PERSON_FIELDS[-1][0]}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        problem = self.check(self.values())
        if problem:
            self.query_one("#person-error", Label).update(problem)
            return
        self.dismiss(self.values())
