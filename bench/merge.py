"""Merging two copies of a mission that parted, each with its own changes, against reading
both files.

Each copy gets `changes` changes of its own (notes edited, notes added, stances changed,
notes deleted), a few of them to the same fields, so the merge meets conflicts too. The
floor reads both files as the merge must: bytes from disk and JSON parsed into the tree.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from pathlib import Path

from bench.stats import Samples, paired
from fieldkit.domain.meetings import Note, Response
from fieldkit.domain.vocab import NoteKind, Stance
from fieldkit.storage.merge import merge
from fieldkit.storage.mission_file import MissionFile
from fieldkit.storage.repository import Store


def diverge(path: Path, changes: int, side: int) -> None:
    """Make `changes` changes to one copy in one save; `side` picks which records."""
    store = Store(path)
    with store.transaction() as tx:
        data = tx.data
        notes = sorted(data.notes.values(), key=lambda n: n.id)
        responses = sorted(data.responses.values(), key=lambda r: r.id)
        meeting = data.meetings_in_order[side].id
        quarter = changes // 4
        mine = notes[side::2]
        edited = [n.touched(text=f"{n.text} (seen by {side})") for n in mine[:quarter]]
        added = [
            Note(meeting_id=meeting, kind=NoteKind.STATEMENT, text=f"New {side}/{n}")
            for n in range(quarter)
        ]
        stances = (Stance.ACCEPTS, Stance.REJECTS)
        changed: list[Response] = [
            dataclasses.replace(r, stance=stances[side]) for r in responses[:quarter]
        ]
        tx.put(*edited, *added, *changed)
        for note in mine[quarter : quarter + changes - 3 * quarter]:
            tx.delete(Note, note.id)


def merge_vs_read(source: Path, runs: int, changes: int = 500) -> tuple[Samples, Samples]:
    """(merging copy B into a fresh copy A, reading both files) over `runs` alternating runs."""
    folder = source.parent / "merge"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    a, b = folder / "a" / source.name, folder / "b" / source.name
    for n, path in enumerate((a, b)):
        path.parent.mkdir()
        shutil.copy(source, path)
        diverge(path, changes, n)
    work = folder / "work" / source.name
    work.parent.mkdir()

    def ours() -> float:
        shutil.rmtree(work.parent)
        work.parent.mkdir()
        shutil.copy(a, work)
        with work.open("rb+") as handle:  # the copy's own writing is not the merge's
            os.fsync(handle.fileno())
        start = time.perf_counter()
        merge(Store(work), [b])
        return time.perf_counter() - start

    def floor() -> float:
        start = time.perf_counter()
        for path in (a, b):
            MissionFile(path).tree()
        return time.perf_counter() - start

    ours(), floor()
    result = paired(runs, ours, floor)
    shutil.rmtree(folder, ignore_errors=True)
    return result
