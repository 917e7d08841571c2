"""The passphrase is asked in the terminal before the app takes the screen."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from fieldkit.storage import crypto
from tests.helpers import cli_process
from tests.reliability.conftest import add_note, new_mission

PASS = "test passphrase"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a Unix terminal")


class Terminal:
    """`fieldkit ARGS` running in a pseudo-terminal of 80x24."""

    def __init__(self, *args: str | Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {k: v for k, v in os.environ.items() if k != "FIELDKIT_PASSPHRASE"}
        env |= {"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fieldkit", *map(str, args)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, text: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while text.encode() not in self.seen:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} not shown; screen had {self.seen[-600:]!r}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the process has ended
                    time.sleep(0.05)

    def type(self, text: str) -> None:
        time.sleep(0.3)  # like a person: the prompt turns echo off just after it is shown
        os.write(self.master, text.encode())

    def close(self) -> int:
        """Wait for the process to end, reading its screen so that it never blocks writing."""
        end = time.monotonic() + 20
        try:
            while self.proc.poll() is None and time.monotonic() < end:
                ready, _, _ = select.select([self.master], [], [], 0.1)
                if ready:
                    try:
                        self.seen += os.read(self.master, 65536)
                    except OSError:
                        time.sleep(0.05)
            code = self.proc.wait(timeout=1)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            os.close(self.master)
        return code


@pytest.fixture
def encrypted(tmp_path: Path, cheap_kdf: None) -> Path:
    path = tmp_path / "m.json"
    store, meeting = new_mission(path, crypto.SealedCodec.create(PASS))
    add_note(store, meeting, "said at the Ombudsman")
    return path


def test_the_app_opens_an_encrypted_file_after_the_prompt(encrypted: Path) -> None:
    term = Terminal("--db", encrypted)
    term.wait_for("Passphrase for m.json")
    term.type(PASS + "\r")
    term.wait_for("Astana follow-up")
    assert PASS.encode() not in term.seen
    term.type("q")
    assert term.close() == 0


def test_a_wrong_passphrase_in_the_terminal_exits_2(encrypted: Path) -> None:
    term = Terminal("items", "--db", encrypted)
    term.wait_for("Passphrase for m.json")
    term.type("a wrong guess\r")
    term.wait_for("wrong passphrase")
    assert term.close() == 2
    assert b"Traceback" not in term.seen


def test_encrypt_asks_twice_in_the_terminal(tmp_path: Path, cheap_kdf: None) -> None:
    path = tmp_path / "m.json"
    new_mission(path)
    term = Terminal("encrypt", "--db", path)
    term.wait_for("New passphrase for m.json")
    term.type("a long passphrase\r")
    term.wait_for("Repeat for confirmation")
    term.type("a long passphrase\r")
    assert term.close() == 0
    assert path.read_bytes().startswith(crypto.ENCRYPTED_MAGIC)


def test_the_open_app_does_not_freeze_when_another_fieldkit_encrypts_its_file(
    tmp_path: Path, cheap_kdf: None
) -> None:
    path = tmp_path / "m.json"
    new_mission(path)
    term = Terminal("--db", path)
    term.wait_for("Astana follow-up")
    encrypted = cli_process("encrypt", "--db", path, env={"FIELDKIT_PASSPHRASE": PASS})
    assert encrypted.returncode == 0, encrypted.stderr
    time.sleep(2)  # the app notices the change and cannot read the file any more
    term.type("q")
    assert term.close() == 0  # still answering keys, not waiting at a hidden prompt
