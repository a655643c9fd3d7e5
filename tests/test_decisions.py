"""Decisions, paragraphs and their lines (DESIGN.md 1b), read strictly: each rule from a tiny
inline site, with the exact `path:line: fel:` it reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.pipeline.analyse import analyse
from generator.pipeline.stages import Timings
from generator.shared.problems import Problems

from .conftest import build_site, minutes, write_tree

NARVARO = """\
  Ledamöter:
    - Anna Ahnér, Askersunds kommun
    - Jonas Hansen, Lekebergs kommun
    - Tom Persson, Lindesbergs kommun
    - name: Annica Sjöqvist
      org: Kumla kommun
      status: absent
"""
PATH = "content/minutes/ssr-folkhalsa/2025-03-21.md"


def meeting(body: str, **kwargs) -> str:
    return minutes(body=body, narvaro=kwargs.pop("narvaro", NARVARO), **kwargs)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    return hits[nth - 1]


def agendas(content: Path):
    problems = Problems()
    analysis = analyse(content, None, problems, Timings())
    return analysis, problems


def check(cli, files: dict[str, str]):
    """`protokoll check` of a tiny site, without the reminder that its minutes have no justerare."""
    write_tree(Path("."), files)
    result = cli("check", "--content", "content")
    result.err = "\n".join(line for line in result.err.splitlines() if "Mötet har inga justerare" not in line)
    return result


# --- paragraphs -----------------------------------------------------------------------

def test_paragraph_items_keep_pn_anchors_in_every_written_form(tmp_path):
    body = "## § 23 Budget 2027\n\nText.\n\n## §24.\n\nText.\n\n## § 25. Övrigt\n\nText.\n"
    content = write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": meeting(body)})
    analysis, problems = agendas(content)
    assert problems.items == []
    items = analysis.agendas["ssr-folkhalsa/2025-03-21"]
    assert [(i.number, i.title, i.anchor, i.paragraph) for i in items] == [
        ("23", "Budget 2027", "p23", True), ("24", "", "p24", True), ("25", "Övrigt", "p25", True)]
    page = BeautifulSoup((build_site(content, tmp_path / "site") / "ssr-folkhalsa/2025-03-21/index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in page.select("nav.agenda a")] == ["§ 23 Budget 2027", "§ 24 ", "§ 25 Övrigt"]
    assert page.select_one("h2#p23").get_text() == "§ 23 Budget 2027"


def test_a_file_that_mixes_paragraphs_and_points_is_an_error_at_the_first_other_item(cli, tmp_path):
    text = meeting("## § 1 Mötet öppnas\n\nText.\n\n## 2. Val av justerare\n\nText.\n")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    assert result.code == 1
    assert result.lines == [
        f"{PATH}:{line_of(text, '## 2.')}: fel: Filen blandar paragrafer (`## § N`) och punkter (`## N.`); "
        f"rad {line_of(text, '## § 1')} använder paragrafer. Använd samma sätt för alla ärenden i filen."]


def test_a_paragraph_number_that_cannot_be_read_is_an_error(cli, tmp_path):
    text = meeting("## §23Budget\n\nText.\n")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    assert result.lines == [f"{PATH}:{line_of(text, '## §')}: fel: Raden ser ut som en paragraf men numret kan inte "
                            "läsas. Skriv `## § 23 Rubrik`."]


def test_the_same_paragraph_twice_in_a_council_year_is_an_error_in_the_later_meeting(cli, tmp_path):
    first = meeting("## § 1 Öppnande\n\nText.\n\n## § 2 Budget\n\nText.\n", date="2025-03-21")
    second = meeting("## § 2 Val\n\nText.\n\n## § 3 Avslutning\n\nText.\n", date="2025-05-16")
    other_year = meeting("## § 1 Öppnande\n\nText.\n", date="2026-01-16")
    other_council = meeting("## § 2 Öppnande\n\nText.\n", council="ssr-social")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": first, "minutes/ssr-folkhalsa/2025-05-16.md": second,
                         "minutes/ssr-folkhalsa/2026-01-16.md": other_year,
                         "minutes/ssr-social/2025-03-21.md": other_council})
    assert result.code == 1
    assert result.lines == [
        f"content/minutes/ssr-folkhalsa/2025-05-16.md:{line_of(second, '## § 2')}: fel: § 2 finns redan i {PATH} "
        f"(rad {line_of(first, '## § 2')}). Paragraferna numreras löpande per råd och år (2025): nästa lediga är § 3."]


def test_a_gap_to_the_last_paragraph_of_the_previous_meeting_is_a_warning(cli, tmp_path):
    first = meeting("## § 1 Öppnande\n\nText.\n\n## § 2 Budget\n\nText.\n", date="2025-03-21")
    second = meeting("## § 5 Val\n\nText.\n", date="2025-05-16")
    following = meeting("## § 6 Val\n\nText.\n", date="2025-09-12")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": first, "minutes/ssr-folkhalsa/2025-05-16.md": second,
                         "minutes/ssr-folkhalsa/2025-09-12.md": following})
    assert result.code == 0
    assert result.lines == [
        f"content/minutes/ssr-folkhalsa/2025-05-16.md:{line_of(second, '## § 5')}: varning: Mötet börjar med § 5, men "
        f"förra mötet samma år ({PATH}) slutade med § 2. Saknas ett protokoll, eller ska numreringen fortsätta med § 3?"]


# --- decision lines -------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "Beslut: Rådet antar budgeten.",
    "**Beslut:** Rådet antar budgeten.",
    "**Beslut**: Rådet antar budgeten.",
    "Beslut:\nRådet antar\nbudgeten.",
    "### Beslut\n\nRådet antar budgeten.",
    "### Beslut\n\nRådet antar\n\nbudgeten.\n\n#### Bakgrund\n\nInte beslut.",
])
def test_each_way_of_writing_a_decision_gives_its_text_and_a_labelled_block(tmp_path, written):
    body = f"## 1. Mötet öppnas\n\nText.\n\n## 2. Budget\n\nFörslaget föredrogs.\n\n{written}\n\n## 3. Avslutning\n\nSlut.\n"
    content = write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": meeting(body)})
    analysis, problems = agendas(content)
    assert problems.items == []
    items = analysis.agendas["ssr-folkhalsa/2025-03-21"]
    assert [i.decision.text if i.decision else None for i in items] == [None, "Rådet antar budgeten.", None]
    html = (build_site(content, tmp_path / "site") / "ssr-folkhalsa/2025-03-21/index.html").read_text(encoding="utf-8")
    block = BeautifulSoup(html, "html.parser").select_one("div.beslut")
    assert block.find_parent("div", class_="arende").h2["id"] == "p2"
    assert block.h3["id"] == "p2-beslut" and block.h3.get_text() == "Beslut"
    assert " ".join(block.get_text(" ").split()) == "Beslut Rådet antar budgeten."
    assert "Förslaget föredrogs." not in block.get_text() and "Inte beslut" not in block.get_text()


def test_a_decision_line_ends_at_the_next_statement_line_and_the_statements_are_parsed(tmp_path):
    body = ("## 1. Budget\n\nFörslaget föredrogs.\n"
            "Beslut: Rådet antar budgeten.\n"
            "Reservation: Jonas Hansen, Tom Persson (M) – till förmån för eget yrkande.\n"
            "Protokollsanteckning: Anna Ahnér – Askersund återkommer.\n"
            "Jäv: Tom Persson\n")
    content = write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": meeting(body)})
    analysis, problems = agendas(content)
    assert problems.items == []
    (item,) = analysis.agendas["ssr-folkhalsa/2025-03-21"]
    assert item.decision.text == "Rådet antar budgeten."
    assert [(s.kind, [(p.name, p.person_id) for p in s.people], s.text) for s in item.statements] == [
        ("reservation", [("Jonas Hansen", "jonas-hansen"), ("Tom Persson (M)", "tom-persson")],
         "till förmån för eget yrkande."),
        ("protokollsanteckning", [("Anna Ahnér", "anna-ahner")], "Askersund återkommer."),
        ("jav", [("Tom Persson", "tom-persson")], ""),
    ]
    page = BeautifulSoup((build_site(content, tmp_path / "site") / "ssr-folkhalsa/2025-03-21/index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    lines = page.select(".minutes-body p.beslut-rad")
    assert [" ".join(p.get_text(" ").split()) for p in lines] == [
        "Reservation: Jonas Hansen , Tom Persson (M) – till förmån för eget yrkande.",
        "Protokollsanteckning: Anna Ahnér – Askersund återkommer.", "Jäv: Tom Persson"]
    assert [a["href"] for a in lines[0].select("a")] == ["/personer/jonas-hansen/", "/personer/tom-persson/"]
    assert page.select_one(".minutes-body > .arende > p").get_text() == "Förslaget föredrogs."


def test_names_in_decision_lines_resolve_through_people_yaml_aliases(tmp_path):
    people = "jonas-hansen:\n  name: Jonas Hansen\n  aliases: [Jonas Hanssen]\n"
    body = "## 1. Budget\n\nBeslut: Antas.\n\nReservation: Jonas Hanssen och Tom Persson\n"
    content = write_tree(tmp_path, {"people.yaml": people, "minutes/ssr-folkhalsa/2025-03-21.md": meeting(body)})
    analysis, problems = agendas(content)
    assert problems.items == []
    (item,) = analysis.agendas["ssr-folkhalsa/2025-03-21"]
    assert [p.person_id for p in item.statements[0].people] == ["jonas-hansen", "tom-persson"]


def test_an_unknown_name_is_an_error_with_a_suggestion(cli, tmp_path):
    text = meeting("## 1. Budget\n\nBeslut: Antas.\n\nReservation: Jonas Hanson – eget yrkande.\n\nJäv: Okänd Person\n")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    assert result.code == 1
    assert result.lines == [
        f"{PATH}:{line_of(text, 'Reservation:')}: fel: Jonas Hanson i `Reservation:` finns inte i mötets närvaro. "
        "Menade du Jonas Hansen?",
        f"{PATH}:{line_of(text, 'Jäv:')}: fel: Okänd Person i `Jäv:` finns inte i mötets närvaro. Lägg till personen i "
        "närvaro, eller rätta stavningen."]


def test_a_second_decision_in_one_item_is_an_error(cli, tmp_path):
    text = meeting("## 1. Budget\n\nBeslut: Antas.\n\n### Beslut\n\nAntas igen.\n\n## 2. Val\n\nBeslut: Valdes.\n")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    assert result.lines == [f"{PATH}:{line_of(text, '### Beslut')}: fel: Punkt 1 har redan ett beslut (rad "
                            f"{line_of(text, 'Beslut: Antas.')}). Ett ärende har ett beslut: skriv allt som beslutades "
                            "i samma stycke, eller dela upp ärendet."]


def test_jav_for_someone_not_present_is_an_error(cli, tmp_path):
    text = meeting("## 1. Budget\n\nBeslut: Antas.\n\nJäv: Annica Sjöqvist\n")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    assert result.code == 1
    assert result.lines == [
        f"{PATH}:{line_of(text, 'Jäv:')}: fel: Annica Sjöqvist i `Jäv:` är inte markerad som närvarande i närvaron. "
        "Jäv betyder att personen var med på mötet men inte deltog i ärendet: rätta närvaron eller raden."]


def test_decision_lines_outside_an_item_empty_or_without_names_are_errors(cli, tmp_path):
    text = meeting("Beslut: Före första ärendet.\n\n## 1. Budget\n\nBeslut:\n\nReservation: – bara text\n")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    assert result.lines == [
        f"{PATH}:{line_of(text, 'Beslut: Före')}: fel: `Beslut:` står utanför ett ärende. Ett beslut hör till ett "
        "ärende: lägg det under ärendets rubrik (`## 3. Rubrik` eller `## § 3 Rubrik`).",
        f"{PATH}:{line_of(text, 'Beslut:', 2)}: fel: Beslutet saknar text. Skriv beslutet efter `Beslut:` (eller i "
        "stycket under `### Beslut`).",
        f"{PATH}:{line_of(text, 'Reservation:')}: fel: `Reservation:` ska följas av namn ur närvaron, t.ex. "
        "`Reservation: Anna Ahnér – fri text`."]


def test_a_decision_line_inside_a_list_is_an_error(cli, tmp_path):
    text = meeting("## 1. Budget\n\n- en punkt\nBeslut: Antas.\n")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    assert result.lines == [f"{PATH}:{line_of(text, 'Beslut:')}: fel: Raden ser ut som ett beslut men blir inget eget "
                            "stycke. Står den i en lista, ett citat eller direkt under en rad som inte hör dit? Lägg "
                            "den på en egen rad med en tom rad före."]


def test_a_reservation_in_an_item_without_decision_is_a_warning(cli, tmp_path):
    text = meeting("## 1. Information\n\nRapport.\n\nReservation: Jonas Hansen\n\nProtokollsanteckning: Tom Persson\n")
    result = check(cli, {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    assert result.code == 0
    assert result.lines == [f"{PATH}:{line_of(text, 'Reservation:')}: varning: Reservationen hör till punkt 1, som inte "
                            "har något beslut. En reservation gäller ett beslut: skriv beslutet med `Beslut:`, eller "
                            "ta bort reservationen."]


def test_lines_in_code_blocks_are_not_decisions(tmp_path):
    body = "## 1. Exempel\n\n```\nBeslut: inte ett beslut\nJäv: Ingen Alls\n```\n"
    content = write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": meeting(body)})
    analysis, problems = agendas(content)
    assert problems.items == []
    assert analysis.agendas["ssr-folkhalsa/2025-03-21"][0].decision is None


def test_check_github_annotates_the_decision_problems(cli, tmp_path):
    text = meeting("## 1. Budget\n\nBeslut: Antas.\n\nReservation: Jonas Hanson\n")
    write_tree(Path("."), {"minutes/ssr-folkhalsa/2025-03-21.md": text})
    result = cli("check", "--content", "content", "--format", "github")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"::error file={PATH},line={line_of(text, 'Reservation:')},title=unknown-person::Jonas Hanson i `Reservation:` "
        "finns inte i mötets närvaro. Menade du Jonas Hansen?"]


MIXED = """\
---
council: ssr-social
date: 2025-03-21
type: protokoll
justerare:
  - name: Anna Ahnér
    date: 2025-03-28
närvaro:
  Ledamöter:
    - Anna Ahnér, Askersunds kommun
    - Jonas Hansen, Lekebergs kommun
    - Tom Persson, Lindesbergs kommun
---

Protokoll.

## § 1 Mötet öppnas

Ordföranden öppnade mötet.

## § 2 Val av justerare

Beslut: Anna Ahnér utsågs till justerare.

## 3. Budget

**Beslut:** Budgeten antas.
Reservation: Jonas Hanson – eget yrkande.
Jäv: Tom Persson

### Beslut

Budgeten antas igen.

## § 4 Avslutning

Reservation: Tom Persson
"""


def test_the_mixed_style_file_reports_every_problem_at_its_line(cli, tmp_path):
    result = check(cli, {"minutes/ssr-social/2025-03-21.md": MIXED})
    path = "content/minutes/ssr-social/2025-03-21.md"
    assert result.code == 1
    assert [line.split(": ", 2)[:2] for line in result.lines] == [
        [f"{path}:{line_of(MIXED, '## 3. Budget')}", "fel"],
        [f"{path}:{line_of(MIXED, 'Reservation: Jonas')}", "fel"],
        [f"{path}:{line_of(MIXED, '### Beslut')}", "fel"],
        [f"{path}:{line_of(MIXED, 'Reservation: Tom')}", "varning"],
    ]
    assert "blandar paragrafer" in result.lines[0] and "Menade du Jonas Hansen?" in result.lines[1]
    assert "har redan ett beslut" in result.lines[2] and "Reservationen hör till § 4" in result.lines[3]
