"""What leaves the field: the Word debrief, the thematic factsheet, the NGO follow-up
submission, the UPR mid-term matrix, the OHCHR thematic list and the CSV matrix.

The app and the command line call these functions; each writes its file atomically, readable
by its owner only, and returns the path written. `out` may be a folder, in which case the
file gets its default name there (a path without a suffix counts as a folder, created
when missing). python-docx is imported only when a Word export runs.

    from fieldkit.reports import ExportOptions, export_debrief
    path = export_debrief(store.data(), Path("exports"), ExportOptions(author="A. Delegate"))

Errors a person can fix (a bad date, an unreadable template, a theme with no items, a folder
that cannot be written) are raised as `ReportError` with a message fit to show as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from fieldkit.domain.mission import MissionData
from fieldkit.reports.scope import ExportOptions, ReportError

__all__ = [
    "ExportOptions",
    "ReportError",
    "default_name",
    "export_csv",
    "export_debrief",
    "export_factsheet",
    "export_followup",
    "export_matrix",
    "export_ohchr_list",
]


def default_name(kind: str, theme: str = "") -> str:
    """The file name an export gets in a folder: 'debrief.docx', 'factsheet-torture.docx'."""
    if kind == "factsheet":
        slug = re.sub(r"[^\w]+", "-", theme.lower(), flags=re.UNICODE).strip("-")[:40]
        return f"factsheet-{slug or 'theme'}.docx"
    return {
        "debrief": "debrief.docx",
        "csv": "items-matrix.csv",
        "followup": "followup-submission.docx",
        "matrix": "upr-mid-term-matrix.docx",
        "ohchr-list": "ohchr-thematic-list.docx",
    }[kind]


def _target(out: Path, name: str) -> Path:
    """A folder (existing, or a path without a suffix) gets the default name inside it."""
    return out / name if out.is_dir() or not out.suffix else out


def export_debrief(data: MissionData, out: Path, options: ExportOptions | None = None) -> Path:
    """Write the Word debrief; return its path."""
    from fieldkit.reports.debrief import build_debrief
    from fieldkit.reports.document import save

    built = build_debrief(data, options or ExportOptions())
    return save(built.document, _target(out, default_name("debrief")))


def export_factsheet(
    data: MissionData, out: Path, theme: str, options: ExportOptions | None = None
) -> Path:
    """Write the factsheet on one theme; return its path. No item on the theme: ReportError."""
    from fieldkit.reports.document import save
    from fieldkit.reports.factsheet import build_factsheet

    built = build_factsheet(data, theme, options or ExportOptions())
    return save(built.document, _target(out, default_name("factsheet", theme)))


def export_followup(
    data: MissionData, out: Path, body: str = "CCPR", options: ExportOptions | None = None
) -> Path:
    """Write the NGO follow-up submission on `body`'s paragraphs; return its path."""
    from fieldkit.reports.document import save
    from fieldkit.reports.followup import build_followup

    built = build_followup(data, body, options or ExportOptions())
    return save(built.document, _target(out, default_name("followup")))


def export_matrix(
    data: MissionData, out: Path, cycle: int | None = None, options: ExportOptions | None = None
) -> Path:
    """Write the UPR mid-term matrix (one cycle, or every UPR recommendation)."""
    from fieldkit.reports.document import save
    from fieldkit.reports.matrix import build_matrix

    built = build_matrix(data, cycle, options or ExportOptions())
    return save(built.document, _target(out, default_name("matrix")))


def export_ohchr_list(
    data: MissionData, out: Path, cycle: int | None = None, options: ExportOptions | None = None
) -> Path:
    """Write the OHCHR thematic list with the assessment column filled from the mission."""
    from fieldkit.reports.document import save
    from fieldkit.reports.ohchr_list import build_ohchr_list

    built = build_ohchr_list(data, cycle, options or ExportOptions())
    return save(built.document, _target(out, default_name("ohchr-list")))


def export_csv(data: MissionData, out: Path, options: ExportOptions | None = None) -> Path:
    """Write the CSV matrix (one row per item, its latest response); return its path."""
    from fieldkit.reports.csv_matrix import csv_bytes
    from fieldkit.reports.document import write_bytes

    payload, _ = csv_bytes(data, options or ExportOptions())
    path = _target(out, default_name("csv"))
    write_bytes(path, payload)
    return path
