"""What the benchmarks ran on: figures mean little without the machine."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    return "RAM unknown"


def _filesystem(folder: Path) -> str:
    try:
        out = subprocess.run(
            ["df", "--output=fstype", str(folder)], capture_output=True, text=True, check=True
        ).stdout.split()
        return out[-1]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown"


def _version(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        return "not installed"
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.splitlines()[0] if out else "unknown"


def describe(work: Path) -> list[str]:
    from importlib.metadata import version

    import openpyxl
    import orjson
    import textual

    return [
        f"{_cpu()}, {os.cpu_count()} cores, {_memory()}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
        f"Python {sys.version.split()[0]}; textual {textual.__version__}, "
        f"python-docx {version('python-docx')}, openpyxl {openpyxl.__version__}, "
        f"orjson {orjson.__version__}",
        f"pandoc: {_version(['pandoc', '--version'])}",
        f"mission files on {_filesystem(work)} ({work})",
    ]
