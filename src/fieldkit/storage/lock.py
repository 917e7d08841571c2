"""The cross-process lock beside the mission file.

`filelock` uses flock(2): the kernel drops the lock when its process dies, so a lock left by a
killed process never blocks the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from fieldkit.i18n import _
from fieldkit.storage.errors import LockTimeout, MissingFile, WriteFailed

LOCK_TIMEOUT_S = 30.0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class MissionLock:
    """One process's handle on the lock of one mission file (re-entrant within the process)."""

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT_S) -> None:
        self.path = path
        self.timeout = timeout
        self._lock = FileLock(str(lock_path(path)), timeout=timeout, mode=0o600)

    @contextmanager
    def held(self) -> Iterator[None]:
        if not self.path.parent.is_dir():
            # filelock would create the folder: a pulled USB stick's mount point, on the laptop
            raise MissingFile(self.path)
        try:
            self._lock.acquire()
        except Timeout:
            raise LockTimeout(self.path, self.timeout) from None
        except OSError as exc:  # a read-only folder or stick: the file can be read, not changed
            reason = _("cannot take its lock ({reason})").format(reason=exc.strerror or exc)
            raise WriteFailed(self.path, reason) from None
        try:
            yield
        finally:
            self._lock.release()
