"""What the content directory already knows: councils, organisations, people.

An imported document's council names and organisations are matched against these
(rapidfuzz); whatever had to be matched rather than read is marked for checking.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from generator.content.load import load_site
from generator.content.model import Council
from generator.shared.problems import Problems
from generator.content.sources import discover

CONNECTORS = {"för", "samverkan", "samverkansrådet", "samverkansråd", "rådet", "gruppen", "i", "om", "för:"}
FILLER = {"och", "samt", "&", "för", "för:"}
WORD_RE = re.compile(r"[\wÀ-ÿ]+(?:-[\wÀ-ÿ]+)*")


def org_key(org: str) -> str:
    """"Askersund", "Askersund kommun" and "Askersunds kommun" share a key."""
    words = org.lower().replace("-", " ").split()
    if words and words[-1] in ("kommun", "kommuns"):
        words = words[:-1]
    if words and len(words[-1]) > 3 and words[-1].endswith("s"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


@dataclass(frozen=True)
class CouncilPattern:
    id: str
    kind: str
    """Stem of the name's first word (`specif`, `chefsg`): the kind of body."""
    topic: tuple[str, ...]
    """The words that tell it from its siblings (`folkhälsa`)."""


@dataclass
class Known:
    councils: dict[str, Council]
    orgs: dict[str, str] = field(default_factory=dict)
    """org key -> the spelling used most in the content."""
    org_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.patterns = [_pattern(c) for c in self.councils.values()]

    def resolve_org(self, written: str | None) -> tuple[str | None, str | None]:
        """(organisation to write, note when it differs from what the document says)."""
        if not written:
            return None, None
        if written in self.org_names:
            return written, None
        canonical = self.orgs.get(org_key(written))
        if canonical is None and self.org_names:
            best = process.extractOne(written, self.org_names, scorer=fuzz.ratio, score_cutoff=92)
            canonical = best[0] if best else None
        if canonical and canonical != written:
            return canonical, f"organisationen stod som \"{written}\""
        return written, None

    def councils_named(self, text: str) -> list[tuple[int, str]]:
        """(position, council id) of every council the text names, by its kind and topic words."""
        words = [w.lower() for w in WORD_RE.findall(text)]
        found = []
        for pattern in self.patterns:
            if not any(w.startswith(pattern.kind) for w in words):
                continue
            position = _topic_position(pattern.topic, words)
            if position is not None:
                found.append((position, pattern.id))
        return sorted(found)

    def council_heading(self, text: str) -> Council | None:
        """The council a short heading is the name of ("Specifika samverkansrådet folkhälsa")."""
        named = self.councils_named(text)
        if len(named) != 1:
            return None
        council = self.councils[named[0][1]]
        words = [w for w in WORD_RE.findall(text.lower()) if w not in FILLER]
        name_words = set(WORD_RE.findall(council.name.lower())) | set(WORD_RE.findall(council.short_name.lower()))
        return council if sum(1 for w in words if w in name_words or fuzz.ratio(w, max(
            name_words, key=lambda n: fuzz.ratio(w, n))) >= 85) >= len(words) - 1 else None


def _pattern(council: Council) -> CouncilPattern:
    words = [w.lower() for w in WORD_RE.findall(council.name)]
    kind = words[0][:6] if words else council.id
    topic = words[1:]
    while topic and topic[0] in CONNECTORS:
        topic = topic[1:]
    return CouncilPattern(council.id, kind, tuple(w for w in topic if w not in FILLER) or tuple(words))


def _topic_position(topic: tuple[str, ...], words: list[str]) -> int | None:
    """Index of the first topic word when every topic word occurs (fuzzily, in order) in words."""
    start, first = 0, None
    for needle in topic:
        for i in range(start, len(words)):
            if fuzz.ratio(needle, words[i]) >= 88:
                first = i if first is None else first
                start = i + 1
                break
        else:
            return None
    return first


def load_known(content: Path) -> tuple[Known, Problems]:
    """Councils, organisations and people of the content directory (its problems are returned, not raised)."""
    problems = Problems()
    site = load_site(discover(content, problems), problems)
    spellings: Counter = Counter()
    for council in site.councils.values():
        for _, members in council.roster:
            spellings.update(m.org for m in members if m.org)
    for person in site.people.values():
        if person.org:
            spellings[person.org] += 1
    for meeting in site.meetings:
        spellings.update(a.org for a in meeting.attendees() if a.org)
    orgs: dict[str, str] = {}
    for org, _ in spellings.most_common():
        orgs.setdefault(org_key(org), org)
    return Known(site.councils, orgs, sorted(spellings)), problems
