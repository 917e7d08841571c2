"""The language fieldkit speaks: gettext catalogues (domain `fieldkit`) and Babel's dates.

Every layer marks the words a person reads with `_()` (or `ngettext()`, or `N_()` where the
words are only named now and looked up later). Which language is chosen, first found wins:
`FIELDKIT_LANG`, then the profile's language, then the system locale (`LANGUAGE`, `LC_ALL`,
`LC_MESSAGES`, `LANG`), then English. `xx-pseudo` is a made-up language that marks every
catalogue message, so a test can find words that escape the catalogue.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

DOMAIN = "fieldkit"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"
PSEUDO = "xx-pseudo"
LANGUAGES = (ENGLISH, "ru", "fr")
"""The languages with a complete catalogue, English (the source) first."""

LANGUAGE_NAMES = {ENGLISH: "English", "ru": "Русский", "fr": "Français"}
SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

OPEN_MARK, CLOSE_MARK = "⟦", "⟧"
_BABEL_LOCALES = {ENGLISH: "en_GB", "ru": "ru_RU", "fr": "fr_FR", PSEUDO: "en_GB"}
_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%])")
_ACCENTED = str.maketrans(
    "AEIOUYaceinosuyCDGLNSZgklrz",
    "ÅÉÎÖÜÝåçéîñöşüýÇĎĜĹÑŞŽĝķĺŕž",
)


def N_(message: str) -> str:
    """Mark words for the catalogue without translating them yet (tables, enum labels)."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark words with a context (`stance`, `meeting status`) to look up later with pgettext."""
    return context, message


def pseudo(message: str) -> str:
    """The pseudo-language's form of a message: marked at both ends, placeholders kept."""
    parts = _PLACEHOLDER.split(message)
    accented = "".join(p if i % 2 else p.translate(_ACCENTED) for i, p in enumerate(parts))
    return f"{OPEN_MARK}{accented}{CLOSE_MARK}"


class PseudoTranslations(gettext.NullTranslations):
    """Every message comes back marked: anything unmarked on screen escaped the catalogue."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)


@dataclass(frozen=True)
class Language:
    """One language's words and dates; documents take one of these for their `--lang`."""

    code: str
    translations: gettext.NullTranslations = field(compare=False, repr=False)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    @property
    def babel_locale(self) -> str:
        return _BABEL_LOCALES.get(self.code, _BABEL_LOCALES[ENGLISH])

    def format_date(self, day: date, form: str = "long") -> str:
        """A date as the language writes it: `12 April 2017`, `12 апреля 2017 г.`."""
        return self._marked(self._date(day, form))

    def _date(self, day: date, form: str = "long") -> str:
        from babel.dates import format_date

        return str(format_date(day, format=form, locale=self.babel_locale))

    def format_day(self, day: date) -> str:
        """A short day for lists and headings: `Wed 12 Apr`, `ср, 12 апр.`, `mer. 12 avr.`."""
        from babel.dates import format_skeleton

        return self._marked(str(format_skeleton("MMMEd", day, locale=self.babel_locale)))

    def format_range(self, first: date, last: date) -> str:
        """Two days as one span: `10–14 April 2017`, `30 марта – 12 апреля 2017 г.`.

        Day-first, as in all three languages fieldkit speaks.
        """
        from babel.dates import format_skeleton

        if first == last:
            return self.format_date(first)
        if (first.year, first.month) == (last.year, last.month):
            return self._marked(f"{first.day}–{self._date(last)}")
        if first.year == last.year:
            start = format_skeleton("MMMMd", first, locale=self.babel_locale)
            return self._marked(f"{start} – {self._date(last)}")
        return self._marked(f"{self._date(first)} – {self._date(last)}")

    def _marked(self, text: str) -> str:
        """Dates come from Babel, not the catalogue: the pseudo-language marks them too, so
        that only a date written by hand (strftime) is left unmarked."""
        return pseudo(text) if self.code == PSEUDO else text


def supported(code: str) -> str | None:
    """The language a locale name or code means, if fieldkit speaks it: `ru_RU.UTF-8` -> `ru`."""
    cleaned = code.strip()
    if cleaned.lower() == PSEUDO:
        return PSEUDO
    if cleaned.upper() in ("C", "POSIX") or cleaned.upper().startswith("C."):
        return ENGLISH
    base = re.split(r"[_.@-]", cleaned.lower(), maxsplit=1)[0]
    return base if base in LANGUAGES else None


def choose(environ: Mapping[str, str], profile_language: str | None = None) -> str:
    """The language to speak, first found wins: FIELDKIT_LANG, profile, system locale, English."""
    for candidate in (environ.get("FIELDKIT_LANG", ""), profile_language or ""):
        if candidate and (found := supported(candidate)):
            return found
    for name in SYSTEM_VARIABLES:
        for part in environ.get(name, "").split(":"):
            if part and (found := supported(part)):
                return found
    return ENGLISH


@cache
def language(code: str) -> Language:
    """A language by its code; an unknown code is English."""
    if code == PSEUDO:
        return Language(PSEUDO, PseudoTranslations())
    found = supported(code) or ENGLISH
    translations = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[found], fallback=True
    )
    return Language(found, translations)


_chosen: Language = language(ENGLISH)
_override: ContextVar[Language | None] = ContextVar("fieldkit_language", default=None)


def activate(code: str) -> Language:
    """Speak this language from now on, everywhere (the command line calls this first)."""
    global _chosen
    _chosen = language(code)
    return _chosen


def current() -> Language:
    return _override.get() or _chosen


@contextmanager
def speaking(code: str) -> Iterator[Language]:
    """Speak another language for a while, e.g. to write one document in French."""
    token = _override.set(language(code))
    try:
        yield current()
    finally:
        _override.reset(token)


def _(message: str) -> str:
    """The message in the chosen language."""
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for `n`, by the chosen language's plural rules."""
    return current().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message in the chosen language, told apart from the same English in other places."""
    return current().pgettext(context, message)


def both(message: str) -> tuple[str, ...]:
    """A name in the chosen language, then in English if that differs: what the palette
    matches, so a delegate who learnt "Add note" still finds it in Russian."""
    translated = _(message)
    return (translated,) if translated == message else (translated, message)


def format_date(day: date, form: str = "long") -> str:
    return current().format_date(day, form)


def format_short_date(day: date) -> str:
    """A date for table cells: `11 Apr 2017`, `11 апр. 2017 г.`, `11 avr. 2017`."""
    return current().format_date(day, "medium")


def format_day(day: date) -> str:
    return current().format_day(day)


def format_range(first: date, last: date) -> str:
    return current().format_range(first, last)


@cache
def month_names() -> tuple[tuple[str, ...], ...]:
    """Each month's names in every language fieldkit speaks, as people type them: full and
    short, in running text and alone, lower-case, with and without accents ('juin', 'июня',
    'févr', 'fevr'). Dates are read in any of the languages, whichever is chosen."""
    from babel.dates import get_month_names

    months: list[set[str]] = [set() for _month in range(12)]
    for code in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names = get_month_names(width, context, locale=_BABEL_LOCALES[code])
                for number, name in names.items():
                    word = str(name).lower().rstrip(".")
                    months[number - 1] |= {word, _unaccented(word)}
    return tuple(tuple(sorted(names)) for names in months)


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
