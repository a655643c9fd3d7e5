"""Every page family, in plan order: the one list to extend with a new family.

Each family module declares `plans(site, sources)` (its pages) and `KINDS`
(page kind -> `PageKind`: how to render it, its template, what it shows),
with `RENDERERS` derived from KINDS.
"""

from __future__ import annotations

from generator.content.model import Site
from generator.content.sources import Sources
from generator.shared import parallel

from .context import RenderContext
from .families import anslag, calendars, core, decision_data, decisions, feeds, furniture, headers, opendata, people, search
from .plan import PageKind, PagePlan

FAMILIES = [core, people, search, feeds, calendars, anslag, opendata, furniture, headers, decisions, decision_data]
KINDS: dict[str, PageKind] = {name: kind for family in FAMILIES for name, kind in family.KINDS.items()}
"""Page kind -> its declaration, over every family."""


def plan_site(site: Site, sources: Sources) -> list[PagePlan]:
    """Every output file, in a fixed order; collisions are found from this list."""
    return [page for family in FAMILIES for page in family.plans(site, sources)]


def search_documents(plans: list[PagePlan]) -> list[str]:
    """dest_rel of every page that is a search document (`PageKind.searchable`), in plan order."""
    return [page.dest_rel for page in plans if KINDS[page.kind].searchable]


def render_pages(ctx: RenderContext, pages: list[PagePlan], output, workers: int = 1, on_done=None) -> None:
    """Render `pages` into `output` (by forked workers when there are many); problems land in ctx.problems.
    `on_done` (a progress counter) is called in this process with the number of pages just rendered."""
    renderers = {kind: fn for family in FAMILIES for kind, fn in family.RENDERERS.items()}
    parallel.render_pages(ctx, renderers, pages, output, workers, on_done)
