"""The build pipeline: compare -> analyse -> render -> link check -> save state -> index -> swap.

`build()` reads top to bottom as that pipeline. Every stage adds to one
`Problems`; the build stops before writing when there are errors, and a
failure while writing leaves the previous site untouched (see output/write.py).
Cold and warm builds differ only in the baseline the incremental engine starts
from (engine.py): none, or the last build's state (state.py). Both render meeting
bodies through the parse cache (bodycache.py), so an unchanged body is not parsed again.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass

from generator.content.model import Site
from generator.output import linkcheck
from generator.output.static import copy_static
from generator.output.write import StagedOutput
from generator.pages import catalog, decision_search
from generator.pages.analysis import Analysis
from generator.pages.bodies import BodyCache
from generator.pages.context import RenderContext
from generator.pages.render import Renderer
from generator.shared import parallel
from generator.shared.options import BuildOptions
from generator.shared.problems import ContentError, Problems
from generator.shared.progress import Progress, Stage
from generator.shared.urls import MARKER

from . import bodycache, engine, state, uptodate
from .affected import Changes
from .stages import Timings, collector_paused


@dataclass
class BuildResult:
    problems: Problems
    pages: int
    timings: Timings
    site: Site | None = None
    up_to_date: bool = False
    """True when nothing changed since the last build, so nothing was rebuilt."""
    rendered: int = 0
    """Pages rendered; fewer than `pages` in a warm build (the rest were linked from the last site)."""


def build(options: BuildOptions, checked: uptodate.Checked | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Build the site; `checked` is `uptodate.check(options)` when the caller has asked already;
    `progress`: where to show each stage's progress (None: nowhere)."""
    timings, workers = Timings(progress=progress), options.workers or parallel.default_workers()
    with timings.stage("jämför"):
        checked = checked or uptodate.check(options)
    if checked.last is not None:
        return BuildResult(checked.last.problems, checked.last.pages, timings, up_to_date=True)
    with collector_paused():
        last = None if options.force else state.load(options, checked.inputs)
        update = analyse(options, last, timings, workers)
    problems, plans = update.problems, update.analysis.plans
    stop_on(problems, options.strict)
    analysis_problems = list(problems.items)
    warm = last if last is not None and update.affected is not None else None  # some pages kept from the last site
    bodies = bodycache.open_cache(options, checked.inputs.files)  # before the new site replaces the old
    output = StagedOutput(options.out_dir)
    with model_frozen(), aborted_on_failure(output):
        with timings.stage("rendera") as step:
            rendered = render(update, output, options, workers, step, bodies)
        problems.items.extend(warm.kept_render_problems(plans, rendered) if warm else ())
        render_problems = problems.items[len(analysis_problems):]
        stop_on(problems, strict=False)  # links from content are already reported at their source line
        with timings.stage("länkar") as step:
            step.count(None)
            scans = linkcheck.check_site(output.staging, update.analysis.base_url, problems, plans, workers,
                                         warm.kept_scans(plans, rendered) if warm else None)
        stop_on(problems, options.strict)
        saver = state.Saver(options.out_dir, state.BuildState(  # written while the search index is built
            state.settings(options), checked.inputs.digest, checked.inputs.files, update.analysis,
            analysis_problems, render_problems, scans))
        with aborted_on_failure(saver):
            index_search(options, update.analysis, output, timings)
            uptodate.record(output.staging / MARKER, checked.inputs.digest, len(plans), problems)
            output.commit()
        saver.commit()
    bodycache.prune(bodies, update.analysis)
    return BuildResult(problems, len(plans), timings, update.analysis.site, rendered=len(rendered))


def analyse(options: BuildOptions, last: state.LastBuild | None, timings: Timings, workers: int) -> engine.Update:
    """The analysis and the pages to render: all of them in a cold build."""
    if last is None:
        return engine.update(options, None, Changes(None), timings, workers=workers)
    with timings.stage("analysera"):
        return engine.update(options, last.baseline, last.changes, timings, workers=workers)


def render(update: engine.Update, output: StagedOutput, options: BuildOptions, workers: int,
           step: Stage | None = None, bodies: BodyCache | None = None) -> set[str]:
    """Render the affected pages (every page in a cold build), counted on `step`, hard-link the rest
    from the current site, copy the static files; returns dest_rel of the pages rendered. Meeting
    bodies go through the parse cache `bodies` (bodycache.py)."""
    analysis, affected = update.analysis, update.affected
    only = None
    if affected is not None:  # in plan order: the links are made folder by folder
        only = affected.pages | output.link_unchanged(p.dest_rel for p in analysis.plans if p.dest_rel not in affected.pages)
    ctx = RenderContext(analysis, Renderer(analysis.site.config, analysis.base_url, options.templates_dir),
                        update.problems, search=options.search, bodies=bodies)
    engine.render(ctx, only, output, workers, step)
    copy_static(options.templates_dir, output)
    return {p.dest_rel for p in analysis.plans if only is None or p.dest_rel in only}


def index_search(options: BuildOptions, analysis: Analysis, output: StagedOutput, timings: Timings) -> None:
    if options.search:
        from generator.output import pagefind  # only now: it is not needed for --no-search

        with timings.stage("sökindex") as step:
            step.count(None)
            pagefind.index(output.staging, catalog.search_documents(analysis.plans), decision_search.records(analysis))


def stop_on(problems: Problems, strict: bool) -> None:
    if problems.fails(strict):
        raise ContentError(problems)


@contextmanager
def model_frozen():
    """The model lives for the whole build: keep the collector (and forked workers) off it."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def aborted_on_failure(work: StagedOutput | state.Saver):
    """On any failure, `work.abort()`: the staging directory, or the state being saved, is dropped."""
    try:
        yield
    except BaseException:
        work.abort()
        raise
