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
their id and times filled in when new, and `updated_at` set when changed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from fieldkit.domain.mission import TYPE_BY_TABLE
from fieldkit.domain.records import RecordError, now_iso
from fieldkit.storage.codec import Tree
from fieldkit.storage.errors import MissingFile, PassphraseNeeded
from fieldkit.storage.mission_file import MissionFile

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
            change.dirty = merge(change.tree, self._read, data)
        self._read = self.file.tree()

    def close(self) -> None:
        """Nothing is held open between calls."""


def merge(current: Tree, before: Tree, after: Tree) -> bool:
    """Put into `current` the documents that differ between `before` and `after`.

    Tables in `current` are replaced, never changed in place (it is a shallow copy of the
    cached tree). Returns whether anything changed.
    """
    changed = False
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name) or {}, after.get(name) or {}
        if old == new:
            continue
        table = dict(current.get(name) or {})
        for key in old.keys() - new.keys():
            table.pop(key, None)
        keys_by_id = {doc.get("id"): key for key, doc in table.items() if isinstance(doc, dict)}
        for key, doc in new.items():
            if key in old and old[key] == doc:
                continue
            doc = _checked(name, doc, old.get(key))
            if key not in old and key in table:
                key = _free_key(table)  # the app took this number meanwhile
            holder = keys_by_id.get(doc.get("id"), key)
            if holder != key and name in TYPE_BY_TABLE:
                raise ValueError(f"table {name!r}: a record with id {doc['id']} is already there")
            table[key] = doc
            keys_by_id[doc.get("id")] = key
        current[name] = table
        changed = True
    return changed


def _checked(name: str, doc: Any, old: Any) -> dict[str, Any]:
    """The document as the app will read it: a record of its table, with its times."""
    cls = TYPE_BY_TABLE.get(name)
    if cls is None:
        if not isinstance(doc, dict):
            raise ValueError(f"table {name!r}: a document must be an object")
        return doc
    if isinstance(doc, dict) and old is not None and doc.get("updated_at") == old.get("updated_at"):
        doc = {**doc, "updated_at": now_iso()}
    try:
        record = cls.from_dict(doc)
    except RecordError as exc:
        raise ValueError(f"table {name!r}: {exc}; nothing was saved") from None
    checked: dict[str, Any] = record.to_dict()
    return checked


def _free_key(table: Table) -> str:
    return str(max((int(k) for k in table if k.isdigit()), default=0) + 1)
