"""Reading the sources delegates work from into domain objects.

One module per format, each a plain function from a file to items; `detect.detect` names the
format from the content; `merge.plan` decides what items change in a mission, and
`apply.import_file` does the whole import. Format modules are imported when a file is read,
and heavy readers (openpyxl, xlrd, python-docx) only inside the function that opens such a
file, so every other command starts fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from fieldkit.i18n import N_, _
from fieldkit.importers.common import Context, ImportFailed, NoProgress, Parsed, Progress

#: Every format `fieldkit import --format` takes, with what it is.
FORMATS: dict[str, str] = {
    "bundle": N_("fieldkit bundle (JSON)"),
    "csv": N_("fieldkit items CSV template"),
    "upr-info": N_("UPR Info database export"),
    "uhri": N_("UHRI Excel export"),
    "uhri-json": N_("UHRI JSON export"),
    "ohchr-docx": N_("OHCHR thematic list or matrix (Word)"),
}

#: The module that parses each item format.
_MODULES: dict[str, str] = {
    "csv": "csv_template",
    "upr-info": "upr_info",
    "uhri": "uhri",
    "uhri-json": "uhri_json",
    "ohchr-docx": "ohchr_docx",
}


def read_items(
    path: Path, fmt: str, *, author: str = "", progress: Progress | None = None
) -> Parsed:
    """Parse a file of items in format `fmt` (not `bundle`); ImportFailed names every bad row."""
    name = _MODULES.get(fmt)
    if name is None:
        raise ImportFailed(
            path, _("format {format} holds no items to parse").format(format=repr(fmt))
        )
    module = importlib.import_module(f"fieldkit.importers.{name}")
    try:
        parsed: Parsed = module.read(
            Context(path, fmt, author=author, progress=progress or NoProgress())
        )
    except OSError as exc:
        raise ImportFailed(
            path, _("cannot be read: {reason}").format(reason=exc.strerror or exc)
        ) from None
    return parsed


__all__ = ["FORMATS", "ImportFailed", "Parsed", "Progress", "read_items"]
