"""Two builds of the same content give byte-identical trees (pagefind/ aside:
these builds skip the search index)."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.cli.main import main

from .conftest import SEED_CONTENT, snapshot


def build(content: Path, out: Path, *args: str) -> dict[str, bytes]:
    assert main(["build", "--content", str(content), "--out", str(out), "--no-search", *args]) == 0
    return snapshot(out)


def assert_identical(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differing = [rel for rel in first if first[rel] != second[rel]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:5]}"


def test_two_builds_from_different_places_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    here = shutil.copytree(SEED_CONTENT, tmp_path / "a" / "content")
    there = shutil.copytree(SEED_CONTENT, tmp_path / "b" / "elsewhere")
    first = build(here, tmp_path / "a" / "site")
    second = build(there, tmp_path / "b" / "out")
    assert any(rel.endswith(".ics") for rel in first) and "feed.xml" in first and "data/meetings.json" in first
    assert_identical(first, second)


def test_source_date_epoch_builds_are_byte_identical_and_use_that_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773360000")  # 2026-03-13T00:00:00Z
    first = build(SEED_CONTENT, tmp_path / "one", "--base-url", "/repo/")
    second = build(SEED_CONTENT, tmp_path / "two", "--base-url", "/repo/")
    assert_identical(first, second)
    assert "13 mars 2026" in first["tillganglighet/index.html"].decode("utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773446400")  # a day later: only the dated files change
    third = build(SEED_CONTENT, tmp_path / "three", "--base-url", "/repo/")
    changed = {rel for rel in first if first[rel] != third[rel]}
    # the marker records the inputs, SOURCE_DATE_EPOCH among them
    assert changed and changed <= {"tillganglighet/index.html", ".protokoll-site"} | {rel for rel in first if rel.endswith(".ics")}


def test_rebuilding_in_place_changes_nothing(tmp_path):
    out = tmp_path / "site"
    first = build(SEED_CONTENT, out)
    second = build(SEED_CONTENT, out, "--force")
    assert_identical(first, second)
