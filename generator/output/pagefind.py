"""Pagefind: index the written site in one call, after every page is on disk.

The Python API answers about ten calls a second, so we never add pages one
by one: the staging directory is indexed as a whole by Pagefind's own binary,
shipped in the `pagefind_bin` wheel that `pagefind[bin]==1.5.2` pins (nothing
is downloaded at run time).

Only the search documents are indexed: the pages of the kinds declared
`searchable` (pages/plan.py; the meeting pages, whose template marks its content
with `data-pagefind-body`, see docs/search.md for why) and the decision records.
They are hard-linked into `SOURCE_DIR`, beside their would-be URLs, and Pagefind
reads only that folder: it no longer parses the thousands of person, matrix and
data pages it would skip anyway (at 4,000 meetings that was a third of its time).
The whole site is one language, `sv`, so the index never splits by language and
Swedish stemming applies everywhere.

The run is made reproducible: it starts in that folder (Pagefind reads
`pagefind.yml` and friends from its working directory), which holds only what we
put there, with every `PAGEFIND_*` variable removed from the environment (Pagefind
reads its options from those too).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from generator.shared import urls

LANGUAGE = "sv"
BUNDLE_URL = urls.SEARCH_BUNDLE
"""Site-relative URL of the bundle Pagefind writes (`/pagefind/`)."""
BUNDLE_DIR = BUNDLE_URL.strip("/")
SOURCE_DIR = "_sokindex"
"""Where the search documents are linked, in the site directory, while Pagefind runs; removed after, never published."""
RECORDS_DIR = "_sokposter"
"""Where in SOURCE_DIR the extra search records (decision_search.py) lie: their URLs start with it."""


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


def index_command(source_dir: Path, output_path: Path) -> list[str]:
    """One Pagefind run over the documents in `source_dir`; the bundle goes to `output_path`."""
    return [*pagefind_command(), "--site", str(source_dir.resolve()), "--output-path", str(output_path.resolve()),
            "--force-language", LANGUAGE, "--quiet"]


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND_")}


def index(site_dir: Path, documents: Iterable[str], records: Iterable[tuple[str, bytes]] = (),
          output_path: Path | None = None) -> IndexStats:
    """Write the search bundle for the pages `documents` (dest_rel under `site_dir`) and the extra
    results `records` ((path under RECORDS_DIR, HTML)), in one Pagefind run, to `pagefind/` in
    `site_dir` or to `output_path` (then the documents are linked beside it, not into `site_dir`)."""
    source_dir = site_dir / SOURCE_DIR if output_path is None else output_path.with_name(f"{output_path.name}{SOURCE_DIR}")
    try:
        try:
            stage_documents(site_dir, documents, records, source_dir)
        except OSError as exc:
            raise SearchIndexError(f"Sidorna till sökindexet kunde inte läggas i `{source_dir}` ({exc}). "
                                   "Finns det plats på disken? Bygg annars utan sökindex med `--no-search`.") from exc
        cmd = index_command(source_dir, output_path or site_dir / BUNDLE_DIR)
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, cwd=source_dir, env=_clean_env())
        except OSError as exc:
            raise SearchIndexError(f"Pagefind kunde inte startas ({exc}). Bygg utan sökindex med `--no-search`.") from exc
    finally:
        shutil.rmtree(source_dir, ignore_errors=True)
    if result.returncode != 0:
        raise SearchIndexError(
            f"Pagefind misslyckades (kod {result.returncode}):\n{result.stdout}{result.stderr}".rstrip()
        )
    return read_stats(output_path or site_dir / BUNDLE_DIR)


def stage_documents(site_dir: Path, documents: Iterable[str], records: Iterable[tuple[str, bytes]],
                    source_dir: Path) -> None:
    """`source_dir`, made anew, with the pages `documents` of `site_dir` linked at their dest_rel
    and the `records` written under RECORDS_DIR: all that Pagefind is to read."""
    shutil.rmtree(source_dir, ignore_errors=True)
    source_dir.mkdir(parents=True)
    for dest_rel in documents:
        _link(site_dir / dest_rel, source_dir / dest_rel)
    for rel, html in records:
        (source_dir / RECORDS_DIR / rel).parent.mkdir(parents=True, exist_ok=True)
        (source_dir / RECORDS_DIR / rel).write_bytes(html)


def _link(page: Path, link: Path) -> None:
    """`link` made the same file as `page` (a copy where the file system has no hard links)."""
    link.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(page, link)
    except OSError:
        shutil.copyfile(page, link)


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
