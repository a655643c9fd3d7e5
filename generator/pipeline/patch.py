"""The fast path of the incremental engine: re-analyse only the edited minutes, against the previous analysis.

`analyse()` reads and checks every file; at 10,000 meetings that takes seconds
even with unchanged files cached. When the only changes are edits to minutes
that already were in the model, and each keeps its date and councils, the
rest of the analysis is known to stay as it was, and the edited meetings are
swapped into the previous model:

- people: the meeting names the same undeclared people, spelt the same way, as
  often as before, so no inferred person, display name or slug changes;
- checks: the per-meeting checks run on the edited meeting; the site-wide
  misspelling verdicts stand because no undeclared person's number of
  occurrences changed;
- plans: the same pages exist, since dates, councils and people are unchanged.

Anything else (a new, deleted or renamed file, site.yaml, councils.yaml,
people.yaml, an attachment, a changed date) returns None, and the caller runs
the full analysis. tests/test_patch.py compares the patched analysis with a
full one over a series of edits.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import Iterable

from generator.content import decisions, legal
from generator.content.checks import check_meeting, undeclared_occurrences, warn_spellings
from generator.content.load import LoadCache, identity_keys, with_canonical_orgs, with_people
from generator.content.model import Meeting, Site
from generator.content.people import Registry
from generator.pages.analysis import Analysis
from generator.shared.problems import ContentError, Problems

from .analyse import meeting_agenda


def patch(previous: Analysis, previous_problems: Problems, changed: Iterable[Path],
          cache: LoadCache) -> tuple[Analysis, Problems] | None:
    """The analysis after editing the `changed` minutes files, or None when only a full analysis will do.

    Raises ContentError when an edited file has errors (the rest of the site is known to have none).
    """
    site = previous.site
    sources = {source.src_path: source for source in previous.sources.minutes}
    edited = []
    for src_path in changed:
        source = sources.get(src_path.parent.resolve() / src_path.name)
        if source is None or not source.src_path.is_file():
            return None
        edited.append(source)
    if not edited:
        return None
    index = {m.content_rel: i for i, m in enumerate(site.meetings)}
    meetings, agendas, problems = list(site.meetings), dict(previous.agendas), Problems()
    declared = {pid: person for pid, person in site.people.items() if person.declared}
    failed = False
    for source in edited:
        i = index.get(source.content_rel)
        if i is None:
            return None  # left out of the model last time: its people were never counted
        old = meetings[i]
        loaded = cache.meeting(source, site.councils, problems)
        if loaded is None:
            failed = True
            continue
        if (loaded.date, loaded.council_ids) != (old.date, old.council_ids):
            return None  # the order of meetings, or which pages exist, changes
        meeting = _with_same_people(old, with_canonical_orgs(loaded, site.org_names), site, declared, problems)
        if meeting is None:
            return None
        check_meeting(meeting, site, problems)
        warn_spellings(meeting, site, previous.spellings, problems)
        agendas[meeting.key] = meeting_agenda(meeting, site, problems, cache)
        legal.check_meeting(meeting, site, agendas[meeting.key], problems)
        meetings[i] = meeting
    edited_paths = {source.rel_path for source in edited}
    problems.items[:0] = [p for p in previous_problems.items
                          if p.rel_path not in edited_paths and p.code not in decisions.SITE_CODES]
    decisions.check_paragraphs(meetings, agendas, problems)  # § numbers run across meetings
    if failed:
        raise ContentError(problems)
    new_site = dataclasses.replace(site, meetings=tuple(meetings))
    return dataclasses.replace(previous, site=new_site, agendas=agendas), problems


def _with_same_people(old: Meeting, loaded: Meeting, site: Site, declared: dict, problems: Problems) -> Meeting | None:
    """`loaded` with person ids resolved as `load_site` would, or None when its undeclared people
    (their spellings, or how often they occur) differ from `old`'s, so that people may change."""
    old_registry, new_registry = Registry(declared), Registry(declared)
    old_keys = identity_keys(old, old_registry, Problems())
    new_keys = identity_keys(loaded, new_registry, problems)
    if old_registry.inferred_names != new_registry.inferred_names:
        return None  # an undeclared person or spelling comes or goes: people and slugs may change
    person_ids = {}
    for group, keys in zip(old.groups, old_keys[0]):
        person_ids.update((key, a.person_id) for a, key in zip(group.attendees, keys))
    person_ids.update((key, j.person_id) for j, key in zip(old.justerare, old_keys[1]))
    meeting = with_people(loaded, new_keys, person_ids, old.attachments)
    if _undeclared(meeting, site) != _undeclared(old, site):
        return None  # the misspelling verdicts weigh how often each undeclared person occurs
    return meeting


def _undeclared(meeting: Meeting, site: Site) -> Counter:
    return Counter(person_id for person_id, _, _ in undeclared_occurrences(meeting, site))
