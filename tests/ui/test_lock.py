"""Lock at once: ctrl+l (or the palette) hides the mission until the passphrase or PIN."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot

from fieldkit import i18n, settings
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import Mission
from fieldkit.storage import crypto, guard
from fieldkit.storage.repository import Store
from fieldkit.ui import commands
from fieldkit.ui.app import FieldkitApp, make_app
from fieldkit.ui.screens.dashboard import DashboardScreen
from fieldkit.ui.screens.lock import IdleLock, LockScreen
from tests.ui.conftest import TODAY

PASS = "lock test passphrase"


@pytest.fixture(autouse=True)
def profile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def _screen_text(app: FieldkitApp) -> str:
    return app.export_screenshot().replace("&#160;", " ")


async def _type(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text, "enter")
    for _ in range(50):  # the check runs in a thread
        await pilot.pause(0.05)
        if not isinstance(pilot.app.screen, LockScreen):
            return
        said = str(pilot.app.screen.query_one("#lock-said").render())
        if "Checking" not in said:
            return


def test_ctrl_l_hides_the_mission_until_the_pin(app: FieldkitApp) -> None:
    settings.update_profile(pin=crypto.hash_pin("4711"))

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            assert "Astana" in _screen_text(app)
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.screen, LockScreen)
            assert "Astana" not in _screen_text(app)
            for key in ("escape", "m", "slash", "e", "question_mark", "ctrl+p"):
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, LockScreen), key
            app.screen.query_one("#lock-input").clear()  # type: ignore[attr-defined]
            await _type(pilot, "0000")
            assert isinstance(app.screen, LockScreen)
            assert "Wrong PIN" in _screen_text(app)
            await _type(pilot, "4711")
            assert isinstance(app.screen, DashboardScreen)
        assert app.errors == []

    asyncio.run(scenario())


def test_without_a_pin_or_passphrase_the_app_says_how_to_lock(
    app: FieldkitApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: said.append(message))

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+l")
            await pilot.pause(0.3)
            assert isinstance(app.screen, DashboardScreen)
            assert said and "fieldkit pin" in said[0]

    asyncio.run(scenario())


def test_an_encrypted_mission_unlocks_with_its_passphrase_from_the_palette(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    path = tmp_path / "m.json"
    store = Store(path, lambda: PASS)
    meeting = Meeting(title="Ombudsman", starts_at="2017-04-11T09:30")
    store.create(
        Mission(name="Secret mission", country="Kazakhstan"),
        [meeting],
        crypto.SealedCodec.create(PASS),
    )
    app = make_app(store, today=TODAY)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            lock = commands.find("Lock")
            assert lock is not None
            await app.run_action(lock.action)
            await pilot.pause()
            assert isinstance(app.screen, LockScreen)
            assert "Secret mission" not in _screen_text(app)
            await _type(pilot, "not it at all")
            assert isinstance(app.screen, LockScreen)
            await _type(pilot, PASS)
            assert isinstance(app.screen, DashboardScreen)

    asyncio.run(scenario())


def test_the_app_locks_itself_after_idle_minutes(app: FieldkitApp) -> None:
    settings.update_profile(pin=crypto.hash_pin("4711"), lock_after="5")

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            idle = app.idle_lock
            assert isinstance(idle, IdleLock) and idle.seconds == 300
            idle.check()
            assert not isinstance(app.screen, LockScreen)
            idle.last -= 301
            idle.check()
            await pilot.pause()
            assert isinstance(app.screen, LockScreen)

    asyncio.run(scenario())


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_last_wrong_passphrase_the_wipe_allows_closes_the_app_in_any_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)
    path = tmp_path / "m.json"
    store = Store(path, lambda: PASS)
    store.create(
        Mission(name="Secret mission", country="Kazakhstan"), [], crypto.SealedCodec.create(PASS)
    )
    guard.arm(path, 1)
    i18n.activate(language)
    app = make_app(store, today=TODAY)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            lock = commands.find("Lock")
            assert lock is not None
            await app.run_action(lock.action)
            await pilot.pause()
            await _type(pilot, "not it at all")
            for _ in range(50):
                if app.return_code is not None:
                    break
                await pilot.pause(0.05)

    asyncio.run(scenario())
    assert app.return_code == 1
    assert not path.exists()
