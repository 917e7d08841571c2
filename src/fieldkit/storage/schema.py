"""The schema version kept in the file's `_meta` table, and the migrations between versions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Tree = dict[str, Any]

SCHEMA_VERSION = 1
META_TABLE = "_meta"
META_DOC = "1"

#: migrations[n] turns a version-n tree into a version-(n+1) tree.
MIGRATIONS: dict[int, Callable[[Tree], Tree]] = {}


def version_of(tree: Tree) -> int:
    """The tree's schema version; a tree without `_meta` is version 0 (a bare TinyDB file)."""
    meta = tree.get(META_TABLE, {}).get(META_DOC)
    if meta is None:
        return 0
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ValueError(f"schema_version is {version!r}, not a whole number")
    return version


def set_version(tree: Tree, version: int = SCHEMA_VERSION) -> None:
    tree.setdefault(META_TABLE, {})[META_DOC] = {"schema_version": version, "app": "fieldkit"}


def _from_0(tree: Tree) -> Tree:
    """Version 0: a TinyDB file written before fieldkit kept a version. Only stamp it."""
    set_version(tree, 1)
    return tree


MIGRATIONS[0] = _from_0


def migrate(tree: Tree) -> Tree:
    version = version_of(tree)
    while version < SCHEMA_VERSION:
        tree = MIGRATIONS[version](tree)
        version += 1
        set_version(tree, version)
    return tree
