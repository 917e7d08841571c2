"""What changed in the mission, said once: by the app after a write, or by the file watcher.

A `Change` carries the new snapshot with the tables and record ids that changed. The app
keeps the latest one in its `change` reactive and posts it as a `MissionChanged` message;
screens react to it (see `screens.base.FieldkitScreen`), none polls for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Set
from typing import Literal

from textual.message import Message

from fieldkit.domain.mission import MissionData

#: Where a change came from: this app's own write, another process (through the file), or
#: the first reading of the file when the app starts.
Origin = Literal["write", "file", "start"]


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """A new version of the mission and what differs from the one before it.

    `tables` empty means "anything may have changed" (the file was read again).
    """

    data: MissionData
    origin: Origin = "start"
    tables: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    @classmethod
    def written(cls, data: MissionData, touched: Mapping[str, Set[str]]) -> Change:
        ids = frozenset(record_id for found in touched.values() for record_id in found)
        return cls(data, "write", frozenset(touched), ids)

    @property
    def everything(self) -> bool:
        return not self.tables

    def touches(self, *tables: str) -> bool:
        """Whether any of `tables` may have changed."""
        return self.everything or not self.tables.isdisjoint(tables)


class MissionChanged(Message):
    """Posted by the app each time a new version of the mission is on screen."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change
