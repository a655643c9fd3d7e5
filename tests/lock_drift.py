"""What moved from the lock: `python -m tests.lock_drift requirements/test.txt`.

Run by `make test-latest` in a venv that has the newest releases the ranges in
pyproject.toml allow, before the suite, so that a failure in the weekly drift
job can be read next to the list of packages whose version changed.
Always exits 0: the suite decides whether a move broke anything.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked_versions(lock_text: str) -> dict[str, str]:
    """Package -> version pinned for this interpreter (environment markers evaluated)."""
    pins: dict[str, str] = {}
    for line in lock_text.splitlines():
        match = PIN.match(line.strip())
        if match is None:
            continue
        name, version, marker = match.groups()
        if marker is None or Marker(marker).evaluate():
            pins[canonicalize_name(name)] = version
    return pins


def installed_versions() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def drift(locked: dict[str, str], installed: dict[str, str]) -> list[tuple[str, str, str]]:
    """(package, locked, installed) for every locked package whose installed version differs."""
    return sorted((name, version, installed.get(name, "saknas"))
                  for name, version in locked.items() if installed.get(name) != version)


def main(argv: list[str]) -> int:
    lock = Path(argv[0] if argv else "requirements/test.txt")
    moved = drift(locked_versions(lock.read_text(encoding="utf-8")), installed_versions())
    if not moved:
        print(f"lock drift: every package is at its version in {lock}")
        return 0
    print(f"lock drift: {len(moved)} package(s) moved from {lock}:")
    width = max(len(name) for name, _, _ in moved)
    for name, locked, now in moved:
        print(f"  {name:<{width}}  {locked} -> {now}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
