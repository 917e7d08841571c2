"""Reading the sources delegates work from into domain objects.

One module per format, each a plain function from a file to items; `merge.plan` decides what
they change in a mission. Heavy readers (openpyxl, xlrd, python-docx) are imported only
inside the function that opens such a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fieldkit.importers import csv_template, ohchr_docx, uhri, uhri_json, upr_info
from fieldkit.importers.common import Context, ImportFailed, NoProgress, Parsed, Progress
from fieldkit.importers.detect import detect

#: Every format `fieldkit import --format` takes, with what it is.
FORMATS: dict[str, str] = {
    "bundle": "fieldkit bundle (JSON)",
    "csv": "fieldkit items CSV template",
    "upr-info": "UPR Info database export",
    "uhri": "UHRI Excel export",
    "uhri-json": "UHRI JSON export",
    "ohchr-docx": "OHCHR thematic list of recommendations (Word)",
}

_READERS: dict[str, Callable[[Context], Parsed]] = {
    csv_template.FORMAT: csv_template.read,
    upr_info.FORMAT: upr_info.read,
    uhri.FORMAT: uhri.read,
    uhri_json.FORMAT: uhri_json.read,
    ohchr_docx.FORMAT: ohchr_docx.read,
}


def read_items(
    path: Path, fmt: str, *, author: str = "", progress: Progress | None = None
) -> Parsed:
    """Parse a file of items in format `fmt` (not `bundle`); ImportFailed names every bad row."""
    reader = _READERS.get(fmt)
    if reader is None:
        raise ImportFailed(path, f"format {fmt!r} holds no items to parse")
    try:
        return reader(Context(path, fmt, author=author, progress=progress or NoProgress()))
    except OSError as exc:
        raise ImportFailed(path, f"cannot be read: {exc.strerror or exc}") from None


__all__ = ["FORMATS", "ImportFailed", "Parsed", "Progress", "detect", "read_items"]
