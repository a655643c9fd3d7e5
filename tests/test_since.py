"""`protokoll check --since REF` in a real git repository: justerade minutes never change silently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import minutes, write_tree

SIGNED = "[{name: Anna Ahnér, date: 2025-03-28}]"
JUSTERAT = "minutes/ssr-folkhalsa/2025-03-21.md"
OPEN = "minutes/ssr-folkhalsa/2025-04-11.md"
MESSAGE = "Protokollet är justerat. Beskriv ändringen under `rättelser`."
RATTELSE = "rättelser:\n  - datum: 2025-04-02\n    punkt: 1\n    text: Ordet öppnade var felstavat.\n"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                            env={"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo),
                                 "PATH": "/usr/bin:/bin", "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.se",
                                 "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.se"})
    return result.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed for check --since")
    write_tree(tmp_path, {
        JUSTERAT: minutes(date="2025-03-21", justerare=SIGNED),
        OPEN: minutes(date="2025-04-11", justerare="[Anna Ahnér]"),
    })
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "Protokoll")
    return tmp_path


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_justerat_file_changed_without_a_rattelse_is_an_error_at_the_changed_line(cli, repo):
    edit(repo, JUSTERAT, "Ordföranden öppnade mötet.", "Ordföranden öppnade mötet klockan nio.")
    result = cli("check", "--content", "content", "--since", "main")
    assert result.code == 1
    assert result.lines == [f"content/{JUSTERAT}:11: fel: {MESSAGE}"]


def test_the_error_is_a_github_annotation_at_the_file(cli, repo):
    edit(repo, JUSTERAT, "Askersunds kommun", "Askersund")
    git(repo, "commit", "-qam", "Ändrad närvaro")
    result = cli("check", "--content", "content", "--since", "HEAD^1", "--format", "github")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"::error file=content/{JUSTERAT},line=5,title=justerat-changed::{MESSAGE}"]


def test_the_same_change_with_a_new_rattelse_passes(cli, repo):
    edit(repo, JUSTERAT, "Ordföranden öppnade mötet.", "Ordföranden öppnade mötet klockan nio.")
    edit(repo, JUSTERAT, "justerare:", RATTELSE + "justerare:")
    result = cli("check", "--content", "content", "--since", "main")
    assert result.code == 0, result.err
    assert result.lines == []


def test_a_minutes_file_that_is_not_justerat_may_change_freely(cli, repo):
    edit(repo, OPEN, "Ordföranden öppnade mötet.", "Ordföranden hälsade alla välkomna.")
    edit(repo, OPEN, "[Anna Ahnér]", SIGNED)  # and becomes justerat in the same change
    assert cli("check", "--content", "content", "--since", "main").code == 0


def test_announcing_and_reformatting_a_justerat_file_are_not_changes(cli, repo):
    councils = (repo / "content" / "councils.yaml").read_text(encoding="utf-8")
    (repo / "content" / "councils.yaml").write_text(
        councils.replace("  type: minnesanteckningar\n", "  type: minnesanteckningar\n  anslag: true\n"
                                                         "  förvaringsplats: Regionens hus\n", 1), encoding="utf-8")
    edit(repo, JUSTERAT, "justerare:", "anslagen: 2025-03-28\n# tillkännagivet\njusterare:")
    edit(repo, JUSTERAT, SIGNED, "\n  - name: Anna Ahnér\n    date: 2025-03-28")
    result = cli("check", "--content", "content", "--since", "main")
    assert result.code == 0, result.err


def test_a_removed_rattelse_is_an_error(cli, repo):
    edit(repo, JUSTERAT, "justerare:", RATTELSE + "justerare:")
    git(repo, "commit", "-qam", "Rättelse")
    edit(repo, JUSTERAT, RATTELSE, "")
    result = cli("check", "--content", "content", "--since", "main")
    assert result.lines == [f"content/{JUSTERAT}:1: fel: {MESSAGE} En rättelse har tagits bort; tidigare "
                            "rättelser ska stå kvar."]


def test_a_deleted_justerat_file_is_an_error(cli, repo):
    (repo / "content" / JUSTERAT).unlink()
    result = cli("check", "--content", "content", "--since", "main")
    assert result.lines == [f"content/{JUSTERAT}:1: fel: {MESSAGE} Ett justerat protokoll tas inte bort: "
                            "återställ filen."]


def test_an_unknown_ref_or_no_repository_is_a_usage_error(cli, repo, tmp_path_factory):
    result = cli("check", "--content", "content", "--since", "origin/finns-inte")
    assert result.code == 2
    assert "`origin/finns-inte` är ingen känd version i git" in result.err
    elsewhere = tmp_path_factory.mktemp("no-git")
    write_tree(elsewhere, {})
    result = cli("check", "--content", str(elsewhere / "content"), "--since", "main")
    assert result.code == 2 and "ligger inte i ett git-arkiv" in result.err
