"""Real files made by others: a PHPExcel UPR Info export, an OHCHR matrix and its UPR Info rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Meeting, Note
from fieldkit.domain.mission import Mission, MissionData
from fieldkit.domain.vocab import ItemKind
from fieldkit.importers import merge, read_items
from fieldkit.storage.repository import Store
from tests.fixtures.builders import FIXTURES
from tests.helpers import cli

REAL = FIXTURES / "real"
PHPEXCEL = REAL / "upr-info-export_sessions06-09_phpexcel.xls"
MATRIX = REAL / "ohchr-matrix_china_UPR17_2013.docx"
CHINA_ROWS = REAL / "upr-info-rows_china_session17_2013.csv"


def imported(batches: list[list[Item]], country: str = "China") -> dict[str, Item]:
    """The mission's items after importing each batch in turn (as `plan` applies them)."""
    items: dict[str, Item] = {}
    for batch in batches:
        plan = merge.plan(MissionData(Mission(name="m", country=country), items=items), batch)
        items.update({i.id: i for i in plan.added})
        items.update(plan.enriched)
        for gone in plan.removed:
            del items[gone]
    return items


def signature(items: dict[str, Item]) -> list[tuple[str, tuple[str, ...], str]]:
    return sorted(
        (i.reference, tuple(sorted(i.recommending_states)), str(i.position)) for i in items.values()
    )


@pytest.fixture(scope="module")
def matrix() -> list[Item]:
    return read_items(MATRIX, "ohchr-docx").items


@pytest.fixture(scope="module")
def china_rows() -> list[Item]:
    return read_items(CHINA_ROWS, "upr-info").items


def test_a_phpexcel_export_imports_every_row_and_again_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    Store(path).create(Mission(name="Sessions 6-9", country="Kazakhstan"))
    first = cli("import", PHPEXCEL, "--json", "--db", path)
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)  # nothing else on stdout
    assert report["rows"] == 8343
    assert len(report["added"]) + report["skipped"] + len(report["enriched"]) == 8343
    assert len(report["added"]) == 8342  # one row is an exact copy of another
    items = Store(path).data().items.values()
    assert len({i.state_under_review for i in items}) == 63
    again = cli("import", PHPEXCEL, "--json", "--db", path)
    assert json.loads(again.stdout)["added"] == []


def test_a_voluntary_pledge_is_a_pledge_without_a_position(tmp_path: Path) -> None:
    source = (FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv").read_text("utf-8")
    header, first = source.splitlines()[:2]
    pledge = first.replace(",Accepted,", ",Voluntary Pledge,").replace(
        ",Supported,", ",Voluntary Pledge,"
    )
    path = tmp_path / "pledge.csv"
    path.write_text(f"{header}\n{pledge}\n", "utf-8")
    (item,) = read_items(path, "upr-info").items
    assert item.kind is ItemKind.PLEDGE and item.position is None


def test_the_matrix_and_its_rows_give_the_same_items_in_both_orders(
    matrix: list[Item], china_rows: list[Item]
) -> None:
    matrix_first = imported([matrix, china_rows])
    rows_first = imported([china_rows, matrix])
    assert signature(matrix_first) == signature(rows_first)
    assert len(matrix_first) == 252 and all(i.reference for i in matrix_first.values())
    by_ref = {i.reference: i for i in rows_first.values()}
    assert {"Albania", "Chile", "Maldives", "Sierra Leone", "France"} <= set(
        by_ref["186.1"].recommending_states
    )


def test_a_upr_info_file_alone_is_one_item_per_row(china_rows: list[Item]) -> None:
    assert len(imported([china_rows])) == len(china_rows) == 284
    assert len(imported([china_rows, china_rows])) == 284


def test_rows_before_their_numbers_hand_their_notes_to_the_numbered_item(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.json"
    Store(path).create(Mission(name="Beijing", country="China"))
    assert cli("import", CHINA_ROWS, "--db", path).exit_code == 0
    chile = next(i for i in Store(path).data().items.values() if i.text == "Ratify ICCPR and CPED")
    meeting = Meeting(title="Ministry of Foreign Affairs", agenda=(chile.id,))
    note = Note(meeting_id=meeting.id, item_id=chile.id, text="Soon.")
    Store(path).save(meeting, note, chile.touched(priority=1))
    result = cli("import", MATRIX, "--db", path)
    assert result.exit_code == 0, result.output
    data = Store(path).data()
    assert len(data.items) == 252
    (note,) = data.notes.values()
    assert data.items[note.item_id].reference == "186.1"
    assert data.items[note.item_id].priority == 1
    assert data.meetings[meeting.id].agenda == (note.item_id,)
    assert cli("check", "--db", path).exit_code == 0


def test_several_files_are_one_import_with_one_report(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    Store(path).create(Mission(name="Beijing", country="China"))
    result = cli("import", CHINA_ROWS, MATRIX, "--db", path)
    assert result.exit_code == 0, result.output
    assert "State under review: China" in result.output and "session: 17" in result.output
    assert "added 252," in result.output and "284 rows joined" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("SuR,Recommendation,RS,Response,Session\nChina,Ratify,,Noted,17\n", "utf-8")
    before = path.read_bytes()
    refused = cli("import", MATRIX, bad, "--db", path)
    assert refused.exit_code == 2 and "row 2" in refused.output
    assert path.read_bytes() == before


def test_rows_matching_no_number_are_named_by_row(tmp_path: Path) -> None:
    rows = tmp_path / "china-rows.csv"
    extra = "China,Asia,,Abolish the death penalty for all crimes,Norway,WEOG,,Noted,5,,17"
    rows.write_bytes(CHINA_ROWS.read_bytes() + extra.encode() + b"\r\n")
    path = tmp_path / "m.json"
    Store(path).create(Mission(name="Beijing", country="China"))
    result = cli("import", MATRIX, rows, "--db", path)
    assert result.exit_code == 0, result.output
    assert "1 row matches no numbered recommendation:" in result.output
    assert "china-rows.csv row 286 (Norway): Abolish the death penalty" in result.output
    assert len(Store(path).data().items) == 253
