"""What goes into the search index: only the search documents are handed to Pagefind, and
that gives the index Pagefind makes of the whole site (the real Pagefind binary, no mocks)."""

from __future__ import annotations

import shutil
import subprocess
import threading

from generator.output import pagefind
from generator.pages import catalog
from generator.pipeline.analyse import analyse
from generator.pipeline.stages import Timings
from generator.shared.problems import Problems

from .conftest import SEED_CONTENT


def seed_plans():
    return analyse(SEED_CONTENT, None, Problems(), Timings()).plans


def marked_pages(site) -> set[str]:
    return {str(page.relative_to(site)) for page in site.rglob("*.html")
            if b"data-pagefind-body" in page.read_bytes()}


def bundle_files(bundle) -> dict[str, bytes]:
    """The bundle's fragments and word index, by path (the entry, filter and meta files get random names)."""
    return {str(f.relative_to(bundle)): f.read_bytes() for folder in ("fragment", "index")
            for f in sorted((bundle / folder).iterdir())}


def test_the_pages_marked_for_search_are_exactly_those_of_the_searchable_kinds(seed_site):
    documents = catalog.search_documents(seed_plans())
    assert documents and all(d.endswith("/index.html") for d in documents)
    assert marked_pages(seed_site) == set(documents)


def test_indexing_only_the_search_documents_gives_pagefinds_index_of_the_whole_site(seed_site, tmp_path):
    ours, whole = tmp_path / "ours", tmp_path / "whole"
    stats = pagefind.index(seed_site, catalog.search_documents(seed_plans()), output_path=ours)
    subprocess.run([*pagefind.pagefind_command(), "--site", str(seed_site), "--output-path", str(whole),
                    "--force-language", pagefind.LANGUAGE, "--quiet"], check=True, cwd=tmp_path)
    assert stats.pages == len(marked_pages(seed_site))
    assert pagefind.read_stats(whole).pages == stats.pages
    assert bundle_files(ours) == bundle_files(whole)
    assert not (seed_site / pagefind.SOURCE_DIR).exists()
    assert not any(p.name.endswith(pagefind.SOURCE_DIR) for p in tmp_path.iterdir())   # the links are gone again


def test_decision_records_are_indexed_beside_the_documents_and_never_left_behind(seed_site, tmp_path):
    bundle = tmp_path / "bundle"
    documents = catalog.search_documents(seed_plans())
    records = [("x/2026-01-01/p1-beslut.html",
                b'<!DOCTYPE html><html lang="sv"><head><title>t</title></head><body>'
                b'<main data-pagefind-body>kvittorutin</main></body></html>')]
    stats = pagefind.index(seed_site, documents, records, output_path=bundle)
    assert stats.pages == len(documents) + 1
    left = [p for root in (seed_site, tmp_path) for p in root.rglob("*")]
    assert not any(pagefind.SOURCE_DIR in str(p) or pagefind.RECORDS_DIR in str(p) for p in left)


def test_serve_refreshes_the_index_of_the_live_site_and_leaves_nothing_beside_it(seed_site, tmp_path):
    from generator.pages import decision_search
    from generator.serve.live import SearchRefresher

    live = shutil.copytree(seed_site, tmp_path / "live")
    analysis = analyse(SEED_CONTENT, None, Problems(), Timings())
    records = decision_search.records(analysis)
    before = set(threading.enumerate())
    SearchRefresher(live).refresh(catalog.search_documents(analysis.plans), records)
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=120)
    assert pagefind.read_stats(live / "pagefind").pages == len(analysis.site.meetings) + len(records)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live"]
    assert not (live / pagefind.SOURCE_DIR).exists()
