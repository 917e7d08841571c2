"""Merging parsed items into a mission: what to add, what to enrich, what is already there.

A pure function of the mission and the parsed items, so the command computes the plan inside
its transaction, against the freshest file. An item matches an existing one by its own id
(a fieldkit CSV row may name it) or UHRI annotation id, else by document symbol + reference,
else (for sources without numbers, like UPR Info) by its normalised text from the same
recommending State in the same review, closest wording first. A match adds what the
existing item lacks (themes, tags, numbers, position) and never overwrites what a delegate or
an earlier import recorded.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.states import canonical_state

#: How close wording must be to count as the same recommendation (0..1).
FUZZY = 0.72

_WORDS = re.compile(r"[^\w]+")
_TRAILING_GROUP = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\s*[;.,]?\s*$")


@dataclasses.dataclass
class Plan:
    added: list[Item] = dataclasses.field(default_factory=list)
    enriched: dict[str, Item] = dataclasses.field(default_factory=dict)
    #: Rows that enriched an item (several rows may enrich one item).
    enriched_rows: int = 0
    skipped: int = 0
    #: State under review -> how many added items are about a State other than the mission's.
    other_states: Counter[str] = dataclasses.field(default_factory=Counter)

    @property
    def records(self) -> list[Item]:
        return [*self.added, *self.enriched.values()]

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.enriched)


def normalised_text(text: str) -> str:
    """Wording for comparison: no leading 'To', no trailing '(State)', no punctuation."""
    body = text.lower()
    while True:
        stripped = _TRAILING_GROUP.sub("", body)
        if stripped == body:
            break
        body = stripped
    body = " ".join(_WORDS.sub(" ", body).split())
    return body.removeprefix("to ")


def symbol_key(item: Item) -> tuple[str, str] | None:
    symbol = "".join(item.document_symbol.split()).upper()
    reference = " ".join(item.reference.split()).lower()
    if not symbol or not reference:
        return None
    return symbol, reference


def _review(item: Item) -> str:
    return canonical_state(item.state_under_review).lower()


def _states(item: Item) -> list[str]:
    return [canonical_state(s).lower() for s in item.recommending_states] or [""]


def _compatible(new: Item, old: Item) -> bool:
    if new.mechanism is not old.mechanism:
        return False
    if symbol_key(new) and symbol_key(old):
        return False  # both numbered: the numbers decide, not the wording
    for field in ("session", "cycle", "year"):
        a, b = getattr(new, field), getattr(old, field)
        if a is not None and b is not None and a != b:
            return False
    return True


def _score(a: list[str], b: list[str]) -> float:
    """Closeness of two wordings (as word lists); a paraphrase inside a joint one counts.

    Word containment is cheap and decides most cases; the word-sequence ratio is computed
    only when its quick upper bounds could still reach the threshold.
    """
    words_a, words_b = set(a), set(b)
    shorter = min(len(words_a), len(words_b))
    contained = len(words_a & words_b) / shorter if shorter >= 6 else 0.0
    if contained >= FUZZY:
        return contained
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY or matcher.quick_ratio() < FUZZY:
        return contained
    return max(contained, matcher.ratio())


def _union(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*old, *new]))


def enrich(old: Item, new: Item) -> Item | None:
    """`old` with what `new` adds to it, or None when it adds nothing."""
    changes: dict[str, Any] = {}
    for field in ("document_symbol", "reference", "state_under_review", "title", "text"):
        if not getattr(old, field) and getattr(new, field):
            changes[field] = getattr(new, field)
    for field in ("cycle", "session", "year", "position"):
        if getattr(old, field) is None and getattr(new, field) is not None:
            changes[field] = getattr(new, field)
    for field in ("themes", "affected_persons", "sdgs", "tags"):
        merged = _union(getattr(old, field), getattr(new, field))
        if merged != getattr(old, field):
            changes[field] = merged
    known = {canonical_state(s) for s in old.recommending_states}
    extra_states = tuple(s for s in new.recommending_states if canonical_state(s) not in known)
    if extra_states:
        changes["recommending_states"] = old.recommending_states + extra_states
    if not old.limbs and new.limbs:
        changes["limbs"] = new.limbs
    if old.source is None and new.source is not None:
        changes["source"] = new.source
    elif old.source and new.source and new.source.annotation_id and not old.source.annotation_id:
        changes["source"] = dataclasses.replace(old.source, annotation_id=new.source.annotation_id)
    return old.touched(**changes) if changes else None


class _Index:
    """The mission's items by each matching key."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.by_annotation: dict[str, str] = {}
        self.by_symbol: dict[tuple[str, str], str] = {}
        self.by_state: dict[tuple[str, str], list[Item]] = defaultdict(list)
        self.ids: set[str] = set()
        self.texts: dict[str, str] = {}
        self.words: dict[str, list[str]] = {}
        for item in items:
            self.add(item)

    def add(self, item: Item) -> None:
        self.ids.add(item.id)
        if item.source and item.source.annotation_id:
            self.by_annotation.setdefault(item.source.annotation_id, item.id)
        key = symbol_key(item)
        if key:
            self.by_symbol.setdefault(key, item.id)
        for state in _states(item):
            self.by_state[(_review(item), state)].append(item)

    def text_of(self, item: Item) -> str:
        found = self.texts.get(item.id)
        if found is None:
            found = self.texts[item.id] = normalised_text(item.text)
        return found

    def words_of(self, item: Item) -> list[str]:
        found = self.words.get(item.id)
        if found is None:
            found = self.words[item.id] = self.text_of(item).split()
        return found

    def exact(self, new: Item) -> str | None:
        if new.id in self.ids:  # a fieldkit CSV row that names its item
            return new.id
        if new.source and new.source.annotation_id in self.by_annotation:
            return self.by_annotation[new.source.annotation_id]
        key = symbol_key(new)
        if key and key in self.by_symbol:
            return self.by_symbol[key]
        wording = ""  # normalised only when an item from the same State could match
        for state in _states(new):
            for old in self.by_state.get((_review(new), state), ()):
                if not _compatible(new, old):
                    continue
                wording = wording or normalised_text(new.text)
                if self.text_of(old) == wording:
                    return old.id
        return None

    def close(self, new: Item) -> list[tuple[float, str, str]]:
        """(score, state, existing id) for every close wording, only for unnumbered sides."""
        wording: list[str] | None = None
        found = []
        for state in _states(new):
            for old in self.by_state.get((_review(new), state), ()):
                if symbol_key(new) and symbol_key(old):
                    continue
                if _compatible(new, old):
                    if wording is None:
                        wording = normalised_text(new.text).split()
                    score = _score(wording, self.words_of(old))
                    if score >= FUZZY:
                        found.append((score, state, old.id))
        return found


def plan(data: MissionData, items: list[Item]) -> Plan:
    """What importing `items` into the mission would do."""
    result = Plan()
    country = canonical_state(data.mission.country) if data.mission else ""
    if country:  # a list without a State under review is about the mission's country
        items = [
            i if i.state_under_review else dataclasses.replace(i, state_under_review=country)
            for i in items
        ]
    index = _Index(data.items.values())
    current: dict[str, Item] = dict(data.items)
    matched: list[tuple[Item, str | None]] = [(new, index.exact(new)) for new in items]
    claimed = {(old_id, state) for new, old_id in matched if old_id for state in _states(new)}
    candidates: list[tuple[float, int, str, str]] = []
    for n, (new, old_id) in enumerate(matched):
        if old_id is None:
            candidates.extend((score, n, state, old) for score, state, old in index.close(new))
    settled: dict[int, str] = {}
    for _score, n, state, old_id in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if n in settled or (old_id, state) in claimed:
            continue
        settled[n] = old_id
        claimed.add((old_id, state))
    for n, (new, old_id) in enumerate(matched):
        old_id = old_id or settled.get(n)
        if old_id is None:
            result.added.append(new)
            if country and new.state_under_review and new.state_under_review != country:
                result.other_states[new.state_under_review] += 1
            continue
        updated = enrich(current[old_id], new)
        if updated is None:
            result.skipped += 1
            continue
        current[old_id] = updated
        result.enriched[old_id] = updated
        result.enriched_rows += 1
    return result
