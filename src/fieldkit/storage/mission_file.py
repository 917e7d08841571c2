"""One mission file on disk: read with change detection, and change in locked transactions.

Each change takes the lock, reads the file again only if it changed since the last read,
applies the change to that freshest tree, links the previous version as a backup, and writes
the new tree once, atomically and durably.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import orjson

from fieldkit.i18n import _
from fieldkit.storage import backups, guard, replica, schema
from fieldkit.storage.atomic import atomic_write, remove_orphans
from fieldkit.storage.codec import (
    ENCRYPTED_MAGIC,
    Codec,
    PassphraseSource,
    PlainCodec,
    Tree,
    is_sealed,
)
from fieldkit.storage.errors import (
    CorruptFile,
    MissingFile,
    NewerSchema,
    PassphraseNeeded,
    WriteFailed,
    WrongPassphrase,
)
from fieldkit.storage.folders import private_folder
from fieldkit.storage.lock import MissionLock

Signature = tuple[int, int, int]

__all__ = ["ENCRYPTED_MAGIC", "MissionFile", "PassphraseSource", "follow"]


def follow(path: Path) -> Path:
    """The file a symlinked mission path points to: saves, backups and the lock go there."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def signature(path: Path) -> Signature | None:
    """What changes whenever the file is replaced or rewritten."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Change:
    """The tree a transaction works on, and whether it must be saved."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.dirty = False


class MissionFile:
    """A mission file and this process's cached view of it."""

    def __init__(self, path: Path, passphrase: PassphraseSource | None = None) -> None:
        self.path = follow(path)
        self.lock = MissionLock(self.path)
        self._passphrase = passphrase
        self._codec: Codec | None = None
        self._tree: Tree | None = None
        self._sig: Signature | None = None
        self._rescued: Path | None = None

    def ask_passphrase_with(self, source: PassphraseSource | None) -> None:
        """Change how a passphrase is obtained (the app must not prompt once it has the screen)."""
        self._passphrase = source

    # -- reading ---------------------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        return self._codec is not None and not isinstance(self._codec, PlainCodec)

    def changed_on_disk(self) -> bool:
        return self._tree is None or signature(self.path) != self._sig

    def tree(self) -> Tree:
        """The freshest tree (re-read only when the file changed). Treat it as read-only."""
        if self.changed_on_disk():
            self._load()
        assert self._tree is not None
        return self._tree

    def _load(self) -> None:
        sig = signature(self.path)
        if sig is None:
            rescued = self._rescue()
            if rescued is not None:
                raise CorruptFile(self.path, _("the file has disappeared"), rescued)
            raise MissingFile(self.path)
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise WriteFailed(self.path, exc.strerror or str(exc)) from None
        try:
            tree = self.decode(data, self.path)
        except CorruptFile as exc:
            rescued = self._rescue()
            if rescued is None:
                raise
            raise CorruptFile(self.path, exc.reason, rescued) from None
        if self._tree is not None and _mission_ids(tree) != _mission_ids(self._tree):
            self._rescue()  # another mission was put in its place: keep the one we had
        self._rescued = None
        version = schema.version_of(tree)
        if version > schema.SCHEMA_VERSION:
            raise NewerSchema(self.path, version, schema.SCHEMA_VERSION)
        self._tree, self._sig = tree, sig
        if version < schema.SCHEMA_VERSION:
            self._migrate()

    def _migrate(self) -> None:
        with self.lock.held():
            if signature(self.path) != self._sig:
                self._tree = None
                self._load()
                return
            self._keep_previous()
            assert self._tree is not None
            self._write(schema.migrate(self._tree))

    def _rescue(self) -> Path | None:
        """Keep the last version this process saw when the file vanished or was replaced.

        That version may exist nowhere else: backups hold the versions before the last save.
        A mission removed with its backups folder (shredded) is not brought back.
        """
        tree, codec, self._tree = self._tree, self._codec, None
        if tree is None or codec is None:
            return self._rescued
        if not self.path.exists() and not backups.backup_folder(self.path).is_dir():
            return self._rescued  # shredded, backups and all: bring nothing back
        with suppress(OSError, ValueError):
            self._rescued = backups.keep_bytes(self.path, codec.encode(tree))
        return self._rescued

    def _keep_previous(self) -> None:
        try:
            backups.keep_previous(self.path)
        except OSError as exc:
            reason = _("cannot keep a backup in {folder} ({reason})").format(
                folder=backups.backup_folder(self.path).name, reason=exc.strerror or exc
            )
            raise WriteFailed(self.path, reason) from None

    def codec_for(self, data: bytes) -> Codec:
        if is_sealed(data):
            from fieldkit.storage.crypto import codec_for_file  # loaded only when needed

            try:
                codec = codec_for_file(data, self.path, self._passphrase, self._codec)
            except WrongPassphrase as exc:
                raise guard.wrong_passphrase(self.path, exc) from None
            guard.passed(self.path)
            return codec
        return PlainCodec()

    def decode(self, data: bytes, origin: Path) -> Tree:
        """Decode file bytes; a file that cannot be read as a mission raises CorruptFile."""
        codec = self.codec_for(data)
        try:
            tree = codec.decode(data)
            schema.version_of(tree)
            _check_tables(tree)
        except (ValueError, TypeError, AttributeError) as exc:
            raise CorruptFile(self.path, _reason(exc, data), self.newest_good_backup()) from None
        if origin == self.path:
            self._codec = codec
        return tree

    def is_good(self, candidate: Path) -> bool:
        try:
            data = candidate.read_bytes()
            tree = self.codec_for(data).decode(data)
            _check_tables(tree)
            return schema.version_of(tree) <= schema.SCHEMA_VERSION
        except (PassphraseNeeded, WrongPassphrase):
            raise  # backups share the file's passphrase: say that, not "no good backup"
        except Exception:  # any other failure means: not a good backup
            return False

    def newest_good_backup(self) -> Path | None:
        return backups.newest_good(self.path, self.is_good)

    # -- writing ---------------------------------------------------------------------------

    def create(self, tree: Tree, codec: Codec | None = None) -> None:
        """Write a new mission file (refusing to overwrite one), creating its folder."""
        try:
            private_folder(self.path.parent)
        except OSError as exc:
            raise WriteFailed(self.path, exc.strerror or str(exc)) from None
        with self.lock.held():
            if self.path.exists():
                raise WriteFailed(self.path, _("a mission file already exists there"))
            schema.set_version(tree)
            self._codec = codec or PlainCodec()
            self._write(tree)

    def rewrite(self, codec: Codec) -> None:
        """Write the file again in another form (encrypted or not), keeping no backup.

        The backups are converted by the caller: linking the old form among them would leave
        a copy of the mission in the form being left.
        """
        with self.lock.held():
            tree = copy.deepcopy(self.tree())
            self._codec = codec
            self._write(tree)

    @contextmanager
    def transaction(self, backup: bool = True) -> Iterator[Change]:
        """Lock, yield the freshest tree to change, then save it once if it was changed.

        The tree is a shallow copy: replace a table before changing it, never edit one in place.
        `backup=False` (drafts saved while typing) leaves the rolling backups alone, so that
        a burst of typing does not push the real history out of them.
        """
        with self.lock.held():
            change = Change(copy.copy(self.tree()))
            try:
                yield change
            except BaseException:
                self._tree = None
                raise
            if change.dirty:
                if backup:
                    self._keep_previous()
                self._write(change.tree)

    def restore(self, backup: Path | None = None) -> Path:
        """Put a backup back in place; the current file is kept as a backup first.

        Without `backup`, the newest backup that reads as a sound mission is used.
        """
        with self.lock.held():
            chosen = backup if backup is not None else self.newest_good_backup()
            if chosen is None:
                raise WriteFailed(self.path, _("no good backup was found to restore"))
            if not chosen.is_file():
                raise WriteFailed(self.path, _("backup {path} does not exist").format(path=chosen))
            if not self.is_good(chosen):
                unsound = _("backup {name} is not a sound mission file").format(name=chosen.name)
                raise WriteFailed(self.path, unsound)
            data = self._in_current_form(chosen.read_bytes())
            self._keep_previous()
            try:
                atomic_write(self.path, data)
            except OSError as exc:
                raise WriteFailed(self.path, exc.strerror or str(exc)) from None
            self._tree = None
            return chosen

    def _in_current_form(self, data: bytes) -> bytes:
        """A restored copy takes the form of the file it replaces: encrypted stays encrypted.

        Only a file that reads as a plain mission makes a sealed copy plain: a damaged
        encrypted file (cut to nothing, say) must not open the way to a plaintext restore.
        """
        try:
            current = self.path.read_bytes()
        except OSError:
            return data
        if is_sealed(current) == is_sealed(data):
            return data
        try:
            if is_sealed(current):
                return self.codec_for(current).encode(self.codec_for(data).decode(data))
            PlainCodec().decode(current)
        except ValueError as exc:
            if is_sealed(current):
                reason = _(
                    "it is encrypted and its key cannot be read ({reason}): restore an "
                    "encrypted backup instead"
                ).format(reason=exc)
                raise WriteFailed(self.path, reason) from None
            return data
        return PlainCodec().encode(self.codec_for(data).decode(data))

    def _write(self, tree: Tree) -> None:
        codec = self._codec or PlainCodec()

        def data(st: os.stat_result) -> bytes:
            replica.bind(tree, self.path, st)
            return codec.encode(tree)

        try:
            remove_orphans(self.path)
            atomic_write(self.path, data)
        except OSError as exc:
            self._tree = None
            raise WriteFailed(self.path, exc.strerror or str(exc)) from None
        self._tree, self._sig = tree, signature(self.path)


def _mission_ids(tree: Tree) -> set[str]:
    return {str(doc.get("id")) for doc in (tree.get("mission") or {}).values()}


def _check_tables(tree: Any) -> None:
    if not isinstance(tree, dict):
        raise ValueError(_("the file does not hold a JSON object"))
    for name, table in tree.items():
        if not isinstance(table, dict):
            raise ValueError(_("table {name} is not an object").format(name=repr(name)))


def _reason(exc: Exception, data: bytes) -> str:
    if not data.strip():
        return _("the file is empty")
    if isinstance(exc, ValueError) and not isinstance(exc, orjson.JSONDecodeError):
        return str(exc)  # fieldkit's own words, already in the chosen language
    text = str(exc).split("\n", 1)[0]
    if "unexpected end" in text.lower() or "eof" in text.lower():
        return _("it ends mid-write")
    return _("not valid JSON: {reason}").format(reason=text)
