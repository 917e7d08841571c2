"""UPR sessions: which cycle and year each Working Group session belongs to.

Sources that give only a session (UPR Info's export) get their cycle and year from here.
"""

from __future__ import annotations

#: Working Group session -> year it was held. Sessions 1-12 are cycle 1, 13-26 cycle 2,
#: 27-40 cycle 3 (session 36 was postponed from May to November 2020), 41-54 cycle 4.
YEARS: dict[int, int] = {
    1: 2008, 2: 2008, 3: 2008, 4: 2009, 5: 2009, 6: 2009, 7: 2010, 8: 2010, 9: 2010,
    10: 2011, 11: 2011, 12: 2011, 13: 2012, 14: 2012, 15: 2013, 16: 2013, 17: 2013,
    18: 2014, 19: 2014, 20: 2014, 21: 2015, 22: 2015, 23: 2015, 24: 2016, 25: 2016, 26: 2016,
    27: 2017, 28: 2017, 29: 2018, 30: 2018, 31: 2018, 32: 2019, 33: 2019, 34: 2019,
    35: 2020, 36: 2020, 37: 2021, 38: 2021, 39: 2021, 40: 2022, 41: 2022, 42: 2023,
    43: 2023, 44: 2023, 45: 2024, 46: 2024, 47: 2024, 48: 2025, 49: 2025, 50: 2025,
    51: 2026, 52: 2026, 53: 2026, 54: 2027,
}  # fmt: skip

_FIRST_SESSION_OF_CYCLE = (1, 13, 27, 41, 55)


def cycle_of(session: int) -> int | None:
    if session < 1:
        return None
    return sum(1 for first in _FIRST_SESSION_OF_CYCLE if session >= first)


def year_of(session: int) -> int | None:
    return YEARS.get(session)
