"""What a deleted record leaves behind, and what of it travels to other copies."""

from __future__ import annotations

import json
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


def tombs(path: Path) -> dict[str, dict[str, Any]]:
    tree = orjson.loads(path.read_bytes())
    return {doc["id"]: doc for doc in (tree.get(TOMBSTONES) or {}).values()}


def canon(path: Path) -> dict[str, Any]:
    """Every record and tombstone, without the file's own markers."""
    tree = orjson.loads(path.read_bytes())
    out = {}
    for name, table in tree.items():
        for doc in table.values() if name != "_meta" else ():
            sync = {k: v for k, v in doc.get("_sync", {}).items() if k != "m"}
            out[f"{name}/{doc['id']}"] = {**doc, "_sync": sync}
    return out


def copies(source: Path, tmp_path: Path, *names: str) -> list[Path]:
    out = []
    for name in names:
        path = tmp_path / name / "m.json"
        path.parent.mkdir()
        shutil.copy(source, path)
        out.append(path)
    return out


@pytest.fixture
def note(demo_path: Path) -> str:
    meeting = Store(demo_path).data().meetings_in_order[0].id
    return ok("note", "add", "The prosecutor's own words", "--meeting", meeting,
              "--kind", "statement", "--confidential", "--db", demo_path)  # fmt: skip


def test_a_tombstone_keeps_the_deleted_records_content(demo_path: Path, note: str) -> None:
    ok("note", "delete", note, "--db", demo_path)
    tomb = tombs(demo_path)[note]
    assert tomb["table"] == "notes" and tomb["text"] == "The prosecutor's own words"
    assert note not in Store(demo_path).data().notes


def test_a_record_revived_by_an_edit_elsewhere_is_the_same_in_any_order(
    demo_path: Path, note: str, tmp_path: Path
) -> None:
    a, b, c = copies(demo_path, tmp_path, "a", "b", "c")
    ok("note", "edit", note, "--kind", "concern", "--db", a)
    ok("note", "edit", note, "--text", "Said again, later", "--db", c)
    ok("merge", a, "--db", b)
    ok("note", "delete", note, "--db", a)
    left = tmp_path / "left.json"  # (A+B)+C
    shutil.copy(a, left)
    ok("merge", b, c, "--db", left)
    right = tmp_path / "right.json"  # A+(B+C)
    shutil.copy(b, right)
    ok("merge", c, "--db", right)
    ok("merge", a, "--db", right)
    assert canon(left) == canon(right)
    kept = Store(left).data().notes[note]
    assert (kept.kind.value, kept.text) == ("concern", "Said again, later")
    [conflict] = as_json("conflicts", "--db", left)
    assert conflict["field"] == "deleted"


def test_a_bundle_leaves_a_confidential_tombstones_content_out(
    demo_path: Path, note: str, tmp_path: Path
) -> None:
    (b,) = copies(demo_path, tmp_path, "b")
    ok("note", "delete", note, "--db", demo_path)
    plain, full = tmp_path / "plain.json", tmp_path / "full.json"
    ok("export", "bundle", "--out", plain, "--db", demo_path)
    ok("export", "bundle", "--include-confidential", "--out", full, "--db", demo_path)
    assert b"prosecutor's own words" not in plain.read_bytes()
    [tomb] = [t for t in orjson.loads(plain.read_bytes())["deleted"] if t["id"] == note]
    assert "text" in tomb["_sync"]["o"] and tomb["text"] is None
    assert b"prosecutor's own words" in full.read_bytes()
    report = as_json("merge", plain, "--db", b)
    assert report["deleted"] == [{"table": "notes", "id": note}]
    assert tombs(b)[note]["text"] == "The prosecutor's own words"  # its own copy's words


def test_a_bundle_leaves_a_tombstones_contact_out(demo_path: Path, tmp_path: Path) -> None:
    person = Person(name="Aigerim", contact="+7 700 000")
    with Store(demo_path).transaction() as tx:
        tx.put(person)
    with Store(demo_path).transaction() as tx:
        tx.delete(Person, person.id)
    bundle = tmp_path / "plain.json"
    ok("export", "bundle", "--out", bundle, "--db", demo_path)
    [tomb] = [t for t in orjson.loads(bundle.read_bytes())["deleted"] if t["id"] == person.id]
    assert tomb["contact"] == "" and tomb["_sync"]["o"] == ["contact"]
    assert tomb["name"] == "Aigerim"


def test_a_purged_deletion_keeps_no_content_on_either_laptop(
    demo_path: Path, note: str, tmp_path: Path
) -> None:
    (b,) = copies(demo_path, tmp_path, "b")
    ok("note", "delete", note, "--purge", "--db", demo_path)
    assert set(tombs(demo_path)[note]) == {"id", "table", "created_at", "updated_at",
                                           "author", "_sync"}  # fmt: skip
    assert b"prosecutor's own words" not in demo_path.read_bytes()
    report = as_json("merge", demo_path, "--db", b)
    assert report["deleted"] == [{"table": "notes", "id": note}]
    assert b"prosecutor's own words" not in b.read_bytes()
    assert canon(b)[f"{TOMBSTONES}/{note}"] == canon(demo_path)[f"{TOMBSTONES}/{note}"]


def test_a_tombstone_without_content_from_before_still_deletes(
    demo_path: Path, note: str, tmp_path: Path
) -> None:
    (b,) = copies(demo_path, tmp_path, "b")
    ok("note", "delete", note, "--db", demo_path)
    tree = orjson.loads(demo_path.read_bytes())
    for key, doc in tree[TOMBSTONES].items():
        keep = ("id", "table", "created_at", "updated_at", "author", "_sync")
        tree[TOMBSTONES][key] = {k: v for k, v in doc.items() if k in keep}
    demo_path.write_bytes(orjson.dumps(tree))
    report = as_json("merge", demo_path, "--db", b)
    assert report["deleted"] == [{"table": "notes", "id": note}]
    assert as_json("merge", b, "--db", demo_path)["conflicts"] == []
    assert as_json("conflicts", "--db", b) == []


def test_an_encrypted_file_keeps_a_tombstones_content_sealed(
    demo_path: Path, note: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "correct horse battery staple")
    ok("encrypt", "--db", demo_path)
    ok("note", "delete", note, "--db", demo_path)
    assert b"prosecutor" not in demo_path.read_bytes()
    assert tombs_sealed(demo_path)[note]["text"] == "The prosecutor's own words"


def tombs_sealed(path: Path) -> dict[str, dict[str, Any]]:
    tree = Store(path).file.tree()
    return {doc["id"]: doc for doc in (tree.get(TOMBSTONES) or {}).values()}


def test_a_deletion_whose_left_out_edit_is_unseen_waits_for_the_copys_file(
    demo_path: Path, note: str, tmp_path: Path
) -> None:
    (b,) = copies(demo_path, tmp_path, "b")
    ok("note", "edit", note, "--text", "Corrected before deleting", "--db", b)
    ok("note", "delete", note, "--db", b)
    plain = tmp_path / "plain.json"
    ok("export", "bundle", "--out", plain, "--db", b)
    report = as_json("merge", plain, "--db", demo_path)
    assert report["held_back"] == [{"table": "notes", "id": note}] and report["deleted"] == []
    assert note in Store(demo_path).data().notes
    report = as_json("merge", b, "--db", demo_path)
    assert report["deleted"] == [{"table": "notes", "id": note}]
    assert tombs(demo_path)[note]["text"] == "Corrected before deleting"
