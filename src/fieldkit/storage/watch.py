"""Noticing another process's changes to the mission file, as soon as they are on disk.

The folder is watched with `watchfiles` (inotify and its kin). Where the operating system
cannot tell about changes made elsewhere (network folders) the same watcher polls instead;
and if the folder itself goes away (a stick pulled), the app falls back to polling the
file's signature until it is back. The watcher only says "look again": the app compares
the file's signature with the version on screen, so its own writes cost nothing more.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

#: Filesystems where changes made by another machine raise no event here.
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "davfs", "fuse.rclone", "afs"}
)
POLL_MS = 500


def filesystem_type(path: Path) -> str:
    """The type of the filesystem holding `path` ('' when it cannot be told)."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    target = os.path.realpath(path)
    best, kind = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def must_poll(path: Path) -> bool:
    """Polling where events cannot be trusted: asked for, or a network filesystem."""
    if os.environ.get("FIELDKIT_WATCH", "").strip().lower() == "poll":
        return True
    return filesystem_type(path.parent) in NETWORK_FILESYSTEMS


def watch_file(path: Path, changed: Callable[[], None], stop: threading.Event) -> None:
    """Call `changed` each time `path` may have changed, until `stop` is set.

    Blocks: run it in a thread. Returns when the folder can no longer be watched (raises
    OSError, e.g. the folder is gone), so the caller can fall back to polling.
    """
    from watchfiles import watch

    name, folder = path.name, str(path.parent)

    def about_the_file(_change: object, where: str) -> bool:
        return where == folder or os.path.basename(where) == name

    for _batch in watch(
        path.parent,
        watch_filter=about_the_file,
        debounce=50,
        step=20,
        stop_event=stop,
        rust_timeout=1000,
        recursive=False,
        force_polling=must_poll(path),
        poll_delay_ms=POLL_MS,
        raise_interrupt=False,
    ):
        changed()
        if not path.parent.is_dir():
            return
