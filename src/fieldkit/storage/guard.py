"""Opt-in: shred the mission after too many wrong passphrases in a row.

The count is kept in a small file beside the mission (`.mission.json.guard`), so it holds
across processes. Each wrong passphrase says how many tries are left; the last one shreds
the mission and its backups (not the exports folder, which may serve other missions).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import orjson

from fieldkit.i18n import ngettext
from fieldkit.storage.atomic import atomic_write
from fieldkit.storage.backups import guard_path
from fieldkit.storage.errors import Shredded, WrongPassphrase


def _read(path: Path) -> tuple[int, int]:
    try:
        data = orjson.loads(guard_path(path).read_bytes())
        return int(data["after"]), int(data["wrong"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0, 0


def arm(path: Path, after: int) -> None:
    """Shred after `after` wrong passphrases in a row; 0 turns it off."""
    if after <= 0:
        with contextlib.suppress(FileNotFoundError):
            guard_path(path).unlink()
        return
    atomic_write(guard_path(path), orjson.dumps({"after": after, "wrong": 0}))


def armed(path: Path) -> int:
    return _read(path)[0]


def passed(path: Path) -> None:
    """The right passphrase was given: the count starts again."""
    after, wrong = _read(path)
    if after and wrong:
        atomic_write(guard_path(path), orjson.dumps({"after": after, "wrong": 0}))


def wrong_passphrase(path: Path, error: WrongPassphrase) -> WrongPassphrase:
    """Count one more wrong passphrase; shred on the last. Returns the error to raise."""
    after, wrong = _read(path)
    if not after:
        return error
    wrong += 1
    if wrong >= after:
        from fieldkit.storage.shred import shred

        shred(path, None)
        shredded = ngettext(
            "{count} wrong passphrase in a row, so the mission and its backups were shredded",
            "{count} wrong passphrases in a row, so the mission and its backups were shredded",
            after,
        ).format(count=after)
        return Shredded(WrongPassphrase.said(path, shredded), about=path)
    with contextlib.suppress(OSError):
        atomic_write(guard_path(path), orjson.dumps({"after": after, "wrong": wrong}))
    left = after - wrong
    warning = ngettext(
        "{count} more wrong passphrase and the mission is shredded",
        "{count} more wrong passphrases and the mission is shredded",
        left,
    ).format(count=left)
    return WrongPassphrase(WrongPassphrase.said(error.about, warning), about=error.about)
