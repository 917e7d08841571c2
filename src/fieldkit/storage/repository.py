"""Records in and out of the mission file: the one place that maps tables to domain objects.

`Store.data()` gives a `MissionData` snapshot, rebuilt only for the tables that changed since
the last one. `Store.transaction()` gives a `Tx` to read the freshest data and put or delete
records; everything done in one transaction is saved in one atomic write.
"""

from __future__ import annotations

from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Sequence,
    ValuesView,
)
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from fieldkit.domain import history
from fieldkit.domain.mission import TYPE_BY_TABLE, Mission, MissionData
from fieldkit.domain.records import Record, RecordError, now_iso
from fieldkit.domain.states import canonical_state
from fieldkit.storage import replica
from fieldkit.storage.codec import Codec, Tree
from fieldkit.storage.errors import CorruptFile
from fieldkit.storage.mission_file import MissionFile, PassphraseSource
from fieldkit.storage.schema import META_TABLE, SYNCED, TOMBSTONES

Table = dict[str, Any]

#: fieldkit numbers new documents down from `KEYS_TOP`; TinyDB, in a script using
#: `MissionStorage`, numbers them up from the highest number it has seen. So the app and a
#: script inserting at the same time never pick the same number.
KEYS_TOP = 2**31 - 1
KEYS_FLOOR = 2**30


def next_app_key(table: Table) -> int:
    """The number the app gives the next document of `table`."""
    ours = (int(k) for k in table if k.isdigit() and int(k) >= KEYS_FLOOR and int(k) <= KEYS_TOP)
    return min(ours, default=KEYS_TOP + 1) - 1


class TableCache:
    """Domain objects per table, remembered against the table dict they were built from.

    A transaction replaces a table with a shallow copy before changing it, so after a save
    the unchanged documents are the very same dict objects: only the documents that are new
    or replaced are converted again, and a note saved to a 10,000-note mission costs one
    conversion, not ten thousand.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._built: dict[str, tuple[Table, list[Record], dict[int, Record]]] = {}
        self._index: dict[str, tuple[Table, dict[str, str], int]] = {}

    def keys(self, table: Table, name: str) -> tuple[dict[str, str], int]:
        """The table's storage keys by record id (a copy to change) and the next free key.

        Worked out again only when the table is not the one they were last kept for, so a
        save to a table of 10,000 notes does not scan it twice.
        """
        cached = self._index.get(name)
        if cached is None or cached[0] is not table:
            keys = {str(doc.get("id")): key for key, doc in table.items()}
            free = next_app_key(table)
            cached = self._index[name] = (table, keys, free)
        return dict(cached[1]), cached[2]

    def keep_keys(self, name: str, table: Table, keys: dict[str, str], free: int) -> None:
        """Remember the keys of a table a transaction wrote, for the next transaction."""
        self._index[name] = (table, keys, free)

    def records(self, tree: Tree, name: str, remember: bool = True) -> list[Record]:
        table = tree.get(name) or {}
        cached = self._built.get(name)
        if cached is not None and cached[0] is table:
            return cached[1]
        by_doc = cached[2] if cached is not None else {}
        cls = TYPE_BY_TABLE[name]
        built: list[Record] = []
        fresh: dict[int, Record] = {}
        try:
            for doc in table.values():
                record = by_doc.get(id(doc))
                if record is None:
                    record = cls.from_dict(doc)
                built.append(record)
                fresh[id(doc)] = record
        except RecordError as exc:
            raise CorruptFile(self.path, f"table {name!r}: {exc}", None) from None
        if remember:
            self._built[name] = (table, built, fresh)
        return built

    def data(self, tree: Tree, lazy: bool = False, items_with: Sequence[str] = ()) -> MissionData:
        """The mission as of `tree`, every record checked; or, when `lazy`, each table
        converted (and checked) only when first used: a transaction that adds a note reads
        the meetings, not 5,000 items and 10,000 notes.
        """

        narrowed = _narrowing(tree, items_with) if items_with else {}

        def rows(name: str) -> Any:
            if name in narrowed:
                return LazyTable(self, tree, name, keep=narrowed[name])
            return LazyTable(self, tree, name) if lazy else self.records(tree, name)

        missions: list[Any] = self.records(tree, "mission")
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


Keep = Callable[[Any], bool]

#: Characters a search term may hold that the stored JSON writes otherwise, or that only a
#: derived field holds (the '-' of 'CCPR-24'): such a term cannot narrow the raw documents.
_NOT_RAW = frozenset('-"\\')


def might_mention(terms: Sequence[str]) -> Keep:
    """Whether a stored item could be found by all of `terms` (`filters.haystack`).

    A cheap test on the raw document, so that a search converts only the candidates: it
    keeps every item the real search finds (and perhaps a few more, which the real search
    then drops). States are compared by their canonical name too, as the search does.
    """
    plain = [t.lower() for t in terms if not _NOT_RAW.intersection(t)]

    def keep(doc: Any) -> bool:
        if not plain:
            return True
        text = orjson.dumps(doc).decode().lower()
        if all(t in text for t in plain):
            return True
        states = doc.get("recommending_states") if isinstance(doc, dict) else None
        if not isinstance(states, list) or not states:
            return False
        text += " " + " ".join(canonical_state(str(s)) for s in states).lower()
        return all(t in text for t in plain)

    return keep


def _narrowing(tree: Tree, terms: Sequence[str]) -> dict[str, Keep]:
    """For a search: the items that may match, and only the responses about those."""
    might = might_mention(terms)
    ids = {doc.get("id") for doc in (tree.get("items") or {}).values() if might(doc)}

    def about_them(doc: Any) -> bool:
        return isinstance(doc, dict) and doc.get("item_id") in ids

    return {
        "items": lambda doc: isinstance(doc, dict) and doc.get("id") in ids,
        "responses": about_them,
    }


class LazyTable(Mapping[str, Record]):
    """One table's records by id, converted from the stored dicts on first use.

    It holds the table as it was when the snapshot was taken (transactions replace a table
    before changing it), and hands out the built dict's own views, so reading it costs what
    reading a dict costs.
    """

    def __init__(self, cache: TableCache, tree: Tree, name: str, keep: Keep | None = None) -> None:
        self._cache = cache
        self._table: Table = tree.get(name) or {}
        self._name = name
        self._keep = keep  # only the documents it keeps are converted (and held)
        self._built: dict[str, Record] | None = None

    def _records(self) -> dict[str, Record]:
        if self._built is None and self._keep is not None:
            kept = {k: doc for k, doc in self._table.items() if self._keep(doc)}
            built = self._cache.records({self._name: kept}, self._name, remember=False)
            self._built = {r.id: r for r in built}
        if self._built is None:
            built = self._cache.records({self._name: self._table}, self._name)
            self._built = {r.id: r for r in built}
        return self._built

    def __getitem__(self, key: str) -> Record:
        return self._records()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._records())

    def __len__(self) -> int:
        return len(self._records())

    def __contains__(self, key: object) -> bool:
        return key in self._records()

    def get(self, key: str, default: Any = None) -> Any:
        return self._records().get(key, default)

    def keys(self) -> KeysView[str]:
        return self._records().keys()

    def values(self) -> ValuesView[Record]:
        return self._records().values()

    def items(self) -> ItemsView[str, Record]:
        return self._records().items()


class Tx:
    """Changes to one mission file, applied in memory and saved together.

    Every record put or deleted in a merged table gets its merge history written as an edit
    by this copy of the file (`copy`): see domain/history.py.
    """

    def __init__(self, tree: Tree, cache: TableCache, copy: str) -> None:
        self.tree = tree
        self.copy = copy
        self._cache = cache
        self._owned: set[str] = set()
        self._keys: dict[str, dict[str, str]] = {}
        self._free: dict[str, int] = {}
        self.changed = False
        #: What this transaction put or deleted: record ids by table.
        self.touched: dict[str, set[str]] = {}

    @property
    def data(self) -> MissionData:
        """The mission as it stands in this transaction, including its changes so far.

        Tables are converted to records only when used: a write never pays for the tables it
        does not read, and untouched tables are saved back exactly as they were read.
        """
        return self._cache.data(self.tree, lazy=True)

    def _table(self, name: str) -> Table:
        if name not in self._owned:
            stored = self.tree.get(name) or {}
            self._keys[name], self._free[name] = self._cache.keys(stored, name)
            self.tree[name] = dict(stored)
            self._owned.add(name)
        table: Table = self.tree[name]
        return table

    def _key_of(self, name: str) -> dict[str, str]:
        self._table(name)
        return self._keys[name]

    def claim_key(self, name: str, record_id: str, key: str) -> str:
        """Store a new record `record_id` under `key` (a script's TinyDB number for it).

        A key already holding another document is not taken: the record gets the next
        number above the table's highest instead. Returns the key the record will have.
        """
        table, keys = self._table(name), self._keys[name]
        if record_id in keys:
            return keys[record_id]
        if key in table:
            key = str(
                max((int(k) for k in table if k.isdigit() and int(k) < KEYS_FLOOR), default=0) + 1
            )
        keys[record_id] = key
        return key

    def _new_key(self, name: str) -> str:
        key = self._free[name]
        self._free[name] = key - 1
        return str(key)

    def put(self, *records: Record) -> None:
        """Insert or replace records by id."""
        self.put_many(records)

    def put_many(self, records: Iterable[Record]) -> int:
        """Insert or replace records by id; returns how many."""
        count = 0
        name = ""
        tombs = bool(self.tree.get(TOMBSTONES))  # a deleted record may come back
        for record in records:
            if name != record.TABLE:  # a run of records of one table: looked up once
                name = record.TABLE
                table, keys, synced = self._table(name), self._keys[name], name in SYNCED
                touched = self.touched.setdefault(name, set())
            key = keys.get(record.id)
            doc = record.to_dict()
            if synced:
                old = table.get(key) if key is not None else None
                tomb = self.drop(TOMBSTONES, record.id) if old is None and tombs else None
                if tomb is not None:
                    doc = history.undelete(tomb, doc, self.copy)
                else:
                    doc = history.stamp(old, doc, self.copy)
            if key is None:
                key = keys[record.id] = self._new_key(name)
            table[key] = doc
            touched.add(record.id)
            count += 1
        self.changed = self.changed or count > 0
        return count

    def doc(self, name: str, record_id: str) -> dict[str, Any] | None:
        """The stored dict of a record (or, in `_tombstones`, a tombstone)."""
        if not self.tree.get(name):
            return None
        key = self._key_of(name).get(record_id)
        return None if key is None else dict(self._table(name)[key])

    def put_doc(self, name: str, doc: dict[str, Any]) -> None:
        """Store a dict as it is, history included (a merge's result)."""
        table = self._table(name)
        keys = self._keys[name]
        record_id = str(doc.get("id"))
        key = keys.get(record_id)
        if key is None:
            key = keys[record_id] = self._new_key(name)
        table[key] = doc
        self.touched.setdefault(name, set()).add(record_id)
        self.changed = True

    def drop(self, name: str, record_id: str) -> dict[str, Any] | None:
        """Remove a stored dict without leaving a tombstone; returns it."""
        if not self.tree.get(name):
            return None
        key = self._key_of(name).pop(record_id, None)
        if key is None:
            return None
        self.changed = True
        self.touched.setdefault(name, set()).add(record_id)
        doc: dict[str, Any] = self._table(name).pop(key)
        return doc

    def keep_keys(self) -> None:
        """Hand the keys of the tables written to the cache, for the next transaction."""
        for name in self._owned:
            self._cache.keep_keys(name, self.tree[name], self._keys[name], self._free[name])

    def delete(self, cls: type[Record], record_id: str, by: str = "", purge: bool = False) -> bool:
        """Delete a record; in a merged table it leaves a tombstone so the deletion travels
        (with the record's content, or, `purge`d, its history alone)."""
        old = self.drop(cls.TABLE, record_id)
        if old is None:
            return False
        if cls.TABLE in SYNCED:
            who = by or str(old.get("author", ""))
            tomb = history.delete(old, cls.TABLE, self.copy, now_iso(), who, purge)
            self.put_doc(TOMBSTONES, tomb)
        return True


class Store:
    """A mission file opened by this process."""

    def __init__(
        self, path: Path, passphrase: PassphraseSource | None = None, lazy: bool = False
    ) -> None:
        self.path = path
        self.file = MissionFile(path, passphrase)
        self._cache = TableCache(path)
        self.lazy = lazy  # convert each table on first use (a one-shot command reads few)

    def data(self, items_with: Sequence[str] = ()) -> MissionData:
        """The mission now. A lazy store converts (and checks) only the tables used.

        With `items_with` (search terms) the snapshot is narrowed for that search: only the
        items that may contain every term, and the responses about them, are converted.
        """
        return self._cache.data(self.file.tree(), lazy=self.lazy, items_with=items_with)

    def changed_on_disk(self) -> bool:
        return self.file.changed_on_disk()

    @contextmanager
    def transaction(self, backup: bool = True) -> Iterator[Tx]:
        """Read the freshest data and change it; saved once, only if something changed."""
        with self.file.transaction(backup) as change:
            tx = Tx(change.tree, self._cache, replica.copy_id(change.tree, self.path))
            yield tx
            change.dirty = tx.changed
            if tx.changed:
                tx.keep_keys()  # kept against the new tables: a failed write never matches

    def save(self, *records: Record) -> None:
        """Put records in one transaction."""
        with self.transaction() as tx:
            tx.put(*records)

    def remove(self, cls: type[Record], record_id: str) -> bool:
        with self.transaction() as tx:
            return tx.delete(cls, record_id)

    def create(
        self,
        mission: Mission,
        records: Iterable[Record] = (),
        codec: Codec | None = None,
        copy: str | None = None,
    ) -> None:
        """Write a new mission file; `copy` names its copy (else a new id is minted)."""

        def fill(tx: Tx) -> None:
            tx.put(mission)
            tx.put_many(records)

        self.create_with(fill, codec, copy)

    def create_with(
        self, fill: Callable[[Tx], object], codec: Codec | None = None, copy: str | None = None
    ) -> None:
        """Write a new mission file holding what `fill` puts in its first transaction."""
        tree: Tree = {META_TABLE: {}}
        if copy is not None:
            tree[META_TABLE] = {"1": {"copy": copy, "bound": replica.PENDING}}
        fill(Tx(tree, self._cache, replica.copy_id(tree, self.path)))
        self.file.create(tree, codec)
