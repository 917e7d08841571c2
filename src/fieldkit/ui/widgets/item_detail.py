"""Everything about one item: full text, limbs, citation, assessments, links, what was said."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from fieldkit.domain.citations import cite
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import clean, shorten, squash
from fieldkit.domain.vocab import Confidentiality
from fieldkit.i18n import _, format_short_date


def _heading(text: Text, title: str) -> None:
    text.append(f"\n{title}\n", style="bold underline")


def _day(iso: str) -> str:
    """An ISO day as the language writes it in a list (`11 апр. 2017 г.`); else as it is."""
    try:
        return format_short_date(date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def _when(record: Note | Response, data: MissionData) -> str:
    meeting = data.meetings.get(record.meeting_id)
    if meeting is None:
        return _day(record.created_at)
    return f"{_day(meeting.day)} {squash(meeting.title)}"


def _speaker(record: Note | Response, data: MissionData) -> str:
    person = data.people.get(record.speaker_id or "")
    return f" ({squash(person.name)})" if person else ""


def said_lines(item: Item, data: MissionData) -> list[tuple[str, Text]]:
    """Every response and note on the item, newest first, each as (sort key, text)."""
    entries: list[tuple[str, Text]] = []
    for response in data.responses_for(item.id):
        meeting = data.meetings.get(response.meeting_id)
        key = (meeting.starts_at if meeting else "") + response.created_at
        line = Text()
        line.append(_when(response, data), style="dim")
        line.append("\n  " + _("Response:") + " ", style="bold")
        line.append(response.stance.label, style="bold")
        if response.limb:
            line.append(" " + _("on ({limb})").format(limb=response.limb.strip("()")))
        if response.grade is not None:
            line.append(", " + _("grade {grade}").format(grade=response.grade.value))
        if response.implementation.value != "unknown":
            level = response.implementation.label
            line.append(", " + _("claims implementation: {level}").format(level=level))
        line.append(_speaker(response, data))
        for label, value in (
            (_("Quote"), response.quote),
            (_("Commitment"), response.commitment),
            (_("Deadline"), _day(response.deadline) if response.deadline else ""),
            (_("Remark"), response.text),
        ):
            if value.strip():
                line.append("\n  " + _("{label}: {text}").format(label=label, text=squash(value)))
        if response.confidentiality is Confidentiality.CONFIDENTIAL:
            line.append("\n  " + _("(confidential)"), style="italic")
        entries.append((key, line))
    for note in data.notes_for(item.id):
        meeting = data.meetings.get(note.meeting_id)
        key = (meeting.starts_at if meeting else "") + note.created_at
        line = Text()
        line.append(_when(note, data), style="dim")
        line.append("\n  " + _("Note, {kind}").format(kind=note.kind.label), style="bold")
        if note.limb:
            line.append(" " + _("on ({limb})").format(limb=note.limb.strip("()")))
        line.append(_speaker(note, data))
        line.append(f": {squash(note.text)}")
        if note.confidentiality is Confidentiality.CONFIDENTIAL:
            line.append(" " + _("(confidential)"), style="italic")
        entries.append((key, line))
    entries.sort(key=lambda pair: pair[0], reverse=True)
    return entries


def _assessments(text: Text, item: Item) -> None:
    _heading(text, _("Assessments"))
    for a in sorted(item.assessments, key=lambda a: a.date, reverse=True):
        bits = [_day(a.date) if a.date else "", a.assessor.label]
        if a.grade is not None:
            grade = _("grade {grade}").format(grade=a.grade.value)
            bits.append(f"{grade} ({a.grade.meaning.lower()})")
        if a.implementation is not None:
            level = a.implementation.label
            bits.append(_("implementation: {level}").format(level=level))
        if a.limbs:
            bits.append(_("on {limbs}").format(limbs=a.limbs))
        text.append(" · ".join(b for b in bits if b))
        if a.text:
            text.append("\n  " + squash(a.text), style="dim")
        text.append("\n")


def detail_text(item: Item, data: MissionData, likely: Sequence[Item] = ()) -> Text:
    text = Text()
    text.append(cite(item), style="bold")
    facts = [item.kind.label, item.mechanism.label]
    if item.year:
        facts.append(str(item.year))
    if item.cycle:
        facts.append(_("cycle {cycle}").format(cycle=item.cycle))
    if item.position is not None:
        facts.append(item.position.label)
    if item.priority is not None:
        facts.append(_("priority {number}").format(number=item.priority))
    text.append("\n" + " · ".join(facts), style="dim")
    if item.title:
        text.append("\n" + squash(item.title), style="bold")
    text.append("\n" + clean(item.text).strip())
    for limb in item.limbs:
        text.append(f"\n  {limb.label} ", style="bold")
        text.append(squash(limb.text))
    if item.themes:
        text.append("\n" + _("Themes:") + " ", style="bold")
        text.append("; ".join(squash(t) for t in item.themes))
    if item.affected_persons:
        text.append("\n" + _("Affected persons:") + " ", style="bold")
        text.append("; ".join(squash(p) for p in item.affected_persons))
    if item.assessments:
        _assessments(text, item)
    related = data.related(item)
    _heading(text, _("Same concern elsewhere ({count})").format(count=len(related)))
    if related:
        for other in related:
            text.append(f"{other.short_ref} ", style="bold")
            text.append(f"{other.mechanism.label} {other.year or ''} ")
            text.append(shorten(other.title or other.text, 70) + "\n")
    elif not likely:
        text.append(_("None linked yet: l suggests likely ones.") + "\n", style="dim")
    if likely:
        text.append(_("Likely the same concern (l to link):") + "\n", style="dim")
        for other in likely:
            text.append(f"  {other.short_ref} ", style="italic")
            text.append(f"{other.mechanism.label} {other.year or ''} ", style="dim")
            text.append(shorten(other.title or other.text, 50) + "\n", style="dim")
    said = said_lines(item, data)
    _heading(text, _("Said in meetings ({count})").format(count=len(said)))
    if said:
        for _key, line in said:
            text.append_text(line)
            text.append("\n")
    else:
        text.append(_("Nothing recorded yet."), style="dim")
    return text


class ItemDetail(VerticalScroll, can_focus=True):
    """The item under the list's cursor; keeps its scroll when the same item is refreshed."""

    DEFAULT_CSS = """
    ItemDetail { padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Choose an item."), style="dim"), id="detail-body")

    def show(self, item: Item | None, data: MissionData, likely: Sequence[Item] = ()) -> None:
        body = self.query_one("#detail-body", Static)
        same = item is not None and item.id == self.item_id
        self.item_id = item.id if item else None
        if item is None:
            body.update(Text(_("No item."), style="dim"))
        else:
            body.update(detail_text(item, data, likely))
        if not same:
            self.scroll_home(animate=False)
