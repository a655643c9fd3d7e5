"""What is on every page rather than in the minutes: letterheads, address footers, empty paragraphs.

A letterhead is the run of paragraphs before the title; where that run appears
again further down (pasted at every page break), it is dropped. Tables that repeat,
or that are the organisation's address block, are dropped; so are paragraphs that
repeat a line of the Word header or footer, and empty paragraphs.
"""

from __future__ import annotations

import re

from .document import Block, Document, Paragraph, Table, block_text
from .header import TITLE_RE

ADDRESS_WORDS = ("POSTADRESS", "POSTADDRESS", "BESÖKSADRESS", "BESÖKSADDRESS", "TELEFON", "ORG.NR", "PLUSGIRO",
                 "BANKGIRO", "E-POST", "TELEFAX")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _empty(block: Block) -> bool:
    return isinstance(block, Paragraph) and not block.text.strip() and not any(s.image for s in block.spans)


def drop_furniture(doc: Document) -> list[Block]:
    blocks = [b for b in doc.blocks if not _empty(b)]
    title_at = next((i for i, b in enumerate(blocks[:60]) if isinstance(b, Paragraph) and TITLE_RE.match(b.text)), 0)
    letterhead = [_key(block_text(b)) for b in blocks[:title_at]]
    furniture = {_key(line) for line in doc.page_furniture if len(line.split()) >= 3}
    table_counts: dict[str, int] = {}
    for b in blocks:
        if isinstance(b, Table):
            table_counts[_key(block_text(b))] = table_counts.get(_key(block_text(b)), 0) + 1
    kept: list[Block] = []
    i = title_at
    while i < len(blocks):
        block = blocks[i]
        if len(letterhead) >= 2 and [_key(block_text(b)) for b in blocks[i:i + len(letterhead)]] == letterhead:
            i += len(letterhead)
            continue
        if isinstance(block, Table):
            text = block_text(block)
            if table_counts[_key(text)] > 1 or sum(word in text.upper() for word in ADDRESS_WORDS) >= 2:
                i += 1
                continue
        elif _key(block.text) in furniture or re.fullmatch(r"(?i)sida \d+( av \d+)?", block.text.strip()):
            i += 1
            continue
        kept.append(block)
        i += 1
    return blocks[:title_at] + kept
