"""What every page renderer receives: the analysed site and the lookups built once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .problems import Problems
from .render import Renderer

if TYPE_CHECKING:
    from .build import Analysis


@dataclass
class RenderContext:
    analysis: "Analysis"
    renderer: Renderer
    problems: Problems
    search: bool = True
    """Whether this build writes a Pagefind index (false with `build --no-search`)."""

    @property
    def site(self):
        return self.analysis.site

    @cached_property
    def indexes(self):
        from .views import Indexes

        return Indexes.build(self.site)

    @cached_property
    def people_index(self):
        from .people_views import PeopleIndex

        return PeopleIndex.build(self.site)

    @cached_property
    def link_targets(self):
        from .build import link_targets

        return link_targets(self.analysis)

    @cached_property
    def meetings(self):
        return {m.key: m for m in self.site.meetings}

    def html(self, template: str, page: dict, title: str, nav: str = "", description: str = "") -> bytes:
        return self.renderer.page(template, page=page, page_title=title, nav=nav, description=description)
