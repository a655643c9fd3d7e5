"""serve's rebuilds: the incremental engine, with its baseline kept in memory, writing into the live site.

After an edit the engine (pipeline/engine.py) gives the analysis and the
affected pages. The edited meetings' own pages are rendered and written first
(their tabs reload at once), then every other affected page; a batch is
rendered whole before any of it is written, so a link error never leaves half
of it new. A large batch (a template edit) is rendered by forked workers, as
`build` does (shared/parallel.py); they hand the pages' bytes back in page order.
Files are written one at a time, atomically, into the served directory; pages
that no longer exist are removed. The bytes are the same as a full build's
(tests/test_serve.py proves it over a series of edits, with and without workers).

Forking from serve's threaded process is safe here: the child runs only the
rendering (the analysis, Jinja, markdown-it), which takes none of the locks the
other threads use (the HTTP server's, the watcher's, the search refresher's);
it prints nothing, and the pool is terminated as soon as the pages are back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import LoadCache
from generator.output.live import BufferedOutput, LiveOutput
from generator.output.static import copy_static
from generator.pages.analysis import Analysis
from generator.pages.context import RenderContext
from generator.pages.render import Renderer
from generator.pipeline import engine, state
from generator.pipeline.affected import Changes
from generator.pipeline.analyse import analyse
from generator.pipeline.stages import Timings, collector_paused
from generator.shared import parallel
from generator.shared.options import BuildOptions
from generator.shared.problems import ContentError, Problems
from generator.shared.urls import MARKER


@dataclass
class Rebuilt:
    problems: Problems
    rendered: int
    full: bool
    changed: list[str] = field(default_factory=list)
    """dest_rel of every output file that changed or was removed."""
    timings: Timings = field(default_factory=Timings)
    patched: bool = False
    """True when the last analysis was kept or only the edited minutes were re-analysed (see patch.py)."""


class LiveBuilder:
    """The baseline between serve's rebuilds, and the changes not yet built into it."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.cache = LoadCache()
        self.baseline: engine.Baseline | None = None
        self.pending = Changes()
        """Changes since the last good rebuild (a failed one leaves them pending)."""
        self.renderer: Renderer | None = None
        self.workers = options.workers or parallel.default_workers()

    @property
    def previous(self) -> Analysis | None:
        return None if self.baseline is None else self.baseline.analysis

    def prime(self) -> None:
        """Take the current content as the baseline after a full `build()` (from the state it left,
        when nothing changed since), with the lookups and compiled templates the first edit will need."""
        with collector_paused(settle=True):
            baseline = state.unchanged_baseline(self.options)
            if baseline is None:
                problems = Problems()
                analysis = analyse(self.options.content_dir, self.options.base_url, problems, Timings(), self.cache)
                baseline = engine.Baseline(analysis, problems)
            self.pending = Changes()
            if baseline.problems.fails(self.options.strict):
                self.baseline = None
                return
            renderer = self._renderer(baseline.analysis)
            renderer.preload()
            baseline.ctx = RenderContext(baseline.analysis, renderer, baseline.problems, search=self.options.search)
            baseline.ctx.indexes, baseline.ctx.link_targets, baseline.ctx.meetings  # noqa: B018
            self.baseline = baseline

    def rebuild(self, changed_content: set[Path] | None = frozenset(), changed_templates: set[str] = frozenset(),
                static_changed: bool = False, first_written=None) -> Rebuilt:
        """Bring the live output up to date after a change. Raises ContentError.

        `changed_content` names the content files that changed (None: unknown, re-read all).
        The edited meetings' own pages are rendered and written first, then `first_written(changed)`
        is called with the dest_rel of the files changed so far (serve reloads their tabs there),
        then every other affected page is.
        """
        content = None if changed_content is None else set(changed_content)
        self.pending = self.pending.merge(Changes(content, set(changed_templates), static_changed))
        with collector_paused(settle=True):
            return self._rebuild(self.pending, first_written)

    def _rebuild(self, changes: Changes, first_written) -> Rebuilt:
        timings = Timings()
        with timings.stage("analysera"):
            update = engine.update(self.options, self.baseline, changes, timings, self.cache)
        analysis, problems, affected = update.analysis, update.problems, update.affected
        if problems.fails(self.options.strict):
            raise ContentError(problems)
        output = LiveOutput(self.options.out_dir)
        self.options.out_dir.mkdir(parents=True, exist_ok=True)
        (self.options.out_dir / MARKER).touch()
        with timings.stage("rendera"):
            ctx = RenderContext(analysis, self._renderer(analysis), problems, search=self.options.search)
            if affected is not None and self.baseline.ctx is not None:
                ctx.adopt(self.baseline.ctx, affected.edited)
            for batch in ([None] if affected is None else [affected.first, affected.pages - affected.first]):
                buffer = BufferedOutput()
                engine.render(ctx, batch, buffer, self.workers)
                if problems.fails(self.options.strict):
                    raise ContentError(problems)
                if batch is None or changes.static:
                    copy_static(self.options.templates_dir, buffer)
                buffer.flush(output)
                if first_written is not None and batch:
                    first_written(list(output.changed))
                    first_written = None
        if self.baseline is not None and analysis.plans is not self.baseline.analysis.plans:
            gone = {p.dest_rel for p in self.baseline.analysis.plans} - {p.dest_rel for p in analysis.plans}
            for dest_rel in sorted(gone):
                output.remove(dest_rel)
        self.baseline, self.pending = engine.Baseline(analysis, problems, ctx), Changes()
        return Rebuilt(problems, len(output.written), affected is None, output.changed, timings, update.patched)

    def _renderer(self, analysis: Analysis) -> Renderer:
        """One Renderer (and its compiled templates) for as long as the settings it is made from stay."""
        settings = (analysis.site.config, analysis.base_url)
        if self.renderer is None or self.renderer.settings != settings:
            self.renderer = Renderer(analysis.site.config, analysis.base_url, self.options.templates_dir)
        return self.renderer
