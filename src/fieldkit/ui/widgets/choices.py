"""A row of choices, each picked with one letter, shown where the form's status line was.

The delegate is typing; F2 (say) asks for the stance: the row "a accepts · p partially
accepts · …" appears, one letter picks, and the cursor is back in the text. Escape or Enter
keeps what was chosen before. A letter that picks nothing is refused with a bell, never typed
anywhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from rich.text import Text
from textual import events
from textual.widgets import Static

from fieldkit.i18n import _

RESERVED = "-+"  # "-" is "nobody / none", "+" adds a new one where that makes sense


@dataclasses.dataclass(frozen=True, slots=True)
class Choice:
    letter: str
    value: str
    label: str


def lettered(pairs: Iterable[tuple[str, str]], fixed: dict[str, str] | None = None) -> list[Choice]:
    """Give each (value, label) a letter: `fixed[value]` if given, else the first free letter
    of a word's start, then of the label, then a digit."""
    taken: set[str] = set((fixed or {}).values()) | set(RESERVED)
    chosen: list[Choice] = []
    for value, label in pairs:
        letter = (fixed or {}).get(value) or _free_letter(label, taken)
        taken.add(letter)
        chosen.append(Choice(letter, value, label))
    return chosen


def _free_letter(label: str, taken: set[str]) -> str:
    words = [w for w in label.casefold().replace("-", " ").split() if w[:1].isalnum()]
    skip = {"the", "of", "and", "head", "chair", "chairman", "deputy", "director", "minister"}
    starts = [w[0] for w in words if w not in skip] + [w[0] for w in words]
    for letter in [*starts, *label.casefold()]:
        if letter.isalnum() and letter not in taken:
            return str(letter)
    for spare in "123456789abcdefghijklmnopqrstuvwxyz0":
        if spare not in taken:
            return spare
    return "?"


Answer = Callable[[str | None], None]


class ChoiceBar(Static, can_focus=True):
    """Asks one question; `answer(value)` is called with the value picked, or None to keep."""

    DEFAULT_CSS = """
    ChoiceBar { height: auto; padding: 0 1; display: none; }
    ChoiceBar:focus { background: $boost; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = ""
        self.choices: list[Choice] = []
        self.current = ""
        self._answer: Answer | None = None
        self._typed: Callable[[str], None] | None = None
        self._stop: Callable[[], None] | None = None

    def ask(
        self,
        question: str,
        choices: Sequence[Choice],
        current: str,
        answer: Answer,
        typed: Callable[[str], None] | None = None,
        stop: Callable[[], None] | None = None,
    ) -> None:
        """Show the row and take the next key; the caller is answered before any other key.

        `typed(character)` receives a character that picks nothing (it was meant as text);
        `stop()` is called first when such a key ends the questions.
        """
        self.question = question
        self.choices = list(choices)
        self.current = current
        self._answer = answer
        self._typed = typed
        self._stop = stop
        self.update(self.row())
        self.display = True
        self.focus()

    def row(self) -> Text:
        line = Text(f"{self.question}: ", style="bold")
        for choice in self.choices:
            style = "bold underline" if choice.value == self.current else ""
            line.append(f" {choice.letter} ", style="reverse")
            line.append(f" {choice.label}  ", style=style)
        line.append(_("esc keeps"), style="dim")
        return line

    def letters(self) -> dict[str, str]:
        return {c.letter: c.value for c in self.choices}

    def on_key(self, event: events.Key) -> None:
        """A letter of the row picks; Escape, Enter or Tab keep what was chosen.

        Any other key closes the row (keeping the choice) and goes where it would have
        gone: a character into the text, a function key to its command.
        """
        if event.key in ("f1", "question_mark"):
            return  # help, as everywhere
        if event.key in ("escape", "enter", "tab"):
            event.stop()
            self.close(None)
            return
        letter = (event.character or "").casefold() if event.is_printable else ""
        picked = self.letters().get(letter)
        if picked is not None:
            event.stop()
            self.close(picked)
            return
        typed, self._typed = self._typed, None
        if event.is_printable and event.character and typed is not None:
            event.stop()
            self.close(None, then_stop=True)
            typed(event.character)
        else:
            self.close(None, then_stop=True)

    def close(self, value: str | None, then_stop: bool = False) -> None:
        answer, self._answer = self._answer, None
        stop, self._stop = self._stop, None
        self.display = False
        if then_stop and stop is not None:
            stop()
        if answer is not None:
            answer(value)

    def on_blur(self) -> None:
        """Clicked away: the question is dropped, the choice kept."""
        if self._answer is not None:
            self.call_later(self._dropped)

    def _dropped(self) -> None:
        if self._answer is not None and not self.has_focus:
            self._answer = None
            self.display = False
