"""One build at a time per output folder.

`protokoll build`, and `protokoll serve` for as long as it runs, hold an exclusive
lock (flock) on `.<name>.lock` beside the output folder; not inside it, since each
build swaps the folder for a new one. A second build into the same folder says that
it waits, waits a bounded time (PROTOKOLL_LOCK_WAIT seconds, default 120), then
gives up with a Swedish message (exit 2). The kernel drops the lock with the
process that held it, however that process ended, so a killed build never leaves
the folder locked.

Kept free of heavy imports: the no-op check of `protokoll build` runs under the lock.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

DEFAULT_WAIT_SECONDS = 120.0
POLL_SECONDS = 0.1
_HELD: list[int] = []
"""Descriptors of the locks this process holds (a forked helper lets go of its copies)."""


class OutputLocked(Exception):
    """Another build held the output folder for longer than we would wait."""


def lock_path(out_dir: Path) -> Path:
    out_dir = Path(out_dir).resolve()
    return out_dir.parent / f".{out_dir.name}.lock"


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("PROTOKOLL_LOCK_WAIT", DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


@contextmanager
def exclusive(out_dir: Path, shown: str):
    """Hold the output folder `out_dir` (`shown` as the editor typed it) for the duration.

    Raises OutputLocked after waiting in vain, OSError when the lock file cannot be made
    (the same folder the build would have to write in)."""
    path = lock_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        if not _try_lock(fd):
            wait = wait_seconds()
            print(f"Ett annat bygge till {shown}/ pågår{_holder(fd)}; väntar högst {wait:g} s på att det blir klart …",
                  file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise OutputLocked(
                        f"ett annat bygge till {shown}/ pågår fortfarande{_holder(fd)} efter {wait:g} s väntan. "
                        "Vänta tills det är klart, eller avsluta det (till exempel `protokoll serve` med samma --out), "
                        "och försök sedan igen.")
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _HELD.append(fd)
        yield
    finally:
        if fd in _HELD:
            _HELD.remove(fd)
        os.close(fd)  # releases the lock


def forget_in_child() -> None:
    """In a forked helper that may outlive the build (the state writer, the background delete):
    close the inherited lock descriptors, so the lock ends with the build. Closing a copy never
    releases the lock for the build itself; only the last descriptor does."""
    for fd in _HELD:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


def shared_saying(handle, message: str) -> None:
    """A shared lock on an open file, saying `message` first when it is not free at once
    (the last build's state is still being written: a wait of seconds, never silent)."""
    if not _try_lock(handle.fileno(), fcntl.LOCK_SH):
        print(message, file=sys.stderr, flush=True)
        fcntl.flock(handle, fcntl.LOCK_SH)


def _try_lock(fd: int, kind: int = fcntl.LOCK_EX) -> bool:
    try:
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(fd: int) -> str:
    """` (process 1234)` from the lock file, when the holder wrote its pid there."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
