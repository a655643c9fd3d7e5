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

from generator.shared import urls
from generator.pages.context import RenderContext
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers

# Pagefind's Default UI shows filter names as they are, so they are Swedish.
# The keys here are also used by templates/meeting.html (data-pagefind-filter).
FILTER_COUNCIL = "Råd"
FILTER_YEAR = "År"
FILTER_TYPE = "Typ"
SORT_KEY = "date"


def plans(site, sources) -> list[PagePlan]:
    return [plan(urls.SEARCH, "söksidan", "search")]


def search_page(enabled: bool) -> dict:
    return {
        "enabled": enabled,
        "bundle_url": urls.SEARCH_BUNDLE,
        "ui_script_url": urls.SEARCH_BUNDLE + "pagefind-ui.js",
        "ui_style_url": urls.SEARCH_BUNDLE + "pagefind-ui.css",
        "filters": [FILTER_COUNCIL, FILTER_TYPE, FILTER_YEAR],
        "sort_key": SORT_KEY,
    }


def render_search(page: PagePlan, ctx: RenderContext) -> bytes:
    view = search_page(ctx.search)
    return ctx.html("search.html", view, "Sök", nav="search",
                    description="Sök i protokoll och minnesanteckningar, med filter för råd, år och typ.")


KINDS = {"search": PageKind(render_search, Shows.ANY_MEETING, "search.html")}
RENDERERS = renderers(KINDS)
