"""Output straight into the directory `serve` serves, one file at a time (write + rename)."""

from __future__ import annotations

import os
from pathlib import Path

from .write import _check_rel


class LiveOutput:
    """Writes into the served directory; files whose bytes are unchanged are left alone."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.written: set[str] = set()
        self.changed: list[str] = []
        """dest_rel of every file whose bytes changed or that was removed, in order."""

    def write(self, dest_rel: str, data: bytes) -> None:
        _check_rel(dest_rel)
        target = self.out_dir / dest_rel
        self.written.add(dest_rel)
        try:
            if target.read_bytes() == data:
                return
        except OSError:
            pass
        self.changed.append(dest_rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def remove(self, dest_rel: str) -> None:
        _check_rel(dest_rel)
        target = self.out_dir / dest_rel
        self.changed.append(dest_rel)
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != self.out_dir and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


class BufferedOutput:
    """Files held in memory until `flush`: a batch is rendered whole before any of it is written,
    so that a link error does not leave half its pages new."""

    def __init__(self):
        self.files: dict[str, bytes] = {}

    def write(self, dest_rel: str, data: bytes) -> None:
        self.files[dest_rel] = data

    def copy(self, dest_rel: str, src_path: Path) -> None:
        self.files[dest_rel] = src_path.read_bytes()

    def worker_record(self, dest_rel: str) -> bytes:
        """In a forked worker (shared/parallel.py), after writing `dest_rel`: its bytes, to hand back."""
        return self.files.pop(dest_rel)

    def adopt_record(self, dest_rel: str, data: bytes) -> None:
        self.files[dest_rel] = data

    def flush(self, output: LiveOutput) -> None:
        for dest_rel, data in self.files.items():
            output.write(dest_rel, data)
        self.files = {}
