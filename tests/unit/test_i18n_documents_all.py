"""Every document besides the debrief in the language asked for: its own words and dates."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document

from fieldkit import i18n
from fieldkit.domain.mission import MissionData
from fieldkit.domain.vocab import Mechanism
from fieldkit.reports import ExportOptions
from fieldkit.reports.csv_matrix import COLUMNS, csv_bytes
from fieldkit.reports.debrief import Built
from fieldkit.reports.document import to_bytes
from fieldkit.reports.factsheet import build_factsheet
from fieldkit.reports.followup import build_followup
from fieldkit.reports.matrix import build_matrix
from fieldkit.reports.ohchr_list import build_ohchr_list
from fieldkit.storage.repository import Store
from tests.helpers import cli
from tests.pseudo import scrambled, unmarked
from tests.unit.test_export_examples import add_example_meeting
from tests.unit.test_i18n_documents import _text

THEME = "torture"
BUILDERS: dict[str, Callable[[MissionData, ExportOptions, str], Built]] = {
    "factsheet": lambda d, o, theme: build_factsheet(d, theme, o),
    "followup": lambda d, o, _theme: build_followup(d, "CCPR", o),
    "matrix": lambda d, o, _theme: build_matrix(d, None, o),
    "ohchr-list": lambda d, o, _theme: build_ohchr_list(d, None, o),
}
#: What each document says in French and in Russian on the demo: headings, fixed words, dates.
EXPECTED = {
    "factsheet": {
        "fr": [
            "Établi le : 12 avril 2017",
            "En bref",
            "Recommandations de l’EPU",
            "Ce qu’ont dit les responsables",
            "Mécanisme et document",
        ],
        "ru": [
            "Подготовлен: 12 апреля 2017\u202fг.",
            "Кратко",
            "Рекомендации УПО",
            "Что сказали должностные лица",
            "Механизм и документ",
        ],
    },
    "followup": {
        "fr": [
            "Comité des droits de l’homme : contribution au titre de la procédure de suivi",
            "suivi des observations finales",
            "Date : 12 avril 2017",
            "Paragraphe 24",
            "Informations communiquées par l’État partie",
            "Évaluation proposée",
            "À l’attention du rédacteur",
            "Conteste les faits. « [Example] The events",
            "31 décembre 2017",
        ],
        "ru": [
            "Комитет по правам человека: информация в рамках процедуры последующей",
            "заключительными замечаниями",
            "Дата: 12 апреля 2017\u202fг.",
            "Пункт 24",
            "Информация, представленная государством-участником",
            "Предлагаемая оценка",
            "На заметку редактору",
            "Оспаривает факты. «[Example] The events",
            "31 декабря 2017\u202fг.",
        ],
    },
    "matrix": {
        "fr": [
            "Évaluation à mi-parcours de l’EPU",
            "Établi le : 12 avril 2017",
            "Recommandation",
            "Selon l’État",
            "Notre évaluation (source)",
            "Thème : ",
        ],
        "ru": [
            "Промежуточная оценка по УПО",
            "Подготовлен: 12 апреля 2017\u202fг.",
            "Рекомендация",
            "Заявленное выполнение",
            "Наша оценка",
            "Тема: ",
        ],
    },
    "ohchr-list": {
        "fr": [
            "Liste thématique des recommandations",
            "Liste complète des thèmes",
            "Évaluation/commentaires sur le niveau de mise en œuvre",
            "Thème : ",
            "EPU : ",
        ],
        "ru": [
            "Тематический перечень рекомендаций",
            "Полный перечень тем",
            "Оценка/комментарии о степени выполнения",
            "Тема: ",
            "УПО: ",
        ],
    },
}
#: English a French or Russian document must not hold.
ENGLISH = ["Prepared", "Recommendation", "Theme:", "Proposed grade", "At a glance", "April",
           "December", "Page 1 of", "Thematic list"]  # fmt: skip


@pytest.fixture
def met(demo_path: Path) -> Path:
    add_example_meeting(Store(demo_path))
    return demo_path


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_no_word_of_any_document_escapes_the_catalogue(kind: str, met: Path) -> None:
    met.write_text(json.dumps(scrambled(json.loads(met.read_text()))))
    theme = str(scrambled(THEME))
    options = ExportOptions(language=i18n.PSEUDO, today="2017-04-12", author="Айгерим")
    with i18n.speaking(i18n.PSEUDO):
        built = BUILDERS[kind](Store(met).data(), options, theme)
    text = _text(docx.Document(io.BytesIO(to_bytes(built.document))))
    assert i18n.OPEN_MARK in text
    assert unmarked(text, data=[m.value for m in Mechanism]) == []


def test_the_csv_keeps_its_column_keys_and_speaks_the_language_in_its_words(met: Path) -> None:
    met.write_text(json.dumps(scrambled(json.loads(met.read_text()))))
    with i18n.speaking(i18n.PSEUDO):
        payload, _ = csv_bytes(Store(met).data(), ExportOptions(language=i18n.PSEUDO))
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS  # a contract for scripts: never translated
    stances = {row[COLUMNS.index("latest_stance")] for row in rows[1:]} - {""}
    assert stances and all(s.startswith(i18n.OPEN_MARK) for s in stances)


def _exported(kind: str, path: Path, out: Path, *lang: str) -> Document:
    extra = ["--theme", THEME] if kind == "factsheet" else []
    result = cli("export", kind, *extra, *lang, "--db", path, "--out", out)
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_each_document_in_french_and_russian(
    kind: str, met: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDKIT_TODAY", "2017-04-12")
    for language, words in EXPECTED[kind].items():
        text = _text(_exported(kind, met, tmp_path / f"{kind}-{language}.docx", "--lang", language))
        for expected in words:
            assert expected in text, (language, expected)
        for english in ENGLISH:
            assert english not in text, (language, english)


def test_a_document_speaks_the_chosen_language_by_default_and_english_on_request(
    met: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", "ru")
    out = tmp_path / "matrix.docx"
    assert "Промежуточная оценка по УПО" in _text(_exported("matrix", met, out))
    english = _text(_exported("matrix", met, out, "--lang", "en"))
    assert "UPR mid-term assessment" in english and "УПО" not in english


def test_the_csv_in_russian(met: Path, tmp_path: Path) -> None:
    out = tmp_path / "items.csv"
    result = cli("export", "csv", "--lang", "ru", "--db", met, "--out", out)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert "принимает частично" in {r["latest_stance"] for r in rows}
    assert cli("export", "csv", "--lang", "de", "--db", met, "--out", out).exit_code == 2
