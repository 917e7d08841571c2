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
from fieldkit.i18n import _
from fieldkit.reports.docx_styles import ensure_styles
from fieldkit.reports.layout import column_widths, shared_widths, within_limit

# Characters XML 1.0 forbids that `clean` leaves alone.
_NOT_XML = re.compile("[\ufffe\uffff]")

# Characters per text node.
_NODE = 500_000

#: A run: plain text, or (character style name, text).
Run = str | tuple[str, str]


def xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("", clean(text)))


def _plain(cell: Run | Sequence[Run]) -> str:
    """A cell's words, without their styles: what its column width is measured on."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, tuple):
        return str(cell[1])
    return "".join(run if isinstance(run, str) else run[1] for run in cell)


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
        """A caption, kept on the page of the table it introduces."""
        self._parts.append(self._p(text, "Caption").replace("</w:pPr>", "<w:keepNext/></w:pPr>", 1))

    def field(self, label: str, value: str, style: str = "Normal", keep_next: bool = False) -> None:
        """'Label: value' with the label in the Strong character style; `keep_next` keeps it
        on the page of what follows (a citation under its heading)."""
        p = self._p([("Strong", _("{label}: ").format(label=label)), value], style)
        if keep_next and "</w:pPr>" in p:
            p = p.replace("</w:pPr>", "<w:keepNext/></w:pPr>", 1)
        elif keep_next:
            p = p.replace("<w:p>", "<w:p><w:pPr><w:keepNext/></w:pPr>", 1)
        self._parts.append(p)

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
        text = _NOT_XML.sub("", clean(within_limit(text)))
        if not text:
            return ""
        pieces = []
        for n, line in enumerate(text.split("\n")):
            if n:
                pieces.append("<w:br/>")
            for m, chunk in enumerate(line.split("\t")):
                if m:
                    pieces.append("<w:tab/>")
                # Several text nodes for a long line: XML parsers refuse one over 10 MB.
                for start in range(0, len(chunk), _NODE):
                    piece = escape(chunk[start : start + _NODE])
                    pieces.append(f'<w:t xml:space="preserve">{piece}</w:t>')
        return f"<w:r>{rpr}{''.join(pieces)}</w:r>"

    # -- tables ------------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[Run | Sequence[Run]]],
        keep_together: bool = False,
        spans: Iterable[tuple[int, str, str]] = (),
        shares: Sequence[int] = (),
    ) -> None:
        """A Table Grid table whose header row repeats on every page and whose rows never
        break across pages; column widths follow the content, so no word is split.

        `keep_together` keeps a short table on one page. `spans` are rows across the whole
        table, (before which row, text, paragraph style): the group headings of a list.
        `shares` fixes the columns' widths, as parts of the whole, to copy a given layout.
        """
        body = [list(row) for row in rows]
        plain = [[_plain(h) for h in header]] + [[_plain(c) for c in row] for row in body]
        if shares:  # a layout to copy: each column's share of the width
            twips = shared_widths(plain, shares, self.text_width)
        else:
            twips = column_widths(plain, self.text_width)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        out = [
            "<w:tbl><w:tblPr>"
            f'<w:tblStyle w:val="{self.ids["Table Grid"]}"/>'
            f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
            self._tr([[("Strong", h)] for h in header], twips, header_row=True, keep=True),
        ]
        span_at: dict[int, list[tuple[str, str]]] = {}
        for before, text, style in spans:
            span_at.setdefault(before, []).append((text, style))
        last = len(body) - 1
        for n, row in enumerate(body):
            for text, style in span_at.get(n, ()):
                out.append(self._span(text, style, sum(twips), len(twips)))
            out.append(self._tr(row, twips, keep=keep_together and n < last))
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
        trpr = (
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if header_row
            else ("<w:trPr><w:cantSplit/></w:trPr>")
        )
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{self._cell(cell, keep)}</w:tc>'
            for cell, w in zip(cells, twips, strict=True)
        )
        return f"<w:tr>{trpr}{tcs}</w:tr>"

    def _cell(self, cell: Run | Sequence[Run], keep: bool) -> str:
        """A cell's paragraph; `keep` holds it with the next row (a table kept together)."""
        p = self._p(cell, "Normal")
        if keep:
            p = p.replace("<w:p>", "<w:p><w:pPr><w:keepNext/></w:pPr>", 1)
        return p

    def _span(self, text: str, style: str, width: int, columns: int) -> str:
        """A row across the table: the heading of the group of rows below it."""
        p = self._p(text, style)
        return (
            "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>"
            f'<w:tcW w:w="{width}" w:type="dxa"/><w:gridSpan w:val="{columns}"/></w:tcPr>'
            f"{p}</w:tc></w:tr>"
        )

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
