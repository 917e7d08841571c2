"""Peak memory (RSS) with the large mission open, each way measured in a fresh process.

    python -m bench.memory store MISSION.json    the store, its records and every index
    python -m bench.memory app MISSION.json      the app, headless, on the dashboard and then
                                                 the items browser
Prints the process's peak resident set size in MB.
"""

from __future__ import annotations

import asyncio
import resource
import subprocess
import sys
from pathlib import Path

from bench.process import env
from bench.stats import Samples


def peak_mb() -> float:
    """This process's peak RSS. VmHWM, not getrusage: ru_maxrss survives exec, so a child
    would report its parent's peak if that were higher."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_store(path: Path) -> None:
    from fieldkit.storage.repository import Store

    data = Store(path).data()
    for item in data.items.values():
        data.responses_for(item.id)
        data.notes_for(item.id)
    for meeting in data.meetings_in_order:
        data.notes_in(meeting.id)
        data.responses_in(meeting.id)
    data.priorities  # noqa: B018 (built on first use)


async def open_app(path: Path) -> None:
    from fieldkit.storage.repository import Store
    from fieldkit.ui.app import make_app

    app = make_app(Store(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("slash")
        await pilot.pause(0.5)


def measure(mode: str, path: Path, runs: int) -> Samples:
    """Peak RSS in MB of `runs` fresh processes opening the mission `mode`'s way."""
    values = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-m", "bench.memory", mode, str(path)],
            capture_output=True,
            text=True,
            env=env(),
            check=False,
        )
        if done.returncode != 0:
            err = done.stderr.strip().splitlines()
            raise RuntimeError(err[-1] if err else f"exit {done.returncode}")
        values.append(float(done.stdout.strip().splitlines()[-1]))
    return Samples(tuple(values))


if __name__ == "__main__":
    mode, mission = sys.argv[1], Path(sys.argv[2])
    if mode == "app":
        asyncio.run(open_app(mission))
    else:
        open_store(mission)
    print(f"{peak_mb():.1f}")
