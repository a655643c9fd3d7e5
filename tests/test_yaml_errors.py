"""Every YAML mistake is reported in Swedish, at the line to fix, saying what to do, with none of
PyYAML's English; and no line an editor wrote is silently merged into the one above."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.content import frontmatter
from generator.content.frontmatter import parse_yaml
from generator.shared.problems import Problems

from .conftest import BASE_COUNCILS, minutes, write_tree

# Words of PyYAML's messages (libyaml's and the pure parser's, 6.0.x); each case adds the words of
# the error its own text raises under the parser in use, so new wording upstream is caught too.
PYYAML_WORDS = {
    "found", "expected", "while", "could", "not", "find", "did", "mapping", "values", "allowed", "here",
    "context", "stream", "end", "scanning", "parsing", "token", "character", "cannot", "start", "any",
    "scalar", "quoted", "plain", "block", "flow", "sequence", "collection", "entries", "indicator", "simple",
    "key", "tab", "violates", "indentation", "unknown", "escape", "exceeded", "maximum", "nesting", "depth",
    "document", "separator", "directive", "hexadecimal", "hexdecimal", "numbers", "but", "got", "the", "that",
}

# class -> (YAML as it stands in front matter from file line 2, the file line to fix, code, text of the hint)
CLASSES = {
    "tab in the indentation": (
        "council: x\nnärvaro:\n  Ledamöter:\n\t- Anna Ahnér\n", 5, "yaml-tab",
        "Rad 5 börjar med ett tabbtecken. Använd mellanslag för indrag."),
    "tab after a dash": ("justerare:\n  -\tAnna Ahnér\n", 3, "yaml-tab", "Byt tabbtecknet mot ett mellanslag"),
    "quote never closed": (
        "council: x\ntitle: \"Budget 2026\nplace: Rådhuset\ntime: 13:00\njusterare: []\n", 3,
        "yaml-unclosed-quote", "Citattecknet `\"` på rad 3 stängs aldrig. Avsluta värdet med `\"` på samma rad."),
    "single quote never closed": ("place: 'Rådhuset\ntime: 13:00\n", 2, "yaml-unclosed-quote", "`'` på rad 2"),
    "bad indentation": (
        "council: x\nnärvaro:\n  Ledamöter:\n    - Anna Ahnér\n Gäster:\n    - Bo Ek\n", 6, "yaml-indentation",
        "fel indrag (1 mellanslag)"),
    "missing colon": (
        "council: x\ndate 2025-03-21\njusterare: []\n", 3, "yaml-missing-colon",
        "Rad 3 (`date 2025-03-21`) saknar kolon. Skriv `nyckel: värde`"),
    "unexpected end inside brackets": (
        "council: x\njusterare: [Anna Ahnér, Bo Ek\n", 3, "yaml-unclosed-bracket",
        "Hakparentesen `[` på rad 3 stängs aldrig med `]`."),
    "brackets not closed before the next key": (
        "justerare: [Anna Ahnér\nnärvaro: {}\n", 2, "yaml-unclosed-bracket", "`[` på rad 2 stängs aldrig"),
    "nesting over the limit": (
        "närvaro: " + "[" * 5000 + "]" * 5000 + "\n", 2, "yaml-too-deep", "för djupt nästlad (mer än 20 nivåer)"),
    "block nesting over the limit": (
        "".join("  " * level + f"k{level}:\n" for level in range(3000)), 22, "yaml-too-deep", "mer än 20 nivåer"),
    "nesting over the project's limit only": (
        "närvaro: " + "[" * 30 + "]" * 30 + "\n", 2, "yaml-too-deep", "för djupt nästlad (mer än 20 nivåer)"),
    "unknown escape": ('place: "C:\\mappen\\protokoll"\n', 2, "yaml-escape", "`\\m` är inget sådant"),
    "escape without its digits": ('place: "C:\\Users"\n', 2, "yaml-escape", "`\\U` är inget sådant"),
    "mapping where a list goes on": (
        "närvaro:\n  Ledamöter:\n    - Anna Ahnér\n    org: Askersunds kommun\n", 5, "yaml-not-list-item",
        "Rad 5 står i en lista men börjar inte med `- `"),
    "colon inside a value": ("title: Möte: budget\n", 2, "yaml-colon-in-value", "Sätt citattecken runt hela värdet"),
    "text after a closing quote": ("time: '13:00' 16:00\n", 2, "yaml-syntax", "mer text efter ett värde"),
    "value starting with a reserved character": ("time: `13:00`\n", 2, "yaml-syntax", "kan inte börja med `` ` ``"),
    "anything else": ("justerare: ]\n", 2, "yaml-syntax", "Rad 2 kan inte läsas som YAML. Kontrollera indrag"),
}


@pytest.fixture(params=[yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    """Both of PyYAML's parsers: they word (and sometimes place) their errors differently."""
    monkeypatch.setattr(frontmatter, "_Loader", request.param)
    return request.param


def english_in(message: str, text: str, loader) -> list[str]:
    """Words of PyYAML's English in `message`, including those of the error `text` raises itself."""
    try:
        list(yaml.parse(text, Loader=loader))
        raised = ""
    except yaml.MarkedYAMLError as exc:
        raised = f"{exc.context} {exc.problem}"
    theirs = PYYAML_WORDS | {w for w in re.findall(r"[a-z]+", raised.lower()) if len(w) > 2}
    return sorted(set(re.findall(r"[a-zåäö]+", message.lower())) & theirs)


def only_problem(text: str, first_line: int = 2):
    problems = Problems()
    parse_yaml(text, "x.md", problems, first_line)
    assert len(problems.items) == 1, problems.format()
    return problems.items[0]


@pytest.mark.parametrize("case", CLASSES)
def test_each_yaml_mistake_is_one_swedish_error_at_the_line_to_fix(case, loader):
    text, line, code, hint = CLASSES[case]
    problem = only_problem(text)
    assert (problem.line, problem.code) == (line, code), problem.message
    assert hint in problem.message
    assert english_in(problem.message, text, loader) == []


def test_the_english_check_would_catch_pyyaml_wording(loader):
    text = "a: [1, 2\n"
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        list(yaml.parse(text, Loader=loader))
    assert english_in(f"Ogiltig YAML ({raised.value.problem})", text, loader)


def test_tab_in_front_matter_is_reported_at_its_line_in_the_file(cli, tmp_path):
    narvaro = "  Ledamöter:\n    - Anna Ahnér, Askersunds kommun\n  Gäster:\n\t- Bo Ek, Region Örebro län\n"
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(extra="title: A\nplace: B\n", narvaro=narvaro)})
    result = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert result.code == 1
    assert result.lines == ["content/minutes/ssr-folkhalsa/2025-03-21.md:11: fel: Rad 11 börjar med ett "
                            "tabbtecken. Använd mellanslag för indrag."]


@pytest.mark.parametrize("file_name", ["site.yaml", "councils.yaml", "people.yaml"])
def test_mistakes_in_the_yaml_files_are_reported_the_same_way(cli, tmp_path, file_name):
    body = {"site.yaml": "title: Testråd\norganisation: \"Testregionen\n",
            "councils.yaml": BASE_COUNCILS.replace("name: Specifika", "name: \"Specifika", 1),
            "people.yaml": "anna-ahner:\n  name: \"Anna Ahnér\n"}[file_name]
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(), file_name: body})
    result = cli("check", "--content", "content")
    assert result.code == 1
    line = 2
    assert f"content/{file_name}:{line}: fel: Citattecknet `\"` på rad {line} stängs aldrig." in result.err
    assert not english_in(result.err, body, yaml.CSafeLoader)


# --- no silent merging of lines ------------------------------------------------------------------

# The attendee indented too far, and a quote left open on line 5 of a long front matter, are cases
# under tests/invalid/ (attendee-indented-too-far, unclosed-quote).

def test_plain_value_over_several_lines_in_councils_yaml_is_an_error_at_its_second_line(cli, tmp_path):
    councils = BASE_COUNCILS.replace("  short_name: SSR folkhälsa\n",
                                     "  short_name: SSR folkhälsa\n  description: Rådet för\n\n    folkhälsa\n", 1)
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(), "councils.yaml": councils})
    result = cli("check", "--content", "content")
    assert result.code == 1
    [problem] = result.lines
    assert problem.startswith("content/councils.yaml:6: fel: Rad 6 blir en fortsättning av värdet `Rådet för` "
                              "på rad 4; text utan citattecken får bara stå på en rad.")
    assert "`>-`" in problem


def test_block_scalars_and_one_line_values_may_stand_as_before():
    problems = Problems()
    root = parse_yaml("description: >-\n  Rådet för\n  folkhälsa\nnote: |\n  rad ett\n  rad två\n"
                      "name: 'Rådet'\nlist: [a, b]\n", "x.yaml", problems)
    assert not problems.items
    assert root.get("description").value == "Rådet för folkhälsa"
    assert root.get("note").value == "rad ett\nrad två\n"


@pytest.mark.parametrize("text, line, hint", [
    ("närvaro:\n  Ledamöter\n    - Anna Ahnér\n", 4, "Saknas kolon efter `Ledamöter` på rad 3?"),
    ("justerare: Anna Ahnér\n  - Bo Ek\n", 3, "ta bort värdet efter kolonet på rad 2"),
    ("place: Rådhuset\n  sal 3\n", 3, "Saknas `- ` i början av raden, eller är den indragen för långt?"),
    ("justerare: [Anna Ahnér\n  Bo Ek]\n", 3, "Saknas `,` mellan värdena"),
    ("council: x\n  date: 2025-03-21\n", 3, "Saknas `- ` i början av raden"),
])
def test_plain_value_over_several_lines_is_an_error_at_its_second_line_with_a_hint(text, line, hint, loader):
    problem = only_problem(text)
    assert (problem.line, problem.code) == (line, "yaml-multiline")
    assert hint in problem.message
    assert english_in(problem.message, text, loader) == []


@pytest.mark.parametrize("text, line", [
    ("justerare:\n  - \"Anna Ahnér\n  - Bo Ek\"\n", 3),  # valid YAML: Bo Ek would vanish into Anna's name
    ("title: \"Budget\nplace: \"Rådhuset\"\n", 2),  # the next quote closes it; the parser then fails
])
def test_quoted_value_over_several_lines_is_an_error_where_the_quote_opens(text, line, loader):
    problem = only_problem(text)
    assert (problem.line, problem.code) == (line, "yaml-multiline-quote")
    assert f"Saknas det avslutande `\"` på rad {line}?" in problem.message
    assert english_in(problem.message, text, loader) == []
