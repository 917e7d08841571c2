"""Crash-safe file replacement: temporary file, fsync, rename over, fsync the folder."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

OWNER_ONLY = 0o600


def atomic_write(path: Path, data: bytes | Callable[[os.stat_result], bytes]) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    The new file is created readable by its owner only. `data` may be a function of the new
    file's stat (its inode is the one `path` will have), called before anything is written.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), OWNER_ONLY)
            handle.write(data if isinstance(data, bytes) else data(os.fstat(handle.fileno())))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(folder)


def remove_orphans(path: Path) -> int:
    """Delete the temporary files of saves of `path` that were killed mid-write.

    Each is a copy of the whole mission. Call only while holding the file's lock, when no
    other save of `path` can be under way.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    removed = 0
    for candidate in path.parent.glob(f".{path.name}.*.tmp"):
        if pattern.fullmatch(candidate.name):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed += 1
    return removed


def fsync_folder(folder: Path) -> None:
    """Make a rename or link in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
