"""The Word file around the content: the template it starts from, page furniture, saving.

A drafting team's `--template` gives the styles, page setup, header and footer; its body is
left out, as pandoc does with a reference document. Saving goes through a BytesIO and an
atomic write, so a crash never leaves half a debrief and the file is readable by its owner only.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from fieldkit.i18n import _
from fieldkit.reports.docx_styles import ensure_styles
from fieldkit.reports.scope import ReportError
from fieldkit.reports.word import xml_text
from fieldkit.storage.atomic import atomic_write
from fieldkit.storage.folders import private_folder

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def open_document(template: Path | None) -> Document:
    """A new document: python-docx's default, or the drafting team's template emptied."""
    if template is None:
        document = docx.Document()
        for section in document.sections:  # 2.5 cm at the sides, not 3.2: room for tables
            section.left_margin = section.right_margin = Cm(2.5)
        return document
    try:
        raw = template.read_bytes()
    except OSError as exc:
        raise ReportError(
            _("cannot read template {path}: {reason}").format(path=template, reason=exc.strerror)
        ) from None
    try:
        document = docx.Document(io.BytesIO(_as_document(raw)))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ReportError(
            _("template {path} is not a Word .docx or .dotx file").format(path=template)
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _as_document(raw: bytes) -> bytes:
    """A .dotx template with its content type changed so python-docx opens it as a .docx."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as source:
            types = source.read("[Content_Types].xml")
            if _TEMPLATE_TYPE not in types:
                return raw
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    data = source.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        data = data.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                    target.writestr(info, data)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return raw


def set_properties(document: Document, title: str, author: str, subject: str = "") -> None:
    """Title, subject and author; the author is the delegate's name or nobody, never the
    system login (python-docx and templates carry one of their own: it is replaced)."""
    props = document.core_properties
    props.title = xml_text(title)[:255]
    props.author = xml_text(author)[:255]
    props.last_modified_by = xml_text(author)[:255]
    props.subject = xml_text(subject)[:255]
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
    props.revision = 1


def landscape(document: Document) -> None:
    """Turn every section's page on its side, with side margins of at most 2 cm: the
    width goes to the table's columns."""
    for section in document.sections:
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE
        if width is not None and height is not None and width < height:
            section.page_width, section.page_height = height, width
        for side in ("left_margin", "right_margin"):
            margin = getattr(section, side)
            if margin is None or margin > Cm(2):
                setattr(section, side, Cm(2))


def add_page_furniture(document: Document, confidential: bool) -> None:
    """Page numbers in every footer; 'Confidential' atop every header when it applies."""
    ids = ensure_styles(document, ("Header", "Footer"))
    for section in document.sections:
        footer = section.footer
        footer.is_linked_to_previous = False
        if "PAGE" not in footer._element.xml:
            footer._element.append(
                parse_xml(
                    f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{ids["Footer"]}"/>'
                    f'<w:jc w:val="center"/></w:pPr>{_page_of_pages()}</w:p>'
                )
            )
            _drop_empty_first_paragraph(footer._element)
        if confidential:
            marking = escape(_("Confidential"))
            header = section.header
            header.is_linked_to_previous = False
            header._element.insert(
                0,
                parse_xml(
                    f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{ids["Header"]}"/>'
                    '<w:jc w:val="right"/></w:pPr>'
                    f"<w:r><w:t>{marking}</w:t></w:r></w:p>"
                ),
            )
            _drop_empty_first_paragraph(header._element, keep_first=True)


_FIELDS = {"{page}": " PAGE ", "{pages}": " NUMPAGES "}


def _page_of_pages() -> str:
    """'Page 3 of 12' as runs and page fields, in the document's language."""
    runs = []
    for part in re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}")):
        if part in _FIELDS:
            runs.append(
                f'<w:fldSimple w:instr="{_FIELDS[part]}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            )
        elif part:
            runs.append(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(runs)


def _drop_empty_first_paragraph(part_el: object, keep_first: bool = False) -> None:
    """python-docx starts a new header or footer with an empty paragraph: remove it."""
    paragraphs = list(part_el.iterchildren(qn("w:p")))  # type: ignore[attr-defined]
    candidates = paragraphs[1:] if keep_first else paragraphs
    if len(paragraphs) > 1:
        for p in candidates:
            if not p.xpath("string(.)") and not p.findall(f".//{qn('w:fldSimple')}"):
                part_el.remove(p)  # type: ignore[attr-defined]
                break


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def save(document: Document, path: Path) -> Path:
    """Write the document atomically, created readable by its owner only."""
    write_bytes(path, to_bytes(document))
    return path


def write_bytes(path: Path, data: bytes) -> None:
    try:
        private_folder(path.parent)
        atomic_write(path, data)
    except OSError as exc:
        raise ReportError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
