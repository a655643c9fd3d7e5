"""Documentation stays in step with the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from generator.content import schema

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "redaktorshandledning.md"


REPORTERS = {"error", "warning", "problem", "YamlProblem"}
"""The calls that take a problem code: Problems.error/.warning, and yaml_errors' YamlProblem and its helper."""


def problem_codes() -> set[str]:
    """Every code passed to a reporter anywhere in the generator."""
    codes = set()
    for source in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            name = getattr(node.func, "attr", getattr(node.func, "id", None)) if isinstance(node, ast.Call) else None
            if name in REPORTERS:
                for arg in node.args[1:3]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+|[a-z]+", arg.value):
                        codes.add(arg.value)
                        break
    return codes


def test_every_problem_code_is_explained_in_the_editors_guide():
    guide = GUIDE.read_text(encoding="utf-8")
    codes = problem_codes()
    assert len(codes) > 30
    missing = sorted(code for code in codes if f"`{code}`" not in guide)
    assert not missing, f"explain these in {GUIDE.name}: {missing}"


def test_every_front_matter_key_is_in_the_editors_guide():
    guide = GUIDE.read_text(encoding="utf-8")
    for key in [*schema.MEETING_FIELDS, *schema.ATTENDEE_FIELDS]:
        assert f"`{key}`" in guide, key


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1500]
    assert "make site" in head and "make test" in head
