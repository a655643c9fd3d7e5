"""A neutral model of a Word document: what the recognisers need, nothing of Word's XML.

reader.py builds it from a .docx; every later module reads only these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting; `text` is "\\n" for a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    link: str | None = None
    """Target of a hyperlink (an external address), None when not a link."""
    image: str | None = None
    """File name of an embedded image (its bytes are in `Document.images`); text is its alt text."""


@dataclass(frozen=True)
class ListInfo:
    kind: str
    """`number` or `bullet`."""
    level: int
    """Nesting level, 0 for the outermost."""
    label: str
    """The number Word shows (`3.`, `b)`), resolved from numbering.xml; "" for bullets."""
    value: int
    """The counter at this level (3 for `3.`)."""
    list_id: str
    """Word's numId: paragraphs of one list share it."""


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    style: str = ""
    """The paragraph style's name (`Heading 1`, `List Number`, `Normal` …)."""
    heading: int = 0
    """Heading level from the style or outline level (1 = Heading 1), 0 when not a heading."""
    listing: ListInfo | None = None
    tracked: bool = False
    """The paragraph had tracked changes (insertions accepted, deletions dropped)."""
    index: int = 0
    """Position among the document's paragraphs, counting from 1 (for messages)."""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans if s.image is None)

    def lines(self) -> list[tuple[Span, ...]]:
        """The paragraph split at its line breaks."""
        result: list[list[Span]] = [[]]
        for span in self.spans:
            if span.text == "\n" and span.image is None:
                result.append([])
            else:
                result[-1].append(span)
        return [tuple(line) for line in result]


@dataclass(frozen=True)
class Cell:
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        return "\n".join(block_text(b) for b in self.blocks).strip()


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    index: int = 0


Block = Paragraph | Table


def block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return "\n".join(" | ".join(c.text for c in row) for row in block.rows)


@dataclass
class Document:
    src_name: str
    """The file's name, for messages."""
    blocks: list[Block]
    """The body in order: paragraphs and tables."""
    page_furniture: list[str] = field(default_factory=list)
    """Text lines of the headers and footers (letterheads, addresses)."""
    images: dict[str, bytes] = field(default_factory=dict)
    """File name -> bytes of every embedded image the body shows."""
    year: int | None = None
    """Year the document was created or last saved (core properties), if known."""
