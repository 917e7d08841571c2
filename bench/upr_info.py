"""A genuine UPR Info .xls export (PHPExcel, 8,343 rows) imported, against reading it with xlrd.

Both sides run as whole processes: fieldkit importing the real file into an empty mission,
and Python opening it with xlrd (told, as fieldkit tells it, to ignore the harmless
workbook-corruption flag PHPExcel left) and reading every cell.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench.process import FIELDKIT, run
from bench.stats import Samples, paired

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "tests" / "fixtures" / "real" / "upr-info-export_sessions06-09_phpexcel.xls"

READ_WITH_XLRD = (
    "import io, sys, xlrd\n"
    "book = xlrd.open_workbook(sys.argv[1], logfile=io.StringIO(),"
    " ignore_workbook_corruption=True)\n"
    "sheet = book.sheet_by_index(0)\n"
    "cells = sum(len(sheet.row_values(i)) for i in range(sheet.nrows))\n"
)


def import_vs_xlrd(work: Path, runs: int) -> tuple[Samples, Samples]:
    """`fieldkit import` of the real export into an empty mission against xlrd reading it."""
    empty = work / "empty" / "mission.json"
    if not empty.exists():
        run([FIELDKIT, "init", "--name", "UPR Info", "--country", "China", "--db", str(empty)])
    counter = iter(range(1_000_000))

    def ours() -> float:
        target = work / f"import-{next(counter)}" / "mission.json"
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)
        shutil.copy2(empty, target)
        took = run([FIELDKIT, "import", str(EXPORT), "--db", str(target)])
        shutil.rmtree(target.parent, ignore_errors=True)
        return took

    def peer() -> float:
        return run([sys.executable, "-c", READ_WITH_XLRD, str(EXPORT)])

    return paired(runs, ours, peer)


def read_vs_xlrd_in_process(runs: int) -> tuple[Samples, Samples]:
    """The importer reading the real export into items, against xlrd reading every cell, both
    in one process (no start-up, no mission file): what the importer itself adds to xlrd."""
    import io
    import time

    import xlrd

    from fieldkit.importers import read_items, sheets

    def ours() -> float:
        sheets._LAST_XLS.clear()  # open the workbook every time, as the peer does
        started = time.perf_counter()
        read_items(EXPORT, "upr-info")
        return time.perf_counter() - started

    def peer() -> float:
        started = time.perf_counter()
        book = xlrd.open_workbook(
            str(EXPORT), logfile=io.StringIO(), ignore_workbook_corruption=True
        )
        sheet = book.sheet_by_index(0)
        [sheet.row_values(i) for i in range(sheet.nrows)]
        return time.perf_counter() - started

    return paired(runs, ours, peer)
