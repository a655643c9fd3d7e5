"""Section: Protokoll's cold build against Hugo's on the same corpus, alternated (issue 21).

For each size (`BENCH_HUGO_SIZES`, default 4,000 and 10,000 meetings) and
`BENCH_HUGO_PAIRS` pairs (default 3): Protokoll's `build --no-search` into a fresh
output folder with an empty user cache (no file-hash cache, no saved state), then
the Hugo peer (tests/bench/hugo_peer.py) into a fresh output folder with empty
resource and cache folders, then the next pair. Each build is checked: one page per
minutes file, with an attendance table (the peer's output exactly that).

Wall time is until the build command exits. A Protokoll build leaves a forked child
behind that writes its state for the next build; this process is the subreaper of
its descendants, waits for that child (outside the timing, so that it never runs
beside the next Hugo build) and adds its CPU time and peak RSS to the build's.
Peak RSS is the largest of any one process of the tree (wait4's ru_maxrss), not
their sum: forked workers share most of their pages with the parent.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import time
from pathlib import Path

from . import hugo_peer
from .harness import Result, Run, bench_env, build_cmd, ensure_corpus, run_measured, say

PR_SET_CHILD_SUBREAPER = 36
PROTOKOLL = "cold build vs Hugo: Protokoll"
HUGO = "cold build vs Hugo: Hugo"
RATIO = "cold build vs Hugo: ratio"


def bench_vs_hugo(sizes: list[int], pairs: int, work: Path) -> list[Result]:
    results: list[Result] = []
    version = hugo_peer.hugo_version()
    _set_subreaper(True)
    try:
        for meetings in sizes:
            results.extend(_compare(meetings, pairs, work, version))
    finally:
        _set_subreaper(False)
    return results


def _compare(meetings: int, pairs: int, work: Path, version: str) -> list[Result]:
    say(f"\ncold build vs Hugo {version}, {meetings} meetings, {pairs} alternating pairs")
    content = ensure_corpus(meetings)
    peer = hugo_peer.prepare(content, work / f"hugo-peer-{meetings}")
    out, cache = work / f"vs-hugo-site-{meetings}", work / f"vs-hugo-cache-{meetings}"
    ours = Result(PROTOKOLL, meetings, [], [],
                  note="build --no-search, fresh output folder and user cache; CPU and RSS include the state writer")
    theirs = Result(HUGO, meetings, [], [], note=f"Hugo {version}: tests/bench/hugo, fresh output, resources and cache")
    for i in range(pairs):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        run = _protokoll_build(content, out, cache)
        hugo_peer.check_output(content, out, exact=False)
        _add(ours, run)
        peer.clean(out)
        run = run_measured(peer.build_cmd(out))
        pages = hugo_peer.check_output(content, out)
        _add(theirs, run)
        say(f"  pair {i + 1}: Protokoll {ours.runs[-1]:.2f} s, Hugo {theirs.runs[-1]:.2f} s ({pages} meeting pages), "
            f"load {os.getloadavg()[0]:.1f}")
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    ratios = [round(a / b, 3) for a, b in zip(ours.runs, theirs.runs)]
    of_medians = ours.median / theirs.median
    ratio = Result(RATIO, meetings, ratios, [], cpu=[round(a / b, 3) for a, b in zip(ours.cpu, theirs.cpu)],
                   note=f"Protokoll / Hugo per pair (wall; CPU in the CPU column); ratio of the medians {of_medians:.2f}")
    for result in (ours, theirs):
        say(f"  {result.name:<36} {result.median:8.3f} s  (runs {result.runs}, cpu {result.cpu}, "
            f"peak {max(result.peak_rss_mb):.0f} MB)")
    say(f"  {RATIO:<36} {ratio.median:8.2f}×  (pairs {ratios}; of the medians {of_medians:.2f}×)")
    return [ours, theirs, ratio]


def _protokoll_build(content: Path, out: Path, cache: Path) -> Run:
    """A cold build with an empty user cache, and the background work it leaves, reaped."""
    cache.mkdir(parents=True)
    env = bench_env()
    env["XDG_CACHE_HOME"] = str(cache)
    run = run_measured(build_cmd(content, out), env=env)
    cpu, rss = _reap_orphans()
    return Run(run.seconds, max(run.rss_mb, rss), run.cpu + cpu, run.stdout)


def _add(result: Result, run: Run) -> None:
    result.runs.append(round(run.seconds, 3))
    result.cpu.append(round(run.cpu, 3))
    result.peak_rss_mb.append(round(run.rss_mb, 1))


def _set_subreaper(on: bool) -> None:
    """Orphans of the measured builds become this process's children (Linux prctl)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def _reap_orphans() -> tuple[float, float]:
    """Wait for every adopted descendant; (their CPU seconds, their peak RSS MB)."""
    cpu, rss, start = 0.0, 0.0, time.perf_counter()
    while True:
        try:
            _, _, usage = os.wait4(-1, 0)
        except ChildProcessError:
            break
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss / 1024)
    if cpu:
        say(f"    (background work after the build exited: {time.perf_counter() - start:.2f} s, {cpu:.2f} CPU s)")
    return cpu, rss
