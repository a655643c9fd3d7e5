"""Shared fixtures: tiny inline sites, the seed site built once, the CLI in-process."""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SEED_CONTENT = ROOT / "content"

BASE_SITE = """\
title: Testråd
organisation: Testregionen
contact:
  name: Kansliet
  email: test@example.se
"""
BASE_COUNCILS = """\
ssr-folkhalsa:
  name: Specifika samverkansrådet för folkhälsa
  short_name: SSR folkhälsa
  type: minnesanteckningar
  justering: false
ssr-social:
  name: Specifika samverkansrådet för social välfärd
  short_name: SSR social
  type: protokoll
"""


@pytest.fixture(scope="session", autouse=True)
def own_cache_dir(tmp_path_factory):
    """Builds keep file hashes and their last state in the user's cache directory; the tests get their own."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


def minutes(council="ssr-folkhalsa", date="2025-03-21", body="## 1. Mötet öppnas\n\nOrdföranden öppnade mötet.\n",
            justerare="[]", narvaro="  Ledamöter:\n    - Anna Ahnér, Askersunds kommun\n", extra="") -> str:
    """A valid minutes file; override any part to make it invalid."""
    return f"---\ncouncil: {council}\ndate: {date}\n{extra}justerare: {justerare}\nnärvaro:\n{narvaro}---\n{body}"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (content-relative path -> text) under root/content with the base YAML files."""
    content = root / "content"
    all_files = {"site.yaml": BASE_SITE, "councils.yaml": BASE_COUNCILS, **files}
    for rel, data in all_files.items():
        if data is None:
            continue
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data) if data.startswith("\n") else data, encoding="utf-8")
    return content


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if ": fel: " in line or ": varning: " in line]


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    """Run `protokoll ARGS` in-process from tmp_path; messages name `content/...` as an editor types it."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Run:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


SEED_EPOCH = "1780272000"
"""2026-06-01: of the seed's announced dates, 22 May has passed without minutes, 18 Sep and 20 Nov are coming."""


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed content built once (without search, dated SEED_EPOCH) for read-only tests."""
    out = tmp_path_factory.mktemp("seed") / "site"
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SEED_EPOCH
    try:
        assert main(["build", "--content", str(SEED_CONTENT), "--out", str(out), "--no-search"]) == 0
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return out


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def copy_seed_content(dest: Path) -> Path:
    shutil.copytree(SEED_CONTENT, dest)
    return dest


def seed_content_with_origin(root: Path, origin: str) -> Path:
    """A copy of the seed content under `root`, with `url: <origin>` added to site.yaml."""
    content = shutil.copytree(SEED_CONTENT, root / "content")
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write(f"url: {origin}\n")
    return content


def build_site(content: Path, out: Path, *args: str) -> Path:
    """`protokoll build --no-search` in-process; fails the test unless it succeeds."""
    assert main(["build", "--content", str(content), "--out", str(out), "--no-search", *args]) == 0
    return out


@pytest.fixture(scope="session")
def legal_site(tmp_path_factory) -> Path:
    """The nämnder of tests/legal_content.py built on their day (its SOURCE_DATE_EPOCH), without search."""
    from .legal_content import EPOCH, FILES

    root = tmp_path_factory.mktemp("legal")
    content = write_tree(root, FILES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_site(content, root / "site")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (tests/browser.py)."""
    from .browser import chromium, require_chromium

    require_chromium()
    with chromium() as launched:
        yield launched
