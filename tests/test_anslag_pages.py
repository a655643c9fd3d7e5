"""The anslagstavla, the meeting page's anslag block, rättelser, and what feeds, calendars and
open data say of them; built from tests/legal_content.py on a fixed day (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.shared import builddate

from .conftest import SEED_CONTENT, build_site, snapshot, write_tree
from .legal_content import EPOCH, FILES, POSTED, TAKEN_DOWN

A = "{http://www.w3.org/2005/Atom}"


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def section_links(page: BeautifulSoup, heading_id: str) -> list[str]:
    section = page.find(id=heading_id).find_parent("section")
    return [a["href"] for a in section.select("tbody th a")]


def block(site: Path, meeting: str) -> BeautifulSoup:
    return soup(site, f"{meeting}/index.html").find("section", class_="anslag")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


# --- the anslagstavla ------------------------------------------------------------------------

def test_the_board_lists_exactly_what_is_under_appeal_that_day_and_the_rest_as_taken_down(legal_site):
    page = soup(legal_site, "anslag/index.html")
    assert section_links(page, "anslagna") == POSTED
    assert section_links(page, "nedtagna") == TAKEN_DOWN
    assert "Läget den 10 april 2026" in text(page.find("p", class_="lead"))


def test_each_posted_row_says_when_until_when_who_and_where(legal_site):
    page = soup(legal_site, "anslag/index.html")
    rows = page.find(id="anslagna").find_parent("section").select("tbody tr")
    cells = [[text(c) for c in row.find_all(["th", "td"])] for row in rows]
    assert cells[1] == ["Protokoll kommunstyrelsen, 16 mars 2026", "Kommunstyrelsen", "24 mars 2026", "14 april 2026",
                        "Kommunledningskontoret, Stadshuset, Storgatan 1"]
    assert cells[0][1:4] == ["Tekniska nämnden och Kommunstyrelsen", "30 mars 2026", "20 april 2026"]
    assert cells[0][4] == ("Tekniska förvaltningen, Storgatan 3 (TN); Kommunledningskontoret, Stadshuset, "
                           "Storgatan 1 (KS)")
    taken = page.find(id="nedtagna").find_parent("section").select("tbody tr")
    assert [text(c) for c in taken[0].find_all(["th", "td"])][2:] == ["23 februari 2026", "16 mars 2026", "17 mars 2026"]


def test_a_day_later_the_protocol_whose_last_day_it_was_is_taken_down(tmp_path, monkeypatch):
    content = write_tree(tmp_path, FILES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    site = build_site(content, tmp_path / "site")
    page = soup(site, "anslag/index.html")
    assert section_links(page, "anslagna") == POSTED[:2]
    assert section_links(page, "nedtagna") == ["/kommunstyrelsen/2026-03-13/", *TAKEN_DOWN]


def test_two_builds_with_one_epoch_are_byte_identical(tmp_path, monkeypatch):
    content = write_tree(tmp_path, FILES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = snapshot(build_site(content, tmp_path / "one"))
    second = snapshot(build_site(content, tmp_path / "two"))
    assert "anslag/index.html" in first and "anslag/kalender.ics" in first
    assert first == second


def test_without_an_epoch_the_next_day_is_a_new_build(tmp_path, monkeypatch):
    """A daily build without SOURCE_DATE_EPOCH is no no-op: the board follows the clock's date."""
    import datetime as dt

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    content = write_tree(tmp_path, FILES)
    monkeypatch.setattr(builddate, "build_date", lambda: dt.date(2026, 4, 10))
    site = build_site(content, tmp_path / "site")
    assert section_links(soup(site, "anslag/index.html"), "anslagna") == POSTED
    monkeypatch.setattr(builddate, "build_date", lambda: dt.date(2026, 4, 15))  # 2026-04-06 announced on the 13th
    site = build_site(content, tmp_path / "site")
    assert section_links(soup(site, "anslag/index.html"), "anslagna") == ["/kommunstyrelsen/2026-04-06/", POSTED[0]]


def test_a_site_where_no_council_announces_has_no_board(seed_site):
    assert not (seed_site / "anslag").exists()
    assert "/anslag/" not in (seed_site / "index.html").read_text(encoding="utf-8")


def test_the_home_page_and_an_announcing_council_link_to_the_board(legal_site):
    assert soup(legal_site, "index.html").find("a", href="/anslag/")
    assert soup(legal_site, "kommunstyrelsen/index.html").find("a", href="/anslag/")
    assert not soup(legal_site, "samverkansradet/index.html").find("a", href="/anslag/")


# --- the anslag block ------------------------------------------------------------------------

def test_a_protocol_under_appeal_says_so_and_until_when(legal_site):
    found = block(legal_site, "kommunstyrelsen/2026-03-16")
    facts = {text(dt_): text(dt_.find_next_sibling("dd")) for dt_ in found.find_all("dt")}
    assert facts == {"Justerat": "23 mars 2026", "Anslaget": "24 mars 2026",
                     "Förvaringsplats": "Kommunledningskontoret, Stadshuset, Storgatan 1"}
    assert "Sista dag att överklaga: 14 april 2026" in text(found)
    assert "Protokollet är under överklagandetid: besluten kan överklagas till och med den 14 april 2026." in text(found)
    assert "laglighetsprövning enligt 13 kap. kommunallagen" in text(found)
    assert found.find("a", href="/anslag/")


def test_after_the_last_day_the_block_says_when_the_decisions_gained_legal_force(legal_site):
    found = text(block(legal_site, "kommunstyrelsen/2026-02-16"))
    assert "Sista dag att överklaga: 16 mars 2026" in found
    assert ("Tiden för överklagande gick ut den 16 mars 2026. Beslut som inte har överklagats vann laga kraft den "
            "17 mars 2026.") in found
    assert "under överklagandetid" not in found and "laglighetsprövning" not in found


def test_a_joint_meeting_runs_from_the_last_councils_announcement(legal_site):
    found = block(legal_site, "tekniska-namnden/2026-03-20")
    facts = [(text(dt_), text(dt_.find_next_sibling("dd"))) for dt_ in found.find_all("dt")]
    assert ("Anslaget (TN)", "27 mars 2026") in facts and ("Anslaget (KS)", "30 mars 2026") in facts
    assert "Sista dag att överklaga: 20 april 2026" in text(found)  # three weeks after 30 March


def test_an_announcement_still_to_come_says_when(legal_site):
    found = text(block(legal_site, "kommunstyrelsen/2026-04-06"))
    assert "Justeringen anslås på anslagstavlan den 13 april 2026." in found


def test_protocols_not_announced_have_no_block(legal_site):
    assert block(legal_site, "kommunstyrelsen/2026-04-08") is None
    assert not soup(legal_site, "kommunstyrelsen/2026-04-08/index.html").find("link", href="/static/legal.css")


def test_the_site_says_it_is_not_the_official_board_unless_it_is(legal_site, tmp_path, monkeypatch):
    notice = "Den här webbplatsen är inte den officiella anslagstavlan för Testregionen."
    assert notice in text(block(legal_site, "kommunstyrelsen/2026-03-16"))
    assert notice in text(soup(legal_site, "anslag/index.html"))
    site_yaml = ("title: Testråd\norganisation: Testregionen\ncontact:\n  name: K\n  email: k@example.se\n"
                 "officiell_anslagstavla: true\nbesvärshänvisning: |\n  Skriv till oss.\n\n  Vi svarar inom en vecka.\n")
    content = write_tree(tmp_path, {**FILES, "site.yaml": site_yaml})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = build_site(content, tmp_path / "site")
    found = block(site, "kommunstyrelsen/2026-03-16")
    assert "officiella anslagstavlan" not in text(found)
    assert [text(p) for p in found.find(id="overklaga").find_next_siblings("p")][:2] == [
        "Skriv till oss.", "Vi svarar inom en vecka."]
    assert "kommunallagen (2017:725)" not in text(found)


# --- rättelser ---------------------------------------------------------------------------------

def test_rattelser_are_shown_at_the_top_and_at_the_item(legal_site):
    page = soup(legal_site, "kommunstyrelsen/2026-03-16/index.html")
    top = page.find("section", class_="rattelser")
    assert [text(li) for li in top.find_all("li")] == [
        "30 mars 2026 , punkt 2 : Beslutet saknade andra meningen; den är tillagd.",
        "2 april 2026 : Närvarolistan rättad."]
    assert top.find("a", href="#p2")
    assert top.find_previous("header", class_="minutes-header") and not top.find_previous("nav", class_="agenda")
    note = page.find(id="p2").find_next_sibling()
    assert note["class"] == ["rattelse-note"]
    assert text(note) == "Rättelse 30 mars 2026 : Beslutet saknade andra meningen; den är tillagd."
    assert len(page.find_all("p", class_="rattelse-note")) == 1


def test_a_rattelse_updates_the_meetings_atom_entry(legal_site):
    feed = ET.parse(legal_site / "kommunstyrelsen" / "feed.xml").getroot()
    entry = next(e for e in feed.findall(A + "entry")
                 if e.find(A + "link").get("href") == "/kommunstyrelsen/2026-03-16/")
    assert entry.find(A + "updated").text == "2026-04-02T00:00:00Z"  # the latest rättelse, after the justering
    assert "Rättelse 30 mars 2026 (punkt 2): Beslutet saknade andra meningen; den är tillagd." in entry.find(
        A + "summary").text


# --- feed, calendar, open data -----------------------------------------------------------------

def test_the_boards_feed_parses_and_carries_every_listed_announcement(legal_site):
    root = ET.parse(legal_site / "anslag" / "feed.xml").getroot()
    assert root.tag == A + "feed" and root.find(A + "updated").text == "2026-03-30T00:00:00Z"
    entries = root.findall(A + "entry")
    links = [e.find(A + "link").get("href") for e in entries]
    assert sorted(links) == sorted(POSTED + TAKEN_DOWN)
    assert len({e.find(A + "id").text for e in entries}) == len(entries)
    first = entries[0]
    assert first.find(A + "published").text == "2026-03-30T00:00:00Z"
    assert "Sista dag att överklaga: 20 april 2026." in first.find(A + "summary").text


def test_the_boards_calendar_parses_with_each_last_day_as_an_all_day_event(legal_site):
    cal = icalendar.Calendar.from_ical((legal_site / "anslag" / "kalender.ics").read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"anslag/{url.strip('/')}@example.se" for url in POSTED + TAKEN_DOWN}
    event = events["anslag/kommunstyrelsen/2026-03-16@example.se"]
    assert str(event.decoded("DTSTART")) == "2026-04-14" and str(event.decoded("DTEND")) == "2026-04-15"
    assert str(event["SUMMARY"]).startswith("Sista dag att överklaga: Protokoll kommunstyrelsen")
    assert "Förvaringsplats: Kommunledningskontoret" in str(event["DESCRIPTION"])


def test_open_data_carries_anslag_deadline_legal_force_and_rattelser(legal_site):
    schema = json.loads((legal_site / "data" / "schema.json").read_text(encoding="utf-8"))
    for name in ("councils.json", "meetings.json", "people.json"):
        jsonschema.validate(json.loads((legal_site / "data" / name).read_text(encoding="utf-8")), schema)
    events = {e["id"]: e for e in json.loads((legal_site / "data" / "meetings.json").read_text())["events"]}
    assert events["kommunstyrelsen/2026-03-16"]["anslag"] == {
        "justerat": "2026-03-23",
        "anslagen": [{"organization_id": "kommunstyrelsen", "date": "2026-03-24"}],
        "forvaringsplats": [{"organization_id": "kommunstyrelsen",
                             "place": "Kommunledningskontoret, Stadshuset, Storgatan 1"}],
        "sista_dag_att_overklaga": "2026-04-14", "laga_kraft": "2026-04-15", "status": "overklagandetid"}
    assert events["kommunstyrelsen/2026-03-16"]["rattelser"][0] == {
        "date": "2026-03-30", "item": "2", "anchor": "p2", "text": "Beslutet saknade andra meningen; den är tillagd."}
    assert events["kommunstyrelsen/2026-02-16"]["anslag"]["status"] == "laga_kraft"
    assert events["kommunstyrelsen/2026-04-06"]["anslag"]["status"] == "anslas"
    assert events["tekniska-namnden/2026-03-20"]["anslag"]["sista_dag_att_overklaga"] == "2026-04-20"
    assert "anslag" not in events["kommunstyrelsen/2026-04-08"] and "rattelser" not in events["kommunstyrelsen/2026-04-08"]
    councils = {c["id"]: c for c in json.loads((legal_site / "data" / "councils.json").read_text())["organizations"]}
    assert councils["kommunstyrelsen"]["anslag"] is True and "anslag" not in councils["samverkansradet"]


def test_the_data_page_documents_the_anslag_fields(legal_site):
    page = text(soup(legal_site, "data/index.html"))
    for field in ("sista_dag_att_overklaga", "laga_kraft", "rattelser", "forvaringsplats"):
        assert field in page
    assert "/anslag/feed.xml" in (legal_site / "data" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("rel", ["data/meetings.json", "data/councils.json"])
def test_a_site_without_anslag_publishes_no_anslag_fields(seed_site, rel):
    data = (seed_site / rel).read_text(encoding="utf-8")
    assert '"anslag"' not in data and '"rattelser"' not in data


def test_the_seed_content_still_builds_without_warnings_about_anslag(cli, tmp_path):
    result = cli("check", "--content", str(SEED_CONTENT))
    assert "anslag" not in result.err


# --- serve and warm builds ---------------------------------------------------------------------

def test_serves_rebuilds_after_anslag_edits_give_the_bytes_of_a_full_build(tmp_path, monkeypatch):
    import shutil

    from generator.pipeline.build import BuildOptions, build
    from generator.serve.rebuild import LiveBuilder as IncrementalBuilder

    from .conftest import ROOT

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    content, templates = write_tree(tmp_path, FILES), tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    live, fresh = tmp_path / "live", tmp_path / "fresh"
    options = BuildOptions(content, live, search=False, templates_dir=templates)
    build(options)
    builder = IncrementalBuilder(options)
    builder.prime()

    def step(changed=(), templates_changed=frozenset()):
        builder.rebuild({content / rel for rel in changed}, set(templates_changed))
        shutil.rmtree(fresh, ignore_errors=True)
        build(BuildOptions(content, fresh, search=False, templates_dir=templates))
        live_files, fresh_files = snapshot(live), snapshot(fresh)
        for files in (live_files, fresh_files):
            files.pop(".protokoll-site")
        assert live_files == fresh_files

    def edit(rel, old, new):
        path = content / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    unannounced = "minutes/kommunstyrelsen/2026-04-08.md"
    edit(unannounced, "  - Olle Berg\n", "  - name: Olle Berg\n    date: 2026-04-09\nanslagen: 2026-04-10\n")
    step([unannounced])                                                       # announced today: on the board
    assert "/kommunstyrelsen/2026-04-08/" in section_links(soup(live, "anslag/index.html"), "anslagna")
    edit(unannounced, "anslagen: 2026-04-10\n", "anslagen: 2026-04-10\nrättelser:\n  - datum: 2026-04-10\n"
                                                "    punkt: 3\n    text: Tiden rättad.\n")
    step([unannounced])                                                       # a rättelse: feed, data, page
    edit(templates / "_anslag.html", "Anslag och överklagande", "Anslag och överklagan")
    step(templates_changed={"_anslag.html"})
    edit(templates / "anslag.html", "<h1>Anslagstavla</h1>", "<h1>Digital anslagstavla</h1>")
    step(templates_changed={"anslag.html"})
