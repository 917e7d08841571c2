"""Which format a file is in, from its content rather than its name.

A zip is a workbook or a Word document; an old Office file is an .xls workbook; JSON is a
bundle or a UHRI export; text is a CSV whose header tells UPR Info, UHRI and fieldkit apart.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from fieldkit.i18n import N_, _
from fieldkit.importers import csv_template, uhri, upr_info
from fieldkit.importers.common import ImportFailed
from fieldkit.importers.sheets import decode_text, kind_of, read_sheet
from fieldkit.storage.bundle import is_sealed_bundle

_KNOWN = N_("a fieldkit bundle or CSV, a UPR Info export, a UHRI export or an OHCHR thematic list")


def from_header(header: list[str]) -> str | None:
    if upr_info.looks_like(header):
        return upr_info.FORMAT
    if uhri.looks_like(header):
        return uhri.FORMAT
    if csv_template.looks_like(header):
        return csv_template.FORMAT
    return None


def detect(path: Path) -> str:
    """The format name, or ImportFailed saying what the file is not."""
    with path.open("rb") as stream:
        head = stream.read(65536)
    if not head.strip():
        raise ImportFailed(path, _("is empty"))
    if is_sealed_bundle(head):
        return "bundle"
    kind = kind_of(head)
    if kind == "xlsx":
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportFailed(
                path, _("is a damaged zip file (Excel or Word): {reason}").format(reason=exc)
            ) from None
        if "word/document.xml" in names:
            return "ohchr-docx"
        if "xl/workbook.xml" not in names:
            raise ImportFailed(path, _("is a zip archive but neither an Excel nor a Word file"))
    elif kind == "csv":
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xls", ".docx"):
            if suffix == ".docx":
                wrong = _("is not a Word document: its content is not in the {suffix} format")
            else:
                wrong = _("is not an Excel workbook: its content is not in the {suffix} format")
            raise ImportFailed(path, wrong.format(suffix=suffix))
        text = decode_text(
            path, head, _("text, JSON or an Office file ({formats})").format(formats=_(_KNOWN))
        ).lstrip()
        if text.startswith(("{", "[")):
            if '"fieldkit-bundle"' in text[:4096]:
                return "bundle"
            if '"AnnotationId"' in text or '"Symbol"' in text:
                return "uhri-json"
            raise ImportFailed(path, _("is JSON but neither a fieldkit bundle nor a UHRI export"))
    found = from_header(read_sheet(path, lambda header: from_header(header) is not None).header)
    if found is None:
        raise ImportFailed(
            path,
            _("has a header fieldkit does not know; expected {formats} (or give --format)").format(
                formats=_(_KNOWN)
            ),
        )
    return found
