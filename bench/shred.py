"""How long `fieldkit shred --yes` takes on the encrypted large mission, and what is left.

The large mission (5,000 items, 10,000 notes: about 12 MB) is generated, encrypted, saved ten
more times (ten backups of 12 MB each) and exported as CSV and as an encrypted bundle. Then
`fieldkit shred --yes` runs as its own process, timed from start to exit; afterwards every
file left in the folder, and a hard link to the mission file made beforehand (the same bytes
on disk, as a copy fieldkit does not know of would be), is searched for note text.

    python -m bench.shred [--folder /tmp/shred-bench] [--scale 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.crash import FIELDKIT
from bench.generate import generate

PASSPHRASE = "shred bench passphrase"
FRAGMENT = "Zhanaozen shred fragment"


def _fieldkit(args: list[str], env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run([*FIELDKIT, *args], capture_output=True, text=True, env=env, cwd=cwd)
    if done.returncode != 0:
        raise SystemExit(f"fieldkit {args[0]} failed: {done.stderr.strip()}")


def prepare(folder: Path, scale: float) -> Path:
    path = folder / "data" / "mission.json"
    generate(path, scale)
    env = os.environ | {"FIELDKIT_PASSPHRASE": PASSPHRASE, "FIELDKIT_BUNDLE_PASSPHRASE": PASSPHRASE}
    _fieldkit(["encrypt", "--db", str(path)], env, folder)
    from fieldkit.storage.repository import Store

    meeting = next(iter(Store(path, lambda: PASSPHRASE).data().meetings))
    for n in range(10):
        note = ["note", "add", "--db", str(path), "--meeting", meeting, "--kind", "statement"]
        _fieldkit([*note, f"{FRAGMENT} {n}"], env, folder)
    _fieldkit(["export", "csv", "--db", str(path)], env, folder)
    _fieldkit(["export", "bundle", "--encrypt", "--db", str(path)], env, folder)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="fieldkit-shred-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = prepare(folder, args.scale)
    outside = folder / "copy-by-hard-link"
    os.link(path, outside)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    started = time.monotonic()
    done = subprocess.run(
        [*FIELDKIT, "shred", "--yes", "--db", str(path)], capture_output=True, text=True, cwd=folder
    )
    seconds = time.monotonic() - started
    left = [p for p in folder.rglob("*") if p.is_file()]
    readable = [str(p) for p in left if FRAGMENT.encode() in p.read_bytes()]
    print(
        json.dumps(
            {
                "bytes_before": size,
                "exit": done.returncode,
                "seconds": round(seconds, 2),
                "files_left": [str(p.relative_to(folder)) for p in left],
                "note_text_readable_in": readable,
                "said": done.stderr.strip().splitlines(),
            },
            indent=2,
        )
    )
    sys.exit(0 if done.returncode == 0 and not readable else 1)


if __name__ == "__main__":
    main()
