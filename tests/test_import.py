"""`protokoll import`: Word files in the seeds' layouts import to the facts of the hand-converted seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load import load_site
from generator.markdown import scan_agenda
from generator.problems import Problems
from generator.sources import discover

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
