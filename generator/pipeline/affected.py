"""What an edit affects: the pages to render again after a change, or None for every page.

The rules read only the families' declarations (`pages.catalog.KINDS`: each
page kind's template and what it `Shows`), never page-kind names. A change
is handled selectively only when its effects are fully known: edits to
meetings that keep each one's key, date and councils, under the same site
settings, councils and people; templates that some page kinds declare; and
source files copied as they are. Anything else (site.yaml, councils.yaml,
people.yaml, a meeting added, removed or renamed, a changed date, changed
people, a shared or unknown template) affects every page. tests/test_warm.py
and tests/test_serve.py prove the bytes equal a full build's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.model import Meeting
from generator.pages.analysis import Analysis
from generator.pages.catalog import KINDS
from generator.pages.plan import Shows
from generator.pages.views import LATEST_ON_HOME, Indexes

DECLARED_TEMPLATES = frozenset(kind.template for kind in KINDS.values() if kind.template)


class _Every:
    """The keys of every page."""

    def __contains__(self, key: str) -> bool:
        return True


EVERY = _Every()


@dataclass
class Changes:
    """What changed since the last build or rebuild."""

    content: set[Path] | None = field(default_factory=set)
    """Content files added, changed or removed; None when unknown (everything is read again)."""
    templates: set[str] = field(default_factory=set)
    """Template names (paths inside a template directory) added, changed or removed, static files excepted."""
    static: bool = False
    """A static file of the templates changed."""

    def merge(self, later: Changes) -> Changes:
        content = None if self.content is None or later.content is None else self.content | later.content
        return Changes(content, self.templates | later.templates, self.static or later.static)


@dataclass
class Affected:
    pages: set[str]
    """dest_rel of every page to render."""
    first: set[str]
    """The edited meetings' own pages, rendered (and shown) first."""
    edited: list[Meeting]
    """The edited meetings, as they are now."""


def affected(old: Analysis, new: Analysis, changes: Changes, indexes: Indexes | None = None) -> Affected | None:
    """The pages that `changes` turned `old` into `new` affect; None: every page.

    `indexes` are the lookups of a render context of `old` or `new`, when one is at hand.
    """
    if any(template not in DECLARED_TEMPLATES for template in changes.templates):
        return None  # base.html, _macros.html, or a template no page kind declares
    if (old.site.config, old.site.councils, old.base_url) != (new.site.config, new.site.councils, new.base_url):
        return None
    if old.site.people is not new.site.people and old.site.people != new.site.people:
        return None
    if len(old.site.meetings) != len(new.site.meetings):
        return None
    changed = [(before, after) for before, after in zip(old.site.meetings, new.site.meetings)
               if before is not after and before != after]
    for before, after in changed:
        if before.key != after.key or before.date != after.date or before.council_ids != after.council_ids:
            return None  # the order or the set of pages changed
    own = {after.key for _, after in changed}
    wanted = {scope: set() for scope in Shows}
    wanted[Shows.SOURCE] = _changed_sources(new, changes.content)
    seen_elsewhere = [(before, after) for before, after in changed
                      if public_view(before) != public_view(after) or old.agendas[after.key] != new.agendas[after.key]]
    if seen_elsewhere:
        _shown_elsewhere(old, new, seen_elsewhere, indexes or Indexes.build(new.site), wanted)
    for _, after in changed:
        if _anchors(old, after.key) != _anchors(new, after.key):
            wanted[Shows.MEETING] |= _linking_to(new, after)
    listed = {name: set() for name, kind in KINDS.items() if kind.shows is Shows.LISTED}
    for name in listed:
        for _, after in seen_elsewhere:
            listed[name] |= KINDS[name].listed_on(new.site, after)
    first, pages = set(), set()
    for page in new.plans:
        kind = KINDS[page.kind]
        if kind.shows is Shows.MEETING and page.key in own:
            first.add(page.dest_rel)
        elif (page.key in (listed[page.kind] if kind.shows is Shows.LISTED else wanted[kind.shows])
              or kind.template in changes.templates):
            pages.add(page.dest_rel)
    if new.plans is not old.plans:
        pages |= {p.dest_rel for p in new.plans} - {p.dest_rel for p in old.plans}
    return Affected(pages | first, first, [after for _, after in changed])


def _shown_elsewhere(old: Analysis, new: Analysis, changed: list, indexes: Indexes, wanted: dict) -> None:
    """Add the keys of every page besides their own that shows something of the `changed` meetings."""
    latest = {m.key for m in old.site.meetings[:LATEST_ON_HOME]} | {m.key for m in new.site.meetings[:LATEST_ON_HOME]}
    wanted[Shows.ANY_MEETING] = EVERY
    for before, after in changed:
        for council_id in after.council_ids:
            wanted[Shows.COUNCIL].add(council_id)
            wanted[Shows.COUNCIL_YEAR].add(f"{council_id}/{after.date.year}")
            wanted[Shows.MEETING] |= _neighbours(indexes, council_id, after.key)
        wanted[Shows.PERSON] |= {a.person_id for m in (before, after) for a in m.attendees()}
        wanted[Shows.PERSON] |= {j.person_id for m in (before, after) for j in m.justerare}
        if after.key in latest:
            wanted[Shows.LATEST] = EVERY


def public_view(meeting: Meeting) -> tuple:
    """What pages other than the meeting's own show of it: everything but the body and line numbers."""
    return (
        meeting.type, meeting.title, meeting.time, meeting.place, meeting.attachments, meeting.anslagen, meeting.rattelser,
        tuple((j.name, j.person_id, j.date) for j in meeting.justerare),
        tuple((g.label, tuple((a.name, a.person_id, a.org, a.status, a.role, a.replaces) for a in g.attendees))
              for g in meeting.groups),
    )


def _changed_sources(new: Analysis, content: set[Path] | None) -> set[str]:
    """content_rel of the source files copied as they are (attachments) that changed; all when unknown."""
    sources = new.sources.attachments
    if content is None:
        return {source.content_rel for source in sources}
    changed = {path.parent.resolve() / path.name for path in content}
    return {source.content_rel for source in sources if source.src_path in changed}


def _anchors(analysis: Analysis, key: str) -> frozenset[str]:
    return frozenset(item.anchor for item in analysis.agendas[key])


def _linking_to(analysis: Analysis, meeting: Meeting) -> set[str]:
    """Keys of the meetings whose body may link to `meeting` (their link checks depend on its anchors)."""
    needle = f"{meeting.stem}.md"
    return {m.key for m in analysis.site.meetings
            if needle in m.body or "%" in m.body}  # a link's path may be percent-encoded


def _neighbours(indexes: Indexes, council_id: str, key: str) -> set[str]:
    """Keys of the meetings before and after `key` in the council (their pages' prev/next links)."""
    siblings = indexes.by_council.get(council_id, [])
    i = indexes.position.get((council_id, key))
    if i is None:
        return set()
    return {siblings[j].key for j in (i - 1, i + 1) if 0 <= j < len(siblings)}
