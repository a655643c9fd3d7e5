"""The synthetic benchmark corpus is valid content, and the same seed gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline.build import build
from generator.pipeline.check import check
from generator.shared.options import BuildOptions
from tests.bench.corpus import generate


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_small_corpus_checks_and_builds_without_errors_or_warnings(tmp_path):
    content = tmp_path / "content"
    generate(content, 30)
    assert len(list((content / "minutes").glob("*/*.md"))) == 30
    problems = check(content)
    assert problems.items == []
    result = build(BuildOptions(content, tmp_path / "site", search=False))
    assert result.problems.items == []
    assert len(result.site.meetings) == 30
    assert (tmp_path / "site" / "index.html").is_file()


def test_corpus_has_joint_meetings_substitutes_aliases_and_links(tmp_path):
    content = tmp_path / "content"
    generate(content, 200)
    texts = [p.read_text(encoding="utf-8") for p in sorted((content / "minutes").glob("*/*.md"))]
    assert sum("council:\n  - " in t for t in texts) >= 5
    assert sum("replaces: " in t for t in texts) >= 5
    assert sum("](../" in t for t in texts) >= 5
    assert sum("\nBeslut: " in t for t in texts) >= 100 and sum("\n**Beslut:** " in t for t in texts) >= 100
    assert sum("\nReservation: " in t for t in texts) >= 3 and sum("\nJäv: " in t for t in texts) >= 1
    assert sum("\n## § " in t for t in texts) >= 20  # the protokoll councils number paragraphs
    assert "aliases: [" in (content / "people.yaml").read_text(encoding="utf-8")
    assert "from: " in (content / "councils.yaml").read_text(encoding="utf-8")
    assert check(content).items == []


def test_same_seed_generates_byte_identical_trees(tmp_path):
    generate(tmp_path / "a", 30)
    generate(tmp_path / "b", 30)
    first, second = tree_bytes(tmp_path / "a"), tree_bytes(tmp_path / "b")
    assert first == second
    assert len(first) == 33  # site.yaml, councils.yaml, people.yaml and 30 minutes


def test_other_seed_generates_other_content(tmp_path):
    generate(tmp_path / "a", 30, seed=1)
    generate(tmp_path / "b", 30, seed=2)
    assert tree_bytes(tmp_path / "a") != tree_bytes(tmp_path / "b")
