"""Builds into one output folder never overlap: the second one waits for the first (saying
so), or gives up with a Swedish message and exit 2, and the site ends whole and correct.
A build's recovery never deletes the staging folder of a build that is still running."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from generator.shared import outlock

from .conftest import ROOT, SEED_CONTENT, build_site, snapshot

SEED = SEED_CONTENT / "minutes" / "specifika-samverkansradet-social-valfard" / "2022-05-06.md"
WAITING = "Ett annat bygge till site/ pågår"


def _content(root: Path, meetings: int = 120) -> Path:
    """The seed site and enough meetings that a build takes a few seconds."""
    content = shutil.copytree(SEED_CONTENT, root / "content")
    text = SEED.read_text("utf-8")
    for n in range(meetings):
        date = f"{2010 + n // 12}-{n % 12 + 1:02d}-15"
        (content / SEED.parent.relative_to(SEED_CONTENT) / f"{date}.md").write_text(
            text.replace("date: 2022-05-06", f"date: {date}"), "utf-8")
    return content


def _build(root: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--no-search", "--content", "content", "--out", "site"],
        cwd=root, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for(predicate, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_two_builds_into_one_folder_at_once_leave_the_site_whole_and_correct(tmp_path):
    root = tmp_path / "work"
    root.mkdir()
    _content(root)
    reference = snapshot(build_site(root / "content", tmp_path / "reference"))

    first = _build(root)
    staging = root / f".site.tmp-{first.pid}"
    _wait_for(lambda: staging.exists() or first.poll() is not None, "the first build to start writing")
    assert first.poll() is None, "the first build ended before the second could start"
    second = _build(root)
    results = [(proc, *proc.communicate(timeout=600)) for proc in (first, second)]

    for proc, _, err in results:
        assert "Traceback" not in err, err
        assert proc.returncode in (0, 2), err
        if proc.returncode == 2:
            assert "protokoll: fel: ett annat bygge till site/ pågår fortfarande" in err, err
    assert first.returncode == 0, results[0][2]
    assert WAITING in results[1][2], "the second build says that it waits"
    assert snapshot(root / "site") == reference
    assert not [p.name for p in root.iterdir() if p.name.startswith((".site.tmp-", ".site.old-"))]


def test_a_build_that_waits_longer_than_its_limit_exits_2_and_writes_nothing(tmp_path):
    root = tmp_path / "work"
    root.mkdir()
    _content(root, meetings=0)
    with outlock.exclusive(root / "site", "site"):  # another build, as far as the kernel can tell
        proc = _build(root, PROTOKOLL_LOCK_WAIT="0.5")
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert WAITING in err and "väntar högst 0.5 s" in err
    assert f"protokoll: fel: ett annat bygge till site/ pågår fortfarande (process {os.getpid()}) efter 0.5 s väntan." in err
    assert "Traceback" not in err
    assert not (root / "site").exists() and not list(root.glob(".site.tmp-*"))


def test_recovery_leaves_the_staging_folder_of_a_live_build_alone(tmp_path):
    root = tmp_path / "work"
    root.mkdir()
    _content(root, meetings=0)
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    live = root / f".site.tmp-{os.getpid()}"  # this test's process: running, and not the build
    stale = root / f".site.tmp-{ended.pid}"
    for staging in (live, stale):
        staging.mkdir()
        (staging / "index.html").write_text("halvfärdig")

    proc = _build(root)
    _, err = proc.communicate(timeout=300)

    assert proc.returncode == 0, err
    assert (live / "index.html").read_text() == "halvfärdig"
    assert not stale.exists()
