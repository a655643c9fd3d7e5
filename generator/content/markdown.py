"""One configured MarkdownIt: agenda anchors, link checking and rewriting, sanitising.

Rendering a body happens in two steps so that links between minutes can be
checked: `parse` turns every body into tokens and finds its agenda (`## 5.
Title` -> `#p5`); `render` then checks and rewrites links against the index
of all meetings and sanitises the HTML with nh3's allowlist.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import AgendaItem
from generator.shared.problems import Problems

AGENDA_LINE_RE = re.compile(r"^##[ \t]+(\d{1,3})[.)][ \t]+(.*?\S)(?:[ \t]+#+)?[ \t]*$")
PARAGRAPH_LINE_RE = re.compile(r"^##[ \t]+§[ \t]*(\d{1,4})\.?(?:[ \t]+(.*?\S))?(?:[ \t]+#+)?[ \t]*$")
PARAGRAPH_START_RE = re.compile(r"^##[ \t]+§")
FENCE_RE = re.compile(r"^(`{3,}|~{3,})")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
EMPTY_CLASS_RE = re.compile(r'(<[a-z][a-z0-9]*(?:\s[^<>]*?)?) class=""')
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
FORBIDDEN_TAG_RE = re.compile(
    r"<\s*(?P<closing>/?)\s*(?P<tag>script|style|iframe|frame|frameset|object|embed|applet|form|input|button|"
    r"textarea|select|link|meta|base|svg|math|template|noscript)\b", re.IGNORECASE)
EVENT_ATTR_RE = re.compile(r"[\s\"'/](?P<attr>on[a-z]+)\s*=", re.IGNORECASE)
BAD_URL_ATTR_RE = re.compile(r"(?:href|src|action|formaction|xlink:href|srcset|poster)\s*=\s*[\"']?\s*(?:javascript|vbscript|data|file)\s*:", re.IGNORECASE)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "type"},
    "h2": {"id"},
    "h3": {"id"},
    "div": {"data-pagefind-ignore"},
}
# Classes only for the markup decision_markup.py adds: agenda items, decisions and their lines.
ALLOWED_CLASSES = {
    "div": {"arende", "beslut"},
    "p": {"beslut-rad", "reservation", "protokollsanteckning", "jav"},
}


def _make_md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # every URL is checked by `render` instead
    default_image = md.renderer.rules["image"]

    def link_open(self, tokens, idx, options, env):
        return self.renderToken([_relinked(tokens[idx], "href", env)], 0, options, env)

    def image(self, tokens, idx, options, env):
        return default_image([_relinked(tokens[idx], "src", env)], 0, options, env)

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("image", image)
    return md


def _relinked(token: Token, attr: str, env: dict) -> Token:
    """A copy of the token with its URL replaced by the checked one; parsed tokens stay untouched,
    so one parse can be rendered again (serve) or in another process."""
    url = str(token.attrGet(attr) or "")
    return token.copy(attrs={**token.attrs, attr: env.get("links", {}).get(url, url)})


MD = _make_md()


@dataclass
class ParsedBody:
    tokens: list[Token]
    agenda: tuple[AgendaItem, ...]
    source_lines: list[str]
    env: dict
    """markdown-it's environment of the parse (link reference definitions), for re-parsing a line."""


@dataclass(frozen=True)
class LinkTarget:
    url: str
    anchors: frozenset[str]
    readable: bool = True
    """False for minutes that exist but could not be read: their own errors say why, and links
    into them are not reported again (their anchors are unknown)."""


def unfenced_lines(body: str):
    """(offset, text) of every line outside fenced code blocks; fence lines themselves are left out."""
    if "```" not in body and "~~~" not in body:
        yield from enumerate(body.split("\n"))
        return
    fence = ""
    for offset, text in enumerate(body.split("\n")):
        stripped = text.lstrip(" ")
        if len(text) - len(stripped) < 4:
            marker = FENCE_RE.match(stripped)
            if marker and (not fence or (marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence))):
                fence = "" if fence else marker.group(1)
                continue
        if not fence:
            yield offset, text


def scan_agenda(body: str, rel_path: str, first_line: int, problems: Problems) -> tuple[AgendaItem, ...]:
    """Find the agenda: top-level `## N. Title` (or `## § N Title`) lines outside code fences.

    A line scan, a hundred times cheaper than parsing, so the agenda of every
    meeting (needed to check links between minutes) is known before any page
    is rendered; `parse` then confirms each item really is a heading.
    """
    items: list[AgendaItem] = []
    seen: dict[str, int] = {}
    for offset, text in unfenced_lines(body):
        if not text.startswith("##"):
            continue
        line = first_line + offset
        match = AGENDA_LINE_RE.match(text)
        paragraph = match is None and PARAGRAPH_START_RE.match(text) is not None
        if paragraph:
            match = PARAGRAPH_LINE_RE.match(text)
            if not match:
                problems.error(rel_path, line, "bad-paragraph",
                               "Raden ser ut som en paragraf men numret kan inte läsas. Skriv `## § 23 Rubrik`.")
                continue
        if not match:
            continue
        number, title = match.group(1).lstrip("0") or "0", (match.group(2) or "").strip()
        if items and items[0].paragraph != paragraph:
            first = items[0]
            problems.error(rel_path, line, "mixed-item-style",
                           f"Filen blandar paragrafer (`## § N`) och punkter (`## N.`); rad {first.line} använder "
                           f"{'paragrafer' if first.paragraph else 'punkter'}. Använd samma sätt för alla ärenden i filen.")
        anchor = f"p{number}"
        if anchor in seen:
            what = "Paragraf §" if paragraph else "Punkt"
            problems.error(rel_path, line, "duplicate-item",
                           f"{what} {number} finns redan på rad {seen[anchor]}. Numrera ärendena i följd.")
            continue
        seen[anchor] = line
        items.append(AgendaItem(number, title, anchor, line, paragraph))
    return tuple(items)


def parse(body: str, rel_path: str, first_line: int, agenda: tuple[AgendaItem, ...], problems: Problems) -> ParsedBody:
    """Tokenise a body, give agenda headings their anchors, report unsafe raw HTML."""
    env: dict = {}
    tokens = MD.parse(body, env)
    by_line = {item.line: item for item in agenda}
    anchored = set()
    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            if token.tag == "h1":
                problems.warning(rel_path, line, "h1-in-body",
                                 "Rubriknivå 1 (`# …`) är sidans titel. Använd `## N. Rubrik` för ärenden; rubriken visas som nivå 2.")
                token.tag = "h2"
                tokens[index + 2].tag = "h2"
            item = by_line.get(line)
            if item is not None and token.tag == "h2":
                token.attrSet("id", item.anchor)
                anchored.add(item.line)
        elif token.type in ("html_block", "html_inline") or (token.type == "inline" and "<" in token.content):
            _check_raw_html(token, rel_path, line, problems)
    for item in agenda:
        if item.line not in anchored:
            problems.error(rel_path, item.line, "agenda-not-heading",
                           f"Raden `## {'§ ' + item.number if item.paragraph else item.number + '.'} …` ser ut som ett ärende men blir ingen rubrik. "
                           "Står den inne i ett kodblock, en lista eller inklistrad HTML? Lägg den på en egen rad med en tom rad före.")
    return ParsedBody(tokens, agenda, body.split("\n"), env)


def _check_raw_html(token: Token, rel_path: str, line: int, problems: Problems) -> None:
    """Report every forbidden element, event attribute and script URL in the token's raw HTML, each at its line."""
    opened: set[str] = set()
    reported: set[tuple[int, str]] = set()
    for raw, start in _raw_html(token, line):
        for found_line, code, message in _forbidden_html(raw, start, opened):
            if (found_line, message) not in reported:
                reported.add((found_line, message))
                problems.error(rel_path, found_line, code, message)


def _raw_html(token: Token, line: int) -> list[tuple[str, int]]:
    """The raw HTML of a block, or of the inline HTML in a paragraph, each piece with the line it starts on."""
    if token.type != "inline":
        return [(token.content, line)]
    pieces, offset = [], 0
    for child in token.children or []:
        if child.type == "html_inline":
            pieces.append((child.content, line + offset))
        offset += 1 if child.type in ("softbreak", "hardbreak") else child.content.count("\n")
    return pieces


def _forbidden_html(raw: str, start: int, opened: set[str]):
    """(line, code, message) of each forbidden thing in `raw`; an element's closing tag only if it was never opened."""
    def line_of(match: re.Match) -> int:
        return start + raw.count("\n", 0, match.start())

    for found in FORBIDDEN_TAG_RE.finditer(raw):
        tag = found.group("tag").lower()
        if found.group("closing") and tag in opened:
            continue
        opened.add(tag)
        yield (line_of(found), "forbidden-html",
               f"HTML-elementet `<{tag}>` är inte tillåtet i protokoll. "
               "Ta bort det; skript, stilar och formulär publiceras aldrig.")
    for found in EVENT_ATTR_RE.finditer(raw):
        yield (line_of(found), "forbidden-html",
               f"HTML-attributet `{found.group('attr').lower()}=` är inte tillåtet: det kör skript. Ta bort attributet.")
    for found in BAD_URL_ATTR_RE.finditer(raw):
        yield (line_of(found), "unsafe-url",
               "Länkar med `javascript:`, `data:` eller `file:` är inte tillåtna. Använd en http(s)-adress.")


def render(parsed: ParsedBody, *, rel_path: str, first_line: int, content_rel: str,
           targets: dict[str, LinkTarget], href, problems: Problems) -> str:
    """Check and rewrite links, then render and sanitise the HTML."""
    own_anchors = frozenset(item.anchor for item in parsed.agenda)
    links: dict[str, str] = {}
    for token in parsed.tokens:
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            attr = "href" if child.type == "link_open" else "src" if child.type == "image" else None
            if attr is None:
                continue
            url = str(child.attrGet(attr) or "")
            line = _line_of(parsed, token, url, first_line)
            new_url = _resolve_link(url, rel_path, line, content_rel, own_anchors, targets, problems)
            links[url] = href(new_url) if new_url.startswith("/") else new_url
    html = MD.renderer.render(parsed.tokens, MD.options, {"links": links})
    return sanitize(html)


def sanitize(html: str) -> str:
    clean = nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=ALLOWED_CLASSES, url_schemes=set(SAFE_SCHEMES),
        link_rel=None, strip_comments=True,
    )
    # nh3 keeps `class=""` where it removed every class (Word's `class="MsoNormal"`): drop it.
    return EMPTY_CLASS_RE.sub(r"\1", clean) if ' class=""' in clean else clean


def _line_of(parsed: ParsedBody, token: Token, needle: str, first_line: int) -> int:
    start, end = token.map if token.map else (0, 1)
    for offset, text in enumerate(parsed.source_lines[start:end]):
        if needle and needle in text:
            return first_line + start + offset
    return first_line + start


def _resolve_link(url: str, rel_path: str, line: int, content_rel: str, own_anchors: frozenset[str],
                  targets: dict[str, LinkTarget], problems: Problems) -> str:
    """Return the URL to publish (site-relative for internal links)."""
    stripped = url.strip()
    scheme = SCHEME_RE.match(stripped)
    if scheme:
        if scheme.group(1).lower() not in SAFE_SCHEMES:
            problems.error(rel_path, line, "unsafe-url",
                           f"Länken `{_short(url)}` använder `{scheme.group(1)}:`, som inte är tillåtet. "
                           "Använd en http(s)-adress eller en relativ länk till ett annat protokoll.")
            return "#"
        return stripped
    if stripped.startswith("//"):
        return "https:" + stripped
    if "\\" in stripped:
        problems.error(rel_path, line, "bad-link", f"Länken `{_short(url)}` innehåller `\\`. Använd `/` i länkar.")
        return "#"
    parts = urlsplit(stripped)
    fragment = parts.fragment
    if not parts.path:
        if fragment and fragment not in own_anchors and fragment.startswith("p"):
            problems.error(rel_path, line, "broken-anchor",
                           f"Ankaret `#{fragment}` finns inte i det här protokollet. Punkterna heter #p1, #p2 …")
        return stripped
    if parts.path.startswith("/"):
        problems.error(rel_path, line, "absolute-link",
                       f"Länken `{_short(url)}` är absolut. Länka relativt till filen, t.ex. `../rad-id/2026-03-06.md`.")
        return "#"
    target_rel = posixpath.normpath(posixpath.join(posixpath.dirname(content_rel), unquote(parts.path)))
    target = targets.get(target_rel)
    if target is None or target_rel.startswith("../"):
        kind = "protokollet" if target_rel.endswith(".md") else "filen"
        nearest = nearest_target(target_rel, targets, content_rel)
        hint = (f"Menade du `{posixpath.relpath(nearest, posixpath.dirname(content_rel))}`?" if nearest
                else "Kontrollera stavningen och sökvägen (relativt till den här filen).")
        problems.error(rel_path, line, "broken-link",
                       f"Länken `{_short(url)}` går till {kind} `{target_rel}`, som inte finns. {hint}")
        return "#"
    if fragment and target.readable:
        if fragment not in target.anchors:
            problems.error(rel_path, line, "broken-anchor",
                           f"Ankaret `#{fragment}` finns inte i `{target_rel}`. Punkterna där är: "
                           f"{', '.join('#' + a for a in sorted(target.anchors, key=_anchor_key)) or 'inga'}.")
        return f"{target.url}#{fragment}"
    return target.url


def nearest_target(target_rel: str, targets: dict[str, LinkTarget], own_rel: str) -> str | None:
    """The existing file a broken link most likely meant: the minutes of the nearest date in the
    same folder, else the most similar path (a misspelt folder or file name); never the linking file."""
    folder, name = posixpath.split(target_rel)
    pool = [rel for rel in targets if rel != own_rel and rel.endswith(".md") == name.endswith(".md")]
    wanted = _stem_date(name)
    dated = [(rel, _stem_date(posixpath.basename(rel))) for rel in pool if posixpath.dirname(rel) == folder]
    dated = [(rel, day) for rel, day in dated if day]
    if wanted and dated:
        return min(dated, key=lambda rd: (abs((rd[1] - wanted).days), rd[0]))[0]
    close = difflib.get_close_matches(target_rel, pool, n=1, cutoff=0.8)
    return close[0] if close else None


def _stem_date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(name[:10])
    except ValueError:
        return None


def _anchor_key(anchor: str) -> tuple[int, str]:
    digits = anchor[1:]
    return (int(digits), anchor) if digits.isdigit() else (10**6, anchor)


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "…"
