"""Bench section: decisions as data (issue 18) at the sizes in BENCH_SIZES.

For each size: the cold build without search of the corpus (which carries `Beslut:`
lines, § numbering, reservations, protokollsanteckningar and jäv), the number of pages
it wrote, and how many decisions the corpus holds and people its decision lines name, counted from the
build's own `data/beslut.json`. The figure before the feature comes from a build of the
code before it (docs/benchmarks.md), which this section cannot reproduce.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from generator.shared.urls import MARKER
from .harness import Result, build_cmd, ensure_corpus, measure

STATEMENT_KEYS = ("reservations", "protokollsanteckningar", "jav")


def decision_counts(site: Path) -> dict[str, int]:
    """Decisions, and the reservations, protokollsanteckningar and jäv (one per person named), in a built site."""
    decisions = json.loads((site / "data" / "beslut.json").read_text(encoding="utf-8"))["decisions"]
    counts = {"decisions": len(decisions)}
    counts.update((key, sum(len(d[key]) for d in decisions)) for key in STATEMENT_KEYS)
    return counts


def pages_built(site: Path) -> int:
    """The page count the build printed (`Byggde N sidor`), as it recorded it in the site's marker."""
    return json.loads((site / MARKER).read_text(encoding="utf-8"))["pages"]


def bench_size(meetings: int, work: Path, runs: int = 3) -> Result:
    """The cold build `runs` times (a fresh output directory each), with the pages and counts of the last."""
    content = ensure_corpus(meetings)
    out = work / f"decisions-site-{meetings}"
    result = Result("cold build with decisions, no search", meetings, [], [])
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        seconds, rss, cpu, _ = measure(build_cmd(content, out))
        result.runs.append(round(seconds, 3))
        result.cpu.append(round(cpu, 3))
        result.peak_rss_mb.append(round(rss, 1))
    pages, counts = pages_built(out), decision_counts(out)
    shutil.rmtree(out, ignore_errors=True)
    result.note = (f"{pages} pages; the corpus has {counts['decisions']} decisions, {counts['reservations']} "
                   f"reservations, {counts['protokollsanteckningar']} protokollsanteckningar and {counts['jav']} jäv "
                   "(people named)")
    print(f"  {result.name:<36} {result.median:8.3f} s  (runs {result.runs}, cpu {result.cpu}, "
          f"peak {max(result.peak_rss_mb):.0f} MB, load {os.getloadavg()[0]:.1f})\n  {result.note}",
          file=sys.stderr, flush=True)
    return result


def bench(sizes: list[int], work: Path) -> list[Result]:
    print("\ndecisions (issue 18)", file=sys.stderr, flush=True)
    return [bench_size(meetings, work) for meetings in sizes]
