"""The CSV matrix: one row per item with its latest response, for Excel."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest

from fieldkit.reports import ExportOptions, export_csv
from fieldkit.reports.csv_matrix import COLUMNS, csv_bytes
from fieldkit.storage.repository import Store
from tests.unit.test_export_examples import CYRILLIC, SECRET, small_mission


def rows(store: Store, **options: object) -> list[dict[str, str]]:
    payload, _ = csv_bytes(store.data(), ExportOptions(**options))  # type: ignore[arg-type]
    assert payload.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"))))


@pytest.fixture
def small(tmp_path: Path) -> Store:
    return small_mission(tmp_path)


def test_bom_columns_and_one_row_per_item(small: Store, tmp_path: Path) -> None:
    path = export_csv(small.data(), tmp_path)
    assert path.name == "items-matrix.csv"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(header) == COLUMNS
    assert len(rows(small)) == 3


def test_latest_response_and_cyrillic(small: Store) -> None:
    by_ref = {r["reference"]: r for r in rows(small)}
    ccpr = by_ref["CCPR-24"]
    assert ccpr["latest_stance"] == "accepts"
    assert ccpr["latest_grade"] == "B"
    assert ccpr["responses"] == "2"
    assert ccpr["latest_meeting_date"] == "2017-04-13"
    assert ccpr["citation"] == "CCPR/C/KAZ/CO/2, para 24"
    assert CYRILLIC in ccpr["latest_quote"]
    assert by_ref["124.3"]["latest_stance"] == ""
    assert by_ref["95.42"]["recommending_states"] == "Australia"


def test_confidential_response_left_out_unless_asked(small: Store) -> None:
    payload, left_out = csv_bytes(small.data(), ExportOptions())
    assert SECRET.encode() not in payload
    assert left_out == 1
    assert {r["reference"]: r for r in rows(small)}["95.42"]["latest_stance"] == ""
    kept = {r["reference"]: r for r in rows(small, include_confidential=True)}
    assert kept["95.42"]["latest_stance"] == "no answer"


def test_formulas_are_neutralised_and_controls_cleaned(tmp_path: Path) -> None:
    from fieldkit.domain.items import Item
    from fieldkit.domain.mission import Mission

    store = Store(tmp_path / "m.json")
    store.create(
        Mission(name="M"),
        [
            Item(reference="1.1", text='=HYPERLINK("http://x")\x0bline'),
            Item(reference="1.2", text="- a bullet"),
        ],
    )
    by_ref = {r["reference"]: r for r in rows(store)}
    assert by_ref["1.1"]["text"] == '\'=HYPERLINK("http://x")\nline'
    assert by_ref["1.2"]["text"] == "- a bullet"


def test_a_new_folder_is_created_and_an_unwritable_one_is_a_clear_error(
    small: Store, tmp_path: Path
) -> None:
    from fieldkit.reports import ReportError

    path = export_csv(small.data(), tmp_path / "new-folder")
    assert path == tmp_path / "new-folder" / "items-matrix.csv"
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ReportError, match="cannot write"):
        export_csv(small.data(), blocker / "m.csv")
