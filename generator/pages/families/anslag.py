"""Page family: the anslagstavla, `/anslag/`, with an Atom feed and an iCalendar file of appeal deadlines.

Planned only when some council has `anslag: true`, so a site that announces
nothing builds as before. The page lists what is posted now (announced, and the
last day to appeal not yet past) and, below it, what was taken down in the last
three months; the feed and the calendar carry the same announcements. All of it
is computed against the build's date (builddate.py), so a daily scheduled build
keeps the board current and two builds with one epoch are byte-identical.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import icalendar

from generator.content.legal import PENDING, UNDER_APPEAL, AppealStatus, appeal_status
from generator.content.model import Meeting, Site
from generator.pages.legal_views import besvarshanvisning, day, not_official_text, storage_text
from generator.pages.machine import day_start, fallback_time, link, tag_authority
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.pages.views import date_sv, list_sv
from generator.shared import urls

from generator.pages.atom import ATOM_NS, TAG_DATE, rfc3339

TAKEN_DOWN_MONTHS = 3
"""How long a taken-down announcement stays listed below the current ones."""


@dataclass(frozen=True)
class Notice:
    meeting: Meeting
    status: AppealStatus


@dataclass(frozen=True)
class Board:
    posted: list[Notice]
    """Under appeal today, the latest announcement first."""
    taken_down: list[Notice]
    """Taken down (the appeal period over) in the last three months, the latest first."""

    @property
    def notices(self) -> list[Notice]:
        return sorted(self.posted + self.taken_down, key=lambda n: (n.status.start, n.meeting.key), reverse=True)


def months_before(day_: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (that month's last day when it is shorter)."""
    year, month = divmod(day_.year * 12 + day_.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day_.day, calendar.monthrange(year, month + 1)[1]))


def board(site: Site, today: dt.date) -> Board:
    since = months_before(today, TAKEN_DOWN_MONTHS)
    posted, taken_down = [], []
    for meeting in site.meetings:
        status = appeal_status(meeting, site, today)
        if status is None or status.state == PENDING:
            continue
        if status.state == UNDER_APPEAL:
            posted.append(Notice(meeting, status))
        elif status.legal_force >= since:
            taken_down.append(Notice(meeting, status))
    posted.sort(key=lambda n: (n.status.start, n.meeting.key), reverse=True)
    taken_down.sort(key=lambda n: (n.status.legal_force, n.meeting.key), reverse=True)
    return Board(posted, taken_down)


def councils_text(site: Site, meeting: Meeting) -> str:
    return list_sv([site.councils[c].name for c in meeting.council_ids])


def meeting_url(meeting: Meeting) -> str:
    return urls.meeting_url(meeting.folder, meeting.stem)


# --- the page ----------------------------------------------------------------------------

def notice_row(site: Site, notice: Notice) -> dict:
    meeting, status = notice.meeting, notice.status
    return {
        "title": meeting.title, "url": meeting_url(meeting), "meeting": day(meeting.date),
        "councils": councils_text(site, meeting), "announced": day(status.start),
        "last_day": day(status.last_day), "taken_down": day(status.legal_force),
        "storage": storage_text(status, site),
    }


def board_page(site: Site, today: dt.date) -> dict:
    found = board(site, today)
    return {
        "today": day(today),
        "months": TAKEN_DOWN_MONTHS,
        "posted": [notice_row(site, n) for n in found.posted],
        "taken_down": [notice_row(site, n) for n in found.taken_down],
        "not_official": not_official_text(site),
        "besvarshanvisning": besvarshanvisning(site),
        "feed_url": urls.ANSLAG_FEED,
        "calendar_url": urls.ANSLAG_CALENDAR,
    }


# --- Atom --------------------------------------------------------------------------------

def _element(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def notice_summary(site: Site, notice: Notice) -> str:
    status = notice.status
    return (f"Justeringen av protokollet från {councils_text(site, notice.meeting)} "
            f"{date_sv(notice.meeting.date)} anslogs {date_sv(status.start)}. Sista dag att överklaga: "
            f"{date_sv(status.last_day)}. Förvaringsplats: {storage_text(status, site)}.")


def board_feed(ctx, found: Board) -> bytes:
    site = ctx.site
    notices = found.notices
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "sv"})
    _element(root, "id", f"tag:{tag_authority(site)},{TAG_DATE}:anslag")
    _element(root, "title", f"Anslagstavla – {site.config.title}")
    _element(root, "subtitle", "Justerade protokoll som anslagits, med sista dag att överklaga.")
    updated = max((day_start(n.status.start) for n in notices), default=fallback_time())
    _element(root, "updated", rfc3339(updated))
    author = _element(root, "author")
    _element(author, "name", site.config.organisation or site.config.title)
    _element(root, "link", rel="self", type="application/atom+xml", href=link(ctx, urls.ANSLAG_FEED))
    _element(root, "link", rel="alternate", type="text/html", href=link(ctx, urls.ANSLAG))
    _element(root, "generator", "Protokoll")
    for notice in notices:
        meeting, status = notice.meeting, notice.status
        entry = _element(root, "entry")
        _element(entry, "id", f"tag:{tag_authority(site)},{status.start.isoformat()}:anslag/{meeting.key}")
        _element(entry, "title", f"Anslag: {meeting.title}, {date_sv(meeting.date)}")
        _element(entry, "updated", rfc3339(day_start(status.start)))
        _element(entry, "published", rfc3339(day_start(status.start)))
        _element(entry, "link", rel="alternate", type="text/html", href=link(ctx, meeting_url(meeting)))
        for council_id in meeting.council_ids:
            _element(entry, "category", term=council_id, label=site.councils[council_id].name)
        _element(entry, "summary", notice_summary(site, notice), type="text")
    ET.indent(root, space="  ")
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


# --- iCalendar ---------------------------------------------------------------------------

def deadline_event(ctx, notice: Notice) -> icalendar.Event:
    site, meeting, status = ctx.site, notice.meeting, notice.status
    url = link(ctx, meeting_url(meeting))
    event = icalendar.Event()
    event.add("uid", f"anslag/{meeting.key}@{tag_authority(site)}")
    event.add("dtstamp", day_start(status.start))
    event.add("dtstart", status.last_day)
    event.add("dtend", status.last_day + dt.timedelta(days=1))
    event.add("summary", f"Sista dag att överklaga: {meeting.title}, {date_sv(meeting.date)}")
    event.add("description", f"{notice_summary(site, notice)}\nProtokollet: {url}")
    if url.startswith(("http://", "https://")):
        event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def board_calendar(ctx, found: Board) -> bytes:
    site = ctx.site
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site.config.organisation or site.config.title}//Protokoll//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = f"Sista dag att överklaga – {site.config.title}"
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", "Sista dag att överklaga beslut i protokoll som anslagits på anslagstavlan.")
    for notice in found.notices:
        cal.add_component(deadline_event(ctx, notice))
    return cal.to_ical()


# --- page family ------------------------------------------------------------------------

def plans(site, sources) -> list[PagePlan]:
    if not any(council.anslag for council in site.councils.values()):
        return []
    return [
        plan(urls.ANSLAG, "anslagstavlan", "anslag"),
        plan(urls.ANSLAG_FEED, "anslagstavlans nyhetsflöde", "anslag-feed"),
        plan(urls.ANSLAG_CALENDAR, "anslagstavlans kalender", "anslag-calendar"),
    ]


KINDS = {
    "anslag": PageKind(lambda page, ctx: ctx.html("anslag.html", board_page(ctx.site, ctx.today), "Anslagstavla"),
                       Shows.ANY_MEETING, "anslag.html"),
    "anslag-feed": PageKind(lambda page, ctx: board_feed(ctx, board(ctx.site, ctx.today)), Shows.ANY_MEETING),
    "anslag-calendar": PageKind(lambda page, ctx: board_calendar(ctx, board(ctx.site, ctx.today)), Shows.ANY_MEETING),
}
RENDERERS = renderers(KINDS)
