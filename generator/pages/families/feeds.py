"""Page family: Atom feeds (RFC 4287) for the whole site and for each council.

Entry ids are stable `tag:` URIs; timestamps come from the content (see
pages/machine.py), so two builds of the same content are byte-identical.
"""

from __future__ import annotations


from generator.content.model import TYPE_LABELS, Meeting, Site
from generator.pages.legal_views import rattelser_summary
from generator.pages.atom import FEED_LIMIT, TAG_DATE, feed_bytes, feed_root, rfc3339, sub_element
from generator.pages.machine import day_start, fallback_time, link, meeting_updated, tag_authority
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.pages.views import JUSTERING_WORDS, date_sv, list_sv
from generator.shared import urls



# --- entries ------------------------------------------------------------------------

def meeting_tag(site: Site, meeting: Meeting) -> str:
    """Entry id: independent of base URL and host moves, fixed by the meeting's key and date."""
    return f"tag:{tag_authority(site)},{meeting.date.isoformat()}:{meeting.key}"


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


def atom_feed(ctx, *, feed_id: str, title: str, subtitle: str, self_url: str, page_url: str,
              meetings: list[Meeting]) -> bytes:
    site = ctx.site
    meetings = meetings[:FEED_LIMIT]
    updated = max((meeting_updated(m) for m in meetings), default=fallback_time())
    root = feed_root(ctx, feed_id=feed_id, title=title, subtitle=subtitle, self_url=self_url, page_url=page_url,
                     updated=updated)
    for meeting in meetings:
        entry = sub_element(root, "entry")
        sub_element(entry, "id", meeting_tag(site, meeting))
        sub_element(entry, "title", f"{meeting.title}, {date_sv(meeting.date)}")
        sub_element(entry, "updated", rfc3339(meeting_updated(meeting)))
        sub_element(entry, "published", rfc3339(day_start(meeting.date)))
        sub_element(entry, "link", rel="alternate", type="text/html",
             href=link(ctx, urls.meeting_url(meeting.folder, meeting.stem)))
        for council_id in meeting.council_ids:
            sub_element(entry, "category", term=council_id, label=site.councils[council_id].name)
        sub_element(entry, "summary", meeting_summary_text(ctx, meeting), type="text")
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


KINDS = {"feed": PageKind(render_feed, Shows.ANY_MEETING), "council-feed": PageKind(render_council_feed, Shows.COUNCIL)}
RENDERERS = renderers(KINDS)
