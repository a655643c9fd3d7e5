"""The one incremental engine: cold builds, warm builds and serve's rebuilds all go through it.

From the changes since a baseline (no baseline: everything), `update` gives the
analysis of the content now and the pages those changes affect:

- no content changed: the baseline's analysis as it is;
- only minutes that already were in the model changed, each keeping its date,
  councils and people: those are re-analysed on their own and swapped in (patch.py);
- anything else: the whole content is analysed again.

The affected pages come from affected.py (None: every page). The caller renders
those (`render`) into its output and keeps the rest: `build` hard-links them
from the current site (state.py keeps the baseline between builds), `serve`
leaves them where they are (serve/rebuild.py keeps it in memory).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.load import LoadCache
from generator.pages.analysis import Analysis
from generator.pages.catalog import render_pages
from generator.pages.context import RenderContext
from generator.shared.options import BuildOptions
from generator.shared.problems import Problems
from generator.shared.progress import Stage

from .affected import Affected, Changes, affected
from .analyse import analyse
from .patch import patch
from .stages import Timings


@dataclass
class Baseline:
    """What the last good build or rebuild left, to start the next one from."""

    analysis: Analysis
    problems: Problems
    """Its problems (serve's include those found while rendering)."""
    ctx: RenderContext | None = None
    """Its render context, when still in memory (serve): lookups carry over (RenderContext.adopt)."""


@dataclass
class Update:
    analysis: Analysis
    problems: Problems
    patched: bool
    """True when the baseline's analysis was kept or patched, not made anew."""
    affected: Affected | None
    """The pages to render; None: every page."""


def update(options: BuildOptions, baseline: Baseline | None, changes: Changes, timings: Timings,
           cache: LoadCache | None = None, workers: int = 1) -> Update:
    """The analysis after `changes` to `baseline`, and the pages they affect. Raises ContentError
    when an edited file has errors and the rest is known to have none (see patch.py)."""
    if baseline is not None and changes.content == set():
        return Update(baseline.analysis, Problems(list(baseline.problems.items)), True,
                      _affected(baseline, baseline.analysis, changes))
    if baseline is not None and changes.content is not None:
        patched = patch(baseline.analysis, baseline.problems, changes.content, cache or LoadCache())
        if patched is not None:
            analysis, problems = patched
            return Update(analysis, problems, True, _affected(baseline, analysis, changes))
    if cache is not None:
        cache.prune()
    problems = Problems()
    analysis = analyse(options.content_dir, options.base_url, problems, timings, cache, workers)
    return Update(analysis, problems, False, None if baseline is None else _affected(baseline, analysis, changes))


def _affected(baseline: Baseline, analysis: Analysis, changes: Changes) -> Affected | None:
    indexes = baseline.ctx.indexes if baseline.ctx is not None else None
    return affected(baseline.analysis, analysis, changes, indexes)


def render(ctx: RenderContext, only: set[str] | None, output, workers: int = 1, step: Stage | None = None) -> None:
    """Render the planned pages whose dest_rel is in `only` (None: every page) into `output`, in plan order,
    counted on `step`'s progress bar."""
    plans = ctx.analysis.plans
    pages = plans if only is None else [page for page in plans if page.dest_rel in only]
    render_pages(ctx, pages, output, workers, step.count(len(pages), "sidor") if step else None)
