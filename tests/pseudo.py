"""The pseudo-language check: any English word outside its marks escaped the catalogue.

Run fieldkit with `FIELDKIT_LANG=xx-pseudo`, take what a person would read (a command's
output, a screen's text, a document's paragraphs) and pass it to `unmarked()`; the data of the
mission (recommendation texts, names) is passed as `data`, since data is never translated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fieldkit.i18n import CLOSE_MARK, OPEN_MARK

_INNERMOST = re.compile(f"{re.escape(OPEN_MARK)}[^{OPEN_MARK}{CLOSE_MARK}]*{re.escape(CLOSE_MARK)}")
_CUT = re.compile(f"{re.escape(OPEN_MARK)}[^{CLOSE_MARK}\n]*$", re.M)
_WORD = re.compile(r"[A-Za-z]{2,}")
NEVER_TRANSLATED = {"fieldkit"}
"""Words that stay as they are in every language: the program's name."""


def unmarked(text: str, data: Iterable[str] = ()) -> list[str]:
    """The English words in `text` that no catalogue message marked."""
    for value in sorted(data, key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    while True:
        stripped = _INNERMOST.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    text = _CUT.sub(" ", text)  # a message cut short to fit ("Créåté thé...") lost its end mark
    return [word for word in _WORD.findall(text) if word not in NEVER_TRANSLATED]
