"""`protokoll` as a real process, for the tests where a hang, a memory blow-up or the
permissions of the process itself are the point: under a timeout and a memory limit,
optionally with a file-size limit (a write fails as on a full disk), and optionally
unprivileged. Run as root (as in CI), "unprivileged" drops the two capabilities that let
root read and write anything (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the process, so
`chmod 000` and a read-only folder bite for real."""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _limits(unprivileged: bool, max_file_bytes: int | None):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # reading /dev/zero must fail, not swap
        if max_file_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
        if unprivileged and os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
                if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                    raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_* for an unprivileged run")
    return apply


def protokoll(cwd: Path, *args: str, unprivileged: bool = False, max_file_bytes: int | None = None,
              env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True, text=True, timeout=timeout, preexec_fn=_limits(unprivileged, max_file_bytes),
    )
