"""The user's cache folder (`$XDG_CACHE_HOME/protokoll`): private when written, untrusted when read.

It holds the file-hash cache (uptodate.py) and the warm-build states (state.py), one of
each per output directory. A CI job may restore the folder from an earlier run, so
nothing read from it is trusted: a file that is no regular file of this user, or that
others may write, is `Unusable`, and a sealed file carries a header with its format,
the format's version, the generator's version and the SHA-256 of its payload, checked
before the payload is parsed. Files are written 0600 in a 0700 folder, under a
temporary name that is renamed into place.

Kept free of heavy imports: the no-op check of `protokoll build` uses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from collections.abc import Callable, Iterable

from generator import __version__

MAX_BYTES = 1 << 30
"""Largest cache file read (a state at 10,000 meetings is about 100 MB)."""
MAX_HEADER_BYTES = 1024


class Unusable(Exception):
    """A cache file that is damaged, or not one this user's builds wrote: never used."""


class Outdated(Exception):
    """A sealed file of another format version or generator version: not used, and no surprise."""


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "protokoll"


def out_dir_key(out_dir: Path) -> str:
    """The part of a cache file's name that says which output directory it is for."""
    return hashlib.blake2b(str(Path(out_dir).resolve()).encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def private_dir() -> Path:
    """The cache folder, created 0700 (or made so: earlier versions left it 0755)."""
    folder = cache_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = os.stat(folder)
    if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) != 0o700:
        os.chmod(folder, 0o700)
    return folder


def open_private(path: Path, flags: int = os.O_RDWR) -> int:
    """A descriptor of `path` in the cache folder, created 0600 if it does not exist (never through a symlink)."""
    return os.open(path, flags | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)


def write_atomic(path: Path, *chunks: bytes, ready: Callable[[], bool] = lambda: True) -> None:
    """Write `path` in the cache folder as a whole: to a private temporary file, renamed into
    place once `ready()` says so (a false answer leaves nothing)."""
    private_dir()
    write_streamed(path, chunks, ready)


def write_streamed(path: Path, chunks: Iterable[bytes], ready: Callable[[], bool] = lambda: True) -> None:
    """`write_atomic` of the chunks an iterable yields, in a folder that exists (none is held whole)."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        with os.fdopen(open_private(tmp, os.O_WRONLY | os.O_EXCL), "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        if ready():
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def open_untrusted(path: Path) -> int | None:
    """A read-only descriptor of a cache file; None when there is none. Unusable when it is no
    regular file, not this user's, writable by others, or larger than MAX_BYTES."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unusable(f"cannot be opened: {exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
            raise Unusable("not a regular file of this user, or writable by others")
        if st.st_size > MAX_BYTES:
            raise Unusable("too large")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_untrusted(path: Path) -> bytes | None:
    """The bytes of a cache file; None when there is none. Unusable as `open_untrusted` says."""
    fd = open_untrusted(path)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(os.fstat(fd).st_size + 1)  # one more: a file that grows meanwhile fails its checks
        except OSError as exc:
            raise Unusable(f"cannot be read: {exc}") from None
    if len(data) > MAX_BYTES:
        raise Unusable("too large")
    return data


def seal(kind: str, version: str, payload: bytes) -> bytes:
    """The header line that `unseal` checks `payload` against."""
    header = {"format": kind, "version": version, "generator": __version__,
              "sha256": hashlib.sha256(payload).hexdigest()}
    return json.dumps(header).encode("ascii") + b"\n"


def unseal(data: bytes, kind: str, version: str) -> memoryview:
    """The payload of a sealed file of format `kind`, `version`, written by this generator version.

    Outdated for another version of either; Unusable for anything that is not such a file
    or whose payload does not have the checksum its header says."""
    end = data.find(b"\n", 0, MAX_HEADER_BYTES)
    if end < 0:
        raise Unusable("no header")
    try:
        header = json.loads(data[:end].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise Unusable("the header is not JSON") from None
    if type(header) is not dict or header.get("format") != kind:
        raise Unusable(f"not a {kind} file")
    if header.get("version") != version or header.get("generator") != __version__:
        raise Outdated(f"format version {header.get('version')!r}, generator {header.get('generator')!r}")
    expected = header.get("sha256")
    payload = memoryview(data)[end + 1:]
    if expected != hashlib.sha256(payload).hexdigest():
        raise Unusable("the checksum does not match")
    return payload
