"""Merging parsed items into a mission: what to add, what to enrich, what is already there.

A pure function of the mission and the parsed items, so the command computes the plan inside
its transaction, against the freshest file. The result does not depend on the order the
files come in:

- An item matches an existing one by its own id (a fieldkit CSV row may name it), its UHRI
  annotation id, or its document symbol + number.
- Rows without a number (UPR Info: one row per recommending State) stay one item per row;
  an exact copy of a row already there adds nothing. They gather under a number only when a
  numbered source (UHRI, an OHCHR list or matrix, a bundle) says so: a row joins the numbered
  item that lists its State and whose wording from that State is closest (see `wording`),
  one row per State and number. When the numbered item arrives after the rows, it takes the
  place of those rows' items, whose notes, responses and actions then point at it.
- A match adds what the item lacks (themes, tags, States, position) and never overwrites
  what a delegate or an earlier import recorded.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.domain.states import canonical_state
from fieldkit.importers import index as keys
from fieldkit.importers import repoint
from fieldkit.importers.wording import THRESHOLD, closeness, normalised


@dataclasses.dataclass
class Plan:
    added: list[Item] = dataclasses.field(default_factory=list)
    enriched: dict[str, Item] = dataclasses.field(default_factory=dict)
    #: Rows that enriched an item (several rows may enrich one item).
    enriched_rows: int = 0
    #: Rows already in the mission, or exact copies of a row above them in the same import.
    skipped: int = 0
    #: Rows of the import that joined a numbered item the same import adds.
    gathered: int = 0
    #: Items that turned out to be one numbered recommendation: removed id -> id kept.
    removed: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Notes, responses, actions, meetings and items pointed from a removed item to the kept.
    repointed: list[Record] = dataclasses.field(default_factory=list)
    #: Rows without a number added although numbered items of their review are there.
    unmatched: list[Item] = dataclasses.field(default_factory=list)
    #: State under review -> how many added items are about a State other than the mission's.
    other_states: Counter[str] = dataclasses.field(default_factory=Counter)

    @property
    def records(self) -> list[Record]:
        return [*self.added, *self.enriched.values(), *self.repointed]

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.enriched) + len(self.removed)


# Kept for callers that compare wordings the way the merge does.
normalised_text = normalised


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
    extra_states = tuple(
        dict.fromkeys(
            canonical_state(s) for s in new.recommending_states if canonical_state(s) not in known
        )
    )
    if extra_states:
        changes["recommending_states"] = old.recommending_states + extra_states
    if not old.limbs and new.limbs:
        changes["limbs"] = new.limbs
    if old.source is None and new.source is not None:
        changes["source"] = new.source
    elif old.source and new.source and new.source.annotation_id and not old.source.annotation_id:
        changes["source"] = dataclasses.replace(old.source, annotation_id=new.source.annotation_id)
    return old.touched(**changes) if changes else None


def _row_order(item: Item) -> tuple[str, int]:
    """Rows by file and row number; rows without either keep the order they came in."""
    row = item.source.row if item.source and item.source.row is not None else 0
    return (item.source.file if item.source else "", row)


def plan(data: MissionData, items: list[Item]) -> Plan:
    """What importing `items` into the mission would do."""
    result = Plan()
    country = canonical_state(data.mission.country) if data.mission else ""
    if country:  # a list without a State under review is about the mission's country
        items = [
            i if i.state_under_review else dataclasses.replace(i, state_under_review=country)
            for i in items
        ]
    index = keys.Index(data.items.values())
    current: dict[str, Item] = dict(data.items)
    fresh = _fresh(result, current, index, items)
    rows: list[Item] = []
    numbered: list[Item] = []
    for item in fresh:
        (numbered if keys.numbered(item) else rows).append(item)
    pairs = _pairs(index, rows, numbered)
    _settle(result, current, index, fresh, pairs, country)
    for record in repoint.records(data, result.removed):
        if isinstance(record, Item) and record.id in result.enriched:
            kept = result.enriched[record.id]
            result.enriched[record.id] = dataclasses.replace(kept, related_ids=record.related_ids)
        elif record.id not in result.removed:
            result.repointed.append(record)
    return result


def _fresh(
    result: Plan, current: dict[str, Item], index: keys.Index, items: list[Item]
) -> list[Item]:
    """The items that are in the mission in no form yet; the others enrich what they match.

    Exact copies of a row collapse, and two numbered sources of one import that give the same
    number (a matrix and a UHRI export of one review) make one item.
    """
    fresh: list[Item] = []
    seen: set[tuple[Any, ...]] = set()
    among_fresh = keys.Index(())
    for new in items:
        key = keys.row_key(new)
        if key in seen:
            result.skipped += 1  # an exact copy of a row above it
            continue
        seen.add(key)
        old_id = index.exact(new) if index.ids else None  # nothing to match in an empty mission
        if old_id is not None:
            _fold(result, current, old_id, new)
            continue
        twin = among_fresh.exact(new) if keys.numbered(new) else None
        if twin is None:
            fresh.append(new)
            among_fresh.add(new, wording=False)  # only numbered items are looked up in it
            continue
        position = next(n for n, i in enumerate(fresh) if i.id == twin)
        fresh[position] = enrich(fresh[position], new) or fresh[position]
        result.gathered += 1
    return fresh


def _fold(result: Plan, current: dict[str, Item], old_id: str, new: Item) -> None:
    updated = enrich(current[old_id], new)
    if updated is None:
        result.skipped += 1
        return
    current[old_id] = updated
    result.enriched[old_id] = updated
    result.enriched_rows += 1


Candidate = tuple[float, Item, tuple[str, int], Item]


def _candidates(rows: Iterable[Item], numbered: Iterable[Item]) -> list[Candidate]:
    """(closeness, row, (State, its wording), numbered item) for every row close enough."""
    found = []
    by_state: dict[str, list[Item]] = defaultdict(list)
    for item in numbered:
        for state in keys.states(item):
            by_state[state].append(item)
    for row in rows:
        text = normalised(row.text)
        for state in keys.states(row):
            for item in [*by_state.get(state, ()), *by_state.get("", ())]:
                if keys.compatible(row, item):
                    score, part = closeness(text, item, state)
                    if score >= THRESHOLD:
                        found.append((score, row, (state, -part), item))
    return found


def _pairs(index: keys.Index, rows: list[Item], numbered: list[Item]) -> dict[str, Item]:
    """Row id -> the numbered item it belongs to: closest first, one row per State and number.

    New rows meet every numbered item of their review; new numbered items also meet the rows
    already in the mission. Ties are broken by wording, never by the order of the files.
    """
    candidates: list[Candidate] = []
    rows_by_review: dict[str, list[Item]] = defaultdict(list)
    numbered_by_review: dict[str, list[Item]] = defaultdict(list)
    for row in rows:
        rows_by_review[keys.review(row)].append(row)
    for item in numbered:
        numbered_by_review[keys.review(item)].append(item)
    for review, mine in rows_by_review.items():
        known = [*index.numbered.get(review, ()), *numbered_by_review.get(review, ())]
        if known:
            candidates += _candidates(mine, known)
    for review, new_numbered in numbered_by_review.items():
        candidates += _candidates(index.unnumbered.get(review, ()), new_numbered)
    candidates.sort(key=lambda c: (-c[0], normalised(c[1].text), c[2], c[3].reference, c[1].id))
    paired: dict[str, Item] = {}
    taken: set[tuple[str, tuple[str, int]]] = set()
    for _score, row, state, item in candidates:
        slot = (item.id, state)
        if row.id in paired or slot in taken:
            continue
        paired[row.id] = item
        taken.add(slot)
    return paired


def _settle(
    result: Plan,
    current: dict[str, Item],
    index: keys.Index,
    fresh: list[Item],
    pairs: dict[str, Item],
    country: str,
) -> None:
    """Apply the pairs: each numbered item gathers its rows; the rest are added as they are."""
    gathered: dict[str, list[Item]] = defaultdict(list)
    if pairs:
        for row in [*current.values(), *fresh]:  # in the order they came
            if row.id in pairs:
                gathered[pairs[row.id].id].append(row)
    new_ids = {i.id for i in fresh}
    others: list[str] = []
    for new in fresh:
        if new.id in pairs:
            continue
        if new.id in gathered:
            rows = sorted(gathered[new.id], key=_row_order)
            old_rows = [r for r in rows if r.id not in new_ids]
            if old_rows:
                _replace(result, current, new, old_rows, rows)
                continue
            for row in rows:
                new = enrich(new, row) or new
            result.gathered += len(rows)
        result.added.append(new)
        if new.state_under_review != country:
            others.append(new.state_under_review)
    if country:
        result.other_states.update(state for state in others if state)
    for item_id, rows in gathered.items():
        if item_id in index.ids:  # a numbered item already in the mission gathers rows
            for row in sorted(rows, key=_row_order):
                _fold(result, current, item_id, row)
    numbered_reviews = {r for r, found in index.numbered.items() if found}
    numbered_reviews |= {keys.review(i) for i in fresh if keys.numbered(i)}
    alone = [i for i in result.added if not keys.numbered(i)]
    alone += [
        i
        for review in numbered_reviews
        for i in index.unnumbered.get(review, ())
        if i.id not in pairs and i.id not in result.removed and i.id not in result.enriched
    ]
    result.unmatched = sorted(
        (i for i in alone if keys.review(i) in numbered_reviews), key=_row_order
    )


def _replace(
    result: Plan, current: dict[str, Item], numbered: Item, old_rows: list[Item], rows: list[Item]
) -> None:
    """A numbered item arriving after its rows takes the first row's place; the others go."""
    kept = old_rows[0]
    merged = dataclasses.replace(
        numbered, id=kept.id, created_at=kept.created_at, author=kept.author or numbered.author
    ).touched()
    for row in rows:
        merged = enrich(merged, row) or merged
    merged = dataclasses.replace(  # what delegates gave the rows' items stays
        merged,
        priority=next((r.priority for r in old_rows if r.priority is not None), merged.priority),
        related_ids=_union(merged.related_ids, tuple(i for r in old_rows for i in r.related_ids)),
        assessments=tuple(
            dict.fromkeys([*merged.assessments, *(a for r in old_rows for a in r.assessments)])
        ),
    )
    for row in old_rows[1:]:
        result.removed[row.id] = kept.id
        current.pop(row.id, None)
    current[kept.id] = merged
    result.enriched[kept.id] = merged
    result.enriched_rows += 1 + len(rows) - len(old_rows)
