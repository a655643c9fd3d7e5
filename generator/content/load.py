"""Read sources into the validated model: parse -> validate -> resolve people.

Pure apart from reading the files `sources.discover` found. Every problem is
collected into the shared `Problems`; a file with errors is left out of the
model so later stages still run and report what they can.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

from generator.shared import parallel
from generator.shared.problems import Problems

from . import frontmatter, personnummer, records, schema
from .model import (
    TYPE_LABELS, AttendanceGroup, Attendee, Contact, Council, Justerare, Meeting, Organisation, Person, Site,
    SiteConfig,
)
from .placeholders import warn_import_notes, warn_placeholders
from .people import Registry, normalize_name, normalize_org
from .sources import SourceFile, Sources, read_text
from generator.shared.urls import ID_RE


def load_yaml_file(source: SourceFile | None, problems: Problems):
    """The file's YAML tree; an empty file is an empty scalar; None when the file is missing, or
    could not be read or parsed (the problem is reported, and nothing more is said about it)."""
    if source is None:
        return None
    text = read_text(source, problems)
    if text is None:
        return None
    personnummer.check_text(text, source.rel_path, problems)
    found = len(problems.items)
    root = frontmatter.parse_yaml(text, source.rel_path, problems)
    if root is None and len(problems.items) == found:
        return frontmatter.YScalar("", 1)  # no document at all
    return root


class LoadCache:
    """Results of pure per-file steps, with the problems they reported, kept between serve's rebuilds.

    A minutes file is re-read when its size or mtime changed, or when councils.yaml did
    (the file's validation depends on it); every other file's record is reused as is.
    """

    def __init__(self) -> None:
        self.entries: dict = {}

    def replay(self, key, problems: Problems, compute):
        hit = self.entries.get(key)
        if hit is None:
            found = Problems()
            hit = (compute(found), found.items)
            self.entries[key] = hit
        problems.items.extend(hit[1])
        return hit[0]

    def meeting(self, source: SourceFile, councils: dict[str, Council], problems: Problems) -> Meeting | None:
        try:
            st = source.src_path.stat()
        except OSError:
            return load_meeting(source, councils, problems)
        key = ("meeting", source.content_rel, st.st_mtime_ns, st.st_size, st.st_ino, _councils_key(councils))
        return self.replay(key, problems, lambda found: load_meeting(source, councils, found))

    def prune(self, keep: int = 50_000) -> None:
        if len(self.entries) > keep:
            self.entries.clear()


def _councils_key(councils: dict[str, Council]) -> int:
    return hash(tuple(councils.items()))


class UnreadCouncils(dict):
    """Stands in for a councils.yaml that could not be read at all (its own errors say why).

    Every well-formed id counts as a council, so that one broken file does not hide the
    problems of every minutes file, and no reference to a council is reported as unknown.
    """

    def __contains__(self, council_id) -> bool:
        return isinstance(council_id, str) and bool(ID_RE.match(council_id))

    def __missing__(self, council_id: str) -> Council:
        council = Council(council_id, council_id, council_id, "", "protokoll", justering=False)  # unknown: no warning
        self[council_id] = council
        return council


def load_site(sources: Sources, problems: Problems, cache: LoadCache | None = None, workers: int = 1,
              on_read=None) -> Site:
    """Build the model; without a cache, `workers` processes read the minutes.

    `on_read` (a progress counter) is called with the number of minutes files just read."""
    config = None
    if sources.site:
        config = records.site_config(load_yaml_file(sources.site, problems), schema.Checker(sources.site.rel_path, problems))
    config = config or SiteConfig("Protokoll", "", "/", Contact("", "", ""))

    councils: dict[str, Council] = UnreadCouncils()  # missing, refused or unreadable: its own error says so
    root = load_yaml_file(sources.councils, problems)
    if root is not None:
        councils = records.councils(root, schema.Checker(sources.councils.rel_path, problems))

    org_names: dict[str, str] = {}
    if sources.organisations:
        org_names = organisation_names(records.organisations(
            load_yaml_file(sources.organisations, problems), schema.Checker(sources.organisations.rel_path, problems)))
        if not isinstance(councils, UnreadCouncils):
            councils = with_canonical_rosters(councils, org_names)

    declared: dict[str, Person] = {}
    if sources.people:
        for record in records.people(load_yaml_file(sources.people, problems), schema.Checker(sources.people.rel_path, problems)):
            declared[record.id] = Person(record.id, record.name, record.aliases, canonical_org(record.org, org_names),
                                         declared=True)

    attachments: dict[str, list[str]] = {}
    for source in sources.attachments:
        parts = PurePosixPath(source.content_rel).parts
        if parts[1] not in councils:
            problems.error(source.rel_path, 0, "orphan-attachment",
                           f"Bilagan ligger under `{parts[1]}`, som inte är ett råd i councils.yaml, och publiceras inte. "
                           "Lägg mötet och dess bilagor i mappen för mötets råd.")
        attachments.setdefault(f"{parts[1]}/{parts[2]}", []).append(parts[3])
        personnummer.check_file_name(parts[3], source.rel_path, problems)

    if cache:
        loaded = [cache.meeting(source, councils, problems) for source in sources.minutes]
        if on_read is not None:
            on_read(len(loaded))
    else:
        def load_one(source):
            found = Problems()
            return load_meeting(source, councils, found), found.items

        loaded = []
        for meeting, found in parallel.map_in_workers(load_one, sources.minutes, workers, on_read):
            problems.items.extend(found)
            loaded.append(meeting)
    loaded = [meeting for meeting in loaded if meeting]
    if isinstance(councils, UnreadCouncils):  # the stand-ins made in forked readers, made here too
        for meeting in loaded:
            for council_id in meeting.council_ids:
                councils[council_id]  # noqa: B018

    registry = Registry(declared)
    loaded = [with_canonical_orgs(m, org_names) for m in loaded]
    keys = [identity_keys(m, registry, problems) for m in loaded]
    people, inferred_ids = registry.finish()
    meetings = [with_people(m, k, inferred_ids, tuple(attachments.get(m.key, ()))) for m, k in zip(loaded, keys)]
    meetings.sort(key=lambda m: (m.date, m.key), reverse=True)
    return Site(config=config, councils=councils, people=people, meetings=tuple(meetings), org_names=org_names)


def organisation_names(organisations: dict[str, Organisation]) -> dict[str, str]:
    """Every spelling (normalised) -> the canonical name of its organisation."""
    return {normalize_org(spelling): org.name for org in organisations.values() for spelling in (org.name, *org.aliases)}


def canonical_org(org: str | None, org_names: dict[str, str]) -> str | None:
    """The name organisations.yaml gives `org`, or `org` as written when the file does not know it."""
    return org_names.get(normalize_org(org), org) if org and org_names else org


def with_canonical_orgs(meeting: Meeting, org_names: dict[str, str]) -> Meeting:
    """The meeting with every attendee's organisation as organisations.yaml names it, before people
    are matched, so that two spellings of an organisation never split one person."""
    if not org_names:
        return meeting
    groups = tuple(AttendanceGroup(group.label, tuple(
        dataclasses.replace(a, org=canonical_org(a.org, org_names)) for a in group.attendees), group.line,
        group.vacancies) for group in meeting.groups)
    return dataclasses.replace(meeting, groups=groups)


def with_canonical_rosters(councils: dict[str, Council], org_names: dict[str, str]) -> dict[str, Council]:
    return {cid: dataclasses.replace(council, roster=tuple(
        (label, tuple(dataclasses.replace(m, org=canonical_org(m.org, org_names)) for m in members))
        for label, members in council.roster)) for cid, council in councils.items()}


def load_meeting(source: SourceFile, councils: dict[str, Council], problems: Problems) -> Meeting | None:
    parts = PurePosixPath(source.content_rel).parts  # minutes/<folder>/<stem>.md
    folder, stem = parts[1], parts[2][: -len(".md")]
    checker = schema.Checker(source.rel_path, problems)
    folder_ok = bool(ID_RE.match(folder))
    if not folder_ok:
        checker.error(0, "bad-folder", f"Mappnamnet `{folder}` ska vara ett råds id (a–z, 0–9 och bindestreck).")
    if not schema.STEM_RE.match(stem):
        checker.error(0, "bad-file-name",
                      f"Filnamnet `{stem}.md` ska vara mötets datum, ÅÅÅÅ-MM-DD.md (t.ex. 2025-03-21.md), "
                      "eventuellt följt av -tillägg för två möten samma dag.")
    text = read_text(source, problems)
    if text is None:
        return None
    warn_placeholders(text, source.rel_path, problems)
    personnummer.check_text(text, source.rel_path, problems)
    split = frontmatter.split(text, source.rel_path, problems)
    if split is None:
        return None
    schema.body_controls(split.body, split.body_first_line, checker)
    root = frontmatter.parse_yaml(split.yaml_text, source.rel_path, problems, split.yaml_first_line)
    warn_import_notes(split.yaml_text, split.yaml_first_line, source.rel_path, problems)
    if root is None and not split.yaml_text.strip():
        checker.error(1, "empty-front-matter", "Front matter är tom. Ange minst council, date, justerare och närvaro.")
    if root is None:
        return None
    header = records.meeting_header(root, checker, councils, folder, stem)
    if header is None or not folder_ok:
        return None
    council_type = councils[header.council_ids[0]].type
    meeting_type = header.type or council_type
    return Meeting(
        key=f"{folder}/{stem}",
        folder=folder,
        stem=stem,
        rel_path=source.rel_path,
        content_rel=source.content_rel,
        council_ids=header.council_ids,
        date=header.date,
        type=meeting_type,
        title=header.title or derive_title(meeting_type, [councils[c] for c in header.council_ids]),
        time=header.time,
        place=header.place,
        justerare=header.justerare,
        groups=header.groups,
        anslagen=header.anslagen,
        rattelser=header.rattelser,
        justerare_line=header.justerare_line,
        body=split.body,
        body_first_line=split.body_first_line,
    )


def derive_title(meeting_type: str, councils: list[Council]) -> str:
    names = [name_in_text(c.name) for c in councils]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    prefix = TYPE_LABELS[meeting_type]
    if len(names) > 1:
        return f"{prefix}, gemensamt möte: {joined}"
    return f"{prefix} {joined}"


def name_in_text(name: str) -> str:
    """A council's name as it reads inside a title: `Specifika samverkansrådet för folkhälsa` ->
    `specifika samverkansrådet för folkhälsa`. Left as written when it looks like a proper name:
    an acronym, or a second word that is capitalised too (`Region Örebro län`)."""
    words = name.split()
    first = words[0]
    if not (first[:1].isupper() and first[1:].islower()) or (len(words) > 1 and not words[1][:1].islower()):
        return name
    return first[:1].lower() + name[1:]


def identity_keys(meeting: Meeting, registry: Registry, problems: Problems) -> tuple[list[list[str]], list[str]]:
    """Identity key of every attendee (per group) and justerare; undeclared people's keys start with `~`."""
    def resolve(name: str, org: str | None, line: int) -> str:
        key, note = registry.resolve(name, org)
        if note:
            problems.warning(meeting.rel_path, line, "ambiguous-name", note)
        return key

    groups = [[resolve(a.name, a.org, a.line) for a in group.attendees] for group in meeting.groups]
    by_name: dict[str, str] = {}
    for group, keys in zip(meeting.groups, groups):
        for a, key in zip(group.attendees, keys):
            by_name.setdefault(normalize_name(a.name), key)
    # A justerare has no org of its own: the person of that name in närvaro, if any.
    justerare = [by_name.get(normalize_name(j.name)) or resolve(j.name, None, j.line) for j in meeting.justerare]
    return groups, justerare


def with_people(meeting: Meeting, keys, inferred_ids: dict[str, str], attachments: tuple[str, ...]) -> Meeting:
    """The meeting with final person ids, each record constructed once (this runs for every attendee)."""
    group_keys, justerare_keys = keys
    groups = tuple(
        AttendanceGroup(group.label, tuple(
            Attendee(a.name, inferred_ids.get(key, key), a.org, a.status, a.role, a.replaces, a.line)
            for a, key in zip(group.attendees, keys)
        ), group.line, group.vacancies)
        for group, keys in zip(meeting.groups, group_keys)
    )
    justerare = tuple(Justerare(j.name, inferred_ids.get(key, key), j.date, j.line) for j, key in zip(meeting.justerare, justerare_keys))
    return dataclasses.replace(meeting, groups=groups, justerare=justerare, attachments=attachments)
