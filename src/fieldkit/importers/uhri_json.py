"""OHCHR Universal Human Rights Index full JSON export: one object per record.

Accepts a JSON array, an object holding the array (`{"value": [...]}`), or one object per
line. Values may be strings or lists; list entries may be objects with a name.
"""

from __future__ import annotations

from typing import Any

import orjson

from fieldkit.domain.items import Item
from fieldkit.i18n import _
from fieldkit.importers import cells
from fieldkit.importers.common import Context, ImportFailed, Parsed, Problems
from fieldkit.importers.sheets import decode_text
from fieldkit.importers.uhri import Fields, build_item

FORMAT = "uhri-json"

KEYS: dict[str, str] = {
    "Text": "text",
    "Countries": "countries",
    "Body": "body",
    "Symbol": "symbol",
    "Themes": "themes",
    "AffectedPersons": "persons",
    "Sdgs": "sdgs",
    "PublicationDate": "published",
    "UprRecommendingCountry": "states",
    "UprPositions": "position",
    "AnnotationType": "type",
    "AnnotationId": "annotation",
    "UprSession": "session",
    "UprCycle": "cycle",
}


def records(ctx: Context) -> list[Any]:
    content = decode_text(ctx.path, ctx.path.read_bytes(), "a JSON file").strip()
    try:
        data = orjson.loads(content)
    except orjson.JSONDecodeError:
        try:
            data = [orjson.loads(line) for line in content.splitlines() if line.strip()]
        except orjson.JSONDecodeError as exc:
            raise ImportFailed(ctx.path, _("is not JSON: {reason}").format(reason=exc)) from None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if "AnnotationId" not in data and len(lists) == 1 else [data]
    if not isinstance(data, list):
        raise ImportFailed(ctx.path, _("is not a UHRI JSON export: expected a list of records"))
    return data


def _plain(value: Any) -> Any:
    """Lists of names stay lists of text; objects give their name."""
    if isinstance(value, dict):
        for key in ("Name", "name", "Title", "title", "Value", "value", "Text", "text"):
            if key in value:
                return _plain(value[key])
        return ""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _scalar(value: Any) -> Any:
    """The first value of a list, for fields that hold one."""
    return value[0] if isinstance(value, list) and value else None if value == [] else value


def read(ctx: Context) -> Parsed:
    data = records(ctx)
    problems = Problems("record")
    items: list[Item] = []
    ctx.progress.start(len(data))
    for number, record in enumerate(data, start=1):
        ctx.progress.advance()
        if not isinstance(record, dict):
            problems.add(
                number, _("is not an object but {kind}").format(kind=type(record).__name__)
            )
            continue
        values = {field: _plain(record.get(key)) for key, field in KEYS.items()}
        for field in ("text", "symbol", "published", "session", "cycle", "annotation", "body"):
            values[field] = _scalar(values[field])
        try:
            items.append(build_item(ctx, number, Fields(**values)))
        except cells.CellError as exc:
            problems.add(number, str(exc))
    if not data:
        raise ImportFailed(ctx.path, _("holds no records"))
    problems.raise_if_any(ctx.path, len(data))
    return Parsed(FORMAT, items, len(data))
