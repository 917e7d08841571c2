"""Rolling backups beside the mission file, kept as hard links to earlier versions.

Because every save renames a new file over the old one, linking the current file before the
save keeps the previous version at no cost in space or time.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from fieldkit.storage.folders import private_folder

KEEP = 10
#: What follows the mission's name in the name of a copy of it (`mission.json.1.tmp`, ...).
COPY_MARKS = tuple(".-_ ~(")


def backup_folder(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def guard_path(path: Path) -> Path:
    """Where the count of wrong passphrases is kept (see `fieldkit.storage.guard`)."""
    return path.with_name(f".{path.name}.guard")


def list_backups(path: Path) -> list[Path]:
    """Backups of `path`, newest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.name}.*.bak"), key=lambda p: p.name, reverse=True)


def keep_previous(path: Path, keep: int = KEEP) -> Path | None:
    """Link the current version of `path` into the backup folder and trim old backups."""
    if not path.exists():
        return None
    newest = list_backups(path)[:1]
    if newest and os.path.samefile(newest[0], path):
        return newest[0]  # this version is kept already (e.g. a save that failed is retried)
    folder = backup_folder(path)
    private_folder(folder, parents=False)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.name}.{stamp}.bak"
    try:
        os.link(path, target)
    except FileExistsError:
        return target
    except OSError:
        # A file system without hard links (some USB sticks): copy instead.
        target.write_bytes(path.read_bytes())
        target.chmod(0o600)
    for old in list_backups(path)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def keep_bytes(path: Path, data: bytes, keep: int = KEEP) -> Path:
    """Keep `data` as the newest backup of `path` (a version no longer on disk)."""
    from fieldkit.storage.atomic import atomic_write

    folder = backup_folder(path)
    private_folder(folder, parents=False)
    target = folder / f"{path.name}.{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}.bak"
    atomic_write(target, data)
    for old in list_backups(path)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def every_copy(path: Path) -> list[Path]:
    """Every file beside `path` that may hold a copy of the mission, whatever its name.

    Everything in the backups folder, and the files in the mission's folder named after it
    (temporary files of saves, drafts, copies made by sync tools), except its lock.
    """
    found: list[Path] = []
    folder = backup_folder(path)
    if folder.is_dir():
        found += [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    for sibling in path.parent.iterdir():
        name = sibling.name.lstrip(".")
        named_after = name.startswith(path.name) and name[len(path.name) : len(path.name) + 1]
        side_file = sibling.name.endswith((".lock", ".guard"))
        if sibling == path or named_after not in COPY_MARKS or side_file:
            continue
        if sibling.is_file() and not sibling.is_symlink():
            found.append(sibling)
    return sorted(found)


def newest_good(path: Path, is_good: Callable[[Path], bool]) -> Path | None:
    return next((b for b in list_backups(path) if is_good(b)), None)
