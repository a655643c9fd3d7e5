"""Whole links: generator/linkcheck.py over small trees, the seed site, and the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output import linkcheck
from generator.pipeline.build import build
from generator.shared.options import BuildOptions
from generator.shared.problems import ContentError
from tests.conftest import SEED_CONTENT

PAGE = '<!DOCTYPE html><html lang="sv"><head><title>t</title>{head}</head><body>\n{body}\n</body></html>'


def make_tree(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body if not rel.endswith(".html") else PAGE.format(head="", body=body), encoding="utf-8")
    return root


def urls_of(problems) -> list[str]:
    return sorted(p.url for p in problems)


def test_links_to_existing_pages_files_and_anchors_pass(tmp_path):
    root = make_tree(tmp_path, {
        "index.html": '<a href="/a/">a</a> <a href="a/#p2">p2</a> <a href="/static/s.css">css</a> <a href="#top-id" id="top-id">x</a>',
        "a/index.html": '<h2 id="p2">2</h2><a href="../">hem</a><img src="../static/bild.png" alt="">',
        "static/s.css": "body{}",
        "static/bild.png": "png",
    })
    assert linkcheck.check_tree(root, "/") == []


def test_link_to_a_missing_page_is_reported_with_its_line(tmp_path):
    root = make_tree(tmp_path, {"index.html": '<p>\n<a href="/finns-inte/">x</a></p>'})
    [problem] = linkcheck.check_tree(root, "/")
    assert problem.url == "/finns-inte/"
    assert problem.page == "index.html"
    assert problem.line == 3
    assert "inte finns" in problem.message


def test_each_occurrence_of_a_broken_link_is_reported_at_its_own_line(tmp_path):
    root = make_tree(tmp_path, {"index.html": '<!--\n<a href="/gömd/">\n-->\n<a href="/x/">1</a>\n'
                                              '<a href="/finns/" id="finns">\n<a href="/x/">2</a>',
                                "finns/index.html": "<p>finns</p>"})
    found = linkcheck.check_tree(root, "/")
    assert [(p.url, p.line) for p in found] == [("/x/", 5), ("/x/", 7)]


def test_link_to_a_missing_anchor_is_reported(tmp_path):
    root = make_tree(tmp_path, {
        "index.html": '<a href="/a/#p9">x</a><a href="#saknas">y</a>',
        "a/index.html": '<h2 id="p2">2</h2>',
    })
    assert urls_of(linkcheck.check_tree(root, "/")) == ["#saknas", "/a/#p9"]


def test_missing_src_of_image_script_and_stylesheet_is_reported(tmp_path):
    root = tmp_path
    (root / "index.html").write_text(PAGE.format(
        head='<link rel="stylesheet" href="/static/borta.css"><script src="/static/borta.js"></script>',
        body='<img src="borta.png" alt="">'), encoding="utf-8")
    assert urls_of(linkcheck.check_tree(root, "/")) == ["/static/borta.css", "/static/borta.js", "borta.png"]


def test_external_mail_and_phone_links_are_not_checked(tmp_path):
    root = make_tree(tmp_path, {"index.html": (
        '<a href="https://example.se/x">a</a><a href="mailto:a@example.se">b</a>'
        '<a href="tel:019000000">c</a><a href="//cdn.example.se/x.js">d</a>')})
    assert linkcheck.check_tree(root, "/") == []


def test_link_without_trailing_slash_to_a_folder_is_reported(tmp_path):
    root = make_tree(tmp_path, {"index.html": '<a href="/a">a</a>', "a/index.html": "a"})
    [problem] = linkcheck.check_tree(root, "/")
    assert "snedstreck" in problem.message


def test_links_must_stay_under_the_base_url(tmp_path):
    root = make_tree(tmp_path, {"index.html": '<a href="/sub/a/">ok</a><a href="/a/">utanför</a>', "a/index.html": "a"})
    assert urls_of(linkcheck.check_tree(root, "/sub/")) == ["/a/"]


def test_links_into_the_pagefind_bundle_are_skipped(tmp_path):
    root = make_tree(tmp_path, {"sok/index.html": '<script src="/pagefind/pagefind-ui.js"></script><a href="../pagefind/x">x</a>'})
    assert linkcheck.check_tree(root, "/") == []


def test_relative_links_on_the_404_page_are_reported(tmp_path):
    root = make_tree(tmp_path, {"404.html": '<a href="index.html">hem</a><a href="/">hem</a>', "index.html": "x"})
    [problem] = linkcheck.check_tree(root, "/")
    assert problem.url == "index.html"
    assert "404" in problem.message


def test_links_inside_comments_are_ignored_and_entities_are_decoded(tmp_path):
    root = make_tree(tmp_path, {
        "index.html": '<!-- <a href="/borta/">x</a> --><a href="/a/?x=1&amp;y=2#p&#49;">a</a>',
        "a/index.html": '<h2 id="p1">1</h2>',
    })
    assert linkcheck.check_tree(root, "/") == []


def test_percent_encoded_links_resolve_to_their_files(tmp_path):
    root = make_tree(tmp_path, {"index.html": '<a href="/a/bilaga%20ett.pdf">pdf</a>', "a/bilaga ett.pdf": "pdf"})
    assert linkcheck.check_tree(root, "/") == []


@pytest.mark.parametrize("base_url", ["/", "/sub/"])
def test_seed_site_has_no_broken_internal_links(tmp_path, base_url):
    out = tmp_path / "site"
    build(BuildOptions(content_dir=SEED_CONTENT, out_dir=out, base_url=base_url, search=False))
    assert linkcheck.check_tree(out, base_url) == []
    assert (out / "index.html").exists()


def test_build_fails_on_a_broken_internal_link_and_keeps_the_old_site(tmp_path):
    out = tmp_path / "site"
    build(BuildOptions(content_dir=SEED_CONTENT, out_dir=out, search=False))
    before = (out / "index.html").read_bytes()
    templates = tmp_path / "templates"
    templates.mkdir()
    home = (Path(__file__).resolve().parent.parent / "templates" / "home.html").read_text(encoding="utf-8")
    (templates / "home.html").write_text(
        home.replace("{% block main %}", '{% block main %}<a href="{{ href(\'/finns-inte/\') }}">trasig</a>', 1),
        encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build(BuildOptions(content_dir=SEED_CONTENT, out_dir=out, search=False, templates_dir=templates))
    messages = [p.message for p in error.value.problems.errors]
    assert any("/finns-inte/" in m and "index.html" in m for m in messages), messages
    assert (out / "index.html").read_bytes() == before


def test_broken_links_on_pages_rendered_in_workers_are_reported_as_a_serial_build_reports_them(tmp_path, monkeypatch):
    from generator.shared import parallel

    templates = tmp_path / "templates"
    templates.mkdir()
    meeting = (Path(__file__).resolve().parent.parent / "templates" / "meeting.html").read_text(encoding="utf-8")
    (templates / "meeting.html").write_text(meeting.replace(
        "{% block main %}", '{% block main %}\n\n<a href="{{ href(\'/finns-inte/\') }}">trasig</a><a href="#saknas">', 1),
        encoding="utf-8")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", 1)
    reported = []
    for workers in (1, 2):
        with pytest.raises(ContentError) as error:
            build(BuildOptions(content_dir=SEED_CONTENT, out_dir=tmp_path / f"site-{workers}", search=False,
                               templates_dir=templates, workers=workers))
        reported.append([p.as_text() for p in error.value.problems.sorted()])
    assert reported[0] == reported[1]
    assert sum("/finns-inte/" in line for line in reported[0]) == sum("#saknas" in line for line in reported[0]) >= 5
