"""View models: what the templates see, built from the model by pure functions.

Templates never receive model objects; they get plain dicts and lists with
every text in Swedish and every URL site-relative (templates apply the base
URL with `href`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import urls
from .model import ABSENT, EXCUSED, PRESENT, Meeting, Site

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
STATUS_TEXT = {PRESENT: "Närvarande", ABSENT: "Frånvarande", EXCUSED: "Anmält förhinder"}
TYPE_LABELS = {"protokoll": "Protokoll", "minnesanteckningar": "Minnesanteckningar"}
LATEST_ON_HOME = 10


def date_sv(day: dt.date) -> str:
    """`13 mars 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def list_sv(items: list[str]) -> str:
    """`a, b och c`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def status_text(status: str, replaces: str | None) -> str:
    if replaces and status == PRESENT:
        return f"Ersättare för {replaces}"
    return STATUS_TEXT[status]


@dataclass(frozen=True)
class Indexes:
    """Lookups built once per build so no page scans all meetings."""

    by_council: dict[str, list[Meeting]]
    """Council id -> its meetings, oldest first."""
    position: dict[tuple[str, str], int]
    """(council id, meeting key) -> index in by_council."""

    @classmethod
    def build(cls, site: Site) -> "Indexes":
        by_council: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in reversed(site.meetings):  # site.meetings is newest first
            for council_id in meeting.council_ids:
                by_council[council_id].append(meeting)
        position = {(cid, m.key): i for cid, ms in by_council.items() for i, m in enumerate(ms)}
        return cls(dict(by_council), position)


def meeting_url(meeting: Meeting) -> str:
    return urls.meeting_url(meeting.folder, meeting.stem)


def meeting_summary(meeting: Meeting, site: Site) -> dict:
    return {
        "title": meeting.title,
        "url": meeting_url(meeting),
        "date": meeting.date.isoformat(),
        "date_sv": date_sv(meeting.date),
        "type_label": TYPE_LABELS[meeting.type],
        "councils": [site.councils[c].short_name for c in meeting.council_ids],
        "joint": meeting.is_joint,
        "justerat": meeting.justerat,
    }


def council_link(site: Site, council_id: str) -> dict:
    council = site.councils[council_id]
    return {"name": council.name, "short_name": council.short_name, "url": urls.council_url(council_id)}


def justering(meeting: Meeting) -> dict:
    """Verification status: the page prints `label` in bold, then `text`."""
    if not meeting.justerare:
        return {"verified": None, "label": "Ingen justering.", "text": "Inga justerare har angetts för de här anteckningarna."}
    if meeting.justerat:
        dates = sorted({j.date for j in meeting.justerare})
        if len(dates) == 1:
            text = f"{dates[0].isoformat()} av {list_sv([j.name for j in meeting.justerare])}."
        else:
            text = "av " + list_sv([f"{j.name} {j.date.isoformat()}" for j in meeting.justerare]) + "."
        return {"verified": True, "label": "Justerat", "text": text}
    waiting = [j.name for j in meeting.justerare if not j.date]
    return {"verified": False, "label": "Ej justerat.", "text": f"Protokollet väntar på justering av {list_sv(waiting)}."}


def attendance_row(a, name: str, href) -> Markup:
    """One attendance table row, prebuilt as meeting.html's loop wrote it (~300,000 rows at
    10,000 meetings: as Jinja template code they were a fifth of a meeting page's time)."""
    written = f' <span class="written">(skrivet {escape(a.name)})</span>' if a.name != name else ""
    return Markup(
        f'<tr class="status-{escape(a.status)}"><th scope="row"><a href="{escape(href(urls.person_url(a.person_id)))}">'
        f"{escape(name)}</a>{written}</th><td>{escape(a.org or '')}</td><td>{escape(a.role or '')}</td>"
        f"<td>{escape(status_text(a.status, a.replaces))}</td></tr>"
    )


def meeting_page(meeting: Meeting, site: Site, indexes: Indexes, agenda, body_html: str, href) -> dict:
    neighbours = []
    for council_id in meeting.council_ids:
        siblings = indexes.by_council[council_id]
        i = indexes.position[(council_id, meeting.key)]
        prev = siblings[i - 1] if i > 0 else None
        nxt = siblings[i + 1] if i + 1 < len(siblings) else None
        neighbours.append({
            "council": council_link(site, council_id),
            "prev": {"url": meeting_url(prev), "date_sv": date_sv(prev.date)} if prev else None,
            "next": {"url": meeting_url(nxt), "date_sv": date_sv(nxt.date)} if nxt else None,
        })
    groups = []
    for group in meeting.groups:
        rows = [attendance_row(a, site.people[a.person_id].name, href) for a in group.attendees]
        groups.append({
            "label": group.label,
            "rows": rows,
            "present": sum(1 for a in group.attendees if a.status == PRESENT),
            "absent": sum(1 for a in group.attendees if a.status != PRESENT),
        })
    return {
        "title": meeting.title,
        "date": meeting.date.isoformat(),
        "date_sv": date_sv(meeting.date),
        "weekday": WEEKDAYS[meeting.date.weekday()],
        "year": meeting.date.year,
        "type": meeting.type,
        "type_label": TYPE_LABELS[meeting.type],
        "time": meeting.time or "",
        "place": meeting.place or "",
        "councils": [council_link(site, c) for c in meeting.council_ids],
        "joint": meeting.is_joint,
        "justering": justering(meeting),
        "justerare": [{
            "name": site.people[j.person_id].name, "url": urls.person_url(j.person_id),
            "date": j.date.isoformat() if j.date else "",
        } for j in meeting.justerare],
        "agenda": [{"number": item.number, "title": item.title, "anchor": item.anchor, "decision": item.decision is not None}
                   for item in agenda],
        "body_html": body_html,
        "groups": groups,
        "neighbours": neighbours,
        "attachments": [{"name": name, "url": urls.attachment_url(meeting.folder, meeting.stem, name)}
                        for name in meeting.attachments],
        "url": meeting_url(meeting),
    }


def council_page(council_id: str, site: Site, indexes: Indexes) -> dict:
    council = site.councils[council_id]
    meetings = indexes.by_council.get(council_id, [])
    years: dict[int, list[dict]] = defaultdict(list)
    for meeting in reversed(meetings):
        years[meeting.date.year].append(meeting_summary(meeting, site))
    last = meetings[-1].date if meetings else None
    upcoming = [d for d in council.upcoming if last is None or d > last]
    return {
        "id": council.id,
        "name": council.name,
        "short_name": council.short_name,
        "description": council.description,
        "type_label": TYPE_LABELS[council.type],
        "count": len(meetings),
        "years": [{"year": y, "meetings": ms} for y, ms in sorted(years.items(), reverse=True)],
        "upcoming": [{"date": d.isoformat(), "date_sv": date_sv(d)} for d in upcoming],
        "url": urls.council_url(council.id),
        "attendance_url": urls.council_attendance_url(council.id),
    }


def home_page(site: Site, indexes: Indexes) -> dict:
    councils = []
    for council in site.councils.values():
        meetings = indexes.by_council.get(council.id, [])
        councils.append({
            **council_link(site, council.id),
            "description": council.description,
            "count": len(meetings),
            "latest_sv": date_sv(meetings[-1].date) if meetings else "",
        })
    return {
        "latest": [meeting_summary(m, site) for m in site.meetings[:LATEST_ON_HOME]],
        "councils": councils,
    }
