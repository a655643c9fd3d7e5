"""iCalendar files per council, parsed with the icalendar library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup


from .conftest import BASE_COUNCILS, SEED_CONTENT, SEED_EPOCH, build_site, minutes, write_tree


build = build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", SEED_EPOCH)  # 2026-06-01: one announced date past, two coming
    try:
        return build(SEED_CONTENT, tmp_path_factory.mktemp("calendars") / "site")
    finally:
        mp.undo()


def calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(path: Path) -> list[icalendar.Event]:
    return list(calendar(path).walk("VEVENT"))


def council_page(site: Path, council_id: str) -> BeautifulSoup:
    return BeautifulSoup((site / council_id / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_council_has_a_valid_calendar(site):
    councils = sorted(p.parent.parent.name for p in site.glob("*/narvaro/index.html"))
    assert sorted(p.parent.name for p in site.glob("*/kalender.ics")) == councils
    for council_id in councils:
        path = site / council_id / "kalender.ics"
        assert b"\r\n" in path.read_bytes() and all(len(line) <= 75 for line in path.read_bytes().split(b"\r\n"))
        cal = calendar(path)
        assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])
        uids = []
        for event in cal.walk("VEVENT"):
            for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                assert prop in event, f"{path}: VEVENT without {prop}"
            assert event.decoded("DTSTAMP").tzinfo is not None  # DTSTAMP is UTC
            uids.append(str(event["UID"]))
        assert len(uids) == len(set(uids))


def test_held_meetings_link_to_their_minutes(site):
    for path in sorted(site.glob("*/kalender.ics")):
        council_id = path.parent.name
        section = council_page(site, council_id).find(attrs={"aria-labelledby": "moten"})
        page_urls = sorted(a["href"] for a in section.select(".meeting-list a"))
        held = [e for e in events(path) if str(e["STATUS"]) == "CONFIRMED"]
        linked = sorted(str(e["DESCRIPTION"]).split(": ", 1)[1].split("\n")[0] for e in held)
        assert linked == page_urls
        for url in linked:
            assert (site / url.strip("/") / "index.html").is_file()


def test_planned_dates_match_the_council_page(site):
    coming = past = 0
    for path in sorted(site.glob("*/kalender.ics")):
        page = council_page(site, path.parent.name)
        shown_coming = [t["datetime"] for t in page.select(".upcoming .is-coming time")]
        shown_past = [t["datetime"] for t in page.select(".meeting-list .planned.is-unpublished time")]
        planned = sorted(e.decoded("DTSTART").isoformat() for e in events(path) if str(e["STATUS"]) == "TENTATIVE")
        assert planned == sorted(shown_coming + shown_past)
        coming, past = coming + len(shown_coming), past + len(shown_past)
    assert coming > 0 and past > 0, "the seed announces dates on both sides of 2026-06-01"


def test_meeting_time_is_local_stockholm_time(site):
    event = next(e for e in events(site / "specifika-samverkansradet-folkhalsa" / "kalender.ics")
                 if e.decoded("DTSTART") == dt.datetime(2025, 3, 21, 8, 0, tzinfo=dt.timezone.utc))
    assert event.decoded("DTEND") == dt.datetime(2025, 3, 21, 11, 0, tzinfo=dt.timezone.utc)  # 09:00-12:00 CET
    assert str(event["LOCATION"]) == "Digitalt möte på Teams"


def test_text_is_escaped_by_the_library(tmp_path):
    body = "## 1. Mötet öppnas\n\nText.\n"
    content = write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(
        body=body, extra='title: "Möte; med, komma och \\\\ snedstreck"\nplace: "Sal A, plan 2; Örebro"\n')})
    out = build(content, tmp_path / "site")
    event = events(out / "ssr-folkhalsa" / "kalender.ics")[0]
    assert str(event["SUMMARY"]) == "Möte; med, komma och \\ snedstreck"
    assert str(event["LOCATION"]) == "Sal A, plan 2; Örebro"


def test_published_minutes_replace_the_planned_event(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    councils = BASE_COUNCILS + "  upcoming:\n    - 2025-05-22\n"  # appended to ssr-social
    content = write_tree(tmp_path, {"councils.yaml": councils,
                                    "minutes/ssr-social/2025-03-21.md": minutes(council="ssr-social")})
    before = events(build(content, tmp_path / "site") / "ssr-social" / "kalender.ics")
    planned = next(e for e in before if str(e["STATUS"]) == "TENTATIVE")
    assert planned.decoded("DTSTART") == dt.date(2025, 5, 22)
    assert planned.decoded("DTSTAMP") == dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)

    (content / "minutes/ssr-social/2025-05-22.md").write_text(minutes(council="ssr-social", date="2025-05-22"), encoding="utf-8")
    after = events(build(content, tmp_path / "site") / "ssr-social" / "kalender.ics")
    held = next(e for e in after if e.decoded("DTSTART") == dt.date(2025, 5, 22))
    assert str(held["STATUS"]) == "CONFIRMED"
    assert str(held["UID"]) == str(planned["UID"])
    assert len(after) == 2
