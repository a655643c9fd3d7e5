"""Page family: decisions as open data and as Atom feeds.

- `/data/beslut.json`: `decisions` (schema in opendata.SCHEMA, `$defs/decision`), newest first
- `/data/beslut.csv`: one row per decision; every cell goes through `spreadsheet_cell`
  (UTF-8 with BOM and CRLF, like narvaro.csv)
- `/beslut/feed.xml` and `/<council-id>/beslut/feed.xml`: the newest decisions (RFC 4287),
  entry ids `tag:<host>,<meeting date>:<decision id>`, dates from the content only
"""

from __future__ import annotations

import csv
import io

from generator.shared import urls
from generator.pages.decision_views import Entry, item_label, plain_text
from generator.content.decisions import LABELS
from generator.pages.atom import FEED_LIMIT, TAG_DATE, feed_bytes, feed_root, rfc3339, sub_element
from generator.pages.families.opendata import STATEMENT_KEYS
from generator.pages.machine import day_start, fallback_time, link, meeting_updated, tag_authority, to_json
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.pages.views import date_sv

JSON_FILE = "beslut.json"
CSV_FILE = "beslut.csv"
CSV_COLUMNS = {
    "beslut_id": "Beslutets id (samma som `id` i beslut.json).",
    "datum": "Mötets datum, ÅÅÅÅ-MM-DD.",
    "mote_id": "Mötets id (samma som i meetings.json).",
    "rad_id": "Rådens id, åtskilda med mellanslag (flera vid gemensamt möte).",
    "arende": "Ärendets nummer: `§ 5` för en paragraf, `punkt 5` för en punkt.",
    "rubrik": "Ärendets rubrik.",
    "beslut": "Beslutet som text.",
    "reservationer": "Id för dem som reserverade sig, åtskilda med mellanslag.",
    "protokollsanteckningar": "Id för dem som lämnade protokollsanteckning, åtskilda med mellanslag.",
    "jav": "Id för dem som anmälde jäv, åtskilda med mellanslag.",
    "url": "Beslutet på mötessidan.",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a leading `'` (OWASP)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def people_of(entry: Entry, kind: str) -> list[tuple[str, str, str]]:
    """(person id, name as written, free text) of everyone on the item's lines of `kind`."""
    return [(p.person_id, p.name, plain_text(s.text)) for s in entry.item.statements if s.kind == kind for p in s.people]


def decision_data(ctx, entry: Entry) -> dict:
    meeting, item = entry.meeting, entry.item
    return {
        "id": entry.id, "event_id": meeting.key, "organization_ids": list(meeting.council_ids),
        "date": meeting.date.isoformat(),
        "item": {"number": item.number, "paragraph": item.paragraph, "title": item.title, "anchor": item.anchor},
        "text": entry.text,
        **{key: [{"person_id": pid, "name": name, "text": text} for pid, name, text in people_of(entry, kind)]
           for kind, key in STATEMENT_KEYS.items()},
        "url": link(ctx, entry.url),
    }


def decisions_csv(ctx) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in ctx.decision_index.entries:
        meeting, item = entry.meeting, entry.item
        row = [entry.id, meeting.date.isoformat(), meeting.key, " ".join(meeting.council_ids), item.label, item.title,
               entry.text, *(" ".join(dict.fromkeys(pid for pid, _, _ in people_of(entry, kind))) for kind in STATEMENT_KEYS),
               link(ctx, entry.url)]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")


def entry_summary(entry: Entry) -> str:
    """The decision and its lines as one plain-text paragraph."""
    parts = [entry.text]
    for statement in entry.item.statements:
        names = ", ".join(p.name for p in statement.people)
        parts.append(f"{LABELS[statement.kind]}: {names}{' – ' + plain_text(statement.text) if statement.text else ''}.")
    return " ".join(parts)


def decisions_feed(ctx, council_id: str | None) -> bytes:
    site, index = ctx.site, ctx.decision_index
    if council_id:
        council = site.councils[council_id]
        meetings = reversed(ctx.indexes.by_council.get(council_id, []))
        title, from_whom, feed_key = f"Beslut: {council.name} – {site.config.title}", council.name, f"beslut/{council_id}"
    else:
        meetings = site.meetings
        title, from_whom, feed_key = f"Beslut – {site.config.title}", site.config.organisation or site.config.title, "beslut"
    entries: list[Entry] = []
    for meeting in meetings:
        entries.extend(index.by_meeting.get(meeting.key, ()))
        if len(entries) >= FEED_LIMIT:
            break
    entries = entries[:FEED_LIMIT]
    root = feed_root(ctx, feed_id=f"tag:{tag_authority(site)},{TAG_DATE}:{feed_key}", title=title,
                     subtitle=f"Nya beslut i protokollen från {from_whom}.",
                     self_url=urls.decisions_feed_url(council_id), page_url=urls.decisions_url(council_id),
                     updated=max((meeting_updated(e.meeting) for e in entries), default=fallback_time()))
    for entry in entries:
        meeting, item = entry.meeting, entry.item
        councils = ", ".join(site.councils[c].short_name for c in meeting.council_ids)
        element = sub_element(root, "entry")
        sub_element(element, "id", f"tag:{tag_authority(site)},{meeting.date.isoformat()}:{entry.id}")
        sub_element(element, "title", f"{item_label(item)}{': ' + item.title if item.title else ''} ({councils}, {date_sv(meeting.date)})")
        sub_element(element, "updated", rfc3339(meeting_updated(meeting)))
        sub_element(element, "published", rfc3339(day_start(meeting.date)))
        sub_element(element, "link", rel="alternate", type="text/html", href=link(ctx, entry.url))
        for c in meeting.council_ids:
            sub_element(element, "category", term=c, label=site.councils[c].name)
        sub_element(element, "summary", entry_summary(entry), type="text")
    return feed_bytes(root)


# --- page family ------------------------------------------------------------------------

def plans(site, sources) -> list[PagePlan]:
    result = [plan(urls.data_url(JSON_FILE), "öppna data om beslut", "decision-json"),
              plan(urls.data_url(CSV_FILE), "öppna data om beslut (CSV)", "decision-csv"),
              plan(urls.decisions_feed_url(), "nyhetsflödet med beslut", "decision-feed")]
    for council_id in site.councils:
        result.append(plan(urls.decisions_feed_url(council_id), f"nyhetsflödet med beslut för {council_id}",
                           "council-decision-feed", council_id))
    return result


def render_json(page: PagePlan, ctx) -> bytes:
    return to_json({"decisions": [decision_data(ctx, entry) for entry in ctx.decision_index.entries]})


KINDS = {
    "decision-json": PageKind(render_json, Shows.ANY_MEETING),
    "decision-csv": PageKind(lambda page, ctx: decisions_csv(ctx), Shows.ANY_MEETING),
    "decision-feed": PageKind(lambda page, ctx: decisions_feed(ctx, None), Shows.ANY_MEETING),
    "council-decision-feed": PageKind(lambda page, ctx: decisions_feed(ctx, page.key), Shows.COUNCIL),
}
RENDERERS = renderers(KINDS)
