"""The parse cache on disk: each meeting body's HTML and problems, kept between builds.

pages/bodies.py says what an entry holds and when it is replayed; this module keeps
the entries in the user's cache, beside the state (`$XDG_CACHE_HOME/protokoll/
bodies-<key of the output directory>/`, a 0700 directory of 0600 files, one per
entry, named by its key). An entry file is sealed as the state is (cachefiles.py: a
header with the format, the code version and the payload's checksum), then the entry
as JSON: data only, nothing in it is ever run. A file that is not ours, others may
write, fails its checksum, is not JSON or was made by other code is not used (the
body is rendered instead); reading or writing the cache never fails a build.

The version is a hash of the generator's code (the files uptodate.py fingerprints)
and of the versions of the libraries that render a body, and it is part of every
key, so an entry from other code is never even looked up. Forked render workers
write their entries themselves, each atomically (a temporary file, then a rename).

Like the state, the cache belongs to its output directory: a build into a directory
that holds no built site (removed, or never built) reads none of it, so that such a
build is a truly cold one. After a build, when the cache holds more entries than
the site has meetings (by `SLACK`), every entry that is not one of a current
meeting's is removed: the cache stays about the size of the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import time
from importlib import metadata
from pathlib import Path

from generator import __version__
from generator.pages.bodies import BodyCache, body_key
from generator.pages.analysis import Analysis
from generator.shared.options import BuildOptions
from generator.shared.urls import MARKER

from . import cachefiles

CACHE_FORMAT = 2
KIND = "protokoll-body"
LIBRARIES = ("markdown-it-py", "mdurl", "nh3", "MarkupSafe")
"""The libraries whose version changes a rendered body."""
KEY_RE = re.compile(r"[0-9a-f]{40}")
SLACK = 64
STALE_TMP_SECONDS = 3600


def cache_path(out_dir: Path) -> Path:
    return cachefiles.cache_dir() / f"bodies-{cachefiles.out_dir_key(out_dir)}"


def code_version(files: dict[str, str]) -> str:
    """The generator's code (`generator/…` in uptodate.Inputs.files) and the versions of LIBRARIES."""
    digest = hashlib.sha256(repr((CACHE_FORMAT, __version__, sys.version_info[:2])).encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?\n".encode())
    for key in sorted(k for k in files if k.startswith("generator/")):
        digest.update(f"{key}\0{files[key]}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


class DiskStore:
    """Entries in `directory`; `read` False: none is read (they are still written)."""

    def __init__(self, directory: Path, version: str, read: bool):
        self.directory, self.version = directory, version
        self.usable = _own_directory(directory)
        self.read = read and self.usable

    def get(self, key: str) -> object | None:
        if not self.read or not KEY_RE.fullmatch(key):
            return None
        try:
            data = cachefiles.read_untrusted(self.directory / key)
            return None if data is None else json.loads(bytes(cachefiles.unseal(data, KIND, self.version)))
        except (cachefiles.Unusable, cachefiles.Outdated, ValueError, RecursionError):
            return None

    def put(self, key: str, entry: dict) -> None:
        if not self.usable or not KEY_RE.fullmatch(key):
            return
        try:
            payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (UnicodeEncodeError, ValueError, TypeError):
            return  # not storable (a lone surrogate): rendered again next time
        try:
            cachefiles.write_atomic(self.directory / key, cachefiles.seal(KIND, self.version, payload), payload)
        except OSError:
            pass

    def prune(self, keep: set[str]) -> int:
        """Remove every entry not in `keep`, and temporary files left by killed builds; the number removed."""
        removed = 0
        try:
            with os.scandir(self.directory) as found:
                for item in found:
                    stale_tmp = ".tmp-" in item.name and _older_than(item, STALE_TMP_SECONDS)
                    if (KEY_RE.fullmatch(item.name) and item.name not in keep) or stale_tmp:
                        os.unlink(item.path)
                        removed += 1
        except OSError:
            pass
        return removed

    def count(self) -> int:
        try:
            with os.scandir(self.directory) as found:
                return sum(1 for item in found if KEY_RE.fullmatch(item.name))
        except OSError:
            return 0


def _own_directory(directory: Path) -> bool:
    """Make `directory` (0700) if missing; True when it is a real directory of ours, no longer open to others."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        try:
            directory.mkdir(mode=0o700)
        except FileExistsError:
            pass
        info = os.lstat(directory)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return False
        if info.st_mode & 0o077:
            os.chmod(directory, 0o700)
        return True
    except OSError:
        return False


def _older_than(item: os.DirEntry, seconds: float) -> bool:
    try:
        return item.stat(follow_symlinks=False).st_mtime < time.time() - seconds
    except OSError:
        return False


def open_cache(options: BuildOptions, files: dict[str, str]) -> BodyCache:
    """The parse cache of a build into options.out_dir, read only when a built site is there."""
    out_dir = Path(options.out_dir)
    store = DiskStore(cache_path(out_dir), code_version(files), read=(out_dir / MARKER).is_file())
    return BodyCache(store, store.version)


def prune(cache: BodyCache, analysis: Analysis) -> None:
    """After a build: keep only the entries of the site's meetings, once the cache holds more than SLACK others."""
    store = cache.store
    if not isinstance(store, DiskStore) or store.count() <= len(analysis.site.meetings) + SLACK:
        return
    store.prune({body_key(m, analysis.agendas[m.key], analysis.base_url, store.version) for m in analysis.site.meetings})
