"""View models for the legal life of minutes: the meeting page's anslag block and its rättelser.

Everything that depends on "today" is computed against the build's date
(builddate.py). The texts are Swedish; the besvärshänvisning is the default below
unless site.yaml replaces it.
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import escape

from generator.shared import urls
from generator.content.legal import CLOSED, PENDING, UNDER_APPEAL, AppealStatus, appeal_status
from generator.content.model import Meeting, Site
from generator.pages.views import date_sv

DEFAULT_BESVARSHANVISNING = (
    "Den som är medlem i kommunen eller regionen får överklaga beslut i protokollet genom "
    "laglighetsprövning enligt 13 kap. kommunallagen (2017:725). Beslut av rent förberedande "
    "eller rent verkställande art kan inte överklagas.",
    "Överklagandet ska vara skriftligt. Ange vilket beslut du överklagar (vilket organ som fattade det, "
    "mötets datum och paragrafen eller punkten) och varför du anser att beslutet ska upphävas. "
    "Skicka överklagandet till förvaltningsrätten.",
    "Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den dag då det tillkännagavs "
    "på anslagstavlan att protokollet justerats (13 kap. 5 § kommunallagen). Sista dagen står ovan; den är "
    "beräknad enligt lagen (1930:173) om beräkning av lagstadgad tid.",
    "Beslutet kan upphävas bara om det inte har kommit till på lagligt sätt, om det handlar om något som inte "
    "är en angelägenhet för kommunen eller regionen, om organet som fattade beslutet har överskridit sina "
    "befogenheter, eller om beslutet strider mot lag eller annan författning (13 kap. 8 §). Förvaltningsrätten "
    "kan inte sätta ett annat beslut i stället för det som upphävs.",
)
ITEM_HEADING_RE = re.compile(r'<h2 id="(p\d+)">.*?</h2>', re.DOTALL)


def day(value: dt.date) -> dict:
    return {"date": value.isoformat(), "date_sv": date_sv(value)}


def besvarshanvisning(site: Site) -> tuple[str, ...]:
    return site.config.besvarshanvisning or DEFAULT_BESVARSHANVISNING


def not_official_text(site: Site) -> str:
    """What a site that is not the official anslagstavla says (as SKR advises); empty for the official one."""
    if site.config.officiell_anslagstavla:
        return ""
    organisation = site.config.organisation or site.config.title
    return (f"Den här webbplatsen är inte den officiella anslagstavlan för {organisation}. Det är tillkännagivandet "
            "på den officiella anslagstavlan som gäller när tiden för överklagande räknas.")


def status_text(status: AppealStatus) -> str:
    last_day = date_sv(status.last_day)
    if status.state == PENDING:
        return (f"Justeringen anslås på anslagstavlan den {date_sv(status.start)}. Därefter kan besluten "
                f"överklagas till och med den {last_day}.")
    if status.state == UNDER_APPEAL:
        return f"Protokollet är under överklagandetid: besluten kan överklagas till och med den {last_day}."
    return (f"Tiden för överklagande gick ut den {last_day}. Beslut som inte har överklagats vann laga kraft "
            f"den {date_sv(status.legal_force)}.")


def storage_rows(status: AppealStatus, site: Site) -> list[dict]:
    """Where the minutes are kept: once when every council keeps them in one place, else per council."""
    places = {place for _, place in status.storage}
    if len(places) == 1:
        return [{"council": "", "place": places.pop()}]
    return [{"council": site.councils[c].short_name, "place": place} for c, place in status.storage]


def storage_text(status: AppealStatus, site: Site) -> str:
    return "; ".join(f"{row['place']} ({row['council']})" if row["council"] else row["place"]
                     for row in storage_rows(status, site))


def anslag_block(meeting: Meeting, site: Site, today: dt.date) -> dict | None:
    """The meeting page's anslag block; None when the justering has not been announced."""
    status = appeal_status(meeting, site, today)
    if status is None:
        return None
    same_day = len({d for _, d in status.announced}) == 1
    announced = [{"council": "" if same_day else site.councils[c].short_name, **day(d)}
                 for c, d in (status.announced[:1] if same_day else status.announced)]
    return {
        "state": status.state,
        "justerat": day(status.justerat),
        "announced": announced,
        "storage": storage_rows(status, site),
        "last_day": day(status.last_day),
        "status_text": status_text(status),
        "besvarshanvisning": besvarshanvisning(site) if status.state != CLOSED else (),
        "not_official": not_official_text(site),
        "board_url": urls.ANSLAG,
    }


def rattelser(meeting: Meeting) -> list[dict]:
    return [{**day(r.date), "item": r.item or "", "anchor": f"p{r.item}" if r.item else "", "text": r.text}
            for r in meeting.rattelser]


def with_item_notes(body_html: str, meeting: Meeting) -> str:
    """The body with each rättelse that concerns an item shown right below the item's heading."""
    notes: dict[str, list[str]] = {}
    for r in meeting.rattelser:
        if r.item:
            notes.setdefault(f"p{r.item}", []).append(
                f'<p class="rattelse-note"><strong>Rättelse <time datetime="{r.date.isoformat()}">'
                f"{escape(date_sv(r.date))}</time>:</strong> {escape(r.text)}</p>")
    if not notes:
        return body_html

    def add(match: re.Match) -> str:
        return match.group(0) + "".join(notes.get(match.group(1), ()))

    return ITEM_HEADING_RE.sub(add, body_html)


def meeting_extra(meeting: Meeting, site: Site, today: dt.date) -> dict:
    """Keys the meeting page adds to views.meeting_page."""
    return {"anslag": anslag_block(meeting, site, today), "rattelser": rattelser(meeting)}


def board_link(site: Site, council_ids=None) -> dict:
    """`anslag_url` for the home page (any council announces) and a council page (that council does)."""
    ids = site.councils if council_ids is None else council_ids
    return {"anslag_url": urls.ANSLAG if any(site.councils[c].anslag for c in ids) else None}


def rattelser_summary(meeting: Meeting) -> str:
    """The rättelser as one sentence each, for a feed entry."""
    return " ".join(f"Rättelse {date_sv(r.date)}{f' (punkt {r.item})' if r.item else ''}: {r.text.rstrip('.')}."
                    for r in meeting.rattelser)

