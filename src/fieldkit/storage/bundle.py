"""The bundle: the whole mission as one JSON object, for moving and merging missions.

Records are matched by id only. Unknown fields are kept. Drafts stay in the mission file.
Version 2 carries each record's merge history (`_sync`) and the tombstones of deleted records
(`deleted`), so `fieldkit merge` takes a bundle like a file; a contact blanked on export is
marked as left out (`_sync.o`), never read as an edit. Version 1 bundles still import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from fieldkit.domain.directory import Person
from fieldkit.domain.meetings import Note, Response
from fieldkit.domain.mission import TYPE_BY_TABLE, Mission, MissionData, visible
from fieldkit.domain.records import Record, RecordError, now_iso

FORMAT = "fieldkit-bundle"
VERSION = 2
LISTS = ("items", "institutions", "people", "meetings", "notes", "responses", "actions")


class BundleError(ValueError):
    """A bundle that cannot be read; the message lists every problem."""


@dataclasses.dataclass
class Bundle:
    mission: Mission | None
    records: list[Record]


def _left_out(doc: dict[str, Any], field: str) -> None:
    """Mark a blanked field as left out, its values (kept in conflicts too) blanked."""
    sync = doc.get("_sync")
    if not isinstance(sync, dict):
        return
    sync = {**sync, "o": sorted({*sync.get("o", ()), field})}
    if field in (sync.get("c") or {}):
        sync["c"] = {**sync["c"], field: [[e[0], "", *e[2:]] for e in sync["c"][field]]}
    doc["_sync"] = sync


def to_bundle(
    data: MissionData, include_confidential: bool, deleted: Iterable[dict[str, Any]] = ()
) -> tuple[dict[str, Any], int]:
    """The bundle of a mission, and how many confidential records or contacts were left out.

    `deleted` are the tombstones of deleted records (the file's `_tombstones` table).
    """
    left_out = 0

    def dump(records: Iterable[Record]) -> list[dict[str, Any]]:
        nonlocal left_out
        out = []
        for record in records:
            if isinstance(record, Note | Response) and not visible(
                record.confidentiality, include_confidential
            ):
                left_out += 1
                continue
            doc = record.to_dict()
            if isinstance(record, Person) and record.contact and not include_confidential:
                doc["contact"] = ""
                _left_out(doc, "contact")
                left_out += 1
            out.append(doc)
        return out

    bundle: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now_iso(),
        "mission": data.mission.to_dict() if data.mission else None,
        "items": dump(data.items.values()),
        "institutions": dump(data.institutions.values()),
        "people": dump(data.people.values()),
        "meetings": dump(data.meetings_in_order),
        "notes": dump(data.notes.values()),
        "responses": dump(data.responses.values()),
        "actions": dump(data.actions.values()),
        "deleted": list(deleted),
    }
    return bundle, left_out


def encode(bundle: dict[str, Any]) -> bytes:
    return orjson.dumps(bundle, option=orjson.OPT_INDENT_2)


def looks_like_bundle(head: bytes) -> bool:
    return b'"fieldkit-bundle"' in head[:4096]


def read_bundle(path: Path) -> Bundle:
    """Parse a bundle file; every bad record is named in one BundleError."""
    try:
        raw = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise BundleError(f"{path.name} is not JSON: {exc}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BundleError(f'{path.name} is not a fieldkit bundle (no "format": "{FORMAT}")')
    version = raw.get("version")
    if not isinstance(version, int) or version > VERSION or version < 1:
        raise BundleError(
            f"{path.name} is bundle version {version!r}; this fieldkit reads {VERSION}"
        )
    problems: list[str] = []
    mission: Mission | None = None
    if raw.get("mission") is not None:
        try:
            mission = Mission.from_dict(raw["mission"])
        except RecordError as exc:
            problems.append(f"mission: {exc}")
    records: list[Record] = []
    for name in LISTS:
        docs = raw.get(name, [])
        if not isinstance(docs, list):
            problems.append(f"{name}: expected a list")
            continue
        cls = TYPE_BY_TABLE[name]
        for n, doc in enumerate(docs, start=1):
            try:
                record = cls.from_dict(doc)
            except RecordError as exc:
                problems.append(f"{name} #{n}: {exc}")
                continue
            if isinstance(doc, dict) and "id" not in doc:
                problems.append(f"{name} #{n}: has no id")
                continue
            records.append(record)
    if problems:
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise BundleError(f"{path.name}: {len(problems)} bad record(s): {shown}{more}")
    return Bundle(mission, records)
