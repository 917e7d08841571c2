"""Which part of a mission an export covers, and what may leave the mission file.

Kept free of python-docx so the app can build options without loading Word support.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from fieldkit.domain.directory import Person
from fieldkit.domain.meetings import Meeting, Note, Response
from fieldkit.domain.mission import MissionData, visible
from fieldkit.domain.vocab import Confidentiality
from fieldkit.i18n import ENGLISH, LANGUAGES, PSEUDO, _


class ReportError(ValueError):
    """An export that cannot be written: the message is fit to show as it is."""


@dataclasses.dataclass(frozen=True, slots=True)
class ExportOptions:
    """What an export covers.

    `date_from`/`date_to` are inclusive ISO days (`2017-04-11`); `meeting_ids` are full ids.
    An empty selection means every meeting. `template` is the drafting team's `.docx`/`.dotx`.
    """

    include_confidential: bool = False
    date_from: str = ""
    date_to: str = ""
    meeting_ids: tuple[str, ...] = ()
    template: Path | None = None
    author: str = ""
    #: The day the document is prepared (ISO); empty: the app's today (`FIELDKIT_TODAY`).
    today: str = ""
    #: The language of the document's own words and dates: en, ru or fr.
    language: str = ENGLISH

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to", "today"):
            value = getattr(self, name)
            if value:
                parse_day(value)
        if self.language not in (*LANGUAGES, PSEUDO):
            choices = ", ".join(LANGUAGES)
            raise ReportError(
                _("{option} {value} is not one of: {choices}").format(
                    option="--lang", value=repr(self.language), choices=choices
                )
            )
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ReportError(
                _("--from {first} is after --to {last}").format(
                    first=self.date_from, last=self.date_to
                )
            )

    @property
    def limited(self) -> bool:
        return bool(self.date_from or self.date_to or self.meeting_ids)


def author_of(options: ExportOptions) -> str:
    """Who the document says wrote it: the option, else `FIELDKIT_AUTHOR` or the profile's
    name, else nobody (never the system login)."""
    from fieldkit import settings

    return options.author or settings.named_author()


def prepared_on(options: ExportOptions) -> str:
    """The day a document says it was prepared: the option, else the app's today."""
    from fieldkit import settings

    return options.today or settings.today().isoformat()


def parse_day(text: str) -> date:
    """An ISO day, with a message a delegate understands when it is not one."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ReportError(
            _("not a date: {text} (expected YYYY-MM-DD, e.g. 2017-04-11)").format(text=repr(text))
        ) from None


class Scope:
    """The meetings, notes and responses an export may show, confidentiality applied."""

    def __init__(self, data: MissionData, options: ExportOptions) -> None:
        self.data = data
        self.options = options
        wanted = set(options.meeting_ids)
        self.meetings: list[Meeting] = [
            m
            for m in data.meetings_in_order
            if (not wanted or m.id in wanted)
            and (not options.date_from or (m.day and m.day >= options.date_from))
            and (not options.date_to or (m.day and m.day <= options.date_to))
        ]
        self.meeting_ids = {m.id for m in self.meetings}
        #: Whether anything confidential made it into the export (drives the header marking).
        self.shows_confidential = False
        #: The confidential records the export would have shown and left out.
        self.left_out: set[str] = set()

    def allowed(self, record: Note | Response) -> bool:
        if not visible(record.confidentiality, self.options.include_confidential):
            self.left_out.add(record.id)
            return False
        if record.confidentiality is Confidentiality.CONFIDENTIAL:
            self.shows_confidential = True
        return True

    def notes_in(self, meeting_id: str) -> list[Note]:
        return [n for n in self.data.notes_in(meeting_id) if self.allowed(n)]

    def responses_in(self, meeting_id: str) -> list[Response]:
        return [r for r in self.data.responses_in(meeting_id) if self.allowed(r)]

    def responses_for(self, item_id: str) -> list[Response]:
        """Responses on an item in the covered meetings, oldest meeting first."""
        return [
            r
            for r in self.data.responses_for(item_id)
            if r.meeting_id in self.meeting_ids and self.allowed(r)
        ]

    def notes_for(self, item_id: str) -> list[Note]:
        return [
            n
            for n in self.data.notes_for(item_id)
            if n.meeting_id in self.meeting_ids and self.allowed(n)
        ]

    def contact(self, person: Person) -> str:
        """A person's contact details, only when confidential content is asked for."""
        if not self.options.include_confidential or not person.contact:
            return ""
        self.shows_confidential = True
        return person.contact
