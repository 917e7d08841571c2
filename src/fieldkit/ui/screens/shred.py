"""Shred from the palette: only after the word itself is typed, then the app closes.

No key, no Enter on its own and no click does it: the confirmation asks for the word
`shred` to be typed in full, so it cannot be hit by accident or by a key meant elsewhere.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from fieldkit import settings
from fieldkit.i18n import _, ngettext
from fieldkit.ui import commands

WORD = "shred"


class ConfirmShred(ModalScreen[bool]):
    """Typed by its result: True only when the word was typed and Enter pressed."""

    SCOPES = ("shred",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)
    DEFAULT_CSS = """
    ConfirmShred { align: center middle; }
    ConfirmShred #shred-box { width: 66; height: auto; border: thick $error; padding: 1 2; }
    """

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="shred-box"):
            question = _("Destroy {path}, its backups and the exports folder?")
            yield Static(question.format(path=self.what))
            yield Static(
                _("There is no undo. Type the word {word}, then Enter; Escape cancels.").format(
                    word=WORD
                )
            )
            yield Input(placeholder=WORD, id="shred-word")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip().lower() == WORD:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def ask_and_shred(app: App[Any]) -> None:
    store = getattr(app, "store", None)
    if store is None:
        return

    def done(confirmed: bool | None) -> None:
        if not confirmed:
            app.notify(_("Nothing was shredded."))
            return
        from fieldkit.storage.shred import shred

        result = shred(store.file.path, settings.DEFAULT_EXPORTS)
        said = ngettext(
            "shredded {path}: key material destroyed in {count} file",
            "shredded {path}: key material destroyed in {count} files",
            result.keys_destroyed,
        ).format(path=store.path, count=result.keys_destroyed)
        failed = ""
        if result.failed:
            failed = "; " + _("could not destroy {paths}").format(paths=", ".join(result.failed))
        app.exit(return_code=1 if failed else 0, message=f"fieldkit: {said}{failed}")

    app.push_screen(ConfirmShred(str(store.path)), done)
