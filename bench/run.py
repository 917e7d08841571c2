"""The benchmark command: build the missions, measure every figure, write BENCHMARKS.md.

.venv/bin/python -m bench              the full run (a few minutes)
.venv/bin/python -m bench --smoke      a tiny mission and one or two runs (for the tests)
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import importlib.util
import json
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench import (
    bare,
    generate,
    machine,
    markdown,
    memory,
    merge,
    process,
    save,
    screen,
    stats,
    uhri,
    upr_info,
)
from bench.table import Row, absolute, compared, skipped
from bench.table import markdown as page

ROOT = Path(__file__).resolve().parent.parent
#: What the filter benchmark types, a key at a time, then deletes.
QUERIES = ("freedom of association", "95.4", "zhanaozen", "torture", "defenders")
FINDINGS = Path(__file__).with_name("findings.md")


@dataclasses.dataclass(frozen=True)
class Plan:
    """How much to measure: the full run, or a smoke run on a tiny mission."""

    scale: float
    save_runs: int
    process_runs: int
    screen_runs: int
    keystrokes: int
    doc_runs: int
    uhri_rows: int
    uhri_runs: int
    label: str

    @classmethod
    def full(cls) -> Plan:
        return cls(1.0, 60, 15, 7, 40, 5, 10_000, 5, "large (5,000 items)")

    @classmethod
    def smoke(cls) -> Plan:
        return cls(0.01, 3, 1, 1, 3, 1, 50, 1, "tiny (smoke run)")


class Bench:
    """Runs the figures in order on the missions and collects their rows."""

    def __init__(self, plan: Plan, work: Path) -> None:
        self.plan = plan
        self.work = work
        self.rows: list[Row] = []

    def log(self, text: str) -> None:
        print(f"[{datetime.now(UTC):%H:%M:%S}] {text}", file=sys.stderr, flush=True)

    def fresh_copy(self, source: Path, name: str) -> Path:
        """A copy of a mission file that one benchmark may change (its backups apart)."""
        folder = self.work / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        target = folder / source.name
        shutil.copy2(source, target)
        return target

    def attempt(self, fallback: Row, measure: Callable[[], list[Row]]) -> None:
        """Measure some rows; a failure becomes a row that says what failed, never a crash."""
        started = time.perf_counter()
        try:
            rows = measure()
        except Exception as exc:  # a benchmark that breaks must not hide the others
            traceback.print_exc()
            reason = f"failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            rows = [dataclasses.replace(fallback, result=reason)]
        self.rows.extend(rows)
        self.log(f"{fallback.figure}: {time.perf_counter() - started:.1f} s")

    # -- the figures ----------------------------------------------------------------------

    def note_save(self, mission: Path, label: str) -> None:
        figure = "durable save of one note (in process)"
        against = "floor: orjson of the same tree + atomic write + fsync"

        def measure() -> list[Row]:
            ours, floor = save.note_save(self.fresh_copy(mission, "save"), self.plan.save_runs)
            return [compared(figure, label, ours, against, floor, 1.5, p95=True)]

        self.attempt(skipped(figure, label, against, "≤ 1.5×"), measure)

    def note_add(self, mission: Path, label: str) -> None:
        figure = "`fieldkit note add` (whole process)"
        against = "`fieldkit --help`"

        def measure() -> list[Row]:
            from fieldkit.storage.repository import Store

            path = self.fresh_copy(mission, "cli")
            meeting = Store(path).data().meetings_in_order[0].id
            ours, peer = process.note_add_vs_help(path, meeting, self.plan.process_runs)
            floor = process.rewrite_floor(path, self.plan.process_runs)
            note = (
                f"a bare Python process that only reads, parses, rewrites and fsyncs this file "
                f"takes {stats.fmt_time(floor.median)} ({floor.median / peer.median:.2f}× "
                "`--help`)"
            )
            return [compared(figure, label, ours, against, peer, 1.3, note=note)]

        self.attempt(skipped(figure, label, against, "≤ 1.3×"), measure)

    def note_add_extra(self, large: Path, label: str, demo: Path) -> None:
        """What `note add` pays for a large mission over the demo, against what any process
        pays for the same difference: reading, parsing, re-serialising and fsyncing it."""
        figure = "`fieldkit note add`: extra cost of the large mission over the demo"
        against = "floor: the same extra cost for a bare read, parse, rewrite and fsync"

        def measure() -> list[Row]:
            from fieldkit.storage.repository import Store

            runs = self.plan.process_runs
            adds, floors = [], []
            for path in (self.fresh_copy(large, "cli"), self.fresh_copy(demo, "cli-demo")):
                meeting = Store(path).data().meetings_in_order[0].id
                adds.append(process.note_add_vs_help(path, meeting, runs)[0])
                floors.append(process.rewrite_floor(path, runs))
            ours = stats.Samples(tuple(a - adds[1].median for a in adds[0].values))
            floor = stats.Samples(tuple(f - floors[1].median for f in floors[0].values))
            note = (
                f"note add: {stats.fmt_time(adds[0].median)} large, "
                f"{stats.fmt_time(adds[1].median)} demo; floor: "
                f"{stats.fmt_time(floors[0].median)} large, {stats.fmt_time(floors[1].median)} demo"
            )
            return [compared(figure, label, ours, against, floor, 1.5, note=note)]

        self.attempt(skipped(figure, label, against, "≤ 1.5×"), measure)

    def items_search(self, mission: Path, label: str) -> None:
        figure = "`fieldkit items --search torture --json` (whole process)"
        against = "`fieldkit --help`"

        def measure() -> list[Row]:
            path = self.fresh_copy(mission, "search")
            ours, peer = process.items_search_vs_help(path, self.plan.process_runs)
            return [compared(figure, label, ours, against, peer, 1.5)]

        self.attempt(skipped(figure, label, against, "≤ 1.5×"), measure)

    def first_screen(self, mission: Path, label: str, encrypted: Path | None = None) -> None:
        """fieldkit's first screen against a bare DataTable app reading the same (plain) file.

        With `encrypted`, fieldkit opens that encrypted copy instead (key derivation included).
        """
        figure = "app first screen (in a terminal, 120×40)"
        if encrypted is not None:
            figure = "encrypted file: " + figure + ", key derivation included"
        against = "bare Textual app: a DataTable of the same items"
        if not available("fieldkit.ui.app"):
            self.rows.append(skipped(figure, label, against, "≤ 1.5×"))
            return

        def measure() -> list[Row]:
            from fieldkit.storage.repository import Store

            data = Store(mission).data()
            first = data.priorities[0].short_ref if data.priorities else None
            ours_marker = first or (data.mission.name if data.mission else "fieldkit")
            ours_cmd = [process.FIELDKIT, "--db", str(encrypted or mission)]
            bare_cmd = [sys.executable, "-m", "bench.bare", str(mission)]
            bare_marker = bare.rows(mission)[0][0]
            screen.first_paint(ours_cmd, ours_marker), screen.first_paint(bare_cmd, bare_marker)
            ours, peer = stats.paired(
                self.plan.screen_runs,
                lambda: screen.first_paint(ours_cmd, ours_marker),
                lambda: screen.first_paint(bare_cmd, bare_marker),
            )
            note = f"to the dashboard showing {ours_marker!r} vs the table showing {bare_marker!r}"
            row = compared(figure, label, ours, against, peer, 1.5, note=note)
            if encrypted is not None:
                return [info(row)]
            # The same, on to the items browser listing every item: `/` once the dashboard shows.
            listing = (b"/", f"of {len(data.items)} items")
            browser, peer2 = stats.paired(
                self.plan.screen_runs,
                lambda: screen.first_paint(ours_cmd, ours_marker, then=listing),
                lambda: screen.first_paint(bare_cmd, bare_marker),
            )
            second = compared(
                "app first screen, then `/` to the items browser listing every item",
                label,
                browser,
                against,
                peer2,
                1.5,
                note=f"until the browser's status line shows {listing[1]!r}",
            )
            return [row, second]

        self.attempt(skipped(figure, label, against, "≤ 1.5×"), measure)

    def keystroke(self, mission: Path, label: str) -> None:
        figure = "filter keystroke → items table updated (Pilot, headless)"
        if not available("fieldkit.ui.screens.items"):
            self.rows.append(skipped(figure, label, "one frame", "p95 ≤ 16 ms"))
            return

        def measure() -> list[Row]:
            queries = [q[: self.plan.keystrokes] for q in QUERIES]
            found: dict[str, list[float]] = {"work": [], "tick_wait": []}
            for query in queries:
                done = subprocess.run(
                    [sys.executable, "-m", "bench.keystroke", str(mission), query],
                    capture_output=True,
                    text=True,
                    env=process.env(),
                    check=False,
                )
                if done.returncode != 0:
                    err = done.stderr.strip().splitlines()
                    raise RuntimeError(err[-1] if err else f"exit {done.returncode}")
                one = json.loads(done.stdout.strip().splitlines()[-1])
                found["work"] += one["work"]
                found["tick_wait"] += one["tick_wait"]
            work = stats.Samples(tuple(found["work"]))
            tick = stats.Samples(tuple(found["tick_wait"]))
            note = (
                f"{len(queries)} queries typed a key at a time, then deleted; apart, the wait "
                "for Textual's next paint (its screen-update timer): "
                f"p50 {stats.fmt_time(tick.median)}, p95 {stats.fmt_time(tick.p95)}"
            )
            return [absolute(figure, label, work, 0.016, "s", against="one frame", note=note)]

        self.attempt(skipped(figure, label, "one frame", "p95 ≤ 16 ms"), measure)

    def debrief(self, mission: Path, label: str) -> None:
        figure = "Word debrief (`fieldkit export debrief`, whole process)"
        against = "pandoc: a Markdown file of the same content → .docx"
        if not available("fieldkit.reports.debrief"):
            self.rows.append(skipped(figure, label, against, "≤ 1.5×"))
            return
        if shutil.which("pandoc") is None:
            self.rows.append(skipped(figure, label, against, "≤ 1.5×", "pandoc not installed"))
            return

        def measure() -> list[Row]:
            from fieldkit.storage.repository import Store

            folder = self.fresh_copy(mission, "debrief").parent
            path = folder / mission.name
            source = folder / "debrief.md"
            source.write_text(markdown.debrief(Store(path).data()), encoding="utf-8")
            ours_cmd = [process.FIELDKIT, "export", "debrief", "--db", str(path)]
            ours_cmd += ["--out", str(folder / "debrief.docx")]
            pandoc_cmd = ["pandoc", str(source), "-o", str(folder / "pandoc.docx")]
            ours, peer = stats.paired(
                self.plan.doc_runs,
                lambda: process.run(ours_cmd),
                lambda: process.run(pandoc_cmd),
            )
            size = source.stat().st_size
            shown = f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} KB"
            note = f"the Markdown is {shown}; confidential content left out on both sides"
            return [compared(figure, label, ours, against, peer, 1.5, note=note)]

        self.attempt(skipped(figure, label, against, "≤ 1.5×"), measure)

    def merge_copies(self, mission: Path, label: str) -> None:
        figure = "merge two copies with 500 changes each (in process)"
        against = "reading both files (bytes + JSON)"

        def measure() -> list[Row]:
            changes = 500 if self.plan.scale >= 1 else 20
            source = self.fresh_copy(mission, "merge-source")
            ours, floor = merge.merge_vs_read(source, self.plan.doc_runs, changes)
            note = f"{changes} changes in each copy, some to the same fields; saved durably"
            return [compared(figure, label, ours, against, floor, 2.0, note=note)]

        self.attempt(skipped(figure, label, against, "≤ 2×"), measure)

    def uhri_import(self) -> None:
        rows = self.plan.uhri_rows
        figure = f"UHRI import of {rows:,} rows (`fieldkit import`, whole process)"
        against = "reading the same workbook with openpyxl alone (read-only mode)"
        label = "empty mission"
        if not available("fieldkit.importers.uhri"):
            self.rows.append(skipped(figure, label, against, "≤ 2×"))
            return

        def measure() -> list[Row]:
            ours, peer = uhri.import_vs_openpyxl(self.work / "uhri", rows, self.plan.uhri_runs)
            return [compared(figure, label, ours, against, peer, 2.0)]

        self.attempt(skipped(figure, label, against, "≤ 2×"), measure)

    def upr_info_import(self) -> None:
        figure = "UPR Info .xls import of 8,343 real rows (`fieldkit import`, whole process)"
        against = "reading the same workbook with xlrd alone"
        label = "empty mission"
        if not upr_info.EXPORT.exists():
            self.rows.append(skipped(figure, label, against, "≤ 3×"))
            return

        def measure() -> list[Row]:
            runs = self.plan.uhri_runs * 2  # a short command: more runs on a shared machine
            ours, peer, cpu = upr_info.import_vs_xlrd(self.work / "upr-info", runs)
            return [compared(figure, label, ours, against, peer, 3.0, note=cpu)]

        def reading() -> list[Row]:
            ours, peer = upr_info.read_vs_xlrd_in_process(self.plan.uhri_runs * 2)
            note = "the importer's own reading: cells to items, no start-up, no mission file"
            return [compared(inner, "—", ours, against + " (in process)", peer, 3.0, note=note)]

        inner = "UPR Info .xls of 8,343 real rows read into items (in process)"
        self.attempt(skipped(figure, label, against, "≤ 3×"), measure)
        self.attempt(skipped(inner, "—", against, "≤ 3×"), reading)

    def memory_use(self, mission: Path, label: str) -> None:
        figure = "memory (peak RSS)"
        runs = 3 if self.plan.scale >= 1 else 1

        def store_row() -> list[Row]:
            found = memory.measure("store", mission, runs)
            note = "store opened, every record loaded and every index built"
            return [absolute(figure, label, found, 250, "MB", stat="median", note=note)]

        self.attempt(skipped(figure, label, "—", "≤ 250 MB"), store_row)
        if not available("fieldkit.ui.app"):
            self.rows.append(skipped(figure + ", app", label, "—", "≤ 250 MB"))
            return

        def app_row() -> list[Row]:
            found = memory.measure("app", mission, runs)
            note = "the app headless at 120×40: dashboard, then `/` (items browser)"
            return [absolute(figure + ", app", label, found, 250, "MB", stat="median", note=note)]

        self.attempt(skipped(figure + ", app", label, "—", "≤ 250 MB"), app_row)

    def encrypted(self, mission: Path, label: str) -> None:
        """The same saves on an encrypted copy, and the key derivation on its own."""
        figure = "encrypted file: "
        if not available("fieldkit.storage.crypto") or not hasattr(
            importlib.import_module("fieldkit.storage.crypto"), "SealedCodec"
        ):
            self.rows.append(skipped(figure + "note save", label, "—", "(none)"))
            return

        path = self.fresh_copy(mission, "encrypted")

        def measure() -> list[Row]:
            process.run([process.FIELDKIT, "encrypt", "--db", str(path)])
            kdf = save.key_derivation(path, max(1, self.plan.doc_runs))
            ours, floor = save.encrypted_note_save(path, self.plan.save_runs)
            meeting = save.first_meeting(path)
            add, help_ = process.note_add_vs_help(path, meeting, self.plan.process_runs)
            return [
                dataclasses.replace(
                    absolute("key derivation (scrypt, once per process)", label, kdf, 1, "s"),
                    target="(none)",
                    result="info",
                    note="paid once by every process that opens the encrypted file",
                ),
                info(
                    compared(
                        figure + "durable save of one note (in process, key derived)",
                        label,
                        ours,
                        "floor: orjson + AES-GCM of the same tree + atomic write + fsync",
                        floor,
                        1.5,
                        p95=True,
                    )
                ),
                info(
                    compared(
                        figure + "`fieldkit note add` (whole process, key derivation included)",
                        label,
                        add,
                        "`fieldkit --help`",
                        help_,
                        1.3,
                    )
                ),
            ]

        self.attempt(skipped(figure + "note save", label, "—", "(none)"), measure)
        if path.read_bytes().startswith(b"FIELDKIT-ENCRYPTED"):
            self.first_screen(mission, label, encrypted=path)

    # -- the run --------------------------------------------------------------------------

    def missions(self) -> list[tuple[Path, str]]:
        large = self.work / "large.json"
        self.log(f"generating the {self.plan.label} mission")
        for stale in self.work.glob("large.json*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        generate.generate(large, self.plan.scale)
        found = [(large, self.plan.label)]
        demo = self.demo()
        if demo is not None:
            found.append((demo, "demo"))
        return found

    def demo(self) -> Path | None:
        """The bundled demo mission, when this build has one."""
        path = self.work / "demo" / "mission.json"
        shutil.rmtree(path.parent, ignore_errors=True)
        path.parent.mkdir(parents=True)
        try:
            process.run([process.FIELDKIT, "demo", "--no-open", "--db", str(path)])
        except process.CommandFailed as exc:
            self.log(f"no demo mission: {exc}")
            return None
        return path

    def run(self) -> None:
        missions = self.missions()
        large, label = missions[0]
        for path, name in missions:
            self.note_save(path, name)
        for path, name in missions:
            self.note_add(path, name)
        if len(missions) > 1:
            self.note_add_extra(large, label, missions[1][0])
        self.items_search(large, label)
        # These targets are set for the large mission; on the demo they are for information.
        for figure in (self.first_screen, self.keystroke, self.debrief):
            figure(large, label)
            for path, name in missions[1:]:
                self.for_information(lambda: figure(path, name))  # noqa: B023 (called now)
        self.uhri_import()
        self.merge_copies(large, label)
        self.upr_info_import()
        self.memory_use(large, label)
        for path, name in missions[1:]:
            self.for_information(lambda: self.memory_use(path, name))  # noqa: B023
        self.encrypted(large, label)

    def for_information(self, measure: Callable[[], None]) -> None:
        """Measure rows whose target is set for the large mission: shown, not judged."""
        first = len(self.rows)
        measure()
        self.rows[first:] = [
            info(row, "the target is set for the large mission")
            if row.result.startswith(("met", "MISSED"))
            else row
            for row in self.rows[first:]
        ]


def available(module: str) -> bool:
    """Whether this build has the module a figure needs (others are still being written)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def info(row: Row, why: str = "the targets apply to plaintext files") -> Row:
    """A row measured for information: its target is shown in brackets, not judged."""
    return dataclasses.replace(
        row,
        target=f"({row.target})",
        result=f"info ({row.result.lower()}; {why})",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Measure fieldkit against its floors and peers.")
    parser.add_argument("--smoke", action="store_true", help="a tiny mission, one run each")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "BENCHMARKS.md", help="where to write the table"
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / "bench" / "out", help="folder for mission files"
    )
    args = parser.parse_args(argv)
    plan = Plan.smoke() if args.smoke else Plan.full()
    args.work.mkdir(parents=True, exist_ok=True)
    bench = Bench(plan, args.work.resolve())
    started = time.perf_counter()
    bench.run()
    took = time.perf_counter() - started
    command = ".venv/bin/python -m bench" + (" --smoke" if args.smoke else "")
    header = [
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; the whole run took {took / 60:.1f} min.",
        f"Missions: {plan.label}, generated by `bench/generate.py` with a fixed seed; "
        "`demo` is `fieldkit demo`.",
    ]
    findings = FINDINGS.read_text(encoding="utf-8") if FINDINGS.exists() else ""
    text = page(bench.rows, header, findings, machine.describe(args.work), command)
    args.out.write_text(text, encoding="utf-8")
    bench.log(f"wrote {args.out}")
    for row in bench.rows:
        print(f"{row.result:<8} {row.figure} [{row.mission}]: {row.ours} vs {row.peer} {row.ratio}")
