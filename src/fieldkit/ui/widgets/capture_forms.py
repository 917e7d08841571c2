"""The two longer capture forms: a ministerial response, and a follow-up for the delegation.

Each field is one line so that the form fits an 80x24 terminal beside the agenda. Enter
moves to the next field and saves on the last one; ctrl+s saves from anywhere. A date is
typed as it is said (`30/6`, `end of year`, `+3m`) and shown back in full beside the field
before it is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label

from fieldkit.domain.dates import EXAMPLES, parse_date
from fieldkit.domain.grades import parse_grade
from fieldkit.domain.vocab import Confidentiality, Implementation, Stance, Word
from fieldkit.i18n import N_, _, format_date
from fieldkit.ui import commands
from fieldkit.ui.widgets.capture import NOBODY, CaptureForm, sentence
from fieldkit.ui.widgets.choices import Choice, lettered
from fieldkit.ui.widgets.text_input import FieldInput

STANCE_LETTERS = {
    "accepts": "a",
    "partially-accepts": "p",
    "under-consideration": "u",
    "rejects": "r",
    "disputes-facts": "d",
    "no-answer": "n",
}
IMPLEMENTATION_LETTERS = {"not": "n", "partially": "p", "fully": "f", "unknown": "u"}

#: The fields that hold a date: shown back in full as they are typed.
DATE_FIELDS = frozenset({"deadline", "due"})


class FieldRow(Horizontal):
    """A label, a one-line input, and (for dates) the date as read."""

    def __init__(self, label: str, field_id: str, placeholder: str = "", width: int = 12) -> None:
        super().__init__(classes="field-row")
        self.label = label
        self.field_id = field_id
        self.placeholder = placeholder
        self.label_width = width

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label").set_styles(f"width: {self.label_width};")
        yield FieldInput(
            id=self.field_id,
            placeholder=self.placeholder,
            classes="field-input",
            select_on_focus=False,
        )
        yield Label("", id=f"{self.field_id}-read", classes="field-read")


class InputForm(CaptureForm):
    """A capture form made of one-line inputs."""

    #: (name, label, placeholder), the words looked up in the catalogue when the form is built.
    FIELDS: ClassVar[tuple[tuple[str, str, str], ...]] = ()

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("input-form")

    def compose(self) -> ComposeResult:
        yield from super().compose()
        width = max(12, *(len(_(label)) + 2 for _name, label, _hint in self.FIELDS))
        for name, label, placeholder in self.FIELDS:
            hint = _(placeholder).format(examples=_(EXAMPLES))
            yield FieldRow(_(label), f"{self.KIND}-{name}", hint, width)

    def input(self, name: str) -> Input:
        return self.query_one(f"#{self.KIND}-{name}", Input)

    def names(self) -> list[str]:
        return [name for name, _label, _hint in self.FIELDS]

    def values(self) -> dict[str, str]:
        return {name: self.input(name).value for name in self.names()}

    def fill(self, fields: dict[str, Any]) -> None:
        for name in self.names():
            self.input(name).value = str(fields.get(name) or "")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        name = (event.input.id or "").removeprefix(f"{self.KIND}-")
        if name in DATE_FIELDS:
            self.query_one(f"#{event.input.id}-read", Label).update(self.read_date(event.value))
        self.touch()

    def read_date(self, text: str) -> str:
        """'→ Friday, 30 June 2017' for a date being typed, '?' while it is none yet."""
        try:
            day = parse_date(text, self.day)
        except ValueError:
            return "?"
        return f"→ {format_date(date.fromisoformat(day), 'full')}" if day else ""

    def action_next_field(self) -> None:
        """Enter moves on, there and then; on the last field it saves."""
        if self.close_choices():
            return
        focused = self.screen.focused
        names = [f"{self.KIND}-{name}" for name in self.names()]
        if focused is None or focused.id not in names or focused.id == names[-1]:
            self.action_submit()
            return
        self.input(self.FIELDS[names.index(focused.id) + 1][0]).focus()

    def focus_text(self) -> None:
        self.input(self.FIELDS[0][0]).focus()

    def text_widget(self) -> Widget | None:
        return self.input(self.FIELDS[0][0])

    def clear(self) -> None:
        self.fill({})
        self.reset_common()
        self.settled()

    def date_error(self, name: str) -> str:
        try:
            parse_date(self.input(name).value, self.day)
        except ValueError as exc:
            return sentence(str(exc))
        return ""


class ResponseCapture(InputForm):
    """The State's stance on the current item, as an official gave it."""

    KIND = "response"
    TITLE = N_("Response")
    EDITING = N_("Editing the response")
    FIELDS = (
        ("quote", N_("Quote"), N_("the official's words, verbatim")),
        ("grade", N_("Grade"), N_("A-E (B1, B2, C1, C2, D1, D2 also)")),
        ("commitment", N_("Commitment"), N_("what the State undertook to do")),
        ("deadline", N_("Deadline"), N_("as said: {examples}")),
        ("text", N_("Remark"), N_("the delegation's own remark")),
    )
    CHOICES: ClassVar[dict[str, tuple[str, str]]] = {
        "stance": ("F2", N_("Stance")),
        "implementation": ("F6", N_("Claimed implementation")),
        "speaker_id": ("F3", N_("Speaker")),
        "limb": ("F4", N_("Limb")),
        "confidentiality": ("F5", N_("Confidentiality")),
    }
    WORDS: ClassVar[dict[str, type[Word]]] = {
        "stance": Stance,
        "implementation": Implementation,
        "confidentiality": Confidentiality,
    }
    DEFAULTS: ClassVar[dict[str, str]] = {
        "stance": Stance.NO_ANSWER.value,
        "implementation": Implementation.UNKNOWN.value,
        "speaker_id": NOBODY,
        "limb": "",
        "confidentiality": "internal",
    }

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("response-form")

    def options(self, name: str) -> list[Choice]:
        if name == "stance":
            return lettered(((s.value, s.label) for s in Stance), STANCE_LETTERS)
        if name == "implementation":
            levels = ((i.value, i.label) for i in Implementation)
            return lettered(levels, IMPLEMENTATION_LETTERS)
        return super().options(name)

    def label(self, name: str) -> str:
        if name == "implementation":
            level = Implementation(self.chosen.get(name) or "unknown").label
            return _("claims {level}").format(level=level)
        return super().label(name)

    def begin(self) -> None:
        """A new response: stance first, then who said it, then the quote."""
        self.ask_in_turn(["stance", "speaker_id"], then=self.input("quote"))

    def fields(self) -> dict[str, Any]:
        return {**self.values(), **self.common_fields()}

    def load(self, fields: dict[str, Any]) -> None:
        self.load_common(fields)
        self.fill(fields)
        self.settled()

    def validate(self) -> str:
        grade = self.values()["grade"].strip()
        try:
            if grade:
                parse_grade(grade)
        except ValueError as exc:
            return sentence(str(exc))
        return self.date_error("deadline")


class ActionCapture(InputForm):
    """Something the delegation must do after the meeting: who, and by when."""

    KIND = "action"
    TITLE = N_("Follow-up action")
    EDITING = N_("Editing the follow-up")
    FIELDS = (
        ("text", N_("To do"), N_("what the delegation must do")),
        ("owner", N_("Owner"), N_("who will do it")),
        ("due", N_("Due"), N_("as said: {examples}")),
    )
    DEFAULTS: ClassVar[dict[str, str]] = {}

    def status_line(self) -> Any:
        line = super().status_line()
        hint = _("for the current item · Enter on Due or ctrl+s saves")
        line.append("  " + hint, style="dim")
        return line

    def fields(self) -> dict[str, Any]:
        return {**self.values(), "editing": self.editing or ""}

    def load(self, fields: dict[str, Any]) -> None:
        self.editing = str(fields.get("editing") or "") or None
        self.fill(fields)
        self.settled()

    def validate(self) -> str:
        if not self.values()["text"].strip():
            return _("Say what must be done first")
        return self.date_error("due")
