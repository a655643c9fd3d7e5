"""Progress on long work: bars per stage on a terminal (a real pseudo-terminal), nothing but the
summary through pipes or under CI, and counts that add up when the work is done by forked workers."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

from generator.pipeline.build import build
from generator.shared import parallel
from generator.shared.options import BuildOptions
from generator.shared.progress import DELAY_ENV, Progress

from .conftest import ROOT, minutes, write_tree
from .word_fixtures import SEEDS

SUMMARY_RE = re.compile(r"Byggde (\d+) sidor till (\S+)/ på [\d.]+ s \([^)]*\)\.")
DATES = ("2025-01-17", "2025-02-14", "2025-03-21", "2025-04-25")


def tiny_site(root: Path) -> Path:
    return write_tree(root, {f"minutes/ssr-folkhalsa/{date}.md": minutes(date=date) for date in DATES})


def environment(**overrides: str) -> dict[str, str]:
    """This environment without CI, progress shown at once (DELAY_ENV=0), and `overrides`."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    return {**env, "PYTHONPATH": str(ROOT), DELAY_ENV: "0", **overrides}


def on_terminal(cwd: Path, *args: str, env: dict[str, str]) -> tuple[int, str]:
    """`protokoll ARGS` with stdin, stdout and stderr on a pseudo-terminal of 100 columns;
    everything it wrote there, read until it closed the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                               stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    written = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 120)
            assert ready, "the command wrote nothing for two minutes"
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every process holding the terminal has closed it
                break
            if not chunk:
                break
            written += chunk
    finally:
        os.close(master)
    return process.wait(), written.decode("utf-8").replace("\r\n", "\n")


def last_line(terminal: str) -> str:
    """What the terminal shows on its last line: after the final carriage return of it."""
    return terminal.rstrip("\n").split("\n")[-1].split("\r")[-1]


def test_build_on_a_terminal_shows_each_stage_counted_against_its_total_then_only_the_summary(tmp_path):
    tiny_site(tmp_path)
    code, terminal = on_terminal(tmp_path, "build", "--no-search", "--content", "content", "--out", "site",
                                 env=environment())
    assert code == 0, terminal
    summary = SUMMARY_RE.fullmatch(last_line(terminal))
    assert summary, terminal  # the bars have cleared themselves: the summary is what stays
    assert re.search(rf"läs: +\d+% \|[^|]*\| \d+/{len(DATES)} filer", terminal), terminal
    assert re.search(rf"rendera: +\d+% \|[^|]*\| \d+/{summary[1]} sidor", terminal), terminal
    assert "länkar …" in terminal


def test_build_through_pipes_prints_only_the_summary(tmp_path):
    tiny_site(tmp_path)
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--no-search", "--content", "content",
                          "--out", "site"], cwd=tmp_path, env=environment(), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert SUMMARY_RE.fullmatch(run.stderr.rstrip("\n")), run.stderr
    assert "\r" not in run.stderr and run.stdout == ""


def test_build_under_ci_on_a_terminal_prints_only_the_summary(tmp_path):
    tiny_site(tmp_path)
    code, terminal = on_terminal(tmp_path, "build", "--no-search", "--content", "content", "--out", "site",
                                 env=environment(CI="true"))
    assert code == 0, terminal
    assert SUMMARY_RE.fullmatch(terminal.rstrip("\n")), terminal


def test_build_on_a_terminal_that_ends_before_the_delay_prints_only_the_summary(tmp_path):
    tiny_site(tmp_path)
    code, terminal = on_terminal(tmp_path, "build", "--no-search", "--content", "content", "--out", "site",
                                 env=environment(**{DELAY_ENV: "3600"}))
    assert code == 0, terminal
    assert SUMMARY_RE.fullmatch(terminal.rstrip("\n")), terminal


def test_check_on_a_terminal_counts_the_minutes_read_and_their_texts(tmp_path):
    tiny_site(tmp_path)
    code, terminal = on_terminal(tmp_path, "check", "--content", "content", env=environment())
    assert code == 0, terminal
    assert re.search(rf"läs: .*\d+/{len(DATES)} filer", terminal), terminal
    assert re.search(rf"brödtext: .*\d+/{len(DATES)} protokoll", terminal), terminal
    assert last_line(terminal) == "0 fel, 0 varningar."


def test_import_on_a_terminal_counts_the_word_files(tmp_path):
    content = tiny_site(tmp_path)
    builder, _ = SEEDS["000"]
    docx = [builder(tmp_path / "protokoll.docx"), tmp_path / "trasig.docx"]
    docx[1].write_bytes(b"inget Word-dokument")
    code, terminal = on_terminal(tmp_path, "import", "--content", str(content), *map(str, docx),
                                 env=environment())
    assert code == 1, terminal  # the broken file is refused, and counted with the other
    assert re.search(r"importera: .*\d+/2 filer", terminal), terminal
    assert "protokoll.docx: Skrev " in terminal and "trasig.docx: fel:" in terminal


def test_delay_that_is_not_a_number_of_seconds_is_a_usage_error(tmp_path):
    tiny_site(tmp_path)
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--content", "content"], cwd=tmp_path,
                         env=environment(**{DELAY_ENV: "snart"}), capture_output=True, text=True)
    assert run.returncode == 2
    assert f"protokoll: fel: {DELAY_ENV}=snart går inte att använda" in run.stderr


class Recorded:
    """A bar that keeps what it was told."""

    def __init__(self, name: str, total: int | None) -> None:
        self.name, self.total, self.updates, self.closed = name, total, [], False

    def update(self, n: int) -> None:
        self.updates.append(n)

    def close(self) -> None:
        self.closed = True


class Recording(Progress):
    def __init__(self) -> None:
        super().__init__(sys.stderr, 0)
        self.bars: dict[str, Recorded] = {}

    def bar(self, name, total, unit):
        self.bars[name] = Recorded(name, total)
        return self.bars[name]


def test_work_done_in_forked_workers_is_counted_in_the_parent_as_each_share_comes_back(tmp_path, monkeypatch):
    content = tiny_site(tmp_path)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_ITEMS", 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", 5)
    progress = Recording()
    result = build(BuildOptions(content, tmp_path / "site", search=False, workers=2), progress=progress)
    read, rendered = progress.bars["läs"], progress.bars["rendera"]
    assert (read.total, sum(read.updates)) == (len(DATES), len(DATES))
    assert (rendered.total, sum(rendered.updates)) == (result.pages, result.pages)
    assert len(rendered.updates) == 2 * parallel.PROGRESS_SHARES  # one count per share, not one at the end
    assert all(bar.closed for bar in progress.bars.values())
