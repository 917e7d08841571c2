"""The Conflicts screen: both values side by side, one key keeps either; merging from the app."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, Static

from fieldkit.storage.merge import all_conflicts, merge
from fieldkit.storage.repository import Store
from fieldkit.ui import commands
from fieldkit.ui.app import make_app
from fieldkit.ui.screens.conflicts import ConflictsScreen, MergeDialog, PassphraseDialog
from tests.helpers import cli
from tests.ui.conftest import TODAY


def _diverged(path: Path, tmp_path: Path) -> Path:
    """A second copy of the demo; one response's stance changed differently in each."""
    meeting = Store(path).data().meetings_in_order[0].id
    added = cli("response", "add", "--item", "CCPR-18", "--meeting", meeting, "--stance",
                "no-answer", "--db", path)  # fmt: skip
    response = added.stdout.strip()
    other = tmp_path / "laptop-b" / "m.json"
    other.parent.mkdir()
    shutil.copy(path, other)
    assert cli("response", "edit", response, "--stance", "accepts", "--db", path).exit_code == 0
    assert cli("response", "edit", response, "--stance", "rejects", "--db", other).exit_code == 0
    return other


def test_t_keeps_theirs_and_the_dashboard_says_when_conflicts_remain(
    demo_path: Path, tmp_path: Path
) -> None:
    other = _diverged(demo_path, tmp_path)
    store = Store(demo_path)
    merge(store, [other])
    app = make_app(store, today=TODAY)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            counts = app.screen.query_one("#dash-counts", Static)
            assert "1 conflict from merging" in str(counts.render())
            app.show("conflicts")
            await pilot.pause()
            assert isinstance(app.screen, ConflictsScreen)
            mine = str(app.screen.query_one("#conflict-mine", Static).render())
            theirs = str(app.screen.query_one("#conflict-theirs", Static).render())
            assert "accepts" in mine and "rejects" in theirs
            await pilot.press("t")
            await pilot.pause()
        assert app.errors == []

    asyncio.run(scenario())
    assert all_conflicts(store.file.tree()) == []
    assert next(iter(store.data().responses.values())).stance.value == "rejects"


def test_merge_another_copy_from_the_palette(demo_path: Path, tmp_path: Path) -> None:
    other = _diverged(demo_path, tmp_path)
    beside = demo_path.parent / f"{demo_path.stem}.sync-conflict-20170411-093000-XYZ.json"
    shutil.copy(other, beside)
    store = Store(demo_path)
    app = make_app(store, today=TODAY)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            command = commands.find("Merge another copy")
            assert command is not None
            await app.run_action(command.action)
            await pilot.pause()
            assert isinstance(app.screen, MergeDialog)
            assert app.screen.query_one(Input).value == str(beside)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConflictsScreen)
        assert app.errors == []

    asyncio.run(scenario())
    assert len(all_conflicts(store.file.tree())) == 1


def test_an_encrypted_copy_merges_from_the_palette_with_its_passphrase(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = _diverged(demo_path, tmp_path)
    monkeypatch.setenv("FIELDKIT_PASSPHRASE", "correct horse battery")
    assert cli("encrypt", "--db", other).exit_code == 0
    monkeypatch.delenv("FIELDKIT_PASSPHRASE")
    store = Store(demo_path)
    app = make_app(store, today=TODAY)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            command = commands.find("Merge another copy")
            assert command is not None
            await app.run_action(command.action)
            await pilot.pause()
            app.screen.query_one(Input).value = str(other)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PassphraseDialog)
            await pilot.press(*"correct horse battery", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ConflictsScreen)
        assert app.errors == []

    asyncio.run(scenario())
    assert len(all_conflicts(store.file.tree())) == 1


def test_who_wrote_a_long_value_and_when_stays_in_view(demo_path: Path, tmp_path: Path) -> None:
    other = _diverged(demo_path, tmp_path)
    response = next(iter(Store(other).data().responses.values())).id
    long = " ".join(["The Minister spoke at length about the register of complaints."] * 30)
    assert cli("response", "edit", response, "--text", long, "--db", demo_path).exit_code == 0
    theirs = long.replace("Minister", "Ombudsman")
    assert cli("response", "edit", response, "--text", theirs, "--db", other).exit_code == 0
    store = Store(demo_path)
    merge(store, [other])
    app = make_app(store, today=TODAY)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.show("conflicts")
            await pilot.pause()
            listing = app.screen.query_one("#conflict-list", OptionList)
            found = [str(listing.get_option_at_index(i).prompt) for i in range(2)]
            assert sorted(f.rsplit(" · ", 1)[1] for f in found) == ["stance", "text"]
            listing.highlighted = next(i for i, f in enumerate(found) if f.endswith("· text"))
            await pilot.pause()
            mine = app.screen.query_one("#conflict-mine", Static)
            lines = str(mine.render()).splitlines()
            assert lines[0] == "Mine (m)" and "," in lines[1] and "Minister" not in lines[1]
            assert "Minister" in "".join(lines[2:])
            assert isinstance(mine.parent, VerticalScroll)
        assert app.errors == []

    asyncio.run(scenario())


def test_keeping_a_deleted_record_shows_the_edits_it_keeps(demo_path: Path, tmp_path: Path) -> None:
    other = _diverged(demo_path, tmp_path)
    response = next(iter(Store(other).data().responses.values())).id
    assert cli("response", "delete", response, "--db", other).exit_code == 0
    quote = "We will open the register of complaints"
    assert cli("response", "edit", response, "--quote", quote, "--db", demo_path).exit_code == 0
    store = Store(demo_path)
    merge(store, [other])
    app = make_app(store, today=TODAY)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.show("conflicts")
            await pilot.pause()
            listing = app.screen.query_one("#conflict-list", OptionList)
            found = [str(o.prompt) for o in listing.options]
            listing.highlighted = next(i for i, f in enumerate(found) if "deleted" in f)
            await pilot.pause()
            mine = str(app.screen.query_one("#conflict-mine", Static).render())
            theirs = str(app.screen.query_one("#conflict-theirs", Static).render())
            assert "kept" in mine and quote in mine
            # the stance is itself in conflict (accepts here, rejects there): either shows,
            # whichever write the merge takes as provisional
            assert "accepts" in mine or "rejects" in mine
            assert "deleted" in theirs and quote not in theirs
        assert app.errors == []

    asyncio.run(scenario())


def _notices_at_start(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    app = make_app(store, today=TODAY)
    said: list[str] = []
    original = app.notify

    def noting(message: str, **options: object) -> None:
        said.append(message)
        original(message, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", noting)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()

    asyncio.run(scenario())
    return said


def test_the_app_offers_a_copy_beside_it_only_while_it_holds_something_new(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = _diverged(demo_path, tmp_path)
    beside = demo_path.parent / f"{demo_path.stem}.sync-conflict-20170411-093000-XYZ.json"
    shutil.copy(other, beside)
    said = _notices_at_start(Store(demo_path), monkeypatch)
    assert any(beside.name in line and "Merge another copy" in line for line in said)
    merge(Store(demo_path), [beside])
    said = _notices_at_start(Store(demo_path), monkeypatch)
    assert not any(beside.name in line for line in said)
