"""The command line: check formats, exit codes, `new`, and that every command is documented."""

from __future__ import annotations

import json
import re

import pytest

from generator.cli import make_parser

from .conftest import SEED_CONTENT, minutes, write_tree

# https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
GITHUB_ANNOTATION = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,title=[a-z0-9-]+::[^\r\n]+$")


@pytest.fixture
def broken(tmp_path):
    write_tree(tmp_path, {
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(extra="titel: \"Möte, 1:a: 100%\"\n", justerare="[Per Persson]"),
    })


def test_check_github_format_prints_one_valid_annotation_per_problem(cli, broken):
    result = cli("check", "--content", "content", "--format", "github")
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert GITHUB_ANNOTATION.match(line), line
    assert lines[0].startswith("::error file=content/minutes/ssr-folkhalsa/2025-03-21.md,line=4,title=unknown-key::")
    assert lines[1].startswith("::warning file=content/minutes/ssr-folkhalsa/2025-03-21.md,line=5,title=justerare-not-listed::")


def test_check_json_format_lists_path_line_severity_code_message(cli, broken):
    result = cli("check", "--content", "content", "--format", "json")
    problems = json.loads(result.out)
    assert [(p["path"], p["line"], p["severity"], p["code"]) for p in problems] == [
        ("content/minutes/ssr-folkhalsa/2025-03-21.md", 4, "fel", "unknown-key"),
        ("content/minutes/ssr-folkhalsa/2025-03-21.md", 5, "varning", "justerare-not-listed"),
    ]
    assert all(p["message"] for p in problems)


def test_check_of_given_files_reports_only_those(cli, tmp_path):
    write_tree(tmp_path, {
        "minutes/ssr-folkhalsa/2025-03-21.md": minutes(extra="titel: x\n"),
        "minutes/ssr-folkhalsa/2025-05-16.md": minutes(date="2025-05-16"),
    })
    assert cli("check", "--content", "content", "content/minutes/ssr-folkhalsa/2025-05-16.md").code == 0
    assert cli("check", "--content", "content", "content/minutes/ssr-folkhalsa/2025-03-21.md").code == 1


def test_check_of_clean_seed_content_exits_zero_even_when_strict(cli):
    assert cli("check", "--content", str(SEED_CONTENT), "--strict").code == 0


@pytest.mark.parametrize("args", [
    ["bogus"], ["build", "--no-such-flag"], ["check", "--format", "xml"], ["build", "--content", "nowhere"],
    ["check", "--content", str(SEED_CONTENT), "missing.md"], ["build", "--base-url", "https://example.se/"],
])
def test_usage_errors_exit_2(cli, args):
    assert cli(*args).code == 2


def test_new_writes_minutes_from_the_roster_that_pass_check(cli, tmp_path):
    councils = ("ssr-folkhalsa:\n  name: SSR folkhälsa\n  roster:\n    Ledamöter:\n"
                "      - name: Anna Ahnér\n        org: Askersunds kommun\n        role: ordförande\n"
                "      - name: Per Persson\n        to: 2025-12-31\n    Ersättare:\n      - name: Eva Ek\n")
    write_tree(tmp_path, {"councils.yaml": councils})
    result = cli("new", "--content", "content", "ssr-folkhalsa", "2026-05-22")
    assert result.code == 0, result.err
    text = (tmp_path / "content/minutes/ssr-folkhalsa/2026-05-22.md").read_text(encoding="utf-8")
    assert "    - name: Anna Ahnér\n      org: Askersunds kommun\n      role: ordförande\n" in text
    assert "Per Persson" not in text  # his term ended before the meeting
    assert "  Ersättare:\n    - name: Eva Ek\n" in text
    assert "## 1. Mötet öppnas" in text and "## 7. Mötet avslutas" in text
    assert "## 2. Fastställande av dagordning\n\nBeslut: Dagordningen fastställs.\n" in text
    assert "## 5. Ärende\n\nBeslut: …\n" in text and text.count("\nBeslut: ") == 4
    assert cli("check", "--content", "content", "--strict").code == 0


def test_new_refuses_to_overwrite(cli, tmp_path):
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": "keep me"})
    result = cli("new", "--content", "content", "ssr-folkhalsa", "2025-03-21")
    assert result.code == 2 and "finns redan" in result.err
    assert (tmp_path / "content/minutes/ssr-folkhalsa/2025-03-21.md").read_text() == "keep me"


def test_new_rejects_unknown_council_with_suggestion(cli, tmp_path):
    write_tree(tmp_path, {})
    result = cli("new", "--content", "content", "ssr-folkhals", "2026-05-22")
    assert result.code == 2 and "Menade du ssr-folkhalsa?" in result.err


def test_new_rejects_bad_date(cli, tmp_path):
    write_tree(tmp_path, {})
    result = cli("new", "--content", "content", "ssr-folkhalsa", "2026-02-30")
    assert result.code == 2 and "inget giltigt datum" in result.err
    assert not (tmp_path / "content/minutes").exists()


def test_every_command_has_help_with_an_example():
    parser = make_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert set(subparsers.choices) == {"build", "serve", "check", "new"}
    for name, sub in subparsers.choices.items():
        assert "Exempel:" in sub.description and f"protokoll {name}" in sub.description, name
        for action in sub._actions:
            assert action.help, f"{name} {action.dest} has no help"


def test_python_dash_m_generator_is_the_same_cli():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout and "serve" in result.stdout
