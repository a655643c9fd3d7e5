"""Meeting bodies parsed once per content, ever: `render_body` through a content-addressed cache.

A body's HTML and the problems found while rendering it depend on the body, the
file it came from (messages name its rel_path and lines), its agenda, the base URL
(`href`), the generator's code and the link targets its links resolve against.
The key (`body_key`) covers all of these but the link targets, which are only known
once the body is parsed: an entry records each target the render looked up, as it
was (or that there was none), and whether it went through all of them (a broken
link's "did you mean" hint compares every path). An entry is replayed only when
every target it recorded is the same now; otherwise the body is rendered again and
the entry replaced. Replaying appends the same problems in the same order, so a
cached build gives an uncached build's bytes and messages (tests/test_bodycache.py).

The store is an edge the pipeline supplies (pipeline/bodycache.py: files in the
user's cache); this module only says what an entry holds and when it may be used.
An entry that does not have exactly that shape is never used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from typing import Protocol

from generator.content.body import render_body
from generator.content.markdown import LinkTarget
from generator.content.model import AgendaItem, Meeting
from generator.shared.problems import ERROR, WARNING, Problem, Problems
from generator.shared.urls import Urls

ENTRY_FORMAT = 1


class BodyStore(Protocol):
    """Entries by key: data only (dicts, lists, strings, numbers), as `BodyCache` writes them."""

    def get(self, key: str) -> object | None: ...

    def put(self, key: str, entry: dict) -> None: ...


def body_key(meeting: Meeting, agenda: tuple[AgendaItem, ...], base_url: str, version: str) -> str:
    """Everything a body's render depends on except its link targets (those an entry records)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (version, base_url, meeting.rel_path, meeting.content_rel, str(meeting.body_first_line),
                 repr(agenda), meeting.body):  # the agenda is frozen dataclasses of strings, numbers and tuples
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class BodyCache:
    """`render_body` for one build, through `store`; `version` names the generator's code."""

    def __init__(self, store: BodyStore, version: str):
        self.store, self.version = store, version
        self._all: tuple[Mapping, str] | None = None

    def render(self, meeting: Meeting, agenda: tuple[AgendaItem, ...], targets: Mapping[str, LinkTarget], urls: Urls,
               problems: Problems) -> str:
        key = body_key(meeting, agenda, urls.base_url, self.version)
        replayed = self._replay(self.store.get(key), key, targets)
        if replayed is not None:
            html, found = replayed
        else:
            recording, found = _Recording(targets), Problems()
            html = render_body(meeting, agenda, recording, urls.href, found)
            self.store.put(key, {
                "format": ENTRY_FORMAT, "key": key, "html": html,
                "problems": [[p.rel_path, p.line, p.severity, p.code, p.message] for p in found.items],
                "targets": [[rel, *_target_data(target)] for rel, target in recording.used.items()],
                "all_targets": self._all_targets(targets) if recording.scanned else None,
            })
        problems.items.extend(found.items)
        return html

    def _replay(self, entry: object, key: str, targets: Mapping[str, LinkTarget]) -> tuple[str, Problems] | None:
        """The entry's HTML and problems, if it is well-formed, for `key`, and its targets are as they were."""
        if not (isinstance(entry, dict) and entry.get("format") == ENTRY_FORMAT and entry.get("key") == key
                and isinstance(entry.get("html"), str) and isinstance(entry.get("problems"), list)
                and isinstance(entry.get("targets"), list)):
            return None
        all_targets = entry.get("all_targets")
        if all_targets is not None and all_targets != self._all_targets(targets):
            return None
        for recorded in entry["targets"]:
            if not (isinstance(recorded, list) and recorded and isinstance(recorded[0], str)
                    and recorded[1:] == _target_data(targets.get(recorded[0]))):
                return None
        found = Problems()
        for item in entry["problems"]:
            if not (isinstance(item, list) and len(item) == 5 and type(item[1]) is int and item[1] >= 1
                    and item[2] in (ERROR, WARNING) and all(isinstance(item[i], str) for i in (0, 2, 3, 4))):
                return None
            found.items.append(Problem(*item))
        return entry["html"], found

    def _all_targets(self, targets: Mapping[str, LinkTarget]) -> str:
        """A digest of every target's path (all that a "did you mean" hint reads), once per targets."""
        if self._all is None or self._all[0] is not targets:
            digest = hashlib.blake2b(digest_size=20)
            for rel in sorted(targets):
                digest.update(rel.encode("utf-8", "surrogatepass") + b"\0")
            self._all = (targets, digest.hexdigest())
        return self._all[1]


def _target_data(target: LinkTarget | None) -> list:
    """A link target as an entry records it: [] for none."""
    if target is None:
        return []
    return [target.url, sorted(target.anchors), target.readable]


class _Recording(Mapping):
    """The link targets as one render sees them, noting each one it looks up and whether it went through all."""

    def __init__(self, targets: Mapping[str, LinkTarget]):
        self.targets = targets
        self.used: dict[str, LinkTarget | None] = {}
        self.scanned = False

    def __getitem__(self, rel: str) -> LinkTarget:
        self.used[rel] = target = self.targets.get(rel)
        if target is None:
            raise KeyError(rel)
        return target

    def __iter__(self) -> Iterator[str]:
        self.scanned = True
        return iter(self.targets)

    def __len__(self) -> int:
        self.scanned = True
        return len(self.targets)
