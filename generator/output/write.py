"""Atomic, deterministic output.

Pages are written into a staging directory beside the output directory; only
when everything succeeded does the staging directory replace the old site, so
a failed or killed build leaves the previous `site/` whole. A file whose bytes
did not change is hard-linked from the old site, so its mtime stays put for
rsync and CDN sync.
"""

from __future__ import annotations

import os
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.content.sources import display_path
from generator.shared import outlock
from generator.shared.files import reason
from generator.shared.urls import MARKER


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    return renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


class OutputDirError(Exception):
    """The output directory is unusable (not ours, or not a directory)."""


class OutputWriteError(Exception):
    """Writing the new site failed (a full disk, a read-only folder); the old site is untouched."""

    def __init__(self, path: str, reason: str):
        super().__init__(path, reason)  # as args, so that it travels back from a forked worker
        self.path, self.reason = path, reason


@contextmanager
def writing(path: Path):
    """Turn an OSError while writing `path` into an OutputWriteError that names it, in Swedish."""
    try:
        yield
    except OSError as exc:
        raise OutputWriteError(display_path(Path(exc.filename or path)), reason(exc)) from exc


def _check_rel(dest_rel: str) -> None:
    parts = PurePosixPath(dest_rel).parts
    if not parts or dest_rel.startswith("/") or any(p in ("..", ".", "") for p in parts) or "\\" in dest_rel:
        raise ValueError(f"unsafe output path {dest_rel!r}")


def recover(out_dir: Path) -> None:
    """Finish or undo a swap that a killed build left half done; drop stale staging.

    A folder whose build (the pid in its name) is still running is left alone; builds into
    one folder are also kept apart by outlock.py."""
    parent, name = out_dir.parent, out_dir.name
    if not parent.exists():
        return
    for leftover in sorted(parent.glob(f".{name}.old-*")):
        if _owner_alive(leftover):
            continue
        if not out_dir.exists():
            leftover.rename(out_dir)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for stale in [*parent.glob(f".{name}.tmp-*"), *parent.glob(f".{name}.trash-*")]:
        if not _owner_alive(stale):
            shutil.rmtree(stale, ignore_errors=True)


def _owner_alive(path: Path) -> bool:
    """Whether the process whose pid ends the folder's name (`.site.tmp-1234`) is running, other than this one."""
    pid = path.name.rsplit("-", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except PermissionError:
        return True  # running, as another user
    except (ProcessLookupError, OverflowError):
        return False
    return True


def check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputDirError(f"{out_dir} finns men är ingen mapp.")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise OutputDirError(
            f"Mappen {out_dir} finns redan och innehåller filer som Protokoll inte har byggt. "
            "Välj en annan --out, eller töm mappen först; den skrivs aldrig över utan att vara vår."
        )


def detach_stdio() -> None:
    """In a forked helper that may outlive the build: let go of the build's terminal and pipes,
    so that whoever reads the build's output sees it end when the build does, and of the
    output folder's lock, so that the next build need not wait for the helper."""
    outlock.forget_in_child()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def _remove_in_background(directory: Path) -> None:
    """Delete a directory tree in a detached grandchild process (ten thousand files take
    seconds to unlink); if that fails, the next build's `recover` deletes it."""
    try:
        pid = os.fork()
    except OSError:
        shutil.rmtree(directory, ignore_errors=True)
        return
    if pid == 0:
        try:
            if os.fork() == 0:
                detach_stdio()
                shutil.rmtree(directory, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


class StagedOutput:
    """Collects the new site in a staging directory, then swaps it in."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir.resolve()
        check_out_dir(self.out_dir)
        self.staging = self.out_dir.parent / f".{self.out_dir.name}.tmp-{os.getpid()}"
        with writing(self.staging):
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            recover(self.out_dir)
            self.staging.mkdir()
            (self.staging / MARKER).write_bytes(b"")
        self.written: set[str] = set()

    def path(self, dest_rel: str) -> Path:
        _check_rel(dest_rel)
        return self.staging / dest_rel

    def write(self, dest_rel: str, data: bytes) -> None:
        target = self.path(dest_rel)
        with writing(target):
            target.parent.mkdir(parents=True, exist_ok=True)
        old = self.out_dir / dest_rel
        try:
            if old.is_file() and not old.is_symlink() and old.stat().st_size == len(data) and old.read_bytes() == data:
                os.link(old, target)
                self.written.add(dest_rel)
                return
        except OSError:
            pass
        with writing(target):
            target.write_bytes(data)
        self.written.add(dest_rel)

    def copy(self, dest_rel: str, src_path: Path) -> None:
        self.write(dest_rel, src_path.read_bytes())

    def worker_record(self, dest_rel: str) -> None:
        """In a forked worker (shared/parallel.py), after writing `dest_rel`: nothing to hand back, it is on disk."""

    def adopt_record(self, dest_rel: str, record: None) -> None:
        """In the build, for a file a worker wrote."""
        self.written.add(dest_rel)

    def link_unchanged(self, dest_rels) -> set[str]:
        """Hard-link files that are known not to change from the current site (a warm build);
        returns those that are not there as regular files, to be rendered instead."""
        missing, made = set(), set()
        old_root, new_root = str(self.out_dir), str(self.staging)
        for dest_rel in dest_rels:
            _check_rel(dest_rel)
            old, target = f"{old_root}/{dest_rel}", f"{new_root}/{dest_rel}"
            try:
                if not stat.S_ISREG(os.lstat(old).st_mode):
                    raise OSError(f"{old} is not a regular file")
                parent = os.path.dirname(target)
                if parent not in made:
                    os.makedirs(parent, exist_ok=True)
                    made.add(parent)
                os.link(old, target, follow_symlinks=False)
                self.written.add(dest_rel)
            except OSError:
                missing.add(dest_rel)
        return missing

    def commit(self) -> None:
        with writing(self.out_dir):
            self._swap()

    def _swap(self) -> None:
        if self.out_dir.exists() and _exchange(self.staging, self.out_dir):
            trash = self.out_dir.parent / f".{self.out_dir.name}.trash-{os.getpid()}"
            self.staging.rename(trash)  # it now holds the old site
            _remove_in_background(trash)
            return
        old = None
        if self.out_dir.exists():
            old = self.out_dir.parent / f".{self.out_dir.name}.old-{os.getpid()}"
            self.out_dir.rename(old)
        self.staging.rename(self.out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
