"""A meeting's body as HTML: parsed (markdown.py), its agenda and decisions marked up
(decision_markup.py), then rendered with its links checked and the result sanitised."""

from __future__ import annotations

from generator.content import markdown
from generator.content.decision_markup import mark_up
from generator.content.model import AgendaItem
from generator.shared.problems import Problems


def render_body(meeting, agenda: tuple[AgendaItem, ...], targets: dict[str, markdown.LinkTarget], href,
                problems: Problems) -> str:
    """A meeting's body as checked, sanitised HTML."""
    parsed = markdown.parse(meeting.body, meeting.rel_path, meeting.body_first_line, agenda, problems)
    mark_up(parsed, meeting.rel_path, meeting.body_first_line, href, problems)
    return markdown.render(parsed, rel_path=meeting.rel_path, first_line=meeting.body_first_line,
                           content_rel=meeting.content_rel, targets=targets, href=href, problems=problems)
