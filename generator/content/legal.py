"""The legal life of minutes (DESIGN 1b): anslag, the appeal period and rättelser.

- records: `anslag` and `förvaringsplats` in councils.yaml, `officiell_anslagstavla` and
  `besvärshänvisning` in site.yaml, `anslagen` and `rättelser` in front matter, typed with
  the schema's Checker (records.py calls these);
- checks: every announcement against the justering, every rättelse against the agenda;
- status: one meeting's appeal period as of the build's date (appeal.py counts the days).

`anslagen` is one date for every council of the meeting, or, for a joint meeting whose
councils announced on different days, a mapping council id -> date. Only councils with
`anslag: true` announce; the appeal period runs from the last of their announcements.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.content import appeal
from generator.content.frontmatter import YMap, YNode, YScalar
from generator.content.model import Anslag, Meeting, Rattelse, Site
from generator.shared.problems import Problems
from generator.content.schema import RATTELSE_FIELDS, Checker

ITEM_RE = re.compile(r"^(?:§\s*|p)?0*(\d{1,3})\.?$")
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")

PENDING, UNDER_APPEAL, CLOSED = "pending", "under-appeal", "closed"


# --- records ------------------------------------------------------------------------

def council_fields(checker: Checker, node: YMap) -> dict:
    """Council(...) keyword arguments for `anslag` and `förvaringsplats`."""
    anslag = checker.boolean(node.get("anslag"), "anslag", False)
    place = checker.text(node.get("förvaringsplats"), "förvaringsplats", node.line)
    if anslag and not place:
        checker.error(node.entries["anslag"].key_line, "missing-forvaringsplats",
                      "Rådet har `anslag: true` men ingen `förvaringsplats`. Anslaget ska säga var det justerade "
                      "protokollet förvaras: lägg till t.ex. `förvaringsplats: Kommunkansliet, Stadshuset`.")
    return {"anslag": anslag, "forvaringsplats": place}


def site_fields(checker: Checker, node: YMap) -> dict:
    """SiteConfig(...) keyword arguments for `officiell_anslagstavla` and `besvärshänvisning`."""
    return {
        "officiell_anslagstavla": checker.boolean(node.get("officiell_anslagstavla"), "officiell_anslagstavla", False),
        "besvarshanvisning": paragraphs(checker, node.get("besvärshänvisning"), "besvärshänvisning"),
    }


def paragraphs(checker: Checker, node: YNode | None, key: str) -> tuple[str, ...]:
    """A text whose paragraphs are separated by a blank line (a YAML `|` block keeps them)."""
    if node is None:
        return ()
    if not isinstance(node, YScalar):
        checker.text(node, key, node.line)  # reports expected-text
        return ()
    parts = (checker.text(YScalar(part, node.line), key, node.line) for part in PARAGRAPH_BREAK_RE.split(node.value))
    return tuple(part for part in parts if part)


def meeting_fields(checker: Checker, node: YMap) -> dict:
    """Meeting(...) keyword arguments for `anslagen` and `rättelser`."""
    justerare = node.entries.get("justerare")
    return {
        "anslagen": announcements(checker, node.get("anslagen")),
        "rattelser": corrections(checker, node.get("rättelser")),
        "justerare_line": justerare.key_line if justerare else node.line,
    }


def announcements(checker: Checker, node: YNode | None) -> tuple[Anslag, ...]:
    if node is None:
        return ()
    if isinstance(node, YMap):
        found = ((council_id, entry.key_line, checker.date(entry.value, f"anslagen: {council_id}"))
                 for council_id, entry in node.entries.items())
        return tuple(Anslag(council_id, day, line) for council_id, line, day in found if day)
    if isinstance(node, YScalar):
        day = checker.date(node, "anslagen")
        return (Anslag(None, day, node.line),) if day else ()
    checker.error(node.line, "bad-anslagen",
                  "`anslagen` ska vara ett datum (`anslagen: 2026-03-26`), eller för ett gemensamt möte "
                  "en mappning med ett datum per råd (`rad-id: 2026-03-26`).")
    return ()


def corrections(checker: Checker, node: YNode | None) -> tuple[Rattelse, ...]:
    result = []
    for item in checker.items(node, "rättelser"):
        entry = checker.mapping(item, "en rättelse", item.line)
        if entry is None:
            continue
        checker.fields(entry, RATTELSE_FIELDS, "en rättelse")
        day = checker.date(entry.get("datum"), "datum")
        text = checker.text(entry.get("text"), "text", entry.line, required=True)
        number = item_number(checker, entry.get("punkt"))
        if day and text:
            result.append(Rattelse(day, number, text, entry.line))
    return tuple(result)


def item_number(checker: Checker, node: YNode | None) -> str | None:
    raw = checker.text(node, "punkt", node.line) if node is not None else None
    if raw is None:
        return None
    match = ITEM_RE.match(raw)
    if not match:
        checker.error(node.line, "bad-punkt", f"`punkt: {raw}` ska vara numret på ett ärende, t.ex. `punkt: 23`.")
        return None
    return match.group(1)


# --- checks -----------------------------------------------------------------------------

def last_justering(meeting: Meeting) -> dt.date | None:
    """The day the minutes became justerade: the last justerare's date; None while not justerade."""
    return max(j.date for j in meeting.justerare) if meeting.justerat else None


def check_site(site: Site, agendas: dict, problems: Problems) -> None:
    for meeting in site.meetings:
        check_meeting(meeting, site, agendas[meeting.key], problems)


def check_meeting(meeting: Meeting, site: Site, agenda, problems: Problems) -> None:
    path, justerat = meeting.rel_path, last_justering(meeting)
    announcing = [c for c in meeting.council_ids if site.councils[c].anslag]
    for entry in meeting.anslagen:
        if not _announces(entry, meeting, site, announcing, problems):
            continue
        if justerat is None:
            problems.error(path, entry.line, "anslag-before-justering",
                           f"`anslagen: {entry.date}` men protokollet är inte justerat: alla justerare har inte ett "
                           "datum. Justeringen kan anslås först när protokollet är justerat: fyll i justerarnas "
                           "datum, eller ta bort `anslagen` tills dess.")
        elif entry.date < justerat:
            problems.error(path, entry.line, "anslag-before-justering",
                           f"`anslagen: {entry.date}` är före justeringen ({justerat}). Justeringen kan anslås "
                           "först när protokollet är justerat: rätta datumet.")
        elif entry.date > appeal.last_day_to_announce(justerat):
            problems.warning(path, entry.line, "anslag-late",
                             f"`anslagen: {entry.date}` är mer än två dagar efter justeringen ({justerat}). "
                             "Enligt kommunallagen ska justeringen anslås senast två dagar efter justeringen "
                             f"(här senast {appeal.last_day_to_announce(justerat)}). Kontrollera datumet.")
    if justerat is not None:
        _check_missing(meeting, site, announcing, problems)
    anchors = {item.anchor for item in agenda}
    for correction in meeting.rattelser:
        if correction.item is not None and f"p{correction.item}" not in anchors:
            problems.error(path, correction.line, "unknown-punkt",
                           f"Rättelsen gäller punkt {correction.item}, men protokollet har ingen sådan punkt "
                           f"(`## {correction.item}. …`). Rätta `punkt`, eller ta bort den om rättelsen gäller "
                           "hela protokollet.")


def _announces(entry: Anslag, meeting: Meeting, site: Site, announcing: list[str], problems: Problems) -> bool:
    """Whether `entry` is an announcement of a council that announces; reports it when not."""
    path = meeting.rel_path
    if entry.council_id is None:
        if announcing:
            return True
        names = ", ".join(f"`{c}`" for c in meeting.council_ids)
        problems.error(path, entry.line, "anslag-not-enabled",
                       f"Mötet har `anslagen`, men rådet ({names}) anslår inte sina protokoll. Lägg till "
                       "`anslag: true` och `förvaringsplats` för rådet i councils.yaml, eller ta bort `anslagen`.")
        return False
    if entry.council_id not in meeting.council_ids:
        problems.error(path, entry.line, "anslag-council",
                       f"`{entry.council_id}` i `anslagen` är inte ett av mötets råd "
                       f"({', '.join(meeting.council_ids)}). Rätta id:t.")
        return False
    if entry.council_id not in announcing:
        problems.error(path, entry.line, "anslag-not-enabled",
                       f"Rådet `{entry.council_id}` anslår inte sina protokoll. Lägg till `anslag: true` och "
                       "`förvaringsplats` för rådet i councils.yaml, eller ta bort raden.")
        return False
    return True


def _check_missing(meeting: Meeting, site: Site, announcing: list[str], problems: Problems) -> None:
    covered = {entry.council_id for entry in meeting.anslagen}
    if None in covered:
        return
    if not covered:
        if announcing:
            names = ", ".join(site.councils[c].name for c in announcing)
            problems.warning(meeting.rel_path, meeting.justerare_line, "anslag-missing",
                             f"Protokollet är justerat men saknar `anslagen`. {names} anslår sina protokoll "
                             "(`anslag: true` i councils.yaml): lägg till `anslagen: ÅÅÅÅ-MM-DD` med dagen då "
                             "justeringen anslogs på anslagstavlan.")
        return
    for council_id in announcing:
        if council_id not in covered:
            problems.warning(meeting.rel_path, meeting.anslagen[0].line, "anslag-missing",
                             f"`anslagen` saknar rådet `{council_id}`, som också anslår sina protokoll: lägg till "
                             f"`{council_id}: ÅÅÅÅ-MM-DD` med dagen då justeringen anslogs där.")


# --- status ------------------------------------------------------------------------------

@dataclass(frozen=True)
class AppealStatus:
    """One meeting's announcement and appeal period, as of a day."""

    justerat: dt.date
    """The day the minutes became justerade."""
    announced: tuple[tuple[str, dt.date], ...]
    """Council id -> the day it announced the justering, for every announcing council that did."""
    storage: tuple[tuple[str, str], ...]
    """Council id -> where it keeps its signed minutes."""
    start: dt.date
    """The last announcement: the appeal period runs from it."""
    last_day: dt.date
    """Last day to appeal (1930:173)."""
    legal_force: dt.date
    """The day decisions that were not appealed gained legal force; also the day the anslag comes down."""
    state: str
    """PENDING (announced after the day asked about), UNDER_APPEAL (until last_day) or CLOSED."""


def appeal_status(meeting: Meeting, site: Site, today: dt.date) -> AppealStatus | None:
    """The meeting's appeal period as of `today`; None when it has not been announced (or is not justerat)."""
    justerat = last_justering(meeting)
    if justerat is None or not meeting.anslagen:
        return None
    announcing = [c for c in meeting.council_ids if site.councils[c].anslag]
    dates = {entry.council_id: entry.date for entry in meeting.anslagen}
    announced = tuple((c, dates.get(c) or dates[None]) for c in announcing if c in dates or None in dates)
    if not announced:
        return None
    start = max(day for _, day in announced)
    last_day = appeal.last_day_to_appeal(start)
    state = PENDING if today < start else UNDER_APPEAL if today <= last_day else CLOSED
    storage = tuple((c, site.councils[c].forvaringsplats) for c, _ in announced if site.councils[c].forvaringsplats)
    return AppealStatus(justerat, announced, storage, start, last_day, appeal.legal_force(last_day), state)
