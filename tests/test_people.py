"""People: one page per person, aliases resolved, homonyms apart, misspellings warned."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.content.people import assign_slugs, find_near_misses
from generator.pages.people_views import swedish_key

from .conftest import minutes, write_tree


def html(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def group(*lines: str) -> str:
    return "  Ledamöter:\n" + "".join(f"    - {line}\n" for line in lines)


def test_alias_is_resolved_to_the_canonical_person(cli, tmp_path):
    write_tree(tmp_path, {
        "people.yaml": "behcet-barsom:\n  name: Behcet Barsom\n  aliases: [Bechet Barsom]\n",
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=group("Behcet Barsom, Region Örebro län")),
        "minutes/ssr-folkhalsa/2025-05-16.md": minutes(date="2025-05-16", narvaro=group("Bechet Barsom, Region Örebro län")),
    })
    result = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert result.code == 0 and not result.lines, result.err
    assert sorted(p.name for p in (tmp_path / "site/personer").iterdir() if p.is_dir()) == ["behcet-barsom"]
    page = html(tmp_path / "site/personer/behcet-barsom/index.html")
    assert page.h1.get_text() == "Behcet Barsom"
    assert len(page.select("table tbody tr")) == 2
    meeting = html(tmp_path / "site/ssr-folkhalsa/2025-05-16/index.html")
    assert meeting.select_one(".attendance-table tbody th a").get_text() == "Behcet Barsom"


def test_homonyms_are_kept_apart_by_organisation(cli, tmp_path):
    write_tree(tmp_path, {
        "people.yaml": "anna-karlsson-nora:\n  name: Anna Karlsson\n  org: Nora kommun\n",
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=group("Anna Karlsson, Nora kommun", "Anna Karlsson, Kumla kommun")),
    })
    assert cli("build", "--content", "content", "--out", "site", "--no-search").code == 0
    links = [a["href"] for a in html(tmp_path / "site/ssr-folkhalsa/2025-03-21/index.html").select(".attendance-table tbody a")]
    assert links == ["/personer/anna-karlsson-nora/", "/personer/anna-karlsson/"]


def test_misspelling_is_warned_with_suggestion_and_file_line(cli, tmp_path):
    write_tree(tmp_path, {
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=group("Behcet Barsom, Region Örebro län")),
        "minutes/ssr-folkhalsa/2025-05-16.md": minutes(date="2025-05-16", narvaro=group("Behcet Barsom, Region Örebro län")),
        "minutes/ssr-folkhalsa/2025-09-12.md": minutes(date="2025-09-12", narvaro=group("Anna Ahnér, Askersunds kommun", "Bechet Barsom, Region Örebro län")),
    })
    result = cli("check", "--content", "content")
    assert result.code == 0  # a warning, not an error: names are never merged silently
    assert result.lines == [
        "content/minutes/ssr-folkhalsa/2025-09-12.md:8: varning: Menade du Behcet Barsom? Namnet Bechet Barsom "
        "liknar Behcet Barsom men är stavat annorlunda. Rätta stavningen här; är det en annan person, lägg till hen "
        "i people.yaml med eget id."
    ]
    assert cli("check", "--content", "content", "--strict").code == 1


def test_near_miss_ignores_diacritics_hyphens_and_token_order():
    known = ["Katrin Eriksson", "Anna Jakobsson-Torvik", "Ann-Catrin Örtquist"]
    misses = find_near_misses(["Eriksson Katrin", "Anna Jakobsson Torvik", "Ann-Catrin Ortquist", "Per Persson"], known)
    assert {k: v.suggestion for k, v in misses.items()} == {
        "Eriksson Katrin": "Katrin Eriksson",
        "Anna Jakobsson Torvik": "Anna Jakobsson-Torvik",
        "Ann-Catrin Ortquist": "Ann-Catrin Örtquist",
    }


def test_justerare_missing_from_narvaro_is_a_warning(cli, tmp_path):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(justerare="[Per Persson]")})
    result = cli("check", "--content", "content")
    assert result.lines == ["content/minutes/ssr-folkhalsa/2025-03-21.md:4: varning: Justeraren Per Persson finns inte med i närvaro. "
                            "Lägg till personen, eller rätta stavningen."]


def test_same_person_twice_in_one_group_is_an_error(cli, tmp_path):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=group("Anna Ahnér, Askersunds kommun", "Anna  ahnér, Askersunds kommun"))})
    result = cli("check", "--content", "content")
    assert result.code == 1
    assert result.lines == ["content/minutes/ssr-folkhalsa/2025-03-21.md:8: fel: Anna ahnér står två gånger i gruppen Ledamöter "
                            "(första gången på rad 7). Ta bort den ena raden."]


def test_substitute_for_someone_present_is_a_warning(cli, tmp_path):
    narvaro = group("Jimmy Nordengren, Örebro kommun") + "  Ersättare:\n    - name: Christina Håkansson\n      replaces: Jimmy Nordengren\n"
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=narvaro)})
    result = cli("check", "--content", "content")
    assert [l.split(": varning: ")[0] for l in result.lines] == ["content/minutes/ssr-folkhalsa/2025-03-21.md:9"]
    assert "är markerad som närvarande" in result.lines[0]


def test_attendance_rate_counts_only_meetings_within_the_term(cli, tmp_path):
    councils = ("ssr-folkhalsa:\n  name: SSR folkhälsa\n  roster:\n    Ledamöter:\n"
                "      - name: Anna Ahnér\n        org: Askersunds kommun\n        from: 2025-01-01\n        to: 2025-06-30\n")
    absent = "  Ledamöter:\n    - name: Anna Ahnér\n      org: Askersunds kommun\n      status: absent\n    - Per Persson, Kumla kommun\n"
    write_tree(tmp_path, {
        "councils.yaml": councils,
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=group("Anna Ahnér, Askersunds kommun")),
        "minutes/ssr-folkhalsa/2025-05-16.md": minutes(date="2025-05-16", narvaro=absent),
        "minutes/ssr-folkhalsa/2025-09-12.md": minutes(date="2025-09-12", narvaro=absent),  # after her term
    })
    assert cli("build", "--content", "content", "--out", "site", "--no-search").code == 0
    matrix = html(tmp_path / "site/ssr-folkhalsa/narvaro/index.html")
    rows = {r.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in r.find_all("td")]
            for r in matrix.select("tbody tr:not(.group-row)")}
    anna = rows["Anna Ahnér"]
    assert anna[:2] == ["1 av 2", "50 %"]  # the summary comes right after the name
    assert anna[2:5] == ["✓ Närvarande", "✗ Frånvarande", "✗* Frånvarande (utanför uppdraget)"]
    assert rows["Per Persson"][2] == "· Ej listad"  # not listed is not absent
    assert rows["Per Persson"][:2] == ["2 av 2", "100 %"]


def test_people_index_uses_swedish_collation(cli, tmp_path):
    names = ["Ann-Catrin Örtquist", "Annica Zetterholm", "Sara Åberg", "Eva Ärlig", "Anna Ahnér", "Lena Édouard"]
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=group(*names))})
    assert cli("build", "--content", "content", "--out", "site", "--no-search").code == 0
    listed = [a.get_text() for a in html(tmp_path / "site/personer/index.html").select(".people-list a")]
    assert listed == ["Anna Ahnér", "Lena Édouard", "Annica Zetterholm", "Sara Åberg", "Eva Ärlig", "Ann-Catrin Örtquist"]
    assert sorted(["ö", "z", "å", "ä", "a"], key=swedish_key) == ["a", "z", "å", "ä", "ö"]


def test_slugs_are_ascii_and_collision_free_and_deterministic():
    names = {"åsa öberg": "Åsa Öberg", "asa oberg": "Asa Oberg", "per persson": "Per Persson"}
    slugs = assign_slugs(names, taken={"per-persson"})
    assert slugs == {"asa oberg": "asa-oberg", "åsa öberg": "aasa-oeberg", "per persson": "per-persson-2"}
    assert assign_slugs(dict(reversed(names.items())), taken={"per-persson"}) == slugs


def test_seed_spelling_variants_resolve_to_one_page_each(seed_site):
    page = html(seed_site / "personer/behcet-barsom/index.html")
    # 2025-03-21 names him (as "Bechet Barsom") only in its text, not in its närvaro
    assert {tr.time["datetime"] for tr in page.select("table tbody tr")} == {"2026-03-13"}
    katrin = html(seed_site / "personer/katrin-eriksson/index.html")
    assert len(katrin.select("table tbody tr")) == 2
    assert "Eriksson Katrin" in katrin.select_one(".facts").get_text()


def test_seed_site_has_a_matrix_for_each_council(seed_site):
    councils = ["specifika-samverkansradet-folkhalsa", "specifika-samverkansradet-social-valfard",
                "chefsgrupp-social-valfard", "chefsgrupp-folkhalsa", "chefsgrupp-skola"]
    for council in councils:
        assert html(seed_site / council / "narvaro/index.html").select("table.matrix tbody tr"), council


def test_council_with_many_meetings_gets_an_overview_by_year_and_a_matrix_per_year(cli, tmp_path):
    files = {}
    for n in range(24):  # more than MATRIX_MAX_COLUMNS, over two years
        day = f"{2024 + n // 12}-{n % 12 + 1:02d}-15"
        status = "\n      status: absent" if n % 4 == 0 else ""
        files[f"minutes/ssr-folkhalsa/{day}.md"] = minutes(date=day, narvaro=f"  Ledamöter:\n    - name: Anna Ahnér{status}\n")
    write_tree(tmp_path, files)
    assert cli("build", "--content", "content", "--out", "site", "--no-search").code == 0
    overview = html(tmp_path / "site/ssr-folkhalsa/narvaro/index.html")
    assert [th.get_text(strip=True) for th in overview.select("thead th")][:5] == ["Person", "Närvarande", "Andel", "2024", "2025"]
    row = [td.get_text(strip=True) for td in overview.select("tbody tr:not(.group-row)")[0].find_all("td")]
    assert row == ["18 av 24", "75 %", "9 av 12", "9 av 12"]
    year = html(tmp_path / "site/ssr-folkhalsa/narvaro/2025/index.html")
    assert len(year.select("thead th time")) == 12
    assert year.h1.get_text() == "Närvaro 2025: Specifika samverkansrådet för folkhälsa"
