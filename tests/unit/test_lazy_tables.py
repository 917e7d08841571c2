"""A transaction converts only the tables it reads, and reads them as a snapshot.

Adding a note to a mission of 5,000 items must not turn every item into a record first; but
reading the mission (`Store.data()`, what the app and the exports use) still checks every
record, so a damaged file is reported before anything is shown.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import orjson
import pytest

from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Meeting, Note
from fieldkit.domain.mission import Mission
from fieldkit.storage.errors import CorruptFile
from fieldkit.storage.repository import KEYS_TOP, Store


def _mission(path: Path) -> tuple[Store, Meeting, list[Item]]:
    store = Store(path)
    items = [Item(reference=f"95.{n}", text=f"Recommendation {n}") for n in range(1, 6)]
    meeting = Meeting(title="Ministry of Justice", agenda=tuple(i.id for i in items[:2]))
    store.create(Mission(name="Astana", country="Kazakhstan"), [*items, meeting])
    return store, meeting, items


def _break_one_item(path: Path) -> None:
    tree = orjson.loads(path.read_bytes())
    first = next(iter(tree["items"]))
    tree["items"][first]["kind"] = "not-a-kind"
    path.write_bytes(orjson.dumps(tree))


def test_a_transaction_sees_the_same_records_as_a_read(tmp_path: Path) -> None:
    store, _, _ = _mission(tmp_path / "m.json")
    read = store.data()
    with store.transaction() as tx:
        data = tx.data
        assert dict(data.items) == dict(read.items)
        assert list(data.items) == list(read.items)
        assert len(data.meetings) == 1
        assert data.mission == read.mission
        some = next(iter(read.items))
        assert some in data.items and data.items.get(some) == read.items[some]
        assert data.items.get("no-such-id") is None


def test_a_note_is_added_without_reading_the_items(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting, _ = _mission(path)
    _break_one_item(path)
    broken = orjson.loads(path.read_bytes())["items"]

    writer = Store(path)
    with writer.transaction() as tx:
        assert tx.data.meetings[meeting.id].title == "Ministry of Justice"
        tx.put(Note(meeting_id=meeting.id, text="The draft law is before parliament."))

    saved = orjson.loads(path.read_bytes())
    assert saved["items"] == broken  # the unread table is written back as it was
    assert [n["text"] for n in saved["notes"].values()] == ["The draft law is before parliament."]


def test_reading_the_mission_still_checks_every_record(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    _mission(path)
    _break_one_item(path)
    with pytest.raises(CorruptFile, match="items"):
        Store(path).data()
    with pytest.raises(CorruptFile, match="items"), Store(path).transaction() as tx:
        list(tx.data.items.values())


def test_data_taken_in_a_transaction_is_a_snapshot(tmp_path: Path) -> None:
    store, meeting, _ = _mission(tmp_path / "m.json")
    with store.transaction() as tx:
        before = tx.data
        note = Note(meeting_id=meeting.id, text="Asked for statistics.")
        tx.put(note)
        assert note.id not in before.notes
        assert note.id in tx.data.notes
    assert store.data().notes[note.id].text == "Asked for statistics."


def _keys(path: Path, table: str) -> dict[str, str]:
    """Stored key -> record id, as the file holds them."""
    return {key: doc["id"] for key, doc in orjson.loads(path.read_bytes())[table].items()}


def test_new_records_get_the_next_keys_across_transactions(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting, _ = _mission(path)
    notes = [Note(meeting_id=meeting.id, text=f"note {n}") for n in range(3)]
    store.save(notes[0])
    store.save(notes[1], notes[2])
    store.save(dataclasses.replace(notes[1], text="note 1, corrected"))
    top = KEYS_TOP  # the app numbers down from here; TinyDB scripts number up
    assert _keys(path, "notes") == {str(top): notes[0].id, str(top - 1): notes[1].id} | {
        str(top - 2): notes[2].id
    }
    assert store.data().notes[notes[1].id].text == "note 1, corrected"
    assert store.remove(Note, notes[2].id)
    store.save(Note(meeting_id=meeting.id, text="after a removal"))
    assert sorted(_keys(path, "notes"), key=int) == [str(top - 3), str(top - 1), str(top)]


def test_two_writers_never_share_a_key(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    first, meeting, _ = _mission(path)
    second = Store(path)
    saved = []
    for writer in (first, second, first, second):
        note = Note(meeting_id=meeting.id, text=f"note {len(saved)}")
        writer.save(note)
        saved.append(note.id)
    assert sorted(_keys(path, "notes").values()) == sorted(saved)
    assert set(first.data().notes) == set(saved) == set(second.data().notes)


def test_a_failed_transaction_leaves_the_keys_as_the_file_has_them(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store, meeting, _ = _mission(path)
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.put(Note(meeting_id=meeting.id, text="never saved"))
        raise RuntimeError("the command failed after its put")
    kept = Note(meeting_id=meeting.id, text="saved")
    store.save(kept)
    assert _keys(path, "notes") == {str(KEYS_TOP): kept.id}
