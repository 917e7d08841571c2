"""Folders fieldkit creates are its owner's only, whatever the umask."""

from __future__ import annotations

import os
from pathlib import Path

OWNER_ONLY = 0o700


def private_folder(folder: Path, parents: bool = True) -> Path:
    """Create `folder` (and its missing parents) as 0700; folders already there are left alone.

    With `parents=False` a missing parent is an error, as with `mkdir`: a pulled USB stick's
    mount point is never made again on the laptop.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        if missing and not parents:
            raise FileNotFoundError(2, "No such file or directory", str(current))
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=OWNER_ONLY)
        except FileExistsError:
            continue
        os.chmod(path, OWNER_ONLY)  # mkdir's mode is masked by the umask
    if not folder.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(folder))
    return folder
