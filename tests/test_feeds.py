"""Atom feeds: parsed with an XML parser and held to the RFC 4287 rules that matter."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


from .conftest import SEED_CONTENT, build_site, minutes, seed_content_with_origin, write_tree

A = "{http://www.w3.org/2005/Atom}"
ORIGIN = "https://protokoll.example.se"


build = build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(SEED_CONTENT, tmp_path_factory.mktemp("feeds") / "site")


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> Path:
    """The seed site served under /repo/, with its origin in site.yaml."""
    root = tmp_path_factory.mktemp("feeds-sub")
    content = seed_content_with_origin(root, f"{ORIGIN}/")
    return build(content, root / "site", "--base-url", "/repo/")


def council_feeds(site: Path) -> list[Path]:
    """Each council's feed of meetings (the decision log's feed, beslut/feed.xml, aside)."""
    return [p for p in sorted(site.glob("*/feed.xml")) if p.parent.name != "beslut"]


def feed_files(site: Path) -> list[Path]:
    """Every feed: of meetings, for the site and each council, and of decisions, the same."""
    return [site / "feed.xml", *council_feeds(site), site / "beslut/feed.xml", *sorted(site.glob("*/beslut/feed.xml"))]


def parse_time(text: str) -> dt.datetime:
    """RFC 3339 date-time, as Atom requires (a time zone is mandatory)."""
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", text), text
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def only(element: ET.Element, tag: str) -> ET.Element:
    found = element.findall(A + tag)
    assert len(found) == 1, f"{len(found)} <{tag}> in <{element.tag}>"
    return found[0]


def entries(path: Path) -> list[ET.Element]:
    return ET.parse(path).getroot().findall(A + "entry")


def alternate(entry: ET.Element) -> str:
    return next(l.get("href") for l in entry.findall(A + "link") if l.get("rel", "alternate") == "alternate")


def council_meeting_urls(site: Path, council_id: str) -> list[str]:
    soup = BeautifulSoup((site / council_id / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.find(attrs={"aria-labelledby": "moten"})
    return [a["href"] for a in section.select(".meeting-list a")]


def test_every_feed_follows_the_rfc_4287_rules(site):
    files = feed_files(site)
    assert len(files) == 2 * (1 + len(list(site.glob("*/kalender.ics"))))
    for path in files:
        root = ET.parse(path).getroot()
        assert root.tag == A + "feed"
        for tag in ("id", "title", "updated"):
            assert only(root, tag).text.strip()
        parse_time(only(root, "updated").text)
        assert only(only(root, "author"), "name").text.strip(), "a feed without author needs one in every entry"
        assert [l for l in root.findall(A + "link") if l.get("rel") == "self"], path
        ids = []
        for entry in root.findall(A + "entry"):
            ids.append(only(entry, "id").text)
            assert only(entry, "title").text.strip()
            parse_time(only(entry, "updated").text)
            assert alternate(entry)
            assert only(entry, "summary").text.strip()
        assert len(ids) == len(set(ids)), f"duplicate entry ids in {path}"
        assert all(re.match(r"^(tag:[a-z0-9.-]+,\d{4}(-\d{2}){0,2}:\S+|https?://\S+)$", i) for i in [only(root, "id").text, *ids])


def test_site_feed_lists_every_meeting_newest_first(site):
    built = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("*/????-??-??*/index.html"))
    links = [alternate(e) for e in entries(site / "feed.xml")]
    assert sorted(l.strip("/") for l in links) == built
    published = [only(e, "published").text for e in entries(site / "feed.xml")]
    assert published == sorted(published, reverse=True)


def test_each_council_feed_lists_the_meetings_of_its_council_page(site):
    for path in council_feeds(site):
        council_id = path.parent.name
        assert [alternate(e) for e in entries(path)] == council_meeting_urls(site, council_id)


def test_joint_meeting_entry_names_every_council_and_keeps_one_id(site):
    joint = "/specifika-samverkansradet-folkhalsa/2025-03-21/"
    found = {}
    for path in council_feeds(site):
        for entry in entries(path):
            if alternate(entry) == joint:
                found[path.parent.name] = entry
    assert len(found) >= 2
    ids = {only(e, "id").text for e in found.values()}
    assert len(ids) == 1
    entry = next(iter(found.values()))
    assert {c.get("term") for c in entry.findall(A + "category")} == set(found)
    assert "21 mars 2025" in only(entry, "title").text
    summary = only(entry, "summary").text
    assert "Specifika samverkansrådet för folkhälsa" in summary and "21 mars 2025" in summary
    assert "Mötet öppnas" in summary  # the agenda


def test_feed_updated_comes_from_the_content_not_the_clock(site):
    for path in feed_files(site):
        root = ET.parse(path).getroot()
        stamps = [parse_time(only(e, "updated").text) for e in root.findall(A + "entry")]
        if stamps:
            assert parse_time(only(root, "updated").text) == max(stamps)
    # The folkhälsa minutes of 2026-03-13 were justerade 2026-03-24: that is when they last changed.
    entry = next(e for e in entries(site / "feed.xml") if alternate(e).endswith("/2026-03-13/"))
    assert only(entry, "updated").text == "2026-03-24T00:00:00Z"
    assert only(entry, "published").text == "2026-03-13T00:00:00Z"


def test_entry_links_lead_to_built_pages(site):
    for path in feed_files(site):
        for entry in entries(path):
            page, _, anchor = alternate(entry).partition("#")
            html = (site / page.lstrip("/") / "index.html").read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in html


def test_ids_do_not_change_with_the_base_url(site, tmp_path):
    moved = build(SEED_CONTENT, tmp_path / "site", "--base-url", "/annan/")
    for path in feed_files(site):
        rel = path.relative_to(site)
        assert [only(e, "id").text for e in entries(path)] == [only(e, "id").text for e in entries(moved / rel)]
        assert all(alternate(e).startswith("/annan/") for e in entries(moved / rel))


def test_site_url_makes_every_feed_link_absolute(sub_site):
    for path in feed_files(sub_site):
        root = ET.parse(path).getroot()
        hrefs = [l.get("href") for l in root.iter(A + "link")]
        assert hrefs and all(h.startswith(f"{ORIGIN}/repo/") for h in hrefs), hrefs
        assert only(root, "id").text.startswith("tag:protokoll.example.se,")


def test_empty_council_feed_is_dated_by_source_date_epoch(tmp_path, monkeypatch):
    content = write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes()})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    out = build(content, tmp_path / "site")
    root = ET.parse(out / "ssr-social" / "feed.xml").getroot()
    assert root.findall(A + "entry") == []
    assert only(root, "updated").text == "2026-01-01T00:00:00Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    out = build(content, tmp_path / "site")
    assert only(ET.parse(out / "ssr-social" / "feed.xml").getroot(), "updated").text == "1970-01-01T00:00:00Z"


def test_site_url_with_a_path_is_reported_in_swedish(cli, tmp_path):
    write_tree(tmp_path, {
        "site.yaml": "title: T\norganisation: O\nurl: https://example.se/protokoll/\ncontact:\n  name: K\n  email: k@example.se\n",
    })
    run = cli("check")
    assert run.code == 1
    assert any(line.startswith("content/site.yaml:3: fel:") and "base_url" in line for line in run.lines), run.err
