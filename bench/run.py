"""The benchmark command: build the missions, measure every figure, write BENCHMARKS.md.

.venv/bin/python -m bench              the full run (a few minutes)
.venv/bin/python -m bench --smoke      a tiny mission and one or two runs (for the tests)
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench import generate, machine, process, save
from bench.table import Row, compared, markdown, skipped

ROOT = Path(__file__).resolve().parent.parent
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
        return cls(1.0, 40, 10, 5, 40, 3, 10_000, 3, "large (5,000 items)")

    @classmethod
    def smoke(cls) -> Plan:
        return cls(0.01, 3, 1, 1, 3, 1, 50, 1, "tiny (smoke run)")


class Bench:
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
            return [compared(figure, label, ours, against, peer, 1.3)]

        self.attempt(skipped(figure, label, against, "≤ 1.3×"), measure)

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
        for path, label in missions:
            self.note_save(path, label)
        for path, label in missions:
            self.note_add(path, label)


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
    text = markdown(bench.rows, header, findings, machine.describe(args.work), command)
    args.out.write_text(text, encoding="utf-8")
    bench.log(f"wrote {args.out}")
    for row in bench.rows:
        print(f"{row.result:<8} {row.figure} [{row.mission}]: {row.ours} vs {row.peer} {row.ratio}")
