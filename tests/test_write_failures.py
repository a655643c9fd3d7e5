"""A build that cannot write its output (the disk fills up, the folder is read-only) stops
with a Swedish message naming the file, exit 2 and no traceback, and the last site stays
as it was. The disk "fills up" through a file-size limit on the process (the kernel then
fails the write, as on a full disk: EFBIG rather than ENOSPC, through the same code)."""

from __future__ import annotations

import re
import shutil

import pytest

from .conftest import SEED_CONTENT, build_site, snapshot
from .processes import protokoll

SEED = SEED_CONTENT / "minutes" / "specifika-samverkansradet-social-valfard" / "2022-05-06.md"
FAILED = re.compile(r"^protokoll: fel: kunde inte skriva (\S+) \((.+)\)\. Bygget avbröts; site/ är orörd\. "
                    r"Kontrollera att det finns plats på disken och att du får skriva i mappen\.$")


def _content(root, meetings: int):
    content = shutil.copytree(SEED_CONTENT, root / "content")
    text = SEED.read_text("utf-8")
    for n in range(meetings):
        date = f"{2000 + n // 12}-{n % 12 + 1:02d}-15"
        (content / SEED.parent.relative_to(SEED_CONTENT) / f"{date}.md").write_text(
            text.replace("date: 2022-05-06", f"date: {date}"), "utf-8")
    return content


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_full_disk_stops_the_build_with_a_message_and_the_site_stays(tmp_path, workers):
    content = _content(tmp_path, meetings=200)  # over 300 pages: rendered by two workers when asked
    build_site(content, tmp_path / "site")
    before = snapshot(tmp_path / "site")
    (content / SEED.parent.relative_to(SEED_CONTENT) / "2030-01-15.md").write_text(  # every data file changes
        SEED.read_text("utf-8").replace("date: 2022-05-06", "date: 2030-01-15"), "utf-8")

    run = protokoll(tmp_path, "build", "--no-search", "--content", "content", "--out", "site",
                    max_file_bytes=100_000, env={"PROTOKOLL_WORKERS": workers})

    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    match = FAILED.match(run.stderr.strip().splitlines()[-1])
    assert match, run.stderr
    assert match.group(1).startswith(".site.tmp-") and match.group(2) == "filen blev för stor för filsystemet"
    assert snapshot(tmp_path / "site") == before
    assert not list(tmp_path.glob(".site.tmp-*"))


def test_a_read_only_output_folder_stops_the_build_with_a_message(tmp_path):
    content = _content(tmp_path, meetings=0)
    parent = tmp_path / "skrivskyddad"
    build_site(content, parent / "site")
    before = snapshot(parent / "site")
    parent.chmod(0o555)
    try:
        run = protokoll(parent, "build", "--no-search", "--content", "../content", "--out", "site", "--force",
                        unprivileged=True)
    finally:
        parent.chmod(0o755)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    match = FAILED.match(run.stderr.strip().splitlines()[-1])
    assert match and match.group(2) == "behörighet saknas", run.stderr
    assert snapshot(parent / "site") == before


def test_a_state_that_cannot_be_saved_leaves_a_whole_new_site_and_exit_0(tmp_path):
    """Only the state of a warm build (kept for the next build) is too large to write: the
    site is built and swapped in all the same, with no error."""
    content = _content(tmp_path, meetings=200)
    build_site(content, tmp_path / "site")
    (content / "site.yaml").write_text((content / "site.yaml").read_text("utf-8").replace("title:", "title: Nya"), "utf-8")

    run = protokoll(tmp_path, "build", "--no-search", "--content", "content", "--out", "site", max_file_bytes=100_000)

    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "fel:" not in run.stderr
    assert "<title>Start – Nya " in (tmp_path / "site" / "index.html").read_text("utf-8")
