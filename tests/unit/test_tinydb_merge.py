"""A TinyDB script's edits to a mission merge as the app's and the command line's do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from fieldkit.storage import MissionStorage
from fieldkit.storage.repository import Store
from fieldkit.storage.schema import TOMBSTONES
from tests.helpers import cli


def ok(*args: str | Path) -> Any:
    done = cli(*args, "--json")
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def add_note(path: Path, meeting: str, text: str) -> str:
    done = cli("note", "add", text, "--meeting", meeting, "--kind", "statement", "--db", path)
    assert done.exit_code == 0, done.output
    return done.stdout.strip()


def copies(demo_path: Path, tmp_path: Path) -> tuple[Path, Path, str, str, str]:
    """Two copies of a mission sharing two notes, made as a delegate would (`cp`)."""
    meeting = next(iter(Store(demo_path).data().meetings_in_order)).id
    kept = add_note(demo_path, meeting, "Said before")
    gone = add_note(demo_path, meeting, "To be removed")
    other = tmp_path / "laptop-b" / "m.json"
    other.parent.mkdir()
    shutil.copy(demo_path, other)
    return demo_path, other, meeting, kept, gone


def merged_both_ways(a: Path, b: Path, tmp_path: Path) -> tuple[Any, Any]:
    a0 = tmp_path / "a0.json"
    shutil.copy(a, a0)
    return ok("merge", b, "--db", a), ok("merge", a0, "--db", b)


def test_a_scripts_update_and_removal_merge_both_ways(demo_path: Path, tmp_path: Path) -> None:
    a, b, meeting, kept, gone = copies(demo_path, tmp_path)
    with TinyDB(a, storage=MissionStorage) as db:
        notes = db.table("notes")
        notes.update({"text": "Said by the script"}, Query().id == kept)
        notes.remove(Query().id == gone)
    assert [t["id"] for t in ok("conflicts", "--db", a)] == []
    assert gone in {doc["id"] for doc in json.loads(a.read_text())[TOMBSTONES].values()}
    elsewhere = add_note(b, meeting, "Edited on the other laptop")
    into_a, into_b = merged_both_ways(a, b, tmp_path)
    assert [r["id"] for r in into_a["added"]] == [elsewhere]
    assert into_a["conflicts"] == [] and into_b["conflicts"] == []
    assert [r["id"] for r in into_b["updated"]] == [kept]
    assert [r["id"] for r in into_b["deleted"]] == [gone]
    for path in (a, b):
        notes_now = Store(path).data().notes
        assert notes_now[kept].text == "Said by the script"
        assert gone not in notes_now and elsewhere in notes_now


def test_a_scripts_insert_merges_as_an_addition(demo_path: Path, tmp_path: Path) -> None:
    a, b, meeting, kept, _ = copies(demo_path, tmp_path)
    template = {k: v for k, v in Store(a).data().notes[kept].to_dict().items() if k != "_sync"}
    new_id = "0b9e2c1e-5f4a-4b7e-9a53-1c2d3e4f5a6b"
    with TinyDB(a, storage=MissionStorage) as db:
        db.table("notes").insert({**template, "id": new_id, "text": "Inserted by a script"})
    tree = json.loads(a.read_text())
    [stored] = [doc for doc in tree["notes"].values() if doc["id"] == new_id]
    assert stored["_sync"]["v"] == {tree["_meta"]["1"]["copy"]: 1}  # written as this copy's
    into_a, into_b = merged_both_ways(a, b, tmp_path)
    assert [r["id"] for r in into_b["added"]] == [new_id]
    assert into_a["conflicts"] == [] and into_b["conflicts"] == []
    assert Store(b).data().notes[new_id].text == "Inserted by a script"
    assert meeting == Store(b).data().notes[new_id].meeting_id
