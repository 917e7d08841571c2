"""Encrypting or decrypting a mission with its backups, under its lock, whatever interrupts it.

The form of the mission file decides, and is read under the lock: a racing `encrypt` and
`decrypt` each see what the other finished. The file itself is always the least protected of
its copies: `encrypt` seals every copy first and the file last, `decrypt` opens the file first
and then the copies. A crash, a full disk or a kill at any moment therefore leaves no plain
copy beside an encrypted file, except the temporary file of the one write under way, which
the next save or conversion removes and `fieldkit check` reports until then.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.i18n import _, ngettext
from fieldkit.storage import backups
from fieldkit.storage.atomic import atomic_write
from fieldkit.storage.codec import Codec, PlainCodec, is_sealed
from fieldkit.storage.errors import StorageError
from fieldkit.storage.mission_file import MissionFile


class ConversionFailed(StorageError):
    def __init__(self, path: Path, done: str, reason: str, again: str) -> None:
        message = _("could not finish: {reason}; {done}: {again}")
        super().__init__(message.format(reason=reason, done=done, again=again))
        self.path = path


@dataclass
class Converted:
    """What one conversion did."""

    file: bool = False  # the mission file itself changed form
    copies: int = 0  # backups and leftovers rewritten in the new form
    removed: list[str] = field(default_factory=list)  # copies that could not be read
    left: list[str] = field(default_factory=list)  # sealed copies another key protects


def encrypt(mission: MissionFile, codec: Codec | None) -> Converted:
    """Seal the mission with `codec`, or finish sealing the copies of a sealed one.

    `codec` is None when the file looked encrypted before the lock was taken; if it is plain
    by then (a racing `decrypt`), nothing is changed.
    """
    with mission.lock.held():
        mission.tree()
        done = Converted()
        if mission.encrypted:
            _seal_copies(mission, mission.codec_for(mission.path.read_bytes()), done)
            return done
        if codec is None:
            raise StorageError(
                _(
                    "{path} was decrypted meanwhile by another fieldkit; nothing was "
                    "changed: run `fieldkit encrypt` again"
                ).format(path=mission.path)
            )
        _seal_copies(mission, codec, done)
        try:
            mission.rewrite(codec)
        except (StorageError, OSError) as exc:
            raise ConversionFailed(
                mission.path,
                _still_plain(done),
                getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc),
                _("free some space or fix the folder, then run `fieldkit encrypt` again"),
            ) from None
        done.file = True
        with contextlib.suppress(OSError):
            backups.keep_previous(mission.path)  # the version restore puts back: a link
        return done


def decrypt(mission: MissionFile) -> Converted:
    """Write the mission plain, then its copies; or finish opening the copies of a plain one."""
    with mission.lock.held():
        mission.tree()
        done = Converted()
        if mission.encrypted:
            mission.rewrite(PlainCodec())
            done.file = True
            with contextlib.suppress(OSError):
                backups.keep_previous(mission.path)  # the version restore puts back
        try:
            _open_copies(mission, done)
        except OSError as exc:
            raise ConversionFailed(
                mission.path,
                ngettext(
                    "the mission file is plain; {count} backup was decrypted",
                    "the mission file is plain; {count} backups were decrypted",
                    done.copies,
                ).format(count=done.copies),
                exc.strerror or str(exc),
                _("run `fieldkit decrypt` again to finish the others"),
            ) from None
        return done


def _seal_copies(mission: MissionFile, codec: Codec, done: Converted) -> None:
    """Rewrite every plain copy sealed; remove the ones that cannot be read or converted."""
    for copy in backups.every_copy(mission.path):
        try:
            data = copy.read_bytes()
        except OSError:
            _remove(mission, copy, done)
            continue
        if is_sealed(data) or not data:
            continue
        if not copy.name.endswith(".bak"):
            _remove(mission, copy, done)  # a leftover temporary file: never needed again
            continue
        try:
            tree = PlainCodec().decode(data)
        except ValueError:
            _remove(mission, copy, done)
            continue
        try:
            atomic_write(copy, codec.encode(tree))
        except OSError as exc:
            raise _failed(mission, done, exc) from None
        done.copies += 1


def _open_copies(mission: MissionFile, done: Converted) -> None:
    for copy in backups.every_copy(mission.path):
        with contextlib.suppress(OSError):
            data = copy.read_bytes()
            if not is_sealed(data):
                continue
            if not copy.name.endswith(".bak"):
                copy.unlink()
                continue
            try:
                tree = mission.codec_for(data).decode(data)
            except (StorageError, ValueError):
                done.left.append(copy.name)
                continue
            atomic_write(copy, PlainCodec().encode(tree))
            done.copies += 1


def _remove(mission: MissionFile, copy: Path, done: Converted) -> None:
    """Delete a copy that cannot be sealed; if even that fails, stop before the file is."""
    try:
        copy.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _failed(mission, done, exc, copy) from None
    done.removed.append(copy.name)


def _still_plain(done: Converted) -> str:
    return ngettext(
        "the mission file is still plain and {count} backup is encrypted",
        "the mission file is still plain and {count} backups are encrypted",
        done.copies,
    ).format(count=done.copies)


def _failed(
    mission: MissionFile, done: Converted, exc: OSError, copy: Path | None = None
) -> ConversionFailed:
    reason = exc.strerror or str(exc)
    if copy is not None:
        reason = _("cannot remove the plain copy {copy} ({reason})").format(
            copy=copy, reason=reason
        )
    return ConversionFailed(
        mission.path,
        _still_plain(done),
        reason,
        _("free some space or fix the folder, then run `fieldkit encrypt` again"),
    )
