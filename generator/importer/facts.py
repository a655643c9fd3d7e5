"""Recognising the facts a Swedish minutes document states in words: dates, times, justering, names.

Pure functions over text; no Word and no content directory here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {"januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5,
          "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
          "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
TEXT_DATE_RE = re.compile(
    rf"(?:\b({'|'.join(WEEKDAYS)})(?:en)?\s+(?:den\s+)?)?\b(\d{{1,2}})(?::e|:a)?\s+({_MONTH_ALT})\.?(?:\s+(\d{{4}}))?\b",
    re.IGNORECASE)
ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
TIME_KL_RE = re.compile(r"\bkl(?:ockan)?\.?\s*(\d{1,2})(?:[.:](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[.:](\d{2}))?", re.IGNORECASE)
TIME_BARE_RE = re.compile(r"\b(\d{1,2})[.:](\d{2})\s*[-–—]\s*(\d{1,2})[.:](\d{2})\b")
NAME_TOKEN_RE = re.compile(r"^[A-ZÅÄÖÉÈÜÆØ][\wÀ-ÿ'’.]*(?:-[A-ZÅÄÖÉÈÜÆØa-zåäö][\wÀ-ÿ'’]*)*$")
PARTICLES = {"von", "af", "de", "van", "der", "la", "du", "di", "da", "el", "al", "bin"}
ROLE_WORDS = ("vice ordförande", "ordförande", "ordf.", "ordf", "sekreterare", "justerare", "föredragande",
              "adjungerad", "mötesordförande")


@dataclass(frozen=True)
class FoundDate:
    date: dt.date | None
    """None when the text gives no year (see `month`, `day`, `weekday`)."""
    day: int
    month: int
    weekday: int | None
    start: int
    end: int


def find_date(text: str) -> FoundDate | None:
    """The first date in text: ISO, or "13 mars 2026", "Fredag den 6 maj" (no year: date None)."""
    iso = ISO_DATE_RE.search(text)
    spoken = TEXT_DATE_RE.search(text)
    if iso and (not spoken or iso.start() <= spoken.start()):
        try:
            day = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
        return FoundDate(day, day.day, day.month, None, iso.start(), iso.end())
    if not spoken:
        return None
    weekday = WEEKDAYS.index(spoken.group(1).lower()) if spoken.group(1) else None
    day, month = int(spoken.group(2)), MONTHS[spoken.group(3).lower()]
    date = None
    if spoken.group(4):
        try:
            date = dt.date(int(spoken.group(4)), month, day)
        except ValueError:
            return None
    return FoundDate(date, day, month, weekday, spoken.start(), spoken.end())


def find_time(text: str) -> tuple[str, int, int] | None:
    """("13:00-16:00", start, end) from "kl 13.00–16.00", "kl 9-12" or "08:30 – 12.00"."""
    match = TIME_KL_RE.search(text) or TIME_BARE_RE.search(text)
    if not match:
        return None
    h1, m1, h2, m2 = match.groups()
    if int(h1) > 23 or int(h2) > 24 or int(m1 or 0) > 59 or int(m2 or 0) > 59:
        return None
    return f"{int(h1):02d}:{m1 or '00'}-{int(h2):02d}:{m2 or '00'}", match.start(), match.end()


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words (particles such as "af" allowed): "Anna Ahnér", "AnnaMaj Björk"."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    caps = [w for w in words if w.lower() not in PARTICLES]
    return len(caps) >= 2 and all(NAME_TOKEN_RE.match(w) for w in caps) and NAME_TOKEN_RE.match(words[0]) is not None


def role_word(text: str) -> str | None:
    """The role a short text names ("Ordförande", "ordf.", "sekreterare"), else None."""
    lowered = text.strip().strip(",;:").lower()
    return lowered if lowered in ROLE_WORDS else None


def clean_name(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" ,;:-–—")


def year_for(day: int, month: int, weekday: int | None, hints: list[dt.date]) -> tuple[dt.date | None, str]:
    """The meeting's date when its year is not written: the year of the first hint (a justering date,
    another date in the document, the file's date) that makes a real date, preferring one whose weekday
    matches; the reason says which hint it was."""
    candidates = []
    for hint in hints:
        for year in (hint.year, hint.year - 1):
            try:
                day_date = dt.date(year, month, day)
            except ValueError:
                continue
            if day_date <= hint or year == hint.year:
                candidates.append(day_date)
                break
    if not candidates:
        return None, ""
    if weekday is not None:
        for candidate in candidates:
            if candidate.weekday() == weekday:
                return candidate, f"året {candidate.year} är härlett (veckodagen {WEEKDAYS[weekday]} stämmer)"
        return candidates[0], f"året {candidates[0].year} är härlett, men veckodagen {WEEKDAYS[weekday]} stämmer inte"
    return candidates[0], f"året {candidates[0].year} är härlett"
