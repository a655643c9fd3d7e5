"""The page plan: every output file, its URL, its owner and how to render it.

Planning is separate from rendering so that two sources claiming one output
path are reported before anything is written (Pelican's rule). Each page kind
also declares what it shows (`PageKind`), which is all the incremental rules
(pipeline/affected.py) know of it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Callable

from generator.shared import urls
from generator.shared.problems import Problems


@dataclass(frozen=True)
class PagePlan:
    url: str
    """Site-relative URL of the page."""
    dest_rel: str
    """Output path under the site directory."""
    owner: str
    """Source that produces it, for collision messages (a file path or a description)."""
    kind: str
    """Page kind: home, council, meeting, person, ... (a key of some family's KINDS)."""
    key: str
    """The id of the thing rendered (council id, meeting key, person id)."""


def claim_all(plans: list[PagePlan], problems: Problems) -> list[PagePlan]:
    """Keep the first claim of each output path; report every later one."""
    owners: dict[str, PagePlan] = {}
    kept = []
    for plan in plans:
        first = owners.get(plan.dest_rel.casefold())
        if first is not None:
            problems.error(
                plan.owner if "/" in plan.owner else first.owner, 0, "output-collision",
                f"Både `{first.owner}` och `{plan.owner}` skulle skrivas till `{plan.dest_rel}`. "
                "Byt namn på den ena så att de får olika adresser.",
            )
            continue
        owners[plan.dest_rel.casefold()] = plan
        kept.append(plan)
    return kept


def plan(url: str, owner: str, kind: str, key: str = "") -> PagePlan:
    return PagePlan(url, urls.dest_path_for(url), owner, kind, key)


class Shows(enum.Enum):
    """What of the content a kind's pages show, so which edits of a meeting they follow.

    Changes to anything else (site.yaml, councils.yaml, people.yaml, a meeting added,
    removed, moved to another date or council, or changed people) re-render every page.
    """

    MEETING = "the meeting whose key is the page's key (and its neighbours' dates and links)"
    SOURCE = "the bytes of the source file whose content_rel is the page's key"
    COUNCIL = "the meetings of the council whose id is the page's key"
    COUNCIL_YEAR = "the meetings of one council in one year; the page's key is `<council id>/<year>`"
    PERSON = "the meetings that the person whose id is the page's key attended or verified"
    LATEST = "the newest meetings (views.LATEST_ON_HOME)"
    LISTED = "the meetings that the kind's `listed_on(site, meeting)` maps to the page's key (a paginated list)"
    ANY_MEETING = "any meeting: re-rendered whenever what other pages show of a meeting changes"


@dataclass(frozen=True)
class PageKind:
    """A family's declaration of one kind of page."""

    render: Callable
    """(PagePlan, RenderContext) -> the file's bytes."""
    shows: Shows
    template: str | None = None
    """The template its pages render with (besides base.html and _macros.html); None for none."""
    listed_on: Callable | None = None
    """For `Shows.LISTED`: (site, meeting) -> the keys of this kind's pages that list the meeting."""
    searchable: bool = False
    """Its pages are search documents: the template marks their content `data-pagefind-body`, and
    only these pages (and the decision records) are handed to Pagefind (output/pagefind.py)."""


def renderers(kinds: dict[str, PageKind]) -> dict[str, Callable]:
    """A family's page kind -> render function (the table rendering looks kinds up in)."""
    return {name: kind.render for name, kind in kinds.items()}
