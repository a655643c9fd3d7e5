"""Output: deterministic, atomic, collision-free, and correct under a base URL."""

from __future__ import annotations

import re

import pytest

from generator.pipeline.build import build
from generator.shared.options import BuildOptions
from generator.shared.problems import ContentError

from .conftest import SEED_CONTENT, minutes, snapshot, write_tree


def test_two_builds_are_byte_identical(tmp_path):
    build(BuildOptions(SEED_CONTENT, tmp_path / "a", search=False))
    build(BuildOptions(SEED_CONTENT, tmp_path / "b", search=False))
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_unchanged_files_keep_their_mtime_on_rebuild(tmp_path):
    out = tmp_path / "site"
    build(BuildOptions(SEED_CONTENT, out, search=False))
    page = out / "chefsgrupp-skola/2026-03-06/index.html"
    before = page.stat().st_mtime_ns
    build(BuildOptions(SEED_CONTENT, out, search=False, force=True))
    assert page.stat().st_mtime_ns == before


def test_failure_while_rendering_leaves_previous_site_whole(tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(BuildOptions(SEED_CONTENT, out, search=False))
    before = snapshot(out)
    from generator.pages.families import core as core_pages

    def explode(page, ctx):
        raise RuntimeError("disk full")

    monkeypatch.setitem(core_pages.RENDERERS, "meeting", explode)
    with pytest.raises(RuntimeError):
        build(BuildOptions(SEED_CONTENT, out, search=False, force=True))
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".site.tmp-*"))


def test_base_url_prefixes_every_internal_link(tmp_path):
    out = tmp_path / "site"
    build(BuildOptions(SEED_CONTENT, out, base_url="/sub/", search=False))
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src|action)="([^"]+)"', html):
            if url.startswith("/"):
                assert url.startswith("/sub/"), f"{page}: {url}"


def test_refuses_to_replace_a_directory_it_did_not_build(cli, tmp_path):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes()})
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious/thesis.txt").write_text("do not delete")
    result = cli("build", "--content", "content", "--out", "precious", "--no-search")
    assert result.code == 2
    assert (tmp_path / "precious/thesis.txt").read_text() == "do not delete"


def test_reserved_council_id_is_an_error(tmp_path):
    content = write_tree(tmp_path, {"councils.yaml": "personer:\n  name: Personalrådet\n"})
    with pytest.raises(ContentError) as exc:
        build(BuildOptions(content, tmp_path / "site", search=False))
    assert [p.code for p in exc.value.problems.errors] == ["reserved-id"]


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    content = write_tree(tmp_path, {
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(extra="titel: x\n"),
        "minutes/ssr-social/2025-03-22.md": minutes(council="ssr-socia", date="2025-03-22"),
        "minutes/ssr-social/2025-03-23.md": minutes(council="ssr-social", date="2025-02-30"),
    })
    with pytest.raises(ContentError) as exc:
        build(BuildOptions(content, tmp_path / "site", search=False))
    codes = sorted(p.code for p in exc.value.problems.errors)
    assert codes == ["bad-date", "unknown-council", "unknown-key"]


def test_build_with_unchanged_inputs_is_skipped_and_any_edit_rebuilds(cli, tmp_path):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(justerare="[Per Persson]")})
    first = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert first.code == 0 and len(first.lines) == 1  # one warning
    second = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert second.code == 0 and "Inget har ändrats" in second.err
    assert second.lines == first.lines  # the warnings are shown again
    page = tmp_path / "content/minutes/ssr-folkhalsa/2025-03-21.md"
    page.write_text(page.read_text().replace("Ordföranden öppnade", "Ordföranden öppnade i dag"))
    third = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert "Byggde" in third.err
    assert "öppnade i dag" in (tmp_path / "site/ssr-folkhalsa/2025-03-21/index.html").read_text()
    assert "Byggde" in cli("build", "--content", "content", "--out", "site", "--no-search", "--base-url", "/sub/").err
