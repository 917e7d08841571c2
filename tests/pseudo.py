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
KEY_NAMES = {"esc", "tab", "enter", "pgup", "pgdn", "home", "end", "delete", "shift", "ctrl"}
NEVER_TRANSLATED = {"fieldkit", *KEY_NAMES}
"""Words that stay as they are in every language: the program's name, and the names of keys
(a key is the same key in every language)."""


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


_KEEP = re.compile(
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # ids
    r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?"  # dates and times
    r"|)$"
)
_DATA_LETTERS = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "АБЦДЕФГХИЙКЛМНОПЯРСТУВШХЫЗабцдефгхийклмнопярстувшхыз",
)


def _keys() -> set[str]:
    from fieldkit.domain import grades, vocab

    words: set[str] = {g.value for g in grades.Grade}
    for kind in vars(vocab).values():
        if isinstance(kind, type) and issubclass(kind, vocab.Word) and kind is not vocab.Word:
            words.update(w.value for w in kind)
    return words


def scrambled(value: object, keys: set[str] | None = None) -> object:
    """A mission's JSON with its data in Cyrillic letters: keys, ids and dates kept.

    Shown in the pseudo-language, such a mission leaves on screen no Latin letter of its own,
    so `unmarked()` sees only the words that escaped the catalogue.
    """
    keys = _keys() if keys is None else keys
    if isinstance(value, dict):
        return {k: v if k == "_meta" else scrambled(v, keys) for k, v in value.items()}
    if isinstance(value, list):
        return [scrambled(v, keys) for v in value]
    if isinstance(value, str) and value not in keys and not _KEEP.match(value):
        return value.translate(_DATA_LETTERS)
    return value


def screen_text(svg: str) -> str:
    """The characters of a screen, line by line, from `App.export_screenshot()`."""
    import html

    rows: dict[float, list[str]] = {}
    for y, content in re.findall(r'<text [^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        rows.setdefault(float(y), []).append(html.unescape(content).replace("\xa0", " "))
    return "\n".join("".join(parts) for _y, parts in sorted(rows.items()))
