"""WCAG 2.1 AA, checked in a real browser: axe-core in headless Chromium over
every page type (light and dark), plus the rules axe does not know
(tests/a11y_rules.py) over every built page, keyboard focus, and reflow at 320 px.

Page types are discovered from the built tree, so a new page type is covered
as soon as it exists; the expected set is listed so that a missing one fails.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.pipeline.build import build
from generator.shared.options import BuildOptions

from . import a11y_rules as rules
from .browser import serve_dir
from .conftest import ROOT, SEED_CONTENT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""WCAG 2.1 A and AA, and from 2.2 AA the target size (2.5.8, 24 × 24 px): axe's one wcag22aa rule."""
EXPECTED_TYPES = {"home", "council", "meeting", "matrix", "person", "people", "search", "404", "accessibility"}
LEGAL_PAGES = {  # from tests/legal_content.py: the anslagstavla, and anslag blocks in every state
    "anslagstavla": "anslag/index.html",
    "under appeal, with rättelser": "kommunstyrelsen/2026-03-16/index.html",
    "legal force": "kommunstyrelsen/2026-02-16/index.html",
    "joint, announced twice": "tekniska-namnden/2026-03-20/index.html",
    "not yet announced": "kommunstyrelsen/2026-04-06/index.html",
}
SEARCH_QUERY = "barnahus"
SEARCH_DONE = "[data-search-results][data-state=done] .result"
"""Present once the search page has shown its hits."""
MEETING_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def page_type(rel: str) -> str:
    """The page type of a built HTML file, from its output path."""
    parts = rel.split("/")
    fixed = {"index.html": "home", "404.html": "404", "sok/index.html": "search",
             "tillganglighet/index.html": "accessibility", "personer/index.html": "people", "data/index.html": "data"}
    if rel in fixed:
        return fixed[rel]
    if len(parts) == 3 and parts[0] == "personer":
        return "person"
    if len(parts) == 2:
        return "council"
    if len(parts) == 3 and parts[1] == "narvaro":
        return "matrix"
    if len(parts) == 3 and MEETING_DIR.match(parts[1]):
        return "meeting"
    return "other:" + rel


def html_pages(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if "pagefind" not in p.parts)


def representatives(root: Path) -> dict[str, str]:
    """One page per type: the largest, which has the most of what the type can show."""
    chosen: dict[str, str] = {}
    for rel in html_pages(root):
        kind = page_type(rel)
        if kind not in chosen or (root / rel).stat().st_size > (root / chosen[kind]).stat().st_size:
            chosen[kind] = rel
    return chosen


def url_of(rel: str) -> str:
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def require_axe() -> Path:
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing (make test runs `npm install`)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The seed site with its search index (so /sok/ is tested as visitors get it)."""
    out = tmp_path_factory.mktemp("a11y") / "site"
    build(BuildOptions(SEED_CONTENT, out, search=True))
    return out


@pytest.fixture(scope="module")
def site_url(site):
    with serve_dir(site) as url:
        yield url


@pytest.fixture(scope="module")
def site_title(site) -> str:
    title = rules.page_title((site / "index.html").read_text(encoding="utf-8"))
    return title.split(" – ")[-1]


# --- page types -------------------------------------------------------------

def test_every_expected_page_type_is_built(site):
    found = {page_type(rel) for rel in html_pages(site)}
    assert EXPECTED_TYPES <= found, f"page types not built: {sorted(EXPECTED_TYPES - found)}"


# --- axe-core ---------------------------------------------------------------

def run_axe(browser, url: str, scheme: str, width: int = 1280, wait_for: str | None = None) -> list[dict]:
    context = browser.new_context(bypass_csp=True, color_scheme=scheme, viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="load")
        if wait_for:
            tab.wait_for_selector(wait_for, timeout=60_000)
        tab.add_script_tag(path=str(require_axe()))
        result = tab.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
        return result["violations"]
    finally:
        context.close()


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) + ": " + n.get("failureSummary", "").replace("\n", " ")[:200]
                   for n in v["nodes"][:4]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(targets))
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_21_aa_violations_on_any_page_type(site, site_url, browser, scheme):
    require_axe()
    failures = {}
    for kind, rel in sorted(representatives(site).items()):
        violations = run_axe(browser, site_url + url_of(rel), scheme)
        if violations:
            failures[f"{kind} ({rel})"] = describe(violations)
    assert not failures, "\n".join(f"{page}:\n  {text}" for page, text in failures.items())


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_search_results(site_url, browser, scheme):
    violations = run_axe(browser, f"{site_url}sok/?q={SEARCH_QUERY}", scheme, wait_for=SEARCH_DONE)
    assert not violations, describe(violations)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_a_phone(site, site_url, browser, scheme):
    failures = {}
    for kind, rel in sorted(representatives(site).items()):
        violations = run_axe(browser, site_url + url_of(rel), scheme, width=390)
        if violations:
            failures[kind] = describe(violations)
    assert not failures, "\n".join(f"{page}:\n  {text}" for page, text in failures.items())


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_on_the_anslagstavla_and_the_anslag_blocks(legal_site, browser, scheme, width):
    require_axe()
    failures = {}
    with serve_dir(legal_site) as url:
        for kind, rel in LEGAL_PAGES.items():
            assert (legal_site / rel).is_file(), rel
            violations = run_axe(browser, url + url_of(rel), scheme, width=width)
            if violations:
                failures[f"{kind} ({rel})"] = describe(violations)
    assert not failures, "\n".join(f"{page}:\n  {text}" for page, text in failures.items())


@pytest.mark.browser
def test_no_anslag_page_scrolls_sideways_at_320_px(legal_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        tab = context.new_page()
        with serve_dir(legal_site) as url:
            wide = {}
            for kind, rel in LEGAL_PAGES.items():
                tab.goto(url + url_of(rel))
                overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    wide[kind] = overflow
        assert not wide, f"pages wider than 320 px (extra px): {wide}"
    finally:
        context.close()


@pytest.mark.parametrize("rule", [rules.table_problems, rules.status_problems, rules.heading_problems,
                                  rules.skip_link_problems], ids=lambda r: r.__name__)
def test_the_anslag_pages_pass_the_custom_rules(legal_site, rule):
    failures = {rel: rule((legal_site / rel).read_text(encoding="utf-8")) for rel in LEGAL_PAGES.values()}
    assert not any(failures.values()), failures


def test_axe_gate_is_not_vacuous(browser, tmp_path):
    """A page with a known violation (image without alt, low contrast) fails the gate."""
    require_axe()
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="sv"><head><title>Test</title></head><body><main>'
        '<h1>Test</h1><img src="x.png"><p style="color:#bbb;background:#fff">Svag text</p></main></body></html>',
        encoding="utf-8")
    with serve_dir(tmp_path) as url:
        ids = {v["id"] for v in run_axe(browser, url, "light")}
    assert {"image-alt", "color-contrast"} <= ids


# --- rules axe does not check, over every page -------------------------------

@pytest.mark.parametrize("rule", [rules.table_problems, rules.status_problems, rules.heading_problems,
                                  rules.skip_link_problems], ids=lambda r: r.__name__)
def test_every_built_page_passes_the_custom_rule(site, rule):
    failures = {}
    for rel in html_pages(site):
        problems = rule((site / rel).read_text(encoding="utf-8"))
        if problems:
            failures[rel] = problems
    assert not failures, "\n".join(f"{rel}: {p}" for rel, ps in failures.items() for p in ps)


def test_every_page_has_a_unique_descriptive_title(site, site_title):
    titles = {}
    for rel in html_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        assert rules.title_problems(html, site_title) == [], rel
        titles[rel] = rules.page_title(html)
    duplicates = {t: n for t, n in Counter(titles.values()).items() if n > 1}
    assert not duplicates, duplicates


# --- keyboard, focus, reflow ---------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_tab_shows_the_skip_link_with_a_visible_focus_outline(site, site_url, browser, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        tab = context.new_page()
        for kind, rel in sorted(representatives(site).items()):
            # The empty search page puts focus in its search field on load (inside
            # main, past the skip link); with a query it does not, so Tab starts at the top.
            tab.goto(site_url + url_of(rel) + (f"?q={SEARCH_QUERY}" if kind == "search" else ""))
            tab.keyboard.press("Tab")
            focused = tab.evaluate("""() => {
                const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
                return {cls: el.className, visible: el.matches(':focus-visible'), style: s.outlineStyle,
                        width: parseFloat(s.outlineWidth), left: r.left, top: r.top, w: r.width, h: r.height,
                        vw: innerWidth};
            }""")
            assert focused["cls"] == "skip-link", (kind, focused)
            assert focused["visible"] and focused["style"] != "none" and focused["width"] >= 2, (kind, focused)
            assert 0 <= focused["left"] and focused["left"] + focused["w"] <= focused["vw"] and focused["top"] >= 0, (kind, focused)
            tab.keyboard.press("Enter")
            assert tab.evaluate("document.activeElement.id") == "innehall", kind
            # The next Tab lands on a link or control inside main, also with a visible outline.
            tab.keyboard.press("Tab")
            after = tab.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el);
                return {inMain: !!el.closest('main'), style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
            assert after["inMain"] and after["style"] != "none" and after["width"] >= 2, (kind, after)
    finally:
        context.close()


@pytest.mark.browser
def test_no_page_type_scrolls_sideways_at_320_px(site, site_url, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        tab = context.new_page()
        wide = {}
        for kind, rel in sorted(representatives(site).items()):
            tab.goto(site_url + url_of(rel))
            overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                wide[kind] = overflow
        assert not wide, f"pages wider than 320 px (extra px): {wide}"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_matrix_shows_every_row_without_an_inner_scroll_box(site, site_url, browser, width):
    rel = representatives(site)["matrix"]
    context = browser.new_context(viewport={"width": width, "height": 640})
    try:
        tab = context.new_page()
        tab.goto(site_url + url_of(rel))
        state = tab.evaluate("""() => {
            const region = document.querySelector('.matrix-scroll'), doc = document.documentElement;
            const box = region.getBoundingClientRect(), s = getComputedStyle(region);
            const rows = [...region.querySelectorAll('tbody tr')];
            return {pageOverflow: doc.scrollWidth - doc.clientWidth, rows: rows.length,
                    hiddenRows: rows.filter(r => { const b = r.getBoundingClientRect();
                                                   return b.top < box.top - 1 || b.bottom > box.bottom + 1; }).length,
                    innerScroll: region.scrollHeight - region.clientHeight, overflowY: s.overflowY, maxHeight: s.maxHeight,
                    role: region.getAttribute('role'), tabindex: region.getAttribute('tabindex'),
                    label: region.getAttribute('aria-labelledby') || region.getAttribute('aria-label')};
        }""")
        assert state["rows"] > 20, state  # the seed's largest matrix: SSR folkhälsa, 42 people
        assert state["hiddenRows"] == 0 and state["innerScroll"] <= 1 and state["maxHeight"] == "none", state
        assert state["pageOverflow"] <= 0, state
        assert state["role"] == "region" and state["label"] and state["tabindex"] == "0", state
        if width == 320:  # too narrow for every column: the region scrolls sideways, names stay in view
            moved = tab.evaluate("""() => {
                const region = document.querySelector('.matrix-scroll');
                const rowHead = region.querySelector('tbody th[scope=row]');
                region.scrollLeft = 200;
                return {scrolled: region.scrollLeft,
                        rowLeft: rowHead.getBoundingClientRect().left - region.getBoundingClientRect().left};
            }""")
            assert moved["scrolled"] > 0 and abs(moved["rowLeft"]) <= 1, moved
    finally:
        context.close()


def test_matrix_puts_the_summary_right_after_the_name_and_names_the_council_in_group_labels(site):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / representatives(site)["matrix"]).read_text(encoding="utf-8"), "html.parser")
    heads = [th.get_text(strip=True) for th in soup.select("table.matrix thead th")]
    assert heads[:3] == ["Person", "Närvarande", "Andel"]
    short = soup.select(".breadcrumbs li")[1].get_text(strip=True)
    labels = [th.get_text(strip=True) for th in soup.select("table.matrix tbody th[scope=rowgroup]")]
    assert labels and all(short in label for label in labels), (short, labels)
    assert soup.select_one(".legend") is not None


# --- the custom rules fail on bad HTML ----------------------------------------

GOOD_TABLE = """<table><caption>Ledamöter</caption>
<thead><tr><th scope="col">Närvaro</th><th scope="col">Namn</th></tr></thead>
<tbody><tr class="status-absent"><td>Frånvarande</td><th scope="row">Anna</th></tr></tbody></table>"""
GROUPED_TABLE = """<table><caption>Närvaro</caption>
<thead><tr><th scope="col">Person</th><th scope="col">Andel</th></tr></thead>
<tbody><tr><th scope="rowgroup" colspan="2">Ledamöter i SSR</th></tr><tr><th scope="row">Anna</th><td>50 %</td></tr></tbody></table>"""


def test_table_rule_accepts_a_good_table():
    assert rules.table_problems(GOOD_TABLE) == []
    assert rules.status_problems(GOOD_TABLE) == []
    assert rules.table_problems(GROUPED_TABLE) == []


@pytest.mark.parametrize("bad, expected", [
    (GOOD_TABLE.replace("<caption>Ledamöter</caption>", ""), "caption"),
    (GOOD_TABLE.replace('<th scope="col">Namn</th>', "<th>Namn</th>"), "scope=\"col\""),
    (GOOD_TABLE.replace('<th scope="row">Anna</th>', "<td>Anna</td>"), "scope=\"row\""),
    (GOOD_TABLE.replace('<th scope="row">', '<th>'), "scope=\"row\""),
    (GOOD_TABLE.replace("<thead>", "<tbody>").replace("</thead>", "</tbody>"), "thead"),
    (GROUPED_TABLE.replace('scope="rowgroup"', 'scope="col"'), "scope=\"row\""),
    (GOOD_TABLE.replace("<td>Frånvarande</td>", '<th scope="row">Frånvarande</th>'), "en radrubrik"),
])
def test_table_rule_fails_without_caption_or_scopes(bad, expected):
    problems = rules.table_problems(bad)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("bad", [
    GOOD_TABLE.replace("<td>Frånvarande</td>", "<td></td>"),                                  # colour (row class) alone
    GOOD_TABLE.replace("<td>Frånvarande</td>", "<td>✗</td>"),                                 # symbol alone
    GOOD_TABLE.replace("<td>Frånvarande</td>", '<td><span aria-hidden="true">✗</span></td>'),  # hidden symbol
    GOOD_TABLE.replace("<th scope=\"row\">Anna</th>", "<th scope=\"row\"><s>Anna</s></th>"),    # strikethrough
    GOOD_TABLE.replace("<td>Frånvarande</td>", '<td class="cell-absent"></td>').replace(' class="status-absent"', ""),
])
def test_status_rule_fails_when_status_is_not_in_words(bad):
    assert rules.status_problems(bad) != []


def test_status_rule_accepts_a_symbol_beside_words():
    html = GOOD_TABLE.replace("<td>Frånvarande</td>", '<td class="cell-absent"><span aria-hidden="true">✗ </span>Frånvarande</td>')
    assert rules.status_problems(html) == []


@pytest.mark.parametrize("html, ok", [
    ("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>", True),
    ("<h1>a</h1><h3>c</h3>", False),
    ("<h2>a</h2><h3>b</h3>", False),
    ("<h1>a</h1><h2>b</h2><h1>c</h1>", False),
])
def test_heading_rule_catches_skipped_levels(html, ok):
    assert (rules.heading_problems(html) == []) is ok


def test_title_and_skip_link_rules_catch_bad_pages():
    assert rules.title_problems("<title>Protokoll</title>", "Protokoll") != []
    assert rules.title_problems("<title>Möten 2025 – Protokoll</title>", "Protokoll") == []
    assert rules.skip_link_problems('<body><a href="/">Hem</a><main id="m"></main></body>') != []
    assert rules.skip_link_problems('<body><a href="#x">Hoppa</a><main id="m"></main></body>') != []
    assert rules.skip_link_problems('<body><a href="#m">Hoppa</a><main id="m"></main></body>') == []
