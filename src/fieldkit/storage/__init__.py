"""The mission file: one TinyDB JSON file, saved atomically under a cross-process lock.

`MissionStorage` (a `tinydb.Storage`) opens it from a script; it is imported on first use,
so the command line does not pay for TinyDB.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MissionStorage"]


def __getattr__(name: str) -> Any:
    if name == "MissionStorage":
        from fieldkit.storage.tinydb_storage import MissionStorage

        return MissionStorage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
