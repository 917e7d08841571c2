"""The capture area of the meeting room: what a delegate types while an official talks.

Every choice on a form (kind, stance, speaker, limb, confidentiality) is one function key
that shows a row of choices, each picked with one letter, and the cursor is back in the text
(see `choices`). Forms post `Edited` on every change (the room keeps a draft) and are saved by
the room's `saver` there and then, before the next key is typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from fieldkit.domain.people import DELEGATE
from fieldkit.domain.vocab import Confidentiality, NoteKind, Word
from fieldkit.i18n import N_, _
from fieldkit.ui import commands
from fieldkit.ui.widgets.choices import Choice, ChoiceBar, lettered

NOBODY = ""
ADD_PERSON = "+"  # the speaker row's "new person"

#: One letter per value, the same on every form and in the help.
CONFIDENTIALITY_LETTERS = {"public": "p", "internal": "i", "confidential": "c"}
NOTE_KIND_LETTERS = {
    "statement": "s",
    "commitment": "c",
    "concern": "n",
    "question": "q",
    "follow-up": "f",
    "quote": "t",
    "observation": "o",
}


def sentence(message: str) -> str:
    """A message with its first letter raised, the rest untouched."""
    return message[:1].upper() + message[1:]


class NoteText(TextArea):
    """The note's text: Enter saves the note (paragraphs are separate notes); `?` in an
    empty box shows the keys, after text it is a question mark."""

    async def on_key(self, event: events.Key) -> None:
        if event.key == "question_mark" and not self.text.strip():
            event.prevent_default()
            event.stop()
            await self.run_action("app.help")


class CaptureForm(Vertical):
    """What every capture form shares: the choices asked by letter, the status line, edits."""

    KIND: ClassVar[str] = ""  # 'note', 'response' or 'action': also the draft's kind
    #: The form's name, and its name while a record is edited (looked up when shown).
    TITLE: ClassVar[str] = ""
    EDITING: ClassVar[str] = ""
    #: Each choice of the form: name -> (the key that asks for it, the question).
    CHOICES: ClassVar[dict[str, tuple[str, str]]] = {}
    DEFAULTS: ClassVar[dict[str, str]] = {}
    #: The choices that are vocabulary words: shown by their label, kept by their value.
    WORDS: ClassVar[dict[str, type[Word]]] = {"confidentiality": Confidentiality}

    class Edited(Message):
        """The form changed and should be kept as a draft."""

        def __init__(self, form: CaptureForm) -> None:
            super().__init__()
            self.form = form

    class Submitted(Message):
        """The delegate asked to save the form (when the room set no `saver`)."""

        def __init__(self, form: CaptureForm) -> None:
            super().__init__()
            self.form = form

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.speakers: list[tuple[str, str]] = []
        self.day = date.today()
        self.limbs: list[str] = []
        self.chosen: dict[str, str] = dict(self.DEFAULTS)
        self.editing: str | None = None
        self.error = ""
        self.notice = ""
        self._snapshot: dict[str, Any] = {}
        self._questions: list[str] = []
        self._back_to: Widget | None = None
        #: Saves the form there and then (the room sets it). A save must happen before the
        #: next key is typed into the box, so it is a call, not a message.
        self.saver: Callable[[CaptureForm], object] | None = None
        #: Asks for a new person (the room sets it); answers the new speaker's id or None.
        self.add_person: Callable[[Callable[[str | None], None]], None] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.KIND}-status", classes="capture-status")
        yield ChoiceBar(id=f"{self.KIND}-choices")

    def on_mount(self) -> None:
        self.show_status()

    def action_submit(self) -> None:
        """Save the form now: the keys typed after Enter belong to the next record.

        With a row of choices open, Enter only closes it (the choice kept).
        """
        if self.close_choices():
            return
        if self.saver is not None:
            self.saver(self)
        else:
            self.post_message(self.Submitted(self))

    def close_choices(self) -> bool:
        """Close the row of choices if it is open (keeping the choice); False if it was not."""
        bar = self.query_one(ChoiceBar)
        if not bar.has_focus:
            return False
        bar.close(None)
        return True

    # -- context -------------------------------------------------------------------------

    def set_context(
        self, speakers: Sequence[tuple[str, str]], limbs: Sequence[str], day: date
    ) -> None:
        """The people who may speak (id, name), the limbs of the current item, and the day
        of the meeting (dates typed without a year are in its year)."""
        self.day = day
        self.speakers = list(speakers)
        self.limbs = list(limbs)
        if self.chosen.get("limb", "") not in {"", *self.limbs}:
            self.chosen["limb"] = ""
        if self.chosen.get("speaker_id", "") not in {NOBODY, *dict(self.speakers)}:
            self.chosen["speaker_id"] = NOBODY
        self.show_status()

    @property
    def speaker_name(self) -> str:
        return dict(self.speakers).get(self.chosen.get("speaker_id", ""), "—")

    # -- the choices, one letter each ----------------------------------------------------

    def options(self, name: str) -> list[Choice]:
        """The row of choices for `name`, each with its letter."""
        if name == "speaker_id":
            people = lettered(self.speakers)
            nobody, new = Choice("-", NOBODY, _("nobody")), Choice("+", ADD_PERSON, _("new…"))
            return [nobody, *people, new]
        if name == "limb":
            limbs = lettered(((label, label) for label in self.limbs), _limb_letters(self.limbs))
            return [Choice("-", "", _("whole item")), *limbs]
        if name == "confidentiality":
            return lettered(((c.value, c.label) for c in Confidentiality), CONFIDENTIALITY_LETTERS)
        return []

    def label(self, name: str) -> str:
        """The chosen value of `name` as the status line shows it."""
        value = self.chosen.get(name, "")
        if name == "speaker_id":
            return self.speaker_name
        if name in self.WORDS and value:
            return self.WORDS[name](value).label
        return value.replace("-", " ") if value else "—"

    def action_ask(self, name: str) -> None:
        """Show the row of choices for `name`; the next key picks."""
        self.ask_in_turn([name])

    def ask_in_turn(self, names: Sequence[str], then: Widget | None = None) -> None:
        """Ask each choice in turn, then put the cursor in `then` (else where it was)."""
        focused = self.screen.focused
        inside = focused is not None and self in focused.ancestors_with_self
        if isinstance(focused, ChoiceBar):
            focused = self._back_to  # one row closed by the key that asks for another
        self._back_to = then or (focused if inside else None)
        self._questions = [n for n in names if n in self.CHOICES]
        self._next_question()

    def _next_question(self) -> None:
        status = self.query_one(f"#{self.KIND}-status", Static)
        bar = self.query_one(ChoiceBar)
        if not self._questions:
            status.display = True
            self.show_status()
            target = self._back_to
            if target is not None and target.is_attached:
                target.focus()
            else:
                self.focus_text()
            return
        name = self._questions.pop(0)
        status.display = False
        question = _(self.CHOICES[name][1])
        bar.ask(
            question,
            self.options(name),
            self.chosen.get(name, ""),
            self._answer_for(name),
            typed=self._type_on,
            stop=self._questions.clear,
        )

    def _answer_for(self, name: str) -> Callable[[str | None], None]:
        def answered(value: str | None) -> None:
            if value == ADD_PERSON and self.add_person is not None:
                self.add_person(self._new_speaker)
                return
            if value is not None and value != ADD_PERSON:
                self.chosen[name] = value
                self.touch()
            self._next_question()

        return answered

    def _type_on(self, character: str) -> None:
        """A character that picked nothing: the questions end and it goes into the text."""
        target = self._back_to if self._back_to is not None else self.text_widget()
        if isinstance(target, TextArea):
            target.insert(character)
        elif isinstance(target, Input):
            target.insert_text_at_cursor(character)

    def text_widget(self) -> Widget | None:
        """Where typing goes on this form when no other place is asked for."""
        return None

    def _new_speaker(self, person_id: str | None) -> None:
        if person_id:
            self.chosen["speaker_id"] = person_id
            self.touch()
        self._next_question()

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
        return {**self.chosen, "editing": self.editing or ""}

    def load_common(self, fields: dict[str, Any]) -> None:
        """The choices from a draft or a record; a value the form does not know is dropped."""
        self.chosen = dict(self.DEFAULTS)
        for name in self.DEFAULTS:
            value = str(fields.get(name) or "")
            if value in {c.value for c in self.options(name)} or (
                name == "speaker_id" and value.startswith(DELEGATE)
            ):
                self.chosen[name] = value
        self.editing = str(fields.get("editing") or "") or None

    def reset_common(self) -> None:
        self.chosen = dict(self.DEFAULTS)
        self.editing = None

    def show_error(self, message: str) -> None:
        self.error = message
        self.show_status()

    def show_notice(self, message: str) -> None:
        """A word in the status line ('saved') that goes at the next keystroke.

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
        """The title, then `key value` for each choice."""
        line = Text()
        line.append(_(self.EDITING if self.editing else self.TITLE), style="bold")
        for name, (key, _question) in self.CHOICES.items():
            line.append("  ")
            line.append(key, style="reverse")
            line.append(" ")
            line.append(self.label(name), style="bold")
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


def _limb_letters(labels: Sequence[str]) -> dict[str, str]:
    """'(a)' is picked with a, '(b)' with b: the letter the item itself uses."""
    letters: dict[str, str] = {}
    for label in labels:
        letter = label.strip("() ").casefold()
        if len(letter) == 1 and letter not in letters.values():
            letters[label] = letter
    return letters


class NoteCapture(CaptureForm):
    """A note on the current item: kind, speaker, limb, confidentiality and the text."""

    KIND = "note"
    TITLE = N_("Note")
    EDITING = N_("Editing the note")
    CHOICES: ClassVar[dict[str, tuple[str, str]]] = {
        "kind": ("F2", N_("Kind")),
        "speaker_id": ("F3", N_("Speaker")),
        "limb": ("F4", N_("Limb")),
        "confidentiality": ("F5", N_("Confidentiality")),
    }
    WORDS: ClassVar[dict[str, type[Word]]] = {
        "kind": NoteKind,
        "confidentiality": Confidentiality,
    }
    DEFAULTS: ClassVar[dict[str, str]] = {
        "kind": NoteKind.STATEMENT.value,
        "speaker_id": NOBODY,
        "limb": "",
        "confidentiality": Confidentiality.INTERNAL.value,
    }

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("note-form")

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield NoteText(
            id="note-text",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=_("Type what is said; Enter saves the note"),
        )

    @property
    def text_area(self) -> NoteText:
        return self.query_one("#note-text", NoteText)

    def text_widget(self) -> Widget | None:
        return self.text_area

    def options(self, name: str) -> list[Choice]:
        if name == "kind":
            return lettered(((k.value, k.label) for k in NoteKind), NOTE_KIND_LETTERS)
        return super().options(name)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.touch()

    def fields(self) -> dict[str, Any]:
        return {"text": self.text_area.text, **self.common_fields()}

    def load(self, fields: dict[str, Any]) -> None:
        self.load_common(fields)
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
        return "" if self.text_area.text.strip() else _("Type the note first (Enter saves it)")
