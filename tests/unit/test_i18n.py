"""fieldkit in Russian and French: choosing the language, the catalogues, the words, the dates."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
import typer.main
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from fieldkit import i18n, settings
from fieldkit.cli import app
from fieldkit.domain.grades import Grade
from fieldkit.domain.vocab import InstitutionType, Mechanism, MeetingStatus, Stance, Word
from tests.helpers import cli, cli_process
from tests.pseudo import unmarked

ROOT = Path(__file__).resolve().parents[2]


def _tools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("environ", "profile", "expected"),
    [
        ({}, None, "en"),
        ({"LANG": "ru_RU.UTF-8"}, None, "ru"),
        ({"LANG": "fr_FR.UTF-8"}, None, "fr"),
        ({"LANG": "de_DE.UTF-8"}, None, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "fr", "fr"),
        ({"FIELDKIT_LANG": "en", "LANG": "ru_RU.UTF-8"}, "fr", "en"),
        ({"FIELDKIT_LANG": "ru"}, "fr", "ru"),
        ({"FIELDKIT_LANG": "xx-pseudo"}, None, "xx-pseudo"),
        ({"LANGUAGE": "de:fr", "LANG": "ru_RU.UTF-8"}, None, "fr"),
        ({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, None, "en"),
        ({"LC_MESSAGES": "ru_KZ.UTF-8", "LANG": "en_GB.UTF-8"}, None, "ru"),
        ({"FIELDKIT_LANG": "klingon", "LANG": "fr_CA"}, None, "fr"),
    ],
)
def test_the_first_language_found_wins(
    environ: dict[str, str], profile: str | None, expected: str
) -> None:
    assert i18n.choose(environ, profile) == expected


def test_catalogues_are_complete_and_compiled() -> None:
    tools = _tools()
    for language in tools.LANGUAGES:
        po = tools.po_path(language)
        assert tools.untranslated(po) == [], language
        assert po.with_suffix(".mo").read_bytes() == tools.compiled(po), (
            f"{language}: run `python tools/catalogues.py compile`"
        )


def test_every_marked_message_is_in_the_catalogues() -> None:
    tools = _tools()
    keywords = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
    keywords["NP_"] = ((1, "c"), 2)
    marked = set()
    for source in (ROOT / "src" / "fieldkit").rglob("*.py"):
        for _line, message, _comments, context in extract_from_file(
            "python", str(source), keywords=keywords
        ):
            marked.add((context, message if isinstance(message, str) else message[0]))
    with tools.TEMPLATE.open("rb") as template:
        known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(template)}
    assert marked - known == set(), "run `python tools/catalogues.py all` and translate"
    help_texts = {(None, text) for text in tools.help_messages()}
    assert help_texts - known == set(), "run `python tools/catalogues.py all` and translate"


def test_vocabulary_words_are_read_in_the_chosen_language() -> None:
    assert Stance.PARTIALLY_ACCEPTS.label == "partially accepts"
    assert Stance.PARTIALLY_ACCEPTS.value == "partially-accepts"
    i18n.activate("ru")
    assert Stance.PARTIALLY_ACCEPTS.label == "принимает частично"
    assert MeetingStatus.HELD.label == "состоялась"
    assert InstitutionType.NHRI.label == "НПЗУ"
    assert Mechanism.UPR.label == "УПО"
    assert Mechanism.CCPR.full_name == "Комитет по правам человека"
    assert Grade.B.meaning == "Ответ/меры частично удовлетворительны"
    assert Stance("partially-accepts") is Stance.PARTIALLY_ACCEPTS  # keys stay English
    i18n.activate("fr")
    assert Mechanism.UPR.full_name == "Examen périodique universel"
    assert Grade.A.meaning == "Réponse ou mesure satisfaisante dans l’ensemble"


def test_every_vocabulary_word_has_a_label_in_every_language() -> None:
    words = [w for kind in Word.__subclasses__() for w in kind if kind is not Mechanism]
    english = {w: w.label for w in words}
    for code in ("ru", "fr"):
        i18n.activate(code)
        same = [w for w in words if w.label == english[w]]
        assert all(w.label for w in words)
        assert len(same) <= 4, same  # a few are spelt alike in French: question, public
    i18n.activate(i18n.PSEUDO)
    assert all(w.label.startswith(i18n.OPEN_MARK) for w in words)


def test_dates_in_the_languages_own_form() -> None:
    day = date(2017, 4, 12)
    assert i18n.language("ru").format_date(day) == "12 апреля 2017\u202fг."  # no break before г.
    assert i18n.language("fr").format_date(day) == "12 avril 2017"
    assert i18n.language("en").format_date(day) == "12 April 2017"
    assert i18n.language("fr").format_range(date(2017, 4, 10), day) == "10–12 avril 2017"
    assert (
        i18n.language("ru").format_range(date(2017, 3, 30), day)
        == "30 марта – 12 апреля 2017\u202fг."
    )
    with i18n.speaking("fr"):
        assert i18n.format_date(day) == "12 avril 2017"
    assert i18n.format_date(day) == "12 April 2017"


def test_a_document_can_speak_another_language_for_a_while() -> None:
    i18n.activate("ru")
    with i18n.speaking("fr") as french:
        assert french.code == "fr"
        assert Stance.REJECTS.label == "rejette"
    assert Stance.REJECTS.label == "отклоняет"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "fieldkit: --mechanism 'NOPE': допустимые значения: UPR, CCPR"),
        ("fr", "fieldkit: --mechanism 'NOPE' : valeurs possibles : UPR, CCPR"),
        ("en", "fieldkit: --mechanism 'NOPE' is not one of: UPR, CCPR"),
    ],
)
def test_a_bad_value_is_one_line_in_the_chosen_language(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", lang)
    result = cli("items", "--mechanism", "NOPE", "--db", demo_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(expected)
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "fieldkit: нет такого параметра: --nope (см. `fieldkit items -h`)\n"),
        ("fr", "fieldkit: option inconnue : --nope (voir `fieldkit items -h`)\n"),
        ("en", "fieldkit: no such option: --nope (see `fieldkit items -h`)\n"),
    ],
)
def test_a_bad_option_is_one_line_in_the_chosen_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", lang)
    result = cli("items", "--nope")
    assert (result.exit_code, result.stderr.replace("`root ", "`fieldkit ")) == (2, expected)


def test_the_system_locale_alone_chooses_russian(demo_path: Path) -> None:
    env = {"FIELDKIT_LANG": "", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    env["LANG"] = "ru_RU.UTF-8"
    done = cli_process("items", "--mechanism", "NOPE", "--db", demo_path, env=env)
    assert done.returncode == 2
    assert done.stderr.startswith("fieldkit: --mechanism 'NOPE': допустимые значения:")
    assert done.stderr.count("\n") == 1
    missing = cli_process("init", env=env)
    assert (missing.returncode, missing.stderr) == (
        2,
        "fieldkit: --name обязателен (см. `fieldkit init -h`)\n",
    )


def test_the_profile_keeps_the_language_and_the_environment_overrides_it(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDKIT_LANG")
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    set_lang = cli("profile", "--lang", "FR")
    assert set_lang.exit_code == 0, set_lang.output
    assert set_lang.stdout.startswith("langue : Français (")
    assert cli("check", "--db", demo_path).stdout.split(":")[1].startswith(" en bon état")
    set_name = cli("profile", "--name", "Aigerim")
    assert set_name.stdout.startswith("auteur : Aigerim")
    assert json.loads(settings.profile_path().read_text()) == {
        "name": "Aigerim",
        "language": "fr",
    }
    monkeypatch.setenv("FIELDKIT_LANG", "ru")
    assert "в порядке" in cli("check", "--db", demo_path).stdout
    assert cli("profile", "--lang", "xx-pseudo").exit_code == 2  # for tests, not for people
    bad = cli("profile", "--lang", "de")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "fieldkit: --lang 'de': допустимые значения: en, ru, fr\n",
    )


def test_a_name_is_offered_in_the_chosen_language_and_in_english() -> None:
    assert i18n.both("no such option: {option}") == ("no such option: {option}",)
    i18n.activate("ru")
    assert i18n.both("no such option: {option}") == (
        "нет такого параметра: {option}",
        "no such option: {option}",
    )


def test_russian_counts_take_their_plural_forms() -> None:
    i18n.activate("ru")
    words = [i18n.ngettext("{count} note", "{count} notes", n).format(count=n) for n in (1, 3, 5)]
    assert words == ["1 заметка", "3 заметки", "5 заметок"]


PSEUDO_RUNS = [
    ("items", "--mechanism", "NOPE"),
    ("items", "--nope"),
    ("items", "--mechanism"),
    ("items", "stray"),
    ("init",),
    ("init", "--name", " ", "--country", "KZ"),
    ("nosuch",),
    ("check",),
    ("profile",),
    ("profile", "--lang", "de"),
    ("note", "add", "said", "--meeting", "zzzz", "--kind", "rumour"),
    ("note", "add", " ", "--meeting", "zzzz", "--kind", "statement"),
    ("action", "add", " "),
    ("response", "add", "--item", "CCPR-24", "--stance", "perhaps"),
    ("response", "add", "--item", "CCPR-24", "--stance", "accepts", "--grade", "Z"),
    ("response", "add", "--item", "CCPR-24", "--stance", "accepts", "--deadline", "soon"),
    ("import", "missing.csv"),
    ("export", "debrief", "--template", "missing.docx"),
]


@pytest.mark.parametrize("args", PSEUDO_RUNS, ids=" ".join)
def test_no_command_line_message_escapes_the_catalogue(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", i18n.PSEUDO)
    needs_file = args[0] not in ("init", "profile", "nosuch") and "--nope" not in args
    full = [*args, "--db", str(demo_path)] if needs_file and args != ("check",) else list(args)
    if args == ("check",):
        full = ["check", "--db", str(demo_path.with_name("absent.json"))]
    result = cli(*full)
    said = result.stderr + result.stdout
    assert result.exit_code == 2, said
    assert said.startswith("fieldkit: " + i18n.OPEN_MARK), said
    assert unmarked(said) == [], said


def test_the_pseudo_check_finds_an_unwrapped_string() -> None:
    assert unmarked("fieldkit: ⟦ñö şüçh öptîöñ: --nope⟧") == []
    assert unmarked("⟦Åççéptş⟧ Add note") == ["Add", "note"]
    assert unmarked("⟦ÖÜŢ ⟦İN⟧ ŞİDÉ⟧ Kazakhstan", data=["Kazakhstan"]) == []
    assert unmarked("init  ⟦Çŕéåté thé...\n  check  ⟦Våĺîdåté⟧ Check") == ["init", "check", "Check"]


def _command_words() -> set[str]:
    """Words that are the command line's contract: command, option and argument names."""
    words = {"path", "str", "int", "help", "h"}  # value types (<path>) and -h, --help
    words.add("root")  # the program's name when a test runs the command line in-process
    pending = [typer.main.get_command(app)]
    while pending:
        command = pending.pop()
        words.update(re.findall(r"[A-Za-z]+", command.name or ""))
        for param in command.params:
            words.update(re.findall(r"[A-Za-z]+", " ".join([*param.opts, param.name or ""])))
        pending.extend(getattr(command, "commands", {}).values())
    return words


@pytest.mark.parametrize(
    "args", [(), ("items",), ("note",), ("response", "add"), ("export", "debrief"), ("import",)]
)
def test_no_help_text_escapes_the_catalogue(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", i18n.PSEUDO)
    result = cli(*args, "-h")
    assert result.exit_code == 0, result.output
    escaped = [w for w in unmarked(result.stdout) if w not in _command_words()]
    assert escaped == [], result.stdout


def test_help_is_in_russian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", "ru")
    result = cli("response", "add", "-h")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Использование: ")
    assert "Записать, что должностное лицо сказало от имени государства" in result.stdout
    assert "Параметры:" in lines
    assert "Показать эту справку и выйти." in result.stdout
    monkeypatch.setenv("FIELDKIT_LANG", "en")
    assert cli("response", "add", "-h").stdout.startswith("Usage: ")


def test_a_group_without_its_command_shows_its_help_in_french(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", "fr")
    result = cli("note")
    assert result.exit_code == 2
    assert "Ajouter une note à une réunion." in result.output
    assert "Commandes:" in result.output
