"""A build killed at any moment (SIGKILL: no cleanup runs) leaves the previous
site whole, byte for byte, and the next build succeeds.

The content is the seed site plus ~500 synthetic meetings, so that a build
takes long enough to be killed while it renders and writes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.adversarial.harness import REPO, SEED_CONTENT

pytestmark = pytest.mark.slow

SEED = SEED_CONTENT / "minutes" / "specifika-samverkansradet-social-valfard" / "2022-05-06.md"
COUNCIL = "specifika-samverkansradet-social-valfard"
MEETINGS = 250


def _wait_for_staging(root: Path, proc: subprocess.Popen) -> None:
    """Until the build has made its staging directory beside the site, or has ended."""
    while proc.poll() is None and not any(p.name.startswith(".site.tmp-") for p in root.iterdir()):
        time.sleep(0.005)


def _content(root: Path, meetings: int, title_suffix: str = "") -> Path:
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(SEED_CONTENT, content)
    text = SEED.read_text("utf-8")
    start = dt.date(2010, 1, 4)
    for n in range(meetings):
        date = (start + dt.timedelta(days=7 * n)).isoformat()
        page = text.replace("date: 2022-05-06", f"date: {date}")
        if title_suffix:
            page = re.sub(r"(?m)^title: .*$", f"title: Möte {n} {title_suffix}", page, count=1)
        (content / "minutes" / COUNCIL / f"{date}.md").write_text(page, "utf-8")
    return content


def _freeze_generator(root: Path) -> Path:
    """A private copy of generator/ and templates/, so that every build in the
    test runs the same code even while the working tree is being edited."""
    app = root.parent / "app"
    if not app.exists():
        shutil.copytree(REPO / "generator", app / "generator", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(REPO / "templates", app / "templates")
    return app


def _build(root: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--no-search", "--content", "content", "--out", "site", *extra],
        cwd=root, env={**os.environ, "PYTHONPATH": str(_freeze_generator(root))},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_killed_at_random_moments_leaves_the_previous_site_whole(tmp_path):
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    _content(tmp_path, MEETINGS)
    first = _build(tmp_path)
    _, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    before = _snapshot(tmp_path / "site")
    assert len(before) > MEETINGS

    # The next build would change every meeting page. It is timed as a cold build, like the
    # killed ones below (they start from a restored site that the last state does not describe).
    _content(tmp_path, MEETINGS, title_suffix="ändrad")
    timed = _build(tmp_path, "--force")
    started = time.monotonic()
    _, err = timed.communicate(timeout=600)
    duration = time.monotonic() - started
    assert timed.returncode == 0, err
    after = _snapshot(tmp_path / "site")
    assert after != before
    # Put the old site back, exactly as it was, and kill builds of the new content.
    shutil.rmtree(tmp_path / "site")
    for rel, data in before.items():
        (tmp_path / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / rel).write_bytes(data)

    # Kill builds at random moments of their run. How long a run takes depends on the machine's
    # load, so a build that finishes before its kill makes the next delays shorter, until six
    # builds have been killed (or twenty tried, which only a machine that got much faster reaches).
    # Every other build is killed after its staging directory appears (an event, whatever the
    # load): the first at once, the others a random moment later, so that kills fall while it writes.
    rng = random.Random()
    delays, killed, staging_left = [], 0, False
    while killed < 6 and len(delays) < 20:
        writing = len(delays) % 2 == 1
        delay = (0.0 if not staging_left else rng.uniform(0.0, 0.2) * duration) if writing else rng.uniform(0.1, 0.9) * duration
        delays.append(delay)
        proc = _build(tmp_path)
        if writing:
            _wait_for_staging(tmp_path, proc)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.communicate(timeout=600)
        current = _snapshot(tmp_path / "site")
        if proc.returncode == 0:  # finished before the kill: then it is the new site, whole
            assert current == after, f"delay {delay:.2f} s"
            before = after
            duration /= 2
        else:
            assert proc.returncode == -signal.SIGKILL
            # Killed before its atomic swap: the old site; killed in the instant after it: the new site, whole.
            assert current in (before, after), f"site half-changed by a build killed after {delay:.2f} s"
            before = current
            staging_left |= any(p.name.startswith(".site.tmp-") for p in tmp_path.iterdir())
    print(f"killed {killed} builds, after {', '.join(f'{d:.2f}' for d in delays)} s")
    assert killed >= 3, f"every build finished before its kill ({delays})"
    assert staging_left, "a killed build leaves its staging dir (which the next build cleans up)"

    final = _build(tmp_path)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    assert _snapshot(tmp_path / "site") == after
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith((".site.tmp-", ".site.old-"))]
    assert not leftovers, "stale staging dirs are cleaned up"
    # The replaced site is deleted in the background; the bound is only for a failure.
    deadline = time.monotonic() + 300
    while any(p.name.startswith(".site.trash-") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.") and p.name != ".site.lock"]
    assert not leftovers, "the replaced site is deleted (the lock file stays: see outlock.py)"
