"""`fieldkit check`: read every record of a mission file and report what is wrong."""

from __future__ import annotations

from fieldkit.domain.integrity import problems
from fieldkit.domain.mission import TYPE_BY_TABLE
from fieldkit.domain.records import RecordError
from fieldkit.i18n import _, ngettext
from fieldkit.storage import backups
from fieldkit.storage.codec import is_sealed
from fieldkit.storage.merge import copies_beside
from fieldkit.storage.repository import Store
from fieldkit.storage.schema import META_TABLE, TOMBSTONES


def plain_copies(store: Store) -> list[str]:
    """Copies of an encrypted mission that are not encrypted: each one is a leak."""
    if not store.file.encrypted:
        return []
    found = []
    missions = store.file.tree().get("mission", {})
    mission_id = next((str(doc.get("id")) for doc in missions.values()), None)
    beside = copies_beside(store.file.path, mission_id)
    for copy in sorted({*backups.every_copy(store.file.path), *beside}):
        try:
            with copy.open("rb") as handle:
                head = handle.read(64)
        except OSError as exc:
            found.append(
                _("cannot read {path} to see whether it is encrypted ({reason})").format(
                    path=copy, reason=exc.strerror
                )
            )
            continue
        if head and not is_sealed(head):
            found.append(
                _(
                    "plain copy of the encrypted mission: {path} "
                    "(run `fieldkit encrypt` to seal or remove it)"
                ).format(path=copy)
            )
    return found


def check(store: Store) -> list[str]:
    """Problems found in the file; empty when it is sound. Storage errors propagate."""
    tree = store.file.tree()
    found = plain_copies(store)
    for name, table in tree.items():
        if name in (META_TABLE, TOMBSTONES):
            continue
        cls = TYPE_BY_TABLE.get(name)
        if cls is None:
            kept = ngettext(
                "unknown table {name} ({count} record kept as it is)",
                "unknown table {name} ({count} records kept as they are)",
                len(table),
            )
            found.append(kept.format(name=repr(name), count=len(table)))
            continue
        seen: set[str] = set()
        for key, doc in table.items():
            try:
                record = cls.from_dict(doc)
            except RecordError as exc:
                found.append(
                    _("{table} record {key}: {problem}").format(table=name, key=key, problem=exc)
                )
                continue
            if record.id in seen:
                found.append(_("{table}: id {id} is used twice").format(table=name, id=record.id))
            seen.add(record.id)
    if found:
        return found
    return problems(store.data())
