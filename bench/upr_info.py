"""A genuine UPR Info .xls export (PHPExcel, 8,343 rows) imported, against reading it with xlrd.

Both sides run as whole processes: fieldkit importing the real file into an empty mission,
and Python opening it with xlrd (told, as fieldkit tells it, to ignore the harmless
workbook-corruption flag PHPExcel left) and reading every cell.
"""

from __future__ import annotations

import compileall
import resource
import shutil
import statistics
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


def import_vs_xlrd(work: Path, runs: int) -> tuple[Samples, Samples, str]:
    """`fieldkit import` of the real export into an empty mission against xlrd reading it.

    fieldkit's modules are compiled to bytecode first, as an installed package's are (and
    xlrd's are): an editable install run with PYTHONDONTWRITEBYTECODE would otherwise compile
    every module in every measured process."""
    import fieldkit

    compileall.compile_dir(Path(fieldkit.__file__).parent, quiet=1)
    empty = work / "empty" / "mission.json"
    if not empty.exists():
        run([FIELDKIT, "init", "--name", "UPR Info", "--country", "China", "--db", str(empty)])
    counter = iter(range(1_000_000))

    def ours() -> float:
        target = work / f"import-{next(counter)}" / "mission.json"
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)
        shutil.copy2(empty, target)
        took = timed(cpu[0], [FIELDKIT, "import", str(EXPORT), "--db", str(target)])
        shutil.rmtree(target.parent, ignore_errors=True)
        return took

    def peer() -> float:
        return timed(cpu[1], [sys.executable, "-c", READ_WITH_XLRD, str(EXPORT)])

    cpu: tuple[list[float], list[float]] = ([], [])
    mine, theirs = paired(runs, ours, peer)
    a, b = statistics.median(cpu[0]), statistics.median(cpu[1])
    note = f"CPU time (user + system, median): {a:.2f} s against {b:.2f} s, {a / b:.2f}×"
    return mine, theirs, note


def timed(cpu: list[float], command: list[str]) -> float:
    """`run`, also noting the CPU time (user + system) the process used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    took = run(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return took


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


def main() -> None:
    """Measure the UPR Info rows again and put them in BENCHMARKS.md in place of the old ones
    (`python -m bench.upr_info`); the other rows stay as the last full run wrote them."""
    from datetime import UTC, datetime

    from bench.run import FINDINGS, Bench, Plan
    from bench.table import replace_rows

    work = ROOT / "bench" / "out"
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(Plan.full(), work.resolve())
    bench.upr_info_import()
    out = ROOT / "BENCHMARKS.md"
    remark = (
        f"(the UPR Info rows were measured again on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        "by `python -m bench.upr_info`, on a machine shared with other work)"
    )
    findings = FINDINGS.read_text(encoding="utf-8")
    out.write_text(replace_rows(out.read_text(encoding="utf-8"), bench.rows, findings, remark))
    for row in bench.rows:
        print(f"{row.result:<8} {row.figure}: {row.ours} vs {row.peer} {row.ratio}")


if __name__ == "__main__":
    main()
