"""The Hugo peer of Protokoll's cold build: the site in tests/bench/hugo/, pointed at one corpus.

The peer renders, from the same minutes files, the page families of Protokoll's that
issue 21 compares: a page per meeting (facts, justering, agenda, the body through
goldmark, the attendance tables, justerare, the neighbours in each council), a page
per council (a term of the `council` taxonomy, so that a joint meeting is listed under
each of its councils) and the home page. Nothing is downloaded: no theme, no module.

Hugo reads content and data only through its mounts, and Hugo 0.111 mounts folders, not
single files. `prepare` therefore writes a second config file that mounts the corpus's
minutes/ as Hugo's content folder and the corpus folder itself, limited to its top-level
YAML files (site.yaml, councils.yaml, people.yaml), as Hugo's data folder. Nothing is
copied. `check_output` fails unless every minutes file became exactly one meeting page
with an attendance table, and every council page and the home page were written.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

SITE = Path(__file__).resolve().parent / "hugo"
ATTENDANCE_TABLE = '<table class="attendance-table">'

MOUNTS = """\
# Written by tests/bench/hugo_peer.py: the corpus this build of the peer reads.
resourceDir = {resources}
cacheDir = {cache}

[[module.mounts]]
source = {minutes}
target = "content"

[[module.mounts]]
source = {content}
target = "data"
includeFiles = ["/*.yaml"]
"""


class PeerError(RuntimeError):
    """Hugo is missing, or its output is not the pages it should be."""


def hugo_binary() -> str:
    found = shutil.which("hugo")
    if not found:
        raise PeerError("hugo is not installed: `make hugo` installs Debian's package (apt-get install hugo)")
    return found


def hugo_version() -> str:
    """`hugo v0.111.3+extended linux/amd64 …` -> `0.111.3+extended`."""
    out = subprocess.run([hugo_binary(), "version"], check=True, capture_output=True, text=True).stdout
    return out.split()[1].lstrip("v") if out.startswith("hugo ") else out.strip()


@dataclass(frozen=True)
class HugoPeer:
    """The peer site set up to build one corpus; `work` holds its config, resources and cache."""

    content: Path
    work: Path

    @property
    def config(self) -> Path:
        return self.work / "mounts.toml"

    @property
    def scratch(self) -> tuple[Path, Path]:
        """Hugo's resource and cache folders: removed before each cold build."""
        return self.work / "resources", self.work / "cache"

    def build_cmd(self, out: Path) -> list[str]:
        return [hugo_binary(), "--source", str(SITE), "--config", f"{SITE / 'hugo.toml'},{self.config}",
                "--destination", str(out), "--noBuildLock", "--quiet"]

    def clean(self, out: Path) -> None:
        """Make the next build a cold one: no output, no resources, no cache."""
        for folder in (out, *self.scratch):
            shutil.rmtree(folder, ignore_errors=True)


def prepare(content: Path, work: Path) -> HugoPeer:
    """The peer pointed at the content folder `content` (site.yaml, councils.yaml, minutes/…)."""
    content = content.resolve()
    if not (content / "minutes").is_dir():
        raise PeerError(f"{content} has no minutes/ folder")
    work.mkdir(parents=True, exist_ok=True)
    peer = HugoPeer(content, work.resolve())
    resources, cache = peer.scratch
    peer.config.write_text(MOUNTS.format(resources=_toml(resources), cache=_toml(cache),
                                         minutes=_toml(content / "minutes"), content=_toml(content)),
                           encoding="utf-8")
    return peer


def _toml(path: Path) -> str:
    return json.dumps(str(path))  # a JSON string is a TOML basic string


def meeting_pages(content: Path) -> set[str]:
    """The output path of every minutes file's page: `<council>/<date>/index.html`."""
    return {f"{md.parent.name}/{md.stem}/index.html" for md in (content / "minutes").glob("*/*.md")}


def check_output(content: Path, out: Path, exact: bool = True) -> int:
    """The number of meeting pages in `out`, once it holds one for every minutes file in `content`,
    each with an attendance table, a page per council folder and the home page. `exact`: and no
    other file but the page of a council that only joint meetings name (the peer's output: an RSS
    feed or a sitemap there would mean that its config was not read);
    Protokoll's output has person pages, matrices, feeds and more beside them."""
    expected = meeting_pages(content)
    councils = {f"{page.split('/')[0]}/index.html" for page in expected}
    any_council = {f"{council}/index.html" for council in yaml.safe_load((content / "councils.yaml").read_bytes())}
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    problems = [f"no {page}" for page in sorted((expected | councils | {"index.html"}) - written)]
    if exact:
        problems += [f"unexpected {page}"
                     for page in sorted(written - expected - any_council - {"index.html"})]
    without = [p for p in sorted(expected & written) if ATTENDANCE_TABLE not in (out / p).read_text(encoding="utf-8")]
    if without:
        problems.append(f"{len(without)} meeting pages without an attendance table, e.g. {without[0]}")
    if problems:
        more = f" … ({len(problems)} problems)" if len(problems) > 5 else ""
        raise PeerError(f"{out}, built from {len(expected)} minutes files: " + "; ".join(problems[:5]) + more)
    return len(expected)
