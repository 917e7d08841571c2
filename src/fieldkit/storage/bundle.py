"""The bundle: the whole mission as one JSON object, for moving and merging missions.

Records are matched by id only. Unknown fields are kept. Drafts stay in the mission file.
Version 2 carries each record's merge history (`_sync`) and the tombstones of deleted records
(`deleted`), so `fieldkit merge` takes a bundle like a file; a contact blanked on export is
marked as left out (`_sync.o`), never read as an edit. A tombstone's content is left out as
its live record's would be, and marked the same way. Version 1 bundles still import.
"""

from __future__ import annotations

import dataclasses
import os
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from fieldkit.domain.directory import Person
from fieldkit.domain.history import TOMB_KEYS
from fieldkit.domain.meetings import Note, Response
from fieldkit.domain.mission import TYPE_BY_TABLE, Mission, MissionData, visible
from fieldkit.domain.records import Record, RecordError, Value, now_iso
from fieldkit.domain.vocab import Confidentiality
from fieldkit.i18n import _, ngettext
from fieldkit.storage.codec import is_sealed
from fieldkit.storage.errors import WrongPassphrase

FORMAT = "fieldkit-bundle"
VERSION = 2
LISTS = ("items", "institutions", "people", "meetings", "notes", "responses", "actions")
#: Parts that cannot travel without another: a response needs its meeting and its item.
NEEDS = {"meetings": ("notes", "responses"), "items": ("responses",)}
#: What a reference to a part left out becomes, so the bundle still reads as a whole.
BLANK: dict[str, dict[str, Any]] = {
    "people": {"person_ids": [], "speaker_id": None},
    "institutions": {"institution_ids": [], "institution_id": None},
    "meetings": {"meeting_id": None},
    "items": {"item_id": None},
}
#: The passphrase of an encrypted bundle, for scripts and imports (the export asks for it).
PASSPHRASE_ENV = "FIELDKIT_BUNDLE_PASSPHRASE"


class BundleError(ValueError):
    """A bundle that cannot be read; `problems` names every bad record, one line each."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclasses.dataclass
class Bundle:
    mission: Mission | None
    records: list[Record]
    #: Tombstones of deleted records, as the bundle carries them (version 2).
    deleted: list[dict[str, Any]] = dataclasses.field(default_factory=list)


def _left_out(doc: dict[str, Any], field: str) -> None:
    """Mark a blanked field as left out, its values (kept in conflicts too) blanked."""
    sync = doc.get("_sync")
    if not isinstance(sync, dict):
        return
    sync = {**sync, "o": sorted({*sync.get("o", ()), field})}
    if field in (sync.get("c") or {}):
        sync["c"] = {**sync["c"], field: [[e[0], "", *e[2:]] for e in sync["c"][field]]}
    doc["_sync"] = sync


def _tomb_out(
    tomb: dict[str, Any], include_confidential: bool, skipped: set[str], blanks: dict[str, Any]
) -> dict[str, Any]:
    """A tombstone as it travels: the content it keeps is left out as a live record's
    would be (its history stays, so the deletion travels and merges)."""
    doc = dict(tomb)
    content = [k for k in doc if k not in TOMB_KEYS and k != "_sync"]
    table = doc.get("table")
    secret = doc.get("confidentiality") == Confidentiality.CONFIDENTIAL.value
    if table in skipped or (
        table in ("notes", "responses") and secret and not include_confidential
    ):
        hidden = content
    elif table == "people" and not include_confidential:
        known = {f.name for f in dataclasses.fields(Person)}
        hidden = [k for k in content if k == "contact" or k not in known]
    else:
        hidden = []
    for field in hidden:
        doc[field] = "" if field == "contact" else None
        _left_out(doc, field)
    for field in (k for k in blanks if k in content and k not in hidden):
        doc[field] = blanks[field]
        _left_out(doc, field)
    return doc


def to_bundle(
    data: MissionData,
    include_confidential: bool,
    deleted: Iterable[dict[str, Any]] = (),
    without: Iterable[str] = (),
) -> tuple[dict[str, Any], int]:
    """The bundle of a mission, and how many confidential records or contacts were left out.

    `deleted` are the tombstones of deleted records (the file's `_tombstones` table).
    Without `include_confidential`, a person's contact and every field fieldkit does not know
    (an imported `email` or `phone`) are left out. The lists named in `without` are left empty,
    and references to them blanked.
    """
    left_out = 0
    skipped = set(without)
    for part in list(skipped):
        skipped.update(NEEDS.get(part, ()))
    blanks = {k: v for part in skipped for k, v in BLANK.get(part, {}).items()}

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
            if isinstance(record, Person) and not include_confidential:
                unknown = {k for k in record.extra if k in doc and not k.startswith("_")}
                if record.contact or unknown:
                    left_out += 1
                doc = {k: v for k, v in doc.items() if k not in unknown} | {"contact": ""}
                for field in (["contact"] if record.contact else []) + sorted(unknown):
                    _left_out(doc, field)
            for field in (k for k in blanks if k in doc):
                doc[field] = blanks[field]
                _left_out(doc, field)
            out.append(doc)
        return out

    bundle: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now_iso(),
        "mission": data.mission.to_dict() if data.mission else None,
        "deleted": [_tomb_out(t, include_confidential, skipped, blanks) for t in deleted],
    }
    lists: dict[str, Iterable[Record]] = {
        "items": data.items.values(),
        "institutions": data.institutions.values(),
        "people": data.people.values(),
        "meetings": data.meetings_in_order,
        "notes": data.notes.values(),
        "responses": data.responses.values(),
        "actions": data.actions.values(),
    }
    for name, records in lists.items():
        bundle[name] = [] if name in skipped else dump(records)
    if skipped:
        bundle["left_out"] = sorted(skipped)
    return bundle, left_out


def encode(bundle: dict[str, Any], passphrase: str | None = None) -> bytes:
    """The bundle as JSON; sealed like an encrypted mission file when given a passphrase."""
    if passphrase is None:
        return orjson.dumps(bundle, option=orjson.OPT_INDENT_2)
    from fieldkit.storage.crypto import SealedCodec

    return SealedCodec.create(passphrase, content=FORMAT).encode(bundle)


def load(path: Path, data: bytes | None = None) -> Any:
    """The JSON of a bundle file, opened with `FIELDKIT_BUNDLE_PASSPHRASE` if it is sealed."""
    data = path.read_bytes() if data is None else data
    if not is_sealed(data):
        return orjson.loads(data)
    from fieldkit.storage.crypto import open_sealed

    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        raise BundleError(
            _("{name} is encrypted: give its passphrase in {variable}").format(
                name=path.name, variable=PASSPHRASE_ENV
            )
        )
    try:
        return open_sealed(data, passphrase, path.name)
    except (ValueError, WrongPassphrase) as exc:
        raise BundleError(str(exc)) from None


def check_version(name: str, version: Any) -> None:
    """Raise BundleError, in one line, for a bundle version this fieldkit cannot read."""
    number = version if isinstance(version, int) and not isinstance(version, bool) else None
    if number is not None and 1 <= number <= VERSION:
        return
    if number is not None and number > VERSION:
        message = _(
            "{name} is bundle version {version}, made by a newer fieldkit; this one reads "
            "bundle versions 1 to {latest} (update fieldkit to read it)"
        )
    else:
        message = _(
            "{name} has no bundle version fieldkit knows ({version}); this one reads bundle "
            "versions 1 to {latest}"
        )
    raise BundleError(message.format(name=name, version=repr(version), latest=VERSION))


def looks_like_bundle(head: bytes) -> bool:
    return b'"fieldkit-bundle"' in head[:4096]


def without_nulls(cls: type[Value], doc: Any) -> Any:
    """A record's fields that other tools wrote as `null` read as absent, at any depth;
    unknown fields are kept as they are, `null` or not."""
    if not isinstance(doc, dict):
        return doc
    hints = _hints(cls)
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if key not in hints or key == "extra":
            out[key] = value
            continue
        if value is None:
            continue
        nested = _value_type(hints[key])
        if nested is not None and isinstance(value, list):
            value = [without_nulls(nested, v) for v in value]
        elif nested is not None:
            value = without_nulls(nested, value)
        out[key] = value
    return out


_HINTS: dict[type[Value], dict[str, Any]] = {}


def _hints(cls: type[Value]) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _value_type(hint: Any) -> type[Value] | None:
    """The record value type inside a field's type (`Limb` in `tuple[Limb, ...]`), if any."""
    if isinstance(hint, type) and issubclass(hint, Value):
        return hint
    for arg in typing.get_args(hint):
        found = _value_type(arg)
        if found is not None:
            return found
    return None


def is_sealed_bundle(head: bytes) -> bool:
    """An encrypted bundle: its header says what it holds."""
    return is_sealed(head) and f'"content":"{FORMAT}"'.encode() in head[:1024]


def read_bundle(path: Path) -> Bundle:
    """Parse a bundle file; every bad record is named in one BundleError."""
    try:
        raw = load(path)
    except orjson.JSONDecodeError as exc:
        raise BundleError(
            _("{name} is not JSON: {reason}").format(name=path.name, reason=exc)
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BundleError(
            _("{name} is not a fieldkit bundle (no {key})").format(
                name=path.name, key=f'"format": "{FORMAT}"'
            )
        )
    check_version(path.name, raw.get("version"))
    problems: list[str] = []
    mission: Mission | None = None
    if raw.get("mission") is not None:
        try:
            mission = Mission.from_dict(raw["mission"])
        except RecordError as exc:
            problems.append(f"mission: {exc}")
    records: list[Record] = []
    seen: dict[str, str] = {}
    for name in LISTS:
        docs = raw.get(name, [])
        if not isinstance(docs, list):
            problems.append(_("{table}: expected a list").format(table=name))
            continue
        cls = TYPE_BY_TABLE[name]
        for n, doc in enumerate(docs, start=1):
            try:
                record = cls.from_dict(without_nulls(cls, doc))
            except RecordError as exc:
                problems.append(f"{name} #{n}: {exc}")
                continue
            if isinstance(doc, dict) and "id" not in doc:
                problems.append(_("{record}: has no id").format(record=f"{name} #{n}"))
                continue
            if record.id in seen:
                problems.append(
                    _("{record}: id {id} is also {other}").format(
                        record=f"{name} #{n}", id=record.id, other=seen[record.id]
                    )
                )
                continue
            seen[record.id] = f"{name} #{n}"
            records.append(record)
    deleted = raw.get("deleted") or []
    if not isinstance(deleted, list) or not all(
        isinstance(t, dict) and isinstance(t.get("id"), str) for t in deleted
    ):
        problems.append(_("deleted: expected a list of tombstones, each with an id"))
        deleted = []
    if problems:
        raise BundleError(
            ngettext(
                "{name}: {count} bad record; nothing was imported",
                "{name}: {count} bad records; nothing was imported",
                len(problems),
            ).format(name=path.name, count=len(problems)),
            tuple(problems),
        )
    return Bundle(mission, records, deleted)
