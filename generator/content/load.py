"""Read sources into the validated model: parse -> validate -> resolve people.

Pure apart from reading the files `sources.discover` found. Every problem is
collected into the shared `Problems`; a file with errors is left out of the
model so later stages still run and report what they can.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

from . import frontmatter, records, schema
from generator.shared import parallel
from .model import TYPE_LABELS, AttendanceGroup, Attendee, Contact, Council, Justerare, Meeting, Person, Site, SiteConfig
from .people import Registry, normalize_name
from generator.shared.problems import Problems
from .sources import SourceFile, Sources, read_text
from generator.shared.urls import ID_RE


def load_yaml_file(source: SourceFile | None, problems: Problems):
    if source is None:
        return None
    text = read_text(source, problems)
    if text is None:
        return None
    return frontmatter.parse_yaml(text, source.rel_path, problems)


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


def load_site(sources: Sources, problems: Problems, cache: LoadCache | None = None, workers: int = 1) -> Site:
    """Build the model; without a cache, `workers` processes read the minutes."""
    config = None
    if sources.site:
        config = records.site_config(load_yaml_file(sources.site, problems), schema.Checker(sources.site.rel_path, problems))
    config = config or SiteConfig("Protokoll", "", "/", Contact("", "", ""))

    councils: dict[str, Council] = {}
    if sources.councils:
        councils = records.councils(load_yaml_file(sources.councils, problems), schema.Checker(sources.councils.rel_path, problems))

    declared: dict[str, Person] = {}
    if sources.people:
        for record in records.people(load_yaml_file(sources.people, problems), schema.Checker(sources.people.rel_path, problems)):
            declared[record.id] = Person(record.id, record.name, record.aliases, record.org, declared=True)

    attachments: dict[str, list[str]] = {}
    for source in sources.attachments:
        parts = PurePosixPath(source.content_rel).parts
        attachments.setdefault(f"{parts[1]}/{parts[2]}", []).append(parts[3])

    if cache:
        loaded = [cache.meeting(source, councils, problems) for source in sources.minutes]
    else:
        def load_one(source):
            found = Problems()
            return load_meeting(source, councils, found), found.items

        loaded = []
        for meeting, found in parallel.map_in_workers(load_one, sources.minutes, workers):
            problems.items.extend(found)
            loaded.append(meeting)
    loaded = [meeting for meeting in loaded if meeting]

    registry = Registry(declared)
    keys = [identity_keys(m, registry, problems) for m in loaded]
    people, inferred_ids = registry.finish()
    meetings = [with_people(m, k, inferred_ids, tuple(attachments.get(m.key, ()))) for m, k in zip(loaded, keys)]
    meetings.sort(key=lambda m: (m.date, m.key), reverse=True)
    return Site(config=config, councils=councils, people=people, meetings=tuple(meetings))


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
    split = frontmatter.split(text, source.rel_path, problems)
    if split is None:
        return None
    root = frontmatter.parse_yaml(split.yaml_text, source.rel_path, problems, split.yaml_first_line)
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
        body=split.body,
        body_first_line=split.body_first_line,
    )


def derive_title(meeting_type: str, councils: list[Council]) -> str:
    names = [c.name for c in councils]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    prefix = TYPE_LABELS[meeting_type]
    if len(names) > 1:
        return f"{prefix}, gemensamt möte: {joined}"
    return f"{prefix} {joined}"


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
        ), group.line)
        for group, keys in zip(meeting.groups, group_keys)
    )
    justerare = tuple(Justerare(j.name, inferred_ids.get(key, key), j.date, j.line) for j, key in zip(meeting.justerare, justerare_keys))
    return dataclasses.replace(meeting, groups=groups, justerare=justerare, attachments=attachments)
