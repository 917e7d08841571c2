"""The app's one way to the mission file: every write, every reload, one announcement each.

`LiveMission` runs a write's transaction in a worker thread (a save of a large mission is
tens of milliseconds of JSON and fsync), one write at a time and in the order asked, then
reads the new snapshot and hands the app a `Change` naming the tables and ids written.
Another process's change is noticed by the file watcher (`storage/watch.py`), read in a thread
and announced the same way. The version on screen is remembered by the file's signature,
so the watcher's echo of our own write is recognised and costs nothing.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual.timer import Timer
from textual.worker import WorkerFailed

from fieldkit.i18n import _
from fieldkit.storage.errors import CorruptFile, StorageError
from fieldkit.storage.mission_file import Signature, signature
from fieldkit.storage.repository import Store, Tx
from fieldkit.storage.watch import watch_file
from fieldkit.ui.changes import Change
from fieldkit.ui.errors import storage_message

if TYPE_CHECKING:
    from fieldkit.ui.app import FieldkitApp

T = TypeVar("T")

#: Seconds between looks at the file when it cannot be watched (its folder is gone).
POLL_SECONDS = 0.5

Written = tuple[Any, Change | None, "Signature | None"]


class LiveMission:
    """The mission file as the app sees it: written through here, followed from here."""

    def __init__(self, app: FieldkitApp, store: Store) -> None:
        self.app = app
        self.store = store
        self._store_lock = threading.RLock()  # the reload thread and our writes take turns
        self._turn = asyncio.Lock()  # writes run one at a time, in the order asked
        self._shown = self.signature()  # the version of the file on screen
        self._generation = 0  # bumped by every write of our own
        self._loading = False
        self._reload_failed = False
        self._stop = threading.Event()
        self._poll: Timer | None = None

    def first(self) -> Change:
        return Change(self.store.data(), "start")

    def signature(self) -> Signature | None:
        """The file's signature; None when it cannot even be looked at (a stick pulled)."""
        try:
            return signature(self.store.path)
        except OSError:
            return None

    # -- writing ---------------------------------------------------------------------------

    async def write(self, apply: Callable[[Tx], T], backup: bool = True) -> T:
        """Run `apply` in one transaction off the UI thread; announce what it changed."""
        async with self._turn:
            worker = self.app.run_worker(
                partial(self._commit, apply, backup),
                thread=True,
                group="write",
                exit_on_error=False,
            )
            try:
                result, change, seen = await worker.wait()
            except WorkerFailed as failed:
                raise failed.error from None
        self._announce(change, seen)
        return result  # type: ignore[no-any-return]

    @contextmanager
    def writing(self, backup: bool = True) -> Iterator[Tx]:
        """The same write on this thread, done when the block ends (leaving a screen)."""
        with self._store_lock:
            with self.store.transaction(backup) as tx:
                yield tx
            change, seen = self._written(tx)
        self._announce(change, seen)

    def _commit(self, apply: Callable[[Tx], Any], backup: bool) -> Written:
        with self._store_lock:
            with self.store.transaction(backup) as tx:
                result = apply(tx)
            change, seen = self._written(tx)
        return result, change, seen

    def _written(self, tx: Tx) -> tuple[Change | None, Signature | None]:
        """What a finished transaction changed, with the new snapshot (read under the lock)."""
        if not tx.changed:
            return None, None
        seen = self.signature()
        return Change.written(self.store.data(), tx.touched), seen

    def _announce(self, change: Change | None, seen: Signature | None) -> None:
        if change is None:
            return
        self._generation += 1
        self._shown = seen
        self.app.announce(change)

    # -- following the file ----------------------------------------------------------------

    def follow(self) -> None:
        """Start watching the file for other processes' changes."""
        self._stop.clear()
        # A thread of its own, not a worker: it runs as long as the app, and workers are
        # what `app.workers.wait_for_complete()` waits for.
        threading.Thread(target=self._watch, name="fieldkit-watch", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        with suppress(OSError, RuntimeError):  # the folder went away, or no watcher here
            watch_file(self.store.path, self._from_thread, self._stop)
        if not self._stop.is_set():
            self._from_thread(self.poll_until_back)

    def _from_thread(self, callback: Callable[[], None] | None = None) -> None:
        try:
            self.app.call_from_thread(callback or self.look)
        except RuntimeError:
            self._stop.set()  # the app has stopped

    def poll_until_back(self) -> None:
        """Polling, the fallback: until the folder can be watched again."""
        if self._poll is None:
            self._poll = self.app.set_interval(POLL_SECONDS, self._poll_once, name="poll-file")

    def _poll_once(self) -> None:
        self.look()
        if self.store.path.parent.is_dir() and self._poll is not None:
            self._poll.stop()
            self._poll = None
            self.follow()

    def look(self) -> None:
        """The file may have changed: read it in a thread if it is not the version shown."""
        if self._loading or self.signature() == self._shown:
            return
        self._loading = True
        self.app.run_worker(
            partial(self._load, self._generation),
            thread=True,
            group="reload",
            exclusive=True,
            exit_on_error=False,
        )

    def _load(self, generation: int) -> None:
        seen = self.signature()
        try:
            with self._store_lock:
                data = self.store.data()
        except (StorageError, OSError) as exc:  # OSError: a stick pulled mid-read
            self.app.call_from_thread(self._cannot_reload, exc, seen)
        else:
            self.app.call_from_thread(self._loaded, Change(data, "file"), generation, seen)
        finally:
            self._loading = False

    def _loaded(self, change: Change, generation: int, seen: Signature | None) -> None:
        if generation != self._generation:
            return  # a write of our own has shown fresher data meanwhile
        self._shown = seen
        self._reload_failed = False
        self.app.announce(change)

    def _cannot_reload(self, exc: Exception, seen: Signature | None) -> None:
        """Keep the last good data on screen and say why, once until the file changes.

        A damaged file's notice ends with the exact `fieldkit restore` command, and stays up
        long enough to copy it.
        """
        self._shown = seen
        if not self._reload_failed:
            timeout = 60 if isinstance(exc, CorruptFile) else 10
            self.app.notify(
                storage_message(exc), title=_("Cannot reload"), severity="error", timeout=timeout
            )
        self._reload_failed = True
