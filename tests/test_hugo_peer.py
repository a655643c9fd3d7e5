"""The benchmark's Hugo peer site (tests/bench/hugo/) renders the same content as Protokoll's
page families: one page per minutes file with its attendance tables, the councils, the home page.

Under CI=true a missing Hugo fails the run (make install-test installs Debian's package);
elsewhere these tests are skipped with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.bench import hugo_peer
from tests.bench.corpus import generate

ROOT = Path(__file__).resolve().parents[1]
ROW = re.compile(r'<tr class="(?:status-[a-z]+|vacant)">')
CAPTION = re.compile(r"<caption>(.+?) <span")


def require_hugo() -> None:
    try:
        hugo_peer.hugo_binary()
    except hugo_peer.PeerError as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(str(missing))
        pytest.skip(str(missing))


def build_peer(content: Path, tmp_path: Path) -> Path:
    require_hugo()
    peer = hugo_peer.prepare(content, tmp_path / "peer")
    out = tmp_path / "hugo-site"
    subprocess.run(peer.build_cmd(out), check=True, capture_output=True)
    return out


def front_matter(minutes: Path) -> dict:
    return yaml.safe_load(minutes.read_text(encoding="utf-8").split("---\n")[1])


def test_peer_renders_each_meeting_with_a_row_per_attendee(tmp_path):
    content = tmp_path / "content"
    generate(content, 5)
    out = build_peer(content, tmp_path)
    assert hugo_peer.check_output(content, out) == 5
    for minutes in sorted((content / "minutes").glob("*/*.md")):
        page = (out / minutes.parent.name / minutes.stem / "index.html").read_text(encoding="utf-8")
        groups = front_matter(minutes)["närvaro"]
        attendance = page[page.index('<section class="attendance"'):]
        assert sorted(CAPTION.findall(attendance)) == sorted(groups)
        assert len(ROW.findall(attendance)) == sum(len(rows) for rows in groups.values())
        assert re.search(r'<h2 id="p(\d+)">(?:§ \1|\1\.) ', page), "an agenda item's heading keeps Protokoll's anchor"


def test_peer_lists_a_joint_meeting_under_each_of_its_councils(tmp_path):
    content = ROOT / "content"
    out = build_peer(content, tmp_path)
    hugo_peer.check_output(content, out)
    joint = [m for m in sorted((content / "minutes").glob("*/*.md")) if isinstance(front_matter(m)["council"], list)]
    assert joint
    for minutes in joint:
        url = f"/{minutes.parent.name}/{minutes.stem}/"
        for council in front_matter(minutes)["council"]:
            assert f'href="{url}"' in (out / council / "index.html").read_text(encoding="utf-8"), council


def test_peer_check_fails_on_a_missing_page_an_extra_file_or_no_attendance_table(tmp_path):
    content = tmp_path / "content"
    generate(content, 5)
    built = build_peer(content, tmp_path)
    first, second = sorted(hugo_peer.meeting_pages(content))[:2]

    missing = tmp_path / "missing"
    shutil.copytree(built, missing)
    (missing / first).unlink()
    with pytest.raises(hugo_peer.PeerError, match=f"no {re.escape(first)}"):
        hugo_peer.check_output(content, missing)

    (missing / first).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(built / first, missing / first)
    (missing / "index.xml").write_text("<rss/>", encoding="utf-8")
    with pytest.raises(hugo_peer.PeerError, match="unexpected index.xml"):
        hugo_peer.check_output(content, missing)
    hugo_peer.check_output(content, missing, exact=False)

    tableless = tmp_path / "tableless"
    shutil.copytree(built, tableless)
    page = tableless / second
    page.write_text(page.read_text(encoding="utf-8").replace(hugo_peer.ATTENDANCE_TABLE, "<table>"), encoding="utf-8")
    with pytest.raises(hugo_peer.PeerError, match="without an attendance table"):
        hugo_peer.check_output(content, tableless)
