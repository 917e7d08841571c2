"""Every word of the meeting screens comes from the catalogue, shown in the pseudo-language.

As in test_pseudo_screens: the demo mission's data is turned to Cyrillic letters, each screen
is read back from its screenshot at 80x24, and any Latin word outside the pseudo-language's
marks escaped the catalogue. The footer (built from the command table) is left to
test_pseudo_screens; the words of the other widgets these screens hold are named in `ELSEWHERE`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fieldkit import i18n, settings
from fieldkit.domain.drafts import describe
from fieldkit.domain.grades import Grade
from fieldkit.domain.history import DELETED
from fieldkit.domain.meetings import Action, Draft, Meeting, Note, Response
from fieldkit.domain.merge import conflicts_in
from fieldkit.domain.vocab import NoteKind, Stance
from fieldkit.i18n import _
from fieldkit.reports import default_name
from fieldkit.storage import crypto
from fieldkit.storage.merge import merge
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp, make_app
from fieldkit.ui.screens.conflicts import ConflictsScreen, MergeDialog, PassphraseDialog
from fieldkit.ui.screens.exports import ExportMenu, ExportScreen
from fieldkit.ui.screens.lock import LockScreen
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.screens.meetings import MeetingsScreen
from fieldkit.ui.screens.shred import WORD, ConfirmShred
from fieldkit.ui.widgets.capture_area import THIS
from fieldkit.ui.widgets.meeting_form import MeetingEditor, PersonEditor
from fieldkit.ui.widgets.meeting_picker import ConfirmDelete, DraftOffer, ItemJump, MeetingPicker
from tests.helpers import cli
from tests.pseudo import scrambled, screen_text, unmarked
from tests.ui.conftest import TODAY
from tests.ui.test_conflicts import _diverged as diverged

#: Words on these screens that widgets wrapped elsewhere show (the agenda pane's title, the
#: row of choices' hint): their own tests hold them.
ELSEWHERE: tuple[str, ...] = ("Agenda", "esc keeps")
#: Language names are written in their own language, never translated.
ENDONYMS = tuple(i18n.LANGUAGE_NAMES.values())


@pytest.fixture(autouse=True)
def profile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("FIELDKIT_AUTHOR", "Тест Делегат")


@pytest.fixture
def pseudo_store(demo_path: Path) -> Store:
    demo_path.write_text(json.dumps(scrambled(json.loads(demo_path.read_text()))))
    return Store(demo_path)


def _escaping(
    store: Store,
    keys: str,
    expected: type,
    then: Callable[[Any], object] | None = None,
    data: tuple[str, ...] = (),
    after: str = "",
) -> list[str]:
    """The Latin words outside the marks on the screen `keys` (then `then(app)`) lead to,
    footer left out. Dialogs are opened over the meetings screen, whose words are checked."""
    i18n.activate(i18n.PSEUDO)
    app: FieldkitApp = make_app(store, today=TODAY)

    async def scenario() -> str:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in keys.split():
                await pilot.press(key)
                await pilot.pause()
            if then is not None:
                then(app)
            await pilot.pause(0.1)
            for key in after.split():
                await pilot.press(key)
                await pilot.pause()
            assert isinstance(app.screen, expected), type(app.screen)
            return app.export_screenshot()

    try:
        lines = screen_text(asyncio.run(scenario())).splitlines()
    finally:
        i18n.activate(i18n.ENGLISH)
    return unmarked("\n".join(lines[:-1]), data=(*ELSEWHERE, *ENDONYMS, *data))


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("m", MeetingsScreen),
        ("m enter", MeetingRoom),
        ("m enter ctrl+r", MeetingRoom),
        ("m enter ctrl+r escape", MeetingRoom),
        ("m enter ctrl+o", MeetingRoom),
        ("m n", MeetingEditor),
        ("m a", MeetingPicker),
        ("m enter ctrl+g", ItemJump),
    ],
    ids=[
        "meetings",
        "room-note",
        "room-stance",
        "room-response",
        "room-follow-up",
        "meeting-form",
        "meeting-picker",
        "item-jump",
    ],
)
def test_no_meeting_screen_word_escapes_the_catalogue(
    pseudo_store: Store, keys: str, expected: type
) -> None:
    assert _escaping(pseudo_store, keys, expected) == []


def test_no_word_of_the_export_screens_escapes_the_catalogue(pseudo_store: Store) -> None:
    def menu(app: FieldkitApp) -> object:
        return app.push_screen(ExportMenu(app.data))

    def form(app: FieldkitApp) -> object:
        return app.push_screen(ExportScreen("factsheet", app.data))

    assert _escaping(pseudo_store, "m", ExportMenu, menu) == []
    path = str(settings.DEFAULT_EXPORTS / default_name("factsheet"))  # a path, not words
    assert _escaping(pseudo_store, "m", ExportScreen, form, data=(path,)) == []


def test_no_word_of_what_was_captured_escapes_the_catalogue(pseudo_store: Store) -> None:
    """The room with notes, a response and a follow-up on its item, and what the same
    institution said in an earlier meeting; the full text of a captured line shown too."""
    data = pseudo_store.data()
    meeting = data.meetings_in_order[0]
    item = meeting.agenda[0]
    earlier = Meeting(
        title="Ранее", starts_at="2017-04-10T10:00", institution_ids=meeting.institution_ids
    )
    said = {"meeting_id": earlier.id, "item_id": item}
    now = {"meeting_id": meeting.id, "item_id": item}
    with pseudo_store.transaction() as tx:
        tx.put(
            earlier,
            Response(
                **said,
                stance=Stance.REJECTS,
                grade=Grade.C1,
                commitment="Закон",
                deadline="2018-01-01",
                quote="Нет",
            ),  # fmt: skip
            Note(**said, kind=NoteKind.CONCERN, text="Заметка"),
            Note(**now, kind=NoteKind.QUOTE, limb="(a)", text="Цитата"),
            Response(
                **now,
                stance=Stance.ACCEPTS,
                grade=Grade.B,
                deadline="2017-06-30",
                commitment="Обязательство",
                text="Замечание",
            ),  # fmt: skip
            Action(**now, text="Письмо", owner="Анна", due="2017-05-01"),
        )
    assert _escaping(pseudo_store, "m home down enter", MeetingRoom) == []
    assert _escaping(pseudo_store, "m home down enter shift+tab", MeetingRoom) == []


def _draft_offer(app: FieldkitApp) -> object:
    data = app.data
    meeting = data.meetings_in_order[0]
    draft = Draft(kind="note", meeting_id=meeting.id, fields={"text": "Текст"}, author="Т")
    return app.push_screen(DraftOffer([describe(draft, data)]))


@pytest.mark.parametrize(
    ("dialog", "expected"),
    [
        (lambda app: app.push_screen(ConfirmDelete(_(THIS["note"]))), ConfirmDelete),
        (lambda app: app.push_screen(PersonEditor(app.data, lambda fields: "")), PersonEditor),
        (_draft_offer, DraftOffer),
        (lambda app: app.push_screen(MergeDialog("")), MergeDialog),
        (lambda app: app.push_screen(PassphraseDialog("копия.json")), PassphraseDialog),
        (lambda app: app.push_screen(ConfirmShred("миссия.json")), ConfirmShred),
    ],
    ids=["delete", "new-person", "drafts", "merge", "merge-passphrase", "shred"],
)
def test_no_word_of_the_meeting_dialogs_escapes_the_catalogue(
    pseudo_store: Store, dialog: Callable[[FieldkitApp], object], expected: type
) -> None:
    # the word to type is itself a key: "shred" is typed in every language
    assert _escaping(pseudo_store, "m", expected, dialog, data=(WORD,)) == []


def test_no_word_of_the_lock_screen_escapes_the_catalogue(pseudo_store: Store) -> None:
    settings.update_profile(pin=crypto.hash_pin("4711"))
    assert _escaping(pseudo_store, "ctrl+l", LockScreen) == []


def test_no_word_of_the_conflicts_screen_escapes_the_catalogue(
    demo_path: Path, tmp_path: Path
) -> None:
    merge(Store(demo_path), [diverged(demo_path, tmp_path)])
    demo_path.write_text(json.dumps(scrambled(json.loads(demo_path.read_text()))))
    shown = _escaping(Store(demo_path), "", ConflictsScreen, lambda app: app.show("conflicts"))
    assert shown == []


def test_no_word_of_a_kept_deleted_record_escapes_the_catalogue(
    pseudo_store: Store, tmp_path: Path
) -> None:
    """Deleted on one copy, edited on the other: keeping it shows the fields it keeps."""
    path = pseudo_store.path
    data = pseudo_store.data()
    meeting, item = data.meetings_in_order[0].id, data.priorities[0].id
    added = cli("response", "add", "--item", item, "--meeting", meeting, "--stance",
                "accepts", "--db", path)  # fmt: skip
    response = added.stdout.strip()
    other = tmp_path / "laptop-b" / "m.json"
    other.parent.mkdir()
    other.write_bytes(path.read_bytes())
    assert cli("response", "delete", response, "--db", other).exit_code == 0
    assert cli("response", "edit", response, "--quote", "Цитата", "--db", path).exit_code == 0
    merge(Store(path), [other])
    store = Store(path)
    [conflict] = conflicts_in(store.data())
    assert conflict.field == DELETED
    shown = _escaping(store, "", ConflictsScreen, lambda app: app.show("conflicts"))
    assert shown == []
