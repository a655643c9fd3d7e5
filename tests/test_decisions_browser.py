"""Decisions in a real browser: found by search (Pagefind's own UI and index, in Debian's
Chromium), narrowed by the "Beslut" filter, and printed as a protokollsutdrag (a PDF read
back with pypdf)."""

from __future__ import annotations

import io
import re
import unicodedata
from urllib.parse import quote, urlsplit

import pytest

from generator.pipeline.build import build
from generator.shared.options import BuildOptions

from .browser import serve_dir
from .conftest import minutes, write_tree
from .test_search_browser import SUB_LINKS, TOP_LINKS, open_filters, wait_for_results

FILES = {
    "minutes/ssr-folkhalsa/2025-03-21.md": minutes(body=(
        "## 1. Lokaler\n\nRådet diskuterade budgeten för lokalerna.\n\nBeslut: Rådet hyr Kvarnbäckshuset.\n\n"
        "## 2. Budget\n\nBudgeten föredrogs.\n\nBeslut: Budgeten antas.\n")),
    "minutes/ssr-social/2025-05-16.md": minutes(council="ssr-social", date="2025-05-16",
                                                 body="## 1. Budget\n\nInformation om budgeten.\n"),
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("decision-search")
    out = root / "site"
    build(BuildOptions(write_tree(root, FILES), out, search=True))
    with serve_dir(out) as url:
        yield url


def links(tab, selector: str) -> list[str]:
    result = []
    for link in tab.query_selector_all(selector):
        parts = urlsplit(link.get_attribute("href"))
        result.append(parts.path + (f"#{parts.fragment}" if parts.fragment else ""))
    return result


@pytest.mark.browser
def test_a_word_only_in_a_decision_finds_that_decision_at_its_anchor(browser, site_url):
    tab = browser.new_page()
    tab.goto(f"{site_url}sok/?q={quote('Kvarnbäckshuset')}")
    wait_for_results(tab)
    assert links(tab, TOP_LINKS) == ["/ssr-folkhalsa/2025-03-21/#p1-beslut"]
    assert tab.inner_text(TOP_LINKS) == "Beslut, Punkt 1: Lokaler"
    assert "Kvarnbäckshuset" in tab.inner_text(".result-excerpt")
    assert links(tab, SUB_LINKS) == []
    tab.click(TOP_LINKS)
    tab.wait_for_url("**/ssr-folkhalsa/2025-03-21/#p1-beslut")
    assert "Kvarnbäckshuset" in tab.locator("#p1-beslut + p").inner_text()
    tab.close()


@pytest.mark.browser
def test_the_beslut_filter_narrows_the_results_to_decisions(browser, site_url):
    tab = browser.new_page()
    tab.goto(f"{site_url}sok/?q=budgeten")
    wait_for_results(tab)
    everything = links(tab, TOP_LINKS)
    assert sorted(everything) == ["/ssr-folkhalsa/2025-03-21/", "/ssr-folkhalsa/2025-03-21/#p2-beslut", "/ssr-social/2025-05-16/"]
    open_filters(tab)
    tab.get_by_role("group", name="Innehåll").get_by_label(re.compile(r"^Beslut \(\d+\)$")).check()
    wait_for_results(tab, count=1)
    assert links(tab, TOP_LINKS) == ["/ssr-folkhalsa/2025-03-21/#p2-beslut"]
    tab.close()


def pdf_text(tab) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())  # NFKC: the font's ligatures (ﬁ) as letters


@pytest.mark.browser
def test_printing_an_item_gives_an_extract_with_organisation_justering_and_only_that_item(browser, seed_site):
    with serve_dir(seed_site) as url:
        tab = browser.new_page()
        tab.goto(f"{url}specifika-samverkansradet-social-valfard/2022-05-06/#p3")
        extract = pdf_text(tab)
        tab.goto(f"{url}specifika-samverkansradet-social-valfard/2022-05-06/")
        whole = pdf_text(tab)
        tab.close()
    assert "Utdrag ur protokoll · Region Örebro län" in extract
    assert "Protokoll specifika samverkansrådet för social välfärd samt vård och omsorg" in extract
    assert "Karin Sundin: justerade 25 augusti 2022 Marie Brorson: justerade 25 augusti 2022" in extract
    assert "3. Godkännande av dagordning" in extract
    assert "beslut dagordningen godkändes." in extract.casefold()  # the label is in capitals by CSS
    others = ["Ordförande hälsade de närvarande välkomna", "utsågs till justerare", "lades till handlingarna",
              "Malin Duckert Ek föredrog", "Nästa möte med specifika samverkansrådet"]
    assert [text for text in others if text in extract] == []
    assert [text for text in others if text in whole] == others  # printed without #p3: everything
    assert "Utdrag ur protokoll" not in whole
