"""Page family: site furniture: sitemap.xml, robots.txt, the 404 page, the
accessibility statement (tillgänglighetsredogörelse) and the /data/ page.

The sitemap lists every HTML page in the plan (the 404 page excepted). Its
`<loc>` needs the site's origin (`url:` in site.yaml); without one it holds
absolute paths, and robots.txt names the sitemap by path in a comment only,
since its `Sitemap:` line must be a full URL.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from generator.pages.families import decision_data
from generator.pages.machine import link, meeting_updated
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.pages.views import DEFAULT_LICENCE, LICENCES, date_sv
from generator.shared import urls

from .opendata import CSV_COLUMNS, CSV_FILE, JSON_FILES, SCHEMA, SCHEMA_FILE

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DATA_FILE_TEXT = {
    "councils.json": "Råden: namn, beskrivning, antal möten, kommande mötesdatum och länkar.",
    "people.json": "Personerna i protokollen med andra stavningar, och uppdragen enligt rådens ledamotslistor.",
    "meetings.json": "Alla möten: datum, råd, justering, ärenden och närvarolistan med status för varje deltagare; "
                     "för nämnder också anslag, sista dag att överklaga och när besluten vann laga kraft, och "
                     "rättelser efter justering.",
    decision_data.JSON_FILE: "Alla beslut: råd, möte, ärende, beslutet och vilka som reserverade sig, "
                             "lämnade protokollsanteckning eller anmälde jäv.",
    decision_data.CSV_FILE: "Samma beslut som en tabell, en rad per beslut (kolumnerna nedan).",
    SCHEMA_FILE: "JSON Schema (draft 2020-12) som beskriver JSON-filerna.",
}
DEF_TITLES = {"organization": "Råd (organizations)", "person": "Person (persons)",
              "membership": "Uppdrag (memberships)", "event": "Möte (events)", "decision": "Beslut (decisions)"}


def is_absolute(url: str) -> bool:
    return url.startswith(("http://", "https://"))


# --- sitemap and robots ----------------------------------------------------------

def sitemap(ctx) -> bytes:
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for page in ctx.analysis.plans:
        if not page.dest_rel.endswith(".html") or page.url == urls.NOT_FOUND:
            continue
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = link(ctx, page.url)
        if page.kind == "meeting":
            ET.SubElement(entry, "lastmod").text = meeting_updated(ctx.meetings[page.key]).date().isoformat()
    ET.indent(root, space="  ")
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def robots(ctx) -> bytes:
    lines = ["User-agent: *", "Allow: /", "Disallow: " + ctx.renderer.urls.href("/pagefind/"), ""]
    sitemap_url = link(ctx, urls.SITEMAP)
    if is_absolute(sitemap_url):
        lines.append(f"Sitemap: {sitemap_url}")
    else:
        lines.append(f"# Webbplatskarta: {sitemap_url} (ange url i site.yaml för en fullständig Sitemap-rad)")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- HTML pages ---------------------------------------------------------------------

def not_found_page(ctx) -> dict:
    return {"councils": [{"name": c.name, "url": urls.council_url(c.id)} for c in ctx.site.councils.values()]}


def accessibility_page(ctx) -> dict:
    """The statement says when it was last reviewed (DIGG's model): `accessibility_reviewed` in site.yaml,
    else the build's date."""
    reviewed = ctx.site.config.accessibility_reviewed or ctx.today
    contact = ctx.site.config.contact
    return {
        "contact": {"name": contact.name, "email": contact.email, "phone": contact.phone},
        "reviewed": {"date": reviewed.isoformat(), "date_sv": date_sv(reviewed)},
    }


def print_css(ctx) -> bytes:
    """The site's origin as a CSS variable: style.css prints links as `origin + href`."""
    return f':root {{ --site-origin: "{ctx.site.config.url}"; }}\n'.encode("utf-8")


def field_rows(definition: dict) -> list[dict]:
    rows = []
    for name, spec in definition["properties"].items():
        kind = spec.get("type", "")
        kinds = kind if isinstance(kind, list) else [kind] if kind else ["objekt eller null"]
        rows.append({"name": name, "type": " eller ".join(kinds), "description": spec.get("description", "")})
    return rows


def data_page(ctx) -> dict:
    licence = ctx.site.config.licence or DEFAULT_LICENCE
    board = any(c.anslag for c in ctx.site.councils.values())
    return {
        "licence": {"name": licence, "url": LICENCES.get(licence, ""), "public_domain": licence == "CC0 1.0"},
        "files": [{"name": name, "url": urls.data_url(name), "text": DATA_FILE_TEXT[name]}
                  for name in (*JSON_FILES, decision_data.JSON_FILE, decision_data.CSV_FILE, SCHEMA_FILE)],
        "decision_csv_columns": [{"name": k, "description": v} for k, v in decision_data.CSV_COLUMNS.items()],
        "decision_feeds": [{"name": "Hela webbplatsen", "url": urls.decisions_feed_url()}]
                          + [{"name": c.name, "url": urls.decisions_feed_url(c.id)} for c in ctx.site.councils.values()],
        "csv": [{"name": c.name, "url": urls.council_data_url(c.id, CSV_FILE)} for c in ctx.site.councils.values()],
        "csv_columns": [{"name": k, "description": v} for k, v in CSV_COLUMNS.items()],
        "objects": [{"id": key, "title": DEF_TITLES[key], "description": d["description"], "fields": field_rows(d)}
                    for key, d in SCHEMA["$defs"].items()],
        "feeds": [{"name": "Hela webbplatsen", "url": urls.FEED}]
                 + [{"name": c.name, "url": urls.council_feed_url(c.id)} for c in ctx.site.councils.values()]
                 + ([{"name": "Anslagstavlan", "url": urls.ANSLAG_FEED}] if board else []),
        "calendars": [{"name": c.name, "url": urls.council_calendar_url(c.id)} for c in ctx.site.councils.values()]
                     + ([{"name": "Sista dag att överklaga", "url": urls.ANSLAG_CALENDAR}] if board else []),
    }


# --- page family ------------------------------------------------------------------------

def plans(site, sources) -> list[PagePlan]:
    return [
        plan(urls.ACCESSIBILITY, "tillgänglighetsredogörelsen", "accessibility"),
        plan(urls.DATA, "sidan om öppna data", "data-page"),
        plan(urls.NOT_FOUND, "sidan som inte finns (404)", "not-found"),
        plan(urls.SITEMAP, "webbplatskartan", "sitemap"),
        plan(urls.ROBOTS, "robots.txt", "robots"),
    ] + ([plan(urls.PRINT_CSS, "utskriftsadresserna", "print-css")] if site.config.url else [])


KINDS = {
    "accessibility": PageKind(lambda page, ctx: ctx.html("accessibility.html", accessibility_page(ctx),
                                                         "Tillgänglighetsredogörelse", url=page.url),
                              Shows.ANY_MEETING, "accessibility.html"),
    "data-page": PageKind(lambda page, ctx: ctx.html("data.html", data_page(ctx), "Öppna data", url=page.url),
                          Shows.ANY_MEETING, "data.html"),
    "not-found": PageKind(lambda page, ctx: ctx.html("404.html", not_found_page(ctx), "Sidan finns inte", url=page.url),
                          Shows.ANY_MEETING, "404.html"),
    "sitemap": PageKind(lambda page, ctx: sitemap(ctx), Shows.ANY_MEETING),
    "robots": PageKind(lambda page, ctx: robots(ctx), Shows.ANY_MEETING),
    "print-css": PageKind(lambda page, ctx: print_css(ctx), Shows.ANY_MEETING),
}
RENDERERS = renderers(KINDS)
