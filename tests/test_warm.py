"""Warm builds: `build` after an edit renders only what changed, and gives a cold build's bytes."""

from __future__ import annotations

import os
import shutil

import pytest

from generator.pipeline.build import build
from generator.shared.options import BuildOptions
from generator.shared.problems import ContentError

from .conftest import ROOT, SEED_CONTENT, snapshot

MEETING = "minutes/chefsgrupp-skola/2026-03-06.md"
SOCIAL = "minutes/chefsgrupp-social-valfard"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def sites(tmp_path):
    content, templates = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(SEED_CONTENT, content)
    shutil.copytree(ROOT / "templates", templates)
    return Sites(tmp_path, content, templates)


class Sites:
    """One site built warm (parallel, with the last build's state) and one cold (serial, --force) per step."""

    def __init__(self, root, content, templates):
        self.root, self.content, self.templates = root, content, templates
        self.warm = self.options(root / "warm", workers=2)
        build(self.warm)

    def options(self, out, **kwargs):
        return BuildOptions(self.content, out, search=False, templates_dir=self.templates, **kwargs)

    def step(self):
        """Build warm and cold; assert the same bytes; return the warm result."""
        result = build(self.warm)
        cold = self.root / "cold"
        shutil.rmtree(cold, ignore_errors=True)
        build(self.options(cold, workers=1, force=True))
        warm_files, cold_files = snapshot(self.root / "warm"), snapshot(cold)
        assert warm_files.pop(".protokoll-site") == cold_files.pop(".protokoll-site")  # inputs, pages, problems
        assert warm_files.keys() == cold_files.keys()
        assert [rel for rel in warm_files if warm_files[rel] != cold_files[rel]] == []
        return result


def test_a_warm_parallel_build_gives_a_cold_serial_builds_bytes_over_a_series_of_edits(sites):
    content, templates = sites.content, sites.templates
    edit(content / MEETING, "hälsar välkomna", "hälsar alla välkomna")                  # body
    assert sites.step().rendered == 1
    edit(content / MEETING, "Uppdrag ges att revidera", "Uppdrag ges att se över och revidera")  # a decision
    result = sites.step()
    assert 1 < result.rendered < result.pages                                             # its logs, feeds, data
    edit(content / MEETING, "### Beslut\n\nUppdrag ges", "### Beslut\n\nJäv: Mikael Blom\n\nUppdrag ges")  # jäv
    sites.step()
    edit(content / MEETING, "Mikael Blom, Nora kommun", "Mikael Blom, Noras kommun")     # attendance
    result = sites.step()
    assert 1 < result.rendered < result.pages
    edit(content / MEETING, "\n## ", "\n## Extra punkt\n\nText.\n\n## ")                  # agenda anchors
    sites.step()
    shutil.copy(content / SOCIAL / "2026-02-06.md", content / SOCIAL / "2026-04-10.md")
    edit(content / SOCIAL / "2026-04-10.md", "date: 2026-02-06", "date: 2026-04-10")
    sites.step()                                                                           # added
    (content / SOCIAL / "2026-04-10.md").unlink()
    sites.step()                                                                           # deleted
    edit(templates / "meeting.html", '<h2 id="narvaro">Närvaro</h2>', '<h2 id="narvaro">Närvaro vid mötet</h2>')
    result = sites.step()                                                                  # a page template
    assert result.rendered == sum(1 for p in (sites.root / "warm").rglob("index.html")
                                  if "Närvaro vid mötet" in p.read_text(encoding="utf-8"))
    edit(templates / "_beslut_sammanfattning.html", "beslut</h2>", "beslut vid mötet</h2>")
    result = sites.step()                                                                  # a partial
    assert result.rendered == result.pages
    static = next((templates / "static").rglob("*.css"))
    static.write_text(static.read_text(encoding="utf-8") + "\n/* ändrad */\n", encoding="utf-8")
    assert sites.step().rendered == 0                                                      # a static file
    edit(content / "site.yaml", "title:", "title: Nya")                                    # site settings
    result = sites.step()
    assert result.rendered == result.pages


def test_unchanged_pages_are_hard_links_of_the_last_sites_files(sites):
    home_before = os.stat(sites.root / "warm" / "index.html")
    edit(sites.content / MEETING, "hälsar välkomna", "hälsar alla välkomna")
    assert build(sites.warm).rendered == 1
    home_after = os.stat(sites.root / "warm" / "index.html")
    assert (home_after.st_ino, home_after.st_mtime_ns) == (home_before.st_ino, home_before.st_mtime_ns)


def test_a_page_deleted_from_the_output_is_rendered_again(sites):
    (sites.root / "warm" / "personer" / "index.html").unlink()
    edit(sites.content / MEETING, "hälsar välkomna", "hälsar alla välkomna")
    assert build(sites.warm).rendered == 2
    assert (sites.root / "warm" / "personer" / "index.html").is_file()


def test_warnings_from_pages_not_rendered_again_are_still_reported(sites):
    edit(sites.content / SOCIAL / "2026-02-06.md", "\n## ", "\n# Rubrik på fel nivå\n\n## ")
    first = build(sites.warm)
    assert [p.code for p in first.problems.warnings if p.rel_path.endswith("2026-02-06.md")] == ["h1-in-body"]
    edit(sites.content / MEETING, "hälsar välkomna", "hälsar alla välkomna")
    second = build(sites.warm)
    assert second.rendered == 1
    assert second.problems.sorted() == first.problems.sorted()


def test_a_failed_build_leaves_the_last_state_and_site_to_start_from(sites):
    edit(sites.content / MEETING, "date: 2026-03-06", "date: 2026-03-32")
    with pytest.raises(ContentError):
        build(sites.warm)
    edit(sites.content / MEETING, "date: 2026-03-32", "date: 2026-03-06")
    edit(sites.content / MEETING, "hälsar välkomna", "hälsar alla välkomna")
    assert sites.step().rendered == 1


def test_force_and_changed_options_render_everything(sites):
    edit(sites.content / MEETING, "hälsar välkomna", "hälsar alla välkomna")
    forced = build(BuildOptions(sites.content, sites.root / "warm", search=False, templates_dir=sites.templates,
                                force=True))
    assert forced.rendered == forced.pages
    edit(sites.content / MEETING, "hälsar alla välkomna", "hälsar välkomna")
    other_base = build(BuildOptions(sites.content, sites.root / "warm", "/protokoll/", search=False,
                                    templates_dir=sites.templates))
    assert other_base.rendered == other_base.pages


def test_a_broken_link_in_a_page_rendered_again_is_caught(sites):
    edit(sites.templates / "meeting.html", "{% block main %}", '{% block main %}<a href="/saknas/">x</a>')
    with pytest.raises(ContentError) as caught:
        build(sites.warm)
    assert any(p.code == "broken-link" and "/saknas/" in p.message for p in caught.value.problems.errors)


def test_an_added_or_edited_attachment_is_copied_again(sites):
    attachment = sites.content / MEETING.removesuffix(".md") / "bilaga.txt"
    attachment.parent.mkdir()
    attachment.write_text("första versionen\n", encoding="utf-8")
    sites.step()                                                                            # added
    attachment.write_text("andra versionen\n", encoding="utf-8")
    assert sites.step().rendered == 1                                                       # edited: only it
    assert (sites.root / "warm" / "chefsgrupp-skola/2026-03-06/bilaga.txt").read_text(encoding="utf-8") == "andra versionen\n"


def test_a_template_of_a_single_page_or_a_new_partial_is_followed(sites):
    edit(sites.templates / "search.html", "{% block main %}", "{% block main %}<p>Ny söktext</p>")
    assert sites.step().rendered == 1
    (sites.templates / "_ny.html").write_text("<p>Ny del</p>\n", encoding="utf-8")
    edit(sites.templates / "search.html", "<p>Ny söktext</p>", '{% include "_ny.html" %}')
    sites.step()
    edit(sites.templates / "_ny.html", "Ny del", "Ändrad del")
    result = sites.step()
    assert result.rendered == result.pages
