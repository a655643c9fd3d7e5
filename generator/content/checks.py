"""Integrity checks across a meeting's attendance, and the misspelling check.

Pure: reads the model, appends to `Problems`.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict

from .model import PRESENT, Meeting, Site
from generator.shared.problems import Problems

from .people import find_near_misses, fold_name, lookalike_letter, normalize_name, normalize_org, plausible_alias
from .schema import char_name


def check_site(site: Site, problems: Problems) -> dict[str, str]:
    """Every check; returns the spelling verdicts (serve re-checks one meeting against them)."""
    verdicts = spelling_verdicts(site)
    for meeting in site.meetings:
        check_meeting(meeting, site, problems)
        warn_spellings(meeting, site, verdicts, problems)
    return verdicts


def check_meeting(meeting: Meeting, site: Site, problems: Problems) -> None:
    path = meeting.rel_path
    status_of: dict[str, str] = {}
    orgs: dict[str, dict[str, str]] = defaultdict(dict)
    names_listed = set()
    for group in meeting.groups:
        seen: dict[str, int] = {}
        for a in group.attendees:
            if a.person_id in seen:
                problems.error(path, a.line, "duplicate-attendee",
                               f"{a.name} står två gånger i gruppen {group.label} (första gången på rad {seen[a.person_id]}). "
                               "Ta bort den ena raden.")
                continue
            seen[a.person_id] = a.line
            if status_of.get(a.person_id) != PRESENT:
                status_of[a.person_id] = a.status
            if a.org:
                orgs[a.person_id].setdefault(normalize_org(a.org), a.org)
            names_listed.add(normalize_name(a.name))
    warn_organisations(meeting, site, problems)
    for person_id, variants in orgs.items():
        if len(variants) > 1:
            first = next(a for a in meeting.attendees() if a.person_id == person_id)
            problems.warning(path, first.line, "two-orgs",
                             f"{site.people[person_id].name} står med två olika organisationer: "
                             f"{' och '.join(sorted(variants.values()))}. Kontrollera vilken som gäller.")
    for j in meeting.justerare:
        status = status_of.get(j.person_id)
        if status is None:
            problems.warning(path, j.line, "justerare-not-listed",
                             f"Justeraren {j.name} finns inte med i närvaro. Lägg till personen, eller rätta stavningen.")
        elif status != PRESENT:
            problems.error(path, j.line, "justerare-absent",
                           f"Justeraren {j.name} är markerad som frånvarande i närvaro. "
                           "En justerare måste ha varit med på mötet: rätta närvaron eller byt justerare.")
    by_name = {normalize_name(a.name): a for a in meeting.attendees()}
    by_id = {a.person_id: a for a in meeting.attendees()}
    for a in meeting.attendees():
        if not a.replaces:
            continue
        target = by_name.get(normalize_name(a.replaces))
        if target is None:
            target_id = next((pid for pid, p in site.people.items()
                              if normalize_name(a.replaces) in {normalize_name(n) for n in (p.name, *p.aliases)}), None)
            target = by_id.get(target_id) if target_id else None
        if target is None:
            problems.warning(path, a.line, "replaces-not-listed",
                             f"{a.name} ersätter {a.replaces}, men {a.replaces} finns inte i närvaro. "
                             "Lägg till ledamoten med status absent.")
        elif status_of.get(target.person_id) == PRESENT:
            problems.warning(path, a.line, "replaces-present",
                             f"{a.name} ersätter {a.replaces}, men {a.replaces} är markerad som närvarande. "
                             "Ge ledamoten status absent eller excused.")


def undeclared_occurrences(meeting: Meeting, site: Site) -> list[tuple[str, int, str]]:
    """(person id, line, name as written) of every undeclared attendee and justerare."""
    found = [(a.person_id, a.line, a.name) for a in meeting.attendees() if not site.people[a.person_id].declared]
    found += [(j.person_id, j.line, j.name) for j in meeting.justerare if not site.people[j.person_id].declared]
    return found


def spelling_verdicts(site: Site) -> dict[str, str]:
    """Undeclared person id -> the known name its spelling is very close to.

    Of two undeclared spellings close to each other, only the rarer (or the later, on a tie) is flagged.
    """
    frequency: Counter = Counter()
    for meeting in site.meetings:
        frequency.update(pid for pid, _, _ in undeclared_occurrences(meeting, site))
    if not frequency:
        return {}
    canonical: dict[str, str] = {}  # spelling -> canonical name
    for person in site.people.values():
        if person.declared:
            for spelling in (person.name, *person.aliases):
                canonical.setdefault(spelling, person.name)
    id_of = {site.people[pid].name: pid for pid in frequency}
    by_name = Counter({site.people[pid].name: n for pid, n in frequency.items()})
    unknown = sorted(by_name)
    known = sorted(set(canonical) | set(unknown))
    verdicts = {}
    for name, miss in find_near_misses(unknown, known).items():
        suggestion = canonical.get(miss.suggestion, miss.suggestion)
        if suggestion in by_name and not (by_name[name], suggestion) < (by_name[suggestion], name):
            continue
        verdicts[id_of[name]] = suggestion
    return verdicts


def warn_spellings(meeting: Meeting, site: Site, verdicts: dict[str, str], problems: Problems) -> None:
    """Warn where an undeclared name is very close to another known name."""
    for person_id, line, written in undeclared_occurrences(meeting, site):
        suggestion = verdicts.get(person_id)
        if suggestion:
            problems.warning(meeting.rel_path, line, "similar-name", similar_name_hint(written, suggestion))


def similar_name_hint(written: str, known: str) -> str:
    """Lead to the fix: correct a typo; keep a second spelling only if it is one (see plausible_alias);
    name a letter from another alphabet that only looks Latin."""
    lookalike = lookalike_letter(written)
    if lookalike and fold_name(written) == fold_name(known):
        return (f"Namnet {written} ser ut som {known} men innehåller {char_name(lookalike)}, en bokstav ur ett annat "
                "alfabet. Skriv namnet med vanliga bokstäver; är stavningen avsiktlig, lägg till den som alias i people.yaml.")
    if plausible_alias(written, known):
        return (f"Namnet {written} liknar {known}. Är det samma person, skriven på ett annat sätt? Lägg då till "
                f"{written} som alias till {known} i people.yaml; är det en annan person, lägg till hen där med eget id.")
    return (f"Menade du {known}? Namnet {written} liknar {known} men är stavat annorlunda. Rätta stavningen här; "
            "är det en annan person, lägg till hen i people.yaml med eget id.")


def warn_organisations(meeting: Meeting, site: Site, problems: Problems) -> None:
    """Warn where an organisation that organisations.yaml does not know is very close to one it does."""
    if not site.org_names:
        return
    for a in meeting.attendees():
        if a.org and normalize_org(a.org) not in site.org_names:
            known = near_organisation(a.org, tuple(site.org_names.items()))
            if known:
                problems.warning(meeting.rel_path, a.line, "similar-org",
                                 f"Menade du {known}? Organisationen {a.org} finns inte i organisations.yaml men "
                                 f"liknar {known}. Rätta stavningen, eller lägg till {a.org} under `aliases` för "
                                 f"{known} om det är samma organisation.")


@functools.lru_cache(maxsize=4096)
def near_organisation(org: str, org_names: tuple[tuple[str, str], ...]) -> str | None:
    """The canonical name of the organisation whose spelling is very close to `org`, if any."""
    misses = find_near_misses([org], [spelling for spelling, _ in org_names])
    return dict(org_names)[misses[org].suggestion] if org in misses else None
