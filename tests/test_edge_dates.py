"""Dates outside the years 1900-2199 are refused at their line by `check` and `build` alike
(calendars, feeds and time zones need room around every date), and so is a SOURCE_DATE_EPOCH
that is not a whole number of seconds before 2200: a usage error, never a traceback."""

from __future__ import annotations

import pytest

from .conftest import minutes, write_tree

OUT_OF_RANGE = "ligger utanför åren 1900–2199, som webbplatsen kan visa. Kontrollera årtalet."
COUNCILS_WITH_UPCOMING = """\
ssr-folkhalsa:
  name: Specifika samverkansrådet för folkhälsa
  type: minnesanteckningar
  upcoming:
    - 2026-01-01
    - {day}
"""


def _both(cli, *extra: str):
    """(check, build) of content/ in the working directory."""
    return cli("check", "--content", "content", *extra), cli("build", "--content", "content", "--out", "site", "--no-search", *extra)


@pytest.mark.parametrize(("day", "extra"), [("9999-12-31", ""), ("9999-12-31", 'time: "23:30"\n'),
                                            ("0001-01-01", 'time: "00:30-01:00"\n'), ("1899-12-31", ""), ("2200-01-01", "")])
def test_a_meeting_date_outside_the_range_is_an_error_at_its_line(cli, tmp_path, day, extra):
    write_tree(tmp_path, {f"minutes/ssr-folkhalsa/{day}.md": minutes(date=day, extra=extra)})
    for run in _both(cli):
        assert run.code == 1, run.err
        assert run.lines == [f"content/minutes/ssr-folkhalsa/{day}.md:3: fel: Datumet {day} {OUT_OF_RANGE}"]
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("day", ["1900-01-01", "2199-12-31"])
def test_the_first_and_last_day_of_the_range_build(cli, tmp_path, day):
    write_tree(tmp_path, {f"minutes/ssr-folkhalsa/{day}.md": minutes(date=day, extra='time: "23:30-23:59"\n')})
    check, build = _both(cli)
    assert check.code == 0 and build.code == 0, build.err
    assert f"DTSTART:{day[:4]}" in (tmp_path / "site" / "ssr-folkhalsa" / "kalender.ics").read_text()


def test_an_upcoming_date_outside_the_range_is_an_error_at_its_line(cli, tmp_path):
    write_tree(tmp_path, {"councils.yaml": COUNCILS_WITH_UPCOMING.format(day="9999-12-31"),
                          "minutes/ssr-folkhalsa/2025-03-21.md": minutes()})
    for run in _both(cli):
        assert run.code == 1, run.err
        assert [line for line in run.lines if ": fel: " in line] == [f"content/councils.yaml:6: fel: Datumet 9999-12-31 {OUT_OF_RANGE}"]


def test_a_justering_date_outside_the_range_is_an_error_at_its_line(cli, tmp_path):
    justerare = "\n  - name: Anna Ahnér\n    date: 0001-01-01"
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(justerare=justerare)})
    for run in _both(cli):
        assert run.code == 1, run.err
        assert run.lines == [f"content/minutes/ssr-folkhalsa/2025-03-21.md:6: fel: Datumet 0001-01-01 {OUT_OF_RANGE}"]


@pytest.mark.parametrize("value", ["253402300800", "7258118400", "-1", "1e9", "1735689600.5", "١٢٣", "9" * 400])
def test_a_source_date_epoch_out_of_range_or_malformed_is_a_usage_error(cli, tmp_path, monkeypatch, value):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes()})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    shown = value if len(value) <= 40 else value[:40] + "…"
    for run in _both(cli):
        assert run.code == 2, run.err
        assert run.err == (f"protokoll: fel: miljövariabeln SOURCE_DATE_EPOCH={shown} ska vara ett heltal sekunder sedan "
                           "1970-01-01 (UTC), högst 7258118399 (år 2199), t.ex. 1735689600. Rätta den eller ta bort den.\n")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("value", ["0", "7258118399", ""])
def test_a_source_date_epoch_in_range_builds(cli, tmp_path, monkeypatch, value):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes()})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    check, build = _both(cli)
    assert check.code == 0 and build.code == 0, build.err
