"""What a visitor reads: one justering status everywhere, unique page titles, coming
meetings against the build's date, and the site's own words. Built from small
inline sites; every output is read with a real parser (BeautifulSoup, ElementTree,
json, icalendar)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from .conftest import BASE_SITE, build_site, minutes, write_tree

ATOM = "{http://www.w3.org/2005/Atom}"
COUNCILS = """\
grupp:
  name: Chefsgruppen för skola
  short_name: Chefsgrupp skola
  type: minnesanteckningar
  justering: false
  upcoming:
    - 2026-02-06
    - 2026-09-18
    - date: 2026-11-20
      inställt: true
    - date: 2026-01-16
      inställt: true
ssr-social:
  name: Specifika samverkansrådet för social välfärd
  short_name: SSR social
  type: protokoll
  upcoming:
    - 2026-03-13
"""
PRESENT = "  Ledamöter:\n    - Anna Ahnér, Askersunds kommun\n    - Jonas Hansen, Lekebergs kommun\n"
EXPECTED = {
    # meeting key -> the status words every output must use for it
    "grupp/2026-02-06": "Justeras inte",
    "grupp/2026-03-06": "Justeras inte",  # joint with ssr-social, which verifies: a warning, same words
    "ssr-social/2026-03-13": "Justerat",
    "ssr-social/2026-04-24": "Ej justerat",
}
TODAY = "1780272000"  # 2026-06-01


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("visitors")
    content = write_tree(root, {
        "councils.yaml": COUNCILS,
        "minutes/grupp/2026-02-06.md": minutes(council="grupp", date="2026-02-06", narvaro=PRESENT),
        "minutes/grupp/2026-03-06.md": minutes(council="[grupp, ssr-social]", date="2026-03-06", narvaro=PRESENT),
        "minutes/ssr-social/2026-03-13.md": minutes(council="ssr-social", date="2026-03-13", narvaro=PRESENT,
                                                     justerare="[{name: Anna Ahnér, date: 2026-03-20}]"),
        "minutes/ssr-social/2026-04-24.md": minutes(council="ssr-social", date="2026-04-24", narvaro=PRESENT,
                                                     justerare="[Jonas Hansen]"),
    })
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", TODAY)
    try:
        return build_site(content, root / "site")
    finally:
        mp.undo()


def meeting_key(href: str) -> str | None:
    parts = href.strip("/").split("/")
    key = "/".join(parts[-2:])
    return key if key in EXPECTED else None


# --- one justering status ------------------------------------------------------------------

def test_the_same_meeting_shows_the_same_status_words_on_every_page_in_the_feeds_and_open_data(site):
    seen: dict[str, set[tuple[str, str]]] = {key: set() for key in EXPECTED}
    for path in sorted(site.rglob("*.html")):
        page = soup(path)
        rel = path.relative_to(site).as_posix()
        key = meeting_key(rel.removesuffix("index.html"))
        if key:
            status = page.select_one("p.justering strong")
            seen[key].add((rel, status.get_text()))
            seen[key].add((rel + " (search)", page.select_one("[data-pagefind-meta=justering]").get_text()))
        for item in page.select(".meeting-list li"):
            link = item.select_one("a")
            if link and meeting_key(link["href"]):
                seen[meeting_key(link["href"])].add((rel + " (list)", item.select_one(".justering-status").get_text()))
    for feed in [site / "feed.xml", *sorted(site.glob("*/feed.xml"))]:
        for entry in ET.parse(feed).getroot().iter(f"{ATOM}entry"):
            key = meeting_key(entry.find(f"{ATOM}link").get("href"))
            summary = entry.find(f"{ATOM}summary").text
            words = next(w for w in ("Ej justerat", "Justeras inte", "Justerat") if f" {w}." in summary)
            seen[key].add((feed.relative_to(site).as_posix(), words))
    for event in json.loads((site / "data" / "meetings.json").read_text(encoding="utf-8"))["events"]:
        seen[event["id"]].add(("data/meetings.json", event["justering"]))
    for key, expected in EXPECTED.items():
        places = {place for place, _ in seen[key]}
        assert {"index.html (list)", "feed.xml", "data/meetings.json"} <= places, key
        assert {words for _, words in seen[key]} == {expected}, (key, sorted(seen[key]))


def test_no_page_says_ej_justerat_for_a_council_that_does_not_verify_its_minutes(site):
    unverified = {"grupp/2026-02-06", "grupp/2026-03-06"}
    for path in sorted(site.rglob("*.html")):
        page = soup(path)
        for item in page.select(".meeting-list li"):
            if item.a and meeting_key(item.a["href"]) in unverified:
                assert "Ej justerat" not in item.get_text(), path
    for key in unverified:
        assert "Ej justerat" not in soup(site / key / "index.html").get_text()
    text = " ".join(soup(site / "grupp" / "2026-02-06" / "index.html").select_one("p.justering").get_text().split())
    assert text == "Justeras inte. Chefsgrupp skola justerar inte sina minnesanteckningar."


def test_justering_dates_are_written_for_people_with_the_iso_date_in_time(site):
    page = soup(site / "ssr-social" / "2026-03-13" / "index.html")
    assert " ".join(page.select_one("p.justering").get_text().split()) == "Justerat 20 mars 2026 av Anna Ahnér."
    assert page.select_one("p.justering time")["datetime"] == "2026-03-20"
    assert page.select_one("ul.justerare time").get_text() == "20 mars 2026"


def test_empty_justerare_is_a_warning_only_for_a_council_that_verifies(cli, tmp_path):
    write_tree(tmp_path, {
        "councils.yaml": COUNCILS,
        "minutes/grupp/2026-02-06.md": minutes(council="grupp", date="2026-02-06"),
        "minutes/ssr-social/2026-03-13.md": minutes(council="ssr-social", date="2026-03-13"),
    })
    result = cli("check", "--content", "content")
    assert result.code == 0
    assert result.lines == [
        "content/minutes/ssr-social/2026-03-13.md:4: varning: Mötet har inga justerare, men Specifika samverkansrådet "
        "för social välfärd justerar sina protokoll. Ange justerarna, eller skriv `justering: false` under rådet i "
        "councils.yaml om dess protokoll aldrig justeras."]


def test_justering_and_installt_must_be_true_or_false(cli, tmp_path):
    councils = COUNCILS.replace("justering: false", "justering: nja").replace("inställt: true\n    - date: 2026-01-16",
                                                                               "inställt: kanske\n    - date: 2026-01-16")
    write_tree(tmp_path, {"councils.yaml": councils})
    result = cli("check", "--content", "content")
    assert result.code == 1
    assert result.lines == [
        "content/councils.yaml:5: fel: `justering: nja` ska vara true eller false.",
        "content/councils.yaml:10: fel: `inställt: kanske` ska vara true eller false.",
    ]


# --- coming meetings and the build's date --------------------------------------------------------

def test_a_past_announced_date_is_not_listed_as_coming(site):
    """Built on 2026-06-01 (SOURCE_DATE_EPOCH)."""
    page = soup(site / "grupp" / "index.html")
    coming = [(li.time["datetime"], li.get_text(" ", strip=True)) for li in page.select(".upcoming li")]
    assert coming == [("2026-09-18", "18 september 2026"), ("2026-11-20", "20 november 2026 – Inställt")]
    planned = {li.time["datetime"]: li.get_text(" ", strip=True).split(" – ", 1)[1]
               for li in page.select(".meeting-list li.planned")}
    # 2026-02-06 has minutes: it is a meeting, not a plan; 2026-01-16 was cancelled
    assert planned == {"2026-01-16": "Inställt"}
    social = soup(site / "ssr-social" / "index.html")
    assert social.select(".upcoming li") == []


def test_past_date_without_minutes_reads_not_yet_published(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY)
    content = write_tree(tmp_path, {"councils.yaml": COUNCILS.replace("    - 2026-03-13\n", "    - 2026-05-15\n"),
                                    "minutes/ssr-social/2026-03-13.md": minutes(council="ssr-social", date="2026-03-13",
                                                                               justerare="[Anna Ahnér]")})
    page = soup(build_site(content, tmp_path / "site") / "ssr-social" / "index.html")
    assert [li.get_text(" ", strip=True) for li in page.select(".meeting-list li.planned")] == [
        "15 maj 2026 – Protokoll ännu inte publicerat"]
    assert page.select(".upcoming") == []
    councils = json.loads((tmp_path / "site" / "data" / "councils.json").read_text(encoding="utf-8"))["organizations"]
    assert {c["id"]: c["upcoming_meetings"] for c in councils} == {"grupp": ["2026-09-18"], "ssr-social": []}


def test_the_same_content_on_a_later_date_lists_fewer_coming_meetings(tmp_path, monkeypatch):
    content = write_tree(tmp_path, {"councils.yaml": COUNCILS})
    shown = {}
    for epoch in ("1780272000", "1790812800"):  # 2026-06-01, 2026-10-01
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        out = build_site(content, tmp_path / "site")
        shown[epoch] = [t["datetime"] for t in soup(out / "grupp" / "index.html").select(".upcoming .is-coming time")]
    assert shown == {"1780272000": ["2026-09-18"], "1790812800": []}


def test_a_cancelled_meeting_is_cancelled_in_the_calendar(site):
    events = icalendar.Calendar.from_ical((site / "grupp" / "kalender.ics").read_bytes()).walk("VEVENT")
    status = {e.decoded("DTSTART").isoformat(): str(e["STATUS"]) for e in events}
    assert status == {"2026-01-16": "CANCELLED", "2026-02-06": "CONFIRMED", "2026-03-06": "CONFIRMED",
                      "2026-09-18": "TENTATIVE", "2026-11-20": "CANCELLED"}


# --- titles and words ------------------------------------------------------------------------------

def test_every_page_title_is_unique_homonyms_and_same_day_meetings_included(tmp_path):
    people = ("karin-larsson-fagersta:\n  name: Karin Larsson\n  org: Fagersta kommun\n"
              "karin-larsson-nora:\n  name: Karin Larsson\n  org: Nora kommun\n")
    narvaro = "  Ledamöter:\n    - Karin Larsson, Fagersta kommun\n    - Karin Larsson, Nora kommun\n"
    content = write_tree(tmp_path, {
        "people.yaml": people,
        "minutes/ssr-folkhalsa/2026-03-06.md": minutes(date="2026-03-06", narvaro=narvaro),
        "minutes/ssr-folkhalsa/2026-03-06-extra.md": minutes(date="2026-03-06", narvaro=narvaro, extra='time: "15:00"\n'),
    })
    out = build_site(content, tmp_path / "site")
    titles = {p.relative_to(out).as_posix(): soup(p).title.get_text() for p in out.rglob("*.html")}
    assert [t for t, n in Counter(titles.values()).items() if n > 1] == []
    assert titles["personer/karin-larsson-fagersta/index.html"] == "Karin Larsson, Fagersta kommun – Testråd"
    assert titles["personer/karin-larsson-nora/index.html"] == "Karin Larsson, Nora kommun – Testråd"
    assert titles["ssr-folkhalsa/2026-03-06-extra/index.html"].startswith(
        "Minnesanteckningar specifika samverkansrådet för folkhälsa, 6 mars 2026, kl. 15:00 –")


def test_derived_titles_read_as_text_and_short_names_are_expanded_on_first_use(site):
    page = soup(site / "grupp" / "2026-02-06" / "index.html")
    assert page.h1.get_text() == "Minnesanteckningar chefsgruppen för skola"
    abbr = page.select("abbr")
    assert [(a.get_text(), a["title"]) for a in abbr] == [("Chefsgrupp skola", "Chefsgruppen för skola")]
    home = soup(site / "index.html")
    expanded = [a.get_text() for a in home.select("abbr")]
    assert sorted(expanded) == ["Chefsgrupp skola", "SSR social"]  # once each, however often the list names them


def test_site_yaml_without_copy_gets_defaults_and_the_copy_keys_are_checked(cli, tmp_path):
    write_tree(tmp_path, {"site.yaml": BASE_SITE + "intro:\n  - en lista\nlicence: <b>CC0</b>\n"})
    result = cli("check", "--content", "content")
    assert result.code == 1
    assert [line.split(": fel: ")[1].split(" ")[0] for line in result.lines] == ["`intro`", "`licence`"]
