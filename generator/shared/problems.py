"""Problems found in content: collected everywhere, reported once.

Every stage appends to one `Problems` list instead of raising, so an editor
sees every mistake in every file in one run (the MkDocs/Pelican way). Messages
are Swedish and say what to do; codes are stable English identifiers for tools.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

ERROR = "fel"
WARNING = "varning"



@dataclass(frozen=True, order=True)
class Problem:
    rel_path: str
    """Path of the offending file, relative to the working directory (as typed)."""
    line: int
    """1-based line number; 1 when the problem concerns the whole file."""
    severity: str
    """`fel` (fails the build) or `varning` (fails only with --strict)."""
    code: str
    """Stable machine-readable identifier, e.g. `unknown-key`."""
    message: str
    """Swedish message for the editor, saying what to do."""

    def __post_init__(self) -> None:
        # Content quoted in a message (a YAML key, a URL) must not break the
        # one-problem-per-line format or reorder the terminal with bidi controls.
        object.__setattr__(self, "message", _UNPRINTABLE_RE.sub(_escape_char, self.message))
        object.__setattr__(self, "rel_path", _UNPRINTABLE_RE.sub(_escape_char, self.rel_path))

    def as_text(self) -> str:
        return f"{self.rel_path}:{self.line}: {self.severity}: {self.message}"

    def as_github(self) -> str:
        kind = "error" if self.severity == ERROR else "warning"
        props = f"file={_gh_escape_prop(self.rel_path)},line={self.line},title={_gh_escape_prop(self.code)}"
        return f"::{kind} {props}::{_gh_escape_data(self.message)}"


_UNPRINTABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape_char(match: "re.Match[str]") -> str:
    return f"<U+{ord(match.group()):04X}>"


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """An append-only collection of problems, shared by every stage."""

    items: list[Problem] = field(default_factory=list)

    def error(self, rel_path: str, line: int, code: str, message: str) -> None:
        """Record an error; line 0 (the whole file) is reported as line 1 so every tool can jump to it."""
        self.items.append(Problem(rel_path, max(line, 1), ERROR, code, message))

    def warning(self, rel_path: str, line: int, code: str, message: str) -> None:
        self.items.append(Problem(rel_path, max(line, 1), WARNING, code, message))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def fails(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        """"2 fel, 1 varning": the counts, in Swedish with the right plural."""
        return f"{count(len(self.errors), 'fel', 'fel')}, {count(len(self.warnings), 'varning', 'varningar')}"

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.rel_path, p.line, p.severity, p.code, p.message))

    def format(self, fmt: str = "text") -> str:
        items = self.sorted()
        if fmt == "json":
            return json.dumps([asdict(p) | {"path": p.rel_path} for p in items], ensure_ascii=False, indent=2)
        if fmt == "github":
            return "\n".join(p.as_github() for p in items)
        return "\n".join(p.as_text() for p in items)

    def __len__(self) -> int:
        return len(self.items)


def count(n: int, singular: str, plural: str) -> str:
    """`n` with the Swedish singular or plural of a word: "1 varning", "2 varningar"."""
    return f"{n} {singular if n == 1 else plural}"


class ContentError(Exception):
    """Raised at the end of a stage when content has errors; carries them all."""

    def __init__(self, problems: Problems):
        super().__init__(problems.format("text"))
        self.problems = problems
