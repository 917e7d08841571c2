"""Dates as people say them, read in the meeting's year."""

from __future__ import annotations

from datetime import date

import pytest

from fieldkit.domain.dates import parse_date, spoken

MEETING = date(2017, 4, 11)


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("30/6", "2017-06-30"),
        ("30.06.2017", "2017-06-30"),
        ("30.6.18", "2018-06-30"),
        ("June 2017", "2017-06-30"),
        ("june", "2017-06-30"),
        ("2017-09", "2017-09-30"),
        ("2018-02", "2018-02-28"),
        ("end of year", "2017-12-31"),
        ("End of the year", "2017-12-31"),
        ("end of June", "2017-06-30"),
        ("end of month", "2017-04-30"),
        ("end of 2018", "2018-12-31"),
        ("+3m", "2017-07-11"),
        ("+2w", "2017-04-25"),
        ("+10d", "2017-04-21"),
        ("+1y", "2018-04-11"),
        ("in 3 months", "2017-07-11"),
        ("2017-06-30", "2017-06-30"),
        ("30 June 2017", "2017-06-30"),
        ("6/7", "2017-07-06"),
        ("  ", ""),
        ("30 may", "2017-05-30"),  # a day and a month, never 30 months
        ("30 dec", "2017-12-30"),
        ("12 days", "2017-04-23"),
    ],
)
def test_dates_as_people_say_them(said: str, stored: str) -> None:
    assert parse_date(said, MEETING) == stored


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("30 июня", "2017-06-30"),
        ("30 июня 2017 г.", "2017-06-30"),
        ("июнь 2018", "2018-06-30"),
        ("15 сент.", "2017-09-15"),
        ("30 мая", "2017-05-30"),
        ("конец года", "2017-12-31"),
        ("до конца месяца", "2017-04-30"),
        ("через 3 месяца", "2017-07-11"),
        ("через 2 недели", "2017-04-25"),
        ("сегодня", "2017-04-11"),
        ("30 juin", "2017-06-30"),
        ("1er juillet 2017", "2017-07-01"),
        ("févr. 2018", "2018-02-28"),
        ("fevrier", "2017-02-28"),
        ("fin juin", "2017-06-30"),
        ("d'ici la fin de l'année", "2017-12-31"),
        ("dans 10 jours", "2017-04-21"),
        ("demain", "2017-04-12"),
    ],
)
def test_dates_are_read_in_russian_and_french_whatever_the_language(said: str, stored: str) -> None:
    assert parse_date(said, MEETING) == stored


@pytest.mark.parametrize("said", ["soon", "31/6", "13/13", "42", "2017-13", "+m", "30 лун"])
def test_what_is_no_date_is_refused_with_examples(said: str) -> None:
    with pytest.raises(ValueError, match="is not a date .*30/6"):
        parse_date(said, MEETING)


def test_a_date_is_shown_back_in_words() -> None:
    assert spoken("2017-06-30") == "Friday, 30 June 2017"
