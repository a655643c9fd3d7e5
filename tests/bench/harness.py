"""What every benchmark section shares: the measured subprocess, repeated runs, results, corpora.

A section is a module under tests/bench/ with a function that returns a list of
`Result`; tests/bench/run.py calls the sections and prints one table.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
FAST_SECONDS = 10.0
MEETING_GLOB = "*/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*/index.html"
"""The benchmark corpus's meeting pages: `/<council>/<date>[-suffix]/index.html` (shared/urls.py)."""

TARGETS = {
    "cold build, no search": "≤ Hugo: 11–14 s at 10k",
    "no-op rebuild": "≤ 0.5 s",
    "one meeting edited, page on disk (serve)": "≤ 0.2 s (visible in serve)",
    "attendance edited, page on disk (serve)": "≤ 0.2 s (visible in serve)",
    "search index (generator.search)": "≤ Pagefind CLI",
    "search index (Pagefind CLI)": "33–37 s at 10k (issue 9)",
    "misspelling check, 5000 names": "≤ 1 s",
    "cold build vs Hugo: ratio": "≤ 1.5 at 4,000 (issue 21)",
}


@dataclass
class Result:
    name: str
    meetings: int
    runs: list[float]
    peak_rss_mb: list[float]
    cpu: list[float] = field(default_factory=list)
    """User + system CPU seconds of the process and its children; steadier than wall time on a busy machine."""
    note: str = ""
    inner: list[float] = field(default_factory=list)
    """Time measured inside the process, where it differs from wall time (misspelling check)."""

    @property
    def median(self) -> float:
        return statistics.median(self.inner or self.runs)

    @property
    def median_cpu(self) -> float | None:
        """None where only part of a process was timed (no CPU figure of its own)."""
        return statistics.median(self.cpu) if self.cpu else None

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(median_s=round(self.median, 3),
                    median_cpu_s=None if self.median_cpu is None else round(self.median_cpu, 3),
                    peak_rss_mb_max=round(max(self.peak_rss_mb), 1) if self.peak_rss_mb else None,
                    target=TARGETS.get(self.name, ""))
        return data


@dataclass(frozen=True)
class Run:
    """One measured process: wall seconds, peak RSS in MB, CPU seconds (children included), its stdout."""

    seconds: float
    rss_mb: float
    cpu: float
    stdout: str


def run_measured(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` and reap it with wait4: wall time, and peak RSS and CPU of it and the children it waited for."""
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out_file, stderr=err_file, env=env or bench_env())
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read().decode(), err_file.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{err[-3000:]}")
    return Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, out)


def measure(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float, float, str]:
    """`run_measured` as a tuple: (wall s, peak RSS MB, CPU s, stdout)."""
    run = run_measured(cmd, cwd)
    return run.seconds, run.rss_mb, run.cpu, run.stdout


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def repeat(name: str, meetings: int, cmd: list[str], before=None, note: str = "", runs: int | None = None) -> Result:
    """Run `before()` then `cmd`, 3 times (5 when fast); report medians."""
    result = Result(name, meetings, [], [], note=note)
    count = runs or 3
    i = 0
    while i < count:
        if before:
            before(i)
        seconds, rss, cpu, out = measure(cmd)
        result.runs.append(round(seconds, 3))
        result.cpu.append(round(cpu, 3))
        result.peak_rss_mb.append(round(rss, 1))
        if out.strip().startswith("{"):
            result.inner.append(json.loads(out)["seconds"])
        if i == 0 and runs is None and (result.inner or result.runs)[0] < FAST_SECONDS:
            count = 5
        i += 1
    say(f"  {name:<36} {result.median:8.3f} s  (runs {result.inner or result.runs}, cpu {result.cpu}, "
        f"peak {max(result.peak_rss_mb):.0f} MB, load {os.getloadavg()[0]:.1f})")
    return result


def ensure_corpus(meetings: int) -> Path:
    """corpus/content-N, generated when missing (deterministic: the same N gives the same files)."""
    content = ROOT / "corpus" / f"content-{meetings}"
    if not (content / "councils.yaml").is_file():
        say(f"Generating {content.relative_to(ROOT)} …")
        subprocess.run([PY, "-m", "tests.bench.corpus", "--meetings", str(meetings), "--out", str(content)],
                       cwd=ROOT, check=True, env=bench_env())
    return content


def build_cmd(content: Path, out: Path, templates: Path | None = None) -> list[str]:
    """Protokoll's build without the search index."""
    cmd = [PY, "-m", "generator", "build", "--no-search", "--content", str(content), "--out", str(out)]
    return cmd + (["--templates", str(templates)] if templates else [])


def sizes_from_env(name: str, default: str) -> list[int]:
    """`BENCH_SIZES=1000,4000` -> [1000, 4000]; empty means none."""
    return [int(s) for s in os.environ.get(name, default).replace(" ", "").split(",") if s]
