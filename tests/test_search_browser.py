"""Search, end to end: the seed site built with a real Pagefind index, served on
127.0.0.1, searched in Debian's headless Chromium through the search page.

Nothing here is mocked: the index and the search API (`pagefind.js`) are the
bundle Pagefind writes, the UI is templates/static/search.js, and the page runs
under the site's CSP.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from generator.pipeline.build import build
from generator.shared.options import BuildOptions
from generator.output.pagefind import read_stats

from .browser import serve_dir
from .conftest import SEED_CONTENT

BARNAHUS_HITS = {
    # meeting URL -> the agenda item (anchor) that discusses Barnahus
    "/chefsgrupp-social-valfard/2026-02-06/": "p11",  # "11. Barnahus – Johanna Viberg"
    "/specifika-samverkansradet-folkhalsa/2026-03-13/": "p6",  # joint SSR meeting, report from the chefsgrupper
}
BARNAHUS_DECISION = "/chefsgrupp-social-valfard/2026-02-06/#p11-beslut"  # its own result: item 11 is titled Barnahus
BARNAHUS_RESULTS = sorted([*BARNAHUS_HITS, BARNAHUS_DECISION])
MEETING_URL = re.compile(r"^/(?:sub/)?[a-z0-9-]+/\d{4}-\d{2}-\d{2}/$")
TOP_LINKS = ".result-title .result-link"
SUB_LINKS = ".result-items .result-item-link"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed site with its search index, built once for this module."""
    out = tmp_path_factory.mktemp("search") / "site"
    result = build(BuildOptions(SEED_CONTENT, out, search=True))
    return out, result.site


@pytest.fixture(scope="module")
def built_sub(tmp_path_factory) -> Path:
    """The same site built for `--base-url /sub/`."""
    out = tmp_path_factory.mktemp("search-sub") / "site"
    build(BuildOptions(SEED_CONTENT, out, base_url="/sub/", search=True))
    return out


@pytest.fixture(scope="module")
def site_url(built):
    with serve_dir(built[0]) as url:
        yield url


@pytest.fixture(scope="module")
def sub_site_url(built_sub):
    with serve_dir(built_sub, "/sub/") as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh tab; fails the test if the page broke the CSP or threw."""
    context = browser.new_context()
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    tab.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    yield tab
    context.close()
    assert problems == []


def wait_for_results(tab, count: int | None = None) -> None:
    """Until the search page has finished a search ("2 träffar för …") and shown
    the hits it loaded, optionally until exactly `count` hits are shown."""
    tab.wait_for_function(
        """([top, count]) => {
            const results = document.querySelector('[data-search-results]');
            if (!results || results.getAttribute('data-state') !== 'done') return false;
            if (!/träff/.test(document.querySelector('[data-search-status]').textContent)) return false;
            const shown = document.querySelectorAll(top).length;
            return count === null || shown === count;
        }""",
        arg=[TOP_LINKS, count],
        timeout=60_000,
    )


def search(tab, base: str, query: str) -> None:
    tab.goto(f"{base}sok/?q={quote(query)}")
    wait_for_results(tab)


def open_filters(tab) -> None:
    """Show the filters: behind "Filtrera" on a phone, open already on a wide screen."""
    if tab.locator("[data-search-filters]").get_attribute("open") is None:
        tab.get_by_text("Filtrera", exact=False).first.click()


def paths(tab, selector: str) -> list[str]:
    """Path (and #anchor) of every link matching `selector`, in page order."""
    result = []
    for link in tab.query_selector_all(selector):
        parts = urlsplit(link.get_attribute("href"))
        result.append(parts.path + (f"#{parts.fragment}" if parts.fragment else ""))
    return result


@pytest.mark.browser
def test_barnahus_finds_both_meetings_that_discuss_it_at_their_agenda_items(page, site_url):
    search(page, site_url, "Barnahus")
    assert sorted(paths(page, TOP_LINKS)) == BARNAHUS_RESULTS
    sub_results = paths(page, SUB_LINKS)
    for url, anchor in BARNAHUS_HITS.items():
        assert f"{url}#{anchor}" in sub_results
    assert page.locator(".result-excerpt mark", has_text="Barnahus").count() >= 2


@pytest.mark.browser
def test_agenda_anchor_in_a_result_leads_to_the_item_that_mentions_the_word(page, site_url):
    search(page, site_url, "Barnahus")
    page.click(f"{SUB_LINKS}[href$='/chefsgrupp-social-valfard/2026-02-06/#p11']")
    page.wait_for_url("**/chefsgrupp-social-valfard/2026-02-06/#p11")
    heading = page.locator(".minutes-body h2#p11")
    assert "Barnahus" in heading.inner_text()


@pytest.mark.browser
def test_results_show_date_councils_and_justering_of_each_meeting(page, site_url):
    search(page, site_url, "Barnahus")
    joint = page.locator(".result", has=page.locator(
        "a[href='/specifika-samverkansradet-folkhalsa/2026-03-13/']"))
    facts = joint.locator(".result-meta").inner_text()
    assert "13 mars 2026" in facts and "SSR folkhälsa, SSR social välfärd" in facts
    assert joint.locator(".justering-status").inner_text() == "Justerat"
    chefsgrupp = page.locator(".result", has=page.locator("a[href='/chefsgrupp-social-valfard/2026-02-06/']"))
    assert chefsgrupp.locator(".justering-status").inner_text() == "Justeras inte"


@pytest.mark.browser
def test_excerpts_leave_out_the_meetings_facts_block(page, site_url):
    search(page, site_url, "fredag")  # only in "fredag 21 mars 2025", the weekday in the facts block
    assert page.locator("[data-search-status]").inner_text().startswith("Inga träffar")
    search(page, site_url, "Barnahus")
    excerpts = " ".join(page.locator(".result-excerpt").all_inner_texts())
    assert "Datum" not in excerpts and "Tid09" not in excerpts and "Justerat" not in excerpts


@pytest.mark.browser
def test_inflected_form_finds_a_meeting_that_only_has_the_stem(page, site_url):
    source = (SEED_CONTENT / "minutes/chefsgrupp-skola/2026-03-06.md").read_text(encoding="utf-8").casefold()
    assert re.search(r"\bbeslut\b", source) and "beslutade" not in source  # the pair is real in the seeds
    search(page, site_url, "beslutade")
    show_all_results(page)  # decisions that say "beslutade" come first
    assert "/chefsgrupp-skola/2026-03-06/" in paths(page, TOP_LINKS)


def show_all_results(tab) -> None:
    """Press "Visa fler träffar" until every result is shown."""
    more = tab.locator(".pagefind-ui__button")
    while more.count():
        shown = tab.locator(TOP_LINKS).count()
        more.click()
        tab.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n", arg=[TOP_LINKS, shown])
        wait_for_results(tab)


@pytest.mark.browser
def test_council_filter_narrows_the_results_and_is_kept_in_the_url(page, site_url, built):
    site = built[1]
    search(page, site_url, "Barnahus")
    assert len(paths(page, TOP_LINKS)) == 3
    name = site.councils["chefsgrupp-social-valfard"].name
    open_filters(page)
    councils = page.get_by_role("group", name="Råd")
    assert councils.get_by_label(re.compile(r"^Chefsgrupp folkhälsa \(0\)$")).count() == 1  # hits per council
    councils.get_by_label(re.compile("^" + re.escape(name) + r" \(2\)$")).check()  # the meeting and its decision
    wait_for_results(page, count=2)
    assert sorted(paths(page, TOP_LINKS)) == ["/chefsgrupp-social-valfard/2026-02-06/", BARNAHUS_DECISION]
    assert parse_qs(urlsplit(page.url).query) == {"q": ["Barnahus"], "rad": [name]}
    shared = page.url
    page.goto(site_url)  # a shared link gives the same hits
    page.goto(shared)
    wait_for_results(page, count=2)
    assert sorted(paths(page, TOP_LINKS)) == ["/chefsgrupp-social-valfard/2026-02-06/", BARNAHUS_DECISION]
    assert page.get_by_role("group", name="Råd").get_by_label(re.compile("^" + re.escape(name))).is_checked()


@pytest.mark.browser
def test_back_button_returns_to_the_previous_search(page, site_url):
    search(page, site_url, "Barnahus")
    page.get_by_label("Sökord").fill("beslutade")
    page.get_by_role("search").last.get_by_role("button", name="Sök").click()
    page.wait_for_url(re.compile(r"q=beslutade"))
    wait_for_results(page)
    assert "/chefsgrupp-skola/2026-03-06/" in paths(page, TOP_LINKS)
    page.go_back()
    page.wait_for_url(re.compile(r"q=Barnahus"))
    wait_for_results(page, count=3)  # the two meetings, and the decision of one
    assert page.get_by_label("Sökord").input_value() == "Barnahus"
    assert sorted(paths(page, TOP_LINKS)) == BARNAHUS_RESULTS


@pytest.mark.browser
def test_joint_meeting_is_found_under_each_of_its_councils(page, site_url, built):
    site = built[1]
    for council_id in ("specifika-samverkansradet-folkhalsa", "specifika-samverkansradet-social-valfard"):
        page.goto(f"{site_url}sok/?q=Barnahus")
        wait_for_results(page)
        name = site.councils[council_id].name
        open_filters(page)
        page.get_by_role("group", name="Råd").get_by_label(re.compile("^" + re.escape(name) + r" \(\d+\)$")).check()
        wait_for_results(page, count=1)
        assert paths(page, TOP_LINKS) == ["/specifika-samverkansradet-folkhalsa/2026-03-13/"]


@pytest.mark.browser
def test_newest_first_sort_orders_results_by_meeting_date(page, site_url):
    search(page, site_url, "beslut")
    page.get_by_label("Sortera träffarna").select_option(label="Nyast först")
    page.wait_for_url(re.compile(r"sort=desc"))
    wait_for_results(page)
    dates = [re.search(r"/(\d{4}-\d{2}-\d{2})/", url).group(1) for url in paths(page, TOP_LINKS)]
    assert len(dates) > 2
    assert dates == sorted(dates, reverse=True)


@pytest.mark.browser
def test_header_search_form_on_any_page_runs_the_search(page, site_url):
    page.goto(site_url)
    page.get_by_role("search").first.get_by_role("searchbox").fill("Barnahus")
    page.get_by_role("search").first.get_by_role("button", name="Sök").click()
    page.wait_for_url(re.compile(r"/sok/\?q=Barnahus$"))
    wait_for_results(page)
    assert sorted(paths(page, TOP_LINKS)) == BARNAHUS_RESULTS


@pytest.mark.browser
def test_only_meeting_pages_and_their_decisions_are_in_the_index(page, site_url, built):
    out, site = built
    decisions = sum(1 for items in seed_agendas() for item in items if item.decision)
    assert decisions == 19
    assert read_stats(out / "pagefind").pages == len(site.meetings) + decisions
    search(page, site_url, "Barsom")  # a person with a person page, on several meetings
    found = paths(page, TOP_LINKS)
    assert found and all(MEETING_URL.match(url) for url in found)


def seed_agendas():
    from generator.pipeline.analyse import analyse
    from generator.pipeline.stages import Timings
    from generator.shared.problems import Problems

    return analyse(SEED_CONTENT, None, Problems(), Timings()).agendas.values()


@pytest.mark.browser
def test_search_works_under_a_base_url_subpath(page, sub_site_url):
    search(page, sub_site_url, "Barnahus")
    found = paths(page, TOP_LINKS)
    assert sorted(found) == ["/sub" + url for url in BARNAHUS_RESULTS]
    assert "/sub/chefsgrupp-social-valfard/2026-02-06/#p11" in paths(page, SUB_LINKS)
    page.click(f"{TOP_LINKS}[href='/sub/chefsgrupp-social-valfard/2026-02-06/']")
    page.wait_for_url("**/sub/chefsgrupp-social-valfard/2026-02-06/")
    assert page.locator("h2#p11").count() == 1


@pytest.mark.browser
def test_search_page_without_javascript_shows_a_plain_form(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}sok/?q=Barnahus")
        form = tab.locator("main form[role='search']")
        assert form.is_visible()
        assert form.get_attribute("method") == "get"
        assert form.locator("input[name='q']").is_visible()
        assert form.get_by_text("kräver JavaScript").is_visible()
        assert tab.locator("[data-search-results]").is_hidden()
    finally:
        context.close()


def test_search_page_says_search_is_unavailable_in_a_build_without_index(tmp_path):
    out = tmp_path / "site"
    build(BuildOptions(SEED_CONTENT, out, search=False))
    html = (out / "sok/index.html").read_text(encoding="utf-8")
    assert "Sökning är inte tillgänglig" in html
    assert "pagefind" not in html
    assert not (out / "pagefind").exists()


def test_search_page_loads_pagefind_from_the_site_never_a_cdn(built):
    html = (built[0] / "sok/index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert "/static/search.js" in sources
    assert 'data-bundle-path="/pagefind/"' in html
    assert all(not re.match(r"^(?:[a-z]+:)?//", s) for s in sources)
    assert (built[0] / "pagefind/pagefind.js").is_file()
    assert "<script>" not in html and " style=" not in html
