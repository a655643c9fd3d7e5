"""organisations.yaml: spellings of one organisation never split a person, and pages show its name."""

from __future__ import annotations

from bs4 import BeautifulSoup

from .conftest import minutes, write_tree

ORGANISATIONS = """\
askersunds-kommun:
  name: Askersunds kommun
  aliases: [Askersund, Askersund kommun]
"""
PEOPLE = """\
anna-ahner:
  name: Anna Ahnér
  aliases: [Anna Ahné]
  org: Askersunds kommun
"""


def group(*entries: str) -> str:
    return "  Ledamöter:\n" + "".join(f"    - {entry}\n" for entry in entries)


def site_files(organisations: str | None, second_org: str = "Askersund kommun") -> dict[str, str]:
    files = {
        "people.yaml": PEOPLE,
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=group("Anna Ahnér, Askersunds kommun")),
        "minutes/ssr-folkhalsa/2025-05-16.md": minutes(date="2025-05-16", narvaro=group(f"Anna Ahné, {second_org}")),
    }
    if organisations is not None:
        files["organisations.yaml"] = organisations
    return files


def attendee_links(site, stem: str) -> list[tuple[str, str]]:
    page = BeautifulSoup((site / f"ssr-folkhalsa/{stem}/index.html").read_text(encoding="utf-8"), "html.parser")
    return [(row.select_one("a")["href"], row.get_text(" ", strip=True)) for row in page.select(".attendance-table tbody tr")]


def test_two_spellings_of_an_organisation_are_one_organisation_and_one_person(cli, tmp_path):
    write_tree(tmp_path, site_files(ORGANISATIONS))
    result = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert result.code == 0 and result.lines == []
    for stem in ("2025-03-21", "2025-05-16"):
        [(href, text)] = attendee_links(tmp_path / "site", stem)
        assert href == "/personer/anna-ahner/"
        assert "Askersunds kommun" in text and "Askersund kommun" not in text
    assert not (tmp_path / "site/personer/anna-ahne").exists()


def test_without_organisations_yaml_the_other_spelling_is_another_person(cli, tmp_path):
    write_tree(tmp_path, site_files(None))
    assert cli("build", "--content", "content", "--out", "site", "--no-search").code == 0
    [(href, _)] = attendee_links(tmp_path / "site", "2025-05-16")
    assert href == "/personer/anna-ahne/"  # the split that organisations.yaml prevents


def test_a_near_miss_organisation_is_warned_with_menade_du(cli, tmp_path):
    write_tree(tmp_path, site_files(ORGANISATIONS, second_org="Askersunds kommum"))
    assert [line for line in cli("check", "--content", "content").lines if "Organisationen" in line] == [
        "content/minutes/ssr-folkhalsa/2025-05-16.md:7: varning: Menade du Askersunds kommun? Organisationen "
        "Askersunds kommum finns inte i organisations.yaml men liknar Askersunds kommun. Rätta stavningen, eller "
        "lägg till Askersunds kommum under `aliases` för Askersunds kommun om det är samma organisation."
    ]


def test_a_spelling_claimed_by_two_organisations_is_an_error(cli, tmp_path):
    write_tree(tmp_path, site_files(ORGANISATIONS + "askersund-forsamling:\n  name: Askersunds församling\n"
                                                    "  aliases: [Askersund]\n"))
    assert cli("check", "--content", "content").lines == [
        "content/organisations.yaml:6: fel: Stavningen `Askersund` hör redan till organisationen "
        "`askersunds-kommun`. En stavning kan bara betyda en organisation: ta bort den ena."
    ]
