"""Page family: the decision logs, `/beslut/` for every council and `/<council-id>/beslut/` for one.

A log's front page lists its years with the number of decisions; each year has pages
of the decisions of at most MEETINGS_PER_PAGE meetings, newest first
(`/beslut/2026/`, `/beslut/2026/2/`, …). Pages are counted in meetings, not decisions,
so which pages exist follows from the meetings alone (an edited decision never adds
or removes a page, which serve's fast path relies on), and no page grows without bound.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.shared import urls
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.pages.views import council_link

MEETINGS_PER_PAGE = 50
SITE_SCOPE = ""


def page_count(meetings: int) -> int:
    return max(1, -(-meetings // MEETINGS_PER_PAGE))


def plans(site, sources) -> list[PagePlan]:
    years: dict[str, Counter] = defaultdict(Counter)
    for meeting in site.meetings:
        for scope in (SITE_SCOPE, *meeting.council_ids):
            years[scope][meeting.date.year] += 1
    result = []
    for scope in (SITE_SCOPE, *site.councils):
        council_id = scope or None
        owner = f"beslutsloggen för {scope}" if scope else "beslutsloggen"
        result.append(plan(urls.decisions_url(council_id), owner, "council-decision-log" if scope else "decision-log", scope))
        for year, meetings in sorted(years[scope].items(), reverse=True):
            for number in range(1, page_count(meetings) + 1):
                result.append(plan(urls.decisions_url(council_id, year, number), f"{owner} {year}",
                                   "decision-log-year", f"{scope}/{year}/{number}"))
    return result


def year_page_keys(site, meeting) -> set[str]:
    """Keys of the year pages that list `meeting`: one in the site's log, one in each of its councils' logs."""
    keys = set()
    for scope in (SITE_SCOPE, *meeting.council_ids):
        same_year = [m.key for m in site.meetings if m.date.year == meeting.date.year and (not scope or scope in m.council_ids)]
        keys.add(f"{scope}/{meeting.date.year}/{same_year.index(meeting.key) // MEETINGS_PER_PAGE + 1}")
    return keys


def _scope(ctx, scope: str) -> dict:
    if scope:
        council = council_link(ctx.site, scope)
        return {"council": council, "name": council["name"], "title": f"Beslut: {council['name']}",
                "url": urls.decisions_url(scope), "feed_url": urls.decisions_feed_url(scope)}
    return {"council": None, "name": "alla råd", "title": "Beslut", "url": urls.decisions_url(),
            "feed_url": urls.decisions_feed_url()}


def _years(ctx, scope: str, current: int | None = None) -> list[dict]:
    index = ctx.decision_index
    result = []
    for key_scope, year in sorted(index.by_scope_year, key=lambda key: key[1], reverse=True):
        if key_scope == scope:
            result.append({"year": year, "count": index.counts[(scope, year)], "current": year == current,
                           "url": urls.decisions_url(scope or None, year)})
    return result


def log_page(ctx, scope: str) -> dict:
    years = _years(ctx, scope)
    view = {**_scope(ctx, scope), "year": None, "years": years, "count": sum(y["count"] for y in years), "councils": []}
    if not scope:
        index = ctx.decision_index
        for council_id in ctx.site.councils:
            count = sum(n for (s, _), n in index.counts.items() if s == council_id)
            view["councils"].append({**council_link(ctx.site, council_id), "count": count,
                                     "log_url": urls.decisions_url(council_id)})
    return view


def year_page(ctx, scope: str, year: int, number: int) -> dict:
    index = ctx.decision_index
    meetings = index.by_scope_year.get((scope, year), [])
    shown = meetings[(number - 1) * MEETINGS_PER_PAGE:number * MEETINGS_PER_PAGE]
    href = ctx.renderer.urls.href
    pages = page_count(len(meetings))
    return {
        **_scope(ctx, scope),
        "year": year,
        "years": _years(ctx, scope, year),
        "count": index.counts[(scope, year)],
        "entries": [index.entry_html(entry, ctx.site, href) for entry in index.of_meetings(shown)],
        "page": number,
        "pages": [{"number": n, "url": urls.decisions_url(scope or None, year, n), "current": n == number}
                  for n in range(1, pages + 1)] if pages > 1 else [],
        "councils": [],
    }


def render_log(page: PagePlan, ctx) -> bytes:
    view = log_page(ctx, page.key)
    return ctx.html("beslut.html", view, view["title"], nav="decisions",
                    description=f"Beslut från {view['name']}, år för år, med reservationer och jäv.")


def render_year(page: PagePlan, ctx) -> bytes:
    scope, year, number = page.key.split("/")
    view = year_page(ctx, scope, int(year), int(number))
    title = f"{view['title']} {year}" + (f", sida {number}" if view["pages"] else "")
    return ctx.html("beslut.html", view, title, nav="decisions")


KINDS = {
    "decision-log": PageKind(render_log, Shows.ANY_MEETING, "beslut.html"),
    "council-decision-log": PageKind(render_log, Shows.COUNCIL, "beslut.html"),
    "decision-log-year": PageKind(render_year, Shows.LISTED, "beslut.html", listed_on=year_page_keys),
}
RENDERERS = renderers(KINDS)
