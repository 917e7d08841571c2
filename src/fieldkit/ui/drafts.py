"""Typing in a meeting is never lost: forms in progress are kept as drafts in the mission file.

A `DraftKeeper` watches one capture form. The first change after a save starts a short
timer; when it fires, the form as it stands is written as a `Draft` record (one atomic save),
so at most `DELAY` seconds of typing can be lost to a crash or a closed terminal. Saving the
finished record deletes the draft in the same transaction. On the next start the drafts an
author left behind are offered back.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol

from textual.timer import Timer

from fieldkit.domain.drafts import is_blank
from fieldkit.domain.meetings import Draft
from fieldkit.i18n import _
from fieldkit.storage.errors import StorageError
from fieldkit.storage.repository import Tx

# Seconds between the first unsaved keystroke and the draft being on disk.
DELAY = 0.5

Schedule = Callable[[float, Callable[[], None]], Timer]


class Writing(Protocol):
    """The app's write path on this thread (`app.writing`), announced like every write."""

    def __call__(self, backup: bool = True) -> AbstractContextManager[Tx]: ...


class DraftKeeper:
    """Keeps one capture form's content in the mission file while it is being typed."""

    def __init__(
        self,
        writing: Writing,
        author: str,
        kind: str,
        schedule: Schedule,
        on_error: Callable[[str], None] = lambda message: None,
    ) -> None:
        self._writing = writing
        self.author = author
        self.kind = kind
        self._schedule = schedule
        self._on_error = on_error
        self._timer: Timer | None = None
        self._pending: tuple[str | None, str | None, dict[str, Any]] | None = None
        self._failing = False  # the last write failed: said once, not at every keystroke
        self.draft: Draft | None = None

    def adopt(self, draft: Draft) -> None:
        """Continue an existing draft (offered back after a crash) instead of a new one."""
        self.draft = draft

    def changed(self, meeting_id: str | None, item_id: str | None, fields: dict[str, Any]) -> None:
        """The form changed: make sure it is saved within `DELAY` seconds."""
        self._pending = (meeting_id, item_id, dict(fields))
        if self._timer is None:
            self._timer = self._schedule(DELAY, self.flush)

    def flush(self) -> None:
        """Write the pending form now (or delete the draft if the form was emptied)."""
        self._stop_timer()
        pending, self._pending = self._pending, None
        if pending is None:
            return
        meeting_id, item_id, fields = pending
        try:
            with self._writing(backup=False) as tx:
                if is_blank(fields):
                    self._drop(tx)
                else:
                    self._write(tx, meeting_id, item_id, fields)
        except (StorageError, OSError) as exc:
            self._pending = self._pending or pending
            if not self._failing:
                self._on_error(_("The draft could not be saved: {reason}").format(reason=exc))
            self._failing = True
        else:
            self._failing = False

    def _write(
        self, tx: Tx, meeting_id: str | None, item_id: str | None, fields: dict[str, Any]
    ) -> None:
        if self.draft is None:
            self.draft = Draft(
                kind=self.kind,
                meeting_id=meeting_id,
                item_id=item_id,
                fields=fields,
                author=self.author,
            )
        else:
            self.draft = self.draft.touched(meeting_id=meeting_id, item_id=item_id, fields=fields)
        tx.put(self.draft)

    def _drop(self, tx: Tx) -> None:
        if self.draft is not None:
            tx.delete(Draft, self.draft.id)
            self.draft = None

    def finish(self, tx: Tx) -> None:
        """The record was saved in `tx`: its draft goes in the same transaction."""
        self._stop_timer()
        self._pending = None
        self._drop(tx)

    def unfinished(
        self,
        draft: Draft | None,
        meeting_id: str | None,
        item_id: str | None,
        fields: dict[str, Any],
    ) -> None:
        """The transaction `finish` joined failed: the draft is still the one on disk.

        The form is kept as pending, written with the next change or when the room closes,
        so a second failure is not announced while the first is still on screen.
        """
        self.draft = draft
        self._pending = (meeting_id, item_id, dict(fields))

    def discard(self) -> None:
        """Throw the draft away (the delegate cleared or abandoned the form)."""
        self._stop_timer()
        self._pending = None
        if self.draft is None:
            return
        before = self.draft
        try:
            with self._writing(backup=False) as tx:
                self._drop(tx)
        except (StorageError, OSError) as exc:
            self.draft = before
            self._on_error(_("The draft could not be removed: {reason}").format(reason=exc))

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
