"""Strict YAML: every scalar is text, typed by the schema; nothing is guessed."""

from __future__ import annotations

import unicodedata

from bs4 import BeautifulSoup

from generator.content.frontmatter import YMap, parse_yaml
from generator.shared.problems import Problems

from .conftest import minutes, write_tree


def parse(text: str):
    problems = Problems()
    return parse_yaml(text, "x.yaml", problems), problems


def test_unquoted_time_stays_text_never_sexagesimal_integer():
    root, problems = parse("time: 13:00\nflag: no\nnumber: 010\nday: 2025-03-21\n")
    assert not problems.items
    assert isinstance(root, YMap)
    assert {k: e.value.value for k, e in root.entries.items()} == {
        "time": "13:00", "flag": "no", "number": "010", "day": "2025-03-21"}


def test_scalars_keep_their_line_numbers():
    root, _ = parse("a: 1\nb:\n  - x\n  - y\n")
    items = root.get("b").items
    assert [(i.value, i.line) for i in items] == [("x", 3), ("y", 4)]


def test_alias_bomb_is_rejected_before_it_expands():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    root, problems = parse(bomb)
    assert root is None
    assert [p.code for p in problems.items] == ["yaml-alias"]


def test_explicit_tags_are_rejected():
    root, problems = parse("n: !!int 3\n")
    assert root is None and problems.items[0].code == "yaml-tag"


def test_unquoted_time_is_published_as_written(cli, tmp_path):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(extra="time: 13:00-16:00\nplace: no\n")})
    assert cli("build", "--content", "content", "--out", "site", "--no-search").code == 0
    soup = BeautifulSoup((tmp_path / "site/ssr-folkhalsa/2025-03-21/index.html").read_text(), "html.parser")
    facts = {dt.get_text(): dd.get_text() for dt, dd in zip(soup.select(".facts dt"), soup.select(".facts dd"))}
    assert facts["Tid"] == "13:00-16:00"
    assert facts["Plats"] == "no"


def test_nfd_names_and_file_names_are_normalised_to_nfc(cli, tmp_path):
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    write_tree(tmp_path, {
        nfd("minutes/ssr-folkhalsa/2025-03-21.md"): nfd(minutes(narvaro="  Ledamöter:\n    - Åsa Öberg, Örebro kommun\n")),
        "minutes/ssr-folkhalsa/2025-04-21.md": minutes(date="2025-04-21", narvaro="  Ledamöter:\n    - Åsa Öberg, Örebro kommun\n"),
    })
    result = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert result.code == 0, result.err
    person = (tmp_path / "site/personer/asa-oberg/index.html").read_text(encoding="utf-8")
    assert "Åsa Öberg" in person and unicodedata.is_normalized("NFC", person)
    assert person.count('<tr><th scope="row">') == 2  # both meetings on one person page
