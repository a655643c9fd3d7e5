"""Page family: the people register (A–Ö), person pages and the attendance matrices."""

from __future__ import annotations

from collections import defaultdict

from generator.pages.decision_views import person_statements
from generator.pages.matrix_views import matrix_page, matrix_years
from generator.pages.people_views import people_page, person_page
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.shared import urls


def plans(site, sources) -> list[PagePlan]:
    result = [plan(urls.PEOPLE, "personregistret", "people")]
    meetings_of: dict[str, list] = defaultdict(list)
    for meeting in site.meetings:
        for council_id in meeting.council_ids:
            meetings_of[council_id].append(meeting)
    for council_id in site.councils:
        result.append(plan(urls.council_attendance_url(council_id), f"närvarosidan för {council_id}", "matrix", council_id))
        for year in matrix_years(meetings_of[council_id]):
            result.append(plan(urls.council_attendance_year_url(council_id, year), f"närvarosidan för {council_id} {year}",
                               "matrix-year", f"{council_id}/{year}"))
    for person_id in site.people:
        result.append(plan(urls.person_url(person_id), f"personen {person_id}", "person", person_id))
    return result


def render_people(page, ctx) -> bytes:
    return ctx.html("people.html", people_page(ctx.site, ctx.people_index), "Personer", nav="people", url=page.url)


def render_person(page, ctx) -> bytes:
    view = person_page(page.key, ctx.site, ctx.people_index, ctx.renderer.urls.href, ctx.person_row_heads)
    view["statements"] = person_statements(page.key, ctx.decision_index, ctx.site)
    return ctx.html("person.html", view, view["title"], nav="people", url=page.url)


def render_matrix(page, ctx) -> bytes:
    view = matrix_page(page.key, ctx.site, ctx.indexes, ctx.people_index, ctx.renderer.urls.href)
    return ctx.html("matrix.html", view, f"Närvaro: {view['council']['name']}", url=page.url)


def render_matrix_year(page, ctx) -> bytes:
    council_id, year = page.key.split("/")
    view = matrix_page(council_id, ctx.site, ctx.indexes, ctx.people_index, ctx.renderer.urls.href, int(year))
    return ctx.html("matrix.html", view, f"Närvaro {year}: {view['council']['name']}", url=page.url)


KINDS = {
    "people": PageKind(render_people, Shows.ANY_MEETING, "people.html"),
    "person": PageKind(render_person, Shows.PERSON, "person.html"),
    "matrix": PageKind(render_matrix, Shows.COUNCIL, "matrix.html"),
    "matrix-year": PageKind(render_matrix_year, Shows.COUNCIL_YEAR, "matrix.html"),
}
RENDERERS = renderers(KINDS)
