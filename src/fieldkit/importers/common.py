"""What every importer shares: the import's context, its row problems and its progress.

Importers are plain functions from a file to domain objects. They never stop at the first bad
row: every problem is collected with its row number, and `ImportFailed` carries them all, so
a delegate fixes the file once rather than once per error.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Protocol

from fieldkit.domain.items import Item, Source
from fieldkit.domain.records import now_iso
from fieldkit.i18n import _, ngettext


class ImportFailed(Exception):
    """The file cannot be imported; nothing was written. Carries every bad row."""

    def __init__(
        self, path: Path, message: str, problems: tuple[str, ...] = (), *, named: bool = False
    ) -> None:
        super().__init__(message if named else f"{path.name}: {message}")
        self.path = path
        self.problems = problems


class Progress(Protocol):
    """Told how many rows there are, then of each row read."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int = 1) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass


class Ids:
    """Random (version 4) UUIDs as `uuid.uuid4` makes them, drawn from the system's random
    source in batches: an import of thousands of rows asks the kernel a few times, not once
    per row."""

    BATCH = 1024
    #: The hex digit that starts a UUID's fourth group: its variant bits are 10 (RFC 4122).
    _VARIANT = {f"{n:x}": f"{8 | n & 3:x}" for n in range(16)}

    def __init__(self) -> None:
        self._ready: list[str] = []

    def __call__(self) -> str:
        if not self._ready:
            self._ready = self._batch()
        return self._ready.pop()

    def _batch(self) -> list[str]:
        h, v = os.urandom(16 * self.BATCH).hex(), self._VARIANT
        return [
            f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-4{h[i + 13 : i + 16]}-"
            f"{v[h[i + 16]]}{h[i + 17 : i + 20]}-{h[i + 20 : i + 32]}"
            for i in range(0, 32 * self.BATCH, 32)
        ]


@dataclasses.dataclass(frozen=True)
class Context:
    """One import: the file, its format, when, by whom; it stamps every parsed item."""

    path: Path
    format: str
    imported_at: str = dataclasses.field(default_factory=now_iso)
    author: str = ""
    progress: Progress = dataclasses.field(default_factory=NoProgress)
    #: A new item's id.
    new_id: Ids = dataclasses.field(default_factory=Ids)

    def source(self, row: int | None, annotation_id: str = "") -> Source:
        return Source(
            file=self.path.name,
            row=row,
            imported_at=self.imported_at,
            format=self.format,
            annotation_id=annotation_id,
        )


class Problems:
    """Bad rows met while parsing, each as 'row N: what is wrong'."""

    def __init__(self, unit: str = "row") -> None:
        self.unit = unit
        self.lines: list[str] = []

    def add(self, row: int, message: str) -> None:
        line = (
            _("record {number}: {problem}")
            if self.unit == "record"
            else _("row {number}: {problem}")
        )
        self.lines.append(line.format(number=row, problem=message))

    def raise_if_any(self, path: Path, total: int) -> None:
        if not self.lines:
            return
        rows = len({line.split(":", 1)[0] for line in self.lines})
        raise ImportFailed(
            path,
            self._bad(rows).format(count=rows, total=total),
            tuple(self.lines),
        )

    def _bad(self, rows: int) -> str:
        if self.unit == "record":
            return ngettext(
                "{count} of {total} records is bad; nothing was imported",
                "{count} of {total} records are bad; nothing was imported",
                rows,
            )
        return ngettext(
            "{count} of {total} rows is bad; nothing was imported",
            "{count} of {total} rows are bad; nothing was imported",
            rows,
        )


@dataclasses.dataclass
class Parsed:
    """What a file holds, as items ready to merge into a mission."""

    format: str
    items: list[Item]
    rows: int
    #: What the reader had to guess ("encoding: Mac Roman (guessed)"), for the report.
    guesses: list[str] = dataclasses.field(default_factory=list)
