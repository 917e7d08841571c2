"""Items a mission follows up: recommendations, pledges and questions, with their limbs."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from fieldkit.domain.grades import Grade
from fieldkit.domain.records import Record, Value
from fieldkit.domain.vocab import AssessorKind, Implementation, ItemKind, Mechanism, Position


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Limb(Value):
    """A lettered sub-part of a treaty-body paragraph, e.g. label '(b)'."""

    label: str
    text: str = ""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Source(Value):
    """Where an item was imported from."""

    file: str = ""
    row: int | None = None
    imported_at: str = ""
    format: str = ""
    annotation_id: str = ""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Assessment(Value):
    """An assessment made outside the mission (a follow-up grade, a mid-term review)."""

    assessor: AssessorKind = AssessorKind.OTHER
    document: str = ""
    date: str = ""
    grade: Grade | None = None
    implementation: Implementation | None = None
    limbs: str = ""
    text: str = ""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Item(Record):
    TABLE: ClassVar[str] = "items"

    kind: ItemKind = ItemKind.RECOMMENDATION
    mechanism: Mechanism = Mechanism.UPR
    document_symbol: str = ""
    reference: str = ""
    cycle: int | None = None
    session: int | None = None
    year: int | None = None
    state_under_review: str = ""
    recommending_states: tuple[str, ...] = ()
    position: Position | None = None
    text: str = ""
    title: str = ""
    limbs: tuple[Limb, ...] = ()
    themes: tuple[str, ...] = ()
    affected_persons: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()
    source: Source | None = None
    related_ids: tuple[str, ...] = ()
    priority: int | None = None
    tags: tuple[str, ...] = ()
    assessments: tuple[Assessment, ...] = ()

    @property
    def short_ref(self) -> str:
        """The reference a delegate types: '95.42' for the UPR, 'CCPR-24' for a paragraph."""
        if self.mechanism is Mechanism.UPR or not self.reference.startswith("para "):
            return self.reference
        return f"{self.mechanism.value}-{self.reference.removeprefix('para ')}"

    @property
    def source_name(self) -> str:
        """Who issued it: the recommending States for the UPR, else the mechanism."""
        if self.recommending_states:
            return ", ".join(self.recommending_states)
        return self.mechanism.label

    def limb(self, label: str) -> Limb | None:
        wanted = normalise_limb_label(label)
        return next((lb for lb in self.limbs if normalise_limb_label(lb.label) == wanted), None)

    def latest_assessment(self) -> Assessment | None:
        dated = sorted(self.assessments, key=lambda a: a.date)
        return dated[-1] if dated else None


def normalise_limb_label(label: str) -> str:
    """'b', '(b)', ' (B) ' are one limb."""
    return label.strip().strip("()").strip().lower()
