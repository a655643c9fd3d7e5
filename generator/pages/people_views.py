"""View models for people: person pages and the A–Ö register (the page family is
families/people.py; the attendance matrices' view models are in matrix_views.py).

Everything is built from one `PeopleIndex` pass over the meetings, so no page
scans all meetings (no O(N²) as the archive grows).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from generator.content.model import PRESENT, TYPE_LABELS, Attendee, Meeting, Site
from generator.content.people import normalize_name
from generator.shared import urls

from .views import MEMBER, OTHER, SUBSTITUTE, council_link, date_sv, group_category, replaced_by, status_text

SWEDISH_TAIL = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"}
NOT_LISTED = "Ej listad"


def swedish_key(text: str) -> str:
    """Sort key in Swedish order: a–z, then å, ä, ö; other diacritics fold (é -> e)."""
    out = []
    for ch in text.casefold():
        if ch in SWEDISH_TAIL:
            out.append(SWEDISH_TAIL[ch])
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=8192)
def surname_key(name: str) -> tuple[str, str]:
    tokens = name.split()
    return swedish_key(tokens[-1] if tokens else name), swedish_key(name)


def initial(name: str) -> str:
    tokens = name.split()
    first = (tokens[-1] if tokens else name)[:1].upper()
    return first if first.isalpha() else "#"


@dataclass(frozen=True)
class Listing:
    meeting: Meeting
    attendee: Attendee
    group: str


@dataclass(frozen=True)
class PeopleIndex:
    by_person: dict[str, list[Listing]]
    """Person id -> every time the person is listed, oldest meeting first."""
    roles_in_council: dict[tuple[str, str], int]
    """(council id, person id) -> best category (member < substitute < other)."""
    justerat: dict[str, list[Meeting]]
    """Person id -> meetings the person is justerare of, newest first."""
    roster: dict[tuple[str, str], str]
    """(council id, roster member name) -> person id."""
    replaced: dict[tuple[str, str], list[str]]
    """(meeting key, person id) -> the substitutes who served for the person at that meeting."""
    titles: dict[str, str]
    """Person id -> a name that tells homonyms apart (`Karin Larsson, Fagersta kommun`), for page titles."""

    @classmethod
    def build(cls, site: Site) -> "PeopleIndex":
        by_person: dict[str, list[Listing]] = defaultdict(list)
        categories: dict[tuple[str, str], int] = {}
        justerat: dict[str, list[Meeting]] = defaultdict(list)
        replaced: dict[tuple[str, str], list[str]] = {}
        roster = roster_people(site)
        on_roster = {(cid, pid) for (cid, _name), pid in roster.items()}
        for meeting in site.meetings:
            for j in meeting.justerare:
                justerat[j.person_id].append(meeting)
        for meeting in reversed(site.meetings):
            replaced.update({(meeting.key, pid): names for pid, names in replaced_by(meeting, site).items()})
            for group in meeting.groups:
                category = group_category(group.label)
                named = councils_named(group.label, meeting, site)
                for a in group.attendees:
                    by_person[a.person_id].append(Listing(meeting, a, group.label))
                    for cid in meeting.council_ids:
                        key = (cid, a.person_id)
                        own = category if belongs(cid, a.person_id, named, meeting, site, on_roster) else OTHER
                        categories[key] = min(categories.get(key, OTHER), own)
        for council in site.councils.values():
            for label, members in council.roster:
                for member in members:
                    person_id = roster.get((council.id, member.name))
                    if person_id:  # a roster group is a member group unless it says Ersättare
                        key = (council.id, person_id)
                        categories[key] = min(categories.get(key, OTHER), SUBSTITUTE if group_category(label) == SUBSTITUTE else MEMBER)
        return cls(dict(by_person), categories, dict(justerat), roster, replaced, homonym_titles(site, by_person))


def councils_named(label: str, meeting: Meeting, site: Site) -> set[str]:
    """The meeting's councils a group label names (`Ledamöter SSR folkhälsa`), at a joint meeting."""
    if not meeting.is_joint:
        return set()
    folded = label.casefold()
    return {cid for cid in meeting.council_ids
            if site.councils[cid].short_name.casefold() in folded or site.councils[cid].name.casefold() in folded}


def belongs(council_id: str, person_id: str, named: set[str], meeting: Meeting, site: Site, on_roster: set) -> bool:
    """Whether a member or substitute group of `meeting` makes the person one of `council_id`'s: at a joint
    meeting, only a group that names the council does, or an unnamed group for a council without a roster
    or with the person on it (so one council's members are not called the other's)."""
    if not meeting.is_joint:
        return True
    if named:
        return council_id in named
    return not site.councils[council_id].roster or (council_id, person_id) in on_roster


def homonym_titles(site: Site, by_person: dict[str, list[Listing]]) -> dict[str, str]:
    """Person id -> `Name, Organisation` (or `Name (id)`) for people who share their name with another."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for person in site.people.values():
        by_name[normalize_name(person.name)].append(person.id)
    titles = {}
    for ids in by_name.values():
        if len(ids) < 2:
            continue
        candidates = {}
        for person_id in ids:
            person = site.people[person_id]
            orgs = [l.attendee.org for l in by_person.get(person_id, []) if l.attendee.org]
            org = person.org or (max(set(orgs), key=lambda o: (orgs.count(o), o)) if orgs else None)
            candidates[person_id] = f"{person.name}, {org}" if org else person.name
        counts = defaultdict(int)
        for title in candidates.values():
            counts[title] += 1
        for person_id, title in candidates.items():
            titles[person_id] = title if counts[title] == 1 else f"{title} ({person_id})"
    return titles


def roster_people(site: Site) -> dict[tuple[str, str], str]:
    """(council id, roster member name) -> person id, resolved once per site through a spelling index."""
    by_spelling: dict[str, list] = defaultdict(list)
    for person in site.people.values():
        for spelling in (person.name, *person.aliases):
            by_spelling[normalize_name(spelling)].append(person)
    result = {}
    for council in site.councils.values():
        for _label, members in council.roster:
            for member in members:
                candidates = by_spelling.get(normalize_name(member.name), [])
                same_org = [p for p in candidates if p.org and member.org and normalize_name(p.org) == normalize_name(member.org)]
                chosen = (same_org or candidates or [None])[0]
                if chosen is not None:
                    result[(council.id, member.name)] = chosen.id
    return result


def rate(present: int, listed: int) -> str:
    return f"{round(100 * present / listed)} %" if listed else "–"


def person_page(person_id: str, site: Site, index: PeopleIndex, href, row_heads: dict | None = None) -> dict:
    """The person page's view. Its lists of meetings are prebuilt HTML (`meeting_rows`, `justerat`)."""
    person = site.people[person_id]
    listings = index.by_person.get(person_id, [])
    per_council: dict[str, list[Listing]] = defaultdict(list)
    orgs, roles, spellings = [], [], []
    for listing in listings:
        for cid in listing.meeting.council_ids:
            per_council[cid].append(listing)
        a = listing.attendee
        if a.org and a.org not in orgs:
            orgs.append(a.org)
        if a.role and a.role not in roles:
            roles.append(a.role)
        if a.name != person.name and a.name not in spellings:
            spellings.append(a.name)
    justerat = index.justerat.get(person_id, [])
    councils = []
    for cid in site.councils:
        if cid not in per_council:
            continue
        items = per_council[cid]
        present = sum(1 for l in items if l.attendee.status == PRESENT)
        councils.append({
            **council_link(site, cid),
            "present": present,
            "listed": len(items),
            "rate": rate(present, len(items)),
            "summary": f"närvarande vid {present} av {len(items)} {'möte' if len(items) == 1 else 'möten'} där personen var kallad",
        })
    return {
        "id": person.id,
        "name": person.name,
        "title": index.titles.get(person.id, person.name),
        "url": urls.person_url(person.id),
        "spellings": spellings,
        "orgs": orgs or ([person.org] if person.org else []),
        "roles": roles,
        "councils": councils,
        "with_role": bool(roles),
        "meeting_rows": meeting_rows(listings, site, href, index.replaced, bool(roles), row_heads),
        "justerat": Markup("".join(f'<li><a href="{escape(href(urls.meeting_url(m.folder, m.stem)))}">'
                                   f'{escape(m.title)}, {escape(date_sv(m.date))}</a></li>' for m in justerat)),
    }


def people_page(site: Site, index: PeopleIndex) -> dict:
    people = sorted(site.people.values(), key=lambda p: (surname_key(p.name), p.id))
    letters: dict[str, list[dict]] = {}
    for person in people:
        listings = index.by_person.get(person.id, [])
        orgs = sorted({l.attendee.org for l in listings if l.attendee.org}) or ([person.org] if person.org else [])
        letters.setdefault(initial(person.name), []).append({
            "name": person.name, "url": urls.person_url(person.id), "orgs": orgs, "meetings": len(listings),
        })
    return {"letters": [{"letter": k, "id": f"bokstav-{urls.slugify(k, scandinavian=True)}", "people": v} for k, v in letters.items()],
            "count": len(people)}


def meeting_rows(listings: list[Listing], site: Site, href, replaced: dict, with_role: bool,
                 row_heads: dict | None = None) -> Markup:
    """The table's rows as one piece of HTML, newest first (~300,000 rows at 10,000 meetings), so
    that the template inserts it once instead of looping over the rows. The meeting's part of a row
    is the same on every attendee's page, so it is made once per meeting into `row_heads`; the
    rest repeats too (a group, a role, a status) and is made once per combination (`row_tail`)."""
    row_heads = {} if row_heads is None else row_heads
    rows = []
    for listing in reversed(listings):
        meeting, a = listing.meeting, listing.attendee
        head = row_heads.get(meeting.key)
        if head is None:
            councils = ", ".join(str(escape(site.councils[c].short_name)) for c in meeting.council_ids)
            head = row_heads[meeting.key] = (
                f'<th scope="row"><a href="{escape(href(urls.meeting_url(meeting.folder, meeting.stem)))}">'
                f'<time datetime="{meeting.date.isoformat()}">{escape(date_sv(meeting.date))}</time></a> '
                f'<span class="meta">{escape(TYPE_LABELS[meeting.type])}</span></th><td>{councils}</td>'
            )
        status = status_text(a.status, a.replaces, replaced.get((meeting.key, a.person_id)))
        rows.append(f"      <tr>{head}{row_tail(listing.group, (a.role or '') if with_role else None, status)}</tr>\n")
    return Markup("".join(rows))


@lru_cache(maxsize=4096)
def row_tail(group: str, role: str | None, status: str) -> str:
    """A person page row after the meeting's part: group, role (None: the table has no Roll column), status."""
    role_cell = "" if role is None else f"<td>{escape(role)}</td>"
    return f'<td>{escape(group)}</td>{role_cell}<td class="status">{escape(status)}</td>'
