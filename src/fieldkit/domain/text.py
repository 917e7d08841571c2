"""Cleaning text that arrives from PDFs, spreadsheets and terminals."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls; also lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """Text safe for XML and terminals: control characters become spaces or go.

    A carriage return, vertical tab or form feed becomes a line break; other controls go.
    """
    text = (
        text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    )
    return _CONTROL.sub("", text)


def squash(text: str) -> str:
    """One line, single spaces: for table cells and one-line summaries."""
    return " ".join(clean(text).split())


def shorten(text: str, width: int) -> str:
    line = squash(text)
    return line if len(line) <= width else line[: max(width - 1, 0)].rstrip() + "…"


def counted(n: int, singular: str, plural: str = "") -> str:
    """'1 person', '3 people', '1 note', '2 notes'."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
