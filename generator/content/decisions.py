"""Decisions as data (DESIGN.md 1b): each agenda item's `Beslut:`, its reservations,
protokollsanteckningar and jäv, and the numbering of paragraphs across meetings.

Like `markdown.scan_agenda`, this is a line scan of the body, done for every
meeting before anything is rendered (the decision log, person pages, open data
and feeds need every decision). `decision_markup.mark_up` then finds the same
lines in the parsed body and marks them up.

- `Beslut: …` (or `**Beslut:** …`) starts the item's decision; it runs to the end
  of its paragraph. `### Beslut` starts a decision block that runs to the next heading.
- `Reservation:`, `Protokollsanteckning:` and `Jäv:` are one line each: names
  separated by commas (or `och`), then optionally ` – ` and free text. Every name
  must be someone in the meeting's närvaro, who was there.
- `check_paragraphs`: `## § N` items are numbered per council (the file's first)
  and calendar year; a number used twice is an error, a gap between meetings a warning.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass, field

from generator.content.markdown import unfenced_lines
from generator.content.model import (
    JAV, PRESENT, PROTOKOLLSANTECKNING, RESERVATION, AgendaItem, Decision, Meeting, NamedPerson, Person, Statement,
)
from generator.content.people import normalize_name
from generator.content.schema import did_you_mean
from generator.shared.problems import Problems

DECISION = "beslut"
LABELS = {DECISION: "Beslut", RESERVATION: "Reservation", PROTOKOLLSANTECKNING: "Protokollsanteckning", JAV: "Jäv"}
KIND_OF_LABEL = {label: kind for kind, label in LABELS.items()}
_WORDS = "|".join(LABELS.values())
MARKER_RE = re.compile(
    rf"^(?:\*\*(?P<bold>{_WORDS}):\*\*|\*\*(?P<bold_colon>{_WORDS})\*\*:|(?P<plain>{_WORDS}):)(?:[ \t]+(?P<rest>.*?))?[ \t]*$")
"""A decision line: `Beslut: …`, `**Beslut:** …` or `**Beslut**: …` (and the same for the other three words)."""
HEADING_RE = re.compile(r"^###[ \t]+Beslut:?[ \t]*(?:#+[ \t]*)?$")
ANY_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|"
    "fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|"
    "menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul")
INTERRUPT_RE = re.compile(
    rf"^ {{0,3}}(?:>|[-+*][ \t]|1[.)][ \t]|<(?:script|pre|style|textarea)(?:\s|>|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|"
    rf"</?(?:{_BLOCK_TAGS})(?:\s|/?>|$)|(?:[-*_][ \t]*){{3,}}$)", re.IGNORECASE)
"""Lines that end a Markdown paragraph without a blank line before them (CommonMark)."""
DASH_RE = re.compile(r"(?:^|[ \t]+)[–—-](?:[ \t]+|$)")
NAME_SEPARATOR_RE = re.compile(r"[ \t]*,[ \t]*|[ \t]+och[ \t]+")
PARTY_RE = re.compile(r"[ \t]*\([^()]*\)$")
QUICK_WORDS = tuple(LABELS.values())
LINE_STARTS = ("#", " ", "*", *QUICK_WORDS)
"""A line that starts otherwise matters only while a decision's text is being read."""


def marker(text: str) -> tuple[str, str] | None:
    """(kind, the text after the label) of a decision line, or None."""
    match = MARKER_RE.match(text)
    if match is None:
        return None
    label = match.group("bold") or match.group("bold_colon") or match.group("plain")
    return KIND_OF_LABEL[label], match.group("rest") or ""


def split_statement(rest: str) -> tuple[list[str], list[str], str]:
    """`Jonas Hansen, Tom Persson – text` -> (names, the separators between them as written, free text)."""
    parts = DASH_RE.split(rest, maxsplit=1)
    names_part, text = parts[0], parts[1].strip() if len(parts) > 1 else ""
    pieces = NAME_SEPARATOR_RE.split(names_part)
    separators = NAME_SEPARATOR_RE.findall(names_part)
    return [p.strip() for p in pieces], separators, text


@dataclass
class _Open:
    """A decision whose text is still being read."""

    anchor: str
    line: int
    heading: bool
    lines: list[str] = field(default_factory=list)
    end_line: int = 0


@dataclass
class _Found:
    decision: Decision | None = None
    statements: list[tuple[str, int, str]] = field(default_factory=list)
    """(kind, line, text after the label) in the order written."""


def attach(meeting: Meeting, agenda: tuple[AgendaItem, ...], people: dict[str, Person],
           problems: Problems) -> tuple[AgendaItem, ...]:
    """The agenda with each item's decision and statements, the people in them resolved."""
    if not any(word in meeting.body for word in QUICK_WORDS):
        return agenda
    found = scan(meeting.body, meeting.rel_path, meeting.body_first_line, agenda, problems)
    resolver = Resolver(meeting, people) if any(f.statements for f in found.values()) else None
    result = []
    for item in agenda:
        item_found = found[item.anchor]
        statements = tuple(s for s in (resolver.statement(kind, line, rest, problems)
                                       for kind, line, rest in item_found.statements) if s)
        if item_found.decision is None:
            for statement in statements:
                if statement.kind == RESERVATION:
                    problems.warning(meeting.rel_path, statement.line, "reservation-without-decision",
                                     f"Reservationen hör till {item.label}, som inte har något beslut. En reservation "
                                     "gäller ett beslut: skriv beslutet med `Beslut:`, eller ta bort reservationen.")
        if item_found.decision or statements:
            item = dataclasses.replace(item, decision=item_found.decision, statements=statements)
        result.append(item)
    return tuple(result)


def scan(body: str, rel_path: str, first_line: int, agenda: tuple[AgendaItem, ...], problems: Problems) -> dict[str, _Found]:
    """Each item's decision and its statement lines (unresolved), by anchor."""
    by_line = {item.line: item for item in agenda}
    found = {item.anchor: _Found() for item in agenda}
    item: AgendaItem | None = None
    current: _Open | None = None
    last_offset = -2

    def close() -> None:
        nonlocal current
        if current is None:
            return
        text = " ".join(current.lines)
        if not text:
            problems.error(rel_path, current.line, "empty-decision",
                           "Beslutet saknar text. Skriv beslutet efter `Beslut:` (eller i stycket under `### Beslut`).")
        else:
            found[current.anchor].decision = Decision(text, current.line, current.end_line, current.heading)
        current = None

    def start(line: int, heading: bool, rest: str = "") -> None:
        nonlocal current
        label = "### Beslut" if heading else "Beslut:"
        if item is None:
            problems.error(rel_path, line, "decision-outside-item",
                           f"`{label}` står utanför ett ärende. Ett beslut hör till ett ärende: lägg det under ärendets "
                           "rubrik (`## 3. Rubrik` eller `## § 3 Rubrik`).")
            return
        if found[item.anchor].decision is not None or current is not None:
            first = found[item.anchor].decision.line if found[item.anchor].decision else current.line
            problems.error(rel_path, line, "second-decision",
                           f"{item.label.capitalize()} har redan ett beslut (rad {first}). Ett ärende har ett beslut: "
                           "skriv allt som beslutades i samma stycke, eller dela upp ärendet.")
            return
        current = _Open(item.anchor, line, heading, [rest] if rest else [], line)

    for offset, text in unfenced_lines(body):
        if current is None and not text.startswith(LINE_STARTS):
            continue
        line = first_line + offset
        if offset != last_offset + 1 and current is not None and not current.heading:
            close()  # a fenced code block ended the paragraph
        last_offset = offset
        heading = ANY_HEADING_RE.match(text)
        if heading:
            close()
            if len(heading.group(1)) <= 2:  # `# …` is shown as level 2 too (markdown.parse)
                item = by_line.get(line)
            elif HEADING_RE.match(text):
                start(line, heading=True)
            continue
        kind_rest = marker(text)
        if kind_rest is not None:
            kind, rest = kind_rest
            if kind == DECISION:
                if current is not None and not current.heading:
                    close()
                start(line, heading=False, rest=rest)
            else:
                if current is not None and not current.heading:
                    close()
                if item is None:
                    problems.error(rel_path, line, "decision-outside-item",
                                   f"`{LABELS[kind]}:` står utanför ett ärende. Lägg raden under ärendets rubrik, "
                                   "efter beslutet.")
                else:
                    found[item.anchor].statements.append((kind, line, rest))
            continue
        if current is None:
            continue
        if not text.strip():
            if not current.heading:
                close()
        elif not current.heading and INTERRUPT_RE.match(text):
            close()
        else:
            current.lines.append(text.strip())
            current.end_line = line
    close()
    return found


class Resolver:
    """Names in decision lines -> the meeting's attendees, as närvaro resolves them (aliases too)."""

    def __init__(self, meeting: Meeting, people: dict[str, Person]):
        self.rel_path = meeting.rel_path
        self.by_name: dict[str, object] = {}
        self.spellings: list[str] = []
        for a in meeting.attendees():
            person = people.get(a.person_id)
            spellings = (a.name, *((person.name, *person.aliases) if person else ()))
            for spelling in spellings:
                key = normalize_name(spelling)
                known = self.by_name.get(key)
                if known is None or (known.status != PRESENT and a.status == PRESENT):
                    self.by_name[key] = a
                if spelling not in self.spellings:
                    self.spellings.append(spelling)

    def statement(self, kind: str, line: int, rest: str, problems: Problems) -> Statement | None:
        names, _, text = split_statement(rest)
        label = LABELS[kind]
        if not any(names):
            problems.error(self.rel_path, line, "statement-without-names",
                           f"`{label}:` ska följas av namn ur närvaron, t.ex. `{label}: Anna Ahnér – fri text`.")
            return None
        people = []
        for name in names:
            if not name:
                continue
            attendee = self.by_name.get(normalize_name(PARTY_RE.sub("", name)))
            if attendee is None:
                hint = did_you_mean(PARTY_RE.sub("", name), self.spellings, 0.8,
                                    " Lägg till personen i närvaro, eller rätta stavningen.", quote="")
                problems.error(self.rel_path, line, "unknown-person", f"{name} i `{label}:` finns inte i mötets närvaro.{hint}")
                continue
            if attendee.status != PRESENT:
                why = ("Jäv betyder att personen var med på mötet men inte deltog i ärendet"
                       if kind == JAV else f"Den som står i `{label}:` måste ha varit med på mötet")
                problems.error(self.rel_path, line, "person-absent",
                               f"{name} i `{label}:` är inte markerad som närvarande i närvaron. {why}: rätta närvaron "
                               "eller raden.")
                continue
            people.append(NamedPerson(name, attendee.person_id))
        if not people:
            return None
        return Statement(kind, tuple(people), text, line)


def check_paragraphs(meetings, agendas: dict[str, tuple[AgendaItem, ...]], problems: Problems) -> None:
    """§ numbers per council (the file's first) and calendar year: used twice is an error, a gap a warning."""
    groups: dict[tuple[str, int], list] = defaultdict(list)
    for meeting in sorted(meetings, key=lambda m: (m.date, m.key)):
        items = [item for item in agendas.get(meeting.key, ()) if item.paragraph]
        if items:
            groups[(meeting.council_ids[0], meeting.date.year)].append((meeting, items))
    for (_, year), entries in groups.items():
        seen: dict[int, tuple[Meeting, AgendaItem]] = {}
        previous = None
        for meeting, items in entries:
            numbers = [int(item.number) for item in items]
            first = numbers[0]
            if previous is not None and first != previous[1] + 1 and first not in seen:
                problems.warning(meeting.rel_path, items[0].line, "paragraph-gap",
                                 f"Mötet börjar med § {first}, men förra mötet samma år ({previous[0].rel_path}) "
                                 f"slutade med § {previous[1]}. Saknas ett protokoll, eller ska numreringen "
                                 f"fortsätta med § {previous[1] + 1}?")
            for number, item in zip(numbers, items):
                other = seen.get(number)
                if other is not None:
                    problems.error(meeting.rel_path, item.line, "duplicate-paragraph",
                                   f"§ {number} finns redan i {other[0].rel_path} (rad {other[1].line}). Paragraferna "
                                   f"numreras löpande per råd och år ({year}): nästa lediga är § {max(seen) + 1}.")
                else:
                    seen[number] = (meeting, item)
            previous = (meeting, max(numbers))


SITE_CODES = frozenset({"paragraph-gap", "duplicate-paragraph"})
"""Problems `check_paragraphs` reports: they depend on other meetings, so serve's fast path recomputes them."""
