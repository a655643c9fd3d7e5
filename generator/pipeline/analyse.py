"""discover -> parse -> validate -> model -> plan: the analysis of the whole content."""

from __future__ import annotations

from pathlib import Path

from generator.content import checks, decisions, legal, markdown
from generator.content.load import LoadCache, load_site
from generator.content.model import AgendaItem, Meeting, Site
from generator.content.sources import discover
from generator.pages.analysis import Analysis
from generator.pages.catalog import plan_site
from generator.pages.plan import claim_all
from generator.shared import urls
from generator.shared.problems import Problems

from .stages import Timings


def analyse(content_dir: Path, base_url: str | None, problems: Problems, timings: Timings,
            cache: LoadCache | None = None, workers: int = 1) -> Analysis:
    """discover -> parse -> validate -> model -> plan; no output is touched.

    `cache` (serve keeps one between rebuilds) skips re-reading unchanged minutes files;
    without one, `workers` processes read the minutes.
    """
    with timings.stage("upptäck"):
        sources = discover(content_dir, problems)
    with timings.stage("läs") as step:
        site = load_site(sources, problems, cache=cache, workers=workers,
                         on_read=step.count(len(sources.minutes), "filer"))
    with timings.stage("kontrollera"):
        spellings = checks.check_site(site, problems)
    with timings.stage("dagordning"):
        agendas = {m.key: meeting_agenda(m, site, problems, cache) for m in site.meetings}
        legal.check_site(site, agendas, problems)
        decisions.check_paragraphs(site.meetings, agendas, problems)
    plans = claim_all(plan_site(site, sources), problems)
    return Analysis(sources, site, agendas, plans, urls.normalize_base_url(base_url or site.config.base_url), spellings)


def meeting_agenda(meeting: Meeting, site: Site, problems: Problems, cache: LoadCache | None) -> tuple[AgendaItem, ...]:
    """The meeting's agenda items, each with its decision and statements (the people in them resolved)."""
    return decisions.attach(meeting, scan_agenda_cached(meeting, problems, cache), site.people, problems)


def scan_agenda_cached(meeting: Meeting, problems: Problems, cache: LoadCache | None) -> tuple[AgendaItem, ...]:
    if cache is None:
        return markdown.scan_agenda(meeting.body, meeting.rel_path, meeting.body_first_line, problems)
    key = (meeting.rel_path, meeting.body_first_line, meeting.body)
    return cache.replay(("agenda", key), problems, lambda found: markdown.scan_agenda(
        meeting.body, meeting.rel_path, meeting.body_first_line, found))
