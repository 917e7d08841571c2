"""A note being typed survives SIGKILL: the real app in a real terminal (tmux), killed hard.

ctrl+p, "add note", Enter (the command), Enter (the preselected meeting), then typing; two
seconds after the typing stops the process gets SIGKILL. The text must be in the mission file
and the next start must offer it back.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.storage.repository import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

TYPED = "The deputy minister said torture is not systematic"


class Terminal:
    """One program in its own tmux server, typed into like a person."""

    def __init__(self, name: str) -> None:
        self.socket = name

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-s", "app", "-x", "80", "-y", "24", command)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "app", *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never showed; the screen was:\n{self.screen()}")

    def app_pid(self) -> int:
        pid = int(self.tmux("list-panes", "-t", "app", "-F", "#{pane_pid}").strip())
        for _ in range(3):  # the shell tmux started may have a child: the app itself
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"fieldkit" in cmdline and b"python" in cmdline:
                return pid
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            if not children:
                break
            pid = int(children[0])
        return pid

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal(f"fieldkit-crash-{os.getpid()}")
    yield term
    term.close()


def test_sigkill_two_seconds_after_typing_loses_nothing(
    terminal: Terminal, demo_path: Path, tmp_path: Path
) -> None:
    env = {
        "FIELDKIT_AUTHOR": "Test Delegate",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "TERM": "xterm-256color",
    }
    command = " ".join(
        ["env", *(f"{k}={shlex.quote(v)}" for k, v in env.items())]
        + [shlex.quote(sys.executable), "-m", "fieldkit", "--db", shlex.quote(str(demo_path))]
    )
    terminal.start(command)
    terminal.wait_for("palette")
    terminal.keys("C-p")
    terminal.wait_for("Search for commands")
    terminal.keys("add note", literal=True)
    terminal.wait_for("Capture a note")
    terminal.keys("Enter")
    terminal.wait_for("in which meeting?")
    terminal.keys("Enter")
    terminal.wait_for("Enter saves the note")
    terminal.keys(TYPED, literal=True)
    terminal.wait_for(TYPED)
    time.sleep(2)
    os.kill(terminal.app_pid(), signal.SIGKILL)

    data = Store(demo_path).data()
    [draft] = data.drafts.values()
    assert draft.fields["text"] == TYPED
    assert draft.author == "Test Delegate"
    assert not data.notes

    terminal.close()
    terminal.start(command)
    terminal.wait_for("Unfinished work")
    terminal.wait_for("deputy minister said")  # the offer quotes what was being typed
    terminal.keys("Enter")
    terminal.wait_for("✓ restored")
    terminal.keys(" at all", literal=True)
    terminal.keys("Enter")
    terminal.wait_for("✓ saved")
    notes = list(Store(demo_path).data().notes.values())
    assert [n.text for n in notes] == [TYPED + " at all"]
