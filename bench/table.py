"""Rows of the benchmark table and the BENCHMARKS.md they are written to."""

from __future__ import annotations

import dataclasses
import re

from bench.stats import Samples, fmt_samples, fmt_time

NOT_YET = "not available yet"


@dataclasses.dataclass(frozen=True)
class Row:
    figure: str
    mission: str
    ours: str
    against: str
    peer: str
    ratio: str
    target: str
    result: str
    note: str = ""

    @property
    def missed(self) -> bool:
        return self.result.startswith("MISSED")


def compared(
    figure: str,
    mission: str,
    ours: Samples,
    against: str,
    peer: Samples,
    limit: float,
    *,
    p95: bool = False,
    note: str = "",
) -> Row:
    """A figure against its floor or peer; the ratio of medians (and, with `p95`, of the p95s
    too) must be ≤ limit."""
    if p95:
        ratio = max(ours.median / peer.median, ours.p95 / peer.p95)
        ours_text = f"p50 {fmt_time(ours.median)}, p95 {fmt_time(ours.p95)} (n={len(ours)})"
        peer_text = f"p50 {fmt_time(peer.median)}, p95 {fmt_time(peer.p95)} (n={len(peer)})"
        ratio_text = f"p50 {ours.median / peer.median:.2f}×, p95 {ours.p95 / peer.p95:.2f}×"
    else:
        ratio = ours.median / peer.median
        ours_text, peer_text, ratio_text = fmt_samples(ours), fmt_samples(peer), f"{ratio:.2f}×"
    return Row(
        figure=figure,
        mission=mission,
        ours=ours_text,
        against=against,
        peer=peer_text,
        ratio=ratio_text,
        target=f"≤ {limit:g}×",
        result="met" if ratio <= limit else "MISSED",
        note=note,
    )


def absolute(
    figure: str,
    mission: str,
    ours: Samples,
    limit: float,
    unit: str,
    *,
    stat: str = "p95",
    against: str = "—",
    note: str = "",
) -> Row:
    """A figure against a fixed limit (a frame of 16 ms, 250 MB of memory)."""
    value = ours.p95 if stat == "p95" else ours.median
    if unit == "MB":
        ours_text = f"{value:.0f} MB ({ours.low:.0f}–{ours.high:.0f} MB, n={len(ours)})"
        limit_text = f"≤ {limit:g} MB"
    else:
        ours_text = f"p50 {fmt_time(ours.median)}, p95 {fmt_time(ours.p95)} (n={len(ours)})"
        limit_text = f"{stat} ≤ {fmt_time(limit)}"
    return Row(
        figure=figure,
        mission=mission,
        ours=ours_text,
        against=against,
        peer="—",
        ratio="—",
        target=limit_text,
        result="met" if value <= limit else "MISSED",
        note=note,
    )


def skipped(figure: str, mission: str, against: str, target: str, why: str = NOT_YET) -> Row:
    return Row(figure, mission, "—", against, "—", "—", target, why)


def markdown(
    rows: list[Row], header: list[str], findings: str, machine: list[str], command: str
) -> str:
    lines = [
        "# fieldkit benchmarks",
        "",
        f"Reproduce with `{command}` (from the repository root; writes this file).",
        "",
        *header,
        "",
        *summary(rows),
        "## Machine",
        "",
        *(f"- {m}" for m in machine),
        "",
        "## Figures",
        "",
        "Each figure is measured side by side with its floor or peer in the same run, the two "
        "alternating. Times are the median with the range (fastest–slowest) of n runs; "
        "the ratio is of the medians unless p50/p95 are named.",
        "",
        "| figure | mission | fieldkit | measured against | floor / peer | ratio | target "
        "| result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [table_line(r) for r in rows]
    lines += ["", findings.strip(), ""]
    return "\n".join(lines)


def table_line(r: Row) -> str:
    result = r.result if not r.note else f"{r.result}: {r.note}"
    cells = (r.figure, r.mission, r.ours, r.against, r.peer, r.ratio, r.target, result)
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def parse_line(line: str) -> Row:
    """A row of the written table (its note stays part of its result)."""
    cells = [c.replace("\\|", "|") for c in re.split(r"(?<!\\) \| ", line.strip()[2:-2])]
    return Row(*cells)


def replace_rows(text: str, new: list[Row], findings: str, remark: str) -> str:
    """BENCHMARKS.md with the rows of the same figure and mission measured again, the
    summary counted anew (`remark` after its first line) and the findings as they are now."""
    lines = text.split("\n")
    first = lines.index("|---|---|---|---|---|---|---|---|") + 1
    last = next(n for n in range(first, len(lines)) if not lines[n].startswith("| "))
    old = [parse_line(line) for line in lines[first:last]]
    by_key = {(r.figure, r.mission): r for r in new}
    rows = [by_key.get((r.figure, r.mission), r) for r in old]
    start = next(n for n, line in enumerate(lines) if line.startswith("**"))
    end = next(n for n in range(start, len(lines)) if lines[n].startswith("## Machine"))
    counted = summary(rows)
    counted[0] = f"{counted[0]} {remark}"
    head = lines[:start] + counted + lines[end:first]
    return "\n".join([*head, *(table_line(r) for r in rows), "", findings.strip(), ""])


def summary(rows: list[Row]) -> list[str]:
    """One line per target: met, missed, or not measured yet; the findings say why."""
    judged = [r for r in rows if r.result.startswith(("met", "MISSED"))]
    met = sum(1 for r in judged if r.result.startswith("met"))
    lines = [f"**{met} of {len(judged)} targets met.**"]
    for r in rows:
        if r.missed:
            figure = r.ratio if r.ratio != "—" else r.ours
            lines.append(f"- Missed: {r.figure} [{r.mission}]: {figure}, target {r.target}.")
        elif not r.result.startswith(("met", "info")):
            lines.append(f"- Not measured: {r.figure} [{r.mission}]: {r.result}.")
    lines.append("")
    lines.append(
        "What limits each figure that misses, and the fix proposed, is in the last section."
    )
    return [*lines, ""]
