"""The schema version kept in the file's `_meta` table, and the migrations between versions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fieldkit.i18n import _

Tree = dict[str, Any]

SCHEMA_VERSION = 2
META_TABLE = "_meta"
META_DOC = "1"
TOMBSTONES = "_tombstones"
#: The tables merged between copies of a mission (drafts stay with their copy).
SYNCED = ("mission", "items", "institutions", "people", "meetings", "notes", "responses", "actions")

#: migrations[n] turns a version-n tree into a version-(n+1) tree.
MIGRATIONS: dict[int, Callable[[Tree], Tree]] = {}


def version_of(tree: Tree) -> int:
    """The tree's schema version; a tree without `_meta` is version 0 (a bare TinyDB file)."""
    meta = tree.get(META_TABLE, {}).get(META_DOC)
    if meta is None:
        return 0
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ValueError(
            _("schema_version is {version}, not a whole number").format(version=repr(version))
        )
    return version


def set_version(tree: Tree, version: int = SCHEMA_VERSION) -> None:
    """Stamp the version; the rest of the `_meta` document (the copy's id) is kept."""
    meta = dict(tree.get(META_TABLE) or {})
    doc = meta.get(META_DOC)
    meta[META_DOC] = {**(doc if isinstance(doc, dict) else {}), "schema_version": version}
    meta[META_DOC].setdefault("app", "fieldkit")
    tree[META_TABLE] = meta


def _from_0(tree: Tree) -> Tree:
    """Version 0: a TinyDB file written before fieldkit kept a version. Only stamp it."""
    set_version(tree, 1)
    return tree


def _from_1(tree: Tree) -> Tree:
    """Version 1 kept no merge history: give every record the history that names its
    content, so two copies holding the same record agree on it (docs/merge.md)."""
    from fieldkit.domain.history import with_history

    for name in SYNCED:
        table = tree.get(name)
        if isinstance(table, dict):
            tree[name] = {
                key: with_history(doc) if isinstance(doc, dict) else doc
                for key, doc in table.items()
            }
    return tree


MIGRATIONS[0] = _from_0
MIGRATIONS[1] = _from_1


def migrate(tree: Tree) -> Tree:
    version = version_of(tree)
    while version < SCHEMA_VERSION:
        tree = MIGRATIONS[version](tree)
        version += 1
        set_version(tree, version)
    return tree
