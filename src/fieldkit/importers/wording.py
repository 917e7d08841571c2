"""How close two wordings of one recommendation are, per recommending State.

A numbered UN recommendation may gather several States' wordings under one number:
"186.1. Ratify ICCPR (Albania); Ratify ICCPR and CPED (Chile); ...". UPR Info keeps one row
per State with that State's own wording, so a row is compared with the part of the numbered
text its State said, which lets short recommendations ("Ratify ICCPR") match exactly.
Wording is compared with rapidfuzz, loaded only when two wordings are compared.
"""

from __future__ import annotations

import functools
import re

from fieldkit.domain.items import Item
from fieldkit.domain.states import canonical_state, is_state

#: How close wording must be to count as the same recommendation (0..100).
THRESHOLD = 72.0

_WORDS = re.compile(r"[^\w]+")
_TRAILING_GROUP = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\s*[;.,]?\s*$")
_PART = re.compile(r"(?P<text>(?:[^()]|\([^()]*\))*?)\((?P<states>[^()]+)\)\s*[;.,]?")


@functools.lru_cache(maxsize=65536)
def normalised(text: str) -> str:
    """Wording for comparison: no leading 'To', no trailing '(State)', no punctuation."""
    body = text.lower()
    while True:
        stripped = _TRAILING_GROUP.sub("", body)
        if stripped == body:
            break
        body = stripped
    body = " ".join(_WORDS.sub(" ", body).split())
    return body.removeprefix("to ")


@functools.lru_cache(maxsize=4096)
def parts_by_state(text: str) -> dict[str, list[str]]:
    """Each State's own wording inside a numbered text, normalised: 'A (X); B (Y)' ->
    {'x': ['a'], 'y': ['b']}; empty when the text names no State in parentheses. Shared
    between calls: not to be changed."""
    out: dict[str, list[str]] = {}
    for match in _PART.finditer(text):
        names = [n for n in re.split(r"\s*[,;]\s*", match["states"]) if is_state(n)]
        wording = normalised(match["text"])
        if not names or not wording:
            continue
        for name in names:
            out.setdefault(canonical_state(name).lower(), []).append(wording)
    return out


def closeness(row: str, numbered: Item, state: str) -> tuple[float, int]:
    """How closely (0..100) a row's normalised wording from `state` matches a numbered item,
    and which of that State's wordings in it (a State may say two things under one number)."""
    parts = parts_by_state(numbered.text).get(state)
    wordings = parts or [normalised(numbered.text)]
    return max((_score(row, wording), -n) for n, wording in enumerate(wordings))


def _score(a: str, b: str) -> float:
    if a == b:
        return 100.0
    if not a or not b:
        return 0.0
    from rapidfuzz import fuzz

    score = fuzz.ratio(a, b)
    if min(len(a.split()), len(b.split())) >= 6:  # a paraphrase inside a joint one counts
        score = max(score, fuzz.token_set_ratio(a, b))
    return float(score)
