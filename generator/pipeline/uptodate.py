"""Up-to-date check: skip a build whose inputs have not changed since the last one.

The fingerprint covers every input of a build: the content, the templates
(default and override), the generator's own code, the options, and the build's
date (builddate.py: whether minutes are under appeal changes with it). Files are
compared by path and a hash of their bytes (mtimes alone are too coarse: two
saves within a few milliseconds share one); the fingerprint is stored in the
output's marker file, with the warnings of that build so they are shown again.
File hashes are cached in the user's cache directory (`$XDG_CACHE_HOME/protokoll`,
one file per output directory; never beside or inside the output; see cachefiles.py)
and reused while a file's size and mtime are unchanged, so a no-op check reads no
file contents. The cache is untrusted: an entry of the wrong shape is not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.content.sources import MAX_ATTACHMENT_BYTES, is_ignored_name
from generator.shared import builddate, datacodec
from generator.shared.files import hash_file
from generator.shared.options import BuildOptions, template_dirs
from generator.shared.problems import Problem, Problems
from generator.shared.urls import MARKER

from . import cachefiles


GENERATOR_DIR = Path(__file__).resolve().parent.parent


RACY_SECONDS = 2
"""A file modified this close to when its hash was cached is hashed again (git's "racy clean" rule)."""


@dataclass
class Inputs:
    digest: str
    """One hash over every input file and option."""
    files: dict[str, str]
    """`<root label>/<path in root>` -> hash, for every input file (roots: content, templates0.., generator)."""


@dataclass
class Recorded:
    """What the output's marker file says of the last build."""

    pages: int
    problems: Problems
    """Its warnings, shown again when nothing is rebuilt."""


@dataclass
class Checked:
    inputs: Inputs
    last: Recorded | None
    """The last build, when it had these very inputs (so nothing needs building); else None."""


def hash_cache_path(out_dir: Path) -> Path:
    """Where the file hashes for builds into `out_dir` are cached."""
    return cachefiles.cache_dir() / f"hashes-{cachefiles.out_dir_key(out_dir)}.json"


def check(options: BuildOptions) -> Checked:
    """The build's inputs, and the last build when it had the same inputs and left everything
    this one would (the search index too)."""
    inputs = fingerprint(options, template_dirs(options.templates_dir), hash_cache_path(Path(options.out_dir)))
    out_dir = Path(options.out_dir)
    if options.force or (options.search and not (out_dir / "pagefind").is_dir()):
        return Checked(inputs, None)
    return Checked(inputs, previous(out_dir / MARKER, inputs.digest))


def fingerprint(options: BuildOptions, template_dirs: list[Path], hash_cache_path: Path | None = None) -> Inputs:
    """One hash over every input. File hashes are reused from `hash_cache_path` while a file's
    size and mtime are unchanged and older than the cache; every other file is read and hashed."""
    cached, written_at = _load_hash_cache(hash_cache_path)
    fresh: dict[str, list] = {}
    files: dict[str, str] = {}
    reused = 0
    digest = hashlib.sha256()
    settings = (__version__, options.base_url, options.search, options.strict, os.environ.get("SOURCE_DATE_EPOCH"),
                builddate.build_date().isoformat())  # pages that say whether minutes are under appeal change with the day
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
                    st = os.stat(path)
                    if not stat.S_ISREG(st.st_mode):
                        continue  # a FIFO or device is never opened; discover reports it
                    file_hash = _cached_hash(cached.get(path), st, written_at)
                    if file_hash is not None:
                        reused += 1
                    else:
                        file_hash = hash_file(path, MAX_ATTACHMENT_BYTES)
                except OSError:
                    continue  # a loop, a broken link, an unreadable file: discover reports it
                fresh[path] = [st.st_size, st.st_mtime_ns, file_hash]
                rel = os.path.relpath(path, root)
                files[f"{label}/{rel}"] = file_hash
                digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + file_hash.encode())
    if hash_cache_path is not None and (reused != len(fresh) or len(cached) != len(fresh)):
        _save_hash_cache(hash_cache_path, fresh)  # unless every hash came from the cache as it is
    return Inputs(digest.hexdigest(), files)


def _cached_hash(hit, st: os.stat_result, written_at: int) -> str | None:
    """The cached hash of a file if the cache has one (`[size, mtime_ns, hash]`, checked: the
    cache is untrusted) for the file as it is, and the file was not modified just before."""
    if (type(hit) is list and len(hit) == 3 and type(hit[2]) is str and type(hit[0]) is int and type(hit[1]) is int
            and hit[0] == st.st_size and hit[1] == st.st_mtime_ns and st.st_mtime_ns < written_at - RACY_SECONDS * 10**9):
        return hit[2]
    return None


def _load_hash_cache(path: Path | None) -> tuple[dict, int]:
    """The cached `{path: [size, mtime_ns, hash]}` and when it was written; ({}, 0) when there is
    none or it is malformed (each entry is checked where it is used)."""
    try:
        data = cachefiles.read_untrusted(path) if path else None
        stored = json.loads(data) if data else None
    except (cachefiles.Unusable, ValueError, RecursionError):
        return {}, 0
    if type(stored) is not dict or type(stored.get("files")) is not dict or type(stored.get("written_at")) is not int:
        return {}, 0
    return stored["files"], stored["written_at"]


def _save_hash_cache(path: Path, files: dict) -> None:
    try:
        cachefiles.write_atomic(path, json.dumps({"written_at": time.time_ns(), "files": files}).encode())
    except OSError:
        pass  # only a cache


def record(marker_path: Path, inputs: str, pages: int, problems: Problems) -> None:
    marker_path.write_text(json.dumps({
        "inputs": inputs, "pages": pages, "problems": _encode_problems(problems.sorted()),
    }, ensure_ascii=False), encoding="utf-8")


_encode_problems, _decode_problems = datacodec.encoder(list[Problem]), datacodec.decoder(list[Problem])


def _recorded(marker_path: Path) -> dict:
    """The last build's record in the marker file, or {} when there is none."""
    try:
        stored = json.loads(marker_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return stored if isinstance(stored, dict) else {}


def recorded_inputs(marker_path: Path) -> str | None:
    """The input digest the site on disk was built from, if it says."""
    return _recorded(marker_path).get("inputs")


def previous(marker_path: Path, inputs: str) -> Recorded | None:
    """The last build if it had exactly these inputs (and its record is whole); else None."""
    stored = _recorded(marker_path)
    if stored.get("inputs") != inputs or type(stored.get("pages")) is not int:
        return None
    try:
        return Recorded(stored["pages"], Problems(_decode_problems(stored.get("problems"))))
    except datacodec.Invalid:
        return None  # not as this version writes it: build again
