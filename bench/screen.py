"""Time to the first painted screen, in a real pseudo-terminal, for any command.

The clock starts when the process is spawned and stops when the terminal output, with its
escape sequences removed, first contains a marker text from the screen's content: imports,
reading the file, composing and painting all count, for fieldkit and its peer alike.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

from bench.process import env

_ESCAPES = re.compile(rb"\x1b(\[[0-9;?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-B]|.)")


class NoPaint(RuntimeError):
    pass


def visible_text(raw: bytes) -> bytes:
    return _ESCAPES.sub(b"", raw)


def first_paint(
    command: Sequence[str],
    marker: str,
    size: tuple[int, int] = (120, 40),
    timeout: float = 60,
    then: tuple[bytes, str] | None = None,
) -> float:
    """Seconds from spawning `command` in a terminal of `size` until `marker` is on screen.

    With `then` (keys, marker), the keys are typed once the first marker shows, and the clock
    runs on until the second marker shows too.
    """
    cols, lines = size
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, cols, 0, 0))
    environ = env()
    environ.update({"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(lines)})
    wanted = marker.encode()
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(command),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environ,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise NoPaint(f"{marker!r} not on screen after {timeout:.0f} s")
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                tail = visible_text(seen)[-200:].decode(errors="replace")
                raise NoPaint(f"the process ended before {marker!r} was shown: {tail!r}")
            seen += chunk
            if wanted in visible_text(seen):
                if then is None:
                    return time.perf_counter() - start
                keys, marker = then
                then, wanted, seen = None, marker.encode(), b""
                os.write(master, keys)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
