"""Split front matter from Markdown and parse YAML strictly, keeping line numbers.

PyYAML's resolvers turn `13:00` into 780, `no` into False and `010` into 8.
We never let them: the C parser emits events and this module builds a tiny
tree in which every scalar is a string with its line. Anchors, aliases, tags
and duplicate keys are rejected, so an alias bomb never expands. Typing is
the schema's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

try:  # the C parser is 5-10x faster; the pure one behaves identically
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in every wheel we use
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from generator.shared.problems import Problems

FENCE = "---"
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; real front matter uses 4."""
NON_PRINTABLE_RE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class YScalar:
    value: str
    line: int


@dataclass(frozen=True)
class YList:
    items: list["YNode"]
    line: int


@dataclass(frozen=True)
class YMap:
    entries: dict[str, "YEntry"]
    line: int

    def get(self, key: str) -> "YNode | None":
        entry = self.entries.get(key)
        return entry.value if entry else None


@dataclass(frozen=True)
class YEntry:
    key_line: int
    value: "YNode"


YNode = YScalar | YList | YMap


@dataclass
class FrontMatter:
    yaml_text: str
    yaml_first_line: int
    """Line number (1-based) of the first YAML line in the file."""
    body: str
    body_first_line: int
    """Line number (1-based) of the first Markdown line in the file."""


def split(text: str, rel_path: str, problems: Problems) -> FrontMatter | None:
    """Split `---`-fenced YAML from the Markdown after it."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        problems.error(
            rel_path, 1, "missing-front-matter",
            "Filen börjar inte med front matter. Saknar du `---` på första raden?",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return FrontMatter(
                yaml_text="\n".join(lines[1:index]),
                yaml_first_line=2,
                body="\n".join(lines[index + 1:]),
                body_first_line=index + 2,
            )
    problems.error(
        rel_path, 1, "unclosed-front-matter",
        "Front matter avslutas aldrig. Saknar du en rad med bara `---` efter sista YAML-raden?",
    )
    return None


def parse_yaml(text: str, rel_path: str, problems: Problems, first_line: int = 1) -> YNode | None:
    """Parse one YAML document into a tree of strings; None when it is unusable."""
    builder = _TreeBuilder(rel_path, problems, first_line - 1)
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        return builder.document(events)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark else 0) + first_line
        what = exc.problem or exc.context or "okänt fel"
        problems.error(
            rel_path, line, "yaml-syntax",
            f"Ogiltig YAML ({what}). Kontrollera indrag, kolon och citattecken på raden.",
        )
    except yaml.reader.ReaderError as exc:  # a control character the YAML spec forbids
        found = NON_PRINTABLE_RE.search(text)  # libyaml's offset is not a character index
        line = text[: found.start()].count("\n") + first_line if found else first_line
        problems.error(rel_path, line, "yaml-syntax",
                       f"Otillåtet tecken (U+{exc.character:04X}) i YAML. Ta bort tecknet.")
    except yaml.YAMLError as exc:
        problems.error(rel_path, first_line, "yaml-syntax", f"Ogiltig YAML: {' '.join(str(exc).split())}.")
    except RecursionError:  # nesting far beyond MAX_DEPTH inside the parser itself
        problems.error(rel_path, first_line, "yaml-too-deep",
                       f"YAML-strukturen är för djupt nästlad (mer än {MAX_DEPTH} nivåer).")
    except _Abort:
        pass
    return None


class _Abort(Exception):
    """The tree cannot be built (alias or anchor): the problem is already recorded."""


@dataclass
class _TreeBuilder:
    rel_path: str
    problems: Problems
    line_offset: int

    def line(self, event) -> int:
        return event.start_mark.line + 1 + self.line_offset

    def document(self, events) -> YNode | None:
        root: YNode | None = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None:
                    self.problems.error(
                        self.rel_path, self.line(event), "yaml-multiple-documents",
                        "Bara ett YAML-dokument är tillåtet. Ta bort den extra `---`-raden.",
                    )
                    raise _Abort
                root = self.node(next(events), events)
        return root

    def check(self, event) -> None:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.problems.error(
                self.rel_path, self.line(event), "yaml-alias",
                "YAML-ankare och alias (`&namn`, `*namn`) stöds inte. Skriv ut värdet på varje ställe.",
            )
            raise _Abort
        tag = getattr(event, "tag", None)
        if tag and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            self.problems.error(
                self.rel_path, self.line(event), "yaml-tag",
                f"YAML-taggar (`{tag}`) stöds inte. Ta bort taggen; skriv värdet som vanlig text.",
            )
            raise _Abort

    def node(self, event, events, depth: int = 0) -> YNode:
        self.check(event)
        if depth > MAX_DEPTH:
            self.problems.error(self.rel_path, self.line(event), "yaml-too-deep",
                                f"YAML-strukturen är för djupt nästlad (mer än {MAX_DEPTH} nivåer). "
                                "Front matter behöver bara några få nivåer.")
            raise _Abort
        if isinstance(event, yaml.ScalarEvent):
            return YScalar(event.value, self.line(event))
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return YList(items, self.line(event))
                items.append(self.node(child, events, depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            entries: dict[str, YEntry] = {}
            for key_event in events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    return YMap(entries, self.line(event))
                key_node = self.node(key_event, events, depth + 1)
                value = self.node(next(events), events, depth + 1)
                if not isinstance(key_node, YScalar):
                    self.problems.error(
                        self.rel_path, self.line(key_event), "yaml-complex-key",
                        "En nyckel måste vara en enkel text, inte en lista eller mappning.",
                    )
                    continue
                key = key_node.value
                if key in entries:
                    self.problems.error(
                        self.rel_path, key_node.line, "duplicate-key",
                        f"Nyckeln `{key}` finns redan på rad {entries[key].key_line}. "
                        "Ta bort den ena; annars skulle den senare tyst ersätta den första.",
                    )
                    continue
                entries[key] = YEntry(key_node.line, value)
        raise _Abort  # pragma: no cover - the parser never emits anything else here
