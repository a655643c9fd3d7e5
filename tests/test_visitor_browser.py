"""A visitor's view in Debian's Chromium: every meeting page of the seed site on a
390 px phone, the search page on a phone and by keyboard, and a meeting printed
to PDF (page.pdf), read back with pypdf."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.pipeline.build import BuildOptions, build

from .browser import serve_dir
from .conftest import seed_content_with_origin
from .test_accessibility import MEETING_DIR, SEARCH_DONE

ORIGIN = "https://protokoll.example.se"
PHONE = {"width": 390, "height": 844}
PRINTED = "chefsgrupp-skola/2026-03-06/"
"""The seed's seven-item minutes (four attendance groups, 39 people)."""
PRINTED_PAGES = 7
"""A4 pages it prints on (it took 9 before the print styles were reworked)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The seed site with its search index and a known origin (`url:` in site.yaml)."""
    root = tmp_path_factory.mktemp("visitor")
    content = seed_content_with_origin(root, ORIGIN)
    linking = content / "minutes/specifika-samverkansradet-folkhalsa/2026-03-13.md"  # a body link to print
    with linking.open("a", encoding="utf-8") as f:
        f.write("\nSe även [chefsgruppens möte](../chefsgrupp-skola/2026-03-06.md).\n")
    build(BuildOptions(content, root / "site", search=True))
    return root / "site"


@pytest.fixture(scope="module")
def site_url(site):
    with serve_dir(site) as url:
        yield url


def meeting_pages(site: Path) -> list[str]:
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/*/index.html")
                   if MEETING_DIR.match(p.parent.name))
    assert len(pages) == 5
    return pages


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


# --- attendance on a phone -------------------------------------------------------------------------

@pytest.mark.browser
def test_no_attendance_status_or_table_caption_lies_outside_a_390_px_screen(site, site_url, phone):
    for rel in meeting_pages(site):
        phone.goto(site_url + rel)
        found = phone.evaluate("""() => {
            const vw = document.documentElement.clientWidth, out = [];
            const boxes = [...document.querySelectorAll('.attendance-table td.status, main caption')];
            for (const el of boxes) {
                const r = el.getBoundingClientRect();
                if (r.left < 0 || r.right > vw + 0.5 || r.width === 0) out.push(el.textContent.trim().slice(0, 40) + ' ' + r.right);
            }
            return {count: boxes.length, outside: out, sideways: document.documentElement.scrollWidth - vw};
        }""")
        assert found["count"] > 0, rel
        assert found["outside"] == [] and found["sideways"] <= 0, (rel, found)


@pytest.mark.browser
def test_on_a_phone_each_attendee_is_one_card_with_the_status_first_and_still_a_table(site_url, phone):
    phone.goto(site_url + "chefsgrupp-social-valfard/2026-02-06/")
    row = phone.locator("table.attendance-table tbody tr", has=phone.locator("th", has_text="Maria Engdahl"))
    status, name = row.locator("td.status"), row.locator("th")
    assert status.inner_text() == "Frånvarande – ersatt av Sara Brorsson"
    status_box, name_box, row_box = status.bounding_box(), name.bounding_box(), row.bounding_box()
    assert status_box["y"] + status_box["height"] <= name_box["y"] + 1  # the status on top, the name below
    assert row_box["x"] >= 0 and row_box["x"] + row_box["width"] <= PHONE["width"]
    tree = phone.locator("table.attendance-table").first.aria_snapshot()
    assert tree.startswith("- table") and "- caption:" in tree and "- columnheader \"Närvaro\"" in tree
    assert "- rowheader \"Ingmar Ångman\"" in tree and "- cell \"Närvarande\"" in tree


@pytest.mark.browser
def test_the_attendance_summary_at_the_top_leads_to_the_attendance(site_url, phone):
    phone.goto(site_url + "specifika-samverkansradet-folkhalsa/2025-03-21/")
    summary = phone.locator(".minutes-header a[href='#narvaro']")
    assert summary.inner_text() == "6 av 14 ledamöter närvarande"
    assert summary.bounding_box()["y"] < PHONE["height"]  # on the first screen
    summary.click()
    phone.wait_for_url("**#narvaro")
    heading = phone.locator("#narvaro").bounding_box()
    assert -1 < heading["y"] < 100  # at the top of the screen (sub-pixel scrolling may leave it a fraction above)


# --- search on a phone and by keyboard -----------------------------------------------------------

@pytest.mark.browser
def test_first_search_hit_is_visible_without_scrolling_on_a_phone(site_url, phone):
    phone.goto(site_url + "sok/?q=samverkan")
    phone.wait_for_selector(SEARCH_DONE, timeout=30_000)
    assert phone.evaluate("scrollY") == 0
    first = phone.locator(".result").first.locator(".result-link").bounding_box()
    count = phone.locator("[data-search-status]").bounding_box()
    assert count["y"] < first["y"]  # the hit count comes first
    assert first["y"] + first["height"] <= PHONE["height"], first
    assert phone.locator("[data-search-filters]").get_attribute("open") is None  # filters behind "Filtrera"


@pytest.mark.browser
def test_keyboard_reaches_the_search_box_before_any_other_control_of_the_search(site_url, phone):
    phone.goto(site_url + "sok/?q=samverkan")
    phone.wait_for_selector(SEARCH_DONE, timeout=30_000)
    phone.locator("main").focus()  # where "Hoppa till innehållet" leaves the keyboard
    order = []
    for _ in range(6):
        phone.keyboard.press("Tab")
        order.append(phone.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el);
            return {id: el.id, tag: el.tagName, text: (el.textContent || '').trim().slice(0, 20),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""))
    assert order[0]["id"] == "sok-sida", order
    assert [o["tag"] for o in order[1:4]] == ["BUTTON", "SUMMARY", "SELECT"], order
    assert all(o["outline"] for o in order), order  # the site's focus ring on every control
    label = phone.locator("label[for=sok-sida]")
    assert label.is_visible() and label.inner_text() == "Sökord"


@pytest.mark.browser
def test_search_controls_are_at_least_24_px_targets(site_url, phone):
    phone.goto(site_url + "sok/?q=samverkan")
    phone.wait_for_selector(SEARCH_DONE, timeout=30_000)
    phone.get_by_text("Filtrera").click()
    assert small_targets(phone, "main input, main button:not([hidden]), main select, main summary") == []
    phone.goto(site_url + "personer/")
    assert small_targets(phone, ".letters a") == []


def small_targets(tab, selector: str) -> list[str]:
    """Controls matching `selector` smaller than 24 × 24 px (WCAG 2.5.8); there must be some."""
    found = tab.evaluate("""(selector) => [...document.querySelectorAll(selector)]
        .map(el => ({el: el.id || el.textContent.trim() || el.tagName, r: el.getBoundingClientRect()}))
        .map(t => ({el: t.el, small: t.r.width < 24 || t.r.height < 24}))""", selector)
    assert found, selector
    return [t["el"] for t in found if t["small"]]


# --- print --------------------------------------------------------------------------------------------

def pdf_pages(tab) -> list[str]:
    """The text of each page of the PDF Chromium prints, read with pypdf (ligatures unfolded)."""
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]


@pytest.mark.browser
def test_a_printed_meeting_names_its_organisation_and_full_address_on_page_one(site_url, browser):
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(site_url + PRINTED)
        pages = pdf_pages(tab)
        first = " ".join(pages[0].split())
        assert "Region Örebro län" in first
        assert f"{ORIGIN}/{PRINTED}" in first
        assert "Chefsgruppen för skola, utbildning och kompetensförsörjning" in first
        assert "Justeras inte" in first and "39 av 39 deltagare närvarande" in first
        assert len(pages) <= PRINTED_PAGES, len(pages)
    finally:
        context.close()


@pytest.mark.browser
def test_printed_links_show_full_addresses_and_justerare_stay_with_the_attendance(site_url, browser):
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(site_url + "specifika-samverkansradet-folkhalsa/2026-03-13/")
        pages = [" ".join(p.split()) for p in pdf_pages(tab)]
        compact = "".join("".join(pages).split())  # a printed address may wrap anywhere
        assert f"({ORIGIN}/chefsgrupp-skola/2026-03-06/" in compact
        assert not re.search(r"\(/[a-z]", compact), "a link printed as a bare path"
        with_justerare = next(p for p in pages if "Justerare Veronica Wallgren" in p)
        assert "Närvarande" in with_justerare  # printed on a page that also has attendance rows
        assert len(pages) <= 6, len(pages)  # 5 before the decision summary and blocks
    finally:
        context.close()
