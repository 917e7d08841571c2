"""Lock at once: a screen that shows nothing of the mission until the passphrase or PIN.

An encrypted mission unlocks with its passphrase, checked against the file's header (the
passphrase is dropped as soon as it is checked: nothing of it is kept); a plain one with
the profile's PIN (`fieldkit pin`). Wrong passphrases count toward `fieldkit wipe-after`.
The profile's `lock_after` (minutes) locks the app by itself when no key was pressed.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from fieldkit import settings
from fieldkit.i18n import N_, _
from fieldkit.storage.errors import Shredded, StorageError, WrongPassphrase
from fieldkit.ui import commands

#: What may still be done while locked: quit (it shows nothing either).
ALLOWED = frozenset({"quit", "stay", "app.quit"})
CHECK_IDLE_SECONDS = 15.0

#: What each secret is called on the lock screen: (its placeholder, the line under it, the
#: word when it is wrong). Keyed by the secret's English name, which `secret_of` answers.
SECRET_WORDS = {
    "passphrase": (
        N_("the passphrase"),
        N_("Type the passphrase and press Enter."),
        N_("Wrong passphrase."),
    ),
    "PIN": (N_("the PIN"), N_("Type the PIN and press Enter."), N_("Wrong PIN.")),
}


class LockScreen(Screen[None]):
    """Covers every other screen; only the right secret takes it away."""

    SCOPES = ("lock",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)
    DEFAULT_CSS = """
    LockScreen { align: center middle; }
    LockScreen #lock-box { width: 60; height: auto; border: round $primary; padding: 1 2; }
    LockScreen #lock-said { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret  # "passphrase" or "PIN"

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="lock-box"):
            placeholder, said, _wrong = SECRET_WORDS[self.secret]
            yield Static(_("fieldkit is locked"), id="lock-title")
            yield Input(password=True, placeholder=_(placeholder), id="lock-input")
            yield Static(_(said), id="lock-said")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_stay(self) -> None:
        """Keys that would leave or cover this screen do nothing here."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed, event.input.value = event.value, ""
        if not typed:
            return
        self.query_one("#lock-said", Static).update(_("Checking…"))
        event.input.disabled = True
        self._check(typed)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _check(self, typed: str) -> None:
        try:
            opened, said, gone = unlocks(self.app, typed), "", False
        except StorageError as exc:
            opened, said, gone = False, str(exc), isinstance(exc, Shredded)
        self.app.call_from_thread(self._checked, opened, said, gone)

    def _checked(self, opened: bool, said: str, gone: bool) -> None:
        if opened:
            unlock(self.app)
            return
        field = self.query_one(Input)
        field.disabled = False
        field.focus()
        self.query_one("#lock-said", Static).update(said or _(SECRET_WORDS[self.secret][2]))
        if gone:
            self.app.exit(return_code=1, message=f"fieldkit: {said}")


def secret_of(app: App[Any]) -> str | None:
    """What unlocks this app: "passphrase", "PIN", or None (nothing to lock with)."""
    store = getattr(app, "store", None)
    if store is not None and store.file.encrypted:
        return "passphrase"
    return "PIN" if settings.read_profile().get("pin") else None


def unlocks(app: App[Any], typed: str) -> bool:
    """Whether `typed` is the secret; a wrong passphrase counts toward the wipe."""
    from fieldkit.storage import crypto, guard

    store = getattr(app, "store", None)
    if store is not None and store.file.encrypted:
        try:
            if crypto.passphrase_opens(store.file.path, typed):
                guard.passed(store.file.path)
                return True
        except (OSError, ValueError):
            return False
        raise guard.wrong_passphrase(store.file.path, WrongPassphrase())
    return crypto.pin_matches(typed, settings.read_profile().get("pin", ""))


def is_locked(app: App[Any]) -> bool:
    return any(isinstance(screen, LockScreen) for screen in app.screen_stack)


def lock(app: App[Any]) -> None:
    """Cover the app now; say so when there is nothing to unlock it with."""
    if is_locked(app):
        return
    secret = secret_of(app)
    if secret is None:
        app.notify(
            _("Nothing to lock with: set a PIN with `fieldkit pin` or encrypt the mission."),
            severity="warning",
        )
        return
    app.clear_notifications()
    app.use_command_palette = False
    app.push_screen(LockScreen(secret))


def unlock(app: App[Any]) -> None:
    app.use_command_palette = app.ENABLE_COMMAND_PALETTE
    while is_locked(app) and len(app.screen_stack) > 1:
        app.pop_screen()


class IdleLock:
    """Locks the app after `minutes` without a key or a click (the profile's `lock_after`)."""

    def __init__(self, app: App[Any], minutes: float) -> None:
        self.app = app
        self.seconds = minutes * 60
        self.last = time.monotonic()

    @classmethod
    def start(cls, app: App[Any]) -> IdleLock | None:
        try:
            minutes = float(settings.read_profile().get("lock_after", "0"))
        except ValueError:
            return None
        if minutes <= 0:
            return None
        idle = cls(app, minutes)
        app.set_interval(min(CHECK_IDLE_SECONDS, idle.seconds / 4), idle.check, name="idle-lock")
        return idle

    def touch(self) -> None:
        self.last = time.monotonic()

    def check(self) -> None:
        if time.monotonic() - self.last >= self.seconds and not is_locked(self.app):
            lock(self.app)
