"""Placeholders that `protokoll new` writes, and that must not be published.

A scaffold passes every other check, so each spot the editor still has to fill
in carries the marker `FYLL I`; every line that still has one is a warning
(and `build --strict` fails on it).
"""

from __future__ import annotations

import re

from .problems import Problems

MARKER = "FYLL I"
_WHAT_RE = re.compile(re.escape(MARKER) + r":\s*([^#\n]*)")


def warn_placeholders(text: str, rel_path: str, problems: Problems) -> None:
    """A warning at every line of `text` that still holds the marker."""
    if MARKER not in text:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if MARKER in line:
            what = _WHAT_RE.search(line)
            detail = what.group(1).strip().strip("\"'") if what else ""
            detail = f" ({detail})" if detail else ""
            problems.warning(rel_path, number, "placeholder",
                             f"Platshållaren `{MARKER}` står kvar{detail}. Fyll i uppgiften och ta bort markeringen.")
