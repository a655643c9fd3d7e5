"""`protokoll import`: Word files in the seeds' layouts import to the facts of the hand-converted seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.load import load_site
from generator.content.markdown import scan_agenda
from generator.shared.problems import Problems
from generator.content.sources import discover

from .conftest import SEED_CONTENT
from .word_fixtures import SEEDS


def facts(content: Path, key: str) -> dict:
    """What the issue asks an import to reproduce, read through the project's own loader."""
    problems = Problems()
    site = load_site(discover(content, problems), problems)
    meeting = next(m for m in site.meetings if m.key == key)
    agenda = scan_agenda(meeting.body, meeting.rel_path, meeting.body_first_line, Problems())
    return {
        "first council": meeting.council_ids[0],
        "councils": set(meeting.council_ids),
        "date": meeting.date, "type": meeting.type, "title": meeting.title,
        "time": meeting.time, "place": meeting.place,
        "justerare": [(j.name, j.date) for j in meeting.justerare],
        "attendance": {g.label: [(a.name, a.org, a.status, a.replaces) for a in g.attendees] for g in meeting.groups},
        "vacancies": {g.label: [(v.org, v.position) for v in g.vacancies] for g in meeting.groups if g.vacancies},
        "agenda": [(item.number, item.title) for item in agenda],
    }


@pytest.fixture
def site_without(tmp_path):
    """The seed content without one seed's minutes, and that seed's Word file."""
    def make(seed: str) -> tuple[Path, Path, str]:
        build, key = SEEDS[seed]
        content = shutil.copytree(SEED_CONTENT, tmp_path / "content")
        (content / "minutes" / f"{key}.md").unlink()
        return content, build(tmp_path / f"seed-{seed}.docx"), key
    return make


@pytest.mark.parametrize("seed", list(SEEDS))
def test_word_file_in_the_seed_layout_imports_to_the_facts_of_the_hand_conversion(cli, site_without, seed):
    content, docx_path, key = site_without(seed)
    result = cli("import", "--content", str(content), str(docx_path))
    assert result.code == 0, result.err
    assert facts(content, key) == facts(SEED_CONTENT, key)


@pytest.mark.parametrize("seed", list(SEEDS))
def test_imported_file_passes_check_without_errors(cli, site_without, seed):
    content, docx_path, key = site_without(seed)
    assert cli("import", "--content", str(content), str(docx_path)).code == 0
    result = cli("check", "--content", str(content), str(content / "minutes" / f"{key}.md"))
    assert result.code == 0, result.err
    assert ": fel: " not in result.err


# --- marks for the editor -------------------------------------------------------------------------

def test_tracked_change_is_accepted_and_marked_for_checking_so_strict_check_fails(cli, site_without):
    content, docx_path, key = site_without("001")
    result = cli("import", "--content", str(content), str(docx_path))
    assert result.code == 0
    assert any("varning: kontrollera: spårade ändringar i punkt 3" in line for line in result.err.splitlines())
    text = (content / "minutes" / f"{key}.md").read_text(encoding="utf-8")
    assert "Även skolchefsgruppen har beslutat anta handlingsplanen." in text  # the insertion, accepted
    assert "Utkastet diskuterades" not in text  # the deletion, dropped
    note_line = next(n for n, line in enumerate(text.splitlines(), start=1) if "# kontrollera: spårade" in line)
    checked = cli("check", "--content", str(content), "--strict", str(content / "minutes" / f"{key}.md"))
    assert checked.code == 1
    assert len(checked.lines) == 1
    assert checked.lines[0].startswith(f"content/minutes/{key}.md:{note_line}: varning: Importen från Word ber dig "
                                       "kontrollera: spårade ändringar i punkt 3")
    assert cli("check", "--content", str(content), str(content / "minutes" / f"{key}.md")).code == 0


def test_inferred_year_is_marked_for_checking_until_the_editor_removes_the_comment(cli, site_without):
    content, docx_path, key = site_without("002")
    assert cli("import", "--content", str(content), str(docx_path)).code == 0
    dest = content / "minutes" / f"{key}.md"
    lines = dest.read_text(encoding="utf-8").splitlines()
    date_line = next(n for n, line in enumerate(lines, start=1) if line.startswith("date: "))
    assert lines[date_line - 1].startswith("date: 2022-05-06  # kontrollera: året 2022 är härlett")
    strict = cli("check", "--content", str(content), "--strict", str(dest))
    assert strict.code == 1
    assert any(line.startswith(f"content/minutes/{key}.md:{date_line}: varning: Importen från Word ber dig "
                               "kontrollera: året 2022") for line in strict.lines)
    reviewed = [line.split("  # kontrollera:")[0] for line in lines]
    dest.write_text("\n".join(reviewed) + "\n", encoding="utf-8")
    assert cli("check", "--content", str(content), "--strict", str(dest)).code == 0


# --- refusals ---------------------------------------------------------------------------------------

def _minutes_files(content: Path) -> list[Path]:
    return sorted(p for p in (content / "minutes").rglob("*") if p.is_file())


@pytest.mark.parametrize("name, data, reason", [
    ("trasig.docx", b"PK\x03\x04" + b"\x00" * 40 + b"inte ett riktigt arkiv", "skadad"),
    ("gammal.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"WordDocument", "äldre Word-dokument (.doc"),
    ("hemlig.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le")
     + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le"), "lösenordsskyddat"),
    ("anteckningar.docx", "Minnesanteckningar 13 mars 2026\n".encode(), "inget Word-dokument"),
])
def test_unreadable_file_is_refused_in_swedish_and_nothing_is_written(cli, tmp_path, name, data, reason):
    content = shutil.copytree(SEED_CONTENT, tmp_path / "content")
    before = _minutes_files(content)
    src = tmp_path / name
    src.write_bytes(data)
    result = cli("import", "--content", str(content), str(src))
    assert result.code == 1
    assert result.lines == [next(line for line in result.err.splitlines() if line.startswith(f"{src}: fel: "))]
    assert reason in result.lines[0]
    assert "Traceback" not in result.err
    assert _minutes_files(content) == before


def test_existing_minutes_are_never_overwritten(cli, tmp_path):
    content = shutil.copytree(SEED_CONTENT, tmp_path / "content")
    build, key = SEEDS["000"]
    dest = content / "minutes" / f"{key}.md"
    original = dest.read_bytes()
    result = cli("import", "--content", str(content), str(build(tmp_path / "seed.docx")))
    assert result.code == 1
    assert f"fel: {dest} finns redan och skrivs inte över" in result.err
    assert dest.read_bytes() == original
    assert not (content / "minutes" / key).exists()


def test_several_files_end_with_a_summary_and_a_refused_one_does_not_stop_the_others(cli, site_without, tmp_path):
    content, docx_path, key = site_without("003")
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"PK\x03\x04 trasig")
    result = cli("import", "--content", str(content), str(docx_path), str(broken))
    assert result.code == 1
    assert (content / "minutes" / f"{key}.md").is_file()
    table = result.err.splitlines()[-4:]
    assert set(table.pop(1)) == {"-", " "}
    assert table[0].split() == ["Fil", "Råd", "Datum", "Deltagare", "Punkter", "Varningar"]
    row = table[1].split()
    assert row[:3] == [docx_path.name, "specifika-samverkansradet-folkhalsa,", "specifika-samverkansradet-social-valfard"]
    assert row[3:5] == ["2025-03-21", "27"] and row[5] == "14"  # 29 lines less two vacant seats
    assert table[2].split()[0] == "trasig.docx" and table[2].split()[-1] == "avvisad"


def test_dry_run_prints_the_file_and_writes_nothing(cli, site_without):
    content, docx_path, key = site_without("004")
    result = cli("import", "--content", str(content), "--dry-run", str(docx_path))
    assert result.code == 0
    assert result.out.startswith("---\n# kontrollera: punkterna saknade nummer i Word och har numrerats 1–7\n"
                                 "council:\n  - chefsgrupp-skola\n")
    assert "## 7. Mötet avslutas" in result.out
    assert not (content / "minutes" / f"{key}.md").exists()


def test_council_and_date_can_be_given_when_the_document_does_not_say(cli, tmp_path):
    import docx

    content = shutil.copytree(SEED_CONTENT, tmp_path / "content")
    doc = docx.Document()
    doc.add_paragraph("Minnesanteckningar")
    doc.add_paragraph("1. Mötet öppnas")
    doc.add_paragraph("Deltagare:")
    doc.add_paragraph("Anna Ahnér, Askersunds kommun")
    src = tmp_path / "utan-datum.docx"
    doc.save(src)
    refused = cli("import", "--content", str(content), str(src))
    assert refused.code == 1 and "--council" in refused.err
    result = cli("import", "--content", str(content), "--council", "chefsgrupp-folkhalsa", "--date", "2026-04-01", str(src))
    assert result.code == 0, result.err
    assert (content / "minutes" / "chefsgrupp-folkhalsa" / "2026-04-01.md").is_file()
    assert cli("import", "--content", str(content), "--council", "finns-inte", str(src)).code == 2


# --- the body --------------------------------------------------------------------------------------

def test_body_keeps_links_tables_images_and_lists_and_drops_letterheads(cli, site_without):
    content, docx_path, key = site_without("004")
    assert cli("import", "--content", str(content), str(docx_path)).code == 0
    text = (content / "minutes" / f"{key}.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert "[En förbättrad elevhälsa - Regeringen.se](https://www.regeringen.se/elevhalsa)" in body
    assert "| Period | Vad |\n| --- | --- |\n| april | Enkät och dialog |" in body
    assert "- Flera nationella reformer påverkar området, bland annat:\n  - ny socialtjänstlag" in body
    assert "- **Traumamedveten omsorg (TMO)** (Maria Lindborg)\\\n  Information om utbildning" in body
    assert "![](2026-03-06/bild-1.png)" in body
    assert (content / "minutes" / key / "bild-1.png").read_bytes().startswith(b"\x89PNG")
    assert "place: Immanuelkyrkan, Karlsdalsallén 35 Örebro" in text  # a link without an address is text
    assert "POSTADRESS" not in text and "Region Örebro län och länets kommuner" not in text


def test_repeated_letterhead_is_dropped_and_non_breaking_space_is_a_space(cli, site_without):
    content, docx_path, key = site_without("000")
    assert cli("import", "--content", str(content), str(docx_path)).code == 0
    text = (content / "minutes" / f"{key}.md").read_text(encoding="utf-8")
    assert "Tjänsteställe" not in text and "Förvaltningen regional utveckling" not in text
    assert "\u00a0" not in text and "    - Anna Karlsson, Nora kommun\n" in text
    assert "## 6. Rapport från chefsgrupperna – Ingmar Ångman, Anna Jakobsson-Torvik\n\nAnna rapporterar" in text


def test_automatic_numbering_gives_the_numbers_word_shows(cli, tmp_path):
    import docx
    from docx.oxml import parse_xml

    content = shutil.copytree(SEED_CONTENT, tmp_path / "content")
    doc = docx.Document()
    doc.add_paragraph("Protokoll specifika samverkansrådet för social välfärd samt vård och omsorg 2026-04-10")
    numbering = doc.part.numbering_part.element
    base = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = next(n for n in numbering.findall(qn_w("num")) if n.get(qn_w("numId")) == str(base)).find(qn_w("abstractNumId"))
    numbering.append(parse_xml(
        f'<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="77">'
        f'<w:abstractNumId w:val="{abstract.get(qn_w("val"))}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="23"/>'
        f'</w:lvlOverride></w:num>'))
    for title in ("Budget 2027", "Delårsrapport"):
        p = doc.add_paragraph(style="List Number")
        p.add_run(title).bold = True
        p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 77
        doc.add_paragraph("Beslut: Rådet ställer sig bakom förslaget.")
    doc.add_paragraph("Närvarande ledamöter:")
    doc.add_paragraph("Anna Ahnér, Askersunds kommun")
    src = tmp_path / "paragrafer.docx"
    doc.save(src)
    assert cli("import", "--content", str(content), str(src)).code == 0
    body = (content / "minutes" / "specifika-samverkansradet-social-valfard" / "2026-04-10.md").read_text(encoding="utf-8")
    assert "## 23. Budget 2027\n\nBeslut: Rådet ställer sig bakom förslaget.\n\n## 24. Delårsrapport" in body


def test_paragraph_numbers_become_paragraph_items(cli, tmp_path):
    import docx

    content = shutil.copytree(SEED_CONTENT, tmp_path / "content")
    doc = docx.Document()
    doc.add_paragraph("Protokoll specifika samverkansrådet för social välfärd samt vård och omsorg 2026-04-10")
    for text in ("§ 23 Budget 2027", "Förslaget föredrogs. Beslut: Rådet ställer sig bakom förslaget.", "§ 24. Delårsrapport",
                 "Deltagare:", "Anna Ahnér, Askersunds kommun"):
        doc.add_paragraph(text)
    src = tmp_path / "paragrafer.docx"
    doc.save(src)
    assert cli("import", "--content", str(content), str(src)).code == 0
    body = (content / "minutes" / "specifika-samverkansradet-social-valfard" / "2026-04-10.md").read_text(encoding="utf-8")
    assert body.endswith("## § 23 Budget 2027\n\nFörslaget föredrogs.\n\nBeslut: Rådet ställer sig bakom förslaget."
                         "\n\n## § 24 Delårsrapport\n")


def qn_w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"
