"""The analysis: everything known about the content before anything is rendered, and the link
targets that the meetings' bodies are checked against."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content import markdown
from generator.content.model import AgendaItem, Meeting, Site
from generator.content.sources import Sources
from generator.shared import urls

from .plan import PagePlan


@dataclass
class Analysis:
    """Everything known about the content before anything is rendered."""

    sources: Sources
    site: Site
    agendas: dict[str, tuple[AgendaItem, ...]]
    """Meeting key -> its agenda (found by a line scan; bodies are parsed when rendered)."""
    plans: list[PagePlan]
    base_url: str
    spellings: dict[str, str] = field(default_factory=dict)
    """Undeclared person id -> the known name it is suspiciously close to (see checks.spelling_verdicts)."""


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


def link_target(meeting: Meeting, agenda: tuple[AgendaItem, ...]) -> markdown.LinkTarget:
    return markdown.LinkTarget(urls.meeting_url(meeting.folder, meeting.stem), frozenset(i.anchor for i in agenda))
