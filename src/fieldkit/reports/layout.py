"""Measures for laying out a document: column widths from content, the longest text printed.

Plain functions on strings, with no python-docx: widths are in twentieths of a point (twips),
the unit of a Word table's grid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: The most characters of one text (a note, a remark) a document carries: a pasted book
#: would make thousands of pages, and XML parsers refuse a text node over 10 MB.
TEXT_LIMIT = 1_000_000

# Characters of the body font at 11 pt, generously (a reader's Word may substitute a wider
# font): small letters, capitals and digits (a word must fit); then an average character of
# running text, and a cell's margins.
_SMALL = 165
_WIDE = 200
_CHAR = 140
_PAD = 260
# A word longer than this may break: a URL or a long symbol must not take a whole page.
_LONGEST_WORD = 22
_LONGEST_LINE = 400
# Where a word may break: after a hyphen or slash followed by a small letter ('Counter-',
# 'terrorism'); never inside a reference ('CCPR-24', 'A/HRC/28/10').
_BREAK = re.compile(r"(?<=[/\-–])(?=[a-z])")


def within_limit(text: str) -> str:
    """`text`, or its first TEXT_LIMIT characters and a line saying what was left out."""
    if len(text) <= TEXT_LIMIT:
        return text
    rest = len(text) - TEXT_LIMIT
    return (
        f"{text[:TEXT_LIMIT]}\n[Cut here for this document: the other {rest:,} characters of "
        f"this text are in the mission file. A document carries at most {TEXT_LIMIT:,} "
        "characters of one text.]"
    )


def _word_width(token: str) -> int:
    token = token[:_LONGEST_WORD]
    return sum(_SMALL if c.islower() or c in ".,;:()'’-" else _WIDE for c in token)


def _measure(column: Sequence[str]) -> tuple[int, int]:
    """(longest word in twips, longest line in characters) of a column."""
    word, line = _SMALL, 1
    for n, cell in enumerate(column):
        bold = 110 if n == 0 else 100  # the header row is in bold
        for text_line in cell.splitlines() or [""]:
            if n:  # a header wraps between its words: only the body asks for room
                line = max(line, min(len(text_line), _LONGEST_LINE))
            for token in (t for word in text_line.split() for t in _BREAK.split(word)):
                word = max(word, _word_width(token) * bold // 100)
    return word, line


def column_widths(rows: Sequence[Sequence[str]], total: int) -> list[int]:
    """Widths for a table of `rows` (the header first) filling `total` twips.

    Every column is at least as wide as its longest word, so Word never breaks one; the
    space left goes to the columns with most text. When even the words do not fit, the
    columns shrink in proportion.
    """
    columns = list(zip(*rows, strict=True)) if rows else []
    if not columns:
        return []
    measured = [_measure(column) for column in columns]
    least = [word + _PAD for word, _ in measured]
    natural = [
        max(line * _CHAR + _PAD, low) for (_, line), low in zip(measured, least, strict=True)
    ]
    if sum(least) >= total:
        return _scaled(least, total)
    if sum(natural) <= total:
        return _scaled(natural, total)
    spare = total - sum(least)
    wants = [n - low for n, low in zip(natural, least, strict=True)]
    share = sum(wants)
    widths = [low + spare * want // share for low, want in zip(least, wants, strict=True)]
    widths[-1] += total - sum(widths)
    return widths


def _scaled(widths: list[int], total: int) -> list[int]:
    whole = sum(widths)
    out = [w * total // whole for w in widths]
    out[-1] += total - sum(out)
    return out
