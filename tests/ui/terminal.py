"""The real app in a real terminal: a tmux server of its own, typed into like a person."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from pathlib import Path


class Terminal:
    """One program in its own tmux server (`tmux -L name`), so tests never collide."""

    def __init__(self, name: str) -> None:
        self.socket = name

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def start(self, command: str) -> None:
        # a server killed a moment ago (`close`) may still take a new session down with it
        deadline = time.monotonic() + 10
        while True:
            self.tmux("new-session", "-d", "-s", "app", "-x", "80", "-y", "24", command)
            if self.running() or time.monotonic() > deadline:
                return
            time.sleep(0.2)

    def running(self) -> bool:
        has = ["tmux", "-L", self.socket, "has-session", "-t", "app"]
        return subprocess.run(has, capture_output=True, check=False).returncode == 0

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "app", *(["-l"] if literal else []), *keys)

    def burst(self, *pieces: tuple[str, bool]) -> None:
        """Send every piece (text, literal?) in one tmux command: one burst of bytes."""
        args: list[str] = []
        for text, literal in pieces:
            if args:
                args.append(";")
            args += ["send-keys", "-t", "app", *(["-l"] if literal else []), text]
        self.tmux(*args)

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


def fieldkit_command(mission: Path, config: Path, *extra: str) -> str:
    """The shell command that opens the app on `mission` (author, config and day fixed)."""
    env = {
        "FIELDKIT_AUTHOR": "Test Delegate",
        "XDG_CONFIG_HOME": str(config),
        "TERM": "xterm-256color",
        "FIELDKIT_TODAY": "2017-04-11",
    }
    return " ".join(
        ["env", *(f"{k}={shlex.quote(v)}" for k, v in env.items())]
        + [shlex.quote(sys.executable), "-m", "fieldkit", "--db", shlex.quote(str(mission))]
        + [shlex.quote(e) for e in extra]
    )
