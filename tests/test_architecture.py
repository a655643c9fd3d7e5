"""The structure holds: no import cycle between modules, and the no-op check stays light.

The layers themselves are checked by import-linter (`lint-imports`, in `make test`,
with the contract in pyproject.toml); this finds cycles inside a layer too, and
counts the imports made inside functions, which hide them best.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_names(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package in `package_dir`."""
    names = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that module `name` imports anywhere in its code, functions included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `a.b.name` names module a.b (or a), not a submodule
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_cycles(package_dir: Path) -> list[list[str]]:
    """Every cycle of imports between the package's modules (one per strongly connected group)."""
    modules = module_names(package_dir)
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return groups


def test_no_module_of_the_generator_imports_itself_back_through_others():
    assert import_cycles(ROOT / "generator") == []


def test_the_cycle_check_finds_a_cycle_hidden_in_a_function_level_relative_import(tmp_path):
    package = tmp_path / "app"
    (package / "low").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "low" / "__init__.py").write_text("")
    (package / "top.py").write_text("from .low import base\n")
    (package / "low" / "base.py").write_text("def f():\n    from ..top import g\n    return g\n")
    (package / "low" / "other.py").write_text("import app.low.base\n")
    assert import_cycles(package) == [["app.low.base", "app.top"]]


def test_the_no_op_check_imports_neither_templates_nor_markdown():
    code = ("import sys; from generator.cli import main; from generator.pipeline import uptodate; "
            "print(sorted(m for m in ('jinja2', 'markdown_it', 'nh3', 'icalendar', 'rapidfuzz', 'yaml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_module_of_the_generator_and_the_benchmarks_is_under_400_lines():
    modules = [*(ROOT / "generator").rglob("*.py"), *(ROOT / "tests" / "bench").rglob("*.py")]
    long = {str(path.relative_to(ROOT)): n for path in modules
            if (n := len(path.read_text(encoding="utf-8").splitlines())) >= 400}
    assert long == {}
