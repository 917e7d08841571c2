"""A bundle of the mission itself (another copy's export) imported back: merged like a copy."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from fieldkit.domain.mission import MissionData
from fieldkit.storage.repository import Store
from tests.helpers import cli


def export(db: Path, out: Path, *options: str) -> Path:
    result = cli("export", "bundle", *options, "--out", out, "--db", db)
    assert result.exit_code == 0, result.output
    return out


def tables(data: MissionData) -> dict[str, dict[str, object]]:
    names = ("items", "institutions", "people", "meetings", "notes", "responses", "actions")
    return {name: dict(getattr(data, name)) for name in names} | {"mission": data.mission}


def test_a_bundle_that_left_parts_out_blanks_nothing(demo_path: Path, tmp_path: Path) -> None:
    before = tables(Store(demo_path).data())
    bundle = export(demo_path, tmp_path / "b.json", "--without", "institutions")
    assert all(p["institution_id"] is None for p in json.loads(bundle.read_bytes())["people"])
    result = cli("import", bundle, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert "added 0, updated 0" in result.output
    assert tables(Store(demo_path).data()) == before


def test_a_bundle_of_this_file_changes_nothing(demo_path: Path, tmp_path: Path) -> None:
    person = next(iter(Store(demo_path).data().people.values()))
    Store(demo_path).save(dataclasses.replace(person, contact="+7 701 000 0000").touched())
    bundle = export(demo_path, tmp_path / "b.json")  # contacts left out
    saved = demo_path.read_bytes()
    result = cli("import", bundle, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert "added 0, updated 0" in result.output
    assert demo_path.read_bytes() == saved


def test_newer_edits_arrive_with_their_history(demo_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "laptop-2.json"
    shutil.copy(demo_path, other)
    data = Store(other).data()
    item = next(i for i in data.items.values() if i.text)
    meeting = next(iter(data.meetings.values()))
    Store(other).save(
        dataclasses.replace(item, text="Revised wording").touched(),
        dataclasses.replace(meeting, summary="Minister confirmed the bill").touched(),
    )
    bundle = export(other, tmp_path / "b.json", "--include-confidential")
    saved = demo_path.read_bytes()
    tried = cli("import", bundle, "--dry-run", "--db", demo_path)
    assert "would add 0, update 2" in tried.output and demo_path.read_bytes() == saved
    result = cli("import", bundle, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert "added 0, updated 2" in result.output
    here = Store(demo_path).data()
    assert here.items[item.id].text == "Revised wording"
    assert here.meetings[meeting.id].summary == "Minister confirmed the bill"
    latest = dataclasses.replace(Store(other).data().items[item.id], text="Final wording")
    Store(other).save(latest.touched())  # edited again in the copy the bundle came from
    merged = cli("merge", other, "--json", "--db", demo_path)
    assert merged.exit_code == 0, merged.output
    report = json.loads(merged.output)
    assert report["conflicts"] == [] and report["updated"] == [{"table": "items", "id": item.id}]
    assert Store(demo_path).data().items[item.id].text == "Final wording"


def test_a_rank_taken_here_moves_the_bundles_item_after(demo_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "laptop-2.json"
    shutil.copy(demo_path, other)
    items = Store(demo_path).data().items.values()
    top = max(i.priority or 0 for i in items)
    mine, theirs = [i for i in items if i.priority is None][:2]
    Store(demo_path).save(dataclasses.replace(mine, priority=top + 1).touched())
    Store(other).save(dataclasses.replace(theirs, priority=top + 1).touched())
    result = cli("import", export(other, tmp_path / "b.json", "--include-confidential"),
                 "--db", demo_path)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 priority item took a rank after the mission's own" in result.output
    here = Store(demo_path).data().items
    assert (here[mine.id].priority, here[theirs.id].priority) == (top + 1, top + 2)
    check = cli("check", "--db", demo_path)
    assert check.exit_code == 0, check.output
