"""UHRI import of a large "Export to Excel" workbook, against reading it with openpyxl alone.

The workbook is written with openpyxl in the column layout OHCHR's Universal Human Rights
Index exports (its misspelt headers, `- ` multi-value cells, Excel serial dates, the paragraph
number inside the text). Both sides run as whole processes: fieldkit importing it into an
empty mission, and Python opening and reading every cell with openpyxl (read-only mode).
"""

from __future__ import annotations

import random
import shutil
import sys
import uuid
from datetime import date
from pathlib import Path

from bench import generate
from bench.process import FIELDKIT, run
from bench.stats import Samples, paired

HEADERS = (
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
)
BODIES = (
    ("Human Rights Committee", "CCPR/C/KAZ/CO/{n}"),
    ("Committee against Torture", "CAT/C/KAZ/CO/{n}"),
    ("Committee on the Rights of the Child", "CRC/C/KAZ/CO/{n}"),
)

EXCEL_EPOCH = date(1899, 12, 30)

READ_WITH_OPENPYXL = (
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
    "cells = sum(len(row) for row in wb.active.iter_rows(values_only=True))\n"
    "wb.close()\n"
)


def _multi(values: tuple[str, ...]) -> str:
    return "\n".join(f"- {v}" for v in values)


def write_workbook(path: Path, rows: int, seed: int = generate.SEED) -> None:
    """An UHRI-shaped workbook of `rows` recommendations (UPR and treaty bodies)."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    maker = generate._Maker(seed)
    # Not write-only: like Excel and OHCHR's exporter, this records the sheet's dimension.
    wb = Workbook()
    ws = wb.active
    ws.title = "Recommendations"
    ws.append(HEADERS)
    for n in range(rows):
        themes = _multi(maker.some(generate.THEMES, 1, 3))
        persons = _multi(maker.some(generate.PERSONS, 1, 2))
        annotation = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if n % 3:
            cycle, session, year, symbol, paras = generate.UPR_CYCLES[n % 4]
            states = maker.some(generate.STATES, 1, 3)
            ref = f"{paras[n % len(paras)]}.{n + 1}"
            text = f"{ref} {maker.sentence()[:-1]} ({'); ('.join(states)});"
            body, position, upr_session = "UPR", rng.choice(("Supported", "Noted")), session
            state_cell = _multi(states)
        else:
            name, pattern = BODIES[n // 3 % len(BODIES)]
            year = 2010 + n % 8
            symbol = pattern.format(n=n % 4 + 1)
            text = f"{n // 12 + 1}. The State party should {maker.sentence().lower()}"
            body, position, upr_session, state_cell = name, "", None, ""
        ws.append(
            (
                text,
                "- Kazakhstan",
                body,
                symbol,
                themes,
                persons,
                f"- {rng.randint(1, 17)}. Goal",
                (date(year, 3, 1) - EXCEL_EPOCH).days if n % 2 else f"{year}-03-{n % 28 + 1:02d}",
                state_cell,
                position,
                "Recommendation",
                annotation,
                upr_session,
                "- Asia-Pacific States",
                "",
                45000 + n % 300,
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def import_vs_openpyxl(work: Path, rows: int, runs: int) -> tuple[Samples, Samples]:
    """`fieldkit import --format uhri` into an empty mission against openpyxl reading it."""
    book = work / f"uhri-{rows}.xlsx"
    if not book.exists():
        write_workbook(book, rows)
    empty = work / "empty" / "mission.json"
    if not empty.exists():
        run(
            [
                FIELDKIT,
                "init",
                "--name",
                "UHRI import",
                "--country",
                "Kazakhstan",
                "--db",
                str(empty),
            ]
        )
    counter = iter(range(1_000_000))

    def ours() -> float:
        target = work / f"import-{next(counter)}" / "mission.json"
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)
        shutil.copy2(empty, target)
        took = run([FIELDKIT, "import", str(book), "--format", "uhri", "--db", str(target)])
        shutil.rmtree(target.parent, ignore_errors=True)
        return took

    def peer() -> float:
        return run([sys.executable, "-c", READ_WITH_OPENPYXL, str(book)])

    return paired(runs, ours, peer)
