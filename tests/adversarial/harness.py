"""Shared helpers for the hostile-input tests: small content trees, an
in-process build, and a scan of the output for anything executable.

A content tree here is the seed site.yaml and councils.yaml plus the minutes
a test writes; the build runs through `generator.cli.main`, exactly as an
editor would run it, with stdout and stderr captured.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.cli import main as cli

REPO = Path(__file__).resolve().parents[2]
SEED_CONTENT = REPO / "content"
SEED_MINUTES = sorted((SEED_CONTENT / "minutes").rglob("*.md"))
FOLKHALSA = "specifika-samverkansradet-folkhalsa"

# `path:line: fel: message`, `path: fel: message` (whole file), warnings too.
PROBLEM_LINE = re.compile(r"^.+?(?::\d+)?: (fel|varning): .+$")
SUMMARY_LINE = re.compile(r"^Bygget avbröts: \d+ fel, \d+ varning(ar)?\. .+ är orörd\.$")

MINIMAL_MEETING = """---
council: {council}
date: {date}
justerare: []
närvaro:
  Ledamöter:
    - Anna Ahnér, Askersunds kommun
---

## 1. Mötets öppnande

Ordföranden öppnade mötet.
"""


def minimal_meeting(council: str = FOLKHALSA, date: str = "2030-01-01", **replace: str) -> str:
    text = MINIMAL_MEETING.format(council=council, date=date)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def make_tree(root: Path, minutes: dict[str, str | bytes] | None = None, *, site: str | bytes | None = None,
              councils: str | bytes | None = None, people: str | bytes | None = None) -> Path:
    """Write a content tree under `root/content`; `minutes` maps paths under minutes/ to text or bytes."""
    content = root / "content"
    (content / "minutes").mkdir(parents=True, exist_ok=True)
    _write(content / "site.yaml", site if site is not None else (SEED_CONTENT / "site.yaml").read_bytes())
    _write(content / "councils.yaml", councils if councils is not None else (SEED_CONTENT / "councils.yaml").read_bytes())
    if people is not None:
        _write(content / "people.yaml", people)
    for rel, data in (minutes or {}).items():
        path = content / "minutes" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, data)
    return content


def _write(path: Path, data: str | bytes) -> None:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def problem_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if PROBLEM_LINE.match(line)]

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ": fel: " in line]


def build(content: Path, out: Path, *extra: str) -> Run:
    """`protokoll build` in-process; relative paths in messages are relative to the cwd."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = cli.main(["build", "--no-search", "--content", str(content), "--out", str(out), *extra])
    return Run(code, stdout.getvalue(), stderr.getvalue())


def build_in(root: Path, *extra: str) -> Run:
    """Build root/content into root/site with root as the working directory, so
    messages name files as `content/minutes/...` exactly as an editor sees them."""
    old = os.getcwd()
    os.chdir(root)
    try:
        return build(Path("content"), Path("site"), *extra)
    finally:
        os.chdir(old)


def assert_clean_failure(run: Run) -> None:
    """A refused build says only `fel:`/`varning:` lines and the summary, and exits 1."""
    assert run.code == 1, run.stderr
    assert run.errors, run.stderr
    assert "Traceback" not in run.stderr
    for line in run.stderr.splitlines():
        assert PROBLEM_LINE.match(line) or SUMMARY_LINE.match(line), f"unexpected output line: {line!r}"


# --- what must never reach a visitor ---------------------------------------------

OWN_SCRIPT_PREFIXES = ("static/", "pagefind/")
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "srcset", "data", "xlink:href", "background", "cite"}


class _Scanner(HTMLParser):
    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            src = values.get("src") or ""
            own = src.startswith(self.base) and src[len(self.base):].startswith(OWN_SCRIPT_PREFIXES)
            if not own:
                self.found.append(f"<script> not from the site's own files: {attrs!r}")
            self._in_script = True
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.found.append(f"<{tag}> element")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"event handler attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRS and value is not None:
                squashed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:text/html", "livescript:")):
                    self.found.append(f"unsafe URL {name}={value!r} on <{tag}>")
            if name == "style":
                self.found.append(f"inline style on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"inline script content {data[:60]!r}")


def unsafe_html(html: str, base: str = "/") -> list[str]:
    scanner = _Scanner(base)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def unsafe_in_site(out: Path, base: str = "/") -> dict[str, list[str]]:
    """Every HTML page of a built site -> what in it could execute."""
    result = {}
    for path in sorted(out.rglob("*.html")):
        found = unsafe_html(path.read_text("utf-8"), base)
        if found:
            result[path.relative_to(out).as_posix()] = found
    return result


def outside_files(root: Path, out: Path) -> list[str]:
    """Anything the build created in `root` besides content/, the out dir and its lock file, or links out of it."""
    stray = [p.name for p in root.iterdir() if p.name not in ("content", out.name, f".{out.name}.lock")]
    if out.exists():
        for path in out.rglob("*"):
            if path.is_symlink() or out.resolve() not in path.resolve().parents:
                stray.append(str(path))
    return stray


def copy_seed(dest: Path) -> Path:
    shutil.copytree(SEED_CONTENT, dest / "content")
    return dest / "content"
