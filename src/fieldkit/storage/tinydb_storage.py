"""TinyDB over the mission file, for scripts: `TinyDB(path, storage=MissionStorage)`.

A delegate's script gets TinyDB's whole Query API on the mission, through fieldkit's own
file handling: the same lock as the app and the command line, the same atomic and durable
write, the rolling backups, and the passphrase of an encrypted file (`FIELDKIT_PASSPHRASE`,
or `passphrase=`).

TinyDB changes a table by reading every table, changing one and writing them all back. Done
naively, that would overwrite whatever the app saved in between. So `write` does not write
what it is given: under the lock it compares it with what the script last read and applies
only the documents the script added, changed or removed to the file as it is now. Records
are checked as the app would read them (a bad one is refused, the file left untouched), get
their id and times filled in when new, and `updated_at` set when changed. They are saved as
every other edit is (`Tx.put`, `Tx.delete`): with their merge history, a removal leaving a
tombstone, so `fieldkit merge` carries a script's changes like the app's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from fieldkit.domain.mission import TYPE_BY_TABLE
from fieldkit.domain.records import Record, RecordError, now_iso
from fieldkit.i18n import _
from fieldkit.storage.codec import Tree
from fieldkit.storage.errors import MissingFile, PassphraseNeeded
from fieldkit.storage.mission_file import MissionFile
from fieldkit.storage.replica import copy_id
from fieldkit.storage.repository import TableCache, Tx

Table = dict[str, Any]


class MissionStorage(Storage):
    """A `tinydb.Storage` reading and writing a fieldkit mission file."""

    def __init__(self, path: str | os.PathLike[str], passphrase: str | None = None) -> None:
        mission = Path(path)

        def ask() -> str:
            given = passphrase if passphrase is not None else os.environ.get("FIELDKIT_PASSPHRASE")
            if given is None:
                raise PassphraseNeeded(mission)
            return given

        self.file = MissionFile(mission, ask)
        self._read: Tree = {}  # the tables as this script last read them

    def read(self) -> dict[str, Any] | None:
        """Every table, as a copy TinyDB may change (None: no mission file there)."""
        try:
            tree = self.file.tree()
        except MissingFile:
            return None
        self._read = tree
        copy: dict[str, Any] = orjson.loads(orjson.dumps(tree))
        return copy

    def write(self, data: dict[str, Any]) -> None:
        """Apply what the script changed since its last read to the file as it is now."""
        with self.file.transaction() as change:
            tx = Tx(change.tree, TableCache(self.file.path), copy_id(change.tree, self.file.path))
            apply(tx, self._read, data)
            change.dirty = tx.changed
        self._read = self.file.tree()

    def close(self) -> None:
        """Nothing is held open between calls."""


def apply(tx: Tx, before: Tree, after: Tree) -> None:
    """Put into `tx` the documents that differ between `before` and `after`.

    Records go through `Tx.put` and `Tx.delete`, so they carry their merge history as any
    other edit does and a removal leaves a tombstone; other tables are written as given.
    """
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name) or {}, after.get(name) or {}
        if old == new:
            continue
        if name in TYPE_BY_TABLE:
            _apply_records(tx, name, old, new)
        else:
            _apply_raw(tx, name, old, new)


def _apply_records(tx: Tx, name: str, old: Table, new: Table) -> None:
    cls = TYPE_BY_TABLE[name]
    for key in old.keys() - new.keys():
        tx.delete(cls, str(old[key].get("id")))
    for key, doc in new.items():
        if key in old and old[key] == doc:
            continue
        record = _checked(name, doc, old.get(key))
        was = str(old[key].get("id")) if key in old else None
        if was is not None and was != record.id:
            tx.delete(cls, was)
        if was != record.id and tx.doc(name, record.id) is not None:
            raise ValueError(
                _("table {name}: a record with id {id} is already there").format(
                    name=repr(name), id=record.id
                )
            )
        tx.claim_key(name, record.id, key)
        tx.put(record)


def _apply_raw(tx: Tx, name: str, old: Table, new: Table) -> None:
    table = dict(tx.tree.get(name) or {})
    for key in old.keys() - new.keys():
        table.pop(key, None)
    for key, doc in new.items():
        if key in old and old[key] == doc:
            continue
        if not isinstance(doc, dict):
            raise ValueError(
                _("table {name}: a document must be an object").format(name=repr(name))
            )
        table[key] = doc
    tx.tree[name] = table
    tx.changed = True


def _checked(name: str, doc: Any, old: Any) -> Record:
    """The document as the app will read it: a record of its table, with its times."""
    if isinstance(doc, dict) and old is not None and doc.get("updated_at") == old.get("updated_at"):
        doc = {**doc, "updated_at": now_iso()}
    try:
        return TYPE_BY_TABLE[name].from_dict(doc)
    except RecordError as exc:
        raise ValueError(
            _("table {name}: {reason}; nothing was saved").format(name=repr(name), reason=exc)
        ) from None
