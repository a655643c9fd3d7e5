"""`protokoll check`: validate everything a build would, links included, writing nothing."""

from __future__ import annotations

from pathlib import Path

from generator.content.body import render_body
from generator.pages.analysis import link_targets
from generator.shared.problems import Problems
from generator.shared.progress import Progress

from .analyse import analyse
from .stages import Timings


def check(content_dir: Path, only_paths: set[Path] | None = None, progress: Progress | None = None) -> Problems:
    """Every problem a build would find before writing; `progress`: where to show each stage's.

    With `only_paths`, the whole site is still read (links and names are checked
    against it) but only problems in those files are reported.
    """
    problems, timings = Problems(), Timings(progress=progress)
    analysis = analyse(content_dir, None, problems, timings)
    targets = link_targets(analysis)
    with timings.stage("brödtext") as step:
        advance = step.count(len(analysis.site.meetings), "protokoll")
        for meeting in analysis.site.meetings:
            render_body(meeting, analysis.agendas[meeting.key], targets, lambda url: url, problems)
            if advance is not None:
                advance(1)
    if only_paths is not None:
        wanted = {p.resolve() for p in only_paths}
        problems = Problems([p for p in problems.items if Path(p.rel_path).resolve() in wanted])
    return problems
