"""The page plan: every output file, its URL, its owner and how to render it.

Planning is separate from rendering so that two sources claiming one output
path are reported before anything is written (Pelican's rule).
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """Page kind: home, council, meeting, person, ... (used by incremental rebuilds)."""
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

