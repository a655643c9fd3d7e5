"""Page family: the search page `/sok/`.

The page works in three ways:
- without JavaScript it is a plain GET form (the same as the header's), so the
  visitor at least sees where search lives;
- with JavaScript, templates/static/search.js runs the query and the filters in
  the URL (`?q=…&rad=…&sort=desc`) through Pagefind's search API, from the
  bundle the build wrote (`/pagefind/`), shows the hits, and keeps the URL up to
  date, so that a search can be shared and the back button works;
- in a build made with `--no-search` there is no bundle, and the page says so
  instead of loading scripts that would fail.
"""

from __future__ import annotations

from generator.content.model import TYPE_LABELS
from generator.pages.context import RenderContext
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.shared import urls

# Filter names as Pagefind stores them (templates/meeting.html writes them with data-pagefind-filter),
# and the ASCII query parameters that carry a chosen filter in the search page's URL.
FILTER_COUNCIL = "Råd"
FILTER_YEAR = "År"
FILTER_TYPE = "Typ"
FILTER_CONTENT = "Innehåll"
FILTER_CONTENT_DECISION = "Beslut"
"""Decisions are search records of their own (decision_search.py) with `Innehåll: Beslut`; meeting pages have no value."""
FILTER_PARAMS = {FILTER_CONTENT: "innehall", FILTER_COUNCIL: "rad", FILTER_TYPE: "typ", FILTER_YEAR: "ar"}
SORT_KEY = "date"


def plans(site, sources) -> list[PagePlan]:
    return [plan(urls.SEARCH, "söksidan", "search")]


def search_page(enabled: bool, site) -> dict:
    """The search form, with one checkbox per filter value that some meeting has."""
    used = {c for m in site.meetings for c in m.council_ids}
    values = {
        FILTER_CONTENT: [FILTER_CONTENT_DECISION],  # decisions are records of their own; meetings have no value
        FILTER_COUNCIL: [c.name for cid, c in site.councils.items() if cid in used],
        FILTER_TYPE: [TYPE_LABELS[t] for t in TYPE_LABELS if any(m.type == t for m in site.meetings)],
        FILTER_YEAR: [str(y) for y in sorted({m.date.year for m in site.meetings}, reverse=True)],
    }
    return {
        "enabled": enabled,
        "bundle_url": urls.SEARCH_BUNDLE,
        "filters": [{"name": name, "param": FILTER_PARAMS[name],
                     "options": [{"value": v, "id": f"filter-{FILTER_PARAMS[name]}-{i}"} for i, v in enumerate(values[name], 1)]}
                    for name in (FILTER_CONTENT, FILTER_COUNCIL, FILTER_TYPE, FILTER_YEAR) if values[name]],
        "sort_key": SORT_KEY,
    }


def render_search(page: PagePlan, ctx: RenderContext) -> bytes:
    view = search_page(ctx.search, ctx.site)
    return ctx.html("search.html", view, "Sök", nav="search", url=page.url,
                    description="Sök i protokoll, minnesanteckningar och beslut, med filter för innehåll, råd, år och typ.")


KINDS = {"search": PageKind(render_search, Shows.ANY_MEETING, "search.html")}
RENDERERS = renderers(KINDS)
