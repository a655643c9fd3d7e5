"""View models: what the templates see, built from the model by pure functions.

Templates never receive model objects; they get plain dicts and lists with
every text in Swedish and every URL site-relative (templates apply the base
URL with `href`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from generator.content.model import (
    ABSENT, EXCUSED, NOT_VERIFIED, PENDING, PRESENT, TYPE_LABELS, VERIFIED, AttendanceGroup, Council, Meeting, Site,
    SiteConfig,
)
from generator.content.people import normalize_name
from generator.shared import urls

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
STATUS_TEXT = {PRESENT: "Närvarande", ABSENT: "Frånvarande", EXCUSED: "Anmält förhinder"}
TYPE_DEFINITE = {"protokoll": "Protokollet", "minnesanteckningar": "Minnesanteckningarna"}
JUSTERING_WORDS = {VERIFIED: "Justerat", PENDING: "Ej justerat", NOT_VERIFIED: "Justeras inte"}
"""A meeting's justering status, in the same words on every page, in the feeds and in the open data."""
MEMBER, SUBSTITUTE, OTHER = 0, 1, 2
AGENDA_DECISION_BADGE = ' <span class="agenda-beslut">beslut</span>'
LATEST_ON_HOME = 10
LICENCES = {
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.sv",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/deed.sv",
}
DEFAULT_LICENCE = "CC0 1.0"
COMING, CANCELLED, UNPUBLISHED = "coming", "cancelled", "unpublished"
"""States of an announced date (`upcoming:`) that has no minutes."""


def site_copy(config: SiteConfig) -> dict:
    """The site's own words (site.yaml), or defaults derived from it that name no kind of council."""
    org = config.organisation or config.title
    return {
        "intro": config.intro or f"Protokoll och minnesanteckningar från {org}: sökbara, länkbara och läsbara på alla skärmar.",
        "footer": config.footer or f"{org} publicerar protokoll och minnesanteckningar på den här webbplatsen.",
        "description": config.description or f"Protokoll och minnesanteckningar från {org}, med närvaro för varje möte.",
    }


class FirstUse:
    """`abbr(short, full)` in a template: the short name in an `<abbr>` with its expansion the first
    time a page uses it, plain after that. One per rendered page."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, short: str, full: str) -> Markup:
        if short == full or short in self.seen:
            return Markup(escape(short))
        self.seen.add(short)
        return Markup('<abbr title="{}">{}</abbr>').format(full, short)


def date_sv(day: dt.date) -> str:
    """`13 mars 2026`: every date a person reads is written this way (ISO dates go in `<time datetime>`)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def time_html(day: dt.date) -> Markup:
    return Markup(f'<time datetime="{day.isoformat()}">{date_sv(day)}</time>')


def list_sv(items: list[str]) -> str:
    """`a, b och c`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def status_text(status: str, replaces: str | None = None, replaced_by: list[str] | None = None) -> str:
    """The status in words, first: `Frånvarande – ersatt av Sara Brorsson`, `Närvarande – ersätter Maria Engdahl`."""
    if replaces and status == PRESENT:
        return f"{STATUS_TEXT[status]} – ersätter {replaces}"
    if replaced_by and status != PRESENT:
        return f"{STATUS_TEXT[status]} – ersatt av {list_sv(replaced_by)}"
    return STATUS_TEXT[status]


def group_category(label: str) -> int:
    """MEMBER, SUBSTITUTE or OTHER, from a group label as written (Ledamöter, Ersättare, ...)."""
    folded = label.casefold()
    if "ersättare" in folded:
        return SUBSTITUTE
    if "ledamot" in folded or "ledamöter" in folded:
        return MEMBER
    return OTHER


def replaced_by(meeting: Meeting, site: Site) -> dict[str, list[str]]:
    """Person id of each member a substitute served for -> the substitutes' names."""
    by_spelling: dict[str, str] = {}
    for a in meeting.attendees():
        person = site.people[a.person_id]
        for spelling in (a.name, person.name, *person.aliases):
            by_spelling.setdefault(normalize_name(spelling), a.person_id)
    result: dict[str, list[str]] = defaultdict(list)
    for a in meeting.attendees():
        target = by_spelling.get(normalize_name(a.replaces)) if a.replaces and a.status == PRESENT else None
        if target and target != a.person_id and site.people[a.person_id].name not in result[target]:
            result[target].append(site.people[a.person_id].name)
    return dict(result)


@dataclass(frozen=True)
class Indexes:
    """Lookups built once per build so no page scans all meetings."""

    by_council: dict[str, list[Meeting]]
    """Council id -> its meetings, oldest first."""
    position: dict[tuple[str, str], int]
    """(council id, meeting key) -> index in by_council."""
    shared_titles: frozenset[tuple[str, dt.date]] = field(default_factory=frozenset)
    """(title, date) of meetings that share both with another meeting: their page titles say more."""

    @classmethod
    def build(cls, site: Site) -> "Indexes":
        by_council: dict[str, list[Meeting]] = defaultdict(list)
        seen: set[tuple[str, dt.date]] = set()
        shared: set[tuple[str, dt.date]] = set()
        for meeting in reversed(site.meetings):  # site.meetings is newest first
            for council_id in meeting.council_ids:
                by_council[council_id].append(meeting)
            title = (meeting.title, meeting.date)
            (shared if title in seen else seen).add(title)
        position = {(cid, m.key): i for cid, ms in by_council.items() for i, m in enumerate(ms)}
        return cls(dict(by_council), position, frozenset(shared))


def meeting_url(meeting: Meeting) -> str:
    return urls.meeting_url(meeting.folder, meeting.stem)


def page_title(meeting: Meeting, indexes: Indexes) -> str:
    """The meeting page's `<title>`: unique, also for two meetings of one title on one day."""
    title = f"{meeting.title}, {date_sv(meeting.date)}"
    if (meeting.title, meeting.date) in indexes.shared_titles:
        title += f", kl. {meeting.time}" if meeting.time else f" ({meeting.stem})"
    return title


def justering_status(meeting: Meeting) -> dict:
    """The status words and their CSS state, as every list shows them."""
    return {"words": JUSTERING_WORDS[meeting.justering], "state": meeting.justering}


def meeting_summary(meeting: Meeting, site: Site) -> dict:
    return {
        "title": meeting.title,
        "url": meeting_url(meeting),
        "date": meeting.date.isoformat(),
        "date_sv": date_sv(meeting.date),
        "type_label": TYPE_LABELS[meeting.type],
        "councils": [council_link(site, c) for c in meeting.council_ids],
        "joint": meeting.is_joint,
        "justering": justering_status(meeting),
    }


def council_link(site: Site, council_id: str) -> dict:
    council = site.councils[council_id]
    return {"name": council.name, "short_name": council.short_name, "url": urls.council_url(council_id)}


def justering(meeting: Meeting, site: Site) -> dict:
    """Verification status: the page prints `label` in bold, then `text` (HTML: dates are `<time>`)."""
    label = JUSTERING_WORDS[meeting.justering]
    if meeting.justering == NOT_VERIFIED:
        if any(site.councils[c].justering for c in meeting.council_ids):
            text = Markup("Inga justerare har angetts.")
        else:
            names = list_sv([site.councils[c].short_name for c in meeting.council_ids])
            text = Markup(escape(f"{names} justerar inte sina {meeting.type}."))
    elif meeting.justering == VERIFIED:
        dates = sorted({j.date for j in meeting.justerare})
        if len(dates) == 1:
            text = Markup("{} av {}.").format(time_html(dates[0]), list_sv([j.name for j in meeting.justerare]))
        else:
            parts = [Markup("{} {}").format(j.name, time_html(j.date)) for j in meeting.justerare]
            text = Markup("av ") + Markup(list_sv([str(p) for p in parts])) + "."
    else:
        waiting = [j.name for j in meeting.justerare if not j.date]
        text = Markup(escape(f"{TYPE_DEFINITE[meeting.type]} väntar på justering av {list_sv(waiting)}."))
    return {"state": meeting.justering, "label": label, "text": text}


def justering_text(meeting: Meeting, site: Site) -> str:
    """The justering line as plain text, as the meeting page says it (feeds, calendars)."""
    status = justering(meeting, site)
    return f"{status['label']}{'' if status['state'] == VERIFIED else '.'} {status['text'].striptags()}"


def attendance_row(a, name: str, href, columns: tuple[bool, bool], replaced: list[str] | None) -> Markup:
    """One attendance table row, status first, prebuilt as HTML (~300,000 rows at 10,000 meetings:
    as Jinja template code they were a fifth of a meeting page's time). `columns` says whether the
    group shows the Organisation and Roll columns."""
    written = f' <span class="written">(skrivet {escape(a.name)})</span>' if a.name != name else ""
    with_org, with_role = columns
    return Markup(
        f'<tr class="status-{escape(a.status)}"><td class="status">{escape(status_text(a.status, a.replaces, replaced))}</td>'
        f'<th scope="row"><a href="{escape(href(urls.person_url(a.person_id)))}">{escape(name)}</a>{written}</th>'
        + (f'<td>{escape(a.org or "")}</td>' if with_org else "")
        + (f'<td>{escape(a.role or "")}</td>' if with_role else "")
        + "</tr>"
    )


def agenda_html(agenda) -> Markup:
    """The agenda's items (`<li>` each), prebuilt as HTML: a dozen template calls each otherwise. With
    numbered paragraphs (§), as the decisions' numbering style says (decision_views.meeting_decisions)."""
    paragraphs = bool(agenda) and agenda[0].paragraph
    items = []
    for item in agenda:
        number = escape(item.number)
        label = f"§ {number} {escape(item.title)}" if paragraphs else escape(item.title)
        badge = AGENDA_DECISION_BADGE if item.decision is not None else ""
        items.append(f'<li value="{number}"><a href="#{escape(item.anchor)}">{label}</a>{badge}</li>\n')
    return Markup("".join(items))


def justerare_item(j, site: Site, href) -> str:
    """One justerare in the meeting page's list, prebuilt as HTML like the attendance rows."""
    done = f'justerade {time_html(j.date)}' if j.date else "har inte justerat ännu"
    return f'<li><a href="{escape(href(urls.person_url(j.person_id)))}">{escape(site.people[j.person_id].name)}</a>: {done}</li>'


def vacancy_row(seat, columns: tuple[bool, bool]) -> Markup:
    """A vacant seat: no person, no link, not counted."""
    with_org, with_role = columns
    return Markup('<tr class="vacant"><td class="status">Vakant plats</td><th scope="row">Vakant</th>'
                  + (f"<td>{escape(seat.org)}</td>" if with_org else "") + ("<td></td>" if with_role else "") + "</tr>")


def attendance_group(group: AttendanceGroup, site: Site, substitutes: dict[str, list[str]], href) -> dict:
    columns = (any(a.org for a in group.attendees) or bool(group.vacancies), any(a.role for a in group.attendees))
    present = sum(1 for a in group.attendees if a.status == PRESENT)
    rows = [attendance_row(a, site.people[a.person_id].name, href, columns, substitutes.get(a.person_id))
            for a in group.attendees]
    for seat in reversed(group.vacancies):  # each after the attendees written before it
        rows.insert(seat.position, vacancy_row(seat, columns))
    return {
        "label": group.label,
        "with_org": columns[0],
        "with_role": columns[1],
        "rows_html": Markup("".join(f"      {row}\n" for row in rows)),  # inserted once, not looped over
        "present": present,
        "absent": len(group.attendees) - present,
    }


def attendance_summary(meeting: Meeting) -> str:
    """`6 av 14 ledamöter närvarande, 2 tjänstgörande ersättare` (each person counted once)."""
    members: dict[str, bool] = {}
    everyone: dict[str, bool] = {}
    substitutes = set()
    for group in meeting.groups:
        is_members = group_category(group.label) == MEMBER
        for a in group.attendees:
            present = a.status == PRESENT
            everyone[a.person_id] = everyone.get(a.person_id, False) or present
            if is_members:
                members[a.person_id] = members.get(a.person_id, False) or present
            if a.replaces and present:
                substitutes.add(a.person_id)
    counted, noun = (members, "ledamöter") if members else (everyone, "deltagare")
    text = f"{sum(counted.values())} av {len(counted)} {noun} närvarande"
    if substitutes:
        text += f", {len(substitutes)} tjänstgörande ersättare"
    return text


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
    substitutes = replaced_by(meeting, site)
    return {
        "title": meeting.title,
        "page_title": page_title(meeting, indexes),
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
        "justering": justering(meeting, site),
        "justerare": Markup("".join(justerare_item(j, site, href) for j in meeting.justerare)),
        "agenda": agenda_html(agenda),
        "body_html": body_html,
        "attendance_summary": attendance_summary(meeting) if meeting.groups else "",
        "groups": [attendance_group(group, site, substitutes, href) for group in meeting.groups],
        "neighbours": neighbours,
        "attachments": [{"name": name, "url": urls.attachment_url(meeting.folder, meeting.stem, name)}
                        for name in meeting.attachments],
        "url": meeting_url(meeting),
    }


@dataclass(frozen=True)
class Planned:
    """An announced date without minutes, and what a visitor is told about it."""

    date: dt.date
    state: str
    """COMING (today or later), CANCELLED (`inställt: true`), or UNPUBLISHED (past, no minutes yet)."""


PLANNED_TEXT = {COMING: "", CANCELLED: "Inställt", UNPUBLISHED: "Protokoll ännu inte publicerat"}


def planned_meetings(council: Council, meetings: list[Meeting], today: dt.date) -> list[Planned]:
    """The council's announced dates that have no minutes, compared with the build's date."""
    held = {m.date for m in meetings}
    result = []
    for planned in council.upcoming:
        if planned.date in held:
            continue
        state = CANCELLED if planned.cancelled else COMING if planned.date >= today else UNPUBLISHED
        result.append(Planned(planned.date, state))
    return result


def coming_dates(council: Council, meetings: list[Meeting], today: dt.date) -> list[dt.date]:
    """Dates of the meetings still to come (not cancelled): the council page's "Kommande möten"."""
    return [p.date for p in planned_meetings(council, meetings, today) if p.state == COMING]


def planned_view(planned: Planned) -> dict:
    return {"url": "", "date": planned.date.isoformat(), "date_sv": date_sv(planned.date), "state": planned.state,
            "text": PLANNED_TEXT[planned.state]}


def council_page(council_id: str, site: Site, indexes: Indexes, today: dt.date) -> dict:
    council = site.councils[council_id]
    meetings = indexes.by_council.get(council_id, [])
    planned = planned_meetings(council, meetings, today)
    years: dict[int, list[dict]] = defaultdict(list)
    entries = [(m.date, 1, meeting_summary(m, site)) for m in meetings]
    entries += [(p.date, 0, planned_view(p)) for p in planned if p.date < today]
    for day, _, entry in sorted(entries, key=lambda e: (e[0], e[1]), reverse=True):
        years[day.year].append(entry)
    return {
        "id": council.id,
        "name": council.name,
        "short_name": council.short_name,
        "description": council.description,
        "type_label": TYPE_LABELS[council.type],
        "count": len(meetings),
        "years": [{"year": y, "meetings": ms} for y, ms in sorted(years.items(), reverse=True)],
        "upcoming": [planned_view(p) for p in planned if p.date >= today],
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
            "latest": meetings[-1].date.isoformat() if meetings else "",
            "latest_sv": date_sv(meetings[-1].date) if meetings else "",
        })
    return {
        "latest": [meeting_summary(m, site) for m in site.meetings[:LATEST_ON_HOME]],
        "councils": councils,
    }
