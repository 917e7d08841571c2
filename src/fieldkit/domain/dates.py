"""Dates as people say them in a meeting, read in the meeting's context.

An official says "by the end of June" and the delegate types `30/6`, `June`, `end of year`
or `+3m`; what is stored is always `YYYY-MM-DD`. A date without a year is in the year of the
meeting (the `context` day); a month without a day is the end of that month, since a
deadline "in September" runs to its last day. Day before month (`6/7` is 6 July), as in
the UN's documents.

python-dateutil reads the day-month-year forms and month names; the few phrases it does not
know ("end of year", "+3m") are read here first. Dates are read in English, Russian and
French whichever language fieldkit speaks: `30 июня`, `fin juin`, `конец года`, `dans 3 mois`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import cache

from dateutil import parser
from dateutil.relativedelta import relativedelta

from fieldkit.i18n import N_, _, month_names

#: What may be typed; a language lists only the forms it can be typed in (`_(EXAMPLES)`).
EXAMPLES = N_("30/6, 30.06.2017, June 2017, 2017-09, end of year, +3m")

_RELATIVE = re.compile(r"^(?:\+|in\s+|через\s+|dans\s+)?\s*(\d{1,3})\s*(\w+)$")
_END_OF = re.compile(
    r"^(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(.+)$"
    r"|^(?:до\s+|к\s+)?кон(?:ец|ца|це|цу)\s+(.+)$"
    r"|^(?:d['’]ici\s+(?:la\s+)?|avant\s+la\s+)?fin\s+(?:de\s+l['’]|de\s+|du\s+|d['’])?(.+)$"
)
_DAY, _WEEK = relativedelta(days=1), relativedelta(weeks=1)
_MONTH, _YEAR = relativedelta(months=1), relativedelta(years=1)
#: The units of '+3m', 'in 2 weeks', 'через 3 месяца', 'dans 10 jours' (a word, or its letter).
_UNITS = {
    **dict.fromkeys(("d", "day", "days", "день", "дня", "дней", "j", "jour", "jours"), _DAY),
    **dict.fromkeys(
        ("w", "week", "weeks", "неделю", "недели", "недель", "semaine", "semaines"), _WEEK
    ),
    **dict.fromkeys(("m", "month", "months", "месяц", "месяца", "месяцев", "mois"), _MONTH),
    **dict.fromkeys(
        ("y", "year", "years", "год", "года", "лет", "an", "ans", "année", "années"), _YEAR
    ),
}
_FIRST = re.compile(r"\b(1)(?:er|re)\b")  # '1er juillet'
_TODAY = frozenset({"today", "сегодня", "aujourd'hui", "aujourd’hui"})
_TOMORROW = frozenset({"tomorrow", "завтра", "demain"})
_THIS_YEAR = frozenset(
    {"year", "this year", "года", "этого года", "année", "annee", "cette année", "l'année"}
)
_THIS_MONTH = frozenset({"month", "this month", "месяца", "этого месяца", "mois", "ce mois"})
_NEXT_MONTH = frozenset({"next month", "следующего месяца", "mois prochain", "prochain mois"})
_NEXT_YEAR = frozenset(
    {"next year", "следующего года", "année prochaine", "l'année prochaine", "annee prochaine"}
)


@cache
def _words() -> parser.parserinfo:
    """dateutil's words, with the months and joining words of every language fieldkit
    speaks (built on first use: Babel's month names are not needed to start)."""

    class Words(parser.parserinfo):
        JUMP = [*parser.parserinfo.JUMP, "de", "du", "le", "г", "года", "год"]
        MONTHS = [
            tuple({*english, *names})
            for english, names in zip(parser.parserinfo.MONTHS, month_names(), strict=True)
        ]

    return Words(dayfirst=True)


def parse_date(text: str, context: date) -> str:
    """`text` as YYYY-MM-DD ('' for nothing); ValueError with a reason if it is no date."""
    said = _FIRST.sub(r"\1", " ".join(text.strip().lower().split()))
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
    if said in _TODAY:
        return context
    if said in _TOMORROW:
        return context + timedelta(days=1)
    relative = _RELATIVE.match(said)
    if relative and relative[2] in _UNITS:
        count, unit = int(relative[1]), relative[2]
        return context + _UNITS[unit] * count
    end = _END_OF.match(said)
    if end:
        return _end_of(next(group for group in end.groups() if group), context)
    return _with_dateutil(said, context)


def _end_of(what: str, context: date) -> date:
    """'end of year', 'end of the month', 'end of June', 'end of 2018', 'конца года',
    'fin juin'."""
    if what in _THIS_YEAR:
        return date(context.year, 12, 31)
    if what in _THIS_MONTH:
        return _month_end(context.year, context.month)
    if what in _NEXT_MONTH:
        following = context + relativedelta(months=1)
        return _month_end(following.year, following.month)
    if what in _NEXT_YEAR:
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
    return parser.parse(said.replace(".", " ") if _worded(said) else said, _words(),
                        default=default).date()  # fmt: skip


def _worded(said: str) -> bool:
    """'30 июня 2017 г.', 'févr. 2018': a date with words, whose dots are only full stops."""
    return any(ch.isalpha() for ch in said)


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
