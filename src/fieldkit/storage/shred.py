"""Destroying a mission at once: key material first, then every copy fieldkit knows of.

For an encrypted mission the header of every copy (the salt and check value the key is
derived with) is overwritten with random bytes and flushed to disk before anything else:
from then on no passphrase opens any of them, whatever happens next, and that takes
milliseconds whatever the size of the file. Plain copies (a plain mission, exported
documents) are overwritten with zeros before they are deleted, which a copy-on-write or
flash file system may not honour: `Shredded.not_reached` says so.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.i18n import _
from fieldkit.storage import backups
from fieldkit.storage.codec import is_sealed
from fieldkit.storage.lock import lock_path

BLOCK = 1 << 20
#: Bytes overwritten at the start of a file whose header cannot be read.
HEAD = 4096


@dataclass
class Shredded:
    keys_destroyed: int = 0  # copies whose key material was overwritten
    overwritten: int = 0  # plain files overwritten with zeros
    removed: int = 0
    failed: list[str] = field(default_factory=list)
    not_reached: list[str] = field(default_factory=list)


def _header_length(data: bytes) -> int:
    from fieldkit.storage.crypto import NONCE_BYTES, parse_header

    try:
        return len(parse_header(data).raw) + NONCE_BYTES
    except ValueError:
        return HEAD


def destroy_key(path: Path) -> bool:
    """Overwrite the key material of a sealed file in place; False if it is not sealed."""
    with path.open("r+b") as handle:
        head = handle.read(HEAD)
        if not is_sealed(head):
            return False
        handle.seek(0)
        handle.write(os.urandom(_header_length(head)))
        handle.flush()
        os.fsync(handle.fileno())
    return True


def overwrite(path: Path) -> None:
    """Overwrite a file's bytes with zeros, in place, and flush them to disk."""
    size = path.stat().st_size
    zeros = bytes(min(size, BLOCK))
    with path.open("r+b") as handle:
        left = size
        while left > 0:
            left -= handle.write(zeros[: min(left, BLOCK)])
        handle.flush()
        os.fsync(handle.fileno())


def targets(path: Path, exports: Path | None) -> list[Path]:
    """Every file to destroy: the mission, its copies, its lock, and the exports folder."""
    found = [path, *backups.every_copy(path), lock_path(path), backups.guard_path(path)]
    if exports is not None and exports.is_dir():
        found += sorted(p for p in exports.rglob("*") if p.is_file() and not p.is_symlink())
    return [p for p in dict.fromkeys(found) if p.is_file()]


def shred(path: Path, exports: Path | None) -> Shredded:
    """Destroy the mission at `path`, its backups and leftovers, and the exports folder."""
    done = Shredded()
    files = targets(path, exports)
    sealed: set[Path] = set()
    for target in files:  # first, and alone: after this loop nothing can be opened
        try:
            if destroy_key(target):
                sealed.add(target)
                done.keys_destroyed += 1
        except OSError as exc:
            done.failed.append(f"{target} ({exc.strerror or exc})")
    for target in files:
        try:
            if target not in sealed:
                overwrite(target)
                done.overwritten += 1
            target.unlink()
            done.removed += 1
        except OSError as exc:
            done.failed.append(f"{target} ({exc.strerror or exc})")
    for folder in (backups.backup_folder(path), exports):
        if folder is not None and folder.is_dir():
            _remove_empty(folder)
    with contextlib.suppress(OSError):
        path.parent.rmdir()  # only when nothing else is in it
    done.not_reached = _not_reached(bool(done.overwritten))
    return done


def _remove_empty(folder: Path) -> None:
    """Remove `folder` and the folders under it that are empty now (nothing else)."""
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):
            sub.rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()


def _not_reached(plain: bool) -> list[str]:
    out = [
        _(
            "copies made elsewhere: bundles and documents written with --out outside the "
            "exports folder, files sent, synced or on other sticks"
        ),
        _(
            "what other programs keep: the Word files' recent-documents lists, swap, backups "
            "of the whole disk"
        ),
    ]
    if plain:
        out.append(
            _(
                "plain files on an SSD, a USB stick or a copy-on-write file system may keep "
                "old blocks after being overwritten: encrypt missions so that this does not "
                "matter"
            )
        )
    return out
