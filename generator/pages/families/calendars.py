"""Page family: an iCalendar file (RFC 5545) per council, `/<council-id>/kalender.ics`.

Held meetings link to their minutes; announced dates (`upcoming:` in
councils.yaml) without minutes are planned events (views.planned_meetings, the
same rule as the council page): tentative, or cancelled (`inställt: true`).
The `icalendar` library does the escaping and line folding. Times are written in UTC (no VTIMEZONE needed);
DTSTAMP comes from the content (see machine.meeting_updated), and for coming
dates from SOURCE_DATE_EPOCH, so two builds are byte-identical. A meeting's
UID is `<council-id>/<file stem>@<host>`, and a coming date's is
`<council-id>/<date>@<host>`: once the minutes of that date are published,
calendar apps update the planned event instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar

from generator.content.model import TYPE_LABELS, Council, Meeting
from generator.pages.machine import fallback_time, link, meeting_updated, tag_authority
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.pages.views import CANCELLED, UNPUBLISHED, justering_text, planned_meetings
from generator.shared import urls
from generator.shared.builddate import source_date_epoch

LOCAL_ZONE = ZoneInfo("Europe/Stockholm")
TIME_RE = re.compile(r"(\d{1,2})[:.](\d{2})(?:\s*(?:-|–|—|till)\s*(\d{1,2})[:.](\d{2}))?")


def meeting_times(meeting: Meeting) -> tuple[dt.datetime, dt.datetime] | None:
    """Start and end in UTC from `time: "09:00-12:00"`; None when the time is absent or unclear."""
    match = TIME_RE.search(meeting.time or "")
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) if g else None for g in match.groups())
    try:
        start = dt.datetime.combine(meeting.date, dt.time(h1, m1), LOCAL_ZONE)
        end = dt.datetime.combine(meeting.date, dt.time(h2, m2), LOCAL_ZONE) if h2 is not None else start + dt.timedelta(hours=1)
    except ValueError:
        return None
    if end <= start:
        end = start + dt.timedelta(hours=1)
    return start.astimezone(dt.timezone.utc), end.astimezone(dt.timezone.utc)


def meeting_event(ctx, council: Council, meeting: Meeting) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{council.id}/{meeting.stem}@{tag_authority(ctx.site)}")
    event.add("dtstamp", meeting_updated(meeting))
    times = meeting_times(meeting)
    if times:
        event.add("dtstart", times[0])
        event.add("dtend", times[1])
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    event.add("summary", meeting.title)
    url = link(ctx, urls.meeting_url(meeting.folder, meeting.stem))
    lines = [f"{TYPE_LABELS[meeting.type]}: {url}", justering_text(meeting, ctx.site)]
    if meeting.time and not times:
        lines.insert(0, f"Tid: {meeting.time}")
    event.add("description", "\n".join(lines))
    if meeting.place:
        event.add("location", meeting.place)
    if url.startswith(("http://", "https://")):
        event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


PLANNED_DESCRIPTION = {
    CANCELLED: "Mötet är inställt.",
    UNPUBLISHED: "Protokollet är ännu inte publicerat.",
}


def coming_event(ctx, council: Council, planned, stamp: dt.datetime) -> icalendar.Event:
    day = planned.date
    event = icalendar.Event()
    event.add("uid", f"{council.id}/{day.isoformat()}@{tag_authority(ctx.site)}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", f"{'Inställt möte' if planned.state == CANCELLED else 'Möte'}: {council.name}")
    note = PLANNED_DESCRIPTION.get(planned.state, "Planerat möte. Tid och plats meddelas i kallelsen.")
    event.add("description", f"{note} Rådets sida: {link(ctx, urls.council_url(council.id))}")
    event.add("status", "CANCELLED" if planned.state == CANCELLED else "TENTATIVE")
    event.add("transp", "TRANSPARENT")
    return event


def council_calendar(ctx, council: Council) -> bytes:
    site = ctx.site
    meetings = ctx.indexes.by_council.get(council.id, [])
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site.config.organisation or site.config.title}//Protokoll//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", council.name)
    cal.add("x-wr-calname", council.name)
    cal.add("x-wr-caldesc", f"Möten i {council.name}: hållna möten med länk till protokollet, och kommande mötesdatum.")
    page_url = link(ctx, urls.council_url(council.id))
    if page_url.startswith(("http://", "https://")):
        cal.add("url", page_url)
    for meeting in meetings:
        cal.add_component(meeting_event(ctx, council, meeting))
    stamp = source_date_epoch() or max((meeting_updated(m) for m in meetings), default=fallback_time())
    for planned in planned_meetings(council, meetings, ctx.today):
        cal.add_component(coming_event(ctx, council, planned, stamp))
    return cal.to_ical()


# --- page family ------------------------------------------------------------------------

def plans(site, sources) -> list[PagePlan]:
    return [plan(urls.council_calendar_url(cid), f"kalendern för {cid}", "calendar", cid) for cid in site.councils]


def render_calendar(page: PagePlan, ctx) -> bytes:
    return council_calendar(ctx, ctx.site.councils[page.key])


KINDS = {"calendar": PageKind(render_calendar, Shows.COUNCIL)}
RENDERERS = renderers(KINDS)
