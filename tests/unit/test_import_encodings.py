"""UPR Info data re-saved by researchers: renamed header, CR line ends, Mac Roman."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from fieldkit.domain.mission import Mission
from fieldkit.importers import read_items
from fieldkit.importers.encodings import decode
from fieldkit.storage.repository import Store
from tests.fixtures.builders import FIXTURES
from tests.helpers import cli

UPR_2014 = FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv"
RENAMED = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"


def resaved(path: Path, encoding: str = "mac_roman") -> Path:
    """The 2014 export as a classic Mac spreadsheet saves it, with a State's own quote."""
    rows = list(csv.reader(UPR_2014.open(encoding="utf-8", newline="")))
    rows[0] = RENAMED.split(",")
    rows[1][3] = rows[1][3] + " in the State\u2019s own words, as Côte d\u2019Ivoire did"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def test_a_mac_roman_file_with_cr_line_ends_is_read_as_mac_roman(tmp_path: Path) -> None:
    parsed = read_items(resaved(tmp_path / "kaz.csv"), "upr-info")
    assert len(parsed.items) == 198
    assert parsed.items[0].text.endswith("State\u2019s own words, as Côte d\u2019Ivoire did")
    assert "encoding: Mac Roman (guessed)" in parsed.guesses


def test_the_report_names_what_was_guessed(tmp_path: Path) -> None:
    mission = tmp_path / "m.json"
    Store(mission).create(Mission(name="Astana", country="Kazakhstan"))
    result = cli("import", resaved(tmp_path / "kaz.csv"), "--db", mission)
    assert result.exit_code == 0, result.output
    for line in (
        "format: UPR Info database export (detected)",
        "encoding: Mac Roman (guessed)",
        "header: UPR Info's columns renamed",
        "State under review: Kazakhstan",
        "session: 20",
        "added 198",
    ):
        assert line in result.output


@pytest.mark.parametrize(
    ("raw", "encoding", "guessed"),
    [
        ("Côte d’Ivoire\n".encode(), "UTF-8", False),
        ("Côte d’Ivoire;Türkiye\r".encode("mac_roman"), "Mac Roman", True),
        ("Côte d’Ivoire;Türkiye; naïve café élève\n".encode("cp1252") * 20, "Windows-1252", True),
    ],
)
def test_encodings_are_read_or_guessed(raw: bytes, encoding: str, guessed: bool) -> None:
    decoded = decode(raw)
    assert (decoded.encoding, decoded.guessed) == (encoding, guessed)
    assert decoded.text.startswith("Côte d’Ivoire")


def test_a_word_97_document_is_named_and_the_way_out_given(tmp_path: Path) -> None:
    mission = tmp_path / "m.json"
    Store(mission).create(Mission(name="Ljubljana", country="Slovenia"))
    before = mission.read_bytes()
    for extra in ((), ("--format", "ohchr-docx"), ("--format", "upr-info")):
        result = cli("import", FIXTURES / "word97_thematic-list.doc", *extra, "--db", mission)
        assert result.exit_code == 2
        assert "is a Word 97-2003 document (.doc)" in result.output, result.output
        assert "save it as a Word document (.docx)" in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert mission.read_bytes() == before
