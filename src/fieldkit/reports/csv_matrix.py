"""The CSV matrix: one row per item with its latest response, for the drafting team's sheet.

UTF-8 with a byte-order mark, so that Excel reads Cyrillic and Kazakh; cells that a
spreadsheet would run as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from fieldkit.domain.citations import cite
from fieldkit.domain.filters import reading_order
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import clean
from fieldkit.reports.scope import ExportOptions, Scope

COLUMNS = (
    "reference",
    "citation",
    "mechanism",
    "document_symbol",
    "kind",
    "year",
    "recommending_states",
    "position",
    "priority",
    "themes",
    "text",
    "assessment_grade",
    "responses",
    "latest_stance",
    "latest_limb",
    "latest_grade",
    "latest_implementation",
    "latest_commitment",
    "latest_deadline",
    "latest_quote",
    "latest_remark",
    "latest_meeting_date",
    "latest_meeting",
    "latest_speaker",
    "item_id",
)

_FORMULA_START = ("=", "+", "@", "\t", "\r")


def csv_bytes(data: MissionData, options: ExportOptions) -> tuple[bytes, int]:
    """The matrix as bytes, and how many confidential responses were left out."""
    scope = Scope(data, options)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    left_out = 0
    for item in sorted(data.items.values(), key=reading_order):
        every = [r for r in data.responses_for(item.id) if r.meeting_id in scope.meeting_ids]
        shown = [r for r in every if scope.allowed(r)]
        left_out += len(every) - len(shown)
        writer.writerow([_cell(v) for v in _row(data, item, shown)])
    return ("\ufeff" + out.getvalue()).encode("utf-8"), left_out


def _row(data: MissionData, item: Item, responses: list[Response]) -> list[str]:
    latest = responses[-1] if responses else None
    row = [
        item.short_ref,
        cite(item),
        item.mechanism.value,
        item.document_symbol,
        item.kind.value,
        str(item.year or ""),
        "; ".join(item.recommending_states),
        item.position.value if item.position else "",
        str(item.priority) if item.priority is not None else "",
        "; ".join(item.themes),
        item.text,
        _assessment(item),
        str(len(responses)),
    ]
    if latest is None:
        return row + [""] * 11 + [item.id]
    meeting = data.meetings.get(latest.meeting_id)
    speaker = data.people.get(latest.speaker_id or "")
    return row + [
        latest.stance.label,
        latest.limb,
        latest.grade.value if latest.grade else "",
        latest.implementation.value,
        latest.commitment,
        latest.deadline,
        latest.quote,
        latest.text,
        meeting.day if meeting else "",
        meeting.title if meeting else "",
        speaker.name if speaker else "",
        item.id,
    ]


def _cell(value: str) -> str:
    text = clean(value)
    if text.startswith(_FORMULA_START) or (text.startswith("-") and text[1:2] not in ("", " ")):
        return "'" + text
    return text


def _assessment(item: Item) -> str:
    """The latest outside grades: 'B (a) and (b); C (c) to (f)'."""
    graded = [a for a in item.assessments if a.grade is not None]
    if not graded:
        return ""
    last = max(a.date for a in graded)
    return "; ".join(
        f"{a.grade.value} {a.limbs}".strip() for a in graded if a.date == last and a.grade
    )
