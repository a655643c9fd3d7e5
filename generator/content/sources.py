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

from generator.shared import files
from generator.shared.problems import Problems

SITE_FILE = "site.yaml"
COUNCILS_FILE = "councils.yaml"
PEOPLE_FILE = "people.yaml"
ORGANISATIONS_FILE = "organisations.yaml"
MINUTES_DIR = "minutes"
MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest minutes or YAML file."""
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
"""Largest attachment (GitHub Pages refuses larger files)."""
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
    organisations: SourceFile | None
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
    """Walk the content directory once; report misplaced, unsafe and unreadable files.

    The type of every entry is probed before anything is read: only regular files
    and folders count, anything else is an error at its path (see files.py)."""
    content_dir = content_dir.resolve()
    top = {name: _top_file(content_dir, name, problems)
           for name in (SITE_FILE, COUNCILS_FILE, PEOPLE_FILE, ORGANISATIONS_FILE)}
    for path, found in _listing(content_dir, problems):
        if path.name not in top and path.name != MINUTES_DIR and found.kind != files.DIRECTORY:
            _usable(content_dir, path, found, problems)  # never read, but a FIFO or a loop is still reported

    minutes: list[SourceFile] = []
    candidates: list[tuple[SourceFile, files.Probe]] = []
    meeting_folders: set[str] = set()
    """`minutes/<folder>/<stem>` of every minutes file, also one whose name is refused (no orphans for a typo)."""
    for path, found, depth in _walk_minutes(content_dir, problems):
        if not _usable(content_dir, path, found, problems):
            continue
        source = _source(content_dir, path)
        is_md = path.name.casefold().endswith(".md")
        if depth == 2 and is_md:
            meeting_folders.add(source.content_rel[: -len(".md")])
            if path.name.endswith(".md"):
                minutes.append(source)
            else:
                problems.error(source.rel_path, 0, "bad-file-name",
                               f"Filändelsen ska vara `.md` med små bokstäver. Döp om filen till `{path.name[:-3]}.md`.")
        elif is_md:
            problems.error(source.rel_path, 0, "misplaced-minutes",
                           "Markdown-filen ligger inte direkt i ett råds mapp och publiceras inte. Ett protokoll ska "
                           "ligga som `minutes/<råd-id>/<ÅÅÅÅ-MM-DD>.md`; flytta filen dit. Är det en bilaga, "
                           "spara den som PDF i mötets bilagemapp.")
        elif depth == 3:
            candidates.append((source, found))
        else:
            problems.warning(
                source.rel_path, 0, "misplaced-file",
                "Filen ligger utanför mönstret `minutes/<råd-id>/<ÅÅÅÅ-MM-DD>.md` "
                "(eller en bilaga i `minutes/<råd-id>/<ÅÅÅÅ-MM-DD>/`) och publiceras inte.",
            )
    attachments = [s for s, found in candidates if _attachment_ok(s, found.size, meeting_folders, problems)]
    return Sources(
        content_dir=content_dir,
        site=top[SITE_FILE],
        councils=top[COUNCILS_FILE],
        people=top[PEOPLE_FILE],
        organisations=top[ORGANISATIONS_FILE],
        minutes=tuple(sorted(minutes, key=lambda s: s.content_rel)),
        attachments=tuple(sorted(attachments, key=lambda s: s.content_rel)),
    )


def _top_file(content_dir: Path, name: str, problems: Problems) -> SourceFile | None:
    path = content_dir / name
    found = files.probe(path)
    if found.kind == files.MISSING:
        if name in (SITE_FILE, COUNCILS_FILE):
            problems.error(display_path(path), 0, "missing-file",
                           f"Filen `{name}` saknas i innehållsmappen. Skapa den (se redaktörshandledningen).")
        return None
    return _source(content_dir, path) if _usable(content_dir, path, found, problems) else None


def _listing(directory: Path, problems: Problems) -> list[tuple[Path, files.Probe]]:
    """The entries of a folder that count, sorted, each probed; an unreadable folder is reported."""
    try:
        with os.scandir(directory) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as exc:
        _unreadable(display_path(directory), files.reason(exc), problems, "Mappen")
        return []
    return [(directory / name, files.probe(directory / name)) for name in names if not is_ignored_name(name)]


def _walk_minutes(content_dir: Path, problems: Problems):
    """(path, probe, depth below minutes/) of every entry that is not a folder being walked into;
    folders are walked only when they are real (not symlinks), in sorted order, iteratively."""
    root = content_dir / MINUTES_DIR
    found = files.probe(root)
    if found.kind == files.MISSING:
        return
    if found.kind != files.DIRECTORY or (found.is_link and not _inside(content_dir, root)):
        yield root, found, 0  # os.walk would follow a link out of content/: publish nothing from outside
        return
    stack = [(root, 0)]
    while stack:
        directory, depth = stack.pop()
        folders = []
        for path, entry in _listing(directory, problems):
            if entry.kind == files.DIRECTORY and not entry.is_link:
                folders.append((path, depth + 1))
            else:
                yield path, entry, depth + 1
        stack.extend(reversed(folders))


def _usable(content_dir: Path, path: Path, found: files.Probe, problems: Problems) -> bool:
    """True for a regular file that may be read; anything else is reported at its path."""
    rel_path = display_path(path)
    if found.kind == files.FILE:
        if found.is_link and not _inside(content_dir, path):
            _outside_link(rel_path, problems)
            return False
        return True
    if found.kind == files.DIRECTORY:  # a linked folder: never followed
        _outside_link(rel_path, problems)
    elif found.kind == files.LOOP:
        problems.error(rel_path, 0, "symlink-loop",
                       "Filen är en symbolisk länk som leder runt i en slinga och pekar aldrig på någon fil. "
                       "Ta bort länken, eller kopiera in filen i stället.")
    elif found.kind == files.BROKEN:
        problems.error(rel_path, 0, "broken-symlink",
                       "Filen är en symbolisk länk till något som inte finns. Ta bort länken, eller kopiera in filen i stället.")
    elif found.kind == files.SPECIAL:
        _special(rel_path, found.what, found.is_link, problems)
    else:
        _unreadable(rel_path, found.what, problems)
    return False


def _attachment_ok(source: SourceFile, size: int, meeting_folders: set[str], problems: Problems) -> bool:
    """An attachment is published byte for byte under the site's own origin: refuse
    file types a browser would run (HTML, SVG, scripts), names a URL cannot carry,
    attachments of no meeting, and files that cannot be read or are too large."""
    folder, name = source.content_rel.rsplit("/", 1)
    suffix = name.rstrip(". ").rsplit(".", 1)[-1].casefold() if "." in name.rstrip(". ") else ""
    if suffix in ACTIVE_SUFFIXES:
        problems.error(source.rel_path, 0, "active-attachment",
                       f"Bilagor av typen .{suffix} publiceras inte, eftersom webbläsaren kan köra kod i dem. "
                       "Spara bilagan som PDF i stället.")
        return False
    bad = UNSAFE_NAME_RE.search(name) or re.search(r"[. ]$", name)
    if bad:
        problems.error(source.rel_path, 0, "bad-attachment-name",
                       f"Filnamnet innehåller tecknet `{bad.group()}`{' sist' if bad.end() == len(name) else ''}, "
                       "som inte fungerar i en webbadress. "
                       "Byt namn på filen; använd bokstäver, siffror, mellanslag, bindestreck och punkt.")
        return False
    if folder not in meeting_folders:
        problems.error(source.rel_path, 0, "orphan-attachment",
                       f"Bilagan ligger i mappen `{folder.rsplit('/', 1)[-1]}/`, men det finns inget protokoll "
                       f"`{folder}.md` som den hör till, så den publiceras inte. Flytta bilagan till mappen "
                       "för rätt möte: samma namn som protokollfilen, utan `.md`.")
        return False
    try:
        if size > MAX_ATTACHMENT_BYTES:
            raise files.TooLarge(size, MAX_ATTACHMENT_BYTES)
        files.check_readable(source.src_path)
    except files.TooLarge as exc:
        _too_large(source, exc, problems)
        return False
    except OSError as exc:
        _unreadable(source.rel_path, files.reason(exc), problems, "Bilagan")
        return False
    return True


def _too_large(source: SourceFile, exc: files.TooLarge, problems: Problems) -> None:
    mb = 1024 * 1024
    hint = ("Dela upp den eller lägg stora delar som bilaga." if exc.limit == MAX_FILE_BYTES
            else "Komprimera bilagan eller dela upp den.")
    problems.error(source.rel_path, 0, "file-too-large",
                   f"Filen är {exc.size / mb:.1f} MB; största tillåtna storlek är {exc.limit // mb} MB. {hint}")


def _special(rel_path: str, what: str, is_link: bool, problems: Problems) -> None:
    what = f"en symbolisk länk till {what}, inte till en vanlig fil" if is_link else f"{what}, ingen vanlig fil"
    problems.error(rel_path, 0, "special-file", f"Det här är {what}, och den läses inte. "
                   "Ta bort den ur innehållsmappen; bara vanliga filer och mappar hör hemma där.")


def _unreadable(rel_path: str, why: str, problems: Problems, what: str = "Filen") -> None:
    folder = what == "Mappen"
    problems.error(rel_path, 0, "unreadable", f"{what} kunde inte läsas ({why}){', så inget i den publiceras' if folder else ''}. "
                   f"Kontrollera att du har läsbehörighet till {'mappen' if folder else 'filen'}.")


def _source(content_dir: Path, path: Path) -> SourceFile:
    rel = path.relative_to(content_dir).as_posix()
    return SourceFile(path, display_path(path), unicodedata.normalize("NFC", rel))


def _inside(content_dir: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(content_dir)
        return True
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop (Python < 3.13)
        return False


def _outside_link(rel_path: str, problems: Problems) -> None:
    problems.error(
        rel_path, 0, "symlink-outside",
        "Filen är en symbolisk länk som pekar utanför innehållsmappen och publiceras inte. "
        "Kopiera in filen i stället.",
    )


def read_text(source: SourceFile, problems: Problems) -> str | None:
    """Decode strictly as UTF-8, drop a BOM, unify line endings, normalise to NFC."""
    try:
        data = files.read_limited(source.src_path, MAX_FILE_BYTES)
    except files.TooLarge as exc:
        _too_large(source, exc, problems)
        return None
    except files.NotRegularFile as exc:  # swapped for one since discover
        _special(source.rel_path, exc.strerror, False, problems)
        return None
    except OSError as exc:
        _unreadable(source.rel_path, files.reason(exc), problems)
        return None
    text = decode(data, source.rel_path, problems)
    return None if text is None else unicodedata.normalize("NFC", text)


def read_attachment(source: SourceFile, problems: Problems) -> bytes | None:
    """An attachment's bytes, or None with the problem reported (it may have changed since discover)."""
    try:
        return files.read_limited(source.src_path, MAX_ATTACHMENT_BYTES)
    except files.TooLarge as exc:
        _too_large(source, exc, problems)
    except OSError as exc:
        _unreadable(source.rel_path, files.reason(exc), problems, "Bilagan")
    return None


UTF16_HINT = "Filen verkar vara UTF-16; spara som UTF-8 (i de flesta redigerare: Spara som … > Kodning: UTF-8)."


def decode(data: bytes, rel_path: str, problems: Problems) -> str | None:
    """Strict UTF-8 with `\n` line ends; UTF-16 (which is valid UTF-8 full of NUL bytes when
    it is mostly ASCII) and a CR inside a line are named as what they are."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        problems.error(rel_path, 0, "not-utf8", UTF16_HINT)
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            rel_path, line, "not-utf8",
            "Filen är inte giltig UTF-8. Spara om den som UTF-8 "
            "(i de flesta redigerare: Spara som … > Kodning: UTF-8).",
        )
        return None
    if "\r" not in text:
        return text
    text = text.replace("\r\n", "\n")
    if "\n" not in text:
        return text.replace("\r", "\n")  # old Mac line ends throughout: every program sees these lines
    lone = text.count("\r")
    if lone:
        # Lines are counted by LF, as git, GitHub and the editor's line numbers do; some programs
        # show a lone CR as a line break, others not at all, so it is refused where it stands.
        others = f" (och {lone - 1} till längre ned)" if lone > 1 else ""
        problems.error(rel_path, text.count("\n", 0, text.find("\r")) + 1, "control-character",
                       f"Raden innehåller ett ensamt CR-tecken (vagnretur, U+000D){others}, som vissa program visar "
                       "som radbrytning och andra inte. Ta bort tecknet, eller gör en vanlig radbrytning.")
        text = text.replace("\r", " ")  # keep reading, with every later line number where the editor sees it
    return text


def _looks_utf16(data: bytes) -> bool:
    """Mostly-ASCII UTF-16 without a BOM: every other byte is NUL."""
    sample = data[:4096]
    if len(sample) < 4 or b"\0" not in sample:
        return False
    half = len(sample) // 2
    return sample[1::2].count(0) > 0.4 * half or sample[0::2].count(0) > 0.4 * half
