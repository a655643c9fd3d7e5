"""Marks left for the editor, which must not be published unseen.

- `protokoll new` writes a scaffold that passes every other check, so each spot
  still to fill in says `FYLL I`.
- `protokoll import` marks what it had to infer from the Word file with a YAML
  comment `# kontrollera: …` in the front matter.

Every line that still holds one is a warning, so `build --strict` fails on it.
"""

from __future__ import annotations

import re

from generator.shared.problems import Problems

MARKER = "FYLL I"
_WHAT_RE = re.compile(re.escape(MARKER) + r":\s*([^#\n]*)")
IMPORT_NOTE_RE = re.compile(r"(?:^|\s)#\s*kontrollera:\s*(.*?)\s*$", re.IGNORECASE)


def warn_placeholders(text: str, rel_path: str, problems: Problems) -> None:
    """A warning at every line of `text` that still holds the marker `FYLL I`."""
    if MARKER not in text:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if MARKER in line:
            what = _WHAT_RE.search(line)
            detail = what.group(1).strip().strip("\"'") if what else ""
            detail = f" ({detail})" if detail else ""
            problems.warning(rel_path, number, "placeholder",
                             f"Platshållaren `{MARKER}` står kvar{detail}. Fyll i uppgiften och ta bort markeringen.")


def warn_import_notes(yaml_text: str, first_line: int, rel_path: str, problems: Problems) -> None:
    """A warning at every `# kontrollera:` comment an import left in the front matter."""
    if "kontrollera" not in yaml_text.lower():
        return
    for offset, line in enumerate(yaml_text.split("\n")):
        match = IMPORT_NOTE_RE.search(line) if "kontrollera" in line.lower() else None
        if match:
            problems.warning(rel_path, first_line + offset, "import-unchecked",
                             f"Importen från Word ber dig kontrollera: {match.group(1) or 'raden'}. "
                             "Rätta raden om det behövs och ta sedan bort kommentaren `# kontrollera: …`.")
