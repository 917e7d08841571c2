"""Dates as people say them in a meeting, read in the meeting's context.

An official says "by the end of June" and the delegate types `30/6`, `June`, `end of year`
or `+3m`; what is stored is always `YYYY-MM-DD`. A date without a year is in the year of the
meeting (the `context` day); a month without a day is the end of that month, since a
deadline "in September" runs to its last day. Day before month (`6/7` is 6 July), as in
the UN's documents.

python-dateutil reads the day-month-year forms and month names; the few phrases it does not
know ("end of year", "+3m") are read here first.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from dateutil import parser
from dateutil.relativedelta import relativedelta

from fieldkit.i18n import N_, _

#: What may be typed; a language lists only the forms it can be typed in (`_(EXAMPLES)`).
EXAMPLES = N_("30/6, 30.06.2017, June 2017, 2017-09, end of year, +3m")

_RELATIVE = re.compile(r"^(?:\+|in\s+)?\s*(\d{1,3})\s*([dwmy])[a-z]*$")
_END_OF = re.compile(r"^(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(.+)$")
_UNITS = {
    "d": relativedelta(days=1),
    "w": relativedelta(weeks=1),
    "m": relativedelta(months=1),
    "y": relativedelta(years=1),
}


def parse_date(text: str, context: date) -> str:
    """`text` as YYYY-MM-DD ('' for nothing); ValueError with a reason if it is no date."""
    said = " ".join(text.strip().lower().split())
    if not said:
        return ""
    try:
        return _read(said, context).isoformat()
    except (ValueError, OverflowError):
        message = _("{text} is not a date (say e.g. {examples})")
        raise ValueError(message.format(text=repr(text.strip()), examples=_(EXAMPLES))) from None


def _read(said: str, context: date) -> date:
    try:
        return date.fromisoformat(said)
    except ValueError:
        pass
    if said == "today":
        return context
    if said == "tomorrow":
        return context + timedelta(days=1)
    relative = _RELATIVE.match(said)
    if relative:
        count, unit = int(relative[1]), relative[2]
        return context + _UNITS[unit] * count
    end = _END_OF.match(said)
    if end:
        return _end_of(end[1], context)
    return _with_dateutil(said, context)


def _end_of(what: str, context: date) -> date:
    """'end of year', 'end of the month', 'end of June', 'end of 2018'."""
    if what in ("year", "this year"):
        return date(context.year, 12, 31)
    if what in ("month", "this month"):
        return _month_end(context.year, context.month)
    if what in ("next month",):
        following = context + relativedelta(months=1)
        return _month_end(following.year, following.month)
    if what in ("next year",):
        return date(context.year + 1, 12, 31)
    return _with_dateutil(what, context)


def _with_dateutil(said: str, context: date) -> date:
    """Day-first forms and month names; what is not said comes from the year's last day.

    dateutil fills a missing day from the default and, when that day is past the month's
    end, takes the month's last day: 'June 2017' is 30 June, '2017-09' is 30 September.
    """
    if said.isdigit() and len(said) != 4:
        raise ValueError(_("a bare number is no date"))
    default = datetime(context.year, 12, 31)
    return parser.parse(said, dayfirst=True, default=default).date()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def context_day(day: str, fallback: date | None = None) -> date:
    """The day a date is read against: the meeting's (`YYYY-MM-DD...`), else `fallback`
    (else today)."""
    try:
        return date.fromisoformat(day[:10])
    except ValueError:
        return fallback or date.today()


def spoken(day: str) -> str:
    """'2017-06-30' as 'Friday, 30 June 2017', to check a date before it is saved."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        return day
    from fieldkit.i18n import format_date

    return format_date(when, "full")
