"""Bytes on disk <-> the TinyDB document tree. Plain JSON here; encryption wraps it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import orjson

from fieldkit.i18n import _

Tree = dict[str, Any]
PassphraseSource = Callable[[], str]

#: The first bytes of an encrypted mission file, bundle or backup.
ENCRYPTED_MAGIC = b"FIELDKIT-ENCRYPTED"


def is_sealed(data: bytes) -> bool:
    """Whether `data` is in the encrypted form (of any key)."""
    return data.startswith(ENCRYPTED_MAGIC)


class Codec(Protocol):
    def encode(self, tree: Tree) -> bytes: ...

    def decode(self, data: bytes) -> Tree: ...


class PlainCodec:
    """UTF-8 JSON as TinyDB writes it, serialised with orjson."""

    def encode(self, tree: Tree) -> bytes:
        return orjson.dumps(tree)

    def decode(self, data: bytes) -> Tree:
        tree = orjson.loads(data)
        if not isinstance(tree, dict):
            raise ValueError(_("the file does not hold a JSON object"))
        return tree
