"""The build pipeline: discover -> parse -> validate -> model -> render -> write -> index.

`build()` reads top to bottom as that pipeline. Every stage adds to one
`Problems`; the build stops before writing when there are errors, and a
failure while writing leaves the previous site untouched (see write.py).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import checks, markdown, urls
from .load import load_site
from .model import Site
from .pages import PagePlan, claim_all, plan
from .problems import ContentError, Problems
from .render import Renderer, template_dirs
from .sources import Sources, discover
from .views import Indexes, council_page, home_page, meeting_page
from .write import StagedOutput
from . import people_views


@dataclass
class BuildOptions:
    content_dir: Path = Path("content")
    out_dir: Path = Path("site")
    base_url: str | None = None
    """Overrides site.yaml's base_url when given."""
    search: bool = True
    strict: bool = False
    templates_dir: Path | None = None


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


@dataclass
class Analysis:
    """Everything known about the content before anything is rendered."""

    sources: Sources
    site: Site
    bodies: dict[str, markdown.ParsedBody]
    plans: list[PagePlan]
    base_url: str


def analyse(content_dir: Path, base_url: str | None, problems: Problems, timings: Timings) -> Analysis:
    """discover -> parse -> validate -> model -> plan; no output is touched."""
    with timings.stage("upptäck"):
        sources = discover(content_dir, problems)
    with timings.stage("läs"):
        site = load_site(sources, problems)
    with timings.stage("kontrollera"):
        checks.check_site(site, problems)
    with timings.stage("markdown"):
        bodies = {m.key: markdown.parse(m.body, m.rel_path, m.body_first_line, problems) for m in site.meetings}
    plans = claim_all(plan_site(site, sources), problems)
    return Analysis(sources, site, bodies, plans, urls.normalize_base_url(base_url or site.config.base_url))


def build(options: BuildOptions) -> BuildResult:
    problems, timings = Problems(), Timings()
    analysis = analyse(options.content_dir, options.base_url, problems, timings)
    if problems.fails(options.strict):
        raise ContentError(problems)
    output = StagedOutput(options.out_dir)
    try:
        with timings.stage("rendera"):
            renderer = Renderer(analysis.site.config, analysis.base_url, options.templates_dir)
            render_site(analysis, renderer, output, problems)
            copy_static(options.templates_dir, output)
        if problems.fails(options.strict):
            raise ContentError(problems)
        if options.search:
            from . import search

            with timings.stage("sökindex"):
                search.index(output.staging)
        output.commit()
    except BaseException:
        output.abort()
        raise
    return BuildResult(problems, len(analysis.plans), timings, analysis.site)


def check(content_dir: Path, only_paths: set[Path] | None = None) -> Problems:
    """Validate everything a build would, links included, writing nothing.

    With `only_paths`, the whole site is still read (links and names are checked
    against it) but only problems in those files are reported.
    """
    problems = Problems()
    analysis = analyse(content_dir, None, problems, Timings())
    targets = link_targets(analysis)
    for meeting in analysis.site.meetings:
        markdown.render(
            analysis.bodies[meeting.key], rel_path=meeting.rel_path, first_line=meeting.body_first_line,
            content_rel=meeting.content_rel, targets=targets, href=lambda url: url, problems=problems,
        )
    if only_paths is not None:
        wanted = {p.resolve() for p in only_paths}
        problems = Problems([p for p in problems.items if Path(p.rel_path).resolve() in wanted])
    return problems


def plan_site(site: Site, sources: Sources) -> list[PagePlan]:
    """Every page and copied file, in a fixed order; collisions are found from this list."""
    plans = [plan(urls.HOME, "startsidan", "home")]
    for council_id in site.councils:
        plans.append(plan(urls.council_url(council_id), f"rådet {council_id} i councils.yaml", "council", council_id))
        plans.append(plan(urls.council_attendance_url(council_id), f"närvarosidan för {council_id}", "matrix", council_id))
    for meeting in sorted(site.meetings, key=lambda m: m.key):
        plans.append(plan(urls.meeting_url(meeting.folder, meeting.stem), meeting.rel_path, "meeting", meeting.key))
    for source in sources.attachments:
        _, folder, stem, name = source.content_rel.split("/")
        plans.append(plan(urls.attachment_url(folder, stem, name), source.rel_path, "attachment", source.content_rel))
    plans.append(plan(urls.PEOPLE, "personregistret", "people"))
    for person_id in site.people:
        plans.append(plan(urls.person_url(person_id), f"personen {person_id}", "person", person_id))
    return plans


def link_targets(analysis: Analysis) -> dict[str, markdown.LinkTarget]:
    site, bodies, sources = analysis.site, analysis.bodies, analysis.sources
    targets = {
        m.content_rel: markdown.LinkTarget(urls.meeting_url(m.folder, m.stem), frozenset(i.anchor for i in bodies[m.key].agenda))
        for m in site.meetings
    }
    for source in sources.attachments:
        _, folder, stem, name = source.content_rel.split("/")
        targets[source.content_rel] = markdown.LinkTarget(urls.attachment_url(folder, stem, name), frozenset())
    return targets


def render_site(analysis: Analysis, renderer: Renderer, output: StagedOutput, problems: Problems) -> None:
    site, bodies, sources = analysis.site, analysis.bodies, analysis.sources
    indexes = Indexes.build(site)
    people_index = people_views.PeopleIndex.build(site)
    targets = link_targets(analysis)
    meetings = {m.key: m for m in site.meetings}
    attachments = {s.content_rel: s for s in sources.attachments}
    for page in analysis.plans:
        if page.kind == "attachment":
            output.copy(page.dest_rel, attachments[page.key].src_path)
            continue
        if page.kind == "meeting":
            meeting = meetings[page.key]
            parsed = bodies[page.key]
            body_html = markdown.render(
                parsed, rel_path=meeting.rel_path, first_line=meeting.body_first_line, content_rel=meeting.content_rel,
                targets=targets, href=renderer.urls.href, problems=problems,
            )
            view = meeting_page(meeting, site, indexes, parsed.agenda, body_html)
            data = renderer.page("meeting.html", page=view, page_title=f"{view['title']}, {view['date_sv']}", nav="")
        elif page.kind == "home":
            data = renderer.page("home.html", page=home_page(site, indexes), page_title="Start", nav="home")
        elif page.kind == "council":
            view = council_page(page.key, site, indexes)
            data = renderer.page("council.html", page=view, page_title=view["name"], nav="")
        elif page.kind == "matrix":
            view = people_views.matrix_page(page.key, site, indexes, people_index)
            data = renderer.page("matrix.html", page=view, page_title=f"Närvaro: {view['council']['name']}", nav="")
        elif page.kind == "people":
            data = renderer.page("people.html", page=people_views.people_page(site, people_index), page_title="Personer", nav="people")
        elif page.kind == "person":
            view = people_views.person_page(page.key, site, people_index)
            data = renderer.page("person.html", page=view, page_title=view["name"], nav="people")
        else:  # pragma: no cover - every kind is listed above
            raise AssertionError(page.kind)
        output.write(page.dest_rel, data)


def copy_static(templates_dir: Path | None, output: StagedOutput) -> None:
    """Copy `static/` of the templates; an override's file wins over the default's."""
    files: dict[str, Path] = {}
    for directory in reversed(template_dirs(templates_dir)):
        static = directory / "static"
        if static.is_dir():
            files.update({src.relative_to(static).as_posix(): src for src in static.rglob("*") if src.is_file()})
    for rel in sorted(files):
        output.copy(f"static/{rel}", files[rel])
