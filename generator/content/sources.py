"""Find content files and read them as clean text.

Which files count is decided here and nowhere else: the watcher in `serve`
asks `is_ignored_name` too. Text is decoded as strict UTF-8 (a BOM is
dropped), line endings become `\\n`, and everything is normalised to NFC, file
names included, since macOS hands out NFD.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.shared.problems import Problems

SITE_FILE = "site.yaml"
COUNCILS_FILE = "councils.yaml"
PEOPLE_FILE = "people.yaml"
MINUTES_DIR = "minutes"
MAX_FILE_BYTES = 8 * 1024 * 1024
ACTIVE_SUFFIXES = frozenset({"html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt",
                             "js", "mjs", "wasm", "swf", "mht", "mhtml"})
UNSAFE_NAME_RE = re.compile(r"[\\#?%\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_IGNORED = re.compile(r"(^\.|~$|\.sw[a-p]$|\.swx$|^4913$|^#.*#$|\.tmp$|\.bak$|^Thumbs\.db$)")


def is_ignored_name(name: str) -> bool:
    """Editor swap/backup files, hidden files and OS litter never count."""
    return bool(_IGNORED.search(name))


@dataclass(frozen=True)
class SourceFile:
    src_path: Path
    """Absolute path on disk."""
    rel_path: str
    """Path as shown to the editor in messages (`content/minutes/x/2025-03-21.md`)."""
    content_rel: str
    """POSIX path relative to the content directory, NFC (`minutes/x/2025-03-21.md`)."""


@dataclass(frozen=True)
class Sources:
    content_dir: Path
    site: SourceFile | None
    councils: SourceFile | None
    people: SourceFile | None
    minutes: tuple[SourceFile, ...]
    """Meeting files `minutes/<council-id>/<stem>.md`, sorted by content_rel."""
    attachments: tuple[SourceFile, ...]
    """Files under `minutes/<council-id>/<stem>/`, sorted by content_rel."""


def display_path(path: Path) -> str:
    """The path as the editor would type it: relative to the working directory if possible."""
    try:
        return unicodedata.normalize("NFC", os.path.relpath(path))
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def discover(content_dir: Path, problems: Problems) -> Sources:
    """Walk the content directory once; report misplaced and unsafe files."""
    content_dir = content_dir.resolve()
    top = {}
    for name in (SITE_FILE, COUNCILS_FILE, PEOPLE_FILE):
        path = content_dir / name
        top[name] = _source(content_dir, path) if path.is_file() else None
        if top[name] and path.is_symlink() and not _inside(content_dir, path):
            _unsafe_link(content_dir, path, problems)
            top[name] = None
    for name in (SITE_FILE, COUNCILS_FILE):
        if top[name] is None and not (content_dir / name).is_symlink():
            problems.error(
                display_path(content_dir / name), 0, "missing-file",
                f"Filen `{name}` saknas i innehållsmappen. Skapa den (se redaktörshandledningen).",
            )

    minutes: list[SourceFile] = []
    attachments: list[SourceFile] = []
    minutes_root = content_dir / MINUTES_DIR
    walk = os.walk(minutes_root, followlinks=False)
    if minutes_root.is_symlink() and not _inside(content_dir, minutes_root):
        _unsafe_link(content_dir, minutes_root, problems)  # os.walk would follow it: publish nothing from outside
        walk = iter(())
    for dirpath, dirnames, filenames in walk:
        dirnames[:] = sorted(d for d in dirnames if not is_ignored_name(d))
        base = Path(dirpath)
        for name in list(dirnames):
            if (base / name).is_symlink():
                dirnames.remove(name)
                _unsafe_link(content_dir, base / name, problems)
        for name in sorted(filenames):
            if is_ignored_name(name):
                continue
            path = base / name
            if path.is_symlink() and not _inside(content_dir, path):
                _unsafe_link(content_dir, path, problems)
                continue
            source = _source(content_dir, path)
            depth = len(Path(source.content_rel).parts)
            if depth == 3 and name.endswith(".md"):
                minutes.append(source)
            elif depth == 4:
                if _attachment_ok(source, problems):
                    attachments.append(source)
            else:
                problems.warning(
                    source.rel_path, 0, "misplaced-file",
                    "Filen ligger utanför mönstret `minutes/<råd-id>/<ÅÅÅÅ-MM-DD>.md` "
                    "(eller en bilaga i `minutes/<råd-id>/<ÅÅÅÅ-MM-DD>/`) och publiceras inte.",
                )
    return Sources(
        content_dir=content_dir,
        site=top[SITE_FILE],
        councils=top[COUNCILS_FILE],
        people=top[PEOPLE_FILE],
        minutes=tuple(sorted(minutes, key=lambda s: s.content_rel)),
        attachments=tuple(sorted(attachments, key=lambda s: s.content_rel)),
    )


def _attachment_ok(source: SourceFile, problems: Problems) -> bool:
    """An attachment is published byte for byte under the site's own origin: refuse
    file types a browser would run (HTML, SVG, scripts) and names a URL cannot carry."""
    name = source.content_rel.rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    if suffix in ACTIVE_SUFFIXES:
        problems.error(source.rel_path, 0, "active-attachment",
                       f"Bilagor av typen .{suffix} publiceras inte, eftersom webbläsaren kan köra kod i dem. "
                       "Spara bilagan som PDF i stället.")
        return False
    bad = UNSAFE_NAME_RE.search(name)
    if bad:
        problems.error(source.rel_path, 0, "bad-attachment-name",
                       f"Filnamnet innehåller tecknet `{bad.group()}`, som inte fungerar i en webbadress. "
                       "Byt namn på filen; använd bokstäver, siffror, mellanslag, bindestreck och punkt.")
        return False
    return True


def _source(content_dir: Path, path: Path) -> SourceFile:
    rel = path.relative_to(content_dir).as_posix()
    return SourceFile(path, display_path(path), unicodedata.normalize("NFC", rel))


def _inside(content_dir: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(content_dir)
        return True
    except ValueError:
        return False


def _unsafe_link(content_dir: Path, path: Path, problems: Problems) -> None:
    if _inside(content_dir, path) and path.is_file():
        return
    problems.error(
        display_path(path), 0, "symlink-outside",
        "Filen är en symbolisk länk som pekar utanför innehållsmappen och publiceras inte. "
        "Kopiera in filen i stället.",
    )


def read_text(source: SourceFile, problems: Problems) -> str | None:
    """Decode strictly as UTF-8, drop a BOM, unify line endings, normalise to NFC."""
    try:
        size = source.src_path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(
                source.rel_path, 0, "file-too-large",
                f"Filen är {size / (1024 * 1024):.1f} MB; största tillåtna storlek är "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Dela upp den eller lägg stora delar som bilaga.",
            )
            return None
        data = source.src_path.read_bytes()
    except OSError as exc:
        problems.error(source.rel_path, 0, "unreadable", f"Filen kunde inte läsas ({exc.strerror}).")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            source.rel_path, line, "not-utf8",
            "Filen är inte giltig UTF-8. Spara om den som UTF-8 "
            "(i de flesta redigerare: Spara som … > Kodning: UTF-8).",
        )
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
