"""Spreadsheet and document cells turned into model fields.

Each parser raises `CellError` with a message naming what is wrong; the importer adds the
row number. Cells arrive as text, numbers, dates or None depending on the reader.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from typing import Any

from fieldkit.domain.states import canonical_state, is_state
from fieldkit.domain.text import clean
from fieldkit.domain.vocab import Mechanism, Position
from fieldkit.i18n import _


class CellError(ValueError):
    """A cell that cannot become the field it feeds."""


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

#: Characters web exports use for layout that read as plain ones in a recommendation.
_PLAIN = str.maketrans({"\u00a0": " ", "\u2011": "-", "\u200b": ""})


def text(value: Any) -> str:
    """A cell as clean text: None is empty, numbers lose a spurious '.0', HTML entities
    ('&#40;', '&rsquo;', '&nbsp;') are decoded, Excel's escaped carriage returns
    ('_x000D_') and control characters go."""
    if value is None:
        return ""
    if isinstance(value, str) and value.isprintable() and "&" not in value and "_x" not in value:
        return value.strip()  # the common case: nothing to decode or clean
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = str(value).replace("_x000D_", "")
    if "&" in raw:  # only whole entities: 'R&D' and '&para' stay as written
        raw = _ENTITY.sub(lambda m: html.unescape(m.group(0)), raw)
    return clean(raw.translate(_PLAIN)).strip()


def single(value: Any) -> str:
    """A one-value cell that UHRI may still write as a list line: '- UPR' -> 'UPR'."""
    values = multi(value)
    return values[0] if values else ""


def multi(value: Any) -> tuple[str, ...]:
    """A multi-value cell: one value per line, each perhaps led by '- ' (UHRI), or a list."""
    if value is None:
        return ()
    parts = value if isinstance(value, list | tuple) else text(value).split("\n")
    out: list[str] = []
    for part in parts:
        item = text(part).lstrip("-•").strip()
        if item and item not in out:
            out.append(item)
    return tuple(out)


def whole(value: Any, what: str) -> int | None:
    """A whole number such as a session or a year; empty is None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("{field} {value} is not a number").format(field=what, value=repr(value)))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    found = re.fullmatch(r"\D{0,20}?(\d{1,4})(?:\.0)?(?:st|nd|rd|th)?(?:\s+\D{0,20})?", text(value))
    if not found:
        raise CellError(
            _("{field} {value} is not a number").format(field=what, value=repr(text(value)))
        )
    return int(found.group(1))


_POSITIONS: dict[str, Position | None] = {
    "supported": Position.SUPPORTED,
    "accepted": Position.SUPPORTED,
    "accepted/supported": Position.SUPPORTED,
    "supported/accepted": Position.SUPPORTED,
    "partially supported": Position.SUPPORTED,
    "partially accepted": Position.SUPPORTED,
    "supported/noted": Position.SUPPORTED,
    "noted/supported": Position.SUPPORTED,
    "supported in part": Position.SUPPORTED,
    "accepted in part": Position.SUPPORTED,
    "noted": Position.NOTED,
    "rejected": Position.NOTED,
    "not accepted": Position.NOTED,
    "not supported": Position.NOTED,
    "did not enjoy the support": Position.NOTED,
    "did not enjoy the support of": Position.NOTED,
    "pending": Position.PENDING,
    "no response": None,
    "general response": None,
    "no position": None,
    "": None,
}


def position(value: Any) -> Position | None:
    """Accepted/Supported -> supported; Noted/Rejected -> noted; Pending; empty -> None.

    A partly supported recommendation counts as supported, as the State's report lists it.
    """
    key = " ".join(single(value).lower().split())
    if key.startswith("did not enjoy the support"):
        return Position.NOTED
    if key not in _POSITIONS:
        raise CellError(
            _(
                "position {value} is not one of Supported, Accepted, Noted, Rejected, Pending"
            ).format(value=repr(text(value)))
        )
    return _POSITIONS[key]


_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%B %d, %Y", "%d %b %Y")


def iso_date(value: Any, what: str = "date") -> str:
    """A date as 'YYYY-MM-DD' from a date, an Excel serial number or common spellings."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise CellError(
                _("{field} {value} is not a date").format(field=what, value=repr(value))
            )
        return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
    raw = text(value)
    if re.fullmatch(r"\d{4,5}(\.\d+)?", raw):
        return iso_date(float(raw), what)
    head = raw[:10] if re.match(r"\d{4}-\d\d-\d\dT", raw) else raw
    try:
        return date.fromisoformat(head).isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(head, fmt).date().isoformat()
        except ValueError:
            continue
    raise CellError(_("{field} {value} is not a date").format(field=what, value=repr(raw)))


_REFERENCE = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})?)\.?(?:\s+|$)")
_LABELLED = re.compile(
    r"\s*Recommendation\s+No\.?\s*(\d{1,3}(?:\.\d{1,3})?)\.?"
    r"(?:\s*,?\s*para(?:graph)?\.?\s*(\d{1,3}(?:\.\d{1,3})?)?\.?)?\s*[:\-\u2013]?\s*",
    re.IGNORECASE,
)


def split_reference(body: str) -> tuple[str, str]:
    """'95.42. To ratify...' -> ('95.42', 'To ratify...'), and UHRI's
    'Recommendation No. 95.42 para. To ratify...' alike; no number -> ('', body)."""
    labelled = _LABELLED.match(body)
    if labelled:
        return labelled.group(2) or labelled.group(1), body[labelled.end() :].strip()
    found = _REFERENCE.match(body)
    if not found:
        return "", body.strip()
    return found.group(1), body[found.end() :].strip()


def reference_for(number: str, mechanism: Mechanism) -> str:
    """UPR items keep 'n.m'; a treaty-body paragraph is 'para n'."""
    if not number or mechanism is Mechanism.UPR or "." in number:
        return number
    return f"para {number}"


_GROUP = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)")


def states_in_text(body: str) -> tuple[str, ...]:
    """The recommending States named in parentheses: '... (France) (Lithuania);'."""
    found: list[str] = []
    for match in _GROUP.finditer(body):
        for name in re.split(r"\s*[,;]\s*(?![^()]*\))", match.group(1)):
            if is_state(name):
                state = canonical_state(name)
                if state not in found:
                    found.append(state)
    return tuple(found)


def states(value: Any) -> tuple[str, ...]:
    """A cell of recommending States, one per line or separated by ';', in canonical names."""
    out: list[str] = []
    for part in multi(value):
        for name in part.split(";"):
            if name.strip():
                state = canonical_state(name)
                if state not in out:
                    out.append(state)
    return tuple(out)


_BODIES: dict[str, Mechanism] = {
    "universal periodic review": Mechanism.UPR,
    "upr": Mechanism.UPR,
    "human rights committee": Mechanism.CCPR,
    "committee against torture": Mechanism.CAT,
    "committee on economic, social and cultural rights": Mechanism.CESCR,
    "committee on the elimination of discrimination against women": Mechanism.CEDAW,
    "committee on the rights of the child": Mechanism.CRC,
    "committee on the rights of persons with disabilities": Mechanism.CRPD,
    "committee on the elimination of racial discrimination": Mechanism.CERD,
    "committee on migrant workers": Mechanism.CMW,
    "committee on the protection of the rights of all migrant workers and members of their "
    "families": Mechanism.CMW,
    "committee on enforced disappearances": Mechanism.CED,
}


def mechanism(body: Any, symbol: str = "") -> Mechanism:
    """The mechanism from a body's name or acronym, else from the document symbol."""
    name = " ".join(single(body).split()).lower()
    if name.upper() in Mechanism.__members__:
        return Mechanism(name.upper())
    if name in _BODIES:
        return _BODIES[name]
    if name.startswith(("special rapporteur", "independent expert", "working group")):
        return Mechanism.SP
    prefix = symbol.split("/", 1)[0].upper()
    if prefix in Mechanism.__members__ and prefix not in ("UPR", "SP", "OTHER"):
        return Mechanism(prefix)
    if "periodic review" in name:
        return Mechanism.UPR
    return Mechanism.OTHER


def report_symbol(symbol: str) -> str:
    """The report a recommendation is in: 'A/HRC/43/15/Add.1' (the reply) -> 'A/HRC/43/15'."""
    return re.sub(r"/Add\.\d+$", "", " ".join(symbol.split()), flags=re.IGNORECASE)


_LIMB = re.compile(r"\(([a-z])\)\s+")


def split_limbs(body: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A treaty-body paragraph's lead-in and its lettered sub-parts '(a) ... (b) ...'."""
    marks = [
        m
        for m in _LIMB.finditer(body)
        if not body[: m.start()].rstrip() or body[: m.start()].rstrip()[-1] in ":;."
    ]
    if len(marks) < 2 or [m.group(1) for m in marks] != [chr(97 + n) for n in range(len(marks))]:
        return body.strip(), ()
    limbs = []
    for n, mark in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(body)
        limbs.append((f"({mark.group(1)})", body[mark.end() : end].strip().rstrip(";").strip()))
    return body[: marks[0].start()].strip(), tuple(limbs)


def strip_end(body: str) -> str:
    """Recommendation text without the trailing ';' UN lists put between entries."""
    return body.strip().rstrip(";").strip()


def squash(value: str) -> str:
    return " ".join(value.split())
