"""Accessibility rules axe-core does not check, as plain functions over HTML text.

Each rule takes one page's HTML and returns a list of problems (empty when the
page passes), so it can be run over every built page and over small bad
snippets alike. The HTML is parsed with the stdlib parser into a small tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
STRIKETHROUGH = frozenset({"s", "strike", "del"})
HEADING_RE = re.compile(r"^h([1-6])$")
WORD_RE = re.compile(r"[^\W\d_]{2,}")
"""A word: two letters or more (so "✓", "–", "x" or "1" alone is not a status)."""
STATUS_HEADERS = frozenset({"närvaro", "status"})


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: "Node | None" = None
    children: list["Node | str"] = field(default_factory=list)

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def text(self, accessible: bool = False) -> str:
        """Text content; `accessible` leaves out aria-hidden subtrees."""
        if accessible and self.attrs.get("aria-hidden") == "true":
            return ""
        parts = [c if isinstance(c, str) else c.text(accessible) for c in self.children]
        return " ".join(" ".join(parts).split())

    def ancestor(self, tag: str) -> "Node | None":
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _rows(table: Node) -> list[Node]:
    return [tr for tr in table.iter("tr") if tr.ancestor("table") is table]


def _cells(tr: Node) -> list[Node]:
    return [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]


def table_problems(html: str) -> list[str]:
    """Every data table has a caption, column headers (scope=col) and row headers (scope=row)."""
    problems = []
    for n, table in enumerate(parse(html).iter("table"), 1):
        name = f"tabell {n}"
        caption = next((c for c in table.children if isinstance(c, Node) and c.tag == "caption"), None)
        if caption is None or not caption.text().strip():
            problems.append(f"{name}: saknar <caption> (tabellrubrik)")
        else:
            name = f"tabell {n} ({caption.text()[:40]})"
        rows = _rows(table)
        head_rows = [tr for tr in rows if tr.ancestor("thead") is not None]
        body_rows = [tr for tr in rows if tr.ancestor("thead") is None]
        if not head_rows:
            problems.append(f"{name}: saknar kolumnrubriker i <thead>")
        for tr in head_rows:
            for cell in _cells(tr):
                if cell.tag != "th" or cell.attrs.get("scope") != "col":
                    problems.append(f"{name}: kolumnrubriken ”{cell.text()}” saknar <th scope=\"col\">")
        for tr in body_rows:
            cells = _cells(tr)
            if len(cells) == 1 and cells[0].tag == "th" and cells[0].attrs.get("scope") == "rowgroup":
                continue  # a heading row for the group of rows below it (a <tbody>)
            row_heads = [c for c in cells if c.tag == "th" and c.attrs.get("scope") == "row"]
            if len(row_heads) != 1:
                first = cells[0].text() if cells else ""
                problems.append(f"{name}: raden ”{first}” ska ha en radrubrik <th scope=\"row\">")
            for cell in cells:
                if cell.tag == "th" and cell.attrs.get("scope") not in ("row", "col"):
                    problems.append(f"{name}: rubrikcellen ”{cell.text()}” saknar scope")
    return problems


def _status_columns(table: Node) -> set[int]:
    """Column indexes whose header says the column holds a status (Närvaro), or holds a date (matrix)."""
    columns: set[int] = set()
    for tr in _rows(table):
        if tr.ancestor("thead") is None:
            continue
        for i, cell in enumerate(_cells(tr)):
            if cell.text().strip().casefold() in STATUS_HEADERS or next(cell.iter("time"), None) is not None:
                columns.add(i)
    return columns


def status_problems(html: str) -> list[str]:
    """Status is said in words: never by strikethrough, colour (a class) or a symbol alone."""
    problems = []
    for n, table in enumerate(parse(html).iter("table"), 1):
        name = f"tabell {n}"
        for struck in (e for tag in sorted(STRIKETHROUGH) for e in table.iter(tag)):
            problems.append(f"{name}: genomstruken text ”{struck.text()}” (<{struck.tag}>) bär status som skärmläsare inte hör")
        status_columns = _status_columns(table)
        for tr in _rows(table):
            if tr.ancestor("thead") is not None:
                continue
            row_classes = {c for c in tr.classes if c.startswith("status")}
            cells = _cells(tr)
            for i, cell in enumerate(cells):
                visible, spoken = cell.text(), cell.text(accessible=True)
                is_status = i in status_columns or any(c.startswith(("cell-", "status")) for c in cell.classes)
                if row_classes and i == 0:
                    is_status = True  # attendance rows say their status first
                if visible and not re.search(r"\w", spoken):
                    problems.append(f"{name}: cellen ”{visible}” är bara en symbol utan ord")
                elif is_status and not WORD_RE.search(spoken):
                    problems.append(f"{name}: statuscellen ”{visible}” säger inte statusen i ord")
    return problems


def heading_problems(html: str) -> list[str]:
    """One h1, first; no skipped levels going down (h2 -> h4)."""
    levels = [int(m.group(1)) for node in parse(html).iter() if (m := HEADING_RE.match(node.tag))]
    problems = []
    if not levels:
        return ["sidan saknar rubriker"]
    if levels[0] != 1:
        problems.append(f"första rubriken är h{levels[0]}, inte h1")
    if levels.count(1) != 1:
        problems.append(f"sidan har {levels.count(1)} h1-rubriker, ska ha en")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"rubriknivå hoppar från h{before} till h{after}")
    return problems


def page_title(html: str) -> str:
    title = next(parse(html).iter("title"), None)
    return title.text() if title is not None else ""


def title_problems(html: str, site_title: str) -> list[str]:
    """The <title> says what the page is, before the site's name."""
    title = page_title(html)
    if not title:
        return ["sidan saknar <title>"]
    specific = title.replace(site_title, "").strip(" –-|")
    if len(WORD_RE.findall(specific)) < 1 or len(specific) < 3:
        return [f"titeln ”{title}” beskriver inte sidan"]
    return []


def skip_link_problems(html: str) -> list[str]:
    """The first link on the page skips to the main content, which exists."""
    root = parse(html)
    first = next(root.iter("a"), None)
    if first is None or not first.attrs.get("href", "").startswith("#"):
        return ["sidan börjar inte med en länk förbi sidhuvudet (skip link)"]
    target = first.attrs["href"][1:]
    main = next((n for n in root.iter() if n.attrs.get("id") == target), None)
    if main is None:
        return [f"skip-länken pekar på #{target}, som inte finns"]
    if main.tag != "main":
        return [f"skip-länken pekar på <{main.tag}>, inte på <main>"]
    return []


def all_problems(html: str, site_title: str) -> list[str]:
    return (table_problems(html) + status_problems(html) + heading_problems(html)
            + title_problems(html, site_title) + skip_link_problems(html))
