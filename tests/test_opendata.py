"""Open data: JSON checked against the published JSON Schema, CSV read with csv,
and every figure compared with what the HTML pages show."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.cli.main import main

from .conftest import SEED_CONTENT

MEETING_DIR = re.compile(r"^[a-z0-9-]+/\d{4}-\d{2}-\d{2}[a-z0-9-]*$")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("opendata") / "site"
    assert main(["build", "--content", str(SEED_CONTENT), "--out", str(out), "--no-search"]) == 0
    return out


def load(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def meeting_pages(site: Path) -> dict[str, Path]:
    pages = {}
    for path in site.glob("*/*/index.html"):
        key = path.parent.relative_to(site).as_posix()
        if MEETING_DIR.match(key):
            pages[key] = path
    return pages


def page_counts(path: Path) -> Counter:
    """Status of every row in the meeting page's attendance tables."""
    rows = soup(path).select("table.attendance-table tbody tr:not(.vacant)")  # a vacant seat is no attendee
    return Counter(next(c for c in row["class"] if c.startswith("status-"))[len("status-"):] for row in rows)


def test_every_json_file_validates_against_the_published_schema(site):
    schema = load(site, "schema.json")
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    expected = {"councils.json": {"organizations"}, "people.json": {"persons", "memberships"}, "meetings.json": {"events"}}
    for name, keys in expected.items():
        data = load(site, name)
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"
        assert set(data) == keys


def test_schema_rejects_what_it_should(site):
    schema = load(site, "schema.json")
    event = load(site, "meetings.json")["events"][0]
    bad_status = json.loads(json.dumps(event))
    bad_status["attendees"][0]["status"] = "kanske"
    for broken in ({"events": [bad_status]}, {"events": [{**event, "start_date": "21/3 2025"}]}, {"okänd": []}, {}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_meetings_json_has_the_meetings_of_the_html_pages(site):
    events = load(site, "meetings.json")["events"]
    assert sorted(e["id"] for e in events) == sorted(meeting_pages(site))
    assert [e["start_date"] for e in events] == sorted((e["start_date"] for e in events), reverse=True)
    for event in events:
        assert (site / event["url"].strip("/") / "index.html").is_file()
        assert event["counts"]["listed"] == len(event["attendees"])


def test_attendance_counts_agree_with_the_meeting_pages(site):
    pages = meeting_pages(site)
    for event in load(site, "meetings.json")["events"]:
        counts = page_counts(pages[event["id"]])
        assert counts["present"] == event["counts"]["present"], event["id"]
        assert counts["absent"] == event["counts"]["absent"], event["id"]
        assert counts["excused"] == event["counts"]["excused"], event["id"]
        # the captions' "(n närvarande, m frånvarande)" add up to the same figures
        captions = [c.get_text(" ", strip=True) for c in soup(pages[event["id"]]).select("table.attendance-table caption")]
        present = sum(int(re.search(r"(\d+) närvarande", c).group(1)) for c in captions)
        absent = sum(int(re.search(r"(\d+) frånvarande", c).group(1)) for c in captions)
        assert (present, absent) == (event["counts"]["present"], event["counts"]["absent"] + event["counts"]["excused"])


def test_attendance_csv_per_council_matches_meetings_json(site):
    events = {e["id"]: e for e in load(site, "meetings.json")["events"]}
    councils = load(site, "councils.json")["organizations"]
    for council in councils:
        path = site / "data" / council["id"] / "narvaro.csv"
        rows = read_csv(path)
        assert rows, path
        assert list(rows[0]) == ["datum", "mote_id", "rubrik", "typ", "grupp", "person_id", "namn", "namn_i_protokollet",
                                 "organisation", "roll", "status", "status_text", "ersatter"]
        own = [e for e in events.values() if council["id"] in e["organization_ids"]]
        assert sorted({r["mote_id"] for r in rows}) == sorted(e["id"] for e in own if e["attendees"])
        for event in own:
            statuses = Counter(r["status"] for r in rows if r["mote_id"] == event["id"])
            assert statuses == Counter(a["status"] for a in event["attendees"])
        assert [r["datum"] for r in rows] == sorted(r["datum"] for r in rows)


def test_csv_status_text_is_the_text_on_the_meeting_page(site):
    pages = meeting_pages(site)
    rows = read_csv(site / "data" / "specifika-samverkansradet-folkhalsa" / "narvaro.csv")
    key = rows[0]["mote_id"]
    page_rows = soup(pages[key]).select("table.attendance-table tbody tr:not(.vacant)")
    assert [r["status_text"] for r in rows if r["mote_id"] == key] == [tr.select_one("td.status").get_text(strip=True) for tr in page_rows]


def test_councils_json_agrees_with_the_council_pages(site):
    for council in load(site, "councils.json")["organizations"]:
        page = soup(site / council["id"] / "index.html")
        assert page.h1.get_text(strip=True) == council["name"]
        shown = page.find(attrs={"aria-labelledby": "moten"}).select(".meeting-list li:not(.planned)")
        assert council["meeting_count"] == len(shown)
        assert council["upcoming_meetings"] == [t["datetime"] for t in page.select(".upcoming .is-coming time")]
        for link in council["links"]:
            assert (site / link["url"].lstrip("/")).exists() or (site / link["url"].lstrip("/") / "index.html").is_file()


def test_people_json_has_every_person_page_and_their_listings(site):
    data = load(site, "people.json")
    person_pages = {p.parent.name: p for p in (site / "personer").glob("*/index.html")}
    assert sorted(p["id"] for p in data["persons"]) == sorted(person_pages)
    listings = Counter(a["person_id"] for e in load(site, "meetings.json")["events"] for a in e["attendees"])
    for person in data["persons"]:
        rows = soup(person_pages[person["id"]]).select("main table tbody tr")
        assert len(rows) == listings[person["id"]], person["id"]
    ids = {p["id"] for p in data["persons"]}
    assert all(m["person_id"] is None or m["person_id"] in ids for m in data["memberships"])
    assert any(m["role"] == "ordförande" for m in data["memberships"])


def test_data_page_documents_every_file_and_field(site):
    page = soup(site / "data" / "index.html")
    assert page.html["lang"] == "sv"
    hrefs = {a["href"] for a in page.select("main a")}
    for name in ("councils.json", "people.json", "meetings.json", "schema.json"):
        assert f"/data/{name}" in hrefs
    for council in load(site, "councils.json")["organizations"]:
        assert f"/data/{council['id']}/narvaro.csv" in hrefs
    for href in hrefs:
        if href.startswith("/"):
            target = site / href.lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), href
    documented = {code.get_text() for code in page.select("main table tbody th code")}
    schema = load(site, "schema.json")
    for definition in schema["$defs"].values():
        assert set(definition["properties"]) <= documented
    assert {"datum", "status", "ersatter"} <= documented


FORMULAS = {"name": "=1+2", "org": "+46 19 123 45", "role": "-ordförande", "title": '=HYPERLINK("http://evil.example","Klicka")',
            "label": "@SUM(A1:A9)", "shorthand": "-2+3"}


def test_csv_cells_a_spreadsheet_would_run_start_with_an_apostrophe(tmp_path):
    from .conftest import minutes, write_tree

    f = FORMULAS
    narvaro = (f'  "{f["label"]}":\n'
               f'    - name: "{f["name"]}"\n      org: "{f["org"]}"\n      role: "{f["role"]}"\n'
               f'    - "{f["shorthand"]}, Nora kommun"\n')
    content = write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(
        narvaro=narvaro, extra=f"title: '{f['title']}'\n")})
    out = tmp_path / "site"
    assert main(["build", "--content", str(content), "--out", str(out), "--no-search"]) == 0

    rows = read_csv(out / "data" / "ssr-folkhalsa" / "narvaro.csv")
    assert len(rows) == 2
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    first, second = rows
    assert (first["namn_i_protokollet"], first["organisation"], first["roll"], first["grupp"], first["rubrik"]) == (
        "'" + f["name"], "'" + f["org"], "'" + f["role"], "'" + f["label"], "'" + f["title"])
    assert second["namn_i_protokollet"] == "'" + f["shorthand"] and second["organisation"] == "Nora kommun"
    page = (out / "ssr-folkhalsa" / "2025-03-21" / "index.html").read_text(encoding="utf-8")
    assert ">=1+2</a>" in page  # the pages show the names as written
    assert "apostrof" in (out / "data" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("cell", "safe"), [("\tx", "'\tx"), ("\rx", "'\rx"), ("=x", "'=x"), ("a=b", "a=b"), ("", ""),
                                            ("'=x", "'=x")])
def test_a_tab_or_carriage_return_at_the_start_of_a_cell_is_neutralised_too(cell, safe):
    from generator.pages.families.opendata import spreadsheet_safe

    assert spreadsheet_safe(cell) == safe
