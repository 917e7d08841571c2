"""A fast writer of Word body content: paragraphs and tables as WordprocessingML, in bulk.

python-docx builds each paragraph through a style lookup and each table cell through a
quadratic search; a debrief of a large mission has tens of thousands of paragraphs. This
writer emits the XML of the body as text with the style ids looked up once, parses it in one
go and moves it into the document, which stays a normal python-docx `Document`.
Every text passes through `domain.text.clean`, so control characters pasted from PDFs never
make invalid XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from fieldkit.domain.text import clean
from fieldkit.reports.docx_styles import ensure_styles

# Characters XML 1.0 forbids that `clean` leaves alone.
_NOT_XML = re.compile("[\ufffe\uffff]")

#: A run: plain text, or (character style name, text).
Run = str | tuple[str, str]


def xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("", clean(text)))


class WordWriter:
    """Collects body content for `document`; `finish()` puts it in the document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.ids = ensure_styles(document)
        self._parts: list[str] = []
        section = document.sections[0]
        width = section.page_width or 7772400
        usable = width - (section.left_margin or 914400) - (section.right_margin or 914400)
        self.text_width = max(int(usable / 635), 2880)  # EMU to twentieths of a point

    # -- paragraphs --------------------------------------------------------------------

    def paragraph(self, runs: Run | Sequence[Run], style: str = "Normal") -> None:
        self._parts.append(self._p(runs, style))

    def title(self, text: str) -> None:
        self.paragraph(text, "Title")

    def subtitle(self, text: str) -> None:
        self.paragraph(text, "Subtitle")

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, f"Heading {level}")

    def bullet(self, runs: Run | Sequence[Run]) -> None:
        self.paragraph(runs, "List Bullet")

    def bullets(self, lines: Iterable[Run | Sequence[Run]]) -> None:
        for line in lines:
            self.paragraph(line, "List Bullet")

    def quote(self, text: str) -> None:
        self.paragraph(text, "Quote")

    def caption(self, text: str) -> None:
        self.paragraph(text, "Caption")

    def field(self, label: str, value: str, style: str = "Normal") -> None:
        """'Label: value' with the label in the Strong character style."""
        self.paragraph([("Strong", f"{label}: "), value], style)

    def _p(self, runs: Run | Sequence[Run], style: str) -> str:
        if isinstance(runs, str | tuple):
            runs = [runs]
        style_id = self.ids[style]
        ppr = "" if style == "Normal" else f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
        return f"<w:p>{ppr}{''.join(self._r(run) for run in runs)}</w:p>"

    def _r(self, run: Run) -> str:
        if isinstance(run, tuple):
            char_style, text = run
            rpr = f'<w:rPr><w:rStyle w:val="{self.ids[char_style]}"/></w:rPr>'
        else:
            rpr, text = "", run
        text = xml_text(text)
        if not text:
            return ""
        pieces = []
        for n, line in enumerate(text.split("\n")):
            if n:
                pieces.append("<w:br/>")
            for m, chunk in enumerate(line.split("\t")):
                if m:
                    pieces.append("<w:tab/>")
                if chunk:
                    pieces.append(f'<w:t xml:space="preserve">{chunk}</w:t>')
        return f"<w:r>{rpr}{''.join(pieces)}</w:r>"

    # -- tables ------------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[Run | Sequence[Run]]],
        widths: Sequence[float],
        keep_rows: bool = False,
    ) -> None:
        """A Table Grid table with a repeating header row; `widths` are shares of the page.

        `keep_rows` keeps each row on one page: for tables of short cells only.
        """
        total = sum(widths)
        twips = [int(self.text_width * w / total) for w in widths]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        out = [
            "<w:tbl><w:tblPr>"
            f'<w:tblStyle w:val="{self.ids["Table Grid"]}"/>'
            f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
            self._tr([[("Strong", h)] for h in header], twips, header_row=True),
        ]
        out.extend(self._tr(row, twips, keep=keep_rows) for row in rows)
        out.append("</w:tbl>")
        self._parts.append("".join(out))
        # Word needs a paragraph between two tables, and it reads better.
        self._parts.append("<w:p/>")

    def _tr(
        self,
        cells: Sequence[Run | Sequence[Run]],
        twips: Sequence[int],
        header_row: bool = False,
        keep: bool = False,
    ) -> str:
        if header_row:
            trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        else:
            trpr = "<w:trPr><w:cantSplit/></w:trPr>" if keep else ""
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{self._p(cell, "Normal")}'
            "</w:tc>"
            for cell, w in zip(cells, twips, strict=True)
        )
        return f"<w:tr>{trpr}{tcs}</w:tr>"

    # -- finishing ---------------------------------------------------------------------

    def finish(self) -> Document:
        """Move everything written into the document's body, before its section settings."""
        body = self.document.element.body
        fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self._parts)}</w:body>")
        self._parts.clear()
        sect_pr = body.find(qn("w:sectPr"))
        body.extend(list(fragment))
        if sect_pr is not None:
            body.append(sect_pr)  # moves it back to the end, where Word expects it
        return self.document
