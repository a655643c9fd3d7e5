"""The appeal period under lag (1930:173): every expected date below was worked out by hand
from the calendar (the weekday of the announcement, three weeks on, then the holidays of
that year), not by the code under test."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content import appeal
from generator.shared.builddate import build_date

D = dt.date.fromisoformat

# (announced, last day to appeal, why)
DEADLINES = [
    ("2025-12-10", "2026-01-02", "DESIGN 1b: Wed 31 Dec is nyårsafton, Thu 1 Jan nyårsdagen"),
    ("2026-05-29", "2026-06-22", "DESIGN 1b: Fri 19 Jun midsommarafton, Sat 20 midsommardagen, Sun 21"),
    ("2026-03-26", "2026-04-16", "an ordinary Thursday three weeks on"),
    ("2026-03-13", "2026-04-07", "Easter 2026: långfredagen 3 Apr, Sat, påskdagen, annandag påsk 6 Apr"),
    ("2025-03-31", "2025-04-22", "Easter 2025: annandag påsk Mon 21 Apr"),
    ("2024-03-08", "2024-04-02", "Easter 2024: långfredagen 29 Mar, Sat, Sun, annandag påsk 1 Apr"),
    ("2029-03-12", "2029-04-03", "Easter 2029: annandag påsk Mon 2 Apr"),
    ("2026-04-23", "2026-05-15", "Kristi himmelsfärd Thu 14 May 2026; the Friday after is a weekday"),
    ("2025-05-08", "2025-05-30", "Kristi himmelsfärd Thu 29 May 2025"),
    ("2027-04-15", "2027-05-07", "Kristi himmelsfärd Thu 6 May 2027 (Easter 28 Mar)"),
    ("2030-05-09", "2030-05-31", "Kristi himmelsfärd Thu 30 May 2030 (Easter 21 Apr)"),
    ("2025-05-30", "2025-06-23", "midsommarafton Fri 20 Jun 2025"),
    ("2024-05-31", "2024-06-24", "midsommarafton Fri 21 Jun 2024"),
    ("2030-05-31", "2030-06-24", "midsommarafton Fri 21 Jun 2030"),
    ("2025-05-16", "2025-06-09", "nationaldagen Fri 6 Jun 2025; annandag pingst is no holiday since 2005"),
    ("2026-05-16", "2026-06-08", "nationaldagen on Sat 6 Jun 2026"),
    ("2025-12-03", "2025-12-29", "julafton Wed 24 Dec 2025, juldagen, annandag jul, Sat, Sun"),
    ("2026-12-03", "2026-12-28", "julafton Thu 24 Dec 2026, juldagen Fri, annandag jul Sat, Sun"),
    ("2027-12-10", "2028-01-03", "nyårsafton Fri 31 Dec 2027, nyårsdagen Sat, Sun"),
    ("2029-12-10", "2030-01-02", "nyårsafton Mon 31 Dec 2029, nyårsdagen Tue"),
    ("2025-12-16", "2026-01-07", "trettondedag jul Tue 6 Jan 2026"),
    ("2026-02-14", "2026-03-09", "announced on a Saturday: the period ends on Saturday 7 Mar"),
    ("2024-09-08", "2024-09-30", "the period ends on Sunday 29 Sep"),
    ("2024-10-12", "2024-11-04", "alla helgons dag Sat 2 Nov 2024"),
    ("2028-04-10", "2028-05-02", "första maj Mon 1 May 2028"),
    ("2028-02-08", "2028-02-29", "leap day 2028, a Tuesday"),
]


@pytest.mark.parametrize("announced, expected, why", DEADLINES, ids=[d[0] for d in DEADLINES])
def test_last_day_to_appeal_follows_lag_1930_173(announced, expected, why):
    assert appeal.last_day_to_appeal(D(announced)) == D(expected), why


def test_at_least_twenty_deadlines_across_2024_to_2030_are_checked():
    years = {D(a).year for a, _, _ in DEADLINES} | {D(e).year for _, e, _ in DEADLINES}
    assert len(DEADLINES) >= 20 and set(range(2024, 2031)) <= years


@pytest.mark.parametrize("justerat, expected", [
    ("2026-03-23", "2026-03-25"),  # Monday -> Wednesday
    ("2026-03-26", "2026-03-30"),  # Thursday -> Saturday -> Monday
    ("2026-04-01", "2026-04-07"),  # Wednesday -> långfredagen -> Sat, Sun, annandag påsk -> Tuesday
    ("2025-12-22", "2025-12-29"),  # Monday -> julafton -> juldagen, annandag jul, Sat, Sun -> Monday
])
def test_the_two_days_to_announce_are_counted_the_same_way(justerat, expected):
    assert appeal.last_day_to_announce(D(justerat)) == D(expected)


def test_decisions_gain_legal_force_the_day_after_the_last_day():
    assert appeal.legal_force(D("2026-01-02")) == D("2026-01-03")


@pytest.mark.parametrize("year", range(2024, 2031))
def test_the_library_closes_exactly_the_days_the_law_names(year):
    """`public` holds the allmänna helgdagar; `de_facto` exactly the three aftnar of 1930:173 2 §."""
    names = set(appeal.closed_days(year).values())
    aftnar = {"Midsommarafton", "Julafton", "Nyårsafton"}
    helgdagar = {"Nyårsdagen", "Trettondedag jul", "Långfredagen", "Påskdagen", "Annandag påsk", "Första maj",
                 "Kristi himmelsfärdsdag", "Pingstdagen", "Nationaldagen", "Midsommardagen",
                 "Alla helgons dag", "Juldagen", "Annandag jul"}
    assert names == aftnar | helgdagar
    assert appeal.closed_days(year)[dt.date(year, 12, 24)] == "Julafton"
    assert appeal.closed_days(year)[dt.date(year, 12, 31)] == "Nyårsafton"


@pytest.mark.parametrize("epoch, expected", [
    ("1767393000", "2026-01-02"),  # 2026-01-02T22:30Z is 23:30 in Stockholm (CET)
    ("1767396600", "2026-01-03"),  # 2026-01-02T23:30Z is already 00:30 on 3 January there
    ("1781904600", "2026-06-19"),  # 2026-06-19T21:30Z is 23:30 in Stockholm (CEST)
    ("1781908200", "2026-06-20"),  # 2026-06-19T22:30Z is already 20 June there
])
def test_the_build_date_is_the_swedish_date_of_the_epoch(monkeypatch, epoch, expected):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_date() == D(expected)
