"""Documents in the language asked for: the debrief's own words and dates, never its data."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from docx.document import Document

from fieldkit import i18n
from fieldkit.domain.vocab import Mechanism
from fieldkit.reports import ExportOptions, ReportError
from fieldkit.reports.debrief import build_debrief
from fieldkit.reports.document import to_bytes
from fieldkit.storage.repository import Store
from tests.helpers import cli
from tests.pseudo import scrambled, unmarked


def _with_a_meeting_of_notes(path: Path) -> Path:
    """The demo with notes, responses and an action in its first meeting."""
    meeting = Store(path).data().meetings_in_order[0].id[:8]
    db = ("--db", str(path), "--meeting", meeting)
    for args in (
        ("note", "add", "Some 2,000 complaints a year about the police.", "--kind", "statement"),
        ("note", "add", "Can the Centre visit places of detention?", "--kind", "question"),
        ("response", "add", "--item", "CCPR-24", "--stance", "partially-accepts", "--grade", "B"),
        ("response", "add", "--item", "CCPR-18", "--stance", "rejects", "--deadline", "2017-09-30"),
        ("action", "add", "Send the follow-up letter", "--due", "2017-04-30"),
    ):
        assert cli(*args, *db).exit_code == 0
    return path


def _text(document: Document) -> str:
    """Everything a reader sees: paragraphs, table cells, headers and footers."""
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.append(part._element.xpath("string(.)"))
    return "\n".join(parts)


def _debrief(path: Path, language: str) -> Document:
    options = ExportOptions(language=language, today="2017-04-12", author="Айгерим")
    built = build_debrief(Store(path).data(), options)
    return docx.Document(io.BytesIO(to_bytes(built.document)))


def test_the_debrief_in_french(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "debrief-fr.docx"
    result = cli("export", "debrief", "--lang", "fr", "--db", _with_a_meeting_of_notes(demo_path),
                 "--out", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = _text(docx.Document(str(out)))
    for words in ("Compte rendu : ", "Résumé", "Éléments prioritaires en un coup d’œil",
                  "Réunions", "Actions de suivi", "Annexe 2 : éléments cités",
                  "Dates : 11–14 avril 2017", "Établi le : ",
                  "accepte en partie", "Évaluation de la délégation : B",
                  "Échéance : 30 septembre 2017", "Page 1 sur 1", "Déclaration : "):  # fmt: skip
        assert words in text, words
    assert "Summary" not in text and "April" not in text


def test_the_debrief_in_russian_by_default_when_fieldkit_speaks_russian(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", "ru")
    out = tmp_path / "debrief-ru.docx"
    result = cli("export", "debrief", "--db", _with_a_meeting_of_notes(demo_path), "--out", out)
    assert result.exit_code == 0, result.output
    text = _text(docx.Document(str(out)))
    assert "Резюме" in text and "Даты: 11–14 апреля 2017\u202fг." in text
    assert "Страница 1 из 1" in text
    english = cli("export", "debrief", "--lang", "en", "--db", demo_path, "--out", out)
    assert english.exit_code == 0
    assert "Summary" in _text(docx.Document(str(out)))


def test_a_language_not_spoken_is_refused() -> None:
    with pytest.raises(ReportError, match="--lang 'de'"):
        ExportOptions(language="de")
    assert cli("export", "debrief", "--lang", "de").exit_code == 2


def test_no_word_of_the_debrief_escapes_the_catalogue(demo_path: Path) -> None:
    _with_a_meeting_of_notes(demo_path)
    demo_path.write_text(json.dumps(scrambled(json.loads(demo_path.read_text()))))
    text = _text(_debrief(demo_path, i18n.PSEUDO))
    keys = [m.value for m in Mechanism]  # short references (CCPR-24) are the command line's
    assert unmarked(text, data=keys) == []
