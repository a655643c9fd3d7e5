"""The templates' static files (CSS, scripts), copied into the site at the same path."""

from __future__ import annotations

from pathlib import Path

from generator.shared.options import STATIC_DIR, template_dirs


def copy_static(templates_dir: Path | None, output) -> None:
    """Copy `static/` of the templates; an override's file wins over the default's."""
    files: dict[str, Path] = {}
    for directory in reversed(template_dirs(templates_dir)):
        static = directory / STATIC_DIR
        if static.is_dir():
            files.update({src.relative_to(static).as_posix(): src for src in static.rglob("*") if src.is_file()})
    for rel in sorted(files):
        output.copy(f"{STATIC_DIR}/{rel}", files[rel])
