"""The built site works under its Content-Security-Policy: no 'unsafe-inline',
only 'wasm-unsafe-eval' for Pagefind. Every page type loads, and a search runs,
in headless Chromium with zero console errors (a CSP violation is one).

The pages carry the policy as a <meta> tag; here the server also sends the
headers of the site's own `_headers` file, as Netlify or Cloudflare Pages would.
"""

from __future__ import annotations

import functools
import http.server
import io
import re
import threading
from contextlib import contextmanager, redirect_stderr
from pathlib import Path

import pytest

from generator.cli import main as cli
from generator.pages import render
from tests.adversarial.harness import SEED_CONTENT
from tests.browser import chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "", "specifika-samverkansradet-folkhalsa/", "specifika-samverkansradet-folkhalsa/2025-03-21/",
    "chefsgrupp-skola/2026-03-06/", "specifika-samverkansradet-folkhalsa/narvaro/", "personer/",
    "personer/behcet-barsom/", "sok/", "tillganglighet/", "data/", "404.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("csp") / "site"
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["build", "--content", str(SEED_CONTENT), "--out", str(out)])
    assert code == 0, err.getvalue()
    return out


def _headers_file(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text("utf-8").splitlines()
    assert lines[0] == "/*"
    return dict(line.strip().split(": ", 1) for line in lines[1:] if line.strip())


@contextmanager
def _serve_with_headers(root: Path, headers: dict[str, str]):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_policy_allows_no_inline_code_and_only_wasm_eval():
    assert "'unsafe-inline'" not in render.CSP and "'unsafe-eval'" not in render.CSP
    assert re.search(r"script-src 'self' 'wasm-unsafe-eval'(;|$)", render.CSP)
    assert "object-src 'none'" in render.CSP


def test_the_headers_file_sends_the_pages_policy_and_nosniff(site):
    headers = _headers_file(site)
    assert headers["Content-Security-Policy"] == render.CSP + "; frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    for page in PAGES:
        html = (site / (page + "index.html" if not page.endswith(".html") else page)).read_text("utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{render.CSP.replace(chr(39), "&#39;")}">' in html


def _watch(page, errors: list[str]) -> None:
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
    page.on("response", lambda resp: errors.append(f"HTTP {resp.status}: {resp.url}") if resp.status >= 400 else None)


def test_every_page_type_loads_under_the_policy_without_console_errors(site):
    with _serve_with_headers(site, _headers_file(site)) as base, chromium() as browser:
        context = browser.new_context()
        errors: list[str] = []
        for path in PAGES:
            page = context.new_page()
            _watch(page, errors)
            response = page.goto(base + path, wait_until="load")
            assert response.status == 200, path
            assert response.headers["content-security-policy"].startswith("default-src 'self'")
            page.wait_for_timeout(200)
            page.close()
        assert errors == []


def test_a_search_runs_under_the_policy_without_console_errors(site):
    assert (site / "pagefind" / "pagefind.js").is_file(), "the build wrote no search bundle"
    with _serve_with_headers(site, _headers_file(site)) as base, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        _watch(page, errors)
        page.goto(base + "sok/?q=folkhälsa", wait_until="load")
        page.wait_for_selector("[data-search-results][data-state=done] .result", timeout=20000)
        results = page.locator(".result-link")
        assert results.count() > 0
        assert all(href.startswith(base) or href.startswith("/") for href in
                   (results.nth(i).get_attribute("href") for i in range(results.count())))
        assert errors == []
