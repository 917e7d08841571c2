"""Every command-line message in the pseudo-language: no English word escapes the catalogue.

One scrambled copy of the demo mission (its data in Cyrillic letters, so that only fieldkit's
own words are Latin) is shared by every run, an encrypted copy by the runs that need one. Each
run's stdout and stderr are read back; any Latin word outside the pseudo-language's marks,
other than the command line's own contract (command and option names), escaped the catalogue.
JSON output is left out: its keys are a contract too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
from filelock import FileLock

from fieldkit import i18n
from fieldkit.cli import app
from fieldkit.storage import crypto, lock
from fieldkit.storage.errors import WrongPassphrase
from tests.conftest import make_demo
from tests.helpers import cli
from tests.pseudo import scrambled, unmarked

PASS = "correct horse battery"
_IDS = re.compile(r"\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b|\b[0-9a-f]{8}\b")


@dataclass
class Mission:
    folder: Path
    plain: Path
    sealed: Path
    meeting: str
    item: str


def _contract() -> set[str]:
    """Command, option and argument names: the same in every language."""
    words = {"root", "fieldkit", "path"}
    pending = [typer.main.get_command(app)]
    while pending:
        command = pending.pop()
        words.update(re.findall(r"[A-Za-z]+", command.name or ""))
        for param in command.params:
            words.update(re.findall(r"[A-Za-z]+", " ".join([*param.opts, param.name or ""])))
        pending.extend(getattr(command, "commands", {}).values())
    return words | {"FIELDKIT", "PASSPHRASE", "PIN", "BUNDLE", "DEBUG", "Ctrl", "UPR", "CCPR"}


@pytest.fixture(scope="module")
def mission(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mission]:
    folder = tmp_path_factory.mktemp("sweep")
    plain = make_demo(folder / "mission" / "demo.json")
    tree = scrambled(json.loads(plain.read_text()))
    assert isinstance(tree, dict)
    plain.write_text(json.dumps(tree))
    sealed = folder / "sealed" / "demo.json"
    sealed.parent.mkdir()
    sealed.write_text(json.dumps(tree))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FIELDKIT_PASSPHRASE", PASS)
        assert cli("encrypt", "--db", sealed).exit_code == 0
    meetings = sorted(tree["meetings"].values(), key=lambda m: str(m["id"]))
    items = sorted(tree["items"].values(), key=lambda i: str(i["id"]))
    yield Mission(folder, plain, sealed, str(meetings[0]["id"])[:8], str(items[0]["id"])[:8])


@pytest.fixture(autouse=True)
def _pseudo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDKIT_LANG", i18n.PSEUDO)


def _said(mission: Mission, *args: str | Path, code: int | None = None) -> str:
    """Run fieldkit; what it said, checked for words that escaped the catalogue."""
    result = cli(*args)
    said = result.stdout + result.stderr
    assert "Traceback" not in said, said
    if code is not None:
        assert result.exit_code == code, said
    text = _IDS.sub(" ", re.sub(re.escape(str(mission.folder)) + r"[^\s⟦⟧;,()]*", " ", said))
    escaped = [w for w in unmarked(text) if w not in _contract()]
    assert escaped == [], said
    return said


def _run(mission: Mission, case: tuple[str, ...], code: int | None) -> str:
    args = [a.format(meeting=mission.meeting, item=mission.item) for a in case]
    return _said(mission, *args, "--db", mission.plain, code=code)


SUCCESSES = [
    ("items",),
    ("items", "--priority"),
    ("items", "--mechanism", "CCPR", "--search", "ю"),
    ("meetings",),
    ("check",),
    ("note", "add", "Сказано", "--meeting", "{meeting}", "--kind", "concern", "--item", "{item}"),
    ("response", "add", "--item", "{item}", "--meeting", "{meeting}", "--stance", "accepts"),
    (
        "response",
        "add",
        "--item",
        "{item}",
        "--meeting",
        "{meeting}",
        "--stance",
        "rejects",
        "--deadline",
        "30/6/2018",
    ),
    ("action", "add", "Сделать", "--item", "{item}", "--due", "+3m"),
    ("conflicts",),
]

FAILURES = [
    ("items", "--mechanism", "NOPE"),
    ("items", "--priority", "yes"),
    ("meetings", "stray"),
    ("note", "add", "Сказано", "--meeting", "zzzz", "--kind", "statement"),
    ("note", "add", "Сказано", "--meeting", "{meeting}", "--kind", "statement", "--item", "Щ-0"),
    ("note", "add", "Сказано", "--meeting", "{meeting}", "--speaker", "Щщщ"),
    ("note", "add", "Сказано", "--meeting", "", "--kind", "statement"),
    ("note", "edit", "zzzz", "--text", "Ещё"),
    ("response", "add", "--item", "{item}", "--stance", "accepts", "--deadline", "soon"),
    ("response", "add", "--item", "{item}", "--stance", "accepts", "--grade", "Z"),
    ("action", "add", "Сделать", "--due", "31/31"),
    ("action", "add", "Сделать", "--meeting", "zzzz"),
    ("import", "missing.csv"),
    ("export", "debrief", "--meeting", "zzzz"),
    ("init", "--name", "Миссия", "--country", "KZ"),
    ("wipe-after", "3"),
    ("decrypt",),
    ("serve", "--port", "99999"),
    ("pin", "--lock-after", "99999"),
    ("shred",),
    ("restore", "--from", "nowhere.json"),
    ("resolve", "zzzz", "--keep", "mine"),
    ("resolve", "zzzz", "--keep", "ours"),
    ("merge", "nowhere.json"),
]


@pytest.mark.parametrize("case", SUCCESSES, ids=" ".join)
def test_what_a_command_says_when_it_works(mission: Mission, case: tuple[str, ...]) -> None:
    _run(mission, case, 0)


@pytest.mark.parametrize("case", FAILURES, ids=" ".join)
def test_what_a_command_says_when_it_refuses(mission: Mission, case: tuple[str, ...]) -> None:
    said = _run(mission, case, 2)
    assert said.startswith("fieldkit: " + i18n.OPEN_MARK), said


def test_a_missing_file_and_a_new_one(mission: Mission) -> None:
    absent = mission.folder / "nowhere" / "m.json"
    _said(mission, "items", "--db", absent, code=2)
    _said(mission, "items", "--db", mission.folder / "mission" / "absent.json", code=2)
    fresh = mission.folder / "fresh" / "m.json"
    _said(mission, "init", "--name", "Миссия", "--country", "KZ", "--db", fresh, code=0)
    _said(mission, "check", "--db", fresh, code=0)


def test_a_damaged_file_names_its_backup(mission: Mission) -> None:
    damaged = mission.folder / "damaged" / "m.json"
    _said(mission, "init", "--name", "Миссия", "--country", "KZ", "--db", damaged, code=0)
    _said(mission, "profile", "--name", "Айгерим", code=0)
    _said(mission, "note", "add", "x", "--meeting", "zzzz", "--db", damaged, code=2)
    damaged.write_text('{"mission": {"1": ')
    said = _said(mission, "check", "--db", damaged)
    assert i18n.OPEN_MARK in said
    _said(mission, "items", "--db", damaged, code=2)
    _said(mission, "restore", "--db", damaged, code=2)  # no good backup of a new file
    _said(mission, "demo", "--no-open", "--db", mission.folder / "demo" / "m.json", code=0)


def test_the_profile_and_the_pin(mission: Mission, monkeypatch: pytest.MonkeyPatch) -> None:
    _said(mission, "profile", code=2)
    _said(mission, "profile", "--lang", "de", code=2)
    monkeypatch.setenv("FIELDKIT_PIN", "12345")
    _said(mission, "pin", "--lock-after", "5", code=0)
    _said(mission, "pin", "--off", code=0)
    monkeypatch.setenv("FIELDKIT_PIN", "1")
    _said(mission, "pin", code=2)


def test_a_wrong_passphrase_and_the_wipe_that_counts_it(
    mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    crypto.forget_keys()
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "not the passphrase")
    said = _said(mission, "items", "--db", mission.sealed, code=2)
    assert str(mission.sealed) in said
    monkeypatch.delenv("FIELDKIT_PASSPHRASE")
    _said(mission, "meetings", "--db", mission.sealed, code=2)  # no passphrase, no terminal
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    _said(mission, "wipe-after", "5", "--db", mission.sealed, code=0)
    _said(mission, "encrypt", "--db", mission.sealed, code=2)  # already encrypted
    crypto.forget_keys()
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "still not it")
    said = _said(mission, "items", "--db", mission.sealed, code=2)
    assert "4" in said
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    _said(mission, "wipe-after", "0", "--db", mission.sealed, code=0)


def test_encrypt_decrypt_and_shred_a_copy(
    mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = mission.folder / "copy" / "demo.json"
    copy.parent.mkdir()
    copy.write_bytes(mission.plain.read_bytes())
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", PASS)
    _said(mission, "encrypt", "--db", copy, code=0)
    _said(mission, "decrypt", "--db", copy, code=0)
    _said(mission, "shred", "--yes", "--exports", mission.folder / "no-exports", "--db", copy)
    assert not copy.exists()


def test_merging_copies(mission: Mission) -> None:
    other = mission.folder / "other" / "demo.json"
    other.parent.mkdir()
    other.write_bytes(mission.plain.read_bytes())
    _said(mission, "merge", other, "--dry-run", "--db", mission.plain, code=0)
    _said(mission, "merge", other, "--db", mission.plain, code=0)
    _said(mission, "merge", mission.plain, "--db", mission.plain, code=2)
    stranger = mission.folder / "other" / "stranger.json"
    stranger.write_text('{"format": "nothing"}')
    _said(mission, "merge", stranger, "--db", mission.plain, code=2)
    fresh = mission.folder / "other" / "fresh.json"
    _said(mission, "init", "--name", "Другая", "--country", "KZ", "--db", fresh, code=0)
    _said(mission, "merge", fresh, "--db", mission.plain, code=2)


def test_a_file_locked_by_another_fieldkit(
    mission: Mission, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "LOCK_TIMEOUT_S", 0.05)
    monkeypatch.setattr(lock.MissionLock.__init__, "__defaults__", (0.05,))
    with FileLock(str(lock.lock_path(mission.plain))):
        _said(
            mission, "note", "add", "Сказано", "--meeting", mission.meeting, "--db", mission.plain
        )


def test_the_wipe_message_is_whole_in_every_language(tmp_path: Path) -> None:
    """The count of tries left replaces "nothing was changed", whatever the language."""
    from fieldkit.storage import guard

    path = make_demo(tmp_path / "m.json")
    guard.arm(path, 10)
    for code in i18n.LANGUAGES:
        with i18n.speaking(code):
            said = str(guard.wrong_passphrase(path, WrongPassphrase(about=path)))
            nothing = i18n._("nothing was changed")
            assert nothing not in said, said
            assert said.startswith(str(WrongPassphrase.said(path, "")).rstrip()), said
