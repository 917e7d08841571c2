"""`fieldkit export debrief|factsheet|csv` as a delegate types them."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from fieldkit.storage.repository import Store
from tests.helpers import cli
from tests.unit.test_export_examples import add_example_meeting


def test_export_debrief_factsheet_csv_and_bundle(demo_path: Path, tmp_path: Path) -> None:
    add_example_meeting(Store(demo_path))
    out = tmp_path / "out"
    out.mkdir()
    result = cli("export", "debrief", "--out", out, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "debrief.docx")
    assert "1 confidential note(s) or response(s) left out" in result.stderr
    document = docx.Document(io.BytesIO((out / "debrief.docx").read_bytes()))
    assert document.paragraphs[0].text == "Debrief: ICCPR follow-up mission to Astana"
    assert document.core_properties.author == "Test Delegate"

    result = cli("export", "factsheet", "--theme", "torture", "--out", out, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert (out / "factsheet-torture.docx").exists()

    target = out / "matrix.csv"
    result = cli("export", "csv", "--out", target, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")

    result = cli("export", "bundle", "--out", out, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert (out / "mission-bundle.json").exists()


def test_debrief_filters_by_meeting_prefix_and_dates(demo_path: Path, tmp_path: Path) -> None:
    held = add_example_meeting(Store(demo_path))
    out = tmp_path / "one.docx"
    result = cli(
        "export",
        "debrief",
        "--meeting",
        held.id[:8],
        "--from",
        "2017-04-13",
        "--to",
        "2017-04-13",
        "--include-confidential",
        "--out",
        out,
        "--db",
        demo_path,
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    meetings = [h for h in h2 if "2017" in h]
    assert meetings == ["13 April 2017, 16:00 · Deputy Minister of Justice"]
    assert "Other scheduled meetings" not in h2
    assert document.sections[0].header.paragraphs[0].text == "Confidential"


def test_bad_input_is_one_line_and_exit_2(demo_path: Path, tmp_path: Path) -> None:
    before = demo_path.read_bytes()
    cases = [
        ("export", "debrief", "--from", "13/04/2017"),
        ("export", "debrief", "--meeting", "zzzz"),
        ("export", "debrief", "--template", tmp_path / "missing.docx"),
        ("export", "factsheet", "--theme", "astronomy"),
    ]
    for args in cases:
        result = cli(*args, "--out", tmp_path / "x.docx", "--db", demo_path)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "x.docx").exists()
    assert demo_path.read_bytes() == before
