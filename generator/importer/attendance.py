"""Attendance: lists and tables of people, in groups by their headings.

A struck-through name is absent (excused where the document's legend says
"meddelat förhinder"); in a list with ✓ marks a name without one is absent;
"X ersätts av Y" makes Y X's substitute; "(sekreterare)", "- ordförande" are
roles; "Vakant, RF-SISU" is a vacant seat; "Namn<tab>Organisation" columns and
"Namn, Organisation" both give the organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Paragraph, Span, Table
from .facts import ROLE_WORDS, clean_name, looks_like_name
from .known import Known

TICKS = "✓✔☑√"
SECTION_RE = re.compile(r"^(närvarolista|närvarande|närvaro|deltagare|deltog|närvarande och frånvarande|mötesdeltagare)"
                        r"\s*:?\s*$", re.IGNORECASE)
GROUP_RE = re.compile(r"^(närvarande\s+)?(ledamöter|ersättare|tjänstgörande ersättare|ej tjänstgörande ersättare|"
                      r"övriga( närvarande| deltagare)?|adjungerade|frånvarande|deltagare|tjänstepersoner)\s*:?\s*$",
                      re.IGNORECASE)
LEGEND_RE = re.compile(r"=\s*(deltog|närvarande|närvarade|meddelat förhinder|anmält förhinder|förhinder|frånvarande)",
                       re.IGNORECASE)
REPLACED_RE = re.compile(r"^(.+?)\s+ersätt(?:s|es) av\s+(.+)$", re.IGNORECASE)
VACANT_RE = re.compile(r"^vakant\b[\s,:–-]*(.*)$", re.IGNORECASE)
ROLE_SUFFIX_RE = re.compile(rf"\s*(?:[-–—]\s*|\()({'|'.join(re.escape(w) for w in ROLE_WORDS)})\)?\s*$", re.IGNORECASE)
TITLE_RE = re.compile(r"(chef|ledare|sekreterare|ordförande|samordnare|strateg|handläggare|direktör|utvecklare|"
                      r"specialist|rektor|ansvarig|föredragande|ombud|controller|konsult)", re.IGNORECASE)
COLUMNS_RE = re.compile(r"\t+| {2,}")


@dataclass
class Entry:
    name: str
    org: str | None = None
    status: str = "present"
    role: str | None = None
    replaces: str | None = None
    notes: list[str] = field(default_factory=list)
    vacant: bool = False
    """A vacant seat: `org` is the organisation, `name` is empty."""


@dataclass
class Group:
    label: str
    entries: list[Entry] = field(default_factory=list)
    note: str | None = None


@dataclass
class AttendanceReader:
    known: Known
    groups: list[Group] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    tick_mode: bool = False
    strike_status: str = "absent"
    group_org: str | None = None

    # --- recognising -------------------------------------------------------------

    def is_start(self, p: Paragraph) -> bool:
        text = p.text.strip()
        return bool(SECTION_RE.match(text) or GROUP_RE.match(text) or self.is_legend(p))

    def is_legend(self, p: Paragraph) -> bool:
        return bool(LEGEND_RE.search(p.text)) and len(p.text) < 120

    def legend(self, p: Paragraph) -> None:
        for line in p.lines():
            text = "".join(s.text for s in line)
            match = LEGEND_RE.search(text)
            if not match:
                continue
            meaning = match.group(1).lower()
            if any(t in text for t in TICKS):
                self.tick_mode = True
            if any(s.strike and s.text.strip() for s in line):
                self.strike_status = "excused" if "förhinder" in meaning else "absent"

    # --- feeding -------------------------------------------------------------------

    def paragraph(self, p: Paragraph) -> bool:
        """Take a paragraph of the attendance section; False when it is no part of it."""
        if self.is_legend(p):
            self.legend(p)
            return True
        lines = [line for line in p.lines() if "".join(s.text for s in line).strip()]
        if len(lines) == 1:
            text = clean_name("".join(s.text for s in lines[0]))
            if not _entry_like(text.split(",")[0]) and (len(text) > 100 or text.endswith((".", "!", "?"))):
                return False  # prose after the list: the minutes' text, not a name
            if self._heading(lines[0]):
                return True
        for line in lines:
            self.line(line)
        return bool(lines) or not p.text.strip()

    def table(self, table: Table) -> None:
        tick_cols = {i for row in table.rows for i, c in enumerate(row) if c.text in TICKS}
        self.tick_mode = self.tick_mode or bool(tick_cols)
        for row in table.rows:
            cells = [tuple(s for b in c.blocks if isinstance(b, Paragraph) for s in (*b.spans, Span("\t"))) for c in row]
            texts = ["".join(s.text for s in c).strip() for c in cells]
            if not any(texts) or all(t.lower().strip(":") in ("namn", "organisation", "närvaro", "roll", "") for t in texts):
                continue
            ticked = any(texts[i] in TICKS for i in tick_cols if i < len(texts)) if tick_cols else None
            spans = tuple(s for i, c in enumerate(cells) if i not in tick_cols for s in c)
            if len([t for i, t in enumerate(texts) if t and i not in tick_cols]) == 1 and self._heading(spans):
                continue
            self.line(spans, ticked)

    # --- one line --------------------------------------------------------------------

    def _heading(self, spans) -> bool:
        raw = "".join(s.text for s in spans).strip()
        text = clean_name(raw.replace("\t", " "))
        if not text or any(text.startswith(t) for t in TICKS):
            return False
        council = self.known.council_heading(text)
        generic = GROUP_RE.match(text) or SECTION_RE.match(text)
        bold = all(s.bold for s in spans if s.text.strip())
        name_part = clean_name(COLUMNS_RE.split(raw)[0].split(",")[0])
        if not (generic or council or text.endswith(":") or bold or not _entry_like(name_part)):
            return False
        self.headings.append(text.rstrip(":").strip())
        self.group_org = None
        return True

    def _open_group(self) -> Group:
        if self.headings:
            label, council = self._label()
            self.headings = []
            self.groups.append(Group(label))
            org, org_note = self.known.resolve_org(label) if not council and not GROUP_RE.match(label) else (None, None)
            self.group_org = org if org and org in self.known.org_names else None
            if self.group_org and org_note is None:
                self.groups[-1].note = f"organisationen {org} är hämtad från grupprubriken"
        elif not self.groups:
            self.groups.append(Group("Deltagare"))
        return self.groups[-1]

    def _label(self) -> tuple[str, bool]:
        """The group label from the headings since the last entry: "Ledamöter" under a council's
        heading becomes "Ledamöter SSR folkhälsa"; "Närvarande ledamöter" becomes "Ledamöter"."""
        stack = [h for h in self.headings if not SECTION_RE.match(h)] or self.headings[-1:]
        last = stack[-1]
        generic = GROUP_RE.match(last)
        council = next((c for h in reversed(stack[:-1]) for c in [self.known.council_heading(h)] if c), None)
        if generic:
            word = last[generic.start(2):].strip().rstrip(":")
            label = word[:1].upper() + word[1:]
            return (f"{label} {council.short_name}" if council else label), False
        return last, self.known.council_heading(last) is not None

    def line(self, spans, ticked: bool | None = None) -> None:
        text = "".join(s.text for s in spans)
        stripped = text.strip()
        if stripped[:1] in TICKS:
            ticked, self.tick_mode = True, True
            stripped = stripped[1:].strip()
        columns = [c.strip() for c in COLUMNS_RE.split(stripped) if c.strip()]
        if len(columns) >= 2 and "," not in columns[0]:
            stripped = f"{columns[0]}, {' '.join(columns[1:])}"
        else:
            stripped = " ".join(stripped.split())
        group = self._open_group() if self.headings or not self.groups else self.groups[-1]
        struck = _struck_share(spans)
        entries = self.entries(stripped)
        for entry in entries:
            if entry.vacant or entry.replaces:
                continue
            if struck > 0:
                entry.status = self.strike_status
                if struck < 1:
                    entry.notes.append("namnet är bara delvis överstruket; status är en gissning")
            elif self.tick_mode and not ticked and entry.status == "present":
                entry.status = "absent"
        group.entries.extend(entries)

    def entries(self, text: str) -> list[Entry]:
        vacant = VACANT_RE.match(text)
        if vacant:
            org, note = self.known.resolve_org(clean_name(vacant.group(1)) or self.group_org)
            return [Entry("", org or "", vacant=True, notes=[note] if note else [])]
        replaced = REPLACED_RE.match(text)
        if replaced:
            member = self.person(replaced.group(1))
            member.status = "absent"
            substitute = self.person(replaced.group(2))
            substitute.replaces = member.name
            return [member, substitute]
        return [self.person(text)]

    def person(self, text: str) -> Entry:
        name, _, rest = (part.strip() for part in text.partition(","))
        role = None
        if not rest:
            suffix = ROLE_SUFFIX_RE.search(name)
            if suffix:
                role, name = suffix.group(1).lower(), name[: suffix.start()]
        org = None
        notes = []
        if rest:
            rest = rest.strip(" ,;-–—")
            suffix = ROLE_SUFFIX_RE.search(rest)
            bare = rest[: suffix.start()].strip() if suffix else rest
            known_org = self.known.resolve_org(bare)[0] in self.known.org_names
            if self.group_org and not known_org:
                role = rest
            elif (bare[:1].islower() and TITLE_RE.search(bare)) or (not known_org and TITLE_RE.fullmatch(bare)):
                role = rest
            else:
                org, note = self.known.resolve_org(bare)
                notes += [note] if note else []
                role = suffix.group(1).lower() if suffix else None
        return Entry(clean_name(name), org or self.group_org, "present", role, None, notes)


def _entry_like(name_part: str) -> bool:
    return looks_like_name(name_part) or bool(VACANT_RE.match(name_part)) or bool(REPLACED_RE.match(name_part)) or \
        bool(ROLE_SUFFIX_RE.search(name_part) and looks_like_name(ROLE_SUFFIX_RE.sub("", name_part)))


def _struck_share(spans) -> float:
    """How much of the name (the line up to its first comma or column) is struck through."""
    letters = []
    for span in spans:
        text = span.text.strip()
        if not text or text in TICKS:
            continue
        if "\t" in span.text and letters:
            break
        letters.append((len(text.split(",")[0].strip()), span.strike))
        if "," in text:
            break
    total = sum(n for n, _ in letters)
    return sum(n for n, struck in letters if struck) / total if total else 0.0
