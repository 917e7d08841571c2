"""Rows of a spreadsheet, whatever it was saved as: .csv, .xlsx or .xls.

The file's first bytes decide how it is read, not its name, so junk named `.xlsx` gets a clear
message. openpyxl and xlrd are imported only here, when a workbook is opened.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from fieldkit.domain.items import Item
from fieldkit.i18n import N_, _
from fieldkit.importers.cells import CellError
from fieldkit.importers.common import Context, ImportFailed, Parsed, Problems
from fieldkit.importers.encodings import Decoded, decode

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Row = tuple[int, list[Any]]


@dataclasses.dataclass
class Sheet:
    """A header, the data rows with their row numbers as the spreadsheet shows them, a count."""

    header: list[str]
    rows: Iterator[Row]
    total: int
    #: What reading it had to guess, such as its encoding.
    guesses: list[str] = dataclasses.field(default_factory=list)


def parse_rows(
    ctx: Context, sheet: Sheet, fmt: str, build: Callable[[int, list[Any]], Item]
) -> Parsed:
    """Build an item from every row; every bad row is collected, and any one fails the file."""
    problems = Problems()
    items: list[Item] = []
    ctx.progress.start(sheet.total)
    count = 0
    for number, row in sheet.rows:
        count += 1
        ctx.progress.advance()
        try:
            items.append(build(number, row))
        except CellError as exc:
            problems.add(number, str(exc))
    problems.raise_if_any(ctx.path, count)
    return Parsed(fmt, items, count, list(sheet.guesses))


def row_values(row: list[Any], columns: Iterable[tuple[str, int]]) -> dict[str, Any]:
    """The row's cells by column key; a short row's missing cells are None."""
    return {key: row[index] if index < len(row) else None for key, index in columns}


def kind_of(head: bytes) -> str:
    """'xlsx' for a zip, 'xls' for an old Office file, else 'csv'."""
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        return "xls"
    return "csv"


HeaderTest = Callable[[list[str]], bool]

#: How many leading non-empty rows may stand above the header (a title, a date line).
HEADER_SEARCH = 10


def read_sheet(path: Path, is_header: HeaderTest | None = None) -> Sheet:
    """The sheet's rows below its header: the first row `is_header` accepts (within the first
    few), else the first non-empty row."""
    with path.open("rb") as stream:
        head = stream.read(8)
    kind = kind_of(head)
    suffix = path.suffix.lower()
    if kind == "csv" and suffix in (".xlsx", ".xls"):
        raise ImportFailed(
            path,
            _("is not an Excel workbook: its content is not in the {suffix} format").format(
                suffix=suffix
            ),
        )
    if kind == "xlsx":
        return _xlsx(path, is_header)
    if kind == "xls":
        return _xls(path, is_header)
    return _csv(path, is_header)


def decode_text(path: Path, raw: bytes, what: str = N_("a CSV text file")) -> str:
    """The text of a file (see `encodings.decode`); binary data is refused."""
    return read_text(path, raw, what).text


def read_text(path: Path, raw: bytes, what: str = N_("a CSV text file")) -> Decoded:
    if b"\x00" in raw[:4096]:
        raise ImportFailed(path, _("is not {what} (it holds binary data)").format(what=_(what)))
    return decode(raw)


def _split(rows: Iterator[Row], is_header: HeaderTest | None) -> tuple[list[str], Iterator[Row]]:
    seen: list[Row] = []
    for number, cells in _data_rows(rows):
        header = [str(c).strip() if c is not None else "" for c in cells]
        if is_header is None or is_header(header):
            return header, _data_rows(rows)
        seen.append((number, cells))
        if len(seen) == HEADER_SEARCH:
            break
    if not seen:
        return [], iter(())
    first = [str(c).strip() if c is not None else "" for c in seen[0][1]]
    return first, itertools.chain(seen[1:], _data_rows(rows))


def _data_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for number, cells in rows:
        if len(cells) > cells.count(None) + cells.count(""):  # a cell holds something
            yield number, cells


def _csv(path: Path, is_header: HeaderTest | None) -> Sheet:
    decoded = read_text(path, path.read_bytes())
    content = decoded.text
    first_line = content.splitlines()[0] if content else ""
    delimiter = max(",;\t", key=first_line.count)
    try:
        lines = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFailed(
            path, _("is not a readable CSV file: {reason}").format(reason=exc)
        ) from None
    header, rows = _split(iter(enumerate(lines, start=1)), is_header)
    guesses = [decoded.note] if decoded.guessed else []
    return Sheet(header, rows, max(len(lines) - 1, 0), guesses)


def _xlsx(path: Path, is_header: HeaderTest | None) -> Sheet:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike
        raise ImportFailed(
            path,
            _("is not a readable Excel workbook (.xlsx): {reason}").format(reason=_reason(exc)),
        ) from None
    sheet = next((ws for ws in book.worksheets if ws.max_row), book.worksheets[0])
    total = max((sheet.max_row or 1) - 1, 0)

    def rows() -> Iterator[Row]:
        # Read-only workbooks parse each sheet's XML as it is read: damage shows up here.
        try:
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(cells)
        except ImportFailed:
            raise
        except Exception as exc:  # XML and zip errors met while reading the rows
            raise ImportFailed(
                path,
                _("is not a readable Excel workbook (.xlsx): {reason}").format(reason=_reason(exc)),
            ) from None
        finally:
            book.close()

    header, data = _split(rows(), is_header)
    return Sheet(header, data, total)


#: The name of the stream every Word 97-2003 document holds, as its directory spells it.
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def refuse_word_97(path: Path) -> None:
    """A Word 97-2003 .doc shares the .xls container; say what it is and what to do."""
    if _WORD_STREAM in path.read_bytes():
        raise ImportFailed(
            path,
            _(
                "is a Word 97-2003 document (.doc), which fieldkit cannot read: open it in Word "
                "or LibreOffice, save it as a Word document (.docx), and import that"
            ),
        )


def _xls(path: Path, is_header: HeaderTest | None) -> Sheet:
    import xlrd

    book, sheet = _open_xls(path)

    def rows() -> Iterator[Row]:
        for index in range(sheet.nrows):
            cells: list[Any] = sheet.row_values(index)
            types = sheet.row_types(index)
            if xlrd.XL_CELL_DATE in types:
                cells = [
                    xlrd.xldate.xldate_as_datetime(value, book.datemode)
                    if kind == xlrd.XL_CELL_DATE
                    else value
                    for value, kind in zip(cells, types, strict=False)
                ]
            yield index + 1, cells
        _LAST_XLS.clear()  # every row read: the workbook is freed with its last row

    header, data = _split(rows(), is_header)
    return Sheet(header, data, max(sheet.nrows - 1, 0))


#: The workbook last opened, by path, size and time: detecting the format then reading the
#: rows opens an .xls once, not twice.
_LAST_XLS: dict[tuple[str, int, int], tuple[Any, Any]] = {}


def _open_xls(path: Path) -> tuple[Any, Any]:
    import xlrd

    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _LAST_XLS:
        return _LAST_XLS[key]
    refuse_word_97(path)
    try:
        # Exports written by PHPExcel carry a harmless corruption flag xlrd refuses by default;
        # its diagnostics go to a buffer, never to stdout (where they would break --json).
        book = xlrd.open_workbook(str(path), logfile=io.StringIO(), ignore_workbook_corruption=True)
    except Exception as exc:  # xlrd raises several error types for damaged files
        raise ImportFailed(
            path,
            _("is not a readable Excel 97-2003 workbook (.xls): {reason}").format(
                reason=_reason(exc)
            ),
        ) from None
    _LAST_XLS.clear()
    _LAST_XLS[key] = (book, book.sheet_by_index(0))
    return _LAST_XLS[key]


def _reason(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return message or type(exc).__name__
