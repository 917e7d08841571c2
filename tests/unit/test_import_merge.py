"""Matching parsed items to the mission: the rules, format detection, and import hygiene."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.domain.items import Item, Source
from fieldkit.domain.mission import Mission, MissionData
from fieldkit.domain.vocab import Mechanism, Position
from fieldkit.importers import ImportFailed, merge, read_items
from fieldkit.importers.detect import detect
from fieldkit.storage.repository import Store
from tests.fixtures.builders import FIXTURES
from tests.helpers import cli

CYCLE3 = FIXTURES / "ohchr-thematic-list_slovenia_UPR34_cycle3.docx"


def numbered(**changes: object) -> Item:
    fields: dict[str, object] = {
        "mechanism": Mechanism.UPR,
        "document_symbol": "A/HRC/14/10",
        "reference": "95.1",
        "cycle": 1,
        "session": 7,
        "year": 2010,
        "state_under_review": "Kazakhstan",
        "recommending_states": ("Brazil",),
        "position": Position.SUPPORTED,
        "text": "To accomplish human rights voluntary goals as established by Human Rights "
        "Council resolution 9/12 (Brazil)",
        "priority": 3,
    }
    return Item(**(fields | changes))  # type: ignore[arg-type]


def unnumbered(**changes: object) -> Item:
    fields: dict[str, object] = {
        "mechanism": Mechanism.UPR,
        "session": 7,
        "state_under_review": "Kazakhstan",
        "recommending_states": ("Brazil",),
        "position": Position.SUPPORTED,
        "text": "Accomplish human rights voluntary goals as established by Human Rights "
        "Council resolution 9-12",
        "themes": ("UPR process",),
        "tags": ("action:5",),
    }
    return Item(**(fields | changes))  # type: ignore[arg-type]


def mission_with(*items: Item) -> MissionData:
    return MissionData(Mission(name="Astana", country="Kazakhstan"), items=items)


def test_wording_matches_despite_to_punctuation_and_the_trailing_state() -> None:
    old = numbered()
    plan = merge.plan(mission_with(old), [unnumbered()])
    assert plan.added == []
    updated = plan.enriched[old.id]
    assert updated.tags == ("action:5",) and updated.themes == ("UPR process",)
    assert updated.text == old.text and updated.priority == 3 and updated.id == old.id


def test_nothing_new_is_skipped() -> None:
    old = numbered(themes=("UPR process",), tags=("action:5",))
    plan = merge.plan(mission_with(old), [unnumbered()])
    assert plan.skipped == 1 and not plan.changes


def test_state_spellings_match() -> None:
    old = numbered(recommending_states=("Lao People's Democratic Republic",))
    new = unnumbered(recommending_states=("Laos",))
    assert merge.plan(mission_with(old), [new]).enriched


@pytest.mark.parametrize(
    "change",
    [
        {"recommending_states": ("France",)},
        {"session": 20},
        {"state_under_review": "Slovenia"},
        {"text": "Abolish the death penalty"},
    ],
)
def test_a_different_state_review_or_wording_is_a_new_item(change: dict[str, object]) -> None:
    plan = merge.plan(mission_with(numbered()), [unnumbered(**change)])
    assert len(plan.added) == 1 and not plan.enriched


def test_numbered_items_match_by_symbol_and_reference_only() -> None:
    old = numbered()
    same = numbered(text="A different rendering of 95.1", priority=None)
    other = numbered(reference="95.2")
    plan = merge.plan(mission_with(old), [same, other])
    assert [i.reference for i in plan.added] == ["95.2"]
    assert plan.skipped == 1


def test_annotation_id_matches_first() -> None:
    old = numbered(source=Source(annotation_id="abc"))
    new = numbered(reference="", document_symbol="", source=Source(annotation_id="abc"))
    plan = merge.plan(mission_with(old), [new])
    assert not plan.added


def test_an_annotation_id_is_learnt_by_an_item_without_one() -> None:
    old = numbered(source=Source(file="demo.csv", row=2))
    new = numbered(source=Source(file="uhri.xlsx", row=9, annotation_id="abc"))
    updated = merge.plan(mission_with(old), [new]).enriched[old.id]
    assert updated.source == Source(file="demo.csv", row=2, annotation_id="abc")


def test_one_item_is_not_claimed_twice_for_the_same_state() -> None:
    old = numbered()
    twin = unnumbered(text="Accomplish human rights voluntary goals as established by the HRC")
    plan = merge.plan(mission_with(old), [unnumbered(), twin])
    assert len(plan.enriched) == 1 and len(plan.added) == 1


def test_a_joint_recommendation_is_matched_by_each_states_row() -> None:
    old = numbered(
        recommending_states=("Slovenia", "Republic of Korea"),
        text="To consider ratifying the Convention on the Rights of Persons with Disabilities "
        "(Slovenia); ratify the Convention on the Rights of Persons with Disabilities "
        "(Republic of Korea)",
    )
    rows = [
        unnumbered(
            recommending_states=(state,),
            text="Ratify the Convention on the Rights of Persons with Disabilities",
            tags=(f"action:{n}",),
        )
        for n, state in ((4, "Slovenia"), (5, "Republic of Korea"))
    ]
    plan = merge.plan(mission_with(old), rows)
    assert not plan.added and plan.enriched_rows == 2
    assert plan.enriched[old.id].tags == ("action:4", "action:5")


def test_an_item_without_a_state_under_review_is_about_the_missions_country() -> None:
    new = numbered(state_under_review="")
    plan = merge.plan(mission_with(), [new])
    assert plan.added[0].state_under_review == "Kazakhstan"
    again = merge.plan(mission_with(*plan.added), [new])
    assert again.skipped == 1


def test_items_of_another_country_are_counted() -> None:
    plan = merge.plan(mission_with(), [numbered(state_under_review="Slovenia")])
    assert plan.other_states == {"Slovenia": 1}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("junk.docx", b"\x00\x01garbage" * 100, "is not a Word document"),
        ("other.json", b'{"hello": 1}', "neither a fieldkit bundle nor a UHRI export"),
        ("notes.csv", b"when,who\n1,2\n", "has a header fieldkit does not know"),
        ("fake.xlsx", b"PK\x03\x04 not really a zip", "damaged zip"),
    ],
)
def test_files_of_no_known_format_are_refused(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        detect(path)


def test_a_bundle_is_still_detected_and_imported(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "mission.bundle.json"
    assert cli("export", "bundle", "--out", out, "--db", demo_path).exit_code == 0
    assert detect(out) == "bundle"
    fresh = tmp_path / "fresh.json"
    created = cli("import", out, "--db", fresh)
    assert created.exit_code == 0, created.output
    assert len(Store(fresh).data().items) == len(Store(demo_path).data().items)
    again = cli("import", out, "--db", fresh)
    assert "added 0, updated 0" in again.output


def test_an_unknown_format_name_is_refused(demo_path: Path) -> None:
    result = cli("import", CYCLE3, "--format", "pdf", "--db", demo_path)
    assert result.exit_code == 2
    assert "--format 'pdf' is not one of: bundle, csv, upr-info" in result.output


def test_an_assessment_filled_in_by_an_ngo_is_kept(tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(CYCLE3))
    document.tables[0].rows[2].cells[3].text = "Partially implemented: the bill is in parliament."
    path = tmp_path / "assessed.docx"
    document.save(str(path))
    item = read_items(path, "ohchr-docx").items[0]
    assert item.reference == "121.1"
    assert [a.text for a in item.assessments] == [
        "Partially implemented: the bill is in parliament."
    ]


def test_importers_load_heavy_readers_only_when_used() -> None:
    code = (
        "import sys, fieldkit.importers.apply, fieldkit.cli.imports\n"
        "print(' '.join(m for m in ('openpyxl', 'xlrd', 'docx', 'rich.progress') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_wrong_format_option_points_to_the_right_one(demo_path: Path) -> None:
    upr_info = FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv"
    result = cli("import", upr_info, "--format", "csv", "--db", demo_path)
    assert result.exit_code == 2
    assert "it looks like a UPR Info database export (--format upr-info)" in result.output


def test_progress_is_told_the_size_then_every_row() -> None:
    class Recorder:
        def __init__(self) -> None:
            self.total = 0
            self.seen = 0

        def start(self, total: int) -> None:
            self.total = total

        def advance(self, count: int = 1) -> None:
            self.seen += count

    recorder = Recorder()
    path = FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv"
    read_items(path, "upr-info", progress=recorder)
    assert recorder.total == recorder.seen == 198


def test_json_output_lists_the_ids_for_scripts(demo_path: Path) -> None:
    import json

    upr_info = FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv"
    result = cli("import", upr_info, "--json", "--db", demo_path)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["format"] == "upr-info" and report["rows"] == 198
    assert report["added"] == [] and report["skipped"] == 4
    items = Store(demo_path).data().items
    assert {items[i].document_symbol for i in report["enriched"]} == {"A/HRC/28/10"}


def test_a_row_naming_an_items_id_is_matched_to_it() -> None:
    old = numbered()
    new = unnumbered(id=old.id, text="Wording edited in a spreadsheet")
    plan = merge.plan(mission_with(old), [new])
    assert not plan.added and plan.enriched[old.id].tags == ("action:5",)


def test_import_file_is_the_same_import_for_the_app(demo_path: Path) -> None:
    from fieldkit.importers.apply import import_file

    store = Store(demo_path)
    upr_info = FIXTURES / "upr-info-export_kazakhstan_session07_2010.csv"
    before = demo_path.read_bytes()
    preview = import_file(store, upr_info, dry_run=True)
    assert demo_path.read_bytes() == before
    assert (preview.format, preview.rows, preview.added) == ("upr-info", 129, [])
    done = import_file(store, upr_info, author="Aigerim")
    assert sorted(done.enriched) == sorted(preview.enriched) and len(done.enriched) == 128
    assert done.enriched_rows == 129 and done.changed
    assert Store(demo_path).data().items[done.enriched[0]].author != "Aigerim"  # kept
    with pytest.raises(ImportFailed, match="is not one of"):
        import_file(store, upr_info, "xlsx")


def test_two_numbered_sources_in_one_import_make_one_item_per_number() -> None:
    matrix = numbered(priority=None, themes=("Acceptance of international norms",))
    uhri = numbered(priority=None, text="95.1 in UHRI's own wording", sdgs=("16 - PEACE",))
    plan = merge.plan(mission_with(), [matrix, uhri])
    (item,) = plan.added
    assert item.themes == ("Acceptance of international norms",) and item.sdgs == ("16 - PEACE",)
