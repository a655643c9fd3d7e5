"""Incremental rebuilds for `serve`: re-analyse, then render only what changed.

Correctness first: the new analysis is compared with the previous one, and
only a change whose effects are fully known (a meeting's body or attendance,
a template that some page kinds use, a static file) is rebuilt selectively.
Anything else (site.yaml, councils.yaml, people.yaml, a meeting added,
removed or renamed, changed agenda anchors, changed people) rebuilds every
page. Output is written file by file, atomically, into the live directory;
pages that no longer exist are removed. The bytes are the same as a full
build's (tests/test_serve.py proves it over a series of edits).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import urls
from .build import Analysis, BuildOptions, Timings, analyse, copy_static, render_site
from .load import LoadCache
from .problems import ContentError, Problems
from .render import Renderer
from .views import LATEST_ON_HOME, Indexes
from .write import MARKER, _check_rel

# Page kind -> the template it renders with; kinds not listed are always re-rendered (they are few: feeds, data, ...).
TEMPLATE_OF = {
    "home": "home.html", "council": "council.html", "meeting": "meeting.html", "matrix": "matrix.html", "matrix-year": "matrix.html",
    "people": "people.html", "person": "person.html",
}
SHARED_TEMPLATES = ("base.html", "_macros.html")
PER_COUNCIL_KINDS = frozenset({"calendar", "council-feed", "data-csv"})
"""Kinds keyed by council id that depend only on that council's meetings."""


class LiveOutput:
    """Writes straight into the served directory, one file at a time (write + rename)."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.staging = out_dir  # for interface parity with StagedOutput
        self.written: set[str] = set()

    def write(self, dest_rel: str, data: bytes) -> None:
        _check_rel(dest_rel)
        target = self.out_dir / dest_rel
        self.written.add(dest_rel)
        try:
            if target.read_bytes() == data:
                return
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def copy(self, dest_rel: str, src_path: Path) -> None:
        self.write(dest_rel, src_path.read_bytes())

    def remove(self, dest_rel: str) -> None:
        _check_rel(dest_rel)
        target = self.out_dir / dest_rel
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
    timings: Timings = field(default_factory=Timings)


@dataclass
class IncrementalBuilder:
    options: BuildOptions
    previous: Analysis | None = None
    cache: LoadCache = field(default_factory=LoadCache)

    def prime(self) -> None:
        """Remember the current content as the baseline after a full `build()`."""
        try:
            self.previous = analyse(self.options.content_dir, self.options.base_url, Problems(), Timings(), self.cache)
        except ContentError:
            self.previous = None

    def rebuild(self, changed_templates: set[str] = frozenset(), static_changed: bool = False) -> Rebuilt:
        """Re-analyse the content and bring the live output up to date. Raises ContentError."""
        problems, timings = Problems(), Timings()
        self.cache.prune()
        analysis = analyse(self.options.content_dir, self.options.base_url, problems, timings, self.cache)
        if problems.fails(self.options.strict):
            raise ContentError(problems)
        only = self.affected(analysis, changed_templates)
        output = LiveOutput(self.options.out_dir)
        self.options.out_dir.mkdir(parents=True, exist_ok=True)
        (self.options.out_dir / MARKER).touch()
        with timings.stage("rendera"):
            renderer = Renderer(analysis.site.config, analysis.base_url, self.options.templates_dir)
            buffer = _Buffer()  # render everything first: a link error must not leave half the pages new
            render_site(analysis, renderer, buffer, problems, search=self.options.search, only=only)
            if problems.fails(self.options.strict):
                raise ContentError(problems)
            if only is None or static_changed:
                copy_static(self.options.templates_dir, buffer)
            for dest_rel, data in buffer.files.items():
                output.write(dest_rel, data)
        if self.previous is not None:
            gone = {p.dest_rel for p in self.previous.plans} - {p.dest_rel for p in analysis.plans}
            for dest_rel in sorted(gone):
                output.remove(dest_rel)
        self.previous = analysis
        return Rebuilt(problems, len(output.written), only is None, timings)

    def affected(self, new: Analysis, changed_templates: set[str]) -> set[str] | None:
        """dest_rel of every page to re-render, or None for all of them."""
        old = self.previous
        if old is None or any(t in SHARED_TEMPLATES or not t.endswith(".html") for t in changed_templates):
            return None
        if (old.site.config, old.site.councils, old.base_url) != (new.site.config, new.site.councils, new.base_url):
            return None
        if old.site.people != new.site.people:
            return None
        old_meetings = {m.key: m for m in old.site.meetings}
        new_meetings = {m.key: m for m in new.site.meetings}
        if old_meetings.keys() != new_meetings.keys():
            return None
        changed = [k for k in new_meetings if old_meetings[k] != new_meetings[k]]
        for key in changed:
            if old.agendas[key] != new.agendas[key] or old_meetings[key].date != new_meetings[key].date:
                return None  # anchors or order changed: other pages may link to or list it differently
        known_kinds = set(TEMPLATE_OF) | {"attachment"} | PER_COUNCIL_KINDS
        changed_councils = {c for key in changed for m in (old_meetings[key], new_meetings[key]) for c in m.council_ids}
        pages = {p.dest_rel for p in new.plans if p.kind not in known_kinds}
        pages |= {p.dest_rel for p in new.plans if p.kind in PER_COUNCIL_KINDS and p.key in changed_councils}
        pages |= {p.dest_rel for p in new.plans if TEMPLATE_OF.get(p.kind) in changed_templates}
        indexes = Indexes.build(new.site)
        latest = {m.key for m in old.site.meetings[:LATEST_ON_HOME]} | {m.key for m in new.site.meetings[:LATEST_ON_HOME]}
        for key in changed:
            before, after = old_meetings[key], new_meetings[key]
            pages.add(urls.dest_path_for(urls.meeting_url(after.folder, after.stem)))
            for council_id in set(before.council_ids) | set(after.council_ids):
                pages.add(urls.dest_path_for(urls.council_url(council_id)))
                pages.add(urls.dest_path_for(urls.council_attendance_url(council_id)))
                pages.add(urls.dest_path_for(urls.council_attendance_year_url(council_id, after.date.year)))
                pages |= _neighbours(indexes, council_id, key)
            people = {a.person_id for m in (before, after) for a in m.attendees()}
            people |= {j.person_id for m in (before, after) for j in m.justerare}
            pages |= {urls.dest_path_for(urls.person_url(pid)) for pid in people}
            pages.add(urls.dest_path_for(urls.PEOPLE))
            if key in latest:
                pages.add(urls.dest_path_for(urls.HOME))
        return pages


def _neighbours(indexes: Indexes, council_id: str, key: str) -> set[str]:
    """The pages of the meetings before and after `key` in the council (their prev/next links)."""
    siblings = indexes.by_council.get(council_id, [])
    i = indexes.position.get((council_id, key))
    if i is None:
        return set()
    return {urls.dest_path_for(urls.meeting_url(siblings[j].folder, siblings[j].stem))
            for j in (i - 1, i + 1) if 0 <= j < len(siblings)}


class _Buffer:
    def __init__(self):
        self.files: dict[str, bytes] = {}

    def write(self, dest_rel: str, data: bytes) -> None:
        self.files[dest_rel] = data

    def copy(self, dest_rel: str, src_path: Path) -> None:
        self.files[dest_rel] = src_path.read_bytes()
