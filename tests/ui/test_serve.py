"""`fieldkit serve`: the app in a real headless browser, on 127.0.0.1 only, behind a token."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldkit.storage.repository import Store

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
TYPED = "Typed in the browser: the ombudsman will publish the report"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # The network is off: no host name but 127.0.0.1 resolves, no proxy is asked.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--no-proxy-server",
]


@pytest.fixture
def served(demo_path: Path, tmp_path: Path) -> Iterator[str]:
    env = os.environ | {"XDG_CONFIG_HOME": str(tmp_path / "config"), "FIELDKIT_AUTHOR": "Web"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "fieldkit", "serve", "--db", str(demo_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    try:
        assert url.startswith("http://127.0.0.1:") and "?token=" in url, url
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _status(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _ready(url: str) -> None:
    for _ in range(100):
        try:
            _status(url)
            return
        except OSError:
            time.sleep(0.1)


def test_without_the_token_nothing_is_served(served: str) -> None:
    base, token = served.split("/?token=")
    _ready(base)
    for url in (f"{base}/", f"{base}/?token=wrong", f"{base}/static/js/textual.js", f"{base}/ws"):
        status, body = _status(url)
        assert status == 403, url
        assert b"<html" not in body.lower()
    status, body = _status(served)
    assert status == 200 and b"textual-terminal" in body
    status, _ = _status(served, {"Host": f"attacker.example:{base.rsplit(':', 1)[1]}"})
    assert status == 403  # a page elsewhere pointing its own name at 127.0.0.1
    assert b"googleapis" not in body and b"https://" not in body


def _wait_for(condition: object, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} never happened")


def _notes(path: Path) -> set[str]:
    return {n.text for n in Store(path).data().notes.values()}


def _draft_typed(path: Path) -> bool:
    return any(d.fields.get("text") == TYPED for d in Store(path).data().drafts.values())


def _type_a_note(box: Any, pause: float, path: Path) -> bool:
    """Palette, "add note", the first meeting, then the text: kept as a draft if all went in."""
    from selenium.webdriver.common.keys import Keys

    time.sleep(pause)  # the first paint, or the screen left by the try before
    for keys in ((Keys.CONTROL, "p"), ("add note",), (Keys.ENTER,), (Keys.ENTER,)):
        box.send_keys(*keys)
        time.sleep(pause)
    box.send_keys(TYPED)
    deadline = time.monotonic() + 5 * pause
    while time.monotonic() < deadline:
        if _draft_typed(path):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs chromium and chromedriver")
def test_a_note_typed_in_the_browser_is_saved(served: str, demo_path: Path, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1280,800"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        driver.get(served)
        box = driver.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")
        body = driver.find_element(By.TAG_NAME, "body")
        _wait_for(lambda: "-first-byte" in (body.get_attribute("class") or ""), "first screen")
        for pause in (1.0, 2.0, 4.0):  # slower each time, on a busy machine
            if _type_a_note(box, pause, demo_path):
                break
            box.send_keys(Keys.ESCAPE, Keys.ESCAPE, Keys.ESCAPE)
        box.send_keys(Keys.ENTER)
        _wait_for(lambda: TYPED in _notes(demo_path), "the note saved from the browser")
        loaded = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        host = served.split("/?")[0]
        assert loaded and all(name.startswith(host) for name in loaded), loaded
    finally:
        driver.quit()
