"""Errors in the app become notifications, never a traceback: one handler, `report`.

Textual stops a widget's message loop when a handler raises, so errors are caught where
fieldkit's code runs and all reach `report`: actions and keys (`FieldkitApp.run_action`),
palette commands (`safely`), workers (the app's `Worker.StateChanged` handler; workers are
started with `exit_on_error=False`), and message handlers that do real work (`guarded`).
Storage errors keep their own words, and a damaged file's message its restore command.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.worker import Worker, WorkerState

from fieldkit.i18n import _
from fieldkit.storage.errors import CorruptFile, StorageError

log = logging.getLogger("fieldkit.ui")

F = TypeVar("F", bound=Callable[..., Any])


def storage_message(error: BaseException) -> str:
    """What a delegate should read when the mission file cannot be read or written.

    A damaged file's message ends with the exact restore command, on a line of its own so it
    can be copied; an operating-system error (a stick pulled while it was being read) is
    put in the same words as the storage layer's own.
    """
    if isinstance(error, CorruptFile):
        command = error.restore_command
        return f"{error}\n{command}" if command else str(error)
    if isinstance(error, OSError) and not isinstance(error, StorageError):
        reason = error.strerror or str(error) or type(error).__name__
        return _(
            "the mission file cannot be reached ({reason}); nothing was changed: try again"
        ).format(reason=reason)
    return one_line(error)


def one_line(error: BaseException) -> str:
    """The error as a delegate should read it: storage and input errors speak for themselves."""
    if isinstance(error, CorruptFile) and error.restore_command:
        return f"{error} {error.restore_command}"
    text = str(error).strip()
    first = text.splitlines()[0] if text else ""
    if isinstance(error, StorageError | ValueError) and first:
        return first
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def report(app: App[Any], error: BaseException) -> None:
    """Tell the user, keep a record for tests and the log, and carry on."""
    errors = getattr(app, "errors", None)
    if isinstance(errors, list):
        errors.append(error)
    if isinstance(error, ValueError) and not isinstance(error, StorageError):
        # bad input or an action that does not apply here: say what to do, calmly
        log.info("fieldkit: %s", error)
        app.notify(one_line(error), severity="warning", timeout=6)
        return
    log.error("fieldkit app error", exc_info=error)
    if isinstance(error, StorageError | OSError):
        app.notify(storage_message(error), title=_("Mission file"), severity="error", timeout=15)
        return
    app.notify(one_line(error), title=_("Error"), severity="error", timeout=10)


def guarded(method: F) -> F:
    """Wrap a widget's (sync or async) method so an exception becomes a notification."""
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def run_async(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - reported to the user
                report(self.app, exc)
                return None

        return run_async  # type: ignore[return-value]

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - reported to the user
            report(self.app, exc)
            return None

    return run  # type: ignore[return-value]


def safely(app: App[Any], run: Callable[[], Any]) -> Callable[[], None]:
    """A callback that reports instead of raising (for palette commands and timers)."""

    def call() -> None:
        try:
            run()
        except Exception as exc:  # noqa: BLE001 - reported to the user
            report(app, exc)

    return call


def worker_failed(app: App[Any], event: Worker.StateChanged) -> None:
    """A worker's error goes to `report` like any other; writes raise to their caller."""
    worker = event.worker
    if event.state is WorkerState.ERROR and worker.group != "write" and worker.error:
        report(app, worker.error)
