"""View models of the attendance matrices: person x meeting (or x year) per council.

Every row is in the page's own flow (no inner scroll box), the summary columns come
right after the name, rows are grouped under labels that name the council, and a
meeting cell is a symbol with a legend that also says the status in words.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import groupby

from markupsafe import Markup, escape

from generator.shared import urls
from generator.content.model import PRESENT, Attendee, Meeting, Site
from generator.pages.people_views import NOT_LISTED, PeopleIndex, rate, surname_key
from generator.pages.views import MEMBER, OTHER, SUBSTITUTE, Indexes, council_link, date_sv, status_text

MATRIX_MAX_COLUMNS = 20
"""A council with more meetings gets an overview by year plus one person x meeting matrix per year."""
SYMBOLS = {"present": "✓", "absent": "✗", "excused": "–", "not-listed": "·"}
OUT_OF_TERM_MARK = "*"
LEGEND = [("✓", "närvarande (även som tjänstgörande ersättare)"), ("✗", "frånvarande"), ("–", "anmält förhinder"),
          ("·", "ej listad")]


def category_label(category: int, council_name: str) -> str:
    """A matrix row group's heading; it names the council, so a joint meeting's guests are not called its members."""
    if category == MEMBER:
        return f"Ledamöter i {council_name}"
    if category == SUBSTITUTE:
        return f"Ersättare i {council_name}"
    return f"Övriga deltagare (inte ledamöter eller ersättare i {council_name})"


def matrix_years(meetings: list[Meeting]) -> list[int]:
    """Years with their own matrix page; empty when one matrix holds every meeting."""
    return sorted({m.date.year for m in meetings}) if len(meetings) > MATRIX_MAX_COLUMNS else []


@lru_cache(maxsize=4096)
def cell_html(status: str, text: str, symbol: str, in_term: bool) -> str:
    """One status cell as HTML, built here rather than in the template: a year matrix at 10,000
    meetings has over a million cells, and a Jinja loop spent 10 µs on each. The cells repeat
    (a status, its words, in term or not), so each is made once. A meeting cell shows a symbol
    (see LEGEND) and says the status in words to screen readers."""
    out_of_term = not in_term
    words = escape(text) + (" (utanför uppdraget)" if out_of_term else "")
    if symbol:
        mark = OUT_OF_TERM_MARK if out_of_term else ""
        inner = f'<span aria-hidden="true">{escape(symbol)}{mark}</span><span class="visually-hidden">{words}</span>'
    else:
        inner = str(words)
    return f'<td class="cell-{status}{" out-of-term" if out_of_term else ""}">{inner}</td>'


def matrix_page(council_id: str, site: Site, indexes: Indexes, index: PeopleIndex, href, year: int | None = None) -> dict:
    """Person x meeting (all meetings, or one year's), or person x year when the council has many meetings.
    Each row group's rows are prebuilt HTML (`rows_html`), as are the person pages' rows."""
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
        listed_at = cells_by_person.get(person_id, {})
        person_terms = terms.get(person_id)
        for meeting in meetings:
            a = listed_at.get(meeting.key)
            in_term = person_terms is None or any(t.serves_on(meeting.date) for t in person_terms)
            if a is not None and in_term:
                listed += 1
                present += a.status == PRESENT
                counts = per_year[meeting.date.year]
                counts[0] += a.status == PRESENT
                counts[1] += 1
            if overview:
                continue
            if a is None:
                cells.append(cell_html("not-listed", NOT_LISTED, SYMBOLS["not-listed"], in_term))
            else:
                text = status_text(a.status, a.replaces, index.replaced.get((meeting.key, person_id)))
                cells.append(cell_html(a.status, text, SYMBOLS[a.status], in_term))
        if overview:
            cells = [cell_html("summary", f"{per_year[y][0]} av {per_year[y][1]}", "", True) if y in per_year
                     else cell_html("not-listed", NOT_LISTED, "", True) for y in years]
        rows.append(((category, surname_key(person.name), person_id), (
            f'    <tr>\n      <th scope="row"><a href="{escape(href(urls.person_url(person_id)))}">{escape(person.name)}</a></th>\n'
            f'      <td class="count">{present} av {listed}</td>\n      <td class="count">{escape(rate(present, listed))}</td>\n'
            f'      {"".join(cells)}\n    </tr>\n')))
    rows.sort(key=lambda row: row[0])
    groups = [{"category": category, "label": category_label(category, council.short_name),
               "rows_html": Markup("".join(row_html for _key, row_html in in_group))}
              for category, in_group in groupby(rows, key=lambda row: row[0][0])]
    if overview:
        columns = [{"url": urls.council_attendance_year_url(council_id, y), "label": str(y), "date": ""} for y in years]
    else:
        columns = [{"url": urls.meeting_url(m.folder, m.stem), "label": date_sv(m.date), "date": m.date.isoformat()}
                   for m in meetings]
    return {
        "council": council_link(site, council_id),
        "year": year,
        "overview": overview,
        "years": [{"year": y, "url": urls.council_attendance_year_url(council_id, y)} for y in years],
        "overview_url": urls.council_attendance_url(council_id),
        "columns": columns,
        "groups": groups,
        "count": len(rows),
        "legend": [] if overview else [{"symbol": sym, "text": text} for sym, text in LEGEND],
        "has_terms": bool(terms),
        "out_of_term_mark": OUT_OF_TERM_MARK,
    }
