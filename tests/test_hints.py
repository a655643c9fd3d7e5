"""Hints that lead to the fix, and one broken file never hiding the problems of another."""

from __future__ import annotations

import pytest

from generator.content.people import plausible_alias
from generator.shared.problems import Problems

from .conftest import BASE_COUNCILS, minutes, write_tree

ROSTER = BASE_COUNCILS.replace("  type: minnesanteckningar\n", """  type: minnesanteckningar
  roster:
    Ledamöter:
      - Peter Kotilainen, Ljusnarsbergs kommun
      - Anna Ahnér, Askersunds kommun
""", 1)


def problems(run) -> list[str]:
    """The run's problem lines, but for the reminder that the tiny sites' minutes have no justerare."""
    return [line for line in run.lines if "Mötet har inga justerare" not in line]


def group(*entries: str) -> str:
    return "  Ledamöter:\n" + "".join(f"    - {entry}\n" for entry in entries)


def three_meetings(last_name: str) -> dict[str, str]:
    usual = group("Peter Kotilainen, Ljusnarsbergs kommun", "Anna Ahnér, Askersunds kommun")
    return {
        "councils.yaml": ROSTER,
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=usual),
        "minutes/ssr-folkhalsa/2025-05-16.md": minutes(date="2025-05-16", narvaro=usual),
        "minutes/ssr-folkhalsa/2025-09-12.md": minutes(date="2025-09-12", narvaro=group(
            f"{last_name}, Ljusnarsbergs kommun", "Anna Ahnér, Askersunds kommun")),
    }


def test_a_misspelt_roster_member_is_asked_menade_du_and_never_told_to_keep_the_typo(cli, tmp_path):
    write_tree(tmp_path, three_meetings("Peter Kotilainnen"))
    [line] = problems(cli("check", "--content", "content"))
    assert line.startswith("content/minutes/ssr-folkhalsa/2025-09-12.md:7: varning: Menade du Peter Kotilainen? ")
    assert "alias" not in line


def test_a_name_written_without_its_accents_is_offered_as_an_alias(cli, tmp_path):
    files = three_meetings("Peter Kotilainen")
    files["minutes/ssr-folkhalsa/2025-09-12.md"] = files["minutes/ssr-folkhalsa/2025-09-12.md"].replace(
        "Anna Ahnér, Askersunds", "Anna Ahner, Askersunds")
    write_tree(tmp_path, files)
    [line] = problems(cli("check", "--content", "content"))
    assert line.startswith("content/minutes/ssr-folkhalsa/2025-09-12.md:8: varning: Namnet Anna Ahner liknar Anna Ahnér.")
    assert "Lägg då till Anna Ahner som alias till Anna Ahnér i people.yaml" in line


@pytest.mark.parametrize(("written", "known", "alias"), [
    ("Peter Kotilainnen", "Peter Kotilainen", False),  # a doubled letter
    ("Jonas Hanssen", "Jonas Hansen", False),
    ("Bechet Barsom", "Behcet Barsom", False),         # two letters swapped
    ("Anna Ahner", "Anna Ahnér", True),                # the accent left out
    ("Anna Ahnér", "Anna Karin Ahnér", True),          # a middle name dropped
    ("A. Ahnér", "Anna Ahnér", True),                  # an initial
    ("B. Ahnér", "Anna Ahnér", False),
    ("Lena Svensson-Berg", "Lena Svensson Berg", True),
])
def test_only_another_way_of_writing_a_name_counts_as_an_alias(written, known, alias):
    assert plausible_alias(written, known) is alias


def test_a_broken_link_suggests_the_minutes_of_the_nearest_date(cli, tmp_path):
    write_tree(tmp_path, {
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(),
        "minutes/ssr-folkhalsa/2026-03-13.md": minutes(date="2026-03-13"),
        "minutes/ssr-social/2025-04-01.md": minutes(council="ssr-social", date="2025-04-01",
                                                    body="Se [förra mötet](../ssr-folkhalsa/2026-03-12.md).\n"),
    })
    assert problems(cli("check", "--content", "content")) == [
        "content/minutes/ssr-social/2025-04-01.md:9: fel: Länken `../ssr-folkhalsa/2026-03-12.md` går till protokollet "
        "`minutes/ssr-folkhalsa/2026-03-12.md`, som inte finns. Menade du `../ssr-folkhalsa/2026-03-13.md`?"
    ]


def test_a_link_with_a_misspelt_folder_suggests_the_existing_path(cli, tmp_path):
    write_tree(tmp_path, {
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(),
        "minutes/ssr-social/2025-04-01.md": minutes(council="ssr-social", date="2025-04-01",
                                                    body="Se [mötet](../ssr-folkhalso/2025-03-21.md).\n"),
    })
    [line] = problems(cli("check", "--content", "content"))
    assert line.endswith("Menade du `../ssr-folkhalsa/2025-03-21.md`?")


@pytest.mark.parametrize(("errors", "warnings", "text"), [
    (0, 0, "0 fel, 0 varningar"), (1, 1, "1 fel, 1 varning"), (2, 2, "2 fel, 2 varningar"),
])
def test_the_summary_uses_the_right_swedish_plural(errors, warnings, text):
    problems = Problems()
    for n in range(errors):
        problems.error("a.md", n + 1, "x", "fel")
    for n in range(warnings):
        problems.warning("a.md", n + 1, "y", "varning")
    assert problems.summary() == text


def test_check_prints_the_summary_with_the_right_plural(cli, tmp_path):
    write_tree(tmp_path, three_meetings("Peter Kotilainnen"))
    assert cli("check", "--content", "content").err.splitlines()[-1] == "0 fel, 1 varning."


def test_a_yaml_error_in_one_file_and_a_broken_link_in_another_are_reported_in_one_run(cli, tmp_path):
    write_tree(tmp_path, {
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro="  Ledamöter:\n\t- Anna Ahnér, Askersunds kommun\n"),
        "minutes/ssr-social/2025-04-01.md": minutes(council="ssr-social", date="2025-04-01",
                                                    body="Se [mötet](../ssr-social/2025-04-02.md).\n"),
    })
    lines = problems(cli("check", "--content", "content"))
    assert [line.split(": fel: ")[0] for line in lines] == [
        "content/minutes/ssr-folkhalsa/2025-03-21.md:7", "content/minutes/ssr-social/2025-04-01.md:9"]


def test_a_link_into_minutes_that_cannot_be_read_is_not_reported_again(cli, tmp_path):
    write_tree(tmp_path, {
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(date="2025-03-32"),
        "minutes/ssr-social/2025-04-01.md": minutes(council="ssr-social", date="2025-04-01",
                                                    body="Se [punkt 1](../ssr-folkhalsa/2025-03-21.md#p1).\n"),
    })
    lines = problems(cli("check", "--content", "content"))
    assert [line.split(": fel: ")[0] for line in lines] == ["content/minutes/ssr-folkhalsa/2025-03-21.md:3"]


def test_an_unreadable_councils_file_does_not_hide_the_problems_of_the_minutes(cli, tmp_path):
    write_tree(tmp_path, {
        "councils.yaml": BASE_COUNCILS.replace("  short_name: SSR folkhälsa", "\tshort_name: SSR folkhälsa"),
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(),
        "minutes/ssr-social/2025-04-01.md": minutes(council="ssr-social", date="2025-04-01",
                                                    body="Se [mötet](../ssr-social/2025-04-02.md).\n"),
    })
    lines = problems(cli("check", "--content", "content"))
    assert [line.split(": fel: ")[0] for line in lines] == [
        "content/councils.yaml:3", "content/minutes/ssr-social/2025-04-01.md:9"]
