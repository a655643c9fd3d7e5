"""Incremental rebuilds for `serve`: re-analyse, then render only what changed.

Edits to existing minutes are re-analysed on their own (patch.py); anything
else re-analyses the whole site. Correctness first: the new analysis is
compared with the previous one, and only a change whose effects are fully
known (a meeting's body, attendance or agenda, a template that some page
kinds use, a static file) is rebuilt selectively. A body-only edit renders
just the meeting's page. Anything else (site.yaml, councils.yaml,
people.yaml, a meeting added, removed or renamed, a changed date, changed
people) rebuilds every page. Output is written file by file, atomically,
into the live directory; pages that no longer exist are removed. The bytes are the same as a full
build's (tests/test_serve.py proves it over a series of edits).
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import decision_pages, urls
from .build import Analysis, BuildOptions, Timings, analyse, copy_static, render_site
from .context import RenderContext
from .load import LoadCache
from .model import Meeting
from .patch import patch
from .problems import ContentError, Problems
from .render import Renderer
from .views import LATEST_ON_HOME, Indexes
from .uptodate import MARKER
from .write import _check_rel

# Page kind -> the template it renders with; kinds not listed are always re-rendered (they are few: feeds, data, ...).
TEMPLATE_OF = {
    "home": "home.html", "council": "council.html", "meeting": "meeting.html", "matrix": "matrix.html", "matrix-year": "matrix.html",
    "people": "people.html", "person": "person.html", "anslag": "anslag.html",
    "decision-log": "beslut.html", "decision-log-year": "beslut.html",
}
SHARED_TEMPLATES = ("base.html", "_macros.html", "_anslag.html", "_rattelser.html")
"""Templates every page may use; so may any partial whose name starts with `_`."""
PER_COUNCIL_KINDS = frozenset({"calendar", "council-feed", "data-csv"})
"""Kinds keyed by council id that depend only on that council's meetings."""


class LiveOutput:
    """Writes straight into the served directory, one file at a time (write + rename)."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.staging = out_dir  # for interface parity with StagedOutput
        self.written: set[str] = set()
        self.changed: list[str] = []
        """dest_rel of every file whose bytes changed or that was removed, in order."""

    def write(self, dest_rel: str, data: bytes) -> None:
        _check_rel(dest_rel)
        target = self.out_dir / dest_rel
        self.written.add(dest_rel)
        try:
            if target.read_bytes() == data:
                return
        except OSError:
            pass
        self.changed.append(dest_rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def copy(self, dest_rel: str, src_path: Path) -> None:
        self.write(dest_rel, src_path.read_bytes())

    def remove(self, dest_rel: str) -> None:
        _check_rel(dest_rel)
        target = self.out_dir / dest_rel
        self.changed.append(dest_rel)
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != self.out_dir and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


@dataclass
class Rebuilt:
    problems: Problems
    rendered: int
    full: bool
    changed: list[str] = field(default_factory=list)
    """dest_rel of every output file that changed or was removed."""
    timings: Timings = field(default_factory=Timings)
    patched: bool = False
    """True when only the edited minutes were re-analysed (see patch.py)."""


@dataclass
class IncrementalBuilder:
    options: BuildOptions
    previous: Analysis | None = None
    previous_problems: Problems = field(default_factory=Problems)
    cache: LoadCache = field(default_factory=LoadCache)
    pending: set[Path] | None = field(default_factory=set)
    """Content files changed since the last good rebuild; None when unknown (re-analyse everything)."""
    renderer: Renderer | None = None
    ctx: RenderContext | None = None
    """The last rebuild's render context: its lookups carry over to the next (RenderContext.adopt)."""

    def prime(self) -> None:
        """Remember the current content as the baseline after a full `build()`, with the lookups
        and compiled templates the first edit will need."""
        with settled_gc():
            analysis, problems = self._last_build() or self._analyse_all()
            self.previous = None if problems.fails(self.options.strict) else analysis
            self.previous_problems = problems
            if self.previous is not None:
                renderer = self._renderer(analysis)
                renderer.preload()
                self.ctx = RenderContext(analysis, renderer, problems, search=self.options.search)
                self.ctx.indexes, self.ctx.link_targets, self.ctx.meetings  # noqa: B018

    def _last_build(self) -> tuple[Analysis, Problems] | None:
        """The analysis the build just left in the user cache (warm.py), if nothing changed since."""
        from . import uptodate, warm

        inputs, _ = uptodate.check(self.options)
        start = warm.load(self.options, inputs)
        if start is None or start[1] is None or start[1].content or start[1].templates:
            return None
        return start[0].analysis, Problems(list(start[0].analysis_problems))

    def _analyse_all(self, timings: Timings | None = None) -> tuple[Analysis, Problems]:
        problems = Problems()
        return analyse(self.options.content_dir, self.options.base_url, problems, timings or Timings(), self.cache), problems

    def rebuild(self, changed_content: set[Path] | None = frozenset(), changed_templates: set[str] = frozenset(),
                static_changed: bool = False, first_written=None) -> Rebuilt:
        """Bring the live output up to date after a change. Raises ContentError.

        `changed_content` names the content files that changed (None: unknown, re-read all).
        The edited meetings' own pages are rendered and written first, then `first_written(changed)`
        is called with the dest_rel of the files changed so far (serve reloads their tabs there),
        then every other affected page is.
        """
        self.pending = None if self.pending is None or changed_content is None else self.pending | set(changed_content)
        with settled_gc():
            return self._rebuild(changed_templates, static_changed, first_written)

    def _rebuild(self, changed_templates: set[str], static_changed: bool, first_written) -> Rebuilt:
        timings = Timings()
        with timings.stage("analysera"):
            analysis, problems, patched = self.current_analysis(timings)
        if problems.fails(self.options.strict):
            raise ContentError(problems)
        only, first, edited = self.affected(analysis, changed_templates)
        output = LiveOutput(self.options.out_dir)
        self.options.out_dir.mkdir(parents=True, exist_ok=True)
        (self.options.out_dir / MARKER).touch()
        with timings.stage("rendera"):
            renderer = self._renderer(analysis)
            ctx = RenderContext(analysis, renderer, problems, search=self.options.search)
            if only is not None and self.ctx is not None:
                ctx.adopt(self.ctx, edited)
            for batch in ([None] if only is None else [first & only, only - first]):
                buffer = _Buffer()  # render a batch first: a link error must not leave half its pages new
                render_site(analysis, renderer, buffer, problems, only=batch, ctx=ctx)
                if problems.fails(self.options.strict):
                    raise ContentError(problems)
                if batch is None or static_changed:
                    copy_static(self.options.templates_dir, buffer)
                for dest_rel, data in buffer.files.items():
                    output.write(dest_rel, data)
                if first_written is not None and batch:
                    first_written(list(output.changed))
                    first_written = None
        if self.previous is not None and analysis.plans is not self.previous.plans:
            gone = {p.dest_rel for p in self.previous.plans} - {p.dest_rel for p in analysis.plans}
            for dest_rel in sorted(gone):
                output.remove(dest_rel)
        self.previous, self.previous_problems, self.pending, self.ctx = analysis, problems, set(), ctx
        return Rebuilt(problems, len(output.written), only is None, output.changed, timings, patched)

    def current_analysis(self, timings: Timings) -> tuple[Analysis, Problems, bool]:
        """The analysis of the current content: the previous one, patched, or a new one."""
        if self.previous is not None and self.pending == set():
            return self.previous, Problems(list(self.previous_problems.items)), True
        if self.previous is not None and self.pending is not None:
            patched = patch(self.previous, self.previous_problems, self.pending, self.cache)
            if patched is not None:
                return (*patched, True)
        self.cache.prune()
        return (*self._analyse_all(timings), False)

    def _renderer(self, analysis: Analysis) -> Renderer:
        """One Renderer (and its compiled templates) for as long as the settings it is made from stay."""
        settings = (analysis.site.config, analysis.base_url)
        if self.renderer is None or self.renderer.settings != settings:
            self.renderer = Renderer(analysis.site.config, analysis.base_url, self.options.templates_dir)
        return self.renderer

    def affected(self, new: Analysis, changed_templates: set[str]) -> tuple[set[str] | None, set[str], list[Meeting]]:
        """(dest_rel of every page to re-render or None for all, the edited meetings' own pages, the edited meetings)."""
        old, everything = self.previous, (None, set(), [])
        if old is None or any(t in SHARED_TEMPLATES or t.startswith("_") or not t.endswith(".html") for t in changed_templates):
            return everything
        if (old.site.config, old.site.councils, old.base_url) != (new.site.config, new.site.councils, new.base_url):
            return everything
        if old.site.people is not new.site.people and old.site.people != new.site.people:
            return everything
        if len(old.site.meetings) != len(new.site.meetings):
            return everything
        changed = [(before, after) for before, after in zip(old.site.meetings, new.site.meetings)
                   if before is not after and before != after]
        for before, after in changed:
            if before.key != after.key or before.date != after.date or before.council_ids != after.council_ids:
                return everything  # order or set of pages changed
        first = {_page_of(m) for _, m in changed}
        pages = set(first) | ({p.dest_rel for p in new.plans} - {p.dest_rel for p in old.plans})  # an added attachment
        if changed_templates:
            pages |= {p.dest_rel for p in new.plans if TEMPLATE_OF.get(p.kind) in changed_templates}
        seen_elsewhere = [(before, after) for before, after in changed
                          if public_view(before) != public_view(after) or old.agendas[after.key] != new.agendas[after.key]]
        if seen_elsewhere:
            pages |= self._shown_elsewhere(new, seen_elsewhere)
        for before, after in changed:
            if _anchors(old, after.key) != _anchors(new, after.key):
                pages |= _linking_to(new, after)
        return pages, first, [after for _, after in changed]

    def _shown_elsewhere(self, new: Analysis, changed: list) -> set[str]:
        """Every page besides its own that shows something of a changed meeting."""
        old = self.previous
        known_kinds = (set(TEMPLATE_OF) - {"anslag"}) | {"attachment"} | PER_COUNCIL_KINDS  # the board shows any meeting; decision logs: pages_showing below
        changed_councils = {c for pair in changed for m in pair for c in m.council_ids}
        pages = {p.dest_rel for p in new.plans if p.kind not in known_kinds}
        pages |= {p.dest_rel for p in new.plans if p.kind in PER_COUNCIL_KINDS and p.key in changed_councils}
        # Keys, dates and councils are unchanged, so the last rebuild's positions still hold.
        indexes = self.ctx.indexes if self.ctx is not None else Indexes.build(new.site)
        latest = {m.key for m in old.site.meetings[:LATEST_ON_HOME]} | {m.key for m in new.site.meetings[:LATEST_ON_HOME]}
        for before, after in changed:
            for council_id in after.council_ids:
                pages.add(urls.dest_path_for(urls.council_url(council_id)))
                pages.add(urls.dest_path_for(urls.council_attendance_url(council_id)))
                pages.add(urls.dest_path_for(urls.council_attendance_year_url(council_id, after.date.year)))
                pages |= _neighbours(indexes, council_id, after.key)
            people = {a.person_id for m in (before, after) for a in m.attendees()}
            people |= {j.person_id for m in (before, after) for j in m.justerare}
            pages |= {urls.dest_path_for(urls.person_url(pid)) for pid in people}
            pages |= decision_pages.pages_showing(new.site, after)
            pages.add(urls.dest_path_for(urls.PEOPLE))
            if after.key in latest:
                pages.add(urls.dest_path_for(urls.HOME))
        return pages


@contextmanager
def settled_gc():
    """No collections during a rebuild; afterwards collect what the rebuild itself left behind and
    freeze the survivors, so that no later collection walks the whole model again (that was a 1 s
    pause in one edit of five at 10,000 meetings)."""
    gc.disable()
    try:
        yield
    finally:
        gc.collect(0)
        gc.freeze()
        gc.enable()


def public_view(meeting: Meeting) -> tuple:
    """What pages other than the meeting's own show of it: everything but the body and line numbers."""
    return (
        meeting.type, meeting.title, meeting.time, meeting.place, meeting.attachments, meeting.anslagen, meeting.rattelser,
        tuple((j.name, j.person_id, j.date) for j in meeting.justerare),
        tuple((g.label, tuple((a.name, a.person_id, a.org, a.status, a.role, a.replaces) for a in g.attendees))
              for g in meeting.groups),
    )


def _anchors(analysis: Analysis, key: str) -> frozenset[str]:
    return frozenset(item.anchor for item in analysis.agendas[key])


def _linking_to(analysis: Analysis, meeting: Meeting) -> set[str]:
    """Pages of meetings whose body may link to `meeting` (their link checks depend on its anchors)."""
    needle = f"{meeting.stem}.md"
    return {_page_of(m) for m in analysis.site.meetings
            if needle in m.body or "%" in m.body}  # a link's path may be percent-encoded


def _neighbours(indexes: Indexes, council_id: str, key: str) -> set[str]:
    """The pages of the meetings before and after `key` in the council (their prev/next links)."""
    siblings = indexes.by_council.get(council_id, [])
    i = indexes.position.get((council_id, key))
    if i is None:
        return set()
    return {_page_of(siblings[j]) for j in (i - 1, i + 1) if 0 <= j < len(siblings)}


def _page_of(meeting: Meeting) -> str:
    return urls.dest_path_for(urls.meeting_url(meeting.folder, meeting.stem))


class _Buffer:
    def __init__(self):
        self.files: dict[str, bytes] = {}

    def write(self, dest_rel: str, data: bytes) -> None:
        self.files[dest_rel] = data

    def copy(self, dest_rel: str, src_path: Path) -> None:
        self.files[dest_rel] = src_path.read_bytes()
