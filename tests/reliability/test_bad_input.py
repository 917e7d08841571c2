"""Bad input, generated: every importer and the bundle reader fail with exit 2 and a clear line,
never a traceback, and leave the mission file as it was; exports survive any text."""

from __future__ import annotations

import csv
import io
import json
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Meeting, Note, Response
from fieldkit.domain.mission import Mission
from fieldkit.domain.vocab import Mechanism
from fieldkit.importers import FORMATS
from fieldkit.importers.csv_template import COLUMNS
from fieldkit.storage.repository import Store
from tests.helpers import cli
from tests.reliability.conftest import new_mission

FIXTURES = Path(__file__).parents[1] / "fixtures"
SUFFIX = {
    "bundle": ".json",
    "csv": ".csv",
    "upr-info": ".csv",
    "uhri": ".xlsx",
    "uhri-json": ".json",
    "ohchr-docx": ".docx",
}
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
#: Any character a PDF paste could bring, control characters included (not lone surrogates).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)


class Mission_:
    """A mission file and its bytes after the last successful change."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "m.json"
        new_mission(self.path)
        self.before = self.path.read_bytes()

    def import_(self, data: bytes, fmt: str | None, name: str = "input") -> None:
        source = self.folder / f"{name}{SUFFIX.get(fmt or 'bundle', '.bin')}"
        source.write_bytes(data)
        args = ["import", source, "--db", self.path] + (["--format", fmt] if fmt else [])
        result = cli(*args)
        assert result.exit_code in (0, 2), result.output
        assert "Traceback" not in result.output
        assert "unexpected error" not in result.output
        if result.exit_code == 2:
            assert result.stderr.startswith("fieldkit: "), result.stderr
            assert self.path.read_bytes() == self.before
        else:
            self.before = self.path.read_bytes()
        assert list(self.folder.glob(".*.tmp")) == []


@pytest.fixture
def mission(tmp_path: Path) -> Iterator[Mission_]:
    yield Mission_(tmp_path)


def _samples() -> dict[str, bytes]:
    from tests.fixtures.builders import write_uhri_json, write_uhri_xlsx

    folder = Path(tempfile.mkdtemp())
    return {
        "upr-info": next(FIXTURES.glob("upr-info-export_*2014.csv")).read_bytes()[:6000],
        "ohchr-docx": next(FIXTURES.glob("ohchr-thematic-list_*cycle4.docx")).read_bytes(),
        "uhri": write_uhri_xlsx(folder / "u.xlsx").read_bytes(),
        "uhri-json": write_uhri_json(folder / "u.json").read_bytes()[:8000],
        "csv": b"mechanism,reference,text,themes\nUPR,95.1,Ratify OP-CAT,Torture\n",
        "bundle": json.dumps(
            {
                "format": "fieldkit-bundle",
                "version": 1,
                "items": [{"id": "i1", "mechanism": "UPR", "text": "Ratify", "reference": "1.1"}],
                "notes": [],
            }
        ).encode(),
    }


SAMPLES: dict[str, bytes] = {}


def sample(fmt: str) -> bytes:
    if not SAMPLES:
        SAMPLES.update(_samples())
    return SAMPLES[fmt]


@SETTINGS
@given(data=st.binary(max_size=3000), fmt=st.sampled_from([None, *FORMATS]))
def test_any_bytes_in_any_format(mission: Mission_, data: bytes, fmt: str | None) -> None:
    mission.import_(data, fmt)


@SETTINGS
@given(
    fmt=st.sampled_from(sorted(FORMATS)),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 0.999), st.integers(1, 255)), max_size=6),
    insert=st.one_of(st.none(), st.tuples(st.floats(0, 1), ANY_TEXT)),
)
def test_damaged_real_files(
    mission: Mission_,
    fmt: str,
    cut: float,
    flips: list[tuple[float, int]],
    insert: tuple[float, str] | None,
) -> None:
    data = bytearray(sample(fmt))
    for where, xor in flips:
        data[int(where * len(data))] ^= xor
    if insert is not None:
        at = int(insert[0] * len(data))
        data[at:at] = insert[1].encode("utf-8")
    data = data[: max(1, int(len(data) * cut))] if cut < 0.98 else data
    mission.import_(bytes(data), fmt)


@SETTINGS
@given(
    header=st.lists(st.sampled_from([*COLUMNS, "", "Text", "extra"]), min_size=1, max_size=8),
    rows=st.lists(st.lists(ANY_TEXT, max_size=8), max_size=6),
)
def test_items_csv_with_any_cells(
    mission: Mission_, header: list[str], rows: list[list[str]]
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    mission.import_(buffer.getvalue().encode("utf-8", "surrogatepass"), "csv")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
FIELDS = ["id", "text", "mechanism", "reference", "meeting_id", "item_id", "kind", "priority"]


@SETTINGS
@given(
    table=st.sampled_from(["items", "notes", "meetings", "responses", "people", "mission"]),
    records=st.lists(st.dictionaries(st.sampled_from(FIELDS) | ANY_TEXT, JSON), max_size=4),
    version=st.sampled_from([1, 1, 0, 2, "1", None]),
)
def test_bundles_with_any_records(
    mission: Mission_, table: str, records: list[dict[str, object]], version: object
) -> None:
    bundle: dict[str, object] = {"format": "fieldkit-bundle", "version": version}
    bundle[table] = records[0] if table == "mission" and records else records
    mission.import_(json.dumps(bundle).encode(), "bundle")


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(ANY_TEXT, min_size=6, max_size=6), seed=st.integers(0, 2**16))
def test_exports_survive_any_text(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], seed: int
) -> None:
    folder = tmp_path_factory.mktemp("export")
    path = folder / "m.json"
    rng = random.Random(seed)
    item = Item(
        mechanism=Mechanism.CCPR,
        document_symbol="CCPR/C/KAZ/CO/2",
        reference=f"para {rng.randint(1, 99)}",
        text=texts[0] or "x",
        themes=(texts[1] or "Torture",),
        priority=1,
    )
    meeting = Meeting(
        title=texts[2] or "Ombudsman", starts_at="2017-04-11T09:30", agenda=(item.id,)
    )
    records = [
        item,
        meeting,
        Note(meeting_id=meeting.id, item_id=item.id, text=texts[3]),
        Response(meeting_id=meeting.id, item_id=item.id, quote=texts[4], text=texts[5]),
    ]
    Store(path).create(Mission(name=texts[5] or "M", country="Kazakhstan"), records)
    theme = item.themes[0]
    for args in (
        ["bundle"],
        ["csv"],
        ["debrief", "--include-confidential"],
        ["factsheet", "--theme", theme],
    ):
        out = folder / f"out-{args[0]}"
        result = cli("export", *args, "--db", path, "--out", out)
        assert "Traceback" not in result.output and "unexpected error" not in result.output
        if args[0] == "factsheet" and result.exit_code == 2:
            continue  # a theme made only of control characters names nothing
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    from docx import Document

    Document(str(folder / "out-debrief"))
    again = cli("import", folder / "out-bundle", "--db", folder / "copy.json")
    assert again.exit_code == 0, again.output


def test_a_workbook_whose_rows_are_damaged_is_refused_whole(tmp_path: Path) -> None:
    """A read-only workbook parses its sheet while the rows are read: damage found there
    is one clear line too, and nothing is imported."""
    import zipfile

    import openpyxl

    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Text", "Document Symbol", "Reccomending Body"])
    for n in range(50):
        sheet.append([f"{n + 1}. The State party should act", "CCPR/C/KAZ/CO/2", "CCPR"])
    book.save(good)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                middle = len(data) // 2
                data = data[:middle] + b"<<&&not xml" + data[middle:]
            dst.writestr(info, data)
    mission = Mission_(tmp_path / "m")
    result = cli("import", damaged, "--format", "uhri", "--db", mission.path)
    assert result.exit_code == 2
    assert result.stderr.startswith("fieldkit: ") and "Excel workbook" in result.stderr
    assert "unexpected error" not in result.stderr
    assert mission.path.read_bytes() == mission.before
