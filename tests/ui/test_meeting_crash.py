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
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.storage.repository import Store
from tests.ui.terminal import Terminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

TYPED = "The deputy minister said torture is not systematic"


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
