"""Records in and out of the mission file: the one place that maps tables to domain objects.

`Store.data()` gives a `MissionData` snapshot, rebuilt only for the tables that changed since
the last one. `Store.transaction()` gives a `Tx` to read the freshest data and put or delete
records; everything done in one transaction is saved in one atomic write.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from fieldkit.domain.mission import TYPE_BY_TABLE, Mission, MissionData
from fieldkit.domain.records import Record, RecordError, now_iso
from fieldkit.storage.codec import Codec, Tree
from fieldkit.storage.errors import CorruptFile
from fieldkit.storage.mission_file import MissionFile, PassphraseSource
from fieldkit.storage.schema import META_TABLE

R = TypeVar("R", bound=Record)
Table = dict[str, Any]


class TableCache:
    """Domain objects per table, remembered against the table dict they were built from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._built: dict[str, tuple[Table, list[Record]]] = {}

    def records(self, tree: Tree, name: str) -> list[Record]:
        table = tree.get(name) or {}
        cached = self._built.get(name)
        if cached is not None and cached[0] is table:
            return cached[1]
        cls = TYPE_BY_TABLE[name]
        try:
            built = [cls.from_dict(doc) for doc in table.values()]
        except RecordError as exc:
            raise CorruptFile(self.path, f"table {name!r}: {exc}", None) from None
        self._built[name] = (table, built)
        return built

    def data(self, tree: Tree) -> MissionData:
        def rows(name: str) -> Any:
            return self.records(tree, name)

        missions = rows("mission")
        return MissionData(
            mission=missions[0] if missions else None,
            items=rows("items"),
            institutions=rows("institutions"),
            people=rows("people"),
            meetings=rows("meetings"),
            notes=rows("notes"),
            responses=rows("responses"),
            actions=rows("actions"),
            drafts=rows("drafts"),
        )


class Tx:
    """Changes to one mission file, applied in memory and saved together."""

    def __init__(self, tree: Tree, cache: TableCache) -> None:
        self.tree = tree
        self._cache = cache
        self._owned: set[str] = set()
        self._keys: dict[str, dict[str, str]] = {}
        self.changed = False

    @property
    def data(self) -> MissionData:
        """The mission as it stands in this transaction, including its changes so far."""
        return self._cache.data(self.tree)

    def _table(self, name: str) -> Table:
        if name not in self._owned:
            self.tree[name] = dict(self.tree.get(name) or {})
            self._owned.add(name)
        table: Table = self.tree[name]
        return table

    def _key_of(self, name: str) -> dict[str, str]:
        keys = self._keys.get(name)
        if keys is None:
            table = self.tree.get(name) or {}
            keys = self._keys[name] = {str(doc.get("id")): key for key, doc in table.items()}
        return keys

    def put(self, *records: Record) -> None:
        """Insert or replace records by id."""
        for record in records:
            name = record.TABLE
            table = self._table(name)
            keys = self._key_of(name)
            key = keys.get(record.id)
            if key is None:
                key = str(max((int(k) for k in table if k.isdigit()), default=0) + 1)
                keys[record.id] = key
            table[key] = record.to_dict()
            self.changed = True

    def put_many(self, records: Iterable[Record]) -> int:
        """`put` for large batches: next keys computed once per table."""
        count = 0
        next_key: dict[str, int] = {}
        for record in records:
            name = record.TABLE
            table = self._table(name)
            keys = self._key_of(name)
            key = keys.get(record.id)
            if key is None:
                if name not in next_key:
                    next_key[name] = max((int(k) for k in table if k.isdigit()), default=0) + 1
                key = str(next_key[name])
                next_key[name] += 1
                keys[record.id] = key
            table[key] = record.to_dict()
            count += 1
        self.changed = self.changed or count > 0
        return count

    def delete(self, cls: type[Record], record_id: str) -> bool:
        keys = self._key_of(cls.TABLE)
        key = keys.pop(record_id, None)
        if key is None:
            return False
        del self._table(cls.TABLE)[key]
        self.changed = True
        return True


class Store:
    """A mission file opened by this process."""

    def __init__(self, path: Path, passphrase: PassphraseSource | None = None) -> None:
        self.path = path
        self.file = MissionFile(path, passphrase)
        self._cache = TableCache(path)

    def data(self) -> MissionData:
        return self._cache.data(self.file.tree())

    def changed_on_disk(self) -> bool:
        return self.file.changed_on_disk()

    def raw_table(self, name: str) -> Table:
        """The stored dicts of one table, for callers that need speed over objects."""
        table: Table = self.file.tree().get(name) or {}
        return table

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """Read the freshest data and change it; saved once, only if something changed."""
        with self.file.transaction() as change:
            tx = Tx(change.tree, self._cache)
            yield tx
            change.dirty = tx.changed

    def save(self, *records: Record) -> None:
        """Put records in one transaction."""
        with self.transaction() as tx:
            tx.put(*records)

    def remove(self, cls: type[Record], record_id: str) -> bool:
        with self.transaction() as tx:
            return tx.delete(cls, record_id)

    def create(
        self, mission: Mission, records: Iterable[Record] = (), codec: Codec | None = None
    ) -> None:
        tree: Tree = {META_TABLE: {}}
        tx = Tx(tree, self._cache)
        tx.put(mission)
        tx.put_many(records)
        self.file.create(tree, codec)


def stamp(record: R, author: str) -> R:
    """The record as written now by `author`."""
    return record.touched(author=record.author or author, updated_at=now_iso())
