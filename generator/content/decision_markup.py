"""Marks up a parsed body: each agenda item in `<div class="arende">`, each decision as
a labelled block with the anchor `#pN-beslut`, and each reservation, protokollsanteckning
and jäv as a line of its own with the people linked.

It works on markdown-it's tokens between `markdown.parse` and `markdown.render`, using
the lines `decisions.scan` found, so links in a decision are checked and rewritten like
any other. A paragraph holding decision lines is split into one paragraph per part;
nothing is hidden or repeated: `Beslut:` becomes the block's heading. A decision line
that markdown-it did not read as a top-level paragraph (a lazy line in a list or quote)
is an error, as a `## N.` line that is no heading is.
"""

from __future__ import annotations

from bisect import bisect_left

from markdown_it.token import Token
from markupsafe import escape

from generator.shared import urls
from generator.content.decisions import DECISION, LABELS, MARKER_RE, split_statement
from generator.content.markdown import MD, ParsedBody
from generator.content.model import AgendaItem, Statement
from generator.shared.problems import Problems

DECISION_CLASS = "beslut"
ITEM_CLASS = "arende"


def decision_anchor(item: AgendaItem) -> str:
    return f"{item.anchor}-beslut"


def mark_up(parsed: ParsedBody, rel_path: str, first_line: int, href, problems: Problems) -> None:
    """Rewrite `parsed.tokens` in place; report decision lines that are not top-level paragraphs."""
    if not parsed.agenda:
        return
    items = {item.line: item for item in parsed.agenda}
    decisions, headings, statements = {}, {}, {}
    for item in parsed.agenda:
        if item.decision is not None:
            (headings if item.decision.heading else decisions)[item.decision.line] = item
        statements.update((s.line, s) for s in item.statements)
    pending = set(decisions) | set(headings) | set(statements)
    marker = _Marker(parsed, first_line, href, decisions, statements)
    marked = sorted({*decisions, *statements})
    out: list[Token] = []
    in_item = in_block = False
    tokens, kept_from = parsed.tokens, 0
    # Only top-level openings can start an item, a decision block or a marked paragraph; the
    # tokens between them are copied over in slices.
    for i in [i for i, token in enumerate(tokens) if token.nesting == 1 and not token.level]:
        token = tokens[i]
        if token.type == "heading_open":
            line = first_line + (token.map[0] if token.map else 0)
            out.extend(tokens[kept_from:i])
            kept_from = i
            if in_block:
                out.append(CLOSE_DIV)
                in_block = False
            if token.tag == "h2" and (in_item or line in items):
                if in_item:
                    out.append(CLOSE_DIV)
                in_item = line in items and token.attrGet("id") == items[line].anchor
                if in_item:
                    out.append(OPEN_ITEM)
            elif line in headings:
                token.attrSet("id", decision_anchor(headings[line]))
                out.append(OPEN_DECISION)
                in_block = True
                pending.discard(line)
        elif token.type == "paragraph_open" and token.map:
            start, end = first_line + token.map[0], first_line + token.map[1]
            first_marked = bisect_left(marked, start)
            if first_marked < len(marked) and marked[first_marked] < end:
                lines = range(start, end)
                out.extend(tokens[kept_from:i])
                out.extend(marker.split(lines, tokens[i + 1]))
                pending.difference_update(lines)
                kept_from = i + 3  # paragraph_open, inline, paragraph_close
    out.extend(tokens[kept_from:])
    out.extend(CLOSE_DIV for _ in range(in_block + in_item))
    parsed.tokens = out
    for line in sorted(pending):
        problems.error(rel_path, line, "decision-not-paragraph",
                       "Raden ser ut som ett beslut men blir inget eget stycke. Står den i en lista, ett citat eller "
                       "direkt under en rad som inte hör dit? Lägg den på en egen rad med en tom rad före.")


class _Marker:
    """Builds the tokens of a paragraph split into its plain, decision and statement parts."""

    def __init__(self, parsed: ParsedBody, first_line: int, href, decisions: dict, statements: dict[int, Statement]):
        self.parsed, self.first_line, self.href = parsed, first_line, href
        self.decisions, self.statements = decisions, statements

    def split(self, lines: range, inline: Token) -> list[Token]:
        out: list[Token] = []
        part: list[int] = []
        item = None  # the item whose decision `part` holds, or None for plain text

        def flush() -> None:
            if item is None:
                out.extend(self._plain(part))
            else:  # when the decision is the whole paragraph, its own tokens serve
                out.extend(self._decision(item, part, _without_label(inline) if len(part) == len(lines) else None))

        for line in lines:
            if line in self.decisions or line in self.statements or (item is not None and line > item.decision.end_line):
                flush()
                part, item = [], None
            if line in self.statements:
                out.extend(self._statement(line, self.statements[line]))
                continue
            if line in self.decisions:
                item = self.decisions[line]
            part.append(line)
        flush()
        return out

    def _source(self, line: int) -> str:
        return self.parsed.source_lines[line - self.first_line]

    def _inline(self, text: str, lines: list[int]) -> Token:
        inline = MD.parseInline(text, self.parsed.env)[0]
        inline.map = [lines[0] - self.first_line, lines[-1] + 1 - self.first_line]
        return inline

    def _paragraph(self, inline: Token, attrs: dict | None = None) -> list[Token]:
        opening = Token("paragraph_open", "p", 1, attrs=attrs or {}, map=inline.map, block=True)
        return [opening, inline, Token("paragraph_close", "p", -1, block=True)]

    def _plain(self, lines: list[int]) -> list[Token]:
        if not lines:
            return []
        return self._paragraph(self._inline("\n".join(self._source(n).strip() for n in lines), lines))

    def _decision(self, item: AgendaItem, lines: list[int], inline: Token | None = None) -> list[Token]:
        if inline is None:
            first = MARKER_RE.match(self._source(lines[0]).strip()).group("rest") or ""
            text = "\n".join([first, *(self._source(n).strip() for n in lines[1:])]).strip()
            inline = self._inline(text, lines) if text else None
        label = Token("inline", "", 0, content=LABELS[DECISION], children=[Token("text", "", 0, content=LABELS[DECISION])])
        return [
            OPEN_DECISION,
            Token("heading_open", "h3", 1, attrs={"id": decision_anchor(item)}, block=True),
            label,
            Token("heading_close", "h3", -1, block=True),
            *(self._paragraph(inline) if inline is not None else []),
            CLOSE_DIV,
        ]

    def _statement(self, line: int, statement: Statement) -> list[Token]:
        rest = MARKER_RE.match(self._source(line).strip()).group("rest") or ""
        names, separators, text = split_statement(rest)
        people = {p.name: p.person_id for p in statement.people}
        parts = [f"<strong>{escape(LABELS[statement.kind])}:</strong> "]
        for index, name in enumerate(names):
            person_id = people.get(name)
            parts.append(f'<a href="{escape(self.href(urls.person_url(person_id)))}">{escape(name)}</a>'
                         if person_id else str(escape(name)))
            if index < len(separators):
                parts.append(str(escape(separators[index])))
        inline = self._inline(text, [line]) if text else Token("inline", "", 0, children=[], map=[0, 0])
        inline.children = [Token("html_inline", "", 0, content="".join(parts)),
                           *([Token("text", "", 0, content=" – ")] if text else []), *inline.children]
        inline.map = [line - self.first_line, line + 1 - self.first_line]
        return self._paragraph(inline, {"class": f"beslut-rad {statement.kind}"})


def _without_label(inline: Token) -> Token | None:
    """The paragraph's own inline token without its leading `Beslut:` (plain or bold), when it has the
    usual shape; None otherwise (the caller parses the text again). Saves a parse per decision."""
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
    kinds = [c.type for c in children[:4]]
    if kinds[:1] == ["text"] and children[0].content.startswith("Beslut:"):
        text, rest, tail = children[0], children[0].content[len("Beslut:"):], children[1:]
    elif kinds == ["strong_open", "text", "strong_close", "text"] and children[1].content in ("Beslut:", "Beslut"):
        text, rest, tail = children[3], children[3].content, children[4:]
        if children[1].content == "Beslut":
            if not rest.startswith(":"):
                return None
            rest = rest[1:]
    else:
        return None
    rest = rest.lstrip()
    if not rest:
        while tail and tail[0].type in ("softbreak", "hardbreak"):
            tail = tail[1:]
    kept = ([text.copy(content=rest)] if rest else []) + list(tail)
    return inline.copy(children=kept) if kept else None


def _html(content: str) -> Token:
    return Token("html_block", "", 0, content=content + "\n", block=True)


# The wrappers' tokens, shared: the renderer only reads them.
OPEN_ITEM = _html(f'<div class="{ITEM_CLASS}">')
OPEN_DECISION = _html(f'<div class="{DECISION_CLASS}" data-pagefind-ignore>')
CLOSE_DIV = _html("</div>")
