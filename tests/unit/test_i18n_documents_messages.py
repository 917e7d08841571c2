"""What an import refused and what `fieldkit check` found, in the chosen language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit import i18n
from tests.helpers import cli
from tests.pseudo import unmarked
from tests.unit.test_import_csv import HEADER

BAD_ROWS = (
    "recommendation,UPR,,1.1,,,,Kazakhstan,,supported,,Fine,,,,,\n"
    "recommendation,UNICEF,,1.2,,,,Kazakhstan,,,,Wrong body,,,,,\n"
    "idea,UPR,,1.3,,,twenty,Kazakhstan,,maybe,,,,,,,x\n"
)
#: The file's own words: its name, the values in its cells, the column names it uses.
FILE_WORDS = ["bad.csv", "UNICEF", "idea", "twenty", "maybe", "csv", "priority", "year"]


def _bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + BAD_ROWS, encoding="utf-8")
    return path


def test_no_word_of_an_import_refusal_escapes_the_catalogue(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", i18n.PSEUDO)
    result = cli("import", _bad_csv(tmp_path), "--db", demo_path)
    said = result.stderr + result.stdout
    assert result.exit_code == 2, said
    assert i18n.OPEN_MARK in said
    keys = ["UPR", "CCPR", "CAT", "CESCR", "CEDAW", "CRC", "CRPD", "CERD", "CMW", "CED", "SP"]
    assert unmarked(said, data=[*FILE_WORDS, *keys, "OTHER"]) == [], said


def test_an_import_refusal_in_russian_and_french(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _bad_csv(tmp_path)
    for language, words in (
        ("ru", ["2 из 3 строк с ошибками; ничего не импортировано", "строка 3: механизм"]),
        ("fr", ["2 lignes sur 3 sont erronées ; rien n’a été importé", "ligne 3 : le mécanisme"]),
    ):
        monkeypatch.setenv("FIELDKIT_LANG", language)
        result = cli("import", path, "--db", demo_path)
        assert result.exit_code == 2
        for expected in words:
            assert expected in result.stderr + result.stdout, (language, expected)


def test_what_check_finds_is_said_in_the_chosen_language(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = json.loads(demo_path.read_text())
    meeting = next(iter(tree["meetings"].values()))
    meeting["agenda"] = [*meeting["agenda"], "0" * 32]
    demo_path.write_text(json.dumps(tree))
    monkeypatch.setenv("FIELDKIT_LANG", i18n.PSEUDO)
    result = cli("check", "--db", demo_path)
    said = result.stderr + result.stdout
    assert result.exit_code == 1, said
    assert unmarked(said, data=[str(demo_path)]) == [], said
    monkeypatch.setenv("FIELDKIT_LANG", "fr")
    assert "réunion " in cli("check", "--db", demo_path).stderr
    assert (
        "point de l’ordre du jour 00000000 n’existe pas" in cli("check", "--db", demo_path).stderr
    )
    tree["stray"] = {"1": {"x": 1}}
    demo_path.write_text(json.dumps(tree))
    monkeypatch.setenv("FIELDKIT_LANG", "ru")
    found = cli("check", "--db", demo_path).stderr
    assert "неизвестная таблица 'stray' (1 запись сохранена как есть)" in found
