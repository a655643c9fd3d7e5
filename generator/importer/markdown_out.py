"""The neutral document's paragraphs, lists and tables as Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Block, Paragraph, Span, Table

ESCAPE_RE = re.compile(r"([\\`*_\[\]<])")
ENTITY_RE = re.compile(r"&(?=#?\w+;)")
LINE_START_RE = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|\+(?=\s)|=+\s*$|-{3,}\s*$|\|)")
TYPED_BULLET_RE = re.compile(r"^\s*[•\uf0b7\u25cf\u25aa\u2013\-*·]\s+")
# A decision line (DESIGN.md 1b) run into the paragraph before it starts its own paragraph.
DECISION_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=(?:Beslut|Reservation|Protokollsanteckning|Jäv):\s)")
TYPED_NUMBER_RE = re.compile(r"^\s*(\d{1,3})[.)]\s+")


def escape(text: str) -> str:
    return ENTITY_RE.sub(r"\\&", ESCAPE_RE.sub(r"\\\1", text))


def _url(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def inline(spans: tuple[Span, ...] | list[Span], image_dir: str = "") -> str:
    """Spans as inline Markdown: bold, italic, strikethrough, links, images, hard line breaks."""
    out: list[str] = []
    groups: list[tuple[tuple, list[Span]]] = []
    for span in spans:
        key = (span.bold, span.italic, span.strike, span.link)
        if span.text == "\n" or span.image:
            groups.append(((False, False, False, None), [span]))
        elif groups and groups[-1][0] == key and not groups[-1][1][-1].image and groups[-1][1][-1].text != "\n":
            groups[-1][1].append(span)
        else:
            groups.append((key, [span]))
    for (bold, italic, strike, link), members in groups:
        first = members[0]
        if first.image:
            out.append(f"![{escape(first.text)}]({_url(image_dir + first.image)})")
            continue
        if first.text == "\n":
            out.append("\\\n")
            continue
        raw = "".join(s.text for s in members).replace("\t", " ")
        core = raw.strip()
        if not core:
            out.append(" " if raw else "")
            continue
        lead, trail = raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()):]
        text = escape(re.sub(r" {2,}", " ", core))
        marks = "***" if bold and italic else "**" if bold else "*" if italic else ""
        text = f"{marks}{text}{marks}"
        if strike:
            text = f"~~{text}~~"
        if link and link.strip() not in ("", "#"):
            text = f"[{text}]({_url(link.strip())})"
        out.append(f"{' ' if lead else ''}{text}{' ' if trail else ''}")
    joined = "".join(out)
    joined = re.sub(r"(\\\n)+$", "", joined.strip())
    lines = [LINE_START_RE.sub(lambda m: m.group(1) + "\\" + m.group(2), line.strip()) for line in joined.split("\n")]
    return "\n".join(lines)


def plain(spans) -> str:
    return " ".join("".join(s.text for s in spans if not s.image).replace("\n", " ").replace("\t", " ").split())


@dataclass
class Writer:
    """Collects Markdown chunks; consecutive list items form one list."""

    image_dir: str = ""
    chunks: list[str] = field(default_factory=list)
    in_list: bool = False
    widths: list[int] = field(default_factory=list)

    def paragraph(self, text: str) -> None:
        if text.strip():
            self.chunks.append(text)
            self.in_list = False

    def heading(self, level: int, text: str) -> None:
        self.paragraph(f"{'#' * level} {text}")

    def list_item(self, level: int, marker: str, text: str) -> None:
        level = min(level, len(self.widths) if self.in_list else 0)
        indent = sum(self.widths[:level])
        self.widths = self.widths[:level] + [len(marker) + 1]
        body = text.replace("\n", "\n" + " " * (indent + len(marker) + 1))
        item = f"{' ' * indent}{marker} {body}"
        if self.in_list:
            self.chunks[-1] += "\n" + item
        else:
            self.chunks.append(item)
        self.in_list = True

    def block(self, block: Block) -> None:
        if isinstance(block, Table):
            self.table(block)
            return
        self.para(block)

    def para(self, p: Paragraph, spans=None) -> None:
        spans = tuple(spans if spans is not None else p.spans)
        text = inline(spans, self.image_dir)
        if not text.strip():
            return
        if p.heading:
            self.heading(3, inline(spans, self.image_dir).replace("\\\n", " "))
        elif p.listing is not None:
            marker = "-" if p.listing.kind == "bullet" else f"{p.listing.value}." if p.listing.label.endswith(".") and \
                p.listing.label[:-1].isdigit() else f"- {escape(p.listing.label)}"
            self.list_item(p.listing.level, marker, text)
        elif TYPED_BULLET_RE.match(text):
            self.list_item(0, "-", TYPED_BULLET_RE.sub("", text, count=1))
        elif TYPED_NUMBER_RE.match(text):
            number = TYPED_NUMBER_RE.match(text).group(1)
            self.list_item(0, f"{int(number)}.", TYPED_NUMBER_RE.sub("", text, count=1))
        else:
            for part in DECISION_SPLIT_RE.split(text):
                self.paragraph(part)

    def table(self, table: Table) -> None:
        rows = [[inline(tuple(s for b in cell.blocks if isinstance(b, Paragraph) for s in (*b.spans, Span(" "))),
                        self.image_dir).replace("\\\n", " ").replace("|", "\\|").replace("\n", " ") for cell in row]
                for row in table.rows if row]
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        self.paragraph("\n".join(lines))

    def text(self) -> str:
        return "\n\n".join(self.chunks)
