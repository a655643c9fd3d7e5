"""What every page renderer receives: the analysed site and the lookups built once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.content.body import render_body
from generator.shared.problems import Problems

from .analysis import Analysis, link_target, link_targets
from .bodies import BodyCache
from .decision_views import DecisionIndex
from .people_views import PeopleIndex
from .render import Renderer
from .views import Indexes


@dataclass
class RenderContext:
    analysis: Analysis
    renderer: Renderer
    problems: Problems
    search: bool = True
    """Whether this build writes a Pagefind index (false with `build --no-search`)."""
    bodies: BodyCache | None = None
    """The parse cache `build` renders meeting bodies through (pipeline/bodycache.py); None: render every body."""

    @property
    def site(self):
        return self.analysis.site

    @cached_property
    def indexes(self) -> Indexes:
        return Indexes.build(self.site)

    @cached_property
    def people_index(self) -> PeopleIndex:
        return PeopleIndex.build(self.site)

    @cached_property
    def decision_index(self) -> DecisionIndex:
        return DecisionIndex.build(self.site, self.analysis.agendas)

    @cached_property
    def link_targets(self):
        return link_targets(self.analysis)

    @cached_property
    def today(self):
        """The build's date (builddate.py), one for every page of the build."""
        from generator.shared.builddate import build_date

        return build_date()

    @cached_property
    def meetings(self):
        return {m.key: m for m in self.site.meetings}

    @cached_property
    def person_row_heads(self) -> dict:
        """Meeting key -> its part of a person page's table row, filled as person pages are rendered."""
        return {}

    def adopt(self, previous: "RenderContext", edited: list) -> None:
        """Take over `previous`'s lookups, updated for the `edited` meetings (same keys, dates and
        councils as before, so every position stays). serve's fast path; people_index is left to rebuild."""
        cached = previous.__dict__
        if "meetings" in cached:
            self.meetings = {**cached["meetings"], **{m.key: m for m in edited}}
        if "link_targets" in cached:
            self.link_targets = {**cached["link_targets"],
                                 **{m.content_rel: link_target(m, self.analysis.agendas[m.key]) for m in edited}}
        if "indexes" in cached:
            by_council = dict(cached["indexes"].by_council)
            for meeting in edited:
                for council_id in meeting.council_ids:
                    siblings = by_council[council_id] = list(by_council[council_id])
                    siblings[cached["indexes"].position[(council_id, meeting.key)]] = meeting
            self.indexes = Indexes(by_council, cached["indexes"].position, cached["indexes"].shared_titles)

    def body_html(self, meeting, agenda) -> str:
        """A meeting's body as checked, sanitised HTML (content/body.py), from the parse cache when there is one."""
        if self.bodies is None:
            return render_body(meeting, agenda, self.link_targets, self.renderer.urls.href, self.problems)
        return self.bodies.render(meeting, agenda, self.link_targets, self.renderer.urls, self.problems)

    def html(self, template: str, page: dict, title: str, nav: str = "", description: str = "", url: str = "") -> bytes:
        """A page; `url` is its site-relative address (the print header shows it in full)."""
        return self.renderer.page(template, page=page, page_title=title, nav=nav, description=description, page_url=url)
