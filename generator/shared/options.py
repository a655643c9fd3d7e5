"""What a build is asked to do, and where templates come from.

Kept free of heavy imports: `protokoll build` decides from these alone, with
uptodate.py, that nothing changed, before Jinja2 or markdown-it are loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
STATIC_DIR = "static"
"""The templates' folder of static files, copied to the same path in the site."""


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
