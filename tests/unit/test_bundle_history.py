"""A mission started from a bundle keeps the bundle's merge history, so it merges back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson

from fieldkit.storage.repository import Store
from tests.helpers import cli


def ok(*args: str | Path) -> str:
    done = cli(*args)
    assert done.exit_code == 0, done.output
    return done.stdout.strip()


def as_json(*args: str | Path) -> Any:
    return json.loads(ok(*args, "--json"))


def test_a_minimal_copy_started_from_a_bundle_merges_back_without_false_conflicts(
    demo_path: Path, tmp_path: Path
) -> None:
    meeting = Store(demo_path).data().meetings_in_order[0].id
    ok("note", "add", "Before parting", "--meeting", meeting, "--kind", "statement",
       "--db", demo_path)  # fmt: skip
    gone = ok("note", "add", "Struck", "--meeting", meeting, "--kind", "statement",
              "--db", demo_path)  # fmt: skip
    ok("note", "delete", gone, "--db", demo_path)
    bundle = tmp_path / "m.bundle.json"
    ok("export", "bundle", "--without", "people,notes", "--out", bundle, "--db", demo_path)
    fresh = tmp_path / "new" / "m.json"
    ok("import", bundle, "--db", fresh)
    tree = orjson.loads(fresh.read_bytes())
    assert gone in {doc["id"] for doc in tree["_tombstones"].values()}
    assert all("person_ids" in doc["_sync"].get("o", []) for doc in tree["meetings"].values())
    note = as_json("note", "add", "Across the border", "--meeting", meeting,
                   "--kind", "statement", "--db", fresh)["id"]  # fmt: skip
    report = as_json("merge", fresh, "--db", demo_path)
    assert report["conflicts"] == []
    assert report["added"] and report["deleted"] == []
    data = Store(demo_path).data()
    assert note in data.notes and gone not in data.notes
    assert all(m.person_ids for m in data.meetings.values() if m.id == meeting)
    assert as_json("conflicts", "--db", demo_path) == []


def test_a_plain_bundle_from_an_older_fieldkit_starts_a_mission_that_merges_back(
    demo_path: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "old.json"
    ok("export", "bundle", "--out", bundle, "--db", demo_path)
    raw = orjson.loads(bundle.read_bytes())
    raw["version"] = 1
    del raw["deleted"]
    for value in raw.values():
        for doc in value if isinstance(value, list) else [value]:
            if isinstance(doc, dict):
                doc.pop("_sync", None)
    bundle.write_bytes(orjson.dumps(raw))
    fresh = tmp_path / "new" / "m.json"
    ok("import", bundle, "--db", fresh)
    assert len(Store(fresh).data().items) == len(Store(demo_path).data().items)
    report = as_json("merge", fresh, "--db", demo_path)
    assert report["conflicts"] == [] and report["added"] == [] and report["deleted"] == []
