"""The id of this copy of a mission file, bound to the file it was written to.

Every write stamps the `_meta` document with the copy's id and the identity of the file
written (machine, path, device and inode: an atomic save creates a new inode, so the identity
is taken from the temporary file before it is renamed into place). A file whose identity no
longer matches (copied with `cp`, over a USB stick, by Syncthing, restored from a backup) is
another copy: its first write mints a new id, so the edits made in two copies made from one
file are always told apart. See docs/merge.md.
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path
from typing import Any

from fieldkit.storage.schema import META_DOC, META_TABLE

Tree = dict[str, Any]
PENDING = ""


def new_copy_id() -> str:
    return uuid.uuid4().hex[:12]


def identity(path: Path, st: os.stat_result | None = None) -> str:
    """What tells this file apart from any copy of it."""
    if st is None:
        try:
            st = os.stat(path)
        except OSError:
            return "none"
    return f"{socket.gethostname()}|{os.path.realpath(path)}|{st.st_dev}|{st.st_ino}"


def _meta(tree: Tree) -> dict[str, Any]:
    doc = (tree.get(META_TABLE) or {}).get(META_DOC)
    return doc if isinstance(doc, dict) else {}


def _set(tree: Tree, **values: Any) -> None:
    table = dict(tree.get(META_TABLE) or {})
    table[META_DOC] = {**_meta(tree), **values}
    tree[META_TABLE] = table


def stored_id(tree: Tree) -> str:
    return str(_meta(tree).get("copy") or "")


def copy_id(tree: Tree, path: Path) -> str:
    """This copy's id for writes to `tree`, minted (and left pending) if the file moved on.

    Call under the file's lock, on the tree about to be changed; it replaces the `_meta`
    table rather than changing it.
    """
    meta = _meta(tree)
    current = str(meta.get("copy") or "")
    bound = meta.get("bound")
    if current and (bound == PENDING or bound == identity(path)):
        return current
    fresh = new_copy_id()
    _set(tree, copy=fresh, bound=PENDING)
    return fresh


def bind(tree: Tree, path: Path, st: os.stat_result) -> None:
    """Record the identity of the file about to hold `tree` (whose stat is `st`)."""
    copy_id(tree, path)
    _set(tree, bound=identity(path, st))
