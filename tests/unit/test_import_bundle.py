"""Bundles from other tools and other laptops: nulls, duplicate ids, links and priority ranks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldkit.demo import demo_records
from fieldkit.domain.meetings import Note
from fieldkit.storage.repository import Store
from tests.helpers import cli


def bundle_of(demo_path: Path, tmp_path: Path, name: str = "b.json") -> tuple[Path, dict[str, Any]]:
    out = tmp_path / name
    exported = cli("export", "bundle", "--include-confidential", "--out", out, "--db", demo_path)
    assert exported.exit_code == 0, exported.output
    return out, json.loads(out.read_text("utf-8"))


def test_null_optional_fields_read_as_absent_and_unknown_fields_stay(
    demo_path: Path, tmp_path: Path
) -> None:
    out, doc = bundle_of(demo_path, tmp_path)
    note = Note(meeting_id=doc["meetings"][0]["id"], text="Bill in parliament").to_dict()
    doc["notes"].append(note | {"limb": None, "speaker_id": None, "colour": None})
    for item in doc["items"]:
        item.update(
            position=None,
            priority=None,
            source=item.get("source") and {**item["source"], "row": None},
        )
    out.write_text(json.dumps(doc), "utf-8")
    fresh = tmp_path / "fresh.json"
    result = cli("import", out, "--db", fresh)
    assert result.exit_code == 0, result.output
    data = Store(fresh).data()
    note = next(iter(data.notes.values()))
    assert (
        note.limb == ""
        and note.speaker_id is None
        and "colour" in note.extra
        and note.extra["colour"] is None
    )
    assert cli("check", "--db", fresh).exit_code == 0


def test_duplicate_ids_in_one_bundle_are_refused(demo_path: Path, tmp_path: Path) -> None:
    out, doc = bundle_of(demo_path, tmp_path)
    twin = {**doc["items"][0], "text": "Another text under the same id"}
    doc["items"].append(twin)
    out.write_text(json.dumps(doc), "utf-8")
    before = demo_path.read_bytes()
    result = cli("import", out, "--db", demo_path)
    assert result.exit_code == 2
    assert f"id {twin['id']} is also items #1" in result.output
    assert demo_path.read_bytes() == before


def test_a_note_on_a_meeting_that_is_nowhere_is_refused(demo_path: Path, tmp_path: Path) -> None:
    out, doc = bundle_of(demo_path, tmp_path)
    doc["notes"].append(Note(meeting_id="0" * 32, text="Which meeting?").to_dict())
    out.write_text(json.dumps(doc), "utf-8")
    before = demo_path.read_bytes()
    result = cli("import", out, "--db", demo_path)
    assert result.exit_code == 2, result.output
    assert "meeting 00000000 does not exist" in result.output
    assert demo_path.read_bytes() == before
    fresh = tmp_path / "fresh.json"
    assert cli("import", out, "--db", fresh).exit_code == 2
    assert not fresh.exists()


def test_two_demo_missions_in_one_keep_every_priority_rank_distinct(tmp_path: Path) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    for path in (first, second):  # each demo mission has its own ids
        Store(path).create(*demo_records("Test Delegate"))
    out, _ = bundle_of(second, tmp_path)
    result = cli("import", out, "--db", first)
    assert result.exit_code == 0, result.output
    assert "took ranks after the mission's own" in result.output
    check = cli("check", "--db", first)
    assert check.exit_code == 0, check.output
    ranks = [i.priority for i in Store(first).data().items.values() if i.priority is not None]
    assert len(ranks) == len(set(ranks)) and len(ranks) > 0
