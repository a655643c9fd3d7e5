"""Search records of decisions: each decision is its own Pagefind result.

Pagefind makes one result per HTML file, and every hit must carry a council, a year,
a type and a date (docs/search.md). So each decision gets a small HTML record, written
beside the site only while Pagefind runs (search.index removes them; they are never
published): the item's title, the decision and its lines, the same filters, metadata and
sort key as its meeting page, and the filter `Innehåll: Beslut`. A record lies at
`_sokposter/<meeting key>/<anchor>.html`; templates/static/search.js turns that into the
decision's place on the meeting page, `/<meeting key>/#pN-beslut`, and labels the hit as a
decision. Pagefind searches metadata too, so no metadata holds the word "beslut" (or every
record would match `beslut`). On the meeting page the decision block is
`data-pagefind-ignore`, so its words are indexed once, here.
"""

from __future__ import annotations

from markupsafe import escape

from generator.content.model import TYPE_LABELS
from generator.pages.families.decision_data import entry_summary
from generator.pages.decision_views import DecisionIndex, item_label
from generator.pages.families.search import FILTER_CONTENT, FILTER_CONTENT_DECISION, FILTER_COUNCIL, FILTER_TYPE, FILTER_YEAR, SORT_KEY
from generator.pages.views import date_sv



def records(analysis) -> list[tuple[str, bytes]]:
    """(path under the records directory, HTML) of every decision's search record, in a fixed order."""
    site = analysis.site
    index = DecisionIndex.build(site, analysis.agendas)
    result = []
    for entry in index.entries:
        meeting, item = entry.meeting, entry.item
        councils = [site.councils[c] for c in meeting.council_ids]
        title = f"{item_label(item)}{': ' + item.title if item.title else ''}"
        html = (
            '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title></head><body>\n"
            f'<main data-pagefind-body data-pagefind-filter="{FILTER_CONTENT}:{FILTER_CONTENT_DECISION}">\n'
            f'<span data-pagefind-meta="title:{escape(title)}"></span>\n'
            f"<p>{escape(entry_summary(entry))}</p>\n<p>{escape(item.title)}</p>\n"
            f'<p><time datetime="{meeting.date.isoformat()}" data-pagefind-sort="{SORT_KEY}[datetime]" '
            f'data-pagefind-meta="datum:{escape(date_sv(meeting.date))}" '
            f'data-pagefind-filter="{FILTER_YEAR}:{meeting.date.year}">{escape(date_sv(meeting.date))}</time>, '
            f'<span data-pagefind-filter="{FILTER_TYPE}">{escape(TYPE_LABELS[meeting.type])}</span>, '
            f'<span data-pagefind-meta="råd:{escape(", ".join(c.short_name for c in councils))}">'
            + ", ".join(f'<span data-pagefind-filter="{FILTER_COUNCIL}">{escape(c.name)}</span>' for c in councils)
            + "</span></p>\n</main></body></html>\n"
        )
        result.append((f"{meeting.key}/{item.anchor}.html", html.encode("utf-8")))
    return result
