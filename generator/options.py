"""What a build is asked to do, and where templates come from.

Kept free of heavy imports: `protokoll build` decides from these alone, with
uptodate.py, that nothing changed, before Jinja2 or markdown-it are loaded.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class BuildOptions:
    content_dir: Path = Path("content")
    out_dir: Path = Path("site")
    base_url: str | None = None
    """Overrides site.yaml's base_url when given."""
    search: bool = True
    strict: bool = False
    templates_dir: Path | None = None
    """Templates that override the built-in ones, file by file."""
    workers: int | None = None
    """Rendering processes; None means one per available CPU (or PROTOKOLL_WORKERS)."""
    force: bool = False
    """Render everything: ignore the last build's record and state."""


def template_dirs(override: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins."""
    dirs = [override] if override else []
    return [*dirs, DEFAULT_TEMPLATES]


LAST_EPOCH = int(dt.datetime(2200, 1, 1, tzinfo=dt.timezone.utc).timestamp()) - 1
"""The last SOURCE_DATE_EPOCH accepted: like every date in the content, before the year 2200."""


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) in seconds; None when unset or empty.

    ValueError, with a Swedish message, when it is not a whole number of seconds from 1970 to 2199:
    the specification asks a build to fail rather than guess."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{1,20}", raw) or int(raw) > LAST_EPOCH:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise ValueError(f"miljövariabeln SOURCE_DATE_EPOCH={shown} ska vara ett heltal sekunder sedan "
                         f"1970-01-01 (UTC), högst {LAST_EPOCH} (år 2199), t.ex. 1735689600. Rätta den eller ta bort den.")
    return int(raw)
