"""View models for people: person pages, the A–Ö register and attendance matrices.

Everything is built from one `PeopleIndex` pass over the meetings, so no page
scans all meetings (no O(N²) as the archive grows).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import urls
from .model import PRESENT, Attendee, Meeting, Site
from .people import normalize_name
from .decision_views import person_statements
from .views import Indexes, TYPE_LABELS, council_link, date_sv, status_text

SWEDISH_TAIL = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"}
NOT_LISTED = "Ej listad"
MEMBER, SUBSTITUTE, OTHER = 0, 1, 2
CATEGORY_LABELS = {MEMBER: "Ledamöter", SUBSTITUTE: "Ersättare", OTHER: "Övriga"}


def swedish_key(text: str) -> str:
    """Sort key in Swedish order: a–z, then å, ä, ö; other diacritics fold (é -> e)."""
    out = []
    for ch in text.casefold():
        if ch in SWEDISH_TAIL:
            out.append(SWEDISH_TAIL[ch])
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
    return "".join(out)


def surname_key(name: str) -> tuple[str, str]:
    tokens = name.split()
    return swedish_key(tokens[-1] if tokens else name), swedish_key(name)


def initial(name: str) -> str:
    tokens = name.split()
    first = (tokens[-1] if tokens else name)[:1].upper()
    return first if first.isalpha() else "#"


def group_category(label: str) -> int:
    folded = label.casefold()
    if "ersättare" in folded:
        return SUBSTITUTE
    if "ledamot" in folded or "ledamöter" in folded:
        return MEMBER
    return OTHER


@dataclass(frozen=True)
class Listing:
    meeting: Meeting
    attendee: Attendee
    group: str


@dataclass(frozen=True)
class PeopleIndex:
    by_person: dict[str, list[Listing]]
    """Person id -> every time the person is listed, oldest meeting first."""
    roles_in_council: dict[tuple[str, str], int]
    """(council id, person id) -> best category (member < substitute < other)."""
    justerat: dict[str, list[Meeting]]
    """Person id -> meetings the person is justerare of, newest first."""
    roster: dict[tuple[str, str], str]
    """(council id, roster member name) -> person id."""

    @classmethod
    def build(cls, site: Site) -> "PeopleIndex":
        by_person: dict[str, list[Listing]] = defaultdict(list)
        categories: dict[tuple[str, str], int] = {}
        justerat: dict[str, list[Meeting]] = defaultdict(list)
        roster = roster_people(site)
        for meeting in site.meetings:
            for j in meeting.justerare:
                justerat[j.person_id].append(meeting)
        for meeting in reversed(site.meetings):
            for group in meeting.groups:
                category = group_category(group.label)
                for a in group.attendees:
                    by_person[a.person_id].append(Listing(meeting, a, group.label))
                    for cid in meeting.council_ids:
                        key = (cid, a.person_id)
                        categories[key] = min(categories.get(key, OTHER), category)
        for council in site.councils.values():
            for label, members in council.roster:
                for member in members:
                    person_id = roster.get((council.id, member.name))
                    if person_id:  # a roster group is a member group unless it says Ersättare
                        key = (council.id, person_id)
                        categories[key] = min(categories.get(key, OTHER), SUBSTITUTE if group_category(label) == SUBSTITUTE else MEMBER)
        return cls(dict(by_person), categories, dict(justerat), roster)


def roster_people(site: Site) -> dict[tuple[str, str], str]:
    """(council id, roster member name) -> person id, resolved once per site through a spelling index."""
    by_spelling: dict[str, list] = defaultdict(list)
    for person in site.people.values():
        for spelling in (person.name, *person.aliases):
            by_spelling[normalize_name(spelling)].append(person)
    result = {}
    for council in site.councils.values():
        for _label, members in council.roster:
            for member in members:
                candidates = by_spelling.get(normalize_name(member.name), [])
                same_org = [p for p in candidates if p.org and member.org and normalize_name(p.org) == normalize_name(member.org)]
                chosen = (same_org or candidates or [None])[0]
                if chosen is not None:
                    result[(council.id, member.name)] = chosen.id
    return result


def _rate(present: int, listed: int) -> str:
    return f"{round(100 * present / listed)} %" if listed else "–"


def person_page(person_id: str, site: Site, index: PeopleIndex, href, row_heads: dict | None = None) -> dict:
    """The person page's view. Its table rows are prebuilt HTML (`meeting_rows`)."""
    person = site.people[person_id]
    listings = index.by_person.get(person_id, [])
    per_council: dict[str, list[Listing]] = defaultdict(list)
    orgs, roles, spellings = [], [], []
    for listing in listings:
        for cid in listing.meeting.council_ids:
            per_council[cid].append(listing)
        a = listing.attendee
        if a.org and a.org not in orgs:
            orgs.append(a.org)
        if a.role and a.role not in roles:
            roles.append(a.role)
        if a.name != person.name and a.name not in spellings:
            spellings.append(a.name)
    justerat = index.justerat.get(person_id, [])
    councils = []
    for cid in site.councils:
        if cid not in per_council:
            continue
        items = per_council[cid]
        present = sum(1 for l in items if l.attendee.status == PRESENT)
        councils.append({
            **council_link(site, cid),
            "present": present,
            "listed": len(items),
            "rate": _rate(present, len(items)),
            "summary": f"närvarande vid {present} av {len(items)} {'möte' if len(items) == 1 else 'möten'} där personen var kallad",
        })
    return {
        "id": person.id,
        "name": person.name,
        "url": urls.person_url(person.id),
        "spellings": spellings,
        "orgs": orgs or ([person.org] if person.org else []),
        "roles": roles,
        "councils": councils,
        "meetings": meeting_rows(listings, site, href, row_heads),
        "justerat": [{"url": urls.meeting_url(m.folder, m.stem), "title": m.title, "date_sv": date_sv(m.date)} for m in justerat],
    }


def people_page(site: Site, index: PeopleIndex) -> dict:
    people = sorted(site.people.values(), key=lambda p: (surname_key(p.name), p.id))
    letters: dict[str, list[dict]] = {}
    for person in people:
        listings = index.by_person.get(person.id, [])
        orgs = sorted({l.attendee.org for l in listings if l.attendee.org}) or ([person.org] if person.org else [])
        letters.setdefault(initial(person.name), []).append({
            "name": person.name, "url": urls.person_url(person.id), "orgs": orgs, "meetings": len(listings),
        })
    return {"letters": [{"letter": k, "id": f"bokstav-{urls.slugify(k, scandinavian=True)}", "people": v} for k, v in letters.items()],
            "count": len(people)}


MATRIX_MAX_COLUMNS = 20
"""A council with more meetings gets an overview by year plus one person x meeting matrix per year."""
SYMBOLS = {"present": "✓", "absent": "✗", "excused": "–"}


def matrix_years(meetings: list[Meeting]) -> list[int]:
    """Years with their own matrix page; empty when one matrix holds every meeting."""
    return sorted({m.date.year for m in meetings}) if len(meetings) > MATRIX_MAX_COLUMNS else []


def cells_html(cells: list[dict]) -> Markup:
    """The row's status cells as HTML, built here rather than in the template: a year matrix at
    10,000 meetings has over a million cells, and a Jinja loop spent 10 µs on each."""
    parts = []
    for c in cells:
        out_of_term = not c["in_term"]
        parts.append(
            f'<td class="cell-{c["status"]}{" out-of-term" if out_of_term else ""}">'
            + (f'<span aria-hidden="true">{escape(c["symbol"])} </span>' if c["symbol"] else "")
            + str(escape(c["text"]))
            + (' <span class="note">(utanför uppdraget)</span>' if out_of_term else "")
            + "</td>"
        )
    return Markup("".join(parts))


def matrix_page(council_id: str, site: Site, indexes: Indexes, index: PeopleIndex, year: int | None = None) -> dict:
    """Person x meeting (all meetings, or one year's), or person x year when the council has many meetings."""
    all_meetings = indexes.by_council.get(council_id, [])
    years = matrix_years(all_meetings)
    meetings = [m for m in all_meetings if year is None or m.date.year == year]
    overview = year is None and bool(years)
    council = site.councils[council_id]
    terms: dict[str, list] = {}
    for _label, members in council.roster:
        for member in members:
            person_id = index.roster.get((council_id, member.name))
            if person_id and (member.start or member.end):
                terms.setdefault(person_id, []).append(member)
    cells_by_person: dict[str, dict[str, Attendee]] = defaultdict(dict)
    for meeting in meetings:
        for a in meeting.attendees():
            current = cells_by_person[a.person_id].get(meeting.key)
            if current is None or (current.status != PRESENT and a.status == PRESENT):
                cells_by_person[a.person_id][meeting.key] = a
    person_ids = set(cells_by_person) | ({pid for (cid, pid) in index.roles_in_council if cid == council_id} if year is None else set())
    rows = []
    for person_id in person_ids:
        person = site.people[person_id]
        category = index.roles_in_council.get((council_id, person_id), OTHER)
        cells, present, listed = [], 0, 0
        per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for meeting in meetings:
            a = cells_by_person[person_id].get(meeting.key)
            in_term = person_id not in terms or any(t.serves_on(meeting.date) for t in terms[person_id])
            if a is not None and in_term:
                listed += 1
                present += a.status == PRESENT
                counts = per_year[meeting.date.year]
                counts[0] += a.status == PRESENT
                counts[1] += 1
            if overview:
                continue
            if a is None:
                cells.append({"status": "not-listed", "text": NOT_LISTED, "symbol": "", "in_term": in_term})
            else:
                cells.append({"status": a.status, "text": status_text(a.status, a.replaces),
                              "symbol": SYMBOLS[a.status], "in_term": in_term})
        if overview:
            cells = [{"status": "summary" if y in per_year else "not-listed",
                      "text": f"{per_year[y][0]} av {per_year[y][1]}" if y in per_year else NOT_LISTED,
                      "symbol": "", "in_term": True} for y in years]
        rows.append({
            "name": person.name, "url": urls.person_url(person_id), "category": category,
            "category_label": CATEGORY_LABELS[category], "cells": cells, "cells_html": cells_html(cells),
            "present": present, "listed": listed, "rate": _rate(present, listed),
            "sort": (category, surname_key(person.name), person_id),
        })
    rows.sort(key=lambda r: r["sort"])
    if overview:
        columns = [{"url": urls.council_attendance_year_url(council_id, y), "label": str(y), "date": ""} for y in years]
    else:
        columns = [{"url": urls.meeting_url(m.folder, m.stem), "label": m.date.isoformat(), "date": m.date.isoformat()}
                   for m in meetings]
    return {
        "council": council_link(site, council_id),
        "year": year,
        "overview": overview,
        "years": [{"year": y, "url": urls.council_attendance_year_url(council_id, y)} for y in years],
        "overview_url": urls.council_attendance_url(council_id),
        "columns": columns,
        "rows": rows,
        "has_terms": bool(terms),
    }


# --- page family: people index, person pages, attendance matrices ------------------

def plans(site, sources) -> list:
    from .pages import plan

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
    return ctx.html("people.html", people_page(ctx.site, ctx.people_index), "Personer", nav="people")


def meeting_rows(listings: list[Listing], site: Site, href, row_heads: dict | None = None) -> list[Markup]:
    """One table row's inner HTML per listing, newest first, exactly as person.html's loop wrote it
    (~300,000 rows at 10,000 meetings). The meeting's part of a row is the same on every attendee's
    page, so it is made once per meeting into `row_heads`."""
    row_heads = {} if row_heads is None else row_heads
    rows = []
    for listing in reversed(listings):
        meeting, a = listing.meeting, listing.attendee
        head = row_heads.get(meeting.key)
        if head is None:
            councils = ", ".join(str(escape(site.councils[c].short_name)) for c in meeting.council_ids)
            head = row_heads[meeting.key] = (
                f'<th scope="row"><a href="{escape(href(urls.meeting_url(meeting.folder, meeting.stem)))}">'
                f'<time datetime="{meeting.date.isoformat()}">{escape(date_sv(meeting.date))}</time></a> '
                f'<span class="meta">{escape(TYPE_LABELS[meeting.type])}</span></th><td>{councils}</td>'
            )
        rows.append(Markup(f"{head}<td>{escape(listing.group)}</td><td>{escape(a.role or '')}</td>"
                           f"<td>{escape(status_text(a.status, a.replaces))}</td>"))
    return rows


def render_person(page, ctx) -> bytes:
    view = person_page(page.key, ctx.site, ctx.people_index, ctx.renderer.urls.href, ctx.person_row_heads)
    view["statements"] = person_statements(page.key, ctx.decision_index, ctx.site)
    return ctx.html("person.html", view, view["name"], nav="people")


def render_matrix(page, ctx) -> bytes:
    view = matrix_page(page.key, ctx.site, ctx.indexes, ctx.people_index)
    return ctx.html("matrix.html", view, f"Närvaro: {view['council']['name']}")


def render_matrix_year(page, ctx) -> bytes:
    council_id, year = page.key.split("/")
    view = matrix_page(council_id, ctx.site, ctx.indexes, ctx.people_index, int(year))
    return ctx.html("matrix.html", view, f"Närvaro {year}: {view['council']['name']}")


RENDERERS = {"people": render_people, "person": render_person, "matrix": render_matrix, "matrix-year": render_matrix_year}
