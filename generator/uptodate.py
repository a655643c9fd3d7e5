"""Up-to-date check: skip a build whose inputs have not changed since the last one.

The fingerprint covers every input of a build: the content, the templates
(default and override), the generator's own code, and the options. Files are
compared by path and a hash of their bytes (mtimes are too coarse: two saves
within a few milliseconds share one); it is stored in the output's marker
file, together with the warnings of that build so they are shown again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import __version__
from .problems import Problem, Problems
from .sources import is_ignored_name

GENERATOR_DIR = Path(__file__).resolve().parent


def fingerprint(options, template_dirs: list[Path]) -> str:
    digest = hashlib.sha256()
    settings = (__version__, options.base_url, options.search, options.strict, os.environ.get("SOURCE_DATE_EPOCH"))
    digest.update(repr(settings).encode())
    # Paths relative to each root, so the same inputs in another place give the same fingerprint.
    for label, root in [("content", Path(options.content_dir)), *((f"templates{i}", d) for i, d in enumerate(template_dirs)),
                        ("generator", GENERATOR_DIR)]:
        digest.update(f"\1{label}\n".encode())
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not is_ignored_name(d) and d != "__pycache__")
            for name in sorted(filenames):
                if is_ignored_name(name):
                    continue
                path = os.path.join(dirpath, name)
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                rel = os.path.relpath(path, root)
                digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + hashlib.blake2b(data, digest_size=16).digest())
    return digest.hexdigest()


def record(marker_path: Path, inputs: str, pages: int, problems: Problems) -> None:
    marker_path.write_text(json.dumps({
        "inputs": inputs, "pages": pages,
        "problems": [[p.rel_path, p.line, p.severity, p.code, p.message] for p in problems.sorted()],
    }, ensure_ascii=False), encoding="utf-8")


def previous(marker_path: Path, inputs: str) -> tuple[int, Problems] | None:
    """(pages, problems) of the last build if it had exactly these inputs; else None."""
    try:
        stored = json.loads(marker_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("inputs") != inputs:
        return None
    return stored["pages"], Problems([Problem(*item) for item in stored["problems"]])
