"""Bytes on disk <-> the TinyDB document tree. Plain JSON here; encryption wraps it."""

from __future__ import annotations

from typing import Any, Protocol

import orjson

Tree = dict[str, Any]


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
            raise ValueError("the file does not hold a JSON object")
        return tree
