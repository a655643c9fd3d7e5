"""Pagefind: index the written site in one call, after every page is on disk.

The Python API answers about ten calls a second, so we never add pages one
by one: the staging directory is indexed as a whole by Pagefind's own binary
(shipped in the `pagefind_bin` wheel; nothing is downloaded at run time).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LANGUAGE = "sv"


class SearchIndexError(Exception):
    pass


def pagefind_command() -> list[str]:
    """The bundled Pagefind binary, run through its Python package."""
    return [sys.executable, "-m", "pagefind"]


def index(site_dir: Path) -> None:
    """Write `pagefind/` into `site_dir` from the HTML already there."""
    cmd = [*pagefind_command(), "--site", str(site_dir), "--force-language", LANGUAGE, "--quiet"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind misslyckades ({result.returncode}):\n{result.stdout}\n{result.stderr}")
