"""Vacant seats (`- vakant: ORG`, DESIGN.md 1b): shown as "Vakant", never a person, never counted."""

from __future__ import annotations

from bs4 import BeautifulSoup

from .conftest import build_site, minutes, write_tree

NARVARO = """\
  Ledamöter:
    - Anna Ahnér, Askersunds kommun
    - vakant: RF-SISU
    - name: Jimmy Nordengren
      status: absent
    - vakant: ÖLBF
"""


def test_vacant_seat_is_a_row_in_place_without_a_person_and_is_not_counted(tmp_path):
    content = write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=NARVARO)})
    site = build_site(content, tmp_path / "site")
    soup = BeautifulSoup((site / "ssr-folkhalsa/2025-03-21/index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.attendance-table")
    rows = [(r.th.get_text(strip=True), r.find_all("td")[1].get_text(strip=True), r.th.a is not None)
            for r in table.tbody.find_all("tr")]
    assert rows == [("Anna Ahnér", "Askersunds kommun", True), ("Vakant", "RF-SISU", False),
                    ("Jimmy Nordengren", "", True), ("Vakant", "ÖLBF", False)]
    assert table.caption.select_one(".counts").get_text(strip=True) == "(1 närvarande, 1 frånvarande)"
    people = BeautifulSoup((site / "personer/index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    assert "Vakant" not in people


def test_empty_vacant_seat_is_an_error(cli, tmp_path):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro="  Ledamöter:\n    - vakant:\n")})
    result = cli("check", "--content", "content")
    assert result.code == 1
    assert result.lines == ["content/minutes/ssr-folkhalsa/2025-03-21.md:7: fel: `vakant` får inte vara tom."]


def test_vacant_written_as_a_person_gets_a_warning_with_the_right_form(cli, tmp_path):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro="  Ledamöter:\n    - Vakant, RF-SISU\n")})
    result = cli("check", "--content", "content", "--strict")
    assert result.code == 1
    assert len(result.lines) == 1
    assert result.lines[0].startswith("content/minutes/ssr-folkhalsa/2025-03-21.md:7: varning: ")
    assert "`- vakant: RF-SISU`" in result.lines[0]
