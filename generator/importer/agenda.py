"""Agenda items: their numbers, titles with presenters, and where their text starts.

A title is the paragraph's bold lead ("**Nära vård** – Ammi Gustavsson, Jan
Sundelius. PPT bifogas."), else the whole paragraph; names after the lead's dash
are presenters, kept in the title ("Nära vård – Ammi Gustavsson, Jan Sundelius"),
and the text after them starts the item's body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Block, Paragraph, Span
from .facts import ROLE_WORDS

TYPED_ITEM_RE = re.compile(r"^\s*(?:(§)\s*(\d{1,3})\.?|(\d{1,3})[.)])\s+(?=\S)")
SUB_ITEM_RE = re.compile(r"^\s*(\d{1,3})([a-z])[.)]?\s+(?=\S)")
SEPARATOR_RE = re.compile(r"^\s*[–—:-]\s*|^\s*,\s*")
CAP_WORD_RE = re.compile(r"[A-ZÅÄÖÉÜ][\wÀ-ÿ'’-]*")
ROLE_RE = re.compile(rf"(?:{'|'.join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True))})(?![\wÀ-ÿ])",
                     re.IGNORECASE)
LIST_SEP_RE = re.compile(r",\s+|\s+och\s+|\s+samt\s+")
AGENDA_LABEL_RE = re.compile(r"^\s*(ärenden|dagordning|föredragningslista)\s*:?\s*$", re.IGNORECASE)


@dataclass
class Item:
    number: int
    title: str
    paragraph: bool = False
    """Numbered as a § paragraph (`## § 5 Title`)."""
    blocks: list[tuple[Block, tuple[Span, ...] | None]] = field(default_factory=list)
    """Body blocks, each with replacement spans for a paragraph whose start was the title."""
    inferred: bool = False
    """Numbered by the importer: the document did not number it."""


def drop_chars(spans, count: int) -> tuple[Span, ...]:
    """The spans without their first `count` characters."""
    out = []
    for span in spans:
        if count <= 0 or span.image:
            out.append(span)
            continue
        if len(span.text) <= count:
            count -= len(span.text)
            continue
        out.append(Span(span.text[count:], span.bold, span.italic, span.strike, span.link))
        count = 0
    return tuple(out)


def text_of(spans) -> str:
    return "".join(s.text for s in spans if not s.image)


def strip_leading(spans) -> tuple[Span, ...]:
    text = text_of(spans)
    return drop_chars(spans, len(text) - len(text.lstrip()))


def bold_lead(spans) -> tuple[str, tuple[Span, ...]] | None:
    """(bold text, the spans after it) when the paragraph starts in bold and goes on unbolded."""
    spans = strip_leading(spans)
    lead = []
    for i, span in enumerate(spans):
        if span.image or span.text == "\n":
            break
        if span.bold or (not span.text.strip() and lead):
            lead.append(span.text)
            continue
        break
    else:
        return None
    if not lead:
        return None
    consumed = len("".join(lead))
    return "".join(lead).strip(), drop_chars(spans, consumed)


def presenters(rest: str) -> tuple[str, int] | None:
    """("Maria Lindborg och Fanny Wånggren", where the body starts) for the text after a title's dash;
    None when it starts with no list of names or roles (then it is the body)."""
    pos, elements, adjacent = 0, [], False
    while pos < len(rest):
        role = ROLE_RE.match(rest, pos)
        if role and not rest[role.end():role.end() + 1].isalpha():
            end = role.end()
        else:
            run = []
            for word in CAP_WORD_RE.finditer(rest, pos):
                if word.start() != (run[-1].end() + 1 if run else pos) or (run and rest[run[-1].end()] != " "):
                    break
                run.append(word)
            if not run:
                return None
            after = rest[run[-1].end():]
            if re.match(r"\s+[a-zåäö]", after) and not LIST_SEP_RE.match(after):  # it goes on into a sentence
                if adjacent or len(run) < 3:
                    if elements and len(run) == 1 and not adjacent:
                        return None
                    if elements and len(run) == 1:
                        return rest[:pos].rstrip(), run[0].start()
                    return None
                return rest[:run[-2].end()].rstrip(), run[-1].start()
            if len(run) < 2:
                return None
            end = run[-1].end()
        elements.append(rest[pos:end])
        tail = rest[end:]
        sep = LIST_SEP_RE.match(tail)
        if sep:
            pos, adjacent = end + sep.end(), False
            continue
        stop = re.match(r"\s*[.:]\s*|\s*,?\s*$", tail)
        if stop:
            return rest[:end].rstrip(), end + stop.end()
        if re.match(r"\s+\S", tail):
            pos, adjacent = end + len(tail) - len(tail.lstrip()), True
            continue
        return rest[:end].rstrip(), end
    return None


def title_and_body(spans, detect_presenters: bool = True) -> tuple[str, tuple[Span, ...]]:
    """An item's title (with presenters) and the spans that start its body."""
    lead = bold_lead(spans)
    if lead is None:
        return " ".join(text_of(spans).replace("\n", " ").split()), ()
    title, rest = lead
    separated = title.endswith(":")
    title = title.rstrip(":").strip()
    rest_text = text_of(rest)
    sep = SEPARATOR_RE.match(rest_text)
    if sep:
        separated = True
        rest = drop_chars(rest, sep.end())
    rest = strip_leading(rest)
    rest_text = text_of(rest)
    if detect_presenters and separated and rest_text.strip():
        found = presenters(rest_text)
        if found and found[0]:
            return f"{title} – {found[0].rstrip(',')}", strip_leading(drop_chars(rest, found[1]))
    return title, strip_leading(rest)


def typed_number(text: str) -> tuple[int, bool, int] | None:
    """(number, is §, length of the prefix) of "5. Title", "5) Title" or "§ 5 Title"."""
    match = TYPED_ITEM_RE.match(text)
    if not match:
        return None
    if match.group(1):
        return int(match.group(2)), True, match.end()
    return int(match.group(3)), False, match.end()


def is_agenda_label(p: Paragraph) -> bool:
    return bool(AGENDA_LABEL_RE.match(p.text))
