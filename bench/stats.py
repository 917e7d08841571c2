"""Timing samples and how they are summarised: median, percentiles, spread."""

from __future__ import annotations

import dataclasses
import math
import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclasses.dataclass(frozen=True)
class Samples:
    """Several timings of one thing, in seconds."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        return percentile(list(self.values), 95)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def __len__(self) -> int:
        return len(self.values)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(
    runs: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[Samples, Samples]:
    """Alternate two measurements so that drift on the machine hits both alike."""
    a: list[float] = []
    b: list[float] = []
    for n in range(runs):
        if n % 2:
            b.append(second())
            a.append(first())
        else:
            a.append(first())
            b.append(second())
    return Samples(tuple(a)), Samples(tuple(b))


def fmt_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds * 1000:.1f} ms"


def fmt_samples(s: Samples) -> str:
    """'412 ms (398–447 ms, n=7)': the median, then the range."""
    return f"{fmt_time(s.median)} ({fmt_time(s.low)}–{fmt_time(s.high)}, n={len(s)})"
