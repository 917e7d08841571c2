"""The capture area of the meeting room: what a delegate types while an official talks.

Every choice on a form (kind, speaker, limb, confidentiality) is one function key that
cycles through its values without leaving the text, so typing never stops to reach for a
menu. Forms post `Edited` on every change (the room keeps a draft) and `Submitted` when the
delegate saves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from fieldkit.domain.vocab import Confidentiality, NoteKind

T = TypeVar("T")

NOBODY = ""


def cycle(options: Sequence[T], current: T) -> T:
    """The option after `current`, wrapping round; the first if `current` is not there."""
    if not options:
        return current
    try:
        return options[(list(options).index(current) + 1) % len(options)]
    except ValueError:
        return options[0]


def sentence(message: str) -> str:
    """A message with its first letter raised, the rest untouched."""
    return message[:1].upper() + message[1:]


class NoteText(TextArea):
    """The note's text: Enter saves the note (paragraphs are separate notes)."""


class CaptureForm(Vertical):
    """What every capture form shares: the people present, the item's limbs, edits."""

    KIND: ClassVar[str] = ""  # 'note', 'response' or 'action': also the draft's kind
    TITLE: ClassVar[str] = ""

    class Edited(Message):
        """The form changed and should be kept as a draft."""

        def __init__(self, form: CaptureForm) -> None:
            super().__init__()
            self.form = form

    class Submitted(Message):
        """The delegate asked to save the form."""

        def __init__(self, form: CaptureForm) -> None:
            super().__init__()
            self.form = form

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.speakers: list[tuple[str, str]] = [(NOBODY, "—")]
        self.limbs: list[str] = [""]
        self.speaker_id = NOBODY
        self.limb = ""
        self.confidentiality = Confidentiality.INTERNAL
        self.editing: str | None = None
        self.error = ""
        self.notice = ""
        self._snapshot: dict[str, Any] = {}
        #: Saves the form there and then (the room sets it). A save must happen before the
        #: next key is typed into the box, so it is a call, not a message.
        self.saver: Callable[[CaptureForm], None] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.KIND}-status", classes="capture-status")

    def on_mount(self) -> None:
        self.show_status()

    def action_submit(self) -> None:
        """Save the form now: the keys typed after Enter belong to the next record."""
        if self.saver is not None:
            self.saver(self)
        else:
            self.post_message(self.Submitted(self))

    # -- context -------------------------------------------------------------------------

    def set_context(self, speakers: Sequence[tuple[str, str]], limbs: Sequence[str]) -> None:
        """The people who may speak and the limbs of the current item."""
        self.speakers = [(NOBODY, "—"), *speakers]
        self.limbs = ["", *limbs]
        if self.limb not in self.limbs:
            self.limb = ""
        if self.speaker_id not in {s for s, _ in self.speakers}:
            self.speaker_id = NOBODY
        self.show_status()

    @property
    def speaker_name(self) -> str:
        return dict(self.speakers).get(self.speaker_id, "—")

    # -- the choices, one key each ------------------------------------------------------

    def action_cycle_speaker(self) -> None:
        self.speaker_id = cycle([s for s, _ in self.speakers], self.speaker_id)
        self.touch()

    def action_cycle_limb(self) -> None:
        self.limb = cycle(self.limbs, self.limb)
        self.touch()

    def action_cycle_level(self) -> None:
        self.confidentiality = cycle(list(Confidentiality), self.confidentiality)
        self.touch()

    # -- state ---------------------------------------------------------------------------

    def touch(self) -> None:
        """Something changed: redraw the status and tell the room (for the draft)."""
        current = self.fields()
        if current != self._snapshot:
            self._snapshot = current
            self.error = ""
            self.notice = ""
            self.post_message(self.Edited(self))
        self.show_status()

    def settled(self) -> None:
        """The form was filled or cleared by the program: not an edit to keep."""
        self._snapshot = self.fields()
        self.show_status()

    def common_fields(self) -> dict[str, Any]:
        return {
            "speaker_id": self.speaker_id,
            "limb": self.limb,
            "confidentiality": self.confidentiality.value,
            "editing": self.editing or "",
        }

    def load_common(self, fields: dict[str, Any]) -> None:
        speaker = str(fields.get("speaker_id") or NOBODY)
        if speaker not in {s for s, _ in self.speakers}:
            speaker = NOBODY
        self.speaker_id = speaker
        limb = str(fields.get("limb") or "")
        self.limb = limb if limb in self.limbs else ""
        self.confidentiality = enum_or(
            Confidentiality, fields.get("confidentiality"), Confidentiality.INTERNAL
        )
        self.editing = str(fields.get("editing") or "") or None

    def reset_common(self) -> None:
        self.speaker_id = NOBODY
        self.limb = ""
        self.confidentiality = Confidentiality.INTERNAL
        self.editing = None

    def show_error(self, message: str) -> None:
        self.error = message
        self.show_status()

    def show_notice(self, message: str) -> None:
        """A word in the status line ('Note saved') that goes at the next keystroke.

        Kept out of toasts, which would cover the text being typed.
        """
        self.notice = message
        self.show_status()

    def show_status(self) -> None:
        if not self.is_mounted:
            return
        status = self.query_one(f"#{self.KIND}-status", Static)
        if self.error:
            status.update(Text(self.error, style="bold red"))
        elif self.notice:
            line = self.status_line()
            line.append(f"  ✓ {self.notice}", style="bold green")
            status.update(line)
        else:
            status.update(self.status_line())

    def status_line(self) -> Text:
        raise NotImplementedError

    def chips(self, *pairs: tuple[str, str, str]) -> Text:
        """The status line: the title, then `key label: value` for each choice."""
        line = Text()
        title = "Editing " + self.TITLE.lower() if self.editing else self.TITLE
        line.append(title, style="bold")
        for key, label, value in pairs:
            line.append("  ")
            line.append(key, style="reverse")
            line.append(f" {label}: " if label else " ")
            line.append(value, style="bold")
        return line

    # -- what subclasses provide ----------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def load(self, fields: dict[str, Any]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def focus_text(self) -> None:
        raise NotImplementedError

    def validate(self) -> str:
        """A one-line reason the form cannot be saved, or ''."""
        return ""


def enum_or(cls: type[Any], value: Any, default: Any) -> Any:
    """`cls(value)`, or `default` for a value a draft file should not have held."""
    try:
        return cls(value)
    except ValueError:
        return default


class NoteCapture(CaptureForm):
    """A note on the current item: kind, speaker, limb, confidentiality and the text."""

    KIND = "note"
    TITLE = "Note"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Save note", show=False, priority=True),
        Binding("f2", "cycle_kind", "Note kind", show=False, tooltip="Next kind of note"),
        Binding("f3", "cycle_speaker", "Speaker", show=False, tooltip="Next person present"),
        Binding("f4", "cycle_limb", "Limb", show=False, tooltip="Next limb of the item"),
        Binding("f5", "cycle_level", "Confidentiality", show=False, tooltip="Next level"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = NoteKind.STATEMENT

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield NoteText(
            id="note-text",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder="Type what is said; Enter saves the note",
        )

    @property
    def text_area(self) -> NoteText:
        return self.query_one("#note-text", NoteText)

    def action_cycle_kind(self) -> None:
        self.kind = cycle(list(NoteKind), self.kind)
        self.touch()

    def status_line(self) -> Text:
        return self.chips(
            ("F2", "kind", self.kind.value),
            ("F3", "speaker", self.speaker_name),
            ("F4", "limb", self.limb or "—"),
            ("F5", "", self.confidentiality.value),
        )

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.touch()

    def fields(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "text": self.text_area.text, **self.common_fields()}

    def load(self, fields: dict[str, Any]) -> None:
        self.load_common(fields)
        self.kind = enum_or(NoteKind, fields.get("kind"), NoteKind.STATEMENT)
        self.text_area.text = str(fields.get("text") or "")
        self.text_area.move_cursor(self.text_area.document.end)
        self.settled()

    def clear(self) -> None:
        """Ready for the next note: the text goes, the kind and speaker stay (they often do)."""
        self.text_area.text = ""
        self.editing = None
        self.settled()

    def focus_text(self) -> None:
        self.text_area.focus()

    def validate(self) -> str:
        return "" if self.text_area.text.strip() else "Type the note first (Enter saves it)"
