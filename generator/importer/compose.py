"""One document, read block by block into an imported meeting: head, agenda with bodies, attendance.

The document is walked once. Before the title is the letterhead; after it come
labelled lines (header.py), then agenda items and attendance in either order.
Everything the importer had to infer rather than read is noted for the editor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .agenda import SUB_ITEM_RE, Item, drop_chars, is_agenda_label, strip_leading, text_of, title_and_body, typed_number
from .attendance import AttendanceReader, Group
from .document import Document, Paragraph, Span, Table
from .facts import ISO_DATE_RE, WEEKDAYS, find_date, year_for
from .furniture import drop_furniture
from .header import TITLE_RE, Head, letterhead_roles
from .known import Known
from .markdown_out import Writer, plain

ROW_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*[.)]?(?:\s+|$)")
JUSTERARE_ITEM_RE = re.compile(r"justerare", re.IGNORECASE)


@dataclass
class Imported:
    src_name: str
    council_ids: list[str]
    date: dt.date
    type: str
    title: str | None
    time: str | None
    place: str | None
    justerare: list[tuple[str, dt.date | None]]
    groups: list[Group]
    body: str
    items: list[Item]
    notes: dict[str, list[str]] = field(default_factory=dict)
    """Field (`date`, `council`, `justerare`, `body`) -> what to check there."""
    warnings: list[str] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)


class Unrecognised(Exception):
    """A fact the importer needs (council, date) was not found; the message says how to give it."""


@dataclass
class Composer:
    doc: Document
    known: Known
    head: Head = field(default_factory=Head)
    items: list[Item] = field(default_factory=list)
    preamble: list = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    agenda_list: str | None = None
    headings_are_items: bool = False

    def __post_init__(self) -> None:
        self.attendance = AttendanceReader(self.known)

    def note(self, key: str, text: str) -> None:
        self.notes.setdefault(key, []).append(text)

    # --- the walk --------------------------------------------------------------------

    def walk(self) -> None:
        blocks = drop_furniture(self.doc)
        title_at = next((i for i, b in enumerate(blocks[:60]) if isinstance(b, Paragraph) and TITLE_RE.match(b.text)), None)
        letterhead = blocks[:title_at] if title_at is not None else []
        self.letterhead = [line for b in letterhead if isinstance(b, Paragraph)
                           for line in ("".join(s.text for s in ln).strip() for ln in b.lines()) if line]
        rest = blocks[title_at:] if title_at is not None else blocks
        self.headings_are_items = not any(self._numbered(b) for b in rest)
        mode = "head"
        for index, block in enumerate(rest):
            if index == 0 and title_at is not None:
                self.head.take_title(block.text)
                continue
            if mode == "head" and isinstance(block, Paragraph) and self.head.title_continues() and not self.items:
                self.head.continue_title(block.text)
                continue
            if isinstance(block, Table):
                mode = self._table(block, mode)
                continue
            mode = self._paragraph(block, mode)

    def _numbered(self, block) -> bool:
        if isinstance(block, Table):
            return self._agenda_table(block)
        listing = block.listing
        return bool((listing and listing.kind == "number" and listing.level == 0) or
                    (typed_number(block.text) and not listing))

    def _paragraph(self, p: Paragraph, mode: str) -> str:
        if self.attendance.is_legend(p):
            self.attendance.legend(p)
            return "attendance"
        if mode == "head" and self.head.line(p):
            return mode
        start = self._item_start(p)
        if start is not None:
            self._open_item(p, *start)
            return "agenda"
        if mode != "attendance" and self.attendance.is_start(p):
            self.attendance.paragraph(p)
            return "attendance"
        if mode == "attendance" and self.attendance.paragraph(p):
            return mode
        if is_agenda_label(p):
            return mode
        if self.items:
            self._add_body(p)
            return "agenda" if mode != "head" else mode
        self.preamble.append((p, None))
        return mode

    def _table(self, table: Table, mode: str) -> str:
        if self._agenda_table(table):
            self._agenda_rows(table)
            return "agenda"
        if mode == "attendance":
            self.attendance.table(table)
            return mode
        (self.items[-1].blocks if self.items else self.preamble).append((table, None))
        return mode

    # --- agenda ------------------------------------------------------------------------

    def _item_start(self, p: Paragraph) -> tuple[int, bool, int, bool] | None:
        """(number, is §, characters of the number to drop, inferred) when p starts an agenda item."""
        expected = self.items[-1].number + 1 if self.items else None
        listing = p.listing
        if listing and listing.kind == "number" and listing.level == 0 and p.listing.label[:1].isdigit():
            if self.agenda_list in (None, listing.list_id) and (self.items or self.agenda_list is None):
                self.agenda_list = listing.list_id
                return listing.value, False, 0, False
            return None
        typed = typed_number(p.text)
        if typed and not listing:
            number, paragraph, prefix = typed
            if (expected is None and (number == 1 or paragraph)) or number == expected:
                return number, paragraph, prefix, False
        if self.headings_are_items and p.heading == 1:
            return (expected or 1), False, 0, True
        return None

    def _open_item(self, p: Paragraph, number: int, paragraph: bool, prefix: int, inferred: bool) -> None:
        spans = strip_leading(drop_chars(p.spans, prefix))
        if p.heading:
            title, rest = _heading_title(spans)
        else:
            title, rest = title_and_body(spans)
        item = Item(number, title or f"Punkt {number}", paragraph, inferred=inferred)
        if rest and text_of(rest).strip():
            item.blocks.append((_rest_of(p), rest))
        self.items.append(item)

    def _add_body(self, block) -> None:
        """A block of the current item's text; "6a. Title" in item 6 is a sub-item heading."""
        sub = SUB_ITEM_RE.match(block.text) if isinstance(block, Paragraph) else None
        if sub and int(sub.group(1)) == self.items[-1].number:
            self._sub_item(block, sub)
        else:
            self.items[-1].blocks.append((block, None))

    def _sub_item(self, p: Paragraph, sub: re.Match) -> None:
        label = f"{sub.group(1)}{sub.group(2)}."
        title, rest = title_and_body(drop_chars(p.spans, sub.end()), detect_presenters=False)
        heading = Paragraph((), heading=3)
        self.items[-1].blocks.append((heading, (Span(f"{label} {title.rstrip('.')}"),)))
        if rest and text_of(rest).strip():
            self.items[-1].blocks.append((_rest_of(p), rest))

    def _agenda_table(self, table: Table) -> bool:
        numbered = [row for row in table.rows if row and ROW_NUMBER_RE.match(row[0].text)]
        return len(numbered) >= 2 and len(table.rows[0]) >= 2

    def _agenda_rows(self, table: Table) -> None:
        for row in table.rows:
            first = row[0].text
            number = ROW_NUMBER_RE.match(first)
            paragraphs = [[b for b in cell.blocks] for cell in row]
            if number is None:
                if first.strip() or not self.items:
                    continue  # the table's header row
                for block in (b for cell in paragraphs[1:] for b in cell):
                    self._add_body(block)
                continue
            if len(row) >= 3:
                title = " ".join(plain(b.spans) for b in paragraphs[1] if isinstance(b, Paragraph)).strip()
                body, first_rest = [b for cell in paragraphs[2:] for b in cell], []
            else:
                cell = [b for b in paragraphs[1] if not (isinstance(b, Paragraph) and not b.text.strip())]
                title, rest = title_and_body(cell[0].spans, detect_presenters=False) if cell and isinstance(
                    cell[0], Paragraph) else ("", ())
                first_rest = [(_rest_of(cell[0]), rest)] if rest and text_of(rest).strip() else []
                body = cell[1:]
                who = " ".join(first[number.end():].split())
                notes = re.findall(r"\([^)]*\)", who)
                who = " ".join(re.sub(r"\([^)]*\)", " ", who).split())
                presenter_lines = [plain(b.spans) for b in paragraphs[0] if isinstance(b, Paragraph)]
                presenter_lines = [re.sub(r"\([^)]*\)", "", ROW_NUMBER_RE.sub("", line, count=1)).strip()
                                   for line in presenter_lines]
                who = ", ".join(line for line in presenter_lines if line) or who
                if who:
                    title = f"{title} – {who}"
                body = [Paragraph((Span(n),)) for n in notes] + body
            self.items.append(Item(int(number.group(1)), title or f"Punkt {number.group(1)}"))
            self.items[-1].blocks += first_rest
            for block in body:
                self._add_body(block)

    # --- the meeting ------------------------------------------------------------------

    def meeting(self, council: list[str] | None, date: dt.date | None, file_stem: str) -> Imported:
        council_ids = council or self._councils()
        meeting_date = date or self._date(file_stem)
        groups = [g for g in self.attendance.groups if g.entries]
        roles = {**letterhead_roles(self.letterhead), **self.head.roles}
        for entry in (e for g in groups for e in g.entries):
            if entry.name in roles and not entry.role:
                entry.role = roles[entry.name]
        justerare = self.head.justerare or self._justerare_from_items(groups)
        listed = {e.name for g in groups for e in g.entries}
        for name, _ in justerare:
            if name not in listed:
                self.warnings.append(f"justeraren {name} finns inte i närvarolistan")
        if self.items and all(item.inferred for item in self.items):
            self.note("body", f"punkterna saknade nummer i Word och har numrerats 1–{len(self.items)}")
        for p in (b for item in self.items for b, _ in item.blocks if isinstance(b, Paragraph) and b.tracked):
            item = next(i for i in self.items if any(b is p for b, _ in i.blocks))
            self.note("body", f"spårade ändringar i punkt {item.number} (\"{_snippet(p.text)}\"): tillagd text är "
                              "med, borttagen text är struken")
        for p in (b for b, _ in self.preamble if isinstance(b, Paragraph) and b.tracked):
            self.note("body", f"spårade ändringar före första punkten (\"{_snippet(p.text)}\")")
        meeting_type = self.head.type or self.known.councils[council_ids[0]].type
        return Imported(self.doc.src_name, council_ids, meeting_date, meeting_type, self.head.title, self.head.time,
                        self.head.place, justerare, groups, self._body(meeting_date), self.items, self.notes,
                        self.warnings, self.doc.images)

    def _councils(self) -> list[str]:
        sources = [self.head.title or "", *self.letterhead, *self.doc.page_furniture, *self.head.preamble,
                   *(text_of(b.spans) for b, _ in self.preamble if isinstance(b, Paragraph))]
        found: list[str] = []
        for i, text in enumerate(sources):
            for _, council_id in self.known.councils_named(text):
                if council_id not in found:
                    found.append(council_id)
                    if i > 0 and len(found) > 1:
                        self.note("council", f"{council_id} är med som gemensamt råd enligt texten \"{_snippet(text)}\"")
        if not found:
            raise Unrecognised("rådet kunde inte kännas igen i rubriken eller brevhuvudet. Ange det med --council ID "
                               f"(råd som finns: {', '.join(self.known.councils)}).")
        return found

    def _date(self, file_stem: str) -> dt.date:
        found = self.head.found_date
        if found is None and self.head.title:
            found = find_date(self.head.title)
        if found and found.date:
            if found.weekday is not None and found.date.weekday() != found.weekday:
                self.note("date", f"veckodagen {WEEKDAYS[found.weekday]} stämmer inte med datumet")
            return found.date
        if found:
            hints = [d for _, d in self.head.justerare if d] + ([self.head.justering_date] if self.head.justering_date else [])
            hints += [dt.date(self.doc.year, 12, 31)] if self.doc.year else []
            day, reason = year_for(found.day, found.month, found.weekday, hints)
            if day:
                self.note("date", reason + (" ur justeringsdatumet" if self.head.justerare or self.head.justering_date
                                            else " ur dokumentets datum"))
                return day
        from_name = ISO_DATE_RE.search(file_stem)
        if from_name:
            try:
                day = dt.date(*(int(g) for g in from_name.groups()))
            except ValueError:
                day = None
            if day:
                self.note("date", "datumet är hämtat ur filnamnet")
                return day
        raise Unrecognised("mötesdatumet hittades inte (väntade t.ex. \"Tid: 13 mars 2026\"). Ange det med --date ÅÅÅÅ-MM-DD.")

    def _justerare_from_items(self, groups: list[Group]) -> list[tuple[str, dt.date | None]]:
        names = [e.name for g in groups for e in g.entries if e.name]
        for item in self.items:
            if not JUSTERARE_ITEM_RE.search(item.title):
                continue
            text = " ".join(text_of(spans if spans is not None else b.spans) for b, spans in item.blocks
                            if isinstance(b, Paragraph))
            chosen = [n for n in dict.fromkeys(names) if n in text]
            if chosen:
                self.note("justerare", f"justerarna är hämtade ur punkt {item.number} ({item.title})")
                return [(n, None) for n in chosen]
        return []

    def _body(self, meeting_date: dt.date) -> str:
        image_dir = f"{meeting_date.isoformat()}/"
        chunks = []
        preamble = Writer(image_dir)
        for text in self.head.preamble:
            preamble.paragraph(text)
        for block, spans in self.preamble:
            preamble.para(block, spans) if isinstance(block, Paragraph) else preamble.block(block)
        chunks += preamble.chunks
        for item in self.items:
            chunks.append(f"## § {item.number} {item.title}" if item.paragraph else f"## {item.number}. {item.title}")
            writer = Writer(image_dir)
            for block, spans in item.blocks:
                writer.para(block, spans) if isinstance(block, Paragraph) else writer.block(block)
            chunks += writer.chunks
        return "\n\n".join(chunks) + "\n"


def _heading_title(spans) -> tuple[str, tuple]:
    """A heading's title; text after a closing presenter parenthesis ("(Anna Ek) PP bifogas") starts the body."""
    text = text_of(spans)
    close = text.rfind(")")
    if close > 0 and text[close + 1:].strip():
        return " ".join(text[: close + 1].split()), strip_leading(drop_chars(spans, close + 1))
    return " ".join(text.replace("\n", " ").split()), ()


def _rest_of(p: Paragraph) -> Paragraph:
    """A plain paragraph for the text after an item's title (not a heading or list item)."""
    return Paragraph(p.spans, tracked=p.tracked, index=p.index)


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "…"
