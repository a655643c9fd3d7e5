"""PyYAML's English syntax errors as Swedish problems, at the line an editor must fix.

libyaml (the C parser) and the pure-Python parser word their errors
differently and their words change between releases, so a class is recognised
from a few stable words of the error's context and problem, from where its
marks point, and from the text at those marks. Nothing of PyYAML's wording is
ever shown: every message is Swedish and says what to do.

| class                               | reported at                  | code                   |
| ---                                 | ---                          | ---                    |
| nesting over any parser's limit     | the line it is hit           | yaml-too-deep          |
| unknown escape in "…"               | the line of the escape       | yaml-escape            |
| quote never closed                  | the line where it opens      | yaml-unclosed-quote    |
| tab in indentation (or after `-`)   | the line of the tab          | yaml-tab               |
| missing colon after a key           | the line of the key          | yaml-missing-colon     |
| `: ` inside a plain value           | its line                     | yaml-colon-in-value    |
| unexpected end: `[`/`{` not closed  | the line where it opens      | yaml-unclosed-bracket  |
| a mapping line where a list goes on | its line                     | yaml-not-list-item     |
| bad indentation                     | its line                     | yaml-indentation       |
| anchor or alias syntax              | its line                     | yaml-alias             |
| anything else                       | the problem's line           | yaml-syntax            |

`frontmatter` adds two of its own, for values that parse but span lines:
a plain one (`yaml-multiline`, at its second line) and a quoted one
(`yaml-multiline-quote`, at the line where the quote opens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; real front matter uses 4."""
TOO_DEEP = (f"YAML-strukturen är för djupt nästlad (mer än {MAX_DEPTH} nivåer). "
            "Front matter behöver bara några få nivåer.")
ALIAS = "YAML-ankare och alias (`&namn`, `*namn`) stöds inte. Skriv ut värdet på varje ställe."
LONG_TEXT = "För en lång text: skriv `>-` efter kolonet och texten indragen på raderna under."
ESCAPE_RE = re.compile(r'\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abt\tnvfre "/\\N_LP])|(\\.?)')
"""A valid escape in "…", or (group 1) one YAML does not know."""


@dataclass(frozen=True)
class YamlProblem:
    line: int
    """1-based line in the file."""
    code: str
    message: str


def describe(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlProblem:
    """The Swedish problem for one PyYAML syntax error in `text` (which starts at file line `first_line`)."""
    return _Error(exc, text.split("\n"), first_line).describe()


@dataclass
class _Error:
    exc: yaml.MarkedYAMLError
    lines: list[str]
    first_line: int

    @property
    def words(self) -> str:
        return f"{self.exc.context or ''} | {self.exc.problem or ''}".lower()

    def at(self) -> tuple[int, int]:
        """(0-based line, column) of the problem, within the text."""
        mark = self.exc.problem_mark or self.exc.context_mark
        return (min(mark.line, len(self.lines) - 1), mark.column) if mark else (0, 0)

    def opened(self) -> tuple[int, int]:
        """(0-based line, column) where the construct that failed began."""
        mark = self.exc.context_mark
        return (min(mark.line, len(self.lines) - 1), mark.column) if mark else self.at()

    def text(self, index: int) -> str:
        return _line(self.lines, index)

    def problem(self, index: int, code: str, message: str) -> YamlProblem:
        return YamlProblem(index + self.first_line, code, message)

    def describe(self) -> YamlProblem:
        """The first class, read top to bottom, that the error belongs to."""
        words = self.words
        line, column = self.at()
        here = line + self.first_line
        if "nesting" in words or "depth" in words:
            return self.problem(line, "yaml-too-deep", TOO_DEEP)
        if "escape" in words or "hexdecimal" in words or "hexadecimal" in words:
            return self.problem(line, "yaml-escape", self.escape_message(line))
        if "quoted scalar" in words:
            return self.unclosed_quote()
        tab = self.tab_message(line, column)
        if tab:
            return self.problem(line, "yaml-tab", tab)
        if "simple key" in words or "expected ':'" in words:
            key_line = self.opened()[0]
            return self.problem(key_line, "yaml-missing-colon",
                                f"Rad {key_line + self.first_line} (`{_excerpt(self.text(key_line))}`) saknar kolon. "
                                "Skriv `nyckel: värde`, med kolon och mellanslag efter nyckeln.")
        if "mapping values" in words:
            return self.colon_problem(line, column)
        if "flow sequence" in words or "flow mapping" in words:
            return self.unclosed_bracket()
        if "block collection" in words:
            return self.problem(line, "yaml-not-list-item",
                                f"Rad {here} står i en lista men börjar inte med `- `. Börja raden med `- ` som "
                                "raderna ovanför, eller flytta ut den till samma indrag som nyckeln ovanför listan.")
        if "anchor" in words or "alias" in words:
            return self.problem(line, "yaml-alias", ALIAS)
        if "block mapping" in words or "expected key" in words or "block end" in words:
            return self.indentation_problem(line, column)
        return self.problem(line, "yaml-syntax", self.generic_message(line, column))

    def escape_message(self, line: int) -> str:
        bad = next((m.group(1) for m in ESCAPE_RE.finditer(self.text(line)) if m.group(1)), "\\")
        return (f"Inom dubbla citattecken inleder `\\` ett specialtecken, och `{bad}` är inget sådant. "
                "Skriv `\\\\` för ett vanligt omvänt snedstreck, eller sätt värdet inom enkla citattecken "
                "('…'), där `\\` är ett vanligt tecken.")

    def unclosed_quote(self) -> YamlProblem:
        line, column = self.opened()
        opening = self.text(line)
        quote = opening[column] if column < len(opening) and opening[column] in "\"'" else \
            next((c for c in opening if c in "\"'"), '"')
        return self.problem(line, "yaml-unclosed-quote",
                            f"Citattecknet `{quote}` på rad {line + self.first_line} stängs aldrig. "
                            f"Avsluta värdet med `{quote}` på samma rad.")

    def tab_message(self, line: int, column: int) -> str | None:
        text = self.text(line)
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        here = line + self.first_line
        if text.startswith("\t"):
            return f"Rad {here} börjar med ett tabbtecken. Använd mellanslag för indrag."
        if "\t" in indent:
            return f"Rad {here} har ett tabbtecken i indraget. Använd bara mellanslag för indrag."
        if text[column:column + 1] == "\t" or "tab" in self.words or "'\\t'" in self.words:
            return f"Rad {here} har ett tabbtecken där YAML kräver mellanslag. Byt tabbtecknet mot ett mellanslag."
        return None

    def colon_problem(self, line: int, column: int) -> YamlProblem:
        before = self.text(line)[:column]
        if re.search(r":[ \t]", before):
            return self.problem(line, "yaml-colon-in-value",
                                f"Rad {line + self.first_line} har ett kolon följt av mellanslag mitt i ett värde. "
                                "Sätt citattecken runt hela värdet, t.ex. `plats: \"Rum 3: Stora salen\"`.")
        return self.problem(line, "yaml-indentation",
                            f"Rad {line + self.first_line} är indragen under ett värde som redan står efter ett "
                            "kolon på raden ovanför. Flytta ut raden till samma indrag som nyckeln ovanför.")

    def unclosed_bracket(self) -> YamlProblem:
        line, column = self.opened()
        opening = self.text(line)
        bracket = opening[column] if opening[column:column + 1] in ("[", "{") else \
            "{" if "mapping" in self.words else "["
        name, closing = ("Hakparentesen", "]") if bracket == "[" else ("Klammerparentesen", "}")
        return self.problem(line, "yaml-unclosed-bracket",
                            f"{name} `{bracket}` på rad {line + self.first_line} stängs aldrig med `{closing}`. "
                            f"Avsluta med `{closing}` på samma rad, och skriv `,` mellan värdena. Står `{bracket}` "
                            "i en text, sätt citattecken runt hela värdet.")

    def indentation_problem(self, line: int, column: int) -> YamlProblem:
        text = self.text(line)
        indent = len(text) - len(text.lstrip(" "))
        here = line + self.first_line
        if column > indent:  # the line starts well; something follows a finished value
            return self.problem(line, "yaml-syntax",
                                f"Rad {here} har mer text efter ett värde som redan är avslutat (med citattecken "
                                "eller parentes). Sätt citattecken runt hela värdet.")
        return self.problem(line, "yaml-indentation",
                            f"Rad {here} har fel indrag ({indent} mellanslag) jämfört med raderna ovanför. "
                            "Nycklar på samma nivå ska ha lika många mellanslag före sig; det som hör till en "
                            "nyckel dras in under den.")

    def generic_message(self, line: int, column: int) -> str:
        here = line + self.first_line
        words = self.words
        found = self.text(line)[column:column + 1]
        if "block scalar" in words:
            return (f"Rad {here}: efter `|` eller `>` får bara `-` eller `+` stå på raden. "
                    "Skriv texten indragen på raderna under.")
        if "sequence entries" in words:
            return (f"Rad {here} har `- ` efter en nyckel eller ett värde på samma rad. En punkt i en lista ska stå "
                    "på en egen rad, indragen under nyckeln; hör `-` till texten, sätt citattecken runt hela värdet.")
        if "cannot start" in words and found.strip():
            shown = "`` ` ``" if found == "`" else f"`{found}`"
            return (f"Ett värde utan citattecken kan inte börja med {shown} (rad {here}). "
                    "Sätt citattecken runt hela värdet.")
        return (f"Rad {here} kan inte läsas som YAML. Kontrollera indrag, kolon och citattecken; sätt citattecken "
                "runt text som innehåller `: `, ` #`, `[` eller `{`.")


def multiline_plain(event, lines: list[str], first_line: int, in_flow: bool) -> YamlProblem:
    """A plain scalar that spans lines: the lines after the first were most likely meant as entries of their own."""
    start = event.start_mark.line
    second = next((i for i in range(start + 1, event.end_mark.line + 1) if _line(lines, i).strip()), start + 1)
    start_text, second_text = _line(lines, start), _line(lines, second).strip()
    before = start_text[: event.start_mark.column].strip()
    first_value = _excerpt(start_text[event.start_mark.column:])
    here, above = second + first_line, start + first_line
    if in_flow:
        hint = f"Saknas `,` mellan värdena, eller en avslutande parentes på rad {above}?"
    elif not before:
        hint = f"Saknas kolon efter `{first_value}` på rad {above}?"
    elif second_text.startswith("-") and before.startswith("-"):
        hint = f"Är raden indragen för långt? Ställ `-` rakt under `-` på rad {above}, så blir den en egen punkt i listan."
    elif second_text.startswith("-"):
        hint = (f"Ska den vara en punkt i en lista, ta bort värdet efter kolonet på rad {above} "
                "och skriv listan på raderna under.")
    else:
        hint = (f"Saknas `- ` i början av raden, eller är den indragen för långt? Annars: skriv hela värdet "
                f"på rad {above}. {LONG_TEXT}")
    return YamlProblem(here, "yaml-multiline",
                       f"Rad {here} blir en fortsättning av värdet `{first_value}` på rad {above}; "
                       f"text utan citattecken får bara stå på en rad. {hint}")


def multiline_quoted(event, first_line: int) -> YamlProblem:
    """A quoted scalar that spans lines: most often a closing quote forgotten on its first line."""
    start, end = event.start_mark.line + first_line, event.end_mark.line + first_line
    quote = event.style
    return YamlProblem(start, "yaml-multiline-quote",
                       f"Värdet inom `{quote}` på rad {start} fortsätter ända till rad {end}. Saknas det "
                       f"avslutande `{quote}` på rad {start}? Ett värde inom citattecken ska stå på en rad. {LONG_TEXT}")


def _line(lines: list[str], index: int) -> str:
    """One line of the text; libyaml also breaks lines at U+0085, U+2028 and U+2029, so it may count more."""
    return lines[index] if 0 <= index < len(lines) else ""


def _excerpt(text: str, limit: int = 40) -> str:
    text = text.strip().replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"
