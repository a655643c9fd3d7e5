"""Page family: open data under /data/, Popolo-flavoured JSON and CSV.

- `councils.json`: `organizations` (the councils)
- `people.json`: `persons`, and `memberships` from the councils' rosters
- `meetings.json`: `events` with attendees, their status and counts
- `beslut.json`: `decisions`, each item's decision with its reservations, protokollsanteckningar
  and jäv (written by decision_data.py, which also writes `beslut.csv`)
- `<council-id>/narvaro.csv`: one row per attendee listing (UTF-8 with BOM for Excel)
- `schema.json`: the JSON Schema (draft 2020-12) all the JSON files follow

Announcements, appeal periods and rättelser (legal.py) appear only where the content has them:
an event's `anslag` and `rattelser`, an organization's `anslag` and `forvaringsplats`, so a site
that uses none of it publishes the same files as before.

The figures come from the same model as the HTML pages: the same meetings,
and the same counts as each meeting page's attendance table. The field
descriptions in SCHEMA are also what the /data/ page shows.
"""

from __future__ import annotations

import csv
import io

from generator.content.legal import CLOSED, PENDING, UNDER_APPEAL, appeal_status
from generator.content.decision_markup import decision_anchor
from generator.content.model import ABSENT, EXCUSED, JAV, MEETING_TYPES, PRESENT, PROTOKOLLSANTECKNING, RESERVATION, STATUSES, Meeting
from generator.pages.decision_views import decision_id, plain_text
from generator.pages.machine import link, to_json
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.pages.views import JUSTERING_WORDS, coming_dates, status_text
from generator.shared import urls

JSON_FILES = ("councils.json", "people.json", "meetings.json")
SCHEMA_FILE = "schema.json"
CSV_FILE = "narvaro.csv"
CSV_COLUMNS = {
    "datum": "Mötets datum, ÅÅÅÅ-MM-DD.",
    "mote_id": "Mötets id (samma som `id` i meetings.json).",
    "rubrik": "Mötets rubrik.",
    "typ": "protokoll eller minnesanteckningar.",
    "grupp": "Grupprubriken i närvarolistan (Ledamöter, Ersättare …).",
    "person_id": "Personens id (samma som i people.json).",
    "namn": "Personens namn som det visas på webbplatsen.",
    "namn_i_protokollet": "Namnet så som det är skrivet i protokollet.",
    "organisation": "Organisationen personen företrädde vid mötet.",
    "roll": "Roll vid mötet, t.ex. ordförande eller sekreterare.",
    "status": "present, absent eller excused.",
    "status_text": "Status i ord (Närvarande, Frånvarande, Anmält förhinder, Närvarande – ersätter …).",
    "ersatter": "Ledamoten som ersättaren tjänstgjorde för.",
}


def _str(description: str, nullable: bool = False, **extra) -> dict:
    return {"type": ["string", "null"] if nullable else "string", "description": description, **extra}


def _obj(description: str, properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "description": description, "properties": properties,
            "required": required if required is not None else list(properties), "additionalProperties": False}


DATE = {"pattern": r"^\d{4}-\d{2}-\d{2}$"}
LINKS = {"type": "array", "description": "Länkar: webbsida, flöde, kalender, CSV.",
         "items": _obj("En länk.", {"url": _str("Adressen."), "note": _str("Vad länken går till.")})}
COUNT = {"type": "integer", "minimum": 0}
STATEMENT_KEYS = {RESERVATION: "reservations", PROTOKOLLSANTECKNING: "protokollsanteckningar", JAV: "jav"}
"""Kind of decision line -> its key in beslut.json and people.json."""
STATEMENTS = {
    "reservations": "Reservationer mot besluten.",
    "protokollsanteckningar": "Protokollsanteckningar.",
    "jav": "Jäv: personen var med på mötet men deltog inte i ärendet.",
}
PERSON_STATEMENT = _obj("En rad i ett protokoll som nämner personen.", {
    "decision_id": _str("Beslutets id i beslut.json, eller null om ärendet inte har något beslut.", nullable=True),
    "event_id": _str("Mötets id."),
    "item": _str("Ärendets ankare på mötessidan, t.ex. p5."),
    "text": _str("Fri text efter tankstrecket; tom när raden bara har namn."),
    "url": _str("Ärendet (eller beslutet) på mötessidan."),
})
DECISION_PERSON = _obj("En person på en rad i beslutet.", {
    "person_id": _str("Personens id (samma som i people.json)."),
    "name": _str("Namnet som det är skrivet i protokollet."),
    "text": _str("Fri text efter tankstrecket; tom när raden bara har namn."),
})

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Öppna data: protokoll och närvaro",
    "description": "Gemensamt schema för councils.json, people.json, meetings.json och beslut.json (Popolo-inspirerat).",
    "type": "object",
    "properties": {
        "organizations": {"type": "array", "description": "Råden (councils.json).", "items": {"$ref": "#/$defs/organization"}},
        "persons": {"type": "array", "description": "Personerna (people.json).", "items": {"$ref": "#/$defs/person"}},
        "memberships": {"type": "array", "description": "Uppdrag enligt rådens ledamotslistor (people.json).",
                        "items": {"$ref": "#/$defs/membership"}},
        "events": {"type": "array", "description": "Mötena (meetings.json), nyaste först.", "items": {"$ref": "#/$defs/event"}},
        "decisions": {"type": "array", "description": "Besluten (beslut.json), nyaste först.", "items": {"$ref": "#/$defs/decision"}},
    },
    "additionalProperties": False,
    "minProperties": 1,
    "$defs": {
        "organization": _obj("Ett råd eller en chefsgrupp.", {
            "id": _str("Rådets id; också dess adress på webbplatsen."),
            "name": _str("Fullständigt namn."),
            "short_name": _str("Kort namn."),
            "classification": _str("Alltid council.", const="council"),
            "description": _str("Beskrivning av rådet."),
            "minutes_type": _str("Standardtyp för rådets möten.", enum=list(MEETING_TYPES)),
            "meeting_count": {**COUNT, "description": "Antal möten i meetings.json som rådet deltog i."},
            "upcoming_meetings": {"type": "array", "description": "Kommande mötesdatum, ÅÅÅÅ-MM-DD.",
                                  "items": _str("Datum.", **DATE)},
            "links": LINKS,
            "anslag": {"type": "boolean", "description": "Finns bara för en nämnd vars justerade protokoll anslås "
                                                         "på anslagstavlan; då alltid sant."},
            "forvaringsplats": _str("Var rådets justerade protokoll förvaras (bara när anslag finns)."),
        }, required=["id", "name", "short_name", "classification", "description", "minutes_type", "meeting_count",
                     "upcoming_meetings", "links"]),
        "person": _obj("En person som förekommer i protokollen.", {
            "id": _str("Personens id; också adressen till personsidan."),
            "name": _str("Namnet som visas på webbplatsen."),
            "other_names": {"type": "array", "description": "Andra stavningar i protokollen och i personregistret.",
                            "items": _obj("Ett namn.", {"name": _str("Namnet.")})},
            "links": LINKS,
            **{key: {"type": "array", "description": f"{text} Nyaste först.", "items": PERSON_STATEMENT}
               for key, text in STATEMENTS.items()},
        }),
        "membership": _obj("Ett uppdrag i ett råd enligt councils.yaml.", {
            "person_id": _str("Personens id, eller null om personen inte förekommer i något protokoll.", nullable=True),
            "name": _str("Namnet som det står i ledamotslistan."),
            "organization_id": _str("Rådets id."),
            "label": _str("Grupp i ledamotslistan (Ledamöter, Ersättare …)."),
            "role": _str("Roll i rådet, t.ex. ordförande.", nullable=True),
            "on_behalf_of": {"description": "Organisationen personen företräder.",
                             "oneOf": [{"type": "null"}, _obj("Organisation.", {"name": _str("Namn.")})]},
            "start_date": _str("Första dag i uppdraget.", nullable=True, **DATE),
            "end_date": _str("Sista dag i uppdraget.", nullable=True, **DATE),
        }),
        "event": _obj("Ett möte.", {
            "id": _str("Mötets id: rådsmapp/filnamn."),
            "name": _str("Rubrik."),
            "classification": _str("protokoll eller minnesanteckningar.", enum=list(MEETING_TYPES)),
            "start_date": _str("Mötets datum.", **DATE),
            "time": _str("Tid som den är skriven, t.ex. 09:00-12:00.", nullable=True),
            "location": _str("Plats.", nullable=True),
            "organization_ids": {"type": "array", "minItems": 1, "description": "Råden mötet hör till; flera vid gemensamt möte.",
                                 "items": {"type": "string"}},
            "justerat": {"type": "boolean", "description": "Sant när alla justerare har justerat."},
            "justering": {"type": "string", "enum": list(JUSTERING_WORDS.values()),
                          "description": "Justeringen i ord, som på webbplatsen: Justerat, Ej justerat eller Justeras inte (inga justerare)."},
            "justerare": {"type": "array", "description": "Justerare, med datum när de har justerat.", "items": _obj("En justerare.", {
                "person_id": _str("Personens id."), "name": _str("Namnet som det är skrivet."),
                "date": _str("Datum för justering, eller null.", nullable=True, **DATE)})},
            "agenda": {"type": "array", "description": "Ärendena i ordning.", "items": _obj("Ett ärende.", {
                "number": _str("Ärendets nummer."), "title": _str("Rubrik."), "anchor": _str("Ankare på mötessidan, t.ex. p5.")})},
            "attendees": {"type": "array", "description": "Närvarolistan i skriven ordning.", "items": _obj("En deltagare.", {
                "person_id": _str("Personens id."),
                "name": _str("Namnet som det är skrivet i protokollet."),
                "group": _str("Grupprubrik i närvarolistan."),
                "organization": _str("Organisation vid mötet.", nullable=True),
                "role": _str("Roll vid mötet.", nullable=True),
                "status": _str("present, absent eller excused (anmält förhinder).", enum=list(STATUSES)),
                "replaces": _str("Ledamoten som ersättaren tjänstgjorde för.", nullable=True)})},
            "counts": _obj("Antal i närvarolistan, som på mötessidan.", {
                "listed": {**COUNT, "description": "Antal rader i närvarolistan."},
                "present": {**COUNT, "description": "Närvarande."},
                "absent": {**COUNT, "description": "Frånvarande."},
                "excused": {**COUNT, "description": "Anmält förhinder."}}),
            "url": _str("Mötessidan."),
            "attachments": {"type": "array", "description": "Bilagor.", "items": _obj("En bilaga.", {
                "name": _str("Filnamn."), "url": _str("Adress.")})},
            "anslag": _obj("Anslag och överklagande; finns bara när justeringen har anslagits.", {
                "justerat": _str("Dagen då protokollet blev justerat.", **DATE),
                "anslagen": {"type": "array", "description": "Dagen då justeringen anslogs, per råd som anslår.",
                             "items": _obj("Ett anslag.", {"organization_id": _str("Rådets id."),
                                                           "date": _str("Dagen då justeringen anslogs.", **DATE)})},
                "forvaringsplats": {"type": "array", "description": "Var protokollet förvaras, per råd.",
                                    "items": _obj("En förvaringsplats.", {"organization_id": _str("Rådets id."),
                                                                         "place": _str("Förvaringsplatsen.")})},
                "sista_dag_att_overklaga": _str("Sista dag att överklaga: tre veckor efter det sista anslaget, "
                                                "flyttad till nästa vardag enligt lagen (1930:173).", **DATE),
                "laga_kraft": _str("Dagen då beslut som inte har överklagats vann (eller vinner) laga kraft: "
                                   "dagen efter sista dag att överklaga.", **DATE),
                "status": _str("Läget den dag webbplatsen byggdes: anslas (anslaget har inte skett än), "
                               "overklagandetid (går att överklaga) eller laga_kraft (tiden har gått ut).",
                               enum=["anslas", "overklagandetid", "laga_kraft"]),
            }),
            "rattelser": {"type": "array", "description": "Rättelser efter justering, i skriven ordning; finns bara "
                                                          "när protokollet har rättats.",
                          "items": _obj("En rättelse.", {
                              "date": _str("Dagen då rättelsen gjordes.", **DATE),
                              "item": _str("Numret på ärendet som rättelsen gäller, eller null.", nullable=True),
                              "anchor": _str("Ärendets ankare på mötessidan, t.ex. p23, eller null.", nullable=True),
                              "text": _str("Vad som rättades.")})},
        }, required=["id", "name", "classification", "start_date", "time", "location", "organization_ids",
                     "justerat", "justerare", "agenda", "attendees", "counts", "url", "attachments"]),
        "decision": _obj("Ett beslut: ett ärendes `Beslut:` i ett protokoll.", {
            "id": _str("Beslutets id: mötets id och ärendets ankare, t.ex. rad/2026-03-13/p5."),
            "event_id": _str("Mötets id (samma som i meetings.json)."),
            "organization_ids": {"type": "array", "minItems": 1, "description": "Råden mötet hör till.",
                                 "items": {"type": "string"}},
            "date": _str("Mötets datum.", **DATE),
            "item": _obj("Ärendet.", {
                "number": _str("Ärendets nummer."),
                "paragraph": {"type": "boolean", "description": "Sant när ärendet är en paragraf (§ 5), falskt för en punkt (5.)."},
                "title": _str("Rubrik."),
                "anchor": _str("Ankare på mötessidan, t.ex. p5.")}),
            "text": _str("Beslutet som text."),
            **{key: {"type": "array", "description": text, "items": DECISION_PERSON} for key, text in STATEMENTS.items()},
            "url": _str("Beslutet på mötessidan (#p5-beslut)."),
        }),
    },
}


def councils_data(ctx) -> dict:
    site, by_council = ctx.site, ctx.indexes.by_council
    result = []
    for council in site.councils.values():
        meetings = by_council.get(council.id, [])
        result.append({
            "id": council.id, "name": council.name, "short_name": council.short_name, "classification": "council",
            "description": council.description, "minutes_type": council.type, "meeting_count": len(meetings),
            "upcoming_meetings": [d.isoformat() for d in coming_dates(council, meetings, ctx.today)],
            "links": [
                {"url": link(ctx, urls.council_url(council.id)), "note": "Rådets sida"},
                {"url": link(ctx, urls.council_feed_url(council.id)), "note": "Nyhetsflöde (Atom)"},
                {"url": link(ctx, urls.council_calendar_url(council.id)), "note": "Kalender (iCalendar)"},
                {"url": link(ctx, urls.council_data_url(council.id, CSV_FILE)), "note": "Närvaro (CSV)"},
                *([{"url": link(ctx, urls.ANSLAG), "note": "Anslagstavla"}] if council.anslag else []),
            ],
            **({"anslag": True, "forvaringsplats": council.forvaringsplats} if council.anslag else {}),
        })
    return {"organizations": result}


def people_data(ctx) -> dict:
    site = ctx.site
    spellings: dict[str, list[str]] = {}
    for meeting in reversed(site.meetings):
        for a in meeting.attendees():
            spellings.setdefault(a.person_id, [])
            if a.name not in spellings[a.person_id]:
                spellings[a.person_id].append(a.name)
    persons = []
    for person_id in sorted(site.people):
        person = site.people[person_id]
        others = [n for n in (*person.aliases, *spellings.get(person_id, [])) if n != person.name]
        persons.append({
            "id": person.id, "name": person.name,
            "other_names": [{"name": n} for n in dict.fromkeys(others)],
            "links": [{"url": link(ctx, urls.person_url(person.id)), "note": "Personsida"}],
            **person_statements(ctx, person_id),
        })
    memberships, roster = [], ctx.people_index.roster  # the same resolution as the attendance pages
    for council in site.councils.values():
        for label, members in council.roster:
            for member in members:
                memberships.append({
                    "person_id": roster.get((council.id, member.name)), "name": member.name,
                    "organization_id": council.id, "label": label, "role": member.role,
                    "on_behalf_of": {"name": member.org} if member.org else None,
                    "start_date": member.start.isoformat() if member.start else None,
                    "end_date": member.end.isoformat() if member.end else None,
                })
    return {"persons": persons, "memberships": memberships}


def person_statements(ctx, person_id: str) -> dict:
    """The reservations, protokollsanteckningar and jäv that name the person, by kind, newest first."""
    result: dict[str, list] = {key: [] for key in STATEMENTS}
    for found in ctx.decision_index.by_person.get(person_id, []):
        meeting, item = found.meeting, found.item
        decided = item.decision is not None
        url = urls.meeting_url(meeting.folder, meeting.stem) + "#" + (decision_anchor(item) if decided else item.anchor)
        result[STATEMENT_KEYS[found.statement.kind]].append({
            "decision_id": decision_id(meeting, item) if decided else None, "event_id": meeting.key,
            "item": item.anchor, "text": plain_text(found.statement.text), "url": link(ctx, url),
        })
    return result


def attendance_counts(meeting: Meeting) -> dict:
    statuses = [a.status for a in meeting.attendees()]
    return {"listed": len(statuses), "present": statuses.count(PRESENT),
            "absent": statuses.count(ABSENT), "excused": statuses.count(EXCUSED)}


def event_data(ctx, meeting: Meeting) -> dict:
    return {
        "id": meeting.key, "name": meeting.title, "classification": meeting.type,
        "start_date": meeting.date.isoformat(), "time": meeting.time, "location": meeting.place,
        "organization_ids": list(meeting.council_ids), "justerat": meeting.justerat,
        "justering": JUSTERING_WORDS[meeting.justering],
        "justerare": [{"person_id": j.person_id, "name": j.name, "date": j.date.isoformat() if j.date else None}
                      for j in meeting.justerare],
        "agenda": [{"number": i.number, "title": i.title, "anchor": i.anchor} for i in ctx.analysis.agendas[meeting.key]],
        "attendees": [{"person_id": a.person_id, "name": a.name, "group": group.label, "organization": a.org,
                       "role": a.role, "status": a.status, "replaces": a.replaces}
                      for group in meeting.groups for a in group.attendees],
        "counts": attendance_counts(meeting),
        "url": link(ctx, urls.meeting_url(meeting.folder, meeting.stem)),
        "attachments": [{"name": name, "url": link(ctx, urls.attachment_url(meeting.folder, meeting.stem, name))}
                        for name in meeting.attachments],
        **legal_data(ctx, meeting),
    }


STATUS_WORDS = {PENDING: "anslas", UNDER_APPEAL: "overklagandetid", CLOSED: "laga_kraft"}


def legal_data(ctx, meeting: Meeting) -> dict:
    """An event's `anslag` and `rattelser`, each only when the meeting has it."""
    result = {}
    status = appeal_status(meeting, ctx.site, ctx.today)
    if status is not None:
        result["anslag"] = {
            "justerat": status.justerat.isoformat(),
            "anslagen": [{"organization_id": c, "date": d.isoformat()} for c, d in status.announced],
            "forvaringsplats": [{"organization_id": c, "place": p} for c, p in status.storage],
            "sista_dag_att_overklaga": status.last_day.isoformat(),
            "laga_kraft": status.legal_force.isoformat(),
            "status": STATUS_WORDS[status.state],
        }
    if meeting.rattelser:
        result["rattelser"] = [{"date": r.date.isoformat(), "item": r.item, "anchor": f"p{r.item}" if r.item else None,
                                "text": r.text} for r in meeting.rattelser]
    return result


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection)."""


def spreadsheet_safe(cell: str) -> str:
    """OWASP's advice against CSV injection: a cell that a spreadsheet would run as a formula
    gets a leading apostrophe, so it is shown as the text it is (the data page says so)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def attendance_csv(ctx, council_id: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for meeting in ctx.indexes.by_council.get(council_id, []):
        for group in meeting.groups:
            for a in group.attendees:
                writer.writerow([spreadsheet_safe(cell) for cell in (
                    meeting.date.isoformat(), meeting.key, meeting.title, meeting.type, group.label, a.person_id,
                    ctx.site.people[a.person_id].name, a.name, a.org or "", a.role or "", a.status,
                    status_text(a.status, a.replaces, ctx.people_index.replaced.get((meeting.key, a.person_id))),
                    a.replaces or "",
                )])
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")


# --- page family ------------------------------------------------------------------------

def plans(site, sources) -> list[PagePlan]:
    result = [plan(urls.data_url(name), "öppna data", "data-json", name) for name in (*JSON_FILES, SCHEMA_FILE)]
    for council_id in site.councils:
        result.append(plan(urls.council_data_url(council_id, CSV_FILE), f"närvarodata för {council_id}", "data-csv", council_id))
    return result


def render_json(page: PagePlan, ctx) -> bytes:
    if page.key == SCHEMA_FILE:
        return to_json(SCHEMA)
    if page.key == "councils.json":
        return to_json(councils_data(ctx))
    if page.key == "people.json":
        return to_json(people_data(ctx))
    return to_json({"events": [event_data(ctx, m) for m in ctx.site.meetings]})


def render_csv(page: PagePlan, ctx) -> bytes:
    return attendance_csv(ctx, page.key)


KINDS = {"data-json": PageKind(render_json, Shows.ANY_MEETING), "data-csv": PageKind(render_csv, Shows.COUNCIL)}
RENDERERS = renderers(KINDS)
