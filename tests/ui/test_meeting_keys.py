"""Keys typed ahead are never lost nor merged: bursts in a real terminal (tmux).

A slow SSH link or a paste delivers many keys in one read; Textual's own test driver paces
them, so only a real terminal shows whether a note saved by Enter races the next one typed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.storage.repository import Store
from tests.ui.terminal import Terminal, fieldkit_command

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal(f"fieldkit-keys-{os.getpid()}")
    yield term
    term.close()


def open_room(terminal: Terminal, mission: Path, config: Path) -> None:
    terminal.start(fieldkit_command(mission, config))
    terminal.wait_for("palette")
    terminal.keys("m")
    terminal.wait_for("Ombudsman")
    terminal.keys("Enter")
    terminal.wait_for("Enter saves the note")


def notes_in_order(mission: Path) -> list[str]:
    notes = Store(mission).data().notes.values()
    return [n.text for n in sorted(notes, key=lambda n: n.created_at)]


def wait_for_notes(mission: Path, count: int, timeout: float = 60.0) -> list[str]:
    """The notes once there are `count` of them (or what there is when time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        notes = notes_in_order(mission)
        if len(notes) >= count:
            time.sleep(0.5)  # anything more would be a note too many
            return notes_in_order(mission)
        time.sleep(0.2)
    return notes_in_order(mission)


def test_fifty_notes_in_one_burst_are_fifty_notes_in_order(
    terminal: Terminal, demo_path: Path, tmp_path: Path
) -> None:
    open_room(terminal, demo_path, tmp_path / "config")
    typed = [f"Note number {i} said." for i in range(1, 51)]
    pieces: list[tuple[str, bool]] = []
    for text in typed:
        pieces += [(text, True), ("Enter", False)]
    terminal.burst(*pieces)
    assert wait_for_notes(demo_path, 50) == typed


def test_keys_after_a_screen_change_land_on_the_new_screen(
    terminal: Terminal, demo_path: Path, tmp_path: Path
) -> None:
    """`m`, Enter and the note in one burst: the note is typed in the room it opened."""
    terminal.start(fieldkit_command(demo_path, tmp_path / "config"))
    terminal.wait_for("palette")
    terminal.burst(("m", False), ("Enter", False), ("Alpha one.", True), ("Enter", False))
    assert wait_for_notes(demo_path, 1) == ["Alpha one."]


@pytest.mark.parametrize("how", ["close the terminal", "SIGTERM"])
def test_the_note_being_typed_is_kept_when_the_terminal_goes(
    how: str, terminal: Terminal, demo_path: Path, tmp_path: Path
) -> None:
    """0.2 s after typing (before the draft's own timer), the terminal goes away."""
    open_room(terminal, demo_path, tmp_path / "config")
    terminal.keys("The minister left early", literal=True)
    terminal.wait_for("The minister left early")
    pid = terminal.app_pid()
    time.sleep(0.2)
    if how == "SIGTERM":
        os.kill(pid, signal.SIGTERM)
    else:
        terminal.close()  # tmux hangs up on the app: SIGHUP
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    [draft] = Store(demo_path).data().drafts.values()
    assert draft.fields["text"] == "The minister left early"


def test_a_full_response_in_ten_keys_typed_as_one_burst(
    terminal: Terminal, demo_path: Path, tmp_path: Path
) -> None:
    """Stance, speaker, quote, grade, commitment and deadline: at most 10 keys beyond the
    text, all sent at once as a fast typist over SSH would."""
    open_room(terminal, demo_path, tmp_path / "config")
    path: list[tuple[str, bool]] = [
        ("C-r", False),  # a response: the stance row shows
        ("a", False),  # accepts; the speaker row shows
        ("o", False),  # the Ombudsman; the cursor is in the quote
        ("We will set up the unit", True),
        ("Enter", False),
        ("B", True),  # the grade is typed text
        ("Enter", False),
        ("A special prosecutor unit", True),
        ("Enter", False),
        ("30/6", True),
        ("C-s", False),
    ]
    keys = [text for text, literal in path if not literal]
    assert len(keys) <= 10, keys
    terminal.burst(*path)
    deadline = time.monotonic() + 30
    while not Store(demo_path).data().responses and time.monotonic() < deadline:
        time.sleep(0.2)
    data = Store(demo_path).data()
    [response] = data.responses.values()
    assert response.stance.value == "accepts"
    assert data.people[response.speaker_id or ""].name == "The Ombudsman"
    assert response.quote == "We will set up the unit"
    assert response.grade is not None and response.grade.value == "B"
    assert response.commitment == "A special prosecutor unit"
    assert response.deadline == "2017-06-30"


def test_keys_typed_after_q_in_the_same_burst_let_the_app_close_cleanly(
    terminal: Terminal, demo_path: Path, tmp_path: Path
) -> None:
    """`q` and more keys in one burst (a paste, a slow link): the app closes, no traceback."""
    command = fieldkit_command(demo_path, tmp_path / "config")
    terminal.start(f"sh -c {shlex.quote(command + '; echo exited $?; sleep 30')}")
    terminal.wait_for("palette")
    terminal.burst(("question_mark and more", True))
    shown = terminal.wait_for("exited")
    assert "exited 0" in shown
    assert "Error" not in shown and "Traceback" not in shown, shown
