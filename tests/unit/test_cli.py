"""The command-line contract: what scripts and delegates rely on."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from fieldkit.storage.backups import list_backups
from fieldkit.storage.repository import Store
from tests.helpers import FIELDKIT, cli, cli_process


def _meeting_id(path: Path) -> str:
    return Store(path).data().meetings_in_order[0].id


def test_demo_is_sound_and_lists_its_items(tmp_path: Path) -> None:
    path = tmp_path / "demo" / "m.json"
    created = cli("demo", "--no-open", "--db", path)
    assert created.exit_code == 0, created.output
    assert created.stdout.strip() == str(path)
    assert cli("check", "--db", path).exit_code == 0
    items = json.loads(cli("items", "--json", "--db", path).stdout)
    assert len(items) == 325
    assert sum(1 for i in items if i["mechanism"] == "UPR") == 322
    priority = json.loads(cli("items", "--priority", "--json", "--db", path).stdout)
    assert [i["short_ref"] for i in priority] == ["CCPR-18", "CCPR-24", "CCPR-54"]
    para24 = priority[1]
    assert [limb["label"] for limb in para24["limbs"]] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    assert [(a["limbs"], a["grade"]) for a in para24["assessments"]] == [
        ("(a) and (b)", "B"),
        ("(c) to (f)", "C"),
    ]
    assert all(a["document"] == "CCPR/C/123/2" for a in para24["assessments"])
    meetings = json.loads(cli("meetings", "--json", "--db", path).stdout)
    assert len(meetings) >= 15
    assert all(m["agenda"] == [i["id"] for i in priority] for m in meetings)
    data = Store(path).data()
    assert not data.notes and not data.responses


def test_demo_items_carry_upr_info_themes(demo_path: Path) -> None:
    items = json.loads(cli("items", "--json", "--search", "95.42", "--db", demo_path).stdout)
    rec = next(i for i in items if i["reference"] == "95.42")
    assert "Torture and other CID treatment" in rec["themes"]
    assert rec["recommending_states"] and rec["position"] == "supported"
    themed = json.loads(cli("items", "--json", "--theme", "torture", "--db", demo_path).stdout)
    assert len(themed) > 20


def test_fieldkit_db_environment_variable(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDKIT_DB", str(demo_path))
    assert len(json.loads(cli("items", "--json").stdout)) == 325


def test_note_and_response_by_prefix_and_reference(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)
    note = cli(
        "note",
        "add",
        "--db",
        demo_path,
        "--meeting",
        meeting[:6],
        "--item",
        "CCPR-24",
        "--limb",
        "b",
        "--kind",
        "commitment",
        "--speaker",
        "The Ombudsman",
        "Special prosecutor units will be reviewed",
    )
    assert note.exit_code == 0, note.output
    response = cli(
        "response",
        "add",
        "--db",
        demo_path,
        "--meeting",
        meeting[:6],
        "--item",
        "95.42",
        "--stance",
        "under consideration",
        "--grade",
        "b2",
        "--quote",
        "We are studying it",
        "--deadline",
        "2017-12-31",
        "Vague",
    )
    assert response.exit_code == 0, response.output
    data = Store(demo_path).data()
    saved_note = data.notes[note.stdout.strip()]
    assert saved_note.meeting_id == meeting
    assert data.items[saved_note.item_id or ""].short_ref == "CCPR-24"
    assert saved_note.limb == "b" and saved_note.author == "Test Delegate"
    assert saved_note.speaker_id is not None
    saved = data.responses[response.stdout.strip()]
    assert (saved.stance.value, saved.grade and saved.grade.value) == ("under-consideration", "B2")
    assert data.items[saved.item_id].reference == "95.42"


@pytest.mark.parametrize(
    "args",
    [
        ["--item", "99.99", "--kind", "statement"],
        ["--item", "95.42", "--kind", "gossip"],
        ["--item", "95.42", "--kind", "statement", "--limb", "z"],
    ],
)
def test_bad_input_exits_2_and_leaves_the_file_byte_identical(
    demo_path: Path, args: list[str]
) -> None:
    before = demo_path.read_bytes()
    result = cli(
        "note", "add", "--db", demo_path, "--meeting", _meeting_id(demo_path), *args, "text"
    )
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert demo_path.read_bytes() == before


def test_bad_grade_and_unknown_meeting_exit_2(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    bad_grade = cli(
        "response",
        "add",
        "--db",
        demo_path,
        "--meeting",
        _meeting_id(demo_path),
        "--item",
        "95.42",
        "--stance",
        "accepts",
        "--grade",
        "Z",
    )
    assert bad_grade.exit_code == 2 and "unknown grade" in bad_grade.stderr
    no_meeting = cli(
        "note", "add", "--db", demo_path, "--meeting", "ffffffff", "--kind", "quote", "x"
    )
    assert no_meeting.exit_code == 2 and "no meeting" in no_meeting.stderr
    assert demo_path.read_bytes() == before


def test_twenty_notes_started_at_once_all_land(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)
    procs = [
        subprocess.Popen(
            [
                *FIELDKIT,
                "note",
                "add",
                "--db",
                str(demo_path),
                "--meeting",
                meeting,
                "--kind",
                "statement",
                f"note number {n}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(20)
    ]
    ids = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        ids.append(out.strip())
    notes = Store(demo_path).data().notes
    assert sorted(notes) == sorted(ids)
    assert sorted(n.text for n in notes.values()) == sorted(f"note number {n}" for n in range(20))


def test_a_truncated_file_prints_the_restore_command_which_works(demo_path: Path) -> None:
    meeting = _meeting_id(demo_path)
    assert (
        cli(
            "note", "add", "--db", demo_path, "--meeting", meeting, "--kind", "quote", "kept"
        ).exit_code
        == 0
    )
    assert (
        cli(
            "note", "add", "--db", demo_path, "--meeting", meeting, "--kind", "quote", "lost"
        ).exit_code
        == 0
    )
    demo_path.write_bytes(demo_path.read_bytes()[:5000])
    result = cli_process("items", "--db", demo_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in result.stderr
    assert "damaged" in lines[0] and list_backups(demo_path)[0].name in lines[0]
    command = lines[1].split()
    assert command[:2] == ["fieldkit", "restore"]
    restored = cli_process(*command[1:])
    assert restored.returncode == 0, restored.stderr
    assert cli("check", "--db", demo_path).exit_code == 0
    texts = [n.text for n in Store(demo_path).data().notes.values()]
    assert texts == ["kept"]


def test_a_newer_schema_is_refused_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"_meta": {"1": {"schema_version": 99}}}))
    result = cli("items", "--db", path)
    assert result.exit_code == 2 and "newer than this fieldkit" in result.stderr


def test_bundle_round_trip_into_a_new_file(demo_path: Path, tmp_path: Path) -> None:
    meeting = _meeting_id(demo_path)
    cli("note", "add", "--db", demo_path, "--meeting", meeting, "--kind", "quote", "public words")
    cli(
        "note",
        "add",
        "--db",
        demo_path,
        "--meeting",
        meeting,
        "--kind",
        "quote",
        "--confidential",
        "a source's name",
    )
    out = tmp_path / "bundle.json"
    exported = cli("export", "bundle", "--db", demo_path, "--out", out)
    assert exported.exit_code == 0 and "left out" in exported.stderr
    bundle = json.loads(out.read_text())
    assert bundle["format"] == "fieldkit-bundle" and bundle["version"] == 2
    assert {k for k in bundle} >= {
        "mission",
        "items",
        "institutions",
        "people",
        "meetings",
        "notes",
        "responses",
        "actions",
    }
    assert [n["text"] for n in bundle["notes"]] == ["public words"]
    copy = tmp_path / "copy.json"
    assert cli("import", out, "--format", "bundle", "--db", copy).exit_code == 0
    original, again = Store(demo_path).data(), Store(copy).data()
    assert original.items == again.items and original.meetings == again.meetings
    assert again.mission == original.mission
    # Importing it again adds nothing.
    before = copy.read_bytes()
    second = cli("import", out, "--format", "bundle", "--db", copy)
    assert second.exit_code == 0 and "added 0" in second.stdout
    assert copy.read_bytes() == before


def test_init_profile_and_author(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.json"
    assert (
        cli(
            "init", "--name", "Geneva pre-session", "--country", "Kazakhstan", "--db", path
        ).exit_code
        == 0
    )
    again = cli("init", "--name", "X", "--country", "Y", "--db", path)
    assert again.exit_code == 2 and "already exists" in again.stderr
    monkeypatch.delenv("FIELDKIT_AUTHOR")
    assert cli("profile", "--name", "Kote Vardzelashvili").exit_code == 0
    from fieldkit import settings

    assert settings.author() == "Kote Vardzelashvili"
    monkeypatch.setenv("FIELDKIT_AUTHOR", "Patrick Mutzenberg")
    assert settings.author() == "Patrick Mutzenberg"


def test_no_traceback_on_unknown_command_or_missing_file(tmp_path: Path) -> None:
    missing = cli_process("items", "--db", tmp_path / "none.json")
    assert missing.returncode == 2 and "fieldkit init" in missing.stderr
    unknown = cli_process("frobnicate")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
