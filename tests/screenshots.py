"""Screenshots of every page type at 390 px and 1280 px, light and dark, into docs/screenshots/.

    make screenshots        # or: python -m tests.screenshots [--out DIR]

Builds the seed content with its search index into a temporary directory,
serves it on 127.0.0.1 and photographs one page per type (the same pages the
accessibility tests check) in Debian's headless Chromium.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from generator.pipeline.build import build
from generator.shared.options import BuildOptions

from .browser import chromium, serve_dir
from .conftest import ROOT, SEED_CONTENT, SEED_EPOCH
from .test_accessibility import SEARCH_DONE, SEARCH_QUERY, representatives, url_of

WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
MAX_HEIGHT = 3000
"""Long pages (a meeting) are cut here: the top shows the layout, and the repository stays small."""


def take(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", SEED_EPOCH)  # the same coming meetings in every run
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(BuildOptions(SEED_CONTENT, site, search=True))
        pages = representatives(site)
        with serve_dir(site) as base, chromium() as browser:
            for scheme in SCHEMES:
                for width in WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    tab = context.new_page()
                    for kind, rel in sorted(pages.items()):
                        url = base + url_of(rel) + (f"?q={SEARCH_QUERY}" if kind == "search" else "")
                        tab.goto(url, wait_until="load")
                        if kind == "search":
                            tab.wait_for_selector(SEARCH_DONE, timeout=15_000)
                        suffix = "" if scheme == "light" else "-dark"
                        path = out_dir / f"{kind.replace(':', '-').replace('/', '-')}-{width}{suffix}.png"
                        height = min(tab.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
                        tab.screenshot(path=str(path), full_page=True,
                                       clip={"x": 0, "y": 0, "width": width, "height": height})
                        written.append(path)
                    context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    for path in take(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
