"""serve's fast path: an edited meeting patched into the previous analysis equals a full analysis."""

from __future__ import annotations

import pytest

from generator.pipeline.analyse import analyse
from generator.pipeline.stages import Timings
from generator.content.load import LoadCache
from generator.pipeline.patch import patch
from generator.shared.problems import ContentError, Problems

from .conftest import minutes, write_tree

NARVARO = """\
  Ledamöter:
    - Anna Ahnér, Askersunds kommun
    - Bo Berg, Nora kommun
    - name: Cecilia Dahl
      org: Kumla kommun
      status: excused
  Övriga:
    - Bo Bergg, Nora kommun
"""
PEOPLE = """\
anna-ahner:
  name: Anna Ahnér
  org: Askersunds kommun
bo-berg:
  name: Bo Berg
"""
BODY = "## 1. Mötet öppnas\n\nOrdföranden öppnade mötet.\n\n## 2. Budget\n\nSe [förra mötet](2025-02-14.md#p1).\n"


@pytest.fixture
def site(tmp_path):
    content = write_tree(tmp_path, {
        "people.yaml": PEOPLE,
        "minutes/ssr-folkhalsa/2025-02-14.md": minutes(date="2025-02-14", narvaro=NARVARO.replace("Bo Bergg", "Dan Ek")),
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(body=BODY, narvaro=NARVARO, justerare="[Bo Berg]"),
        "minutes/ssr-social/2025-03-21.md": minutes(council="ssr-social", narvaro=NARVARO),
    })
    return Session(content)


class Session:
    """The previous analysis, as serve holds it, and a way to edit one file and patch."""

    def __init__(self, content):
        self.content, self.cache, self.problems = content, LoadCache(), Problems()
        self.analysis = analyse(content, None, self.problems, Timings(), self.cache)
        assert not self.problems.errors

    def edit(self, rel: str, old: str, new: str):
        src_path = self.content / rel
        text = src_path.read_text(encoding="utf-8")
        assert old in text, old
        src_path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return patch(self.analysis, self.problems, {src_path}, self.cache)

    def assert_same_as_full(self, patched) -> None:
        assert patched is not None, "the fast path should have been taken"
        analysis, problems = patched
        full_problems = Problems()
        full = analyse(self.content, None, full_problems, Timings())
        assert analysis.site == full.site
        assert analysis.agendas == full.agendas
        assert analysis.plans == full.plans
        assert analysis.spellings == full.spellings
        assert problems.sorted() == full_problems.sorted()
        self.analysis, self.problems = analysis, problems


MEETING = "minutes/ssr-folkhalsa/2025-03-21.md"


def test_a_body_edit_is_patched_to_exactly_the_full_analysis(site):
    site.assert_same_as_full(site.edit(MEETING, "öppnade mötet", "öppnade mötet klockan 13"))


def test_a_changed_status_and_org_are_patched(site):
    site.assert_same_as_full(site.edit(MEETING, "status: excused", "status: absent"))
    site.assert_same_as_full(site.edit(MEETING, "org: Kumla kommun", "org: Kumla"))


def test_shifted_lines_move_the_warnings_with_them(site):
    assert any(p.code == "similar-name" and p.rel_path.endswith(MEETING) for p in site.problems.items)
    site.assert_same_as_full(site.edit(MEETING, "närvaro:\n", "place: Kumla\nnärvaro:\n"))


def test_a_new_agenda_item_is_patched(site):
    site.assert_same_as_full(site.edit(MEETING, "## 2. Budget", "## 2. Ny punkt\n\n## 3. Budget"))


def test_a_declared_justerare_from_the_attendance_is_patched(site):
    site.assert_same_as_full(site.edit(MEETING, "justerare: [Bo Berg]", "justerare: [Anna Ahnér]"))


@pytest.mark.parametrize("old, new", [
    ("Bo Berg, Nora kommun\n    - name: Cecilia", "Bo Berg, Nora kommun\n    - Eva Fors, Nora kommun\n    - name: Cecilia"),
    ("- Bo Bergg, Nora kommun", "- Bo Bergg, Nora kommun\n    - Bo Bergg, Lindesbergs kommun"),
    ("Bo Bergg", "Bo BERGG"),
    ("- Bo Bergg, Nora kommun", "- Anna Ahnér, Nora kommun"),
    ("date: 2025-03-21", "date: 2025-03-28"),
    ("council: ssr-folkhalsa", "council: [ssr-folkhalsa, ssr-social]"),
], ids=["new-person", "more-occurrences", "other-spelling", "last-occurrence-gone", "date", "councils"])
def test_changes_that_reach_other_files_take_the_full_analysis(site, old, new):
    assert site.edit(MEETING, old, new) is None


def test_new_deleted_and_non_minutes_files_take_the_full_analysis(site):
    new_file = site.content / "minutes/ssr-folkhalsa/2025-04-11.md"
    new_file.write_text(minutes(date="2025-04-11"), encoding="utf-8")
    assert patch(site.analysis, site.problems, {new_file}, site.cache) is None
    (site.content / MEETING).unlink()
    assert patch(site.analysis, site.problems, {site.content / MEETING}, site.cache) is None
    assert patch(site.analysis, site.problems, {site.content / "councils.yaml"}, site.cache) is None


def test_an_invalid_edit_raises_with_the_files_line(site):
    with pytest.raises(ContentError) as caught:
        site.edit(MEETING, "date: 2025-03-21", "date: 2025-13-21")
    errors = [p.as_text() for p in caught.value.problems.errors]
    assert len(errors) == 1 and errors[0].endswith(f"content/{MEETING}:3: fel: Datumet 2025-13-21 finns inte i kalendern. "
                                                   "Kontrollera månad och dag."), errors
