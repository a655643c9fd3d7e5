"""The only place that turns ids into slugs, URLs and output paths.

A URL here is site-relative and starts with `/` (`/ssr/2025-03-21/`); the
base URL is applied last, by `Urls.href`, so a site can be served under a
subpath. An output path is the POSIX path of the file under the output
directory (`ssr/2025-03-21/index.html`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Swedish letters folded the plain way (Å -> a) for pretty slugs, and the
# Scandinavian way (Å -> aa) to tell "Åsa" from "Asa" when the plain way collides.
_PLAIN = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ß": "ss", "ł": "l", "đ": "d"})
_SCANDI = str.maketrans({"å": "aa", "ä": "ae", "ö": "oe", "æ": "ae", "ø": "oe", "ü": "ue", "ß": "ss"})


def slugify(text: str, scandinavian: bool = False) -> str:
    """ASCII slug: lower case, diacritics folded, words joined by single hyphens."""
    text = text.casefold().translate(_SCANDI if scandinavian else _PLAIN)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode())
    return text.strip("-") or "x"


def normalize_base_url(base_url: str) -> str:
    """`sub`, `/sub` and `/sub/` all mean `/sub/`; the root is `/`."""
    base_url = base_url.strip()
    if "://" in base_url:
        raise ValueError(base_url)
    parts = [p for p in base_url.split("/") if p]
    return "/" + "".join(p + "/" for p in parts)


def dest_path_for(url: str) -> str:
    """Output file for a site-relative URL: `/a/b/` -> `a/b/index.html`."""
    rel = url.lstrip("/")
    if rel == "" or rel.endswith("/"):
        return rel + "index.html"
    return rel


# Site-relative URLs of every page type. Council ids and meeting stems are
# validated ASCII ids, so they are used as they are.
MARKER = ".protokoll-site"
"""Output path of the file that marks an output directory as Protokoll's, holding the last build's record."""
HOME = "/"
SEARCH = "/sok/"
SEARCH_BUNDLE = "/pagefind/"
PEOPLE = "/personer/"
ACCESSIBILITY = "/tillganglighet/"
NOT_FOUND = "/404.html"
DATA = "/data/"
FEED = "/feed.xml"
PRINT_CSS = "/utskrift.css"
"""The site's origin as a CSS variable, so that printed links show full addresses (only with `url:` in site.yaml)."""
ANSLAG = "/anslag/"
ANSLAG_FEED = "/anslag/feed.xml"
ANSLAG_CALENDAR = "/anslag/kalender.ics"
DECISIONS = "/beslut/"
RESERVED_IDS = frozenset({"sok", "personer", "tillganglighet", "data", "static", "pagefind", "404.html", "anslag",
                          "beslut"})


def council_url(council_id: str) -> str:
    return f"/{council_id}/"


def council_attendance_url(council_id: str) -> str:
    return f"/{council_id}/narvaro/"


def council_attendance_year_url(council_id: str, year: int) -> str:
    return f"/{council_id}/narvaro/{year}/"


def council_feed_url(council_id: str) -> str:
    return f"/{council_id}/feed.xml"


def council_calendar_url(council_id: str) -> str:
    return f"/{council_id}/kalender.ics"


def decisions_url(council_id: str | None = None, year: int | None = None, page: int = 1) -> str:
    """A decision log: `/beslut/`, `/beslut/2026/`, `/beslut/2026/2/`; under `/<council-id>/` for one council."""
    url = council_url(council_id) + "beslut/" if council_id else DECISIONS
    if year is not None:
        url += f"{year}/" + (f"{page}/" if page > 1 else "")
    return url


def decisions_feed_url(council_id: str | None = None) -> str:
    return decisions_url(council_id) + "feed.xml"


SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"


def data_url(file_name: str) -> str:
    """An open-data file: `/data/meetings.json`."""
    return f"{DATA}{file_name}"


def council_data_url(council_id: str, file_name: str) -> str:
    """A council's open-data file: `/data/<council-id>/narvaro.csv`."""
    return f"{DATA}{council_id}/{file_name}"


def absolute_url(origin: str | None, href: str) -> str:
    """`https://host` + an href that already has the base URL; the href alone without an origin."""
    return f"{origin}{href}" if origin and href.startswith("/") else href


def meeting_url(folder: str, stem: str) -> str:
    return f"/{folder}/{stem}/"


def attachment_url(folder: str, stem: str, file_name: str) -> str:
    return f"/{folder}/{stem}/{file_name}"


def person_url(slug: str) -> str:
    return f"/personer/{slug}/"


def static_url(name: str) -> str:
    return f"/static/{name}"


@dataclass(frozen=True)
class Urls:
    """Applies the base URL; templates call `href` for every link they print."""

    base_url: str = "/"

    def href(self, url: str) -> str:
        if not url.startswith("/"):
            return url
        return self.base_url + url[1:]
