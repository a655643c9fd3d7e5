"""Who is who: the people register, alias resolution, slugs, misspelling check.

A person is identified by a normalised name (NFC, collapsed white space,
case-folded). `people.yaml` declares canonical people with aliases, and tells
homonyms apart by organisation. Names that are not declared become people of
their own; they are never merged silently, but a name very close to another
one is reported with the suggested canonical spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import Person
from generator.shared.urls import slugify


def normalize_name(name: str) -> str:
    """Identity key: NFC, single spaces, case-folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


HOMOGLYPHS = str.maketrans(
    "авеѕһіјкмнорсьтуүхԁԛԝӏαβεηικμνορτυχζ",
    "abeshijkmhopcbtyyxdqwlabehikmnoptyxz",
)
"""Cyrillic and Greek letters (case-folded) that look like Latin ones: `Аnna` with a Cyrillic А
folds to the same key as `Anna`, so the misspelling check names it."""


def lookalike_letter(name: str) -> str | None:
    """The first Cyrillic or Greek letter in `name` that looks like a Latin one, if any."""
    return next((ch for ch in name if ord(ch.casefold()[0]) in HOMOGLYPHS), None)


def fold_name(name: str) -> str:
    """Spelling-insensitive key: no diacritics, no hyphens, Latin look-alikes as Latin, tokens in order."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(HOMOGLYPHS)
    tokens = re.sub(r"[\W_]+", " ", text).split()
    return " ".join(sorted(tokens))


def plausible_alias(written: str, known: str) -> bool:
    """Whether `written` reads as another way of writing `known`, not as a typo of it.

    Yes when only accents, hyphens, case or word order differ ("Ahner" for "Ahnér"), when
    one drops or adds a whole name ("Anna Ahnér" for "Anna Karin Ahnér"), or when a name is
    written as its initial ("A. Ahnér"). A changed, doubled or missing letter is a typo:
    "Kotilainnen" for "Kotilainen" is not a second spelling to keep.
    """
    a, b = fold_name(written).split(), fold_name(known).split()
    if a == b or set(a) < set(b) or set(b) < set(a):
        return True
    only_a, only_b = [t for t in a if t not in b], [t for t in b if t not in a]
    return (len(only_a) == len(only_b) and all(len(t) == 1 for t in only_a)
            and sorted(only_a) == sorted(t[0] for t in only_b))


def normalize_org(org: str | None) -> str:
    return normalize_name(org) if org else ""


@dataclass
class Registry:
    """Resolves names as written to person ids."""

    declared: dict[str, Person]
    by_name: dict[str, list[Person]] = field(default_factory=dict)
    inferred_names: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    """Normalised name -> spellings seen, for names not in people.yaml."""

    def __post_init__(self) -> None:
        for person in self.declared.values():
            for spelling in (person.name, *person.aliases):
                candidates = self.by_name.setdefault(normalize_name(spelling), [])
                if person not in candidates:
                    candidates.append(person)

    def resolve(self, name: str, org: str | None) -> tuple[str, str | None]:
        """Return (identity key, ambiguity note). Keys of undeclared people start with `~`."""
        key = normalize_name(name)
        candidates = self.by_name.get(key, [])
        if candidates:
            wanted = normalize_org(org)
            same_org = [p for p in candidates if p.org and normalize_org(p.org) == wanted]
            if same_org:
                return same_org[0].id, None
            without_org = [p for p in candidates if not p.org]
            if without_org:
                return without_org[0].id, None
            if not org and len(candidates) == 1:
                return candidates[0].id, None
            if not org:
                ids = ", ".join(p.id for p in candidates)
                return candidates[0].id, f"Flera personer heter {name} ({ids}). Ange organisation så att rätt person väljs."
            # A declared homonym with another organisation: a different person.
        self.inferred_names[key][" ".join(name.split())] += 1
        return "~" + key, None

    def finish(self) -> tuple[dict[str, Person], dict[str, str]]:
        """All people (declared first), and identity key -> person id for inferred people."""
        taken = set(self.declared)
        display = {
            key: sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            for key, spellings in self.inferred_names.items()
        }
        ids = assign_slugs(display, taken)
        people = dict(self.declared)
        for key in sorted(display, key=lambda k: ids[k]):
            people[ids[key]] = Person(id=ids[key], name=display[key])
        return people, {"~" + key: person_id for key, person_id in ids.items()}


def assign_slugs(names: dict[str, str], taken: set[str]) -> dict[str, str]:
    """Collision-free, deterministic ASCII slugs for key -> display name.

    The plain fold (Å -> a) is used when it is unique; names whose plain
    slugs collide use the Scandinavian fold (Å -> aa), and any collision left
    after that gets -2, -3 ... in sorted key order.
    """
    plain: dict[str, list[str]] = defaultdict(list)
    for key in sorted(names):
        plain[slugify(names[key])].append(key)
    slugs: dict[str, str] = {}
    second: dict[str, list[str]] = defaultdict(list)
    for slug, keys in plain.items():
        if len(keys) == 1 and slug not in taken:
            slugs[keys[0]] = slug
        else:
            for key in keys:
                second[slugify(names[key], scandinavian=True)].append(key)
    used = taken | set(slugs.values())
    for slug, keys in sorted(second.items()):
        for key in keys:
            candidate, n = slug, 1
            while candidate in used:
                n += 1
                candidate = f"{slug}-{n}"
            slugs[key] = candidate
            used.add(candidate)
    return slugs


@dataclass(frozen=True)
class NearMiss:
    name: str
    """The name as written, not in the register."""
    suggestion: str
    """The known canonical name it is very close to."""
    score: float


def find_near_misses(unknown: list[str], known: list[str], cutoff: float = 88.0) -> dict[str, NearMiss]:
    """For each unknown name, the closest known name at or above `cutoff`.

    Closeness is measured on `fold_name` keys (no diacritics, hyphens or token
    order), with rapidfuzz's C implementation over the whole matrix at once.
    """
    from rapidfuzz import fuzz, process

    if not unknown or not known:
        return {}
    unknown_keys = [fold_name(n) for n in unknown]
    known_keys = [fold_name(n) for n in known]
    matrix = process.cdist(
        unknown_keys, known_keys, scorer=fuzz.ratio, score_cutoff=cutoff, workers=-1, dtype="uint8",
    )
    result: dict[str, NearMiss] = {}
    for row, name in enumerate(unknown):
        scores = matrix[row]
        best_col, best = -1, 0
        for col in scores.nonzero()[0]:
            if known[col] != name and scores[col] > best:
                best_col, best = int(col), int(scores[col])
        if best_col >= 0:
            result[name] = NearMiss(name, known[best_col], float(best))
    return result
