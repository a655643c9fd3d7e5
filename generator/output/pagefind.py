"""Pagefind: index the written site in one call, after every page is on disk.

The Python API answers about ten calls a second, so we never add pages one
by one: the staging directory is indexed as a whole by Pagefind's own binary,
shipped in the `pagefind_bin` wheel that `pagefind[bin]==1.5.2` pins (nothing
is downloaded at run time).

What gets indexed is decided by the templates, not here: only
templates/meeting.html marks its content with `data-pagefind-body`, so
Pagefind skips every other page (see docs/search.md for why). The whole site
is one language, `sv`, so the index never splits by language and Swedish
stemming applies everywhere.

The run is made reproducible: it starts in the site directory (Pagefind reads
`pagefind.yml` and friends from its working directory) with every `PAGEFIND_*`
variable removed from the environment (Pagefind reads its options from those too).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.shared import urls

LANGUAGE = "sv"
BUNDLE_URL = urls.SEARCH_BUNDLE
"""Site-relative URL of the bundle Pagefind writes (`/pagefind/`)."""
BUNDLE_DIR = BUNDLE_URL.strip("/")
RECORDS_DIR = "_sokposter"
"""Where extra search records (decision_search.py) lie while Pagefind runs; removed after, never published."""


class SearchIndexError(Exception):
    """Indexing failed; the message is Swedish and says what to do."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    """Pages in the index (meeting pages and decision records)."""
    languages: tuple[str, ...]


def pagefind_executable() -> Path:
    """The binary of the pinned `pagefind_bin` wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:
        raise SearchIndexError(
            "Pagefind saknas (paketet pagefind_bin). Installera projektet med `pip install -e .` "
            "eller bygg utan sökindex med `--no-search`."
        ) from exc
    return Path(get_executable())


def pagefind_command() -> list[str]:
    """The Pagefind program, before its options (serve.py builds on this too)."""
    return [str(pagefind_executable())]


def index_command(site_dir: Path, output_path: Path | None = None) -> list[str]:
    """One Pagefind run over `site_dir`; the bundle goes to `pagefind/` in it, or to `output_path`."""
    output = ["--output-path", str(output_path.resolve())] if output_path else ["--output-subdir", BUNDLE_DIR]
    return [*pagefind_command(), "--site", str(site_dir.resolve()), *output, "--force-language", LANGUAGE, "--quiet"]


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND_")}


def index(site_dir: Path, output_path: Path | None = None, records: list[tuple[str, bytes]] = ()) -> IndexStats:
    """Write `pagefind/` into `site_dir` (or the bundle to `output_path`) from the HTML there, in one run.

    `records` are (path, HTML) of extra results, indexed from `RECORDS_DIR` and removed again."""
    cmd = index_command(site_dir, output_path)
    records_dir = site_dir / RECORDS_DIR
    shutil.rmtree(records_dir, ignore_errors=True)
    try:
        if records:
            for rel, html in records:
                (records_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                (records_dir / rel).write_bytes(html)
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=site_dir, env=_clean_env())
    except OSError as exc:
        raise SearchIndexError(f"Pagefind kunde inte startas ({exc}). Bygg utan sökindex med `--no-search`.") from exc
    finally:
        shutil.rmtree(records_dir, ignore_errors=True)
    if result.returncode != 0:
        raise SearchIndexError(
            f"Pagefind misslyckades (kod {result.returncode}):\n{result.stdout}{result.stderr}".rstrip()
        )
    return read_stats(output_path or site_dir / BUNDLE_DIR)


def read_stats(bundle_dir: Path) -> IndexStats:
    """What the index holds, from the `pagefind-entry.json` in the bundle directory."""
    entry_path = bundle_dir / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SearchIndexError(f"Pagefind skrev inget läsbart index ({entry_path}: {exc}).") from exc
    languages = entry.get("languages", {})
    unexpected = sorted(set(languages) - {LANGUAGE})
    if unexpected:
        raise SearchIndexError(
            f"Sökindexet delades upp på flera språk ({', '.join(sorted(languages))}); hela webbplatsen ska vara `{LANGUAGE}`."
        )
    pages = int(languages.get(LANGUAGE, {}).get("page_count", 0))
    return IndexStats(pages, tuple(sorted(languages)))
