"""Sitemap, robots.txt, the 404 page and the accessibility statement."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


from .conftest import BASE_SITE, SEED_CONTENT, build_site, minutes, seed_content_with_origin, write_tree

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ORIGIN = "https://protokoll.example.se"
DIGG_HEADINGS = [
    "Hur tillgänglig är webbplatsen?",
    "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "Rapportera brister i webbplatsens tillgänglighet",
    "Tillsyn",
    "Teknisk information om webbplatsens tillgänglighet",
    "Hur vi testat webbplatsen",
]


build = build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(SEED_CONTENT, tmp_path_factory.mktemp("furniture") / "site")


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> Path:
    """Served under /repo/ with a known origin, and a build date from SOURCE_DATE_EPOCH."""
    root = tmp_path_factory.mktemp("furniture-sub")
    content = seed_content_with_origin(root, ORIGIN)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1773360000")  # 2026-03-13
    try:
        return build(content, root / "site", "--base-url", "/repo/")
    finally:
        mp.undo()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("pagefind/")}


def url_to_file(site: Path, url: str) -> Path:
    path = site / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def test_sitemap_lists_every_html_page_but_the_404(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == SM + "urlset"
    locs = [u.findtext(SM + "loc") for u in root.findall(SM + "url")]
    assert len(locs) == len(set(locs))
    listed = {url_to_file(site, loc).relative_to(site).as_posix() for loc in locs}
    assert listed == html_pages(site) - {"404.html"}
    meeting = next(u for u in root.findall(SM + "url") if u.findtext(SM + "loc") == "/specifika-samverkansradet-folkhalsa/2026-03-13/")
    assert meeting.findtext(SM + "lastmod") == "2026-03-24"


def test_sitemap_and_robots_use_full_urls_when_the_origin_is_known(sub_site):
    locs = [u.findtext(SM + "loc") for u in ET.parse(sub_site / "sitemap.xml").getroot().findall(SM + "url")]
    assert locs and all(loc.startswith(f"{ORIGIN}/repo/") for loc in locs)
    robots = (sub_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {ORIGIN}/repo/sitemap.xml" in robots
    assert "User-agent: *" in robots


def test_robots_names_the_sitemap_without_an_origin(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert "/sitemap.xml" in robots
    assert not any(line.startswith("Sitemap: /") for line in robots.splitlines()), "Sitemap: must be a full URL"


def test_404_page_is_swedish_and_its_links_work_from_any_depth(sub_site):
    page = soup(sub_site / "404.html")
    assert page.html["lang"] == "sv"
    assert page.h1.get_text(strip=True) == "Sidan finns inte"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("form", "action")):
        for element in page.find_all(tag):
            url = element.get(attr)
            if not url or url.startswith(("#", "mailto:", "https://", "tel:", "data:")):
                continue
            assert url.startswith("/repo/"), f"{url} breaks when the 404 page is served at /repo/a/b/c"
            target = url_to_file(sub_site, url[len("/repo"):])
            assert target.is_file(), url


def test_accessibility_statement_follows_diggs_template(site):
    page = soup(site / "tillganglighet" / "index.html")
    assert page.h1.get_text(strip=True).startswith("Tillgänglighet för")
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert headings == DIGG_HEADINGS
    text = page.main.get_text(" ", strip=True)
    assert "tillganglighet@example.se" in text and "019-00 00 00" in text and "Regionkansliet" in text
    assert page.select_one('main a[href="mailto:tillganglighet@example.se"]')
    assert page.select_one('main a[href^="https://www.digg.se/"]')
    assert "lagen om tillgänglighet till digital offentlig service" in text


def test_every_page_footer_links_to_the_statement(site):
    for rel in sorted(html_pages(site)):
        links = {a["href"] for a in soup(site / rel).select("footer a")}
        assert "/tillganglighet/" in links, rel


def test_statement_date_is_the_build_date_by_default(sub_site):
    time = soup(sub_site / "tillganglighet" / "index.html").select_one("main time")
    assert time.parent.get_text(" ", strip=True).startswith("Redogörelsen uppdaterades senast den")
    assert time["datetime"] == "2026-03-13" and time.get_text() == "13 mars 2026"


def test_statement_date_comes_from_site_yaml_when_given(tmp_path):
    content = write_tree(tmp_path, {"site.yaml": BASE_SITE + "accessibility_reviewed: 2026-02-01\n",
                                    "minutes/ssr-folkhalsa/2025-03-21.md": minutes()})
    time = soup(build(content, tmp_path / "site") / "tillganglighet" / "index.html").select_one("main time")
    assert time["datetime"] == "2026-02-01" and time.get_text() == "1 februari 2026"


def test_site_copy_comes_from_site_yaml(tmp_path):
    site_yaml = BASE_SITE + ("intro: Beslut från våra nämnder, beredningar och nätverk.\n"
                             "footer: Kommunen publicerar protokollen här.\n"
                             "description: Protokollen från kommunen.\nlicence: CC BY 4.0\n")
    content = write_tree(tmp_path, {"site.yaml": site_yaml, "minutes/ssr-folkhalsa/2025-03-21.md": minutes()})
    out = build(content, tmp_path / "site")
    home = soup(out / "index.html")
    assert home.select_one("main .lead").get_text() == "Beslut från våra nämnder, beredningar och nätverk."
    assert home.select_one("meta[name=description]")["content"] == "Protokollen från kommunen."
    for rel in sorted(html_pages(out)):
        assert soup(out / rel).select_one("footer p").get_text() == "Kommunen publicerar protokollen här.", rel
    licence = soup(out / "data" / "index.html").find(id="licens").find_next("p")
    assert licence.a.get_text() == "CC BY 4.0" and "creativecommons.org/licenses/by/4.0" in licence.a["href"]


def test_default_copy_names_no_kind_of_council(site):
    home = soup(site / "index.html")
    texts = [home.select_one("main .lead").get_text(), home.select_one("footer p").get_text(),
             home.select_one("meta[name=description]")["content"]]
    for text in texts:
        assert "Region Örebro län" in text
        assert not any(kind in text for kind in ("samverkansråd", "chefsgrupp", "nämnd", "beredning")), text
    licence = soup(site / "data" / "index.html").find(id="licens").find_next("p")
    assert licence.a.get_text() == "CC0 1.0" and "publicdomain/zero/1.0" in licence.a["href"]
