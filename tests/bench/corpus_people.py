"""The corpus's people and councils: names that the misspelling check keeps apart, and the plans of meetings."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from generator.content.people import fold_name

from .corpus_text import FIRST_NAMES, STATEMENT_TEXTS, SURNAMES

NAME_CUTOFF = 84.0
"""Names (and aliases of other people) stay below this similarity; the build warns at 88."""


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    org: str
    aliases: tuple[str, ...] = ()
    declared: bool = False


@dataclass
class Member:
    person: Person
    role: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def serves(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass
class CouncilSpec:
    id: str
    name: str
    short_name: str
    description: str
    type: str
    political: bool
    members: list[Member] = field(default_factory=list)
    substitutes: list[Member] = field(default_factory=list)
    officials: list[Person] = field(default_factory=list)
    upcoming: list[dt.date] = field(default_factory=list)
    unverified: bool = False
    """Some meeting has no justerare: the council says `justering: false`."""


@dataclass
class MeetingPlan:
    councils: list[CouncilSpec]
    date: dt.date
    items: int
    first: int | None = None
    """The first § of a protokoll council's meeting (numbered per council and year); None for points."""

    @property
    def folder(self) -> str:
        return self.councils[0].id

    @property
    def rel(self) -> str:
        return f"{self.folder}/{self.date.isoformat()}.md"


def ascii_id(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
    text = name.casefold().translate(table)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text).split())


class NamePool:
    """Names (and aliases) that the misspelling check sees as clearly different people."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.keys: list[str] = []
        self.names: set[str] = set()

    def close_to_any(self, name: str, ignore: frozenset[str] = frozenset()) -> bool:
        key = fold_name(name)
        for match, score, _ in process.extract(key, self.keys, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF, limit=None):
            if match not in ignore:
                return True
        return False

    def add(self, name: str) -> None:
        self.keys.append(fold_name(name))
        self.names.add(name)

    def new_name(self) -> str:
        for _ in range(100_000):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            if self.rng.random() < 0.06:
                name = f"{name} {self.rng.choice(SURNAMES)}"
            if name not in self.names and not self.close_to_any(name):
                self.add(name)
                return name
        raise RuntimeError("no more distinct names in the pool")

    def alias_for(self, name: str) -> str | None:
        """A misspelling or variant of `name` that is not close to anyone else's name."""
        first, _, last = name.partition(" ")
        variants = [f"{last} {first}"]
        if "-" in last:
            variants.append(f"{first} {last.replace('-', ' ')}")
        for i in range(1, len(last) - 1):
            if last[i].isalpha() and last[i + 1].isalpha() and last[i] != last[i + 1]:
                variants.append(f"{first} {last[:i]}{last[i + 1:]}")  # a letter dropped
                variants.append(f"{first} {last[:i + 1]}{last[i:]}")  # a letter doubled
        self.rng.shuffle(variants)
        own = frozenset({fold_name(name)})
        for alias in variants:
            if alias != name and not self.close_to_any(alias, own):
                self.add(alias)
                return alias
        return None


def statement_lines(rng: random.Random, written: list[str], political: bool) -> list[str]:
    """Now and then a reservation (political councils), a protokollsanteckning or a jäv after a
    decision, by people present (as `written` in the minutes); a blank line ends them."""
    if len(written) < 4:
        return []
    people = rng.sample(written, 4)
    lines = []
    if political and rng.random() < 0.1:
        lines.append(f"Reservation: {', '.join(people[:rng.randint(1, 2)])} – {rng.choice(STATEMENT_TEXTS['Reservation'])}")
    if rng.random() < 0.05:
        lines.append(f"Protokollsanteckning: {people[2]} – {rng.choice(STATEMENT_TEXTS['Protokollsanteckning'])}")
    if rng.random() < 0.03:
        lines.append(f"Jäv: {people[3]}")
    return [*lines, ""] if lines else []
