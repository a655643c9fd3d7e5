"""What the site shows of decisions: the seeds' decisions (golden), the logs, person pages,
open data validated against its schema, and the Atom feeds parsed with an XML parser."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.pages.families import decisions as decision_pages
from generator.pipeline.analyse import analyse
from generator.pipeline.stages import Timings
from generator.shared.problems import Problems

from .conftest import SEED_CONTENT, build_site, minutes, write_tree

ORIGINALS = next((p for p in (SEED_CONTENT.parent.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()), None)
"""The seeds as extracted from Word/PDF (`../shared/seeds/` beside the checkout)."""
SEED_DECISIONS = {
    # meeting key -> (original seed file, [(anchor, decision text as the original says it)])
    "specifika-samverkansradet-folkhalsa/2026-03-13": ("000_07213116d595991e.txt", [
        ("p2", "Dagordningen fastställdes Punkt 11 med Cecilia Lönn-Elgstrand tidigareläggs i dagordningen"),
        ("p3", "Ordförande, till justerare valdes Veronica Wallgren, som även välkomnades som ny ledamot."),
        ("p4", "Föregående protokoll läggs till handlingarna"),
        ("p11", "Beslutas att Veronica utses enligt förslag."),
    ]),
    "chefsgrupp-social-valfard/2026-02-06": ("001_1c0dd5b9ca72b139.txt", [
        ("p3", "Utskickade och läggs till handlingarna."),
        ("p6", "Förslag angående implementeringsteam antas."),
        ("p9", "Föredragande får ett fortsatt uppdrag att arbeta med implementering av överenskommelsen om hälso- och "
               "sjukvård i hemmet. Fortsatt arbete med läkaravtalet/överenskommelse om medicinsk samverkan på en "
               "gemensam workshop i vår."),
        ("p11", "att ge Valfärd och folkhälsa i uppdrag att leda en arbetsgrupp med uppdrag att göra en översyn."),
        ("p13", "Gruppen inser komplexiteten i ovanstående processer, men ställer sig bakom förslag till processkarta "
                "med några synpunkter som kommer att beaktas."),
    ]),
    "specifika-samverkansradet-social-valfard/2022-05-06": ("002_55a6d00c7181610e.txt", [
        ("p2", "Marie Brorson utsågs till justerare."),
        ("p3", "Dagordningen godkändes."),
        ("p4", "Protokollet från föregående möte godkändes och lades till handlingarna."),
        ("p8", "Rådet beslutade att ta upp frågan första mötet efter nyår i den nya konstellationen."),
        ("p12", "Specifik rådet beslutade att kommande möten hålls den 16 september förmiddag samt den 18 november "
                "eftermiddag."),
        ("p14", "Beslutet blev att detta samordnas med det specifika samverkansrådet för folkhälsa som håller möte "
                "samma dag."),
    ]),
    "specifika-samverkansradet-folkhalsa/2025-03-21": ("003_64eeddea28c2c603.txt", [
        ("p2", "Mötet godkände dagordningen"),
        ("p4", "Godkändes och lades till handlingarna"),
    ]),
    "chefsgrupp-skola/2026-03-06": ("004_c9950358a69be342.txt", [
        ("p2", "En majoritet en majoritet av de närvarande ställer sig bakom att arbetet går vidare med att ta fram "
               "en överenskommelse om tidiga samordnade insatser."),
        ("p4", "Uppdrag ges att revidera nuvarande SIP-överenskommelse. Deltagare till referensgrupp utses via "
               "chefsgrupperna."),
    ]),
}


def words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_seed_meeting_has_its_decisions_with_the_text_as_written():
    problems = Problems()
    analysis = analyse(SEED_CONTENT, None, problems, Timings())
    assert problems.items == []
    found = {m.key: [(i.anchor, i.decision.text) for i in analysis.agendas[m.key] if i.decision] for m in analysis.site.meetings}
    assert {key: len(v) for key, v in found.items()} == {key: len(d) for key, (_, d) in SEED_DECISIONS.items()}
    for key, (_, expected) in SEED_DECISIONS.items():
        assert found[key] == expected, key


def test_each_seed_decision_is_word_for_word_in_the_original_minutes():
    if ORIGINALS is None:
        message = "the original seeds (../shared/seeds/) are not beside the checkout"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    for seed_file, expected in SEED_DECISIONS.values():
        original = words((ORIGINALS / seed_file).read_text(encoding="utf-8"))
        for _, text in expected:
            assert text in original, (seed_file, text)


def test_seed_meeting_page_shows_its_decisions_summary_and_marks_the_agenda(seed_site):
    page = soup(seed_site / "specifika-samverkansradet-social-valfard/2022-05-06/index.html")
    assert page.select_one("#beslut-sammanfattning").get_text() == "6 beslut"
    assert [a["href"] for a in page.select(".beslut-sammanfattning a:not(.utdrag-lank)")] == [
        f"#{anchor}-beslut" for anchor, _ in SEED_DECISIONS["specifika-samverkansradet-social-valfard/2022-05-06"][1]]
    marked = [li.a["href"] for li in page.select("nav.agenda li") if li.select_one(".agenda-beslut")]
    assert marked == ["#p2", "#p3", "#p4", "#p8", "#p12", "#p14"]
    for anchor, text in SEED_DECISIONS["specifika-samverkansradet-social-valfard/2022-05-06"][1]:
        block = page.select_one(f"#{anchor}-beslut").find_parent("div", class_="beslut")
        assert words(block.get_text(" ")) == f"Beslut {text}"


# --- a tiny site with decisions in two councils and two years ---------------------------

NARVARO = "  Ledamöter:\n    - Anna Ahnér, Askersunds kommun\n    - Jonas Hansen, Lekebergs kommun\n"
FILES = {
    "minutes/ssr-folkhalsa/2025-03-21.md": minutes(
        narvaro=NARVARO, body="## 1. Öppnande\n\nText.\n\n## 2. Budget\n\nBeslut: Budgeten antas.\n\n"
                              "## 3. Val\n\n**Beslut:** =SUMMA(A1) väljs.\n"),
    "minutes/ssr-folkhalsa/2026-02-10.md": minutes(
        council="\n  - ssr-folkhalsa\n  - ssr-social", date="2026-02-10", narvaro=NARVARO,
        body="## 1. Gemensam plan\n\nBeslut: Planen antas.\n\nReservation: Jonas Hansen – eget yrkande.\n"),
    "minutes/ssr-social/2026-05-05.md": minutes(
        council="ssr-social", date="2026-05-05", narvaro=NARVARO,
        body="## 1. Lokaler\n\n### Beslut\n\nLokalen hyrs.\n\nJäv: Anna Ahnér\n"),
    "minutes/ssr-social/2025-11-11.md": minutes(council="ssr-social", date="2025-11-11", narvaro=NARVARO),
}
EXPECTED = {  # (meeting, anchor) of each decision, newest first
    "": {2026: ["ssr-social/2026-05-05#p1", "ssr-folkhalsa/2026-02-10#p1"],
         2025: ["ssr-folkhalsa/2025-03-21#p2", "ssr-folkhalsa/2025-03-21#p3"]},
    "ssr-folkhalsa": {2026: ["ssr-folkhalsa/2026-02-10#p1"],
                      2025: ["ssr-folkhalsa/2025-03-21#p2", "ssr-folkhalsa/2025-03-21#p3"]},
    "ssr-social": {2026: ["ssr-social/2026-05-05#p1", "ssr-folkhalsa/2026-02-10#p1"], 2025: []},
}
ORIGIN = "https://protokoll.example.se"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("decisions")
    content = write_tree(root, FILES)
    with (content / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"url: {ORIGIN}\n")
    return build_site(content, root / "site")


def log_entries(page: BeautifulSoup) -> list[str]:
    result = []
    for link in page.select(".beslut-logg .beslut-post-rubrik a"):
        path, anchor = link["href"].split("#")
        assert anchor.endswith("-beslut")
        result.append(path.strip("/") + "#" + anchor[: -len("-beslut")])
    return result


@pytest.mark.parametrize("scope", ["", "ssr-folkhalsa", "ssr-social"])
def test_a_log_lists_exactly_the_decisions_of_the_content_newest_first(site, scope):
    base = site / (f"{scope}/beslut" if scope else "beslut")
    index = soup(base / "index.html")
    years = [(a.get_text(), a["href"]) for a in index.select("nav.beslut-ar a")]
    assert years == [(str(y), f"/{scope + '/' if scope else ''}beslut/{y}/") for y in EXPECTED[scope]]
    for year, expected in EXPECTED[scope].items():
        assert log_entries(soup(base / str(year) / "index.html")) == expected


def test_a_log_entry_shows_council_date_item_text_and_reservation(site):
    entry = soup(site / "beslut/2026/index.html").select(".beslut-post")[1]
    assert entry.select_one(".beslut-post-rubrik").get_text() == "Punkt 1: Gemensam plan"
    assert entry.select_one("time")["datetime"] == "2026-02-10"
    assert [a.get_text() for a in entry.select(".meta a")] == ["SSR folkhälsa", "SSR social"]
    assert entry.select_one(".beslut-text").get_text() == "Planen antas."
    assert words(entry.select_one(".beslut-rad.reservation").get_text(" ")) == "Reservation: Jonas Hansen – eget yrkande."


def test_a_year_with_more_meetings_than_a_page_holds_is_split_into_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(decision_pages, "MEETINGS_PER_PAGE", 1)
    out = build_site(write_tree(tmp_path, FILES), tmp_path / "site")
    first, second = soup(out / "beslut/2026/index.html"), soup(out / "beslut/2026/2/index.html")
    assert log_entries(first) + log_entries(second) == EXPECTED[""][2026]
    assert [a["href"] for a in first.select("nav.beslut-sidor a")] == ["/beslut/2026/2/"]
    assert not (out / "beslut/2026/3").exists()


def test_person_page_lists_the_reservation_with_a_link_to_the_decision(site):
    page = soup(site / "personer/jonas-hansen/index.html")
    (item,) = page.select("#reservationer + ul li")
    assert words(item.get_text()) == "Reservation, 10 februari 2026, Punkt 1: Gemensam plan (SSR folkhälsa, SSR social): eget yrkande."
    assert item.a["href"] == "/ssr-folkhalsa/2026-02-10/#p1-beslut"
    jav = soup(site / "personer/anna-ahner/index.html").select("#reservationer + ul li")
    assert [li.strong.get_text() for li in jav] == ["Jäv"]


def test_beslut_json_validates_against_the_published_schema_and_matches_the_log(site):
    schema = json.loads((site / "data/schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "data/beslut.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert [f"{d['event_id']}#{d['item']['anchor']}" for d in data["decisions"]] == EXPECTED[""][2026] + EXPECTED[""][2025]
    joint = data["decisions"][1]
    assert joint["organization_ids"] == ["ssr-folkhalsa", "ssr-social"]
    assert joint["reservations"] == [{"person_id": "jonas-hansen", "name": "Jonas Hansen", "text": "eget yrkande."}]
    assert joint["url"] == f"{ORIGIN}/ssr-folkhalsa/2026-02-10/#p1-beslut"
    assert data["decisions"][0]["jav"] == [{"person_id": "anna-ahner", "name": "Anna Ahnér", "text": ""}]
    broken = json.loads(json.dumps(data))
    del broken["decisions"][0]["reservations"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


def test_people_json_carries_each_persons_reservations_and_jav(site):
    schema = json.loads((site / "data/schema.json").read_text(encoding="utf-8"))
    people = json.loads((site / "data/people.json").read_text(encoding="utf-8"))
    jsonschema.validate(people, schema, cls=jsonschema.Draft202012Validator)
    by_id = {p["id"]: p for p in people["persons"]}
    assert by_id["jonas-hansen"]["reservations"] == [{
        "decision_id": "ssr-folkhalsa/2026-02-10/p1", "event_id": "ssr-folkhalsa/2026-02-10", "item": "p1",
        "text": "eget yrkande.", "url": f"{ORIGIN}/ssr-folkhalsa/2026-02-10/#p1-beslut"}]
    assert [j["decision_id"] for j in by_id["anna-ahner"]["jav"]] == ["ssr-social/2026-05-05/p1"]
    assert by_id["anna-ahner"]["reservations"] == [] and by_id["jonas-hansen"]["jav"] == []


def test_beslut_csv_has_one_safe_row_per_decision(site):
    raw = (site / "data/beslut.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    data = json.loads((site / "data/beslut.json").read_text(encoding="utf-8"))["decisions"]
    assert [r["beslut_id"] for r in rows] == [d["id"] for d in data]
    assert rows[1]["reservationer"] == "jonas-hansen" and rows[1]["rad_id"] == "ssr-folkhalsa ssr-social"
    formula = next(r for r in rows if r["beslut_id"].endswith("2025-03-21/p3"))
    assert formula["beslut"] == "'=SUMMA(A1) väljs." and formula["arende"] == "punkt 3"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


def test_data_page_lists_the_decision_files_and_every_field(site):
    page = soup(site / "data/index.html")
    assert {a.get_text() for a in page.select("#filer + ul a")} >= {"beslut.json", "beslut.csv"}
    fields = {c.get_text() for c in page.select("#decision + p + div th[scope=row] code")}
    assert fields == {"id", "event_id", "organization_ids", "date", "item", "text", "reservations",
                      "protokollsanteckningar", "jav", "url"}
    assert len(page.select("#beslut-csv-kolumner + p + div tbody tr")) == 11


A = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("feed, expected", [
    ("beslut/feed.xml", EXPECTED[""][2026] + EXPECTED[""][2025]),
    ("ssr-social/beslut/feed.xml", EXPECTED["ssr-social"][2026]),
])
def test_decision_feeds_are_atom_with_one_entry_per_decision_newest_first(site, feed, expected):
    root = ET.parse(site / feed).getroot()
    assert root.tag == A + "feed"
    assert root.find(A + "updated").text == "2026-05-05T00:00:00Z"
    entries = root.findall(A + "entry")
    links = [e.find(A + "link").get("href") for e in entries]
    assert [link[len(ORIGIN) + 1:].replace("/#", "#")[: -len("-beslut")] for link in links] == expected
    ids = [e.find(A + "id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:protokoll.example.se,20") for i in ids)
    assert all(e.find(A + "summary").text for e in entries)
