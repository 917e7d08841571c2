"""Measures for laying out a document: column widths from content, the longest text printed.

Plain functions on strings, with no python-docx: widths are in twentieths of a point (twips),
the unit of a Word table's grid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fieldkit.i18n import _, current

#: The most characters of one text (a note, a remark) a document carries: a pasted book
#: would make thousands of pages, and XML parsers refuse a text node over 10 MB.
TEXT_LIMIT = 1_000_000

# Characters of the body font at 11 pt, generously (a reader's Word may substitute a wider
# font than the template's): narrow, wide, capital or digit, and other small letters; and
# a cell's margins with some slack.
_NARROW = frozenset("fijlrt.,;:'’()-/|!")
_WIDEST = frozenset("mwMW")
_NARROW_W, _WIDEST_W, _CAPITAL_W, _SMALL_W = 80, 215, 175, 135
# Cyrillic small letters run wider than Latin ones ('поддержана' against 'supported').
_CYRILLIC_WIDEST = frozenset("жшщыюмфЖШЩЫЮМФ")
_CYRILLIC_SMALL_W = 150
_PAD = 280
# A word longer than this may break: a URL must not take a whole table.
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
    note = _(
        "[Cut here for this document: the other {rest} characters of this text are in the "
        "mission file. A document carries at most {limit} characters of one text.]"
    ).format(rest=format_number(rest), limit=format_number(TEXT_LIMIT))
    return f"{text[:TEXT_LIMIT]}\n{note}"


def format_number(n: int) -> str:
    """A count as the document's language writes it: 1,000,000; 1 000 000."""
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=current().babel_locale))


def _char_width(c: str) -> int:
    if c in _NARROW:
        return _NARROW_W
    if c in _WIDEST or c in _CYRILLIC_WIDEST:
        return _WIDEST_W
    if not c.islower():
        return _CAPITAL_W
    return _CYRILLIC_SMALL_W if "\u0400" <= c <= "\u04ff" else _SMALL_W


def _line_width(text: str) -> int:
    """A line's width; a space is a narrow character."""
    return sum(_NARROW_W if c == " " else _char_width(c) for c in text)


def _word_width(token: str) -> int:
    return sum(_char_width(c) for c in token[:_LONGEST_WORD])


def _measure(column: Sequence[str]) -> tuple[int, int]:
    """(longest word, longest line) of a column, in twips."""
    word, line = _SMALL_W, 1
    for n, cell in enumerate(column):
        bold = 115 if n == 0 else 100  # the header row is in bold, and bold is wider
        for text_line in cell.splitlines() or [""]:
            if n:  # a header wraps between its words: only the body asks for room
                line = max(line, _line_width(text_line[:_LONGEST_LINE]))
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
    natural = [max(line + _PAD, low) for (_, line), low in zip(measured, least, strict=True)]
    if sum(least) >= total:
        return _scaled(least, total)
    if sum(natural) <= total:
        return _scaled(natural, total)
    return _fill(least, natural, total)


def shared_widths(rows: Sequence[Sequence[str]], shares: Sequence[int], total: int) -> list[int]:
    """Widths in the proportions of a layout to copy, each column widened to its longest
    word when needed, the others giving up the difference in proportion."""
    least = [word + _PAD for word, _ in (_measure(c) for c in zip(*rows, strict=True))]
    if sum(least) >= total:
        return _scaled(least, total)
    widths = _scaled(list(shares), total)
    short = sum(max(low - w, 0) for low, w in zip(least, widths, strict=True))
    give = [max(w - low, 0) for low, w in zip(least, widths, strict=True)]
    room = sum(give)
    widths = [
        max(w, low) - (short * g // room if room else 0)
        for low, w, g in zip(least, widths, give, strict=True)
    ]
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def _fill(least: list[int], natural: list[int], total: int) -> list[int]:
    """From the least widths, give the space left first to the columns that need little to
    hold their text on one line (a date, a status), then to the others in proportion to
    how much text they hold."""
    widths = list(least)
    spare = total - sum(widths)
    wanting = [n for n in range(len(widths)) if widths[n] < natural[n]]
    while spare > 0 and wanting:
        fair = spare // len(wanting)
        modest = [n for n in wanting if natural[n] - widths[n] <= fair]
        if not modest:
            weight = sum(natural[n] for n in wanting)
            for n in wanting:
                widths[n] += min(spare * natural[n] // weight, natural[n] - widths[n])
            break
        for n in modest:
            spare -= natural[n] - widths[n]
            widths[n] = natural[n]
        wanting = [n for n in wanting if n not in modest]
    # What is left goes to the column with the most text.
    widths[natural.index(max(natural))] += total - sum(widths)
    return widths


def _scaled(widths: list[int], total: int) -> list[int]:
    whole = sum(widths)
    out = [w * total // whole for w in widths]
    out[-1] += total - sum(out)
    return out
