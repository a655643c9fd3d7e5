"""Work in forked worker processes: reading the minutes, and rendering pages with the
analysis done once in the parent.

Workers are forked after the parent has read, validated and indexed the whole
site, so they inherit it (copy-on-write) instead of receiving it pickled. Each
worker renders an interleaved share of the pages into its copy of the output;
only its problems and, per page, the output's `worker_record` travel back
(build's staged output: nothing, the page is written straight into the staging
directory; serve's buffer: the page's bytes), and the parent hands those to
`output.adopt_record` in page order. The bytes are the same as a serial
build's (tests/test_parallel.py, tests/test_serve.py).

`on_done`, when given (a progress bar, shared/progress.py), is called in the parent
with the number of items each finished share held; the work is then cut into
PROGRESS_SHARES shares per worker so that the count moves while they run.
"""

from __future__ import annotations

import multiprocessing
import os

from .problems import Problems

PARALLEL_MIN_PAGES = 300
PARALLEL_MIN_ITEMS = 500
PROGRESS_SHARES = 8
_JOB = None
_MAP = None


def default_workers() -> int:
    """PROTOKOLL_WORKERS, else the CPUs this process may use."""
    configured = os.environ.get("PROTOKOLL_WORKERS")
    if configured:
        return max(1, int(configured))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def render_pages(ctx, renderers, pages, output, workers: int, on_done=None) -> None:
    """Render `pages` into `output`, in parallel when it pays; problems land in ctx.problems."""
    if workers <= 1 or len(pages) < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        for page in pages:
            output.write(page.dest_rel, renderers[page.kind](page, ctx))
            if on_done is not None:
                on_done(1)
        return
    global _JOB
    # Build the shared lookups once, here, so every worker inherits them.
    ctx.indexes, ctx.people_index, ctx.link_targets, ctx.meetings, ctx.today, ctx.decision_index  # noqa: B018
    ctx.renderer.preload()
    _JOB = (ctx, renderers, pages, output)
    try:
        results = _shares(_render_share, len(pages), workers, on_done)
    finally:
        _JOB = None
    for problems, _ in results:
        ctx.problems.items.extend(problems)
    for position, page in enumerate(pages):  # page `position` was the `position // shares`-th of share `position % shares`
        output.adopt_record(page.dest_rel, results[position % len(results)][1][position // len(results)])


def _render_share(share: tuple[int, int]):
    index, count = share
    ctx, renderers, pages, output = _JOB
    ctx.problems = Problems()
    records = []
    for page in pages[index::count]:
        output.write(page.dest_rel, renderers[page.kind](page, ctx))
        records.append(output.worker_record(page.dest_rel))
    return ctx.problems.items, records


def _shares(work, items: int, workers: int, on_done) -> list:
    """[work((index, count)) for every share of the `items`], in forked workers, in share order."""
    count = workers * PROGRESS_SHARES if on_done is not None else workers
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        if on_done is None:
            return pool.map(work, [(i, count) for i in range(count)])
        results = []
        for index, result in enumerate(pool.imap(work, [(i, count) for i in range(count)])):
            results.append(result)
            on_done(len(range(index, items, count)))
        return results


def map_in_workers(fn, items: list, workers: int, on_done=None) -> list:
    """[fn(item) for item in items], in forked workers when there are enough items to pay for them.

    `fn` need not be picklable (workers inherit it); its results travel back pickled."""
    if workers <= 1 or len(items) < PARALLEL_MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for item in items:
            results.append(fn(item))
            if on_done is not None:
                on_done(1)
        return results
    global _MAP
    _MAP = (fn, items)
    try:
        shares = _shares(_map_share, len(items), workers, on_done)
    finally:
        _MAP = None
    results = [None] * len(items)
    for index, share in enumerate(shares):
        results[index::len(shares)] = share
    return results


def _map_share(share: tuple[int, int]) -> list:
    index, count = share
    fn, items = _MAP
    return [fn(item) for item in items[index::count]]
