"""The institutions and people a delegation meets. Contacts are sensitive."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from fieldkit.domain.records import Record
from fieldkit.domain.vocab import InstitutionType


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Institution(Record):
    TABLE: ClassVar[str] = "institutions"

    name: str
    type: InstitutionType = InstitutionType.OTHER
    parent_id: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Person(Record):
    TABLE: ClassVar[str] = "people"

    name: str
    title: str = ""
    institution_id: str | None = None
    contact: str = ""
