"""Statutory time limits for minutes under the Kommunallagen, counted as lag (1930:173) says.

- The justering is announced on the anslagstavla at the latest two days after it
  (KL 8 kap. 12 §); a decision may be appealed (laglighetsprövning) within three
  weeks of the day it was announced (KL 13 kap. 5 §).
- A period in weeks ends on the same weekday as the day it is counted from (1 §).
- A period that ends on a Saturday, a Sunday, another public holiday (allmän
  helgdag), midsommarafton, julafton or nyårsafton ends on the next weekday that
  is none of these (2 §). The two-day limit for the announcement is counted the
  same way.

The holidays come from the `holidays` library: its Swedish `public` category is
the allmänna helgdagar of lag (1989:253), and its `de_facto` category is exactly
midsommarafton, julafton and nyårsafton (tests/test_appeal.py checks both).
Decisions that were not appealed gain legal force (vinner laga kraft) the day
after the last day to appeal.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

APPEAL_PERIOD = dt.timedelta(weeks=3)
ANNOUNCE_WITHIN = dt.timedelta(days=2)
ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=None)
def closed_days(year: int) -> dict[dt.date, str]:
    """The public holidays, midsommarafton, julafton and nyårsafton of a year, with their Swedish names."""
    found = holidays.country_holidays("SE", years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO),
                                      language="sv")
    return dict(found.items())


def is_weekday(day: dt.date) -> bool:
    """A vardag in the sense of 1930:173: not a Saturday, Sunday, public holiday or one of the three aftnar."""
    return day.weekday() < 5 and day not in closed_days(day.year)


def on_or_after_weekday(day: dt.date) -> dt.date:
    """`day`, or the first weekday after it when it is not one (1930:173, 2 §)."""
    while not is_weekday(day):
        day += ONE_DAY
    return day


def last_day_to_appeal(announced: dt.date) -> dt.date:
    """Three weeks after the announcement, moved to the next weekday when needed."""
    return on_or_after_weekday(announced + APPEAL_PERIOD)


def last_day_to_announce(justerat: dt.date) -> dt.date:
    """Two days after the justering, moved to the next weekday when needed."""
    return on_or_after_weekday(justerat + ANNOUNCE_WITHIN)


def legal_force(last_day: dt.date) -> dt.date:
    """The day decisions that were not appealed gained legal force: the day after the last day to appeal."""
    return last_day + ONE_DAY
