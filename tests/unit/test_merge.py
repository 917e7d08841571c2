"""Merging two delegates' copies of a mission from the command line, as they would."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from fieldkit.domain.directory import Person
from fieldkit.storage.repository import Store
from fieldkit.storage.schema import TOMBSTONES
from tests.helpers import cli


def ok(*args: str | Path) -> str:
    done = cli(*args)
    assert done.exit_code == 0, done.output
    return done.stdout.strip()


def as_json(*args: str | Path) -> Any:
    return json.loads(ok(*args, "--json"))


def meetings(path: Path) -> list[str]:
    return [m.id for m in Store(path).data().meetings_in_order]


def records(path: Path) -> dict[str, Any]:
    """Every record and tombstone, without the file's own markers (which of a conflict's
    values is its own)."""
    tree = orjson.loads(path.read_bytes())
    out = {}
    for name, table in tree.items():
        if name == "_meta":
            continue
        for doc in table.values():
            sync = {k: v for k, v in doc.get("_sync", {}).items() if k != "m"}
            out[f"{name}/{doc['id']}"] = {**doc, "_sync": sync}
    return out


@pytest.fixture
def two(demo_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    first = meetings(demo_path)[0]
    ok("response", "add", "--item", "CCPR-18", "--meeting", first, "--stance", "no-answer",
       "--db", demo_path)  # fmt: skip
    ok("note", "add", "Before parting", "--meeting", first, "--kind", "statement",
       "--db", demo_path)  # fmt: skip
    other = tmp_path / "laptop-b" / "m.json"
    other.parent.mkdir()
    shutil.copy(demo_path, other)
    return demo_path, other


def test_a_copy_made_with_cp_gets_its_own_id_on_its_first_write(two: tuple[Path, Path]) -> None:
    a, b = two
    meeting = meetings(a)[0]
    for path in (a, b):
        ok("note", "add", "One more", "--meeting", meeting, "--kind", "statement", "--db", path)
    ids = [orjson.loads(p.read_bytes())["_meta"]["1"]["copy"] for p in (a, b)]
    assert ids[0] != ids[1]


def test_merging_both_ways_gives_the_same_records_and_one_conflict(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two
    m1, m2 = meetings(a)[:2]
    response = as_json("conflicts", "--db", a)  # none yet
    assert response == []
    shared = Store(a).data().responses
    rid = next(iter(shared))
    ok("note", "add", "Prosecutor", "--meeting", m1, "--kind", "statement", "--db", a)
    ok("response", "edit", rid[:8], "--stance", "accepts", "--db", a)
    ok("note", "add", "Ombudsman", "--meeting", m2, "--kind", "concern", "--db", b)
    ok("response", "edit", rid[:8], "--stance", "rejects", "--grade", "C", "--db", b)
    a0 = tmp_path / "a0.json"
    shutil.copy(a, a0)
    into_a = as_json("merge", b, "--db", a)
    into_b = as_json("merge", a0, "--db", b)
    assert len(into_a["added"]) == 1 and len(into_a["conflicts"]) == 1
    assert len(into_b["added"]) == 1 and len(into_b["conflicts"]) == 1
    assert records(a) == records(b)
    [conflict] = as_json("conflicts", "--db", a)
    assert conflict["record_id"] == rid and conflict["field"] == "stance"
    assert (conflict["mine"]["value"], conflict["theirs"]["value"]) == ("accepts", "rejects")
    assert Store(a).data().responses[rid].grade is not None  # edited on one side only
    ok("resolve", conflict["id"][:6], "--keep", "theirs", "--db", a)
    assert as_json("conflicts", "--db", a) == []
    assert Store(a).data().responses[rid].stance.value == "rejects"
    ok("merge", a, "--db", b)
    assert as_json("conflicts", "--db", b) == []
    before = a.read_bytes()
    again = as_json("merge", b, "--db", a)
    assert again == {
        "added": [],
        "updated": [],
        "deleted": [],
        "conflicts": [],
        "held_back": [],
        "saved": False,
    }
    assert a.read_bytes() == before


def test_deletions_travel_and_delete_against_edit_is_a_conflict(
    two: tuple[Path, Path],
) -> None:
    a, b = two
    m1 = meetings(a)[0]
    gone = ok("note", "add", "Gone", "--meeting", m1, "--kind", "statement", "--db", a)
    disputed = ok("note", "add", "Disputed", "--meeting", m1, "--kind", "statement", "--db", a)
    ok("merge", a, "--db", b)
    deleted = as_json("note", "delete", gone[:8], "--db", a)
    assert deleted["id"] == gone
    ok("note", "delete", disputed, "--db", a)
    ok("note", "edit", disputed, "--text", "Edited elsewhere", "--db", b)
    report = as_json("merge", a, "--db", b)
    assert [d["id"] for d in report["deleted"]] == [gone]
    [conflict] = report["conflicts"]
    assert (conflict["record_id"], conflict["field"]) == (disputed, "deleted")
    assert (conflict["mine"]["value"], conflict["theirs"]["value"]) == ("kept", "deleted")
    assert conflict["mine"]["fields"] == {"text": "Edited elsewhere"}
    assert "'kept' with text 'Edited elsewhere'" in ok("conflicts", "--db", b)
    assert gone not in Store(b).data().notes and disputed in Store(b).data().notes
    ok("resolve", conflict["id"], "--keep", "theirs", "--db", b)
    assert disputed not in Store(b).data().notes
    ok("merge", b, "--db", a)
    assert records(a) == records(b)


def test_a_bundle_merges_like_a_file_and_what_it_leaves_out_is_kept(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two
    m1 = meetings(a)[0]
    secret = ok("note", "add", "Secret", "--meeting", m1, "--kind", "statement",
                "--confidential", "--db", a)  # fmt: skip
    with Store(a).transaction() as tx:
        tx.put(Person(name="Aigerim", contact="+7 700 000"))
    ok("merge", a, "--db", b)
    ok("note", "add", "From B", "--meeting", m1, "--kind", "statement", "--db", b)
    bundle = tmp_path / "b.json"
    ok("export", "bundle", "--out", bundle, "--db", b)
    report = as_json("merge", bundle, "--db", a)
    assert len(report["added"]) == 1 and report["deleted"] == [] and report["conflicts"] == []
    data = Store(a).data()
    assert secret in data.notes
    assert [p.contact for p in data.people.values() if p.name == "Aigerim"] == ["+7 700 000"]


def test_an_older_plain_bundle_still_imports(demo_path: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "old.json"
    ok("export", "bundle", "--out", bundle, "--db", demo_path)
    raw = orjson.loads(bundle.read_bytes())
    raw["version"] = 1
    del raw["deleted"]
    for name in ("items", "people", "meetings"):
        for doc in raw[name]:
            doc.pop("_sync", None)
    bundle.write_bytes(orjson.dumps(raw))
    fresh = tmp_path / "new" / "m.json"
    ok("import", bundle, "--db", fresh)
    assert len(Store(fresh).data().items) == 325


def test_another_missions_copy_is_refused_and_nothing_is_written(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, _ = two
    other = tmp_path / "other.json"
    ok("init", "--name", "Another", "--country", "X", "--db", other)
    before, theirs = a.read_bytes(), other.read_bytes()
    done = cli("merge", other, "--db", a)
    assert done.exit_code == 2
    assert "another mission" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert a.read_bytes() == before and other.read_bytes() == theirs


def test_dry_run_saves_nothing_and_the_other_copy_is_never_written(
    two: tuple[Path, Path],
) -> None:
    a, b = two
    ok("note", "add", "New", "--meeting", meetings(b)[0], "--kind", "statement", "--db", b)
    before, theirs = a.read_bytes(), b.read_bytes()
    report = as_json("merge", b, "--dry-run", "--db", a)
    assert len(report["added"]) == 1 and report["saved"] is False
    assert a.read_bytes() == before and b.read_bytes() == theirs


@pytest.mark.parametrize(
    "args",
    [
        ("note", "edit", "zzzz", "--text", "x"),
        ("note", "edit", "NOTE", "--kind", "rumour"),
        ("note", "edit", "NOTE", "--text", "  "),
        ("note", "edit", "NOTE"),
        ("note", "edit", "NOTE", "--public", "--confidential"),
        ("response", "edit", "RESP", "--stance", "maybe"),
        ("response", "edit", "RESP", "--deadline", "soon"),
        ("response", "edit", "RESP", "--grade", "Z"),
        ("action", "edit", "zz", "--status", "later"),
        ("note", "delete", "zzzz"),
        ("resolve", "zzzz", "--keep", "mine"),
        ("resolve", "zzzz", "--keep", "both"),
        ("merge", "/nonexistent/m.json"),
    ],
)
def test_bad_edits_exit_2_and_leave_the_file_untouched(
    two: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    a, _ = two
    data = Store(a).data()
    note, response = next(iter(data.notes)), next(iter(data.responses))
    args = tuple(x.replace("NOTE", note[:8]).replace("RESP", response[:8]) for x in args)
    before = a.read_bytes()
    done = cli(*args, "--db", a)
    assert done.exit_code == 2, done.output
    assert len(done.stderr.strip().splitlines()) == 1
    assert a.read_bytes() == before


def test_edits_print_the_changed_record_and_change_only_what_was_named(
    two: tuple[Path, Path],
) -> None:
    a, _ = two
    note = next(iter(Store(a).data().notes.values()))
    edited = as_json("note", "edit", note.id[:6], "--kind", "concern", "--confidential",
                     "--db", a)  # fmt: skip
    assert edited["id"] == note.id and edited["kind"] == "concern"
    assert edited["confidentiality"] == "confidential" and edited["text"] == note.text
    assert "_sync" not in edited
    action = ok("action", "add", "Write to the ombudsman", "--db", a)
    done = as_json("action", "edit", action[:8], "--status", "done", "--db", a)
    assert done["status"] == "done"
    assert as_json("action", "delete", action[:8], "--db", a)["id"] == action
    tombs = orjson.loads(a.read_bytes())[TOMBSTONES]
    assert [t["id"] for t in tombs.values()] == [action]


def test_an_encrypted_copy_merges_and_stays_as_it_was(
    two: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = two
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "correct horse battery staple")
    ok("note", "add", "Sealed", "--meeting", meetings(b)[0], "--kind", "statement", "--db", b)
    ok("encrypt", "--db", b)
    theirs = b.read_bytes()
    report = as_json("merge", b, "--db", a)
    assert len(report["added"]) == 1
    assert b.read_bytes() == theirs


def _as_version_1(path: Path) -> None:
    tree = orjson.loads(path.read_bytes())
    tree["_meta"] = {"1": {"schema_version": 1, "app": "fieldkit"}}
    for table in tree.values():
        for doc in table.values():
            doc.pop("_sync", None)
    path.write_bytes(orjson.dumps(tree))


def test_copies_of_a_file_from_before_merge_history_merge_cleanly(
    two: tuple[Path, Path],
) -> None:
    a, b = two
    for path in (a, b):
        _as_version_1(path)
    rid = next(iter(Store(a).data().responses))
    ok("response", "edit", rid, "--stance", "accepts", "--db", a)
    ok("response", "edit", rid, "--quote", "We will consider it", "--db", b)
    report = as_json("merge", b, "--db", a)
    assert report["conflicts"] == [] and len(report["updated"]) == 1
    response = Store(a).data().responses[rid]
    assert (response.stance.value, response.quote) == ("accepts", "We will consider it")


def test_check_lists_conflicts_and_copies_beside_the_file_and_exits_0(
    two: tuple[Path, Path],
) -> None:
    a, b = two
    rid = next(iter(Store(a).data().responses))
    ok("response", "edit", rid, "--stance", "accepts", "--db", a)
    ok("response", "edit", rid, "--stance", "rejects", "--db", b)
    ok("merge", b, "--db", a)
    ok("note", "add", "Later", "--meeting", meetings(b)[0], "--kind", "statement", "--db", b)
    syncthing = a.parent / f"{a.stem}.sync-conflict-20170411-093000-ABCDEFG.json"
    shutil.copy(b, syncthing)
    done = cli("check", "--db", a)
    assert done.exit_code == 0, done.output
    assert "1 unresolved conflict" in done.stdout and "stance" in done.stdout
    assert f"another copy of this mission lies beside it: {syncthing.name}" in done.stdout
    ok("merge", syncthing, "--db", a)
    done = cli("check", "--db", a)
    assert done.exit_code == 0, done.output
    assert "another copy" not in done.stdout and "merge it" not in done.stdout
    assert f"{syncthing.name} beside it is already merged" in done.stdout
    assert "can be deleted" in done.stdout
    tree = orjson.loads(syncthing.read_bytes())
    tree["drafts"] = {"1": {"id": "d1", "kind": "note", "fields": {"text": "Half typed"}}}
    syncthing.write_bytes(orjson.dumps(tree))
    done = cli("check", "--db", a)
    assert "holds drafts typed there" in done.stdout and "can be deleted" not in done.stdout


def test_a_merge_that_cannot_be_saved_leaves_the_file_as_it_was(
    two: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = two
    ok("note", "add", "New", "--meeting", meetings(b)[0], "--kind", "statement", "--db", b)
    before = a.read_bytes()

    def no_space(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", no_space)
    done = cli("merge", b, "--db", a)
    monkeypatch.undo()
    assert done.exit_code == 2 and "No space left on device" in done.stderr
    assert a.read_bytes() == before
    assert len(as_json("merge", b, "--db", a)["added"]) == 1


def test_a_left_out_contact_saved_unchanged_is_not_an_edit(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two
    with Store(b).transaction() as tx:
        tx.put(Person(name="Aigerim", contact="+7 700 000"))
    bundle = tmp_path / "b.json"
    ok("export", "bundle", "--out", bundle, "--db", b)
    ok("merge", bundle, "--db", a)
    store = Store(a)
    person = next(p for p in store.data().people.values() if p.name == "Aigerim")
    assert person.contact == ""
    with store.transaction() as tx:
        tx.put(person.touched(title="Adviser"))
    ok("merge", b, "--db", a)
    person = next(p for p in Store(a).data().people.values() if p.name == "Aigerim")
    assert (person.contact, person.title) == ("+7 700 000", "Adviser")
    assert as_json("conflicts", "--db", a) == []


def test_damaged_merge_history_is_rebuilt_not_a_crash(two: tuple[Path, Path]) -> None:
    a, b = two
    tree = orjson.loads(b.read_bytes())
    for doc in tree["notes"].values():
        doc["_sync"] = {"v": "spoiled", "f": 3}
    b.write_bytes(orjson.dumps(tree))
    note = next(iter(Store(b).data().notes))
    ok("note", "edit", note, "--text", "Edited after the damage", "--db", b)
    report = as_json("merge", b, "--db", a)
    assert [c["field"] for c in report["conflicts"]] == ["text"]
    assert cli("conflicts", "--db", a).exit_code == 0


def test_several_copies_merge_in_one_go_and_each_record_is_named_once(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two
    c = tmp_path / "laptop-c" / "m.json"
    c.parent.mkdir()
    shutil.copy(b, c)
    note = next(iter(Store(a).data().notes))
    meeting = meetings(a)[0]
    ok("note", "add", "From B", "--meeting", meeting, "--kind", "statement", "--db", b)
    ok("note", "add", "From C", "--meeting", meeting, "--kind", "statement", "--db", c)
    ok("note", "edit", note, "--text", "B's words", "--db", b)
    ok("note", "edit", note, "--text", "C's words", "--db", c)
    report = as_json("merge", b, c, "--db", a)
    assert len(report["added"]) == 2 and [u["id"] for u in report["updated"]] == [note]
    [conflict] = report["conflicts"]
    assert {v["value"] for v in conflict["values"]} == {"B's words", "C's words"}
    assert report["saved"] is True


def _older_bundle(source: Path, out: Path) -> Path:
    ok("export", "bundle", "--out", out, "--db", source)
    raw = orjson.loads(out.read_bytes())
    raw["version"] = 1
    del raw["deleted"]
    for value in raw.values():
        for doc in value if isinstance(value, list) else [value]:
            if isinstance(doc, dict):
                doc.pop("_sync", None)
    out.write_bytes(orjson.dumps(raw))
    return out


def test_an_older_bundle_of_the_same_records_updates_nothing(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, _ = two
    bundle = _older_bundle(a, tmp_path / "old.json")
    report = as_json("merge", bundle, "--db", a)
    assert (report["added"], report["updated"], report["deleted"]) == ([], [], [])
    assert report["conflicts"] == []
    assert as_json("merge", bundle, "--db", a)["saved"] is False


@pytest.mark.parametrize("content", [b"{}", b'{"format": "fieldkit-bundle", "version": 2}'])
def test_a_file_holding_no_mission_is_refused(
    two: tuple[Path, Path], tmp_path: Path, content: bytes
) -> None:
    a, _ = two
    empty = tmp_path / "empty.json"
    empty.write_bytes(content)
    before = a.read_bytes()
    done = cli("merge", empty, "--db", a)
    assert done.exit_code == 2, done.output
    assert "no mission" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert a.read_bytes() == before


def test_a_bundle_that_left_out_a_changed_contact_says_what_it_did_not_merge(
    two: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two
    with Store(a).transaction() as tx:
        tx.put(Person(name="Aigerim", title="Lawyer", contact="+7 700 000"))
    ok("merge", a, "--db", b)
    with Store(b).transaction() as tx:
        person = next(p for p in tx.data.people.values() if p.name == "Aigerim")
        tx.put(person.touched(title="Senior lawyer", contact="+7 777 777"))
    bundle = tmp_path / "b.json"
    ok("export", "bundle", "--out", bundle, "--db", b)
    report = as_json("merge", bundle, "--db", a)
    assert report["held_back"] == [{"table": "people", "id": person.id}]
    assert "not merged: 1 record" in ok("merge", bundle, "--db", a)
    assert as_json("merge", b, "--db", a)["held_back"] == []
    assert Store(a).data().people[person.id].title == "Senior lawyer"


def test_an_edit_clears_an_optional_field_given_as_empty(two: tuple[Path, Path]) -> None:
    a, b = two
    data = Store(a).data()
    meeting = meetings(a)[0]
    person = next(iter(data.people.values()))
    note = as_json("note", "add", "Said by someone", "--meeting", meeting, "--kind",
                   "statement", "--speaker", person.name, "--db", a)["id"]  # fmt: skip
    response = next(iter(data.responses))
    ok("response", "edit", response, "--grade", "B", "--deadline", "2017-12-31", "--db", a)
    ok("merge", a, "--db", b)
    assert as_json("note", "edit", note, "--speaker", "", "--db", a)["speaker_id"] is None
    cleared = as_json("response", "edit", response, "--grade", "", "--deadline", "", "--db", a)
    assert (cleared["grade"], cleared["deadline"]) == (None, "")
    assert "''" in ok("note", "edit", "-h") and "''" in ok("response", "edit", "-h")
    ok("merge", a, "--db", b)
    assert Store(b).data().notes[note].speaker_id is None
    assert Store(b).data().responses[response].grade is None


def test_check_says_an_encrypted_copy_already_merged_can_be_deleted(
    two: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = two
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "correct horse battery staple")
    ok("encrypt", "--db", a)
    syncthing = a.parent / f"{a.stem}.sync-conflict-20170411-093000-ABCDEFG.json"
    shutil.copy(a, syncthing)
    done = cli("check", "--db", a)
    assert done.exit_code == 0, done.output
    assert f"{syncthing.name} beside it is already merged" in done.stdout


@pytest.mark.parametrize("command", ["merge", "import"])
def test_a_bundle_too_new_says_its_version_and_the_versions_read(
    two: tuple[Path, Path], tmp_path: Path, command: str
) -> None:
    a, _ = two
    bundle = tmp_path / "new.json"
    ok("export", "bundle", "--out", bundle, "--db", a)
    raw = orjson.loads(bundle.read_bytes())
    bundle.write_bytes(orjson.dumps({**raw, "version": 3}))
    before = a.read_bytes()
    done = cli(command, bundle, "--db", a if command == "merge" else tmp_path / "n" / "m.json")
    assert done.exit_code == 2, done.output
    [line] = done.stderr.strip().splitlines()
    assert "bundle version 3" in line and "reads bundle versions 1 to 2" in line
    assert a.read_bytes() == before


def test_conflicts_name_the_record_and_field_in_the_chosen_language(
    two: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = two
    rid = next(iter(Store(a).data().responses))
    ok("response", "edit", rid, "--stance", "accepts", "--db", a)
    ok("response", "edit", rid, "--stance", "rejects", "--db", b)
    ok("merge", b, "--db", a)
    monkeypatch.setenv("FIELDKIT_LANG", "ru")
    line = ok("conflicts", "--db", a)
    assert "ответ" in line and "позиция" in line
    assert "responses" not in line and "stance" not in line
    monkeypatch.setenv("FIELDKIT_LANG", "en")
    assert "response" in ok("conflicts", "--db", a)
    assert as_json("conflicts", "--db", a)[0]["table"] == "responses"  # JSON keeps the keys
