"""One folder per invalid-content case under tests/invalid/: each must fail with
exactly the `path:line: fel:` lines in its expected.txt, and leave the previously
built site byte for byte as it was. A folder with expected-html.txt instead holds
input that looks wrong but is valid: it must build, and each listed page must
contain the listed HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import minutes, snapshot, write_tree

CASES = Path(__file__).parent / "invalid"


@pytest.fixture
def previous_site(cli, tmp_path) -> Path:
    """A good build in tmp_path/site, made from a valid tree that is then removed."""
    write_tree(tmp_path / "good", {"minutes/ssr-folkhalsa/2025-01-10.md": minutes(date="2025-01-10")})
    result = cli("build", "--content", "good/content", "--out", "site", "--no-search")
    assert result.code == 0, result.err
    shutil.rmtree(tmp_path / "good")
    return tmp_path / "site"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").exists()))
def test_invalid_content_fails_with_exact_message_and_leaves_site_untouched(case, cli, tmp_path, previous_site):
    shutil.copytree(CASES / case / "content", tmp_path / "content")
    write_tree(tmp_path, {})  # site.yaml and councils.yaml where the case has none
    before = snapshot(previous_site)

    result = cli("build", "--content", "content", "--out", "site", "--no-search")

    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.code == 1
    assert [line for line in result.lines if ": fel: " in line] == expected
    assert snapshot(previous_site) == before
    assert not list(tmp_path.glob(".site.tmp-*")), "staging directory left behind"


def test_check_reports_the_same_problems_without_writing(cli, tmp_path):
    shutil.copytree(CASES / "broken-anchor" / "content", tmp_path / "content")
    write_tree(tmp_path, {})
    result = cli("check", "--content", "content")
    assert result.code == 1
    assert result.lines == (CASES / "broken-anchor" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "expected-html.txt").exists()))
def test_tricky_but_valid_content_is_published_as_written(case, cli, tmp_path):
    shutil.copytree(CASES / case / "content", tmp_path / "content")
    write_tree(tmp_path, {})
    result = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert result.code == 0, result.err
    for line in (CASES / case / "expected-html.txt").read_text(encoding="utf-8").splitlines():
        page, html = line.split("\t")
        assert html in (tmp_path / "site" / page).read_text(encoding="utf-8"), (page, html)
