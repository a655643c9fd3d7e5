"""What a path is, asked before anything is read, and reads that stop at a size limit.

Content comes from editors' folders and git checkouts, so anything may sit in it:
a FIFO blocks a read forever, a device (a symlink to /dev/zero) never ends, a
symlink loop raises where a message belongs. Every reader of content (discovery,
the input fingerprint, attachments) asks `probe` first, opens without blocking,
checks the type again on the open descriptor (the file may have been swapped in
between), and stops reading at a size limit instead of checking the size after.

Kept free of heavy imports: the no-op check of `protokoll build` uses it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass

FILE, DIRECTORY, SPECIAL, LOOP, BROKEN, UNREADABLE, MISSING = (
    "file", "directory", "special", "loop", "broken", "unreadable", "missing")
CHUNK = 1 << 20


@dataclass(frozen=True)
class Probe:
    kind: str
    """FILE, DIRECTORY, SPECIAL (FIFO, device, socket), LOOP, BROKEN (a link to nothing), UNREADABLE or MISSING."""
    is_link: bool = False
    size: int = 0
    what: str = ""
    """For SPECIAL, what it is, in Swedish (`en namngiven rörledning (FIFO)`); for UNREADABLE, why."""


class NotRegularFile(OSError):
    """The path is no regular file (it was swapped for one after it was probed)."""


class TooLarge(OSError):
    def __init__(self, size: int, limit: int):
        super().__init__(f"{size} > {limit} bytes")
        self.size, self.limit = size, limit


def probe(path) -> Probe:
    """What `path` is, following a symlink, without opening it."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return Probe(MISSING)
    except (OSError, ValueError) as exc:
        return Probe(UNREADABLE, what=reason(exc))
    is_link = stat.S_ISLNK(st.st_mode)
    if is_link:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return Probe(BROKEN, True)
        except OSError as exc:
            return Probe(LOOP, True) if exc.errno == errno.ELOOP else Probe(UNREADABLE, True, what=reason(exc))
    if stat.S_ISREG(st.st_mode):
        return Probe(FILE, is_link, st.st_size)
    if stat.S_ISDIR(st.st_mode):
        return Probe(DIRECTORY, is_link)
    return Probe(SPECIAL, is_link, what=special_kind(st.st_mode))


def special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "en namngiven rörledning (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    return "ingen vanlig fil"


def reason(exc: BaseException) -> str:
    """Why an OS call failed, in Swedish."""
    code = getattr(exc, "errno", None)
    known = {
        errno.EACCES: "behörighet saknas", errno.EPERM: "behörighet saknas", errno.EIO: "läsfel på disken",
        errno.ENAMETOOLONG: "namnet är för långt", errno.ELOOP: "symboliska länkar i en slinga",
        errno.ENOSPC: "disken är full", errno.EROFS: "skrivskyddat filsystem", errno.EDQUOT: "diskkvoten är slut",
        errno.EFBIG: "filen blev för stor för filsystemet", errno.ENOENT: "finns inte",
        errno.ENOTDIR: "en del av sökvägen är ingen mapp", errno.EISDIR: "är en mapp",
        errno.EADDRINUSE: "porten används redan", errno.EADDRNOTAVAIL: "adressen finns inte på den här datorn",
    }
    if code in known:
        return known[code]
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _open_regular(path) -> tuple[int, os.stat_result]:
    """An open descriptor of `path`, which must be a regular file; a FIFO does not block the open."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, special_kind(st.st_mode), str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def check_readable(path) -> None:
    """Raise OSError unless `path` can be opened for reading as a regular file."""
    fd, _ = _open_regular(path)
    os.close(fd)


def read_limited(path, limit: int) -> bytes:
    """The bytes of a regular file; TooLarge as soon as more than `limit` bytes have been read."""
    fd, st = _open_regular(path)
    try:
        if st.st_size > limit:
            raise TooLarge(st.st_size, limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(total, limit)
    finally:
        os.close(fd)


def hash_file(path, limit: int) -> str:
    """A hash of a regular file's first `limit` + 1 bytes (a larger file is refused where it is read)."""
    fd, _ = _open_regular(path)
    digest = hashlib.blake2b(digest_size=16)
    try:
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(CHUNK, left))
            if not chunk:
                break
            digest.update(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest()
