"""Typed records from the editors' YAML files: site.yaml, councils.yaml, people.yaml and a
meeting's front matter, checked against the schema (schema.py) with every problem collected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import legal
from .frontmatter import YList, YMap, YNode, YScalar
from .model import (
    MEETING_TYPES, PRESENT, STATUSES, Anslag, AttendanceGroup, Attendee, Contact, Council, Justerare,
    Organisation, PlannedMeeting, Rattelse, RosterMember, SiteConfig, Vacancy,
)
from .schema import (
    ATTENDEE_FIELDS, CONTACT_FIELDS, COUNCIL_FIELDS, JUSTERARE_FIELDS, MEETING_FIELDS,
    ORGANISATION_FIELDS, PERSON_FIELDS, ROSTER_FIELDS, SITE_FIELDS, SITE_URL_RE, STATUS_WORDS, STEM_RE,
    UPCOMING_FIELDS, VACANCY_FIELDS, Checker, check_id, did_you_mean,
)


# --- site.yaml --------------------------------------------------------------

def site_config(root: YNode | None, checker: Checker) -> SiteConfig | None:
    """None when site.yaml could not be read or parsed (`root` None: the problem is reported)."""
    node = checker.mapping(root, "site.yaml", 1) if root is not None else None
    if node is None:
        return None
    checker.fields(node, SITE_FIELDS, "site.yaml")
    contact_node = node.get("contact")
    contact = Contact("", "", "")
    if contact_node is not None:
        cnode = checker.mapping(contact_node, "`contact`", node.line)
        if cnode:
            checker.fields(cnode, CONTACT_FIELDS, "`contact`")
            contact = Contact(
                checker.text(cnode.get("name"), "name", cnode.line) or "",
                checker.text(cnode.get("email"), "email", cnode.line) or "",
                checker.text(cnode.get("phone"), "phone", cnode.line) or "",
            )
    return SiteConfig(
        title=checker.text(node.get("title"), "title", node.line, required=True) or "",
        organisation=checker.text(node.get("organisation"), "organisation", node.line, required=True) or "",
        base_url=checker.text(node.get("base_url"), "base_url", node.line) or "/",
        contact=contact,
        url=site_url(checker, node.get("url")),
        intro=checker.text(node.get("intro"), "intro", node.line),
        footer=checker.text(node.get("footer"), "footer", node.line),
        description=checker.text(node.get("description"), "description", node.line),
        licence=checker.text(node.get("licence"), "licence", node.line),
        accessibility_reviewed=checker.date(node.get("accessibility_reviewed"), "accessibility_reviewed"),
        **legal.site_fields(checker, node),
    )


def site_url(checker: Checker, node: YNode | None) -> str | None:
    """`https://host[:port]`, no path (the path is base_url); a trailing `/` is dropped."""
    raw = checker.text(node, "url", node.line) if node is not None else None
    if raw is None:
        return None
    value = raw.rstrip("/")
    if not SITE_URL_RE.match(value):
        checker.error(node.line, "bad-url",
                      f"`url: {raw}` ska vara webbplatsens adress utan sökväg, t.ex. https://protokoll.example.se. "
                      "Sökvägen anges i `base_url`.")
        return None
    return value


# --- councils.yaml ------------------------------------------------------------

def entries_by_id(checker: Checker, root: YNode | None, file_name: str, id_label: str, what: str, spec):
    """(id, line, mapping) of every well-formed entry of a file keyed by id, its keys checked against `spec`;
    nothing when the file could not be read or parsed (`root` None: the problem is reported)."""
    node = checker.mapping(root, file_name, 1) if root is not None else None
    if node is None:
        return
    for entry_id, entry in node.entries.items():
        if not check_id(checker, entry_id, entry.key_line, id_label):
            continue
        entry_node = checker.mapping(entry.value, f"{what} `{entry_id}`", entry.key_line)
        if entry_node is None:
            continue
        checker.fields(entry_node, spec, f"{what} `{entry_id}`")
        yield entry_id, entry.key_line, entry_node


def councils(root: YNode | None, checker: Checker) -> dict[str, Council]:
    result: dict[str, Council] = {}
    for council_id, _, cnode in entries_by_id(checker, root, "councils.yaml", "Rådets id", "rådet", COUNCIL_FIELDS):
        name = checker.text(cnode.get("name"), "name", cnode.line, required=True) or council_id
        council_type = meeting_type(checker, cnode.get("type")) or MEETING_TYPES[0]
        result[council_id] = Council(
            id=council_id,
            name=name,
            short_name=checker.text(cnode.get("short_name"), "short_name", cnode.line) or name,
            description=checker.text(cnode.get("description"), "description", cnode.line) or "",
            type=council_type,
            roster=roster(checker, cnode.get("roster")),
            upcoming=upcoming(checker, cnode.get("upcoming")),
            justering=checker.boolean(cnode.get("justering"), "justering", True),
            **legal.council_fields(checker, cnode),
        )
    return result


def upcoming(checker: Checker, node: YNode | None) -> tuple[PlannedMeeting, ...]:
    """`- 2026-05-22` or `- {date: 2026-05-22, inställt: true}`, in date order."""
    result = []
    for item in checker.items(node, "upcoming"):
        if isinstance(item, YScalar):
            day = checker.date(item, "upcoming")
            if day:
                result.append(PlannedMeeting(day))
            continue
        mnode = checker.mapping(item, "ett kommande möte", item.line)
        if mnode is None:
            continue
        checker.fields(mnode, UPCOMING_FIELDS, "ett kommande möte i `upcoming`")
        day = checker.date(mnode.get("date"), "date")
        if day:
            result.append(PlannedMeeting(day, checker.boolean(mnode.get("inställt"), "inställt", False)))
    return tuple(sorted(result, key=lambda p: p.date))


def meeting_type(checker: Checker, node: YNode | None) -> str | None:
    value = checker.text(node, "type", 0)
    if value is None:
        return None
    if value not in MEETING_TYPES:
        hint = did_you_mean(value, MEETING_TYPES, 0.5)
        checker.error(node.line, "bad-type", f"`type: {value}` ska vara `protokoll` eller `minnesanteckningar`.{hint}")
        return None
    return value


def roster(checker: Checker, node: YNode | None) -> tuple:
    if node is None:
        return ()
    groups = checker.mapping(node, "`roster`", 0)
    if groups is None:
        return ()
    result = []
    for label, entry in groups.entries.items():
        members = []
        for item in checker.items(entry.value, label):
            if isinstance(item, YScalar):
                value = checker.text(item, label, item.line, required=True)
                if not value:
                    continue
                name, org = split_shorthand(value)
                members.append(RosterMember(name, org, None, None, None, item.line))
                continue
            mnode = checker.mapping(item, "en ledamot", entry.key_line)
            if mnode is None:
                continue
            checker.fields(mnode, ROSTER_FIELDS, "en ledamot i `roster`")
            name = checker.text(mnode.get("name"), "name", mnode.line, required=True)
            if not name:
                continue
            start, end = checker.date(mnode.get("from"), "from"), checker.date(mnode.get("to"), "to")
            if start and end and end < start:
                checker.error(mnode.line, "bad-term", f"Uppdraget för {name} slutar ({end}) före det börjar ({start}).")
            members.append(RosterMember(
                name, checker.text(mnode.get("org"), "org", mnode.line), checker.text(mnode.get("role"), "role", mnode.line),
                start, end, mnode.line,
            ))
        result.append((" ".join(label.split()), tuple(members)))
    return tuple(result)


def split_shorthand(value: str) -> tuple[str, str | None]:
    """`Anna Ahnér, Askersunds kommun` -> (name, org)."""
    name, sep, org = value.partition(",")
    return " ".join(name.split()), (" ".join(org.split()) or None) if sep else None


# --- people.yaml -----------------------------------------------------------------

@dataclass(frozen=True)
class PersonRecord:
    id: str
    name: str
    aliases: tuple[str, ...]
    org: str | None
    line: int


def people(root: YNode | None, checker: Checker) -> list[PersonRecord]:
    if root is None:
        return []
    result = []
    for person_id, key_line, pnode in entries_by_id(checker, root, "people.yaml", "Personens id", "personen", PERSON_FIELDS):
        name = checker.text(pnode.get("name"), "name", pnode.line, required=True)
        if not name:
            continue
        aliases = tuple(a for a in (checker.text(n, "aliases", pnode.line) for n in checker.items(pnode.get("aliases"), "aliases")) if a)
        result.append(PersonRecord(person_id, name, aliases, checker.text(pnode.get("org"), "org", pnode.line), key_line))
    return result


# --- organisations.yaml -----------------------------------------------------------

def organisations(root: YNode | None, checker: Checker) -> dict[str, Organisation]:
    """Organisation id -> organisation; a spelling that two organisations claim is an error."""
    if root is None:
        return {}
    result: dict[str, Organisation] = {}
    claimed: dict[str, str] = {}  # normalised spelling -> organisation id
    for org_id, key_line, onode in entries_by_id(checker, root, "organisations.yaml", "Organisationens id",
                                                 "organisationen", ORGANISATION_FIELDS):
        name = checker.text(onode.get("name"), "name", onode.line, required=True)
        if not name:
            continue
        spellings = [(checker.text(n, "aliases", n.line), n.line) for n in checker.items(onode.get("aliases"), "aliases")]
        spellings = [(alias, line) for alias, line in spellings if alias]
        aliases = tuple(alias for alias, _ in spellings)
        for spelling, line in [(name, key_line), *spellings]:
            key = " ".join(spelling.split()).casefold()
            other = claimed.setdefault(key, org_id)
            if other != org_id:
                checker.error(line, "duplicate-org-alias",
                              f"Stavningen `{spelling}` hör redan till organisationen `{other}`. "
                              "En stavning kan bara betyda en organisation: ta bort den ena.")
        result[org_id] = Organisation(org_id, name, aliases)
    return result


# --- minutes front matter -------------------------------------------------------

@dataclass(frozen=True)
class MeetingHeader:
    """Front matter of one minutes file, typed; names not yet resolved."""

    council_ids: tuple[str, ...]
    council_line: int
    date: dt.date
    type: str | None
    title: str | None
    time: str | None
    place: str | None
    justerare: tuple[Justerare, ...]
    groups: tuple[AttendanceGroup, ...]
    anslagen: tuple[Anslag, ...] = ()
    rattelser: tuple[Rattelse, ...] = ()
    justerare_line: int = 1


def meeting_header(root: YNode | None, checker: Checker, known_councils: dict[str, Council],
                   folder: str, stem: str) -> MeetingHeader | None:
    node = checker.mapping(root, "front matter", 1)
    if node is None:
        return None
    checker.fields(node, MEETING_FIELDS, "front matter")

    council_node = node.get("council")
    council_ids: list[str] = []
    council_line = council_node.line if council_node else node.line
    if isinstance(council_node, YList):
        raw_ids = [(checker.text(n, "council", n.line, required=True), n.line) for n in council_node.items]
        if not raw_ids:
            checker.error(council_line, "empty-value", "`council` får inte vara en tom lista.")
    else:
        raw_ids = [(checker.text(council_node, "council", council_line, required=True), council_line)] if council_node else []
    for council_id, line in raw_ids:
        if council_id is None:
            continue
        if council_id not in known_councils:
            hint = did_you_mean(council_id, known_councils, 0.6, " Lägg till rådet i councils.yaml eller rätta id:t.")
            checker.error(line, "unknown-council", f"Rådet `{council_id}` finns inte i councils.yaml.{hint}")
        elif council_id in council_ids:
            checker.error(line, "duplicate-council", f"Rådet `{council_id}` står två gånger i `council`.")
        else:
            council_ids.append(council_id)
    if council_ids and folder not in council_ids:
        checker.error(council_line, "wrong-folder",
                      f"Filen ligger i mappen `{folder}` men mötet hör till {', '.join(council_ids)}. "
                      "Flytta filen till mappen för ett av mötets råd (det första för ett gemensamt möte).")

    date = checker.date(node.get("date"), "date")
    match = STEM_RE.match(stem)
    if date and match and match.group(1) != date.isoformat():
        checker.error(node.get("date").line, "date-mismatch",
                      f"`date: {date}` stämmer inte med filnamnet `{stem}.md`. Rätta det ena så att de stämmer.")

    justerare = []
    for item in checker.items(node.get("justerare"), "justerare"):
        if isinstance(item, YScalar):
            name = checker.text(item, "justerare", item.line, required=True)
            if name:
                justerare.append(Justerare(name, "", None, item.line))
            continue
        jnode = checker.mapping(item, "en justerare", item.line)
        if jnode is None:
            continue
        checker.fields(jnode, JUSTERARE_FIELDS, "en justerare")
        name = checker.text(jnode.get("name"), "name", jnode.line, required=True)
        if name:
            justerare.append(Justerare(name, "", checker.date(jnode.get("date"), "date"), jnode.line))
    justerare_node = node.get("justerare")
    verifying = [c for c in council_ids if known_councils[c].justering]
    if justerare_node is not None and not justerare and verifying:
        checker.warning(justerare_node.line, "missing-justerare",
                        f"Mötet har inga justerare, men {known_councils[verifying[0]].name} justerar sina protokoll. "
                        "Ange justerarna, eller skriv `justering: false` under rådet i councils.yaml "
                        "om dess protokoll aldrig justeras.")

    groups = attendance(checker, node.get("närvaro"))
    legal_fields = legal.meeting_fields(checker, node)

    if not (council_ids and date) or not match:
        return None
    return MeetingHeader(
        council_ids=tuple(council_ids),
        council_line=council_line,
        date=date,
        type=meeting_type(checker, node.get("type")),
        title=checker.text(node.get("title"), "title", node.line),
        time=checker.text(node.get("time"), "time", node.line),
        place=checker.text(node.get("place"), "place", node.line),
        justerare=tuple(justerare),
        groups=groups,
        **legal_fields,
    )


def attendance(checker: Checker, node: YNode | None) -> tuple[AttendanceGroup, ...]:
    if node is None:
        return ()
    groups_node = checker.mapping(node, "`närvaro`", 0)
    if groups_node is None:
        return ()
    groups = []
    for label, entry in groups_node.entries.items():
        clean_label = checker.text(YScalar(label, entry.key_line), "närvaro", entry.key_line, required=True,
                                   label="Grupprubriken i `närvaro`")
        if clean_label is None:
            continue
        attendees: list[Attendee] = []
        vacancies: list[Vacancy] = []
        for item in checker.items(entry.value, clean_label):
            if isinstance(item, YMap) and "vakant" in item.entries:
                seat = vacancy(checker, item, len(attendees))
                vacancies.extend([seat] if seat else [])
                continue
            found = attendee(checker, item, clean_label)
            attendees.extend([found] if found else [])
        groups.append(AttendanceGroup(clean_label, tuple(attendees), entry.key_line, tuple(vacancies)))
    return tuple(groups)


def vacancy(checker: Checker, node: YMap, position: int) -> Vacancy | None:
    """`- vakant: RF-SISU`: an empty seat of that organisation, `position` attendees into its group."""
    checker.fields(node, VACANCY_FIELDS, "en vakant plats")
    org = checker.text(node.get("vakant"), "vakant", node.line, required=True)
    return Vacancy(org, position, node.line) if org else None


def attendee(checker: Checker, item: YNode, group: str) -> Attendee | None:
    if isinstance(item, YScalar):
        value = checker.text(item, "närvaro", item.line, required=True, label=f"Deltagaren i gruppen `{group}`")
        if not value:
            return None
        name, org = split_shorthand(value)
        if not name:
            checker.error(item.line, "empty-value", "Namnet saknas före kommatecknet.")
            return None
        if name.casefold() == "vakant":
            checker.warning(item.line, "vacant-as-name",
                            f"`{value}` ser ut som en vakant plats men blir en person som heter Vakant. "
                            f"Skriv `- vakant: {org or 'Organisation'}`.")
        return Attendee(name, "", org, PRESENT, None, None, item.line)
    anode = checker.mapping(item, "en deltagare", item.line)
    if anode is None:
        return None
    checker.fields(anode, ATTENDEE_FIELDS, "en deltagare")
    name = checker.text(anode.get("name"), "name", anode.line, required=True)
    if not name:
        return None
    status = PRESENT
    status_node = anode.get("status")
    raw_status = checker.text(status_node, "status", anode.line)
    if raw_status is not None:
        status = STATUS_WORDS.get(raw_status.casefold())
        if status is None:
            hint = did_you_mean(raw_status, STATUSES, 0.5)
            checker.error(status_node.line, "bad-status",
                          f"`status: {raw_status}` ska vara present, absent eller excused.{hint}")
            status = PRESENT
    return Attendee(
        name, "", checker.text(anode.get("org"), "org", anode.line), status,
        checker.text(anode.get("role"), "role", anode.line),
        checker.text(anode.get("replaces"), "replaces", anode.line), anode.line,
    )
