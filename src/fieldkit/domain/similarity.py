"""Which items likely raise the same concern: word overlap weighted by rarity (TF-IDF cosine).

UPR recommendations and treaty-body paragraphs on one concern share telling words
("torture", "detention", "prosecutor") but little phrasing, so a bag of rare words is a
better guide than edit distance. Pure and fast: an inverted index built once per mission.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from fieldkit.domain.items import Item

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)

# Words every recommendation uses; they say nothing about the concern.
_STOP_TEXT = """
the and for with that this from into its their there these those such other which while
also been being have has had are was were will would shall should could can may might must
all any each every more most not nor but per upon within without between through during
including include includes ensure ensuring take taking adopt adopting continue continuing
consider considering further necessary measures measure steps step efforts effort state
states party parties country national government order view recommend recommends
recommendation recommendations committee urges calls encourages invites requests
notes concern concerned particular particularly regard regarding line accordance
well them they who whom whose what when where how
"""
STOPWORDS = frozenset(_STOP_TEXT.split())


def words(text: str) -> list[str]:
    """Lower-case content words, crudely stemmed so 'prisons' meets 'prison'."""
    out = []
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS:
            continue
        out.append(_stem(word))
    return out


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def item_text(item: Item) -> str:
    return " ".join([item.title, item.text, *(limb.text for limb in item.limbs), *item.themes])


class SimilarityIndex:
    """Items as weighted word vectors, with an inverted index for quick neighbours."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.items: dict[str, Item] = {i.id: i for i in items}
        counts = {iid: Counter(words(item_text(item))) for iid, item in self.items.items()}
        df: Counter[str] = Counter()
        for c in counts.values():
            df.update(c.keys())
        n = max(len(counts), 1)
        # words in more than a tenth of the items say little and cost the most to follow
        self.common = max(50, n // 10)
        self.idf = {w: math.log((1 + n) / (1 + d)) + 1.0 for w, d in df.items()}
        self.vectors: dict[str, dict[str, float]] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)
        for iid, c in counts.items():
            vec = {w: (1 + math.log(tf)) * self.idf[w] for w, tf in c.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            self.vectors[iid] = {w: v / norm for w, v in vec.items()}
            for w in vec:
                self.postings[w].append(iid)

    def score(self, a: str, b: str) -> float:
        va, vb = self.vectors.get(a, {}), self.vectors.get(b, {})
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(v * vb.get(w, 0.0) for w, v in va.items())

    def similar(
        self, item: Item, limit: int = 10, other_mechanisms: bool = True, minimum: float = 0.05
    ) -> list[tuple[Item, float]]:
        """The items most like `item`, best first; by default only from other mechanisms."""
        vec = self.vectors.get(item.id)
        if vec is None:
            vec = _unit({w: self.idf.get(w, 1.0) for w in words(item_text(item))})
        ranked = self._ranked(item, vec, other_mechanisms, minimum, skip_common=True)
        if not ranked:  # only common words in common: follow them after all
            ranked = self._ranked(item, vec, other_mechanisms, minimum, skip_common=False)
        ranked.sort(key=lambda pair: (-pair[1], pair[0].reference))
        return ranked[:limit]

    def _ranked(
        self,
        item: Item,
        vec: dict[str, float],
        other_mechanisms: bool,
        minimum: float,
        skip_common: bool,
    ) -> list[tuple[Item, float]]:
        scores: dict[str, float] = defaultdict(float)
        for w, v in vec.items():
            posting = self.postings.get(w, ())
            if skip_common and len(posting) > self.common:
                continue
            for posted in posting:
                scores[posted] += v * self.vectors[posted][w]
        ranked: list[tuple[Item, float]] = []
        for other_id, score in scores.items():
            other = self.items[other_id]
            if other_id == item.id or score < minimum:
                continue
            if other_mechanisms and other.mechanism is item.mechanism:
                continue
            ranked.append((other, score))
        return ranked


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}
