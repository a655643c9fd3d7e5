"""The parse cache on disk: each meeting body's HTML and problems, kept between builds.

pages/bodies.py says what an entry holds and when it is replayed; this module keeps
the entries in the user's cache, beside the state (`$XDG_CACHE_HOME/protokoll/
bodies-<key of the output directory>/`, a 0700 directory of 0600 pack files). A pack
(`pack-<16 hex digits>`) is appended to by one process only: every process that renders
a body (the build, or each forked render worker) starts its own on its first entry, so a
cold build creates one file per process, not one per body (creating files is what costs).
A pack starts with a sealed header (cachefiles.py: the format, the code version, the
generator's version) and then holds records, each a JSON line with the entry's key,
length and SHA-256, then the entry as JSON: data only, nothing in it is ever run.

Nothing read is trusted (a CI cache may be restored from elsewhere): a pack that is not
ours, others may write, or was made by other code is not read at all; a record is
read up to the first that is misshapen or runs past the end of the file (the tail a
killed process leaves), and an entry whose checksum fails or is not JSON is not used
(the body is rendered instead). Reading or writing the cache never fails a build.
The packs are indexed once, before workers are forked, so they inherit the index and
its open files (read with pread, which keeps no file position).

The version is a hash of the generator's code (the files uptodate.py fingerprints)
and of the versions of the libraries that render a body, and it is part of every
key, so an entry from other code is never even looked up.

Like the state, the cache belongs to its output directory: a build into a directory
that holds no built site (removed, or never built) reads none of it and removes the
packs, so that such a build is a truly cold one. After a build, when there are more
than MAX_PACKS packs, or more than `SLACK` records that are not a current meeting's
(or are one's older record), the live entries are written once into a new pack and
the old packs removed: the cache stays about the size of the site, in few files.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from generator import __version__
from generator.pages.bodies import BodyCache, body_key
from generator.pages.analysis import Analysis
from generator.shared.options import BuildOptions
from generator.shared.urls import MARKER

from . import cachefiles

CACHE_FORMAT = 3
KIND = "protokoll-body"
LIBRARIES = ("markdown-it-py", "mdurl", "nh3", "MarkupSafe")
"""The libraries whose version changes a rendered body."""
KEY_RE = re.compile(r"[0-9a-f]{40}")
PACK_RE = re.compile(r"pack-[0-9a-f]{16}")
SHA256_RE = re.compile(r"[0-9a-f]{64}")
RECORD_FIELDS = {"key", "length", "sha256"}
MAX_RECORD_HEADER = 1024
MAX_PACKS = 8
"""More packs than this after a build: they are compacted into one."""
MAX_READ_PACKS = 32
"""At most this many packs (the newest) are read, so that their open files stay few."""
MAX_RECORDS = 1 << 20
"""At most this many records are indexed (a site of 10,000 meetings has 10,000)."""
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


class Record(NamedTuple):
    """Where an entry's payload is: `file` (open, read-only), at `offset`, `length` bytes with that `sha256`."""
    file: io.FileIO
    offset: int
    length: int
    sha256: str

    def payload(self) -> bytes | None:
        """The payload, when it still has its checksum."""
        try:
            data = os.pread(self.file.fileno(), self.length, self.offset)
        except (OSError, ValueError):
            return None
        return data if hashlib.sha256(data).hexdigest() == self.sha256 else None


class DiskStore:
    """Entries in the packs in `directory`; `read` False: none is read (they are still written)."""

    def __init__(self, directory: Path, version: str, read: bool):
        self.directory, self.version = directory, version
        self.usable = _own_directory(directory)
        self.read = read and self.usable
        self._index: dict[str, Record] | None = None
        self._writer: tuple[int, io.FileIO | None] | None = None
        """(the pid that opened it, this process's pack; None: this process writes no more)."""

    def load(self) -> dict[str, Record]:
        """The index of every entry (once: open_cache calls it before workers are forked, and they inherit it)."""
        if self._index is None:
            self._index = _scan(self.directory, self.version).index if self.read else {}
        return self._index

    def get(self, key: str) -> object | None:
        record = self.load().get(key) if self.read else None
        payload = record.payload() if record is not None else None
        if payload is None:
            return None
        try:
            return json.loads(payload)
        except (ValueError, RecursionError):
            return None

    def put(self, key: str, entry: dict) -> None:
        if not self.usable or not KEY_RE.fullmatch(key):
            return
        try:
            payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (UnicodeEncodeError, ValueError, TypeError):
            return  # not storable (a lone surrogate): rendered again next time
        if self._writer is None or self._writer[0] != os.getpid():  # none yet, or the parent's (a forked worker)
            self._writer = (os.getpid(), self._new_pack())
        pack = self._writer[1]
        if pack is None:
            return
        try:
            _write_all(pack.fileno(), _record(key, payload))
        except OSError:  # a record may be cut short: readers stop there, and so does this process
            self._writer = (os.getpid(), None)

    def _new_pack(self) -> io.FileIO | None:
        path = self.directory / f"pack-{secrets.token_hex(8)}"
        try:
            pack = io.FileIO(cachefiles.open_private(path, os.O_WRONLY | os.O_EXCL | os.O_APPEND), "w")
        except OSError:
            return None
        try:
            _write_all(pack.fileno(), cachefiles.seal(KIND, self.version, b""))
        except OSError:
            pack.close()
            _unlink(path)
            return None
        return pack

    def clear(self) -> None:
        """Remove every pack (a cold build: the entries it writes supersede them)."""
        for path in self._files(PACK_RE):
            _unlink(path)

    def prune(self, keep: set[str]) -> int:
        """Compact the packs when there are too many, some are unusable, or they hold more than SLACK
        records not in `keep` (or superseded); remove temporary files left by killed builds and
        files of the cache's earlier layout (one per entry). The number of files removed."""
        self._index, self._writer = None, None  # this process's pack is closed: it is compacted as any other
        removed = sum(_unlink(path) for path in self._files(KEY_RE, stale_tmp=True))
        scan = _scan(self.directory, self.version)
        live = {key: scan.index[key] for key in sorted(keep & scan.index.keys())}
        if not (scan.unread or len(scan.paths) > MAX_PACKS or scan.records - len(live) > SLACK):
            return removed
        path = self.directory / f"pack-{secrets.token_hex(8)}"
        try:
            if live:
                cachefiles.write_streamed(path, itertools.chain([cachefiles.seal(KIND, self.version, b"")], (
                    _record(key, payload) for key, record in live.items() if (payload := record.payload()) is not None)))
        except OSError:
            return removed
        return removed + sum(_unlink(old) for old in scan.paths)

    def count(self) -> int:
        """The entries in the cache (one per key, however many records it has)."""
        return len(_scan(self.directory, self.version).index)

    def _files(self, pattern: re.Pattern, stale_tmp: bool = False) -> list[Path]:
        """The files in the directory whose name is `pattern`, with temporary files of killed builds."""
        try:
            with os.scandir(self.directory) as found:
                return [Path(item.path) for item in found if pattern.fullmatch(item.name)
                        or (stale_tmp and ".tmp-" in item.name and _older_than(item, STALE_TMP_SECONDS))]
        except OSError:
            return []


class _Scan(NamedTuple):
    index: dict[str, Record]
    """Every entry's newest record (the packs by age, then each in order)."""
    records: int
    """The records read, superseded ones too."""
    paths: list[Path]
    """Every pack, read or not."""
    unread: int
    """The packs not read: not trusted, of other code, damaged, or past MAX_READ_PACKS."""


def _scan(directory: Path, version: str) -> _Scan:
    try:
        with os.scandir(directory) as found:
            packs = sorted((_mtime(item), Path(item.path)) for item in found if PACK_RE.fullmatch(item.name))
    except OSError:
        return _Scan({}, 0, [], 0)
    index: dict[str, Record] = {}
    records, unread = 0, max(0, len(packs) - MAX_READ_PACKS)
    for _, path in packs[-MAX_READ_PACKS:]:
        pack = _open_pack(path, version)
        if pack is None:
            unread += 1
            continue
        for key, record in itertools.islice(_records(*pack), MAX_RECORDS - records):
            index[key] = record
            records += 1
    return _Scan(index, records, [path for _, path in packs], unread)


def _open_pack(path: Path, version: str) -> tuple[io.FileIO, int, int] | None:
    """The pack at `path` (open), where its first record starts and its size; None when it is not
    a trusted file or its header is not of `version`."""
    try:
        fd = cachefiles.open_untrusted(path)
    except cachefiles.Unusable:
        return None
    if fd is None:
        return None
    pack = io.FileIO(fd, "r")  # closed once no record of it is kept
    try:
        head = os.pread(fd, cachefiles.MAX_HEADER_BYTES, 0)
        start = head.find(b"\n") + 1
        cachefiles.unseal(head[:start], KIND, version)  # the header's own checks (an empty payload follows it)
        return pack, start, os.fstat(fd).st_size
    except (OSError, cachefiles.Unusable, cachefiles.Outdated):
        pack.close()
        return None


def _records(pack: io.FileIO, offset: int, size: int) -> Iterator[tuple[str, Record]]:
    """The records of `pack` from `offset`, up to the first that is misshapen or runs past `size`."""
    try:
        while offset < size:
            line = os.pread(pack.fileno(), MAX_RECORD_HEADER, offset)
            end = line.find(b"\n")
            header = _record_header(line[:end]) if end >= 0 else None
            if header is None:
                return
            key, length, sha256 = header
            start = offset + end + 1
            if start + length > size:
                return
            yield key, Record(pack, start, length, sha256)
            offset = start + length
    except OSError:
        return


def _record_header(line: bytes) -> tuple[str, int, str] | None:
    try:
        header = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not (type(header) is dict and header.keys() == RECORD_FIELDS):
        return None
    key, length, sha256 = header["key"], header["length"], header["sha256"]
    if not (type(key) is str and KEY_RE.fullmatch(key) and type(length) is int and length >= 0
            and type(sha256) is str and SHA256_RE.fullmatch(sha256)):
        return None
    return key, length, sha256


def _record(key: str, payload: bytes) -> bytes:
    header = {"key": key, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    return json.dumps(header).encode("ascii") + b"\n" + payload


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError("nothing written")
        view = view[written:]


def _unlink(path: Path) -> int:
    try:
        os.unlink(path)
        return 1
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


def _mtime(item: os.DirEntry) -> int:
    try:
        return item.stat(follow_symlinks=False).st_mtime_ns
    except OSError:
        return 0


def _older_than(item: os.DirEntry, seconds: float) -> bool:
    try:
        return item.stat(follow_symlinks=False).st_mtime < time.time() - seconds
    except OSError:
        return False


def open_cache(options: BuildOptions, files: dict[str, str]) -> BodyCache:
    """The parse cache of a build into options.out_dir, read only when a built site is there (and then
    indexed here, before any worker is forked); a build into a directory with no site removes it."""
    out_dir = Path(options.out_dir)
    store = DiskStore(cache_path(out_dir), code_version(files), read=(out_dir / MARKER).is_file())
    if store.read:
        store.load()
    else:
        store.clear()
    return BodyCache(store, store.version)


def prune(cache: BodyCache, analysis: Analysis) -> None:
    """After a build: compact the packs into one of the site's meetings' entries, when SLACK or MAX_PACKS is passed."""
    store = cache.store
    if isinstance(store, DiskStore) and store.usable:
        store.prune({body_key(m, analysis.agendas[m.key], analysis.base_url, store.version)
                     for m in analysis.site.meetings})
