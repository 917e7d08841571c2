"""Bundles into an existing mission: records added or updated by id, the mission kept.

Reading and writing bundles lives in `storage.bundle`; this is the plan, as for the other
formats.
"""

from __future__ import annotations

import dataclasses

from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.storage.bundle import Bundle


@dataclasses.dataclass
class BundlePlan:
    added: list[Record]
    updated: list[Record]
    unchanged: int

    @property
    def records(self) -> list[Record]:
        return [*self.added, *self.updated]


def plan(data: MissionData, bundle: Bundle) -> BundlePlan:
    existing: dict[str, Record] = {
        r.id: r
        for table in (
            data.items,
            data.institutions,
            data.people,
            data.meetings,
            data.notes,
            data.responses,
            data.actions,
        )
        for r in table.values()
    }
    added = [r for r in bundle.records if r.id not in existing]
    updated = [r for r in bundle.records if r.id in existing and existing[r.id] != r]
    return BundlePlan(added, updated, len(bundle.records) - len(added) - len(updated))
