"""Whole links: every internal href and src of the built site resolves.

Runs in-process over the staged output on every build, before the swap, so a
broken internal link fails the build and the previous site stays. Each HTML
file is read and scanned once; only tags that carry a link or an id are handed
to the stdlib `html.parser` (it does the attribute parsing: quoting, entities),
which keeps a 10,000-page site to a few seconds. A scan keeps each page's ids
and link URLs; a page with a broken link is scanned again for its lines.

A link is internal when it has no scheme and no host. It must stay under the
base URL, name a file that exists (`/a/` means `/a/index.html`), and its
`#fragment`, if any, must be an `id` (or `<a name>`) in that file. Links into
`pagefind/` are skipped: the search bundle is written after this check, and
not at all with `--no-search`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that point at something the browser fetches or navigates to.
LINK_ATTRS = frozenset({"href", "src", "action", "poster", "data", "formaction"})
SKIPPED_PREFIXES = ("pagefind/",)
_HOST = "http://linkcheck.invalid"

# A start tag with attributes (quoted values may hold `>`); comments are removed first.
# A start tag with attributes; quoted values may hold `>`. Comments are blanked first.
_TAG_RE = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>""")
_INTERESTING_RE = re.compile(r"""\s(?:href|src|srcset|id|name|action|poster|data|formaction)\s*=""", re.I)
_NOTHING: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"})


@dataclass(frozen=True)
class LinkProblem:
    page: str
    """Output path of the page the broken link is on (`a/b/index.html`)."""
    line: int
    url: str
    message: str
    """Swedish, for the build output."""


@dataclass
class ScannedPage:
    ids: set[str]
    links: list[str]
    """The URL of every link attribute, in document order."""
    offsets: list[int]
    """The character offset of each link's tag, when asked for (for the line of a broken link)."""


class _TagParser(HTMLParser):
    """Collects the ids and link attributes of the tags fed to it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.append(value)
            elif name in LINK_ATTRS:
                if name != "data" or tag == "object":
                    self.found.append(value.strip())
            elif name == "srcset":
                self.found.extend(c.split()[0] for c in value.split(",") if c.strip())

    handle_startendtag = handle_starttag


class Scanner:
    """Scans HTML pages; a tag seen before (the header, the footer, a person link) is parsed once."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def _parse_tag(self, tag_html: str, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if not _INTERESTING_RE.search(tag_html):
            self._cache[tag_html] = _NOTHING
            return _NOTHING
        parser = _TagParser()
        parser.feed(tag_html + (f"</{name}>" if name.lower() in _RAW_TEXT else ""))
        parser.close()
        parsed = (tuple(parser.ids), tuple(parser.found))
        if len(self._cache) < 200_000:
            self._cache[tag_html] = parsed
        return parsed

    def scan(self, text: str, offsets: bool = False) -> ScannedPage:
        """Ids and links of one HTML document (and with `offsets`, where each link's tag starts)."""
        if "<!--" in text:
            text = _COMMENT_RE.sub(lambda m: " " * len(m.group()), text)
        cache, ids, links, starts = self._cache, set(), [], []
        for match in _TAG_RE.finditer(text):
            tag_html = match.group(0)
            parsed = cache.get(tag_html) or self._parse_tag(tag_html, match.group(1))
            if parsed[0]:
                ids.update(parsed[0])
            if parsed[1]:
                links.extend(parsed[1])
                if offsets:
                    starts.extend([match.start()] * len(parsed[1]))
        return ScannedPage(ids, links, starts)


def read_page(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def page_url(page: str, base_url: str) -> str:
    """The URL path a page is served at: `a/index.html` -> `/base/a/`."""
    if page == "index.html" or page.endswith("/index.html"):
        page = page[: -len("index.html")]
    return base_url + page


def resolve(url: str, page: str, base_url: str) -> tuple[str, str] | None:
    """(URL path, fragment) that `url` on `page` points at, or None when it is not internal."""
    if url.startswith("#"):
        return page_url(page, base_url), url[1:]
    if url.startswith("/") and not url.startswith("//"):
        path, _, fragment = url.partition("#")
        return path.partition("?")[0], fragment
    parts = urlsplit(urljoin(_HOST + page_url(page, base_url), url))
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != _HOST:
        return None  # mailto:, tel:, data:, another host
    return parts.path, parts.fragment


class LinkChecker:
    """Answers "is this link whole?" for one built site, remembering every answer."""

    def __init__(self, base_url: str, files: set[str], ids: dict[str, set[str]]):
        self.base_url, self.files, self.ids = base_url, files, ids
        self._memo: dict[tuple[str, str], str | None] = {}

    def check(self, url: str, page: str) -> str | None:
        """Why `url` on `page` is broken (Swedish), or None when it resolves or is not ours to check."""
        if url == "" or url == "#":
            return None
        if page == "404.html" and not url.startswith(("/", "#")) and resolve(url, page, self.base_url):
            return "404-sidan visas på alla adresser, så dess länkar måste börja med `/`."
        resolved = resolve(url, page, self.base_url)
        if resolved is None:
            return None
        if resolved not in self._memo:
            self._memo[resolved] = self._check_target(unquote(resolved[0]), unquote(resolved[1]), url)
        return self._memo[resolved]

    def _check_target(self, path: str, fragment: str, url: str) -> str | None:
        if not path.startswith(self.base_url):
            return f"pekar utanför webbplatsens bas-URL `{self.base_url}`."
        rel = path[len(self.base_url):]
        if rel.startswith(SKIPPED_PREFIXES):
            return None
        target = rel + "index.html" if rel == "" or rel.endswith("/") else rel
        if target not in self.files:
            if target + "/index.html" in self.files:
                return f"saknar avslutande snedstreck (`{url.partition('#')[0]}/`)."
            return "pekar på en sida eller fil som inte finns."
        if fragment and target in self.ids and fragment not in self.ids[target]:
            return f"pekar på ankaret `#{fragment}`, som inte finns på sidan `{target}`."
        return None


def list_files(root: Path) -> set[str]:
    """Every file under `root`, as POSIX paths relative to it."""
    files: set[str] = set()
    root_str = str(root)
    for dirpath, _dirnames, filenames in os.walk(root_str):
        rel_dir = os.path.relpath(dirpath, root_str).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        files.update(prefix + name for name in filenames)
    return files


def _scan_files(root: Path, rels: list[str]) -> list[tuple[str, set[str], list[str]]]:
    scanner = Scanner()
    result = []
    for rel in rels:
        scanned = scanner.scan(read_page(root / rel))
        result.append((rel, scanned.ids, scanned.links))
    return result


def _scan_share(args):
    root, rels = args
    return _scan_files(root, rels)


Scans = dict[str, tuple[set[str], list[str]]]
"""Page (POSIX path under the site) -> (its ids, its links in document order)."""


def scan_tree(root: Path, workers: int = 1, known: Scans | None = None) -> tuple[set[str], Scans]:
    """Every file under `root`, and the ids and links of every page, each page read and scanned once
    (by `workers` processes when there are many) unless its scan is `known` (a warm build's unchanged pages)."""
    files = list_files(root)
    known = known or {}
    pages = sorted(rel for rel in files if rel.endswith((".html", ".htm")))
    todo = [rel for rel in pages if rel not in known]
    if workers > 1 and len(todo) > 500:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shares = pool.map(_scan_share, [(root, todo[i::workers]) for i in range(workers)])
        scanned = [item for share in shares for item in share]
    else:
        scanned = _scan_files(root, todo)
    fresh = {rel: (page_ids, page_links) for rel, page_ids, page_links in scanned}
    return files, {rel: fresh[rel] if rel in fresh else known[rel] for rel in pages}


def find_broken(root: Path, base_url: str, files: set[str], scans: Scans) -> list[LinkProblem]:
    checker = LinkChecker(base_url, files, {rel: page_ids for rel, (page_ids, _) in scans.items()})
    problems = []
    for page, (_, page_links) in scans.items():
        text = offsets = None
        for index, url in enumerate(page_links):
            reason = checker.check(url, page)
            if reason:
                if text is None:  # the page is read back only for the lines of its broken links
                    text = read_page(root / page)
                    offsets = Scanner().scan(text, offsets=True).offsets
                problems.append(LinkProblem(page, text.count("\n", 0, offsets[index]) + 1, url, reason))
    return problems


def check_tree(root: Path, base_url: str = "/", workers: int = 1) -> list[LinkProblem]:
    """Every broken internal link in the built site under `root`."""
    return find_broken(root, base_url, *scan_tree(root, workers))


def check_site(root: Path, base_url: str, problems, plans: Iterable = (), workers: int = 1,
               known: Scans | None = None) -> Scans:
    """The build's link check: each broken link is an error in `problems`. Returns the scans
    (a warm build passes the last build's scans of the pages it did not render as `known`).

    The error names the source that produced the page (from the page plans)
    when there is one, else the page's output path.
    """
    owners = {plan.dest_rel: plan.owner for plan in plans}
    files, scans = scan_tree(root, workers, known)
    for found in find_broken(root, base_url, files, scans):
        owner = owners.get(found.page, "")
        source = owner if owner.endswith((".md", ".yaml", ".yml")) else found.page
        problems.error(
            source, 0 if source != found.page else found.line, "broken-link",
            f"Sidan `{found.page}` (rad {found.line}) har en trasig länk `{found.url}`: {found.message}",
        )
    return scans
