"""The build pipeline: discover -> parse -> validate -> model -> render -> write -> index.

`build()` reads top to bottom as that pipeline. Every stage adds to one
`Problems`; the build stops before writing when there are errors, and a
failure while writing leaves the previous site untouched (see write.py).
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import checks, decisions, legal, linkcheck, markdown, parallel, uptodate, urls, warm
from .load import LoadCache, load_site
from .model import AgendaItem, Site
from .pages import PagePlan, claim_all
from .problems import ContentError, Problems
from .options import BuildOptions, template_dirs  # noqa: F401 - BuildOptions is re-exported
from .render import Renderer
from .sources import Sources, discover
from .uptodate import MARKER
from .write import StagedOutput
from . import core_pages, decision_data, decision_pages, people_views, search_pages
from . import anslag_pages, calendars, feeds, furniture, opendata
from . import headers_file
from .context import RenderContext

# Each family module has `plans(site, sources)` and `RENDERERS` (page kind -> function).
FAMILIES = [core_pages, people_views, search_pages, feeds, calendars, anslag_pages, opendata, furniture, headers_file,
            decision_pages, decision_data]


@dataclass
class Timings:
    stages: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        yield
        self.stages.append((name, time.perf_counter() - start))

    def summary(self) -> str:
        total = sum(s for _, s in self.stages)
        parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in self.stages)
        return f"{total:.2f} s ({parts})"


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


@dataclass
class Analysis:
    """Everything known about the content before anything is rendered."""

    sources: Sources
    site: Site
    agendas: dict[str, tuple[AgendaItem, ...]]
    """Meeting key -> its agenda with each item's decision (found by a line scan; bodies are parsed when rendered)."""
    plans: list[PagePlan]
    base_url: str
    spellings: dict[str, str] = field(default_factory=dict)
    """Undeclared person id -> the known name it is suspiciously close to (see checks.spelling_verdicts)."""


def analyse(content_dir: Path, base_url: str | None, problems: Problems, timings: Timings,
            cache: LoadCache | None = None, workers: int = 1) -> Analysis:
    """discover -> parse -> validate -> model -> plan; no output is touched.

    `cache` (serve keeps one between rebuilds) skips re-reading unchanged minutes files;
    without one, `workers` processes read the minutes.
    """
    with timings.stage("upptäck"):
        sources = discover(content_dir, problems)
    with timings.stage("läs"):
        site = load_site(sources, problems, cache=cache, workers=workers)
    with timings.stage("kontrollera"):
        spellings = checks.check_site(site, problems)
    with timings.stage("dagordning"):
        agendas = {m.key: meeting_agenda(m, site, problems, cache) for m in site.meetings}
        legal.check_site(site, agendas, problems)
        decisions.check_paragraphs(site.meetings, agendas, problems)
    plans = claim_all(plan_site(site, sources), problems)
    return Analysis(sources, site, agendas, plans, urls.normalize_base_url(base_url or site.config.base_url), spellings)


def meeting_agenda(meeting, site: Site, problems: Problems, cache: LoadCache | None) -> tuple[AgendaItem, ...]:
    """The meeting's agenda items, each with its decision and statements (the people in them resolved)."""
    return decisions.attach(meeting, scan_agenda_cached(meeting, problems, cache), site.people, problems)


def scan_agenda_cached(meeting, problems: Problems, cache: LoadCache | None):
    if cache is None:
        return markdown.scan_agenda(meeting.body, meeting.rel_path, meeting.body_first_line, problems)
    key = (meeting.rel_path, meeting.body_first_line, meeting.body)
    return cache.replay(("agenda", key), problems, lambda found: markdown.scan_agenda(
        meeting.body, meeting.rel_path, meeting.body_first_line, found))


def build(options: BuildOptions, checked: tuple | None = None) -> BuildResult:
    """Build the site; `checked` is `uptodate.check(options)` when the caller has asked already."""
    problems, timings = Problems(), Timings()
    with timings.stage("jämför"):
        inputs, last = checked or uptodate.check(options)
    if last is not None:
        pages, problems = last
        return BuildResult(problems, pages, timings, None, up_to_date=True)
    workers = options.workers or parallel.default_workers()
    with quiet_gc():
        start = None if options.force else warm.load(options, inputs)
        if start is None:
            analysis, only = analyse(options.content_dir, options.base_url, problems, timings, workers=workers), None
        else:
            analysis, only = warm.analyse_changes(*start, options, problems, timings)
    if problems.fails(options.strict):
        raise ContentError(problems)
    analysis_problems = list(problems.items)
    output = StagedOutput(options.out_dir)
    saver = None
    gc.freeze()  # the model lives for the whole build: keep the collector (and forked workers) off it
    try:
        with timings.stage("rendera"):
            if only is not None:
                only |= output.link_unchanged(p.dest_rel for p in analysis.plans if p.dest_rel not in only)
            renderer = Renderer(analysis.site.config, analysis.base_url, options.templates_dir)
            render_site(analysis, renderer, output, problems, search=options.search, only=only, workers=workers)
            copy_static(options.templates_dir, output)
        if only is not None:
            problems.items.extend(warm.kept_render_problems(start[0], analysis.plans, only))
        render_problems = problems.items[len(analysis_problems):]
        if problems.errors:  # links from content are already reported at their source line
            raise ContentError(problems)
        with timings.stage("länkar"):
            known = None if only is None else warm.known_scans(start[0], analysis.plans, only)
            scans = linkcheck.check_site(output.staging, analysis.base_url, problems, analysis.plans, workers, known)
        if problems.fails(options.strict):
            raise ContentError(problems)
        saver = warm.Saver(options.out_dir, warm.BuildState(  # written while the search index is built
            warm.settings(options), inputs.digest, inputs.files, analysis, analysis_problems, render_problems, scans))
        if options.search:
            from . import decision_search, search

            with timings.stage("sökindex"):
                search.index(output.staging, records=decision_search.records(analysis))
        uptodate.record(output.staging / MARKER, inputs.digest, len(analysis.plans), problems)
        output.commit()
        saver.commit()
    except BaseException:
        output.abort()
        if saver is not None:
            saver.abort()
        raise
    finally:
        gc.unfreeze()
    return BuildResult(problems, len(analysis.plans), timings, analysis.site,
                       rendered=len(analysis.plans) if only is None else len(only))


@contextmanager
def quiet_gc():
    """No cyclic GC while the model is built: scanning its millions of young objects again and
    again cost a fifth of the time at 10,000 meetings."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check(content_dir: Path, only_paths: set[Path] | None = None) -> Problems:
    """Validate everything a build would, links included, writing nothing.

    With `only_paths`, the whole site is still read (links and names are checked
    against it) but only problems in those files are reported.
    """
    problems = Problems()
    analysis = analyse(content_dir, None, problems, Timings())
    targets = link_targets(analysis)
    for meeting in analysis.site.meetings:
        markdown.render_body(meeting, analysis.agendas[meeting.key], targets, lambda url: url, problems)
    if only_paths is not None:
        wanted = {p.resolve() for p in only_paths}
        problems = Problems([p for p in problems.items if Path(p.rel_path).resolve() in wanted])
    return problems


def plan_site(site: Site, sources: Sources) -> list[PagePlan]:
    """Every output file, in a fixed order; collisions are found from this list."""
    return [page for family in FAMILIES for page in family.plans(site, sources)]


def link_targets(analysis: Analysis) -> dict[str, markdown.LinkTarget]:
    site, agendas, sources = analysis.site, analysis.agendas, analysis.sources
    targets = {m.content_rel: link_target(m, agendas[m.key]) for m in site.meetings}
    for source in sources.minutes:  # minutes with errors of their own: links into them are not errors too
        if source.content_rel not in targets:
            _, folder, name = source.content_rel.split("/")
            targets[source.content_rel] = markdown.LinkTarget(urls.meeting_url(folder, name[:-3]), frozenset(), False)
    for source in sources.attachments:
        _, folder, stem, name = source.content_rel.split("/")
        targets[source.content_rel] = markdown.LinkTarget(urls.attachment_url(folder, stem, name), frozenset())
    return targets


def link_target(meeting, agenda: tuple[AgendaItem, ...]) -> markdown.LinkTarget:
    return markdown.LinkTarget(urls.meeting_url(meeting.folder, meeting.stem), frozenset(i.anchor for i in agenda))


def render_site(analysis: Analysis, renderer: Renderer, output, problems: Problems, search: bool = True,
                only: set[str] | None = None, workers: int = 1, ctx: RenderContext | None = None) -> None:
    """Render every planned page, or only those whose dest_rel is in `only` (serve's incremental path,
    which passes one `ctx` for several batches so its lookups are built once)."""
    ctx = ctx or RenderContext(analysis, renderer, problems, search=search)
    renderers = {kind: fn for family in FAMILIES for kind, fn in family.RENDERERS.items()}
    pages = [page for page in analysis.plans if only is None or page.dest_rel in only]
    parallel.render_pages(ctx, renderers, pages, output, workers)


def copy_static(templates_dir: Path | None, output: StagedOutput) -> None:
    """Copy `static/` of the templates; an override's file wins over the default's."""
    files: dict[str, Path] = {}
    for directory in reversed(template_dirs(templates_dir)):
        static = directory / "static"
        if static.is_dir():
            files.update({src.relative_to(static).as_posix(): src for src in static.rglob("*") if src.is_file()})
    for rel in sorted(files):
        output.copy(f"static/{rel}", files[rel])
