"""The two longer capture forms: a ministerial response, and a follow-up for the delegation.

Each field is one line so that the form fits an 80x24 terminal beside the agenda. Enter
moves to the next field and saves on the last one; ctrl+s saves from anywhere.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Label

from fieldkit.domain.grades import parse_grade
from fieldkit.domain.schedule import parse_day
from fieldkit.domain.vocab import Implementation, Stance
from fieldkit.ui.widgets.capture import CaptureForm, cycle, enum_or, sentence


class FieldRow(Horizontal):
    """A label and a one-line input."""

    def __init__(self, label: str, field_id: str, placeholder: str = "") -> None:
        super().__init__(classes="field-row")
        self.label = label
        self.field_id = field_id
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield Input(
            id=self.field_id,
            placeholder=self.placeholder,
            classes="field-input",
            select_on_focus=False,
        )


class InputForm(CaptureForm):
    """A capture form made of one-line inputs."""

    FIELDS: ClassVar[tuple[tuple[str, str, str], ...]] = ()  # (name, label, placeholder)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        for name, label, placeholder in self.FIELDS:
            yield FieldRow(label, f"{self.KIND}-{name}", placeholder)

    def input(self, name: str) -> Input:
        return self.query_one(f"#{self.KIND}-{name}", Input)

    def values(self) -> dict[str, str]:
        return {name: self.input(name).value for name, _, _ in self.FIELDS}

    def fill(self, fields: dict[str, Any]) -> None:
        for name, _, _ in self.FIELDS:
            self.input(name).value = str(fields.get(name) or "")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.touch()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on; on the last field it saves."""
        event.stop()
        names = [f"{self.KIND}-{name}" for name, _, _ in self.FIELDS]
        if event.input.id == names[-1]:
            self.action_submit()
        else:
            self.screen.focus_next()

    def focus_text(self) -> None:
        self.input(self.FIELDS[0][0]).focus()

    def clear(self) -> None:
        self.fill({})
        self.reset_choices()
        self.settled()

    def reset_choices(self) -> None:
        self.reset_common()


class ResponseCapture(InputForm):
    """The State's stance on the current item, as an official gave it."""

    KIND = "response"
    TITLE = "Response"
    FIELDS = (
        ("quote", "Quote", "the official's words, verbatim"),
        ("grade", "Grade", "A-E (B1, B2, C1, C2, D1, D2 also)"),
        ("commitment", "Commitment", "what the State undertook to do"),
        ("deadline", "Deadline", "YYYY-MM-DD"),
        ("text", "Remark", "the delegation's own remark"),
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "cycle_stance", "Stance", show=False, tooltip="Next stance"),
        Binding("f3", "cycle_speaker", "Speaker", show=False, tooltip="Next person present"),
        Binding("f4", "cycle_limb", "Limb", show=False, tooltip="Next limb of the item"),
        Binding("f5", "cycle_level", "Confidentiality", show=False, tooltip="Next level"),
        Binding(
            "f6",
            "cycle_implementation",
            "Implementation",
            show=False,
            tooltip="Next level of implementation the State claims",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stance = Stance.NO_ANSWER
        self.implementation = Implementation.UNKNOWN

    def action_cycle_stance(self) -> None:
        self.stance = cycle(list(Stance), self.stance)
        self.touch()

    def action_cycle_implementation(self) -> None:
        self.implementation = cycle(list(Implementation), self.implementation)
        self.touch()

    def status_line(self) -> Text:
        return self.chips(
            ("F2", "", self.stance.label),
            ("F6", "claimed", self.implementation.value),
            ("F3", "by", self.speaker_name),
            ("F4", "limb", self.limb or "—"),
            ("F5", "", self.confidentiality.value),
        )

    def fields(self) -> dict[str, Any]:
        return {
            "stance": self.stance.value,
            "implementation": self.implementation.value,
            **self.values(),
            **self.common_fields(),
        }

    def load(self, fields: dict[str, Any]) -> None:
        self.load_common(fields)
        self.stance = enum_or(Stance, fields.get("stance"), Stance.NO_ANSWER)
        self.implementation = enum_or(
            Implementation, fields.get("implementation"), Implementation.UNKNOWN
        )
        self.fill(fields)
        self.settled()

    def reset_choices(self) -> None:
        super().reset_choices()
        self.stance = Stance.NO_ANSWER
        self.implementation = Implementation.UNKNOWN

    def validate(self) -> str:
        values = self.values()
        try:
            if values["grade"].strip():
                parse_grade(values["grade"])
            parse_day(values["deadline"])
        except ValueError as exc:
            return sentence(str(exc))
        return ""


class ActionCapture(InputForm):
    """Something the delegation must do after the meeting: who, and by when."""

    KIND = "action"
    TITLE = "Follow-up"
    FIELDS = (
        ("text", "To do", "what the delegation must do"),
        ("owner", "Owner", "who will do it"),
        ("due", "Due", "YYYY-MM-DD"),
    )

    def status_line(self) -> Text:
        line = self.chips()
        line.append("  for the current item · Enter on Due or ctrl+s saves", style="dim")
        return line

    def fields(self) -> dict[str, Any]:
        return {**self.values(), "editing": self.editing or ""}

    def load(self, fields: dict[str, Any]) -> None:
        self.editing = str(fields.get("editing") or "") or None
        self.fill(fields)
        self.settled()

    def validate(self) -> str:
        values = self.values()
        if not values["text"].strip():
            return "Say what must be done first"
        try:
            parse_day(values["due"])
        except ValueError as exc:
            return sentence(str(exc))
        return ""
