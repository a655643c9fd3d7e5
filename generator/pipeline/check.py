"""`protokoll check`: validate everything a build would, links included, writing nothing."""

from __future__ import annotations

from pathlib import Path

from generator.content.body import render_body
from generator.pages.analysis import link_targets
from generator.shared.problems import Problems

from .analyse import analyse
from .stages import Timings


def check(content_dir: Path, only_paths: set[Path] | None = None) -> Problems:
    """Every problem a build would find before writing.

    With `only_paths`, the whole site is still read (links and names are checked
    against it) but only problems in those files are reported.
    """
    problems = Problems()
    analysis = analyse(content_dir, None, problems, Timings())
    targets = link_targets(analysis)
    for meeting in analysis.site.meetings:
        render_body(meeting, analysis.agendas[meeting.key], targets, lambda url: url, problems)
    if only_paths is not None:
        wanted = {p.resolve() for p in only_paths}
        problems = Problems([p for p in problems.items if Path(p.rel_path).resolve() in wanted])
    return problems
