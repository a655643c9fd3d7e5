"""Page family: Atom feeds (RFC 4287) for the whole site and for each council.

Also the small helpers every machine-readable output shares (feeds,
calendars, open data, sitemap): stable `tag:` ids, absolute links, and
timestamps that come from the content, never from the clock. A date that the
content cannot give (an empty feed) comes from SOURCE_DATE_EPOCH, or is the
Unix epoch, so two builds of the same content are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

from . import urls
from .builddate import source_date_epoch
from .legal_views import rattelser_summary
from .model import Meeting, Site
from .pages import PagePlan, plan
from .views import JUSTERING_WORDS, TYPE_LABELS, date_sv, list_sv

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50
"""Newest meetings per feed; older ones stay on the council pages and in /data/."""
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
TAG_DATE = "2025"
"""Date part of feed ids (`tag:host,2025:feed`); never change it, or every reader sees new feeds."""


# --- shared helpers -------------------------------------------------------------

def fallback_time() -> dt.datetime:
    """The time to print when the content gives none."""
    return source_date_epoch() or EPOCH


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def meeting_updated(meeting: Meeting) -> dt.datetime:
    """Last change the content records: the meeting date, the latest justering or the latest rättelse."""
    days = [meeting.date, *(j.date for j in meeting.justerare if j.date), *(r.date for r in meeting.rattelser)]
    return day_start(max(days))


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def tag_authority(site: Site) -> str:
    """The `tag:` authority (RFC 4151): the site's host, else the contact e-mail's domain."""
    config = site.config
    if config.url:
        return config.url.split("://", 1)[1].split(":", 1)[0].lower()
    domain = config.contact.email.rpartition("@")[2].strip().lower()
    return domain or "protokoll.invalid"


def meeting_tag(site: Site, meeting: Meeting) -> str:
    """Entry id: independent of base URL and host moves, fixed by the meeting's key and date."""
    return f"tag:{tag_authority(site)},{meeting.date.isoformat()}:{meeting.key}"


def link(ctx, url: str) -> str:
    """A site-relative URL as printed in machine-readable files: absolute when the origin is known."""
    return urls.absolute_url(ctx.site.config.url, ctx.renderer.urls.href(url))


def agenda_text(ctx, meeting: Meeting) -> str:
    items = ctx.analysis.agendas[meeting.key]
    return "; ".join(f"{item.number}. {item.title}" for item in items)


def meeting_summary_text(ctx, meeting: Meeting) -> str:
    """One plain-text paragraph: what, which councils, when, where, justering, agenda."""
    names = [ctx.site.councils[c].name for c in meeting.council_ids]
    parts = [f"{TYPE_LABELS[meeting.type]} från {'gemensamt möte med ' if meeting.is_joint else ''}{list_sv(names)}, "
             f"{date_sv(meeting.date)}{', kl. ' + meeting.time if meeting.time else ''}"
             f"{', ' + meeting.place if meeting.place else ''}."]
    parts.append(f"{JUSTERING_WORDS[meeting.justering]}.")
    agenda = agenda_text(ctx, meeting)
    if agenda:
        parts.append(f"Ärenden: {agenda}.")
    if meeting.rattelser:
        parts.append(rattelser_summary(meeting))
    return " ".join(parts)


# --- Atom -----------------------------------------------------------------------------

def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def feed_root(ctx, *, feed_id: str, title: str, subtitle: str, self_url: str, page_url: str,
              updated: dt.datetime) -> ET.Element:
    """A `<feed>` with its head filled in; entries are added to it, then `feed_bytes` writes it."""
    site = ctx.site
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "sv"})
    _sub(root, "id", feed_id)
    _sub(root, "title", title)
    _sub(root, "subtitle", subtitle)
    _sub(root, "updated", rfc3339(updated))
    author = _sub(root, "author")
    _sub(author, "name", site.config.organisation or site.config.title)
    _sub(author, "uri", link(ctx, urls.HOME))
    _sub(root, "link", rel="self", type="application/atom+xml", href=link(ctx, self_url))
    _sub(root, "link", rel="alternate", type="text/html", href=link(ctx, page_url))
    _sub(root, "generator", "Protokoll")
    return root


def feed_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def atom_feed(ctx, *, feed_id: str, title: str, subtitle: str, self_url: str, page_url: str,
              meetings: list[Meeting]) -> bytes:
    site = ctx.site
    meetings = meetings[:FEED_LIMIT]
    updated = max((meeting_updated(m) for m in meetings), default=fallback_time())
    root = feed_root(ctx, feed_id=feed_id, title=title, subtitle=subtitle, self_url=self_url, page_url=page_url,
                     updated=updated)
    for meeting in meetings:
        entry = _sub(root, "entry")
        _sub(entry, "id", meeting_tag(site, meeting))
        _sub(entry, "title", f"{meeting.title}, {date_sv(meeting.date)}")
        _sub(entry, "updated", rfc3339(meeting_updated(meeting)))
        _sub(entry, "published", rfc3339(day_start(meeting.date)))
        _sub(entry, "link", rel="alternate", type="text/html",
             href=link(ctx, urls.meeting_url(meeting.folder, meeting.stem)))
        for council_id in meeting.council_ids:
            _sub(entry, "category", term=council_id, label=site.councils[council_id].name)
        _sub(entry, "summary", meeting_summary_text(ctx, meeting), type="text")
    return feed_bytes(root)


# --- page family ------------------------------------------------------------------------

def plans(site, sources) -> list[PagePlan]:
    result = [plan(urls.FEED, "nyhetsflödet för hela webbplatsen", "feed")]
    for council_id in site.councils:
        result.append(plan(urls.council_feed_url(council_id), f"nyhetsflödet för {council_id}", "council-feed", council_id))
    return result


def render_feed(page: PagePlan, ctx) -> bytes:
    site = ctx.site
    return atom_feed(
        ctx, feed_id=f"tag:{tag_authority(site)},{TAG_DATE}:feed", title=site.config.title,
        subtitle=f"Nya protokoll och minnesanteckningar från {site.config.organisation or site.config.title}.",
        self_url=urls.FEED, page_url=urls.HOME, meetings=list(site.meetings),
    )


def render_council_feed(page: PagePlan, ctx) -> bytes:
    site, council = ctx.site, ctx.site.councils[page.key]
    return atom_feed(
        ctx, feed_id=f"tag:{tag_authority(site)},{TAG_DATE}:feed/{council.id}", title=f"{council.name} – {site.config.title}",
        subtitle=f"Nya protokoll och minnesanteckningar från {council.name}.",
        self_url=urls.council_feed_url(council.id), page_url=urls.council_url(council.id),
        meetings=list(reversed(ctx.indexes.by_council.get(council.id, []))),
    )


RENDERERS = {"feed": render_feed, "council-feed": render_council_feed}
