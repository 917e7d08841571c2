"""The command line takes dates and people as a delegate says them."""

from __future__ import annotations

from pathlib import Path

from fieldkit.storage.repository import Store
from tests.helpers import cli


def _meeting_id(path: Path) -> str:
    return Store(path).data().meetings_in_order[0].id


def test_response_deadline_and_speaker_as_said(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)  # 2017-04-11, with the Ombudsman
    done = cli(
        "response", "add", "--db", demo_path, "--meeting", meeting[:6], "--item", "CCPR-24",
        "--stance", "accepts", "--speaker", "ombuds", "--deadline", "30/6",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    response = Store(demo_path).data().responses[done.stdout.strip()]
    assert response.deadline == "2017-06-30"
    assert Store(demo_path).data().people[response.speaker_id or ""].name == "The Ombudsman"


def test_action_due_as_said(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)
    done = cli(
        "action", "add", "Send the report", "--db", demo_path, "--meeting", meeting[:6],
        "--due", "+3m",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert Store(demo_path).data().actions[done.stdout.strip()].due == "2017-07-11"


def test_a_speaker_name_part_shared_by_several_says_who(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)
    before = demo_path.read_bytes()
    done = cli(
        "note", "add", "Said", "--db", demo_path, "--meeting", meeting[:6], "--item", "CCPR-24",
        "--kind", "statement", "--speaker", "Head",
    )  # fmt: skip
    assert done.exit_code == 2
    assert "could be any of" in done.output and "Traceback" not in done.output
    assert demo_path.read_bytes() == before


def test_a_date_that_is_none_is_refused_in_one_line(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)
    done = cli(
        "action", "add", "Send it", "--db", demo_path, "--meeting", meeting[:6], "--due", "soon",
    )  # fmt: skip
    assert done.exit_code == 2
    assert "'soon' is not a date" in done.output
    assert len(done.output.strip().splitlines()) == 1


def test_a_delegate_can_be_the_speaker_and_becomes_a_person_once(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)
    for text in ("We raised para 24", "We raised para 18"):
        done = cli(
            "note", "add", text, "--db", demo_path, "--meeting", meeting[:6], "--item",
            "CCPR-24", "--kind", "statement", "--speaker", "kote",
        )  # fmt: skip
        assert done.exit_code == 0, done.output
    data = Store(demo_path).data()
    [kote] = [p for p in data.people.values() if p.name == "Kote Vardzelashvili"]
    assert data.institutions[kote.institution_id or ""].name == "Delegation"
    assert {n.speaker_id for n in data.notes.values()} == {kote.id}


def test_an_edited_deadline_is_read_in_the_meetings_year_in_any_language(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)  # 2017-04-11: the demo is years before today
    added = cli(
        "response", "add", "--db", demo_path, "--meeting", meeting, "--item", "CCPR-24",
        "--stance", "accepts",
    )  # fmt: skip
    response = added.stdout.strip()
    for said, stored in (
        ("31/7", "2017-07-31"),
        ("30 июня", "2017-06-30"),
        ("fin août", "2017-08-31"),
    ):
        edited = cli("response", "edit", response, "--deadline", said, "--db", demo_path)
        assert edited.exit_code == 0, edited.output
        assert Store(demo_path).data().responses[response].deadline == stored
    action = cli("action", "add", "Write", "--meeting", meeting, "--db", demo_path).stdout.strip()
    assert cli("action", "edit", action, "--due", "30/9", "--db", demo_path).exit_code == 0
    assert Store(demo_path).data().actions[action].due == "2017-09-30"
