"""Page family: the search page `/sok/`.

The page works in three ways:
- without JavaScript it is a plain GET form (the same as the header's), so the
  visitor at least sees where search lives;
- with JavaScript, templates/static/search.js mounts Pagefind's own UI from the
  bundle the build wrote (`/pagefind/`), reads `?q=` and runs the search;
- in a build made with `--no-search` there is no bundle, and the page says so
  instead of loading scripts that would fail.
"""

from __future__ import annotations

from . import urls
from .context import RenderContext
from .pages import PagePlan, plan
from .search import BUNDLE_URL

# Pagefind's Default UI shows filter names as they are, so they are Swedish.
# The keys here are also used by templates/meeting.html (data-pagefind-filter).
FILTER_COUNCIL = "Råd"
FILTER_YEAR = "År"
FILTER_TYPE = "Typ"
FILTER_CONTENT = "Innehåll"
FILTER_CONTENT_DECISION = "Beslut"
"""Decisions are search records of their own (decision_search.py) with `Innehåll: Beslut`; meeting pages have no value."""
SORT_KEY = "date"


def plans(site, sources) -> list[PagePlan]:
    return [plan(urls.SEARCH, "söksidan", "search")]


def search_page(enabled: bool) -> dict:
    return {
        "enabled": enabled,
        "bundle_url": BUNDLE_URL,
        "ui_script_url": BUNDLE_URL + "pagefind-ui.js",
        "ui_style_url": BUNDLE_URL + "pagefind-ui.css",
        "filters": [FILTER_CONTENT, FILTER_COUNCIL, FILTER_TYPE, FILTER_YEAR],
        "sort_key": SORT_KEY,
    }


def render_search(page: PagePlan, ctx: RenderContext) -> bytes:
    view = search_page(ctx.search)
    return ctx.html("search.html", view, "Sök", nav="search",
                    description="Sök i protokoll, minnesanteckningar och beslut, med filter för innehåll, råd, år och typ.")


RENDERERS = {"search": render_search}
