"""Valid HTML: the W3C Nu HTML Checker (vnu.jar from npm) over the whole built
seed site, its CSS included, with zero errors.

One checker run covers everything (the JVM starts once); a deliberately broken
page rides along in the same run to prove the checker is really looking.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.pipeline.build import build
from generator.shared.options import BuildOptions

from .conftest import ROOT, SEED_CONTENT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN_PAGE = """<!DOCTYPE html><html lang="sv"><head><title>Trasig</title></head>
<body><main><p><div>block i stycke</div></p><table><tr><td>a</td></tr></table><a href="/x"><a href="/y">nästlad</a></a>
<img src="x.png"></main></body></html>
"""


def require_vnu() -> tuple[str, Path]:
    java = shutil.which("java") or ("/usr/bin/java" if Path("/usr/bin/java").exists() else None)
    missing = []
    if java is None:
        missing.append("java is not installed (make browser installs default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR} is missing (make test runs `npm install`)")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail("; ".join(missing))
        pytest.skip("; ".join(missing))
    return java, VNU_JAR


def run_vnu(paths: list[Path], *options: str) -> list[dict]:
    java, jar = require_vnu()
    result = subprocess.run(
        [java, "-Xss1m", "-jar", str(jar), "--errors-only", "--format", "json", *options, *map(str, paths)],
        capture_output=True, text=True, timeout=600,
    )
    # vnu prints its JSON report on stderr and exits 1 when it found errors.
    report = json.loads(result.stderr or result.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def describe(messages: list[dict]) -> str:
    return "\n".join(f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m.get('message')}" for m in messages)


LEGAL_PAGES = ["anslag/index.html", "kommunstyrelsen/2026-03-16/index.html", "kommunstyrelsen/2026-02-16/index.html",
               "tekniska-namnden/2026-03-20/index.html", "index.html", "kommunstyrelsen/index.html"]


@pytest.fixture(scope="module")
def checked(tmp_path_factory, legal_site):
    """One vnu run over the site (with search), the no-search /sok/ page, the CSS, the anslag pages
    of tests/legal_content.py and a broken page."""
    require_vnu()
    base = tmp_path_factory.mktemp("vnu")
    site = base / "site"
    build(BuildOptions(SEED_CONTENT, site, search=True))
    plain = base / "plain"
    build(BuildOptions(SEED_CONTENT, plain, base_url="/sub/", search=False))
    broken = base / "broken" / "trasig.html"
    broken.parent.mkdir()
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    html = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)
    css = sorted((site / "static").glob("*.css"))
    legal = [legal_site / rel for rel in LEGAL_PAGES]
    messages = run_vnu([*html, plain / "sok" / "index.html", plain / "index.html", *legal, *css, broken],
                       "--also-check-css")
    return site, html, css, broken, messages


def test_vnu_checks_every_built_page_and_stylesheet(checked, legal_site):
    site, html, css, _, _ = checked
    assert len(html) >= 20 and (site / "404.html") in html and (site / "sok" / "index.html") in html
    assert site / "static" / "style.css" in css and site / "static" / "legal.css" in css
    assert all((legal_site / rel).is_file() for rel in LEGAL_PAGES)
    assert 'class="anslag ' in (legal_site / LEGAL_PAGES[1]).read_text(encoding="utf-8")


def test_whole_built_site_has_no_html_or_css_errors(checked):
    _, _, _, broken, messages = checked
    errors = [m for m in messages if not m.get("url", "").endswith(broken.name)]
    assert not errors, describe(errors)


def test_the_checker_reports_errors_in_a_broken_page(checked):
    _, _, _, broken, messages = checked
    assert len([m for m in messages if m.get("url", "").endswith(broken.name)]) >= 3
