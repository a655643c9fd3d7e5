"""The head of a minutes document: title, type, time, place and justering, from its labelled lines.

"Tid: Fredag den 6 maj kl 13.00-16.00", "När: 6 februari 2026, 08:30 – 12.00",
"Plats:", "Var:", "Justerat av: A 2026-03-24, B 2026-03-24", "Justerat den:
2022-08-25" with the signature block under it, "Justerare: …", "Vid protokollet".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .document import Paragraph
from .facts import FoundDate, clean_name, find_date, find_time, looks_like_name, role_word

TITLE_RE = re.compile(r"^\s*[-–]?\s*(protokoll|minnesanteckningar|mötesanteckningar|anteckningar)\b", re.IGNORECASE)
LABEL_RE = re.compile(r"^\s*(tid|när|datum|mötesdatum|plats|var|lokal|justerat av|justerad av|justerat den|"
                      r"justerad den|justerat|justerare|justeras av|justeras)\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)
SIGNATURE_SPLIT_RE = re.compile(r"\t+| {2,}")
TYPES = {"protokoll": "protokoll", "minnesanteckningar": "minnesanteckningar", "mötesanteckningar": "minnesanteckningar",
         "anteckningar": "minnesanteckningar"}


@dataclass
class Head:
    title: str | None = None
    type: str | None = None
    found_date: FoundDate | None = None
    date_text: str = ""
    time: str | None = None
    place: str | None = None
    justerare: list[tuple[str, dt.date | None]] = field(default_factory=list)
    justering_date: dt.date | None = None
    roles: dict[str, str] = field(default_factory=dict)
    """Name -> role the head gives (the secretary "Vid protokollet", the signatures' "Ordförande")."""
    preamble: list[str] = field(default_factory=list)
    """Text of the head's lines that belong in the body (the rest of a "Tid:" line)."""
    expect: str | None = None
    """What the next lines are: `secretary` after "Vid protokollet", `signatures` after "Justerat den"."""
    signature_names: list[str] = field(default_factory=list)

    def take_title(self, text: str) -> None:
        text = " ".join(text.split())
        match = TITLE_RE.match(text)
        self.type = TYPES[match.group(1).lower()] if match else None
        found = find_date(text)
        if found and found.date and text[found.end:].strip(" .") == "":
            self.found_date = self.found_date or found
            text = text[: found.start].rstrip(" ,–-")
        self.title = text.lstrip("-– ").strip()

    def title_continues(self) -> bool:
        return bool(self.title) and (self.title.endswith(":") or (self.title.lower() in TYPES))

    def continue_title(self, text: str) -> None:
        self.title = f"{self.title} {' '.join(text.split()).lstrip('-– ')}".strip()

    def line(self, p: Paragraph) -> bool:
        """Take a labelled line of the head; False when the paragraph is none."""
        text = p.text.strip()
        if self.expect:
            if self._expected(text):
                return True
        if text.lower().startswith("vid protokollet"):
            self.expect = "secretary"
            return True
        match = LABEL_RE.match(text)
        if not match:
            return False
        label, value = match.group(1).lower(), " ".join(match.group(2).split())
        if label in ("tid", "när", "datum", "mötesdatum"):
            self._when(value)
        elif label in ("plats", "var", "lokal"):
            self.place = value.strip(" .") or None
        elif label in ("justerat den", "justerad den", "justerat") and find_date(value):
            self.justering_date = find_date(value).date
            self.expect = "signatures"
        else:
            self.justerare += [item for item in (_justerare(part) for part in re.split(r",\s*|\s+och\s+", value)) if item]
        return True

    def _when(self, value: str) -> None:
        found = find_date(value)
        rest = value
        if found:
            self.found_date, self.date_text = found, value[found.start:found.end]
            rest = rest[: found.start] + " " + rest[found.end:]
        time = find_time(rest)
        if time:
            self.time = time[0]
            rest = rest[: time[1]] + " " + rest[time[2]:]
        rest = " ".join(rest.split()).strip(" ,.–-")
        if re.search(r"[A-Za-zÅÄÖåäö]{3}", rest) and not re.fullmatch(r"(?i)(måndag|tisdag|onsdag|torsdag|fredag|"
                                                                        r"lördag|söndag)(en)?( den)?", rest):
            self.preamble.append(rest)

    def _expected(self, text: str) -> bool:
        parts = [clean_name(part) for part in SIGNATURE_SPLIT_RE.split(text) if clean_name(part)]
        if not parts:
            return False
        if self.expect == "secretary":
            if looks_like_name(parts[0]) and len(parts) == 1:
                self.signature_names = parts
                return True
            if role_word(parts[0]) and self.signature_names:
                self.roles[self.signature_names[0]] = role_word(parts[0]).rstrip(".")
                self.expect = None
                return True
        if self.expect == "signatures":
            if all(looks_like_name(p) for p in parts):
                self.signature_names = parts
                self.justerare += [(name, self.justering_date) for name in parts]
                return True
            if all(role_word(p) for p in parts) and self.signature_names:
                for name, role in zip(self.signature_names, parts):
                    if role_word(role) not in ("justerare",):
                        self.roles[name] = role_word(role)
                self.expect = None
                return True
        self.expect = None
        return False


def _justerare(part: str) -> tuple[str, dt.date | None] | None:
    found = find_date(part)
    name = clean_name(part[: found.start] + part[found.end:] if found else part)
    return (name, found.date if found else None) if name else None


def letterhead_roles(lines: list[str]) -> dict[str, str]:
    """"Sekreterare" over a name in a letterhead: that person's role."""
    roles = {}
    for label, value in zip(lines, lines[1:]):
        role = role_word(label)
        if role and looks_like_name(clean_name(value)):
            roles[clean_name(value)] = role
    return roles
