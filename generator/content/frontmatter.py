"""Split front matter from Markdown and parse YAML strictly, keeping line numbers.

PyYAML's resolvers turn `13:00` into 780, `no` into False and `010` into 8.
We never let them: the C parser emits events and this module builds a tiny
tree in which every scalar is a string with its line. Anchors, aliases, tags
and duplicate keys are rejected, so an alias bomb never expands. Typing is
the schema's job.

Only block scalars (`|`, `>-`) may span lines. A plain scalar over several
lines is how YAML silently swallows a mis-indented list entry (`- Annika Öhman`
becomes part of the line above), and a quoted one over several lines is
almost always a closing quote forgotten: both are errors, so nothing an editor
wrote vanishes without a word. PyYAML's syntax errors become Swedish problems
in `yaml_errors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import yaml
from yaml.events import MappingEndEvent, ScalarEvent, SequenceEndEvent

try:  # the C parser is 5-10x faster; the pure one behaves identically
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is in every wheel we use
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from generator.shared.problems import Problems

from . import yaml_errors
from .yaml_errors import ALIAS, MAX_DEPTH, TOO_DEEP

FENCE = "---"
_MERGEABLE_STYLES = (None, "", '"', "'")
"""Scalar styles that may not span lines (plain and quoted; block scalars may)."""
NON_PRINTABLE_RE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class YScalar:
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class YList:
    items: list["YNode"]
    line: int


@dataclass(frozen=True, slots=True)
class YMap:
    entries: dict[str, "YEntry"]
    line: int

    def get(self, key: str) -> "YNode | None":
        entry = self.entries.get(key)
        return entry.value if entry else None


@dataclass(frozen=True, slots=True)
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
    builder = _TreeBuilder(rel_path, problems, first_line - 1, text)
    try:
        loader = _Loader(text)
        try:  # the loader's own events, without yaml.parse's generator around each
            root = builder.document(iter(loader.get_event, None))
        finally:
            loader.dispose()
        builder.report_multiline()
        return root
    except yaml.MarkedYAMLError as exc:
        builder.syntax_error(exc, yaml_errors.describe(exc, text, first_line))
    except yaml.reader.ReaderError as exc:  # a control character the YAML spec forbids
        found = NON_PRINTABLE_RE.search(text)  # libyaml's offset is not a character index
        line = text[: found.start()].count("\n") + first_line if found else first_line
        problems.error(rel_path, line, "yaml-syntax",
                       f"Otillåtet tecken (U+{exc.character:04X}) i YAML. Ta bort tecknet.")
    except yaml.YAMLError:
        problems.error(rel_path, first_line, "yaml-syntax",
                       "YAML-texten kan inte läsas. Kontrollera indrag, kolon och citattecken.")
    except RecursionError:  # nesting far beyond MAX_DEPTH inside the parser itself
        problems.error(rel_path, first_line, "yaml-too-deep", TOO_DEEP)
    except _Abort:
        pass
    return None


class _Abort(Exception):
    """The tree cannot be built (alias or anchor): the problem is already recorded."""


@dataclass(frozen=True)
class _Merged:
    """A scalar over several lines, reported once the parse has ended (a later syntax error may explain it)."""
    problem: yaml_errors.YamlProblem
    end_line: int
    """0-based line of the text where the scalar ends."""
    in_flow: bool
    """Inside `[…]` or `{…}`, where an unclosed bracket is the likelier mistake."""


@dataclass
class _TreeBuilder:
    rel_path: str
    problems: Problems
    line_offset: int
    text: str
    multiline: list[_Merged] = field(default_factory=list)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

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

    def merged(self, event, in_flow: bool) -> None:
        first_line = self.line_offset + 1
        found = (yaml_errors.multiline_quoted(event, first_line) if event.style else
                 yaml_errors.multiline_plain(event, self.lines, first_line, in_flow))
        self.multiline.append(_Merged(found, event.end_mark.line, in_flow))

    def syntax_error(self, exc: yaml.MarkedYAMLError, found: yaml_errors.YamlProblem) -> None:
        """Report the error that stopped the parser, unless a scalar over several lines explains it.

        An unclosed `[` explains values merged inside it; a scalar over several lines explains an
        error on its last line (`a: x` then `  b: y`; a quote closed only by the next line's quote)."""
        if found.code == "yaml-unclosed-bracket":
            self.multiline = [merged for merged in self.multiline if not merged.in_flow]
        elif exc.problem_mark is not None and any(exc.problem_mark.line <= m.end_line for m in self.multiline):
            found = None
        if found is not None:
            self.problems.error(self.rel_path, found.line, found.code, found.message)
        self.report_multiline()

    def report_multiline(self) -> None:
        for merged in self.multiline:
            found = merged.problem
            self.problems.error(self.rel_path, found.line, found.code, found.message)

    def check(self, event) -> None:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.problems.error(self.rel_path, self.line(event), "yaml-alias", ALIAS)
            raise _Abort
        tag = getattr(event, "tag", None)
        if tag and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            self.problems.error(
                self.rel_path, self.line(event), "yaml-tag",
                f"YAML-taggar (`{tag}`) stöds inte. Ta bort taggen; skriv värdet som vanlig text.",
            )
            raise _Abort

    def node(self, event, events, depth: int = 0, in_flow: bool = False) -> YNode:
        if (event.__class__ is ScalarEvent and not event.anchor and (not event.tag or event.tag == "!")
                and depth <= MAX_DEPTH):  # the common case, without the checks' calls (400,000 at 4,000 meetings)
            start = event.start_mark.line
            if event.end_mark.line > start and event.style in _MERGEABLE_STYLES:
                self.merged(event, in_flow)
            return YScalar(event.value, start + 1 + self.line_offset)
        self.check(event)
        if depth > MAX_DEPTH:
            self.problems.error(self.rel_path, self.line(event), "yaml-too-deep", TOO_DEEP)
            raise _Abort
        if isinstance(event, yaml.ScalarEvent):
            if event.end_mark.line > event.start_mark.line and event.style in _MERGEABLE_STYLES:
                self.merged(event, in_flow)
            return YScalar(event.value, self.line(event))
        in_flow = in_flow or bool(getattr(event, "flow_style", False))
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            for child in events:
                if isinstance(child, SequenceEndEvent):
                    return YList(items, self.line(event))
                items.append(self.node(child, events, depth + 1, in_flow))
        if isinstance(event, yaml.MappingStartEvent):
            entries: dict[str, YEntry] = {}
            for key_event in events:
                if isinstance(key_event, MappingEndEvent):
                    return YMap(entries, self.line(event))
                key_node = self.node(key_event, events, depth + 1, in_flow)
                value = self.node(next(events), events, depth + 1, in_flow)
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


def yaml_text(value: str) -> str:
    """Quote a value for YAML only when it needs it."""
    plain = value and value[0] not in "-?:,[]{}#&*!|>'\"%@`" and ": " not in value and " #" not in value
    return value if plain and value.strip() == value else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
