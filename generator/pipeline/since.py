"""`protokoll check --since REF`: justerade minutes never change silently (JO 581-2013).

With git, every minutes file that was justerat at REF (every justerare had a date) is
compared with the working tree. A change is allowed when it comes with a new entry under
`rättelser`; adding `anslagen`, and adding rättelser, are not changes of the minutes. What
counts is the front matter as data (reformatting the YAML or its comments is no change)
and the body as text. A justerat file that was deleted is reported too.
"""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.content import frontmatter
from generator.content.frontmatter import YList, YMap, YNode, YScalar
from generator.shared.problems import Problems
from generator.content.sources import MINUTES_DIR, display_path

UNCHECKED_KEYS = frozenset({"anslagen", "rättelser"})
"""Front matter keys that may change after justering without a rättelse."""
MESSAGE = "Protokollet är justerat. Beskriv ändringen under `rättelser`."


class SinceError(Exception):
    """A usage problem (no git, not a repository, unknown REF); the message is Swedish."""


@dataclass(frozen=True)
class Version:
    """A minutes file as the check sees it."""

    tree: YMap | None
    """The front matter, or None when it cannot be read."""
    body: str
    body_first_line: int
    text: str


def git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError as exc:
        raise SinceError(f"git kunde inte köras ({exc.strerror}). Installera git för att använda --since.") from exc
    if result.returncode != 0:
        raise SinceError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} misslyckades")
    return result.stdout.decode("utf-8", "surrogateescape")


def check(content_dir: Path, ref: str) -> Problems:
    """Problems for every justerat minutes file changed since `ref` without a new rättelse."""
    content_dir = content_dir.resolve()
    try:
        root = Path(git(content_dir, "rev-parse", "--show-toplevel").strip())
    except SinceError as exc:
        raise SinceError(f"innehållsmappen {display_path(content_dir)} ligger inte i ett git-arkiv ({exc}).") from exc
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except SinceError as exc:
        raise SinceError(f"`{ref}` är ingen känd version i git. Hämta den först (git fetch) eller ange en annan.") from exc
    minutes = (content_dir / MINUTES_DIR).relative_to(root.resolve()).as_posix()
    listing = git(root, "diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff", ref, "--", minutes).split("\0")
    problems = Problems()
    fields = iter(f for f in listing if f)
    for status in fields:
        old_path = next(fields)
        new_path = next(fields) if status[0] in "RC" else old_path
        if not _is_minutes(old_path, minutes):
            continue
        old = parse(git(root, "show", f"{ref}:{old_path}"))
        if not justerat(old.tree):
            continue
        if status[0] == "D":
            problems.error(display_path(root / old_path), 1, "justerat-changed",
                           f"{MESSAGE} Ett justerat protokoll tas inte bort: återställ filen.")
            continue
        new_file = root / new_path
        try:
            new = parse(new_file.read_bytes().decode("utf-8", "replace"))
        except OSError:
            continue
        line = changed_line(old, new)
        if line is not None and not new_entries(old.tree, new.tree):
            problems.error(display_path(new_file), line, "justerat-changed", MESSAGE)
        elif _removed_entries(old.tree, new.tree):
            problems.error(display_path(new_file), _key_line(new.tree, "rättelser"), "justerat-changed",
                           f"{MESSAGE} En rättelse har tagits bort; tidigare rättelser ska stå kvar.")
    return problems


def _is_minutes(path: str, minutes: str) -> bool:
    rel = PurePosixPath(path).relative_to(minutes) if path.startswith(minutes + "/") else None
    return rel is not None and len(rel.parts) == 2 and rel.name.endswith(".md")


def parse(text: str) -> Version:
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    ignored = Problems()
    split = frontmatter.split(text, "", ignored)
    if split is None:
        return Version(None, text, 1, text)
    tree = frontmatter.parse_yaml(split.yaml_text, "", ignored, split.yaml_first_line)
    return Version(tree if isinstance(tree, YMap) else None, split.body, split.body_first_line, text)


def justerat(tree: YMap | None) -> bool:
    """Every justerare has a date (a mapping with a non-empty `date`), and there is one."""
    node = tree.get("justerare") if tree else None
    if not isinstance(node, YList) or not node.items:
        return False
    return all(isinstance(j, YMap) and isinstance(j.get("date"), YScalar) and j.get("date").value.strip()
               for j in node.items)


def plain(node: YNode | None):
    """The data of a YAML node, without line numbers."""
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YList):
        return [plain(item) for item in node.items]
    if isinstance(node, YMap):
        return {key: plain(entry.value) for key, entry in node.entries.items()}
    return None


def changed_line(old: Version, new: Version) -> int | None:
    """The first line of `new` where the minutes differ from `old`; None when they do not."""
    if old.tree is None or new.tree is None:
        return None if old.text == new.text else 1
    for key, entry in new.tree.entries.items():
        if key not in UNCHECKED_KEYS and plain(entry.value) != plain(old.tree.get(key)):
            return entry.key_line
    if any(key not in new.tree.entries for key in old.tree.entries if key not in UNCHECKED_KEYS):
        return 1
    old_lines, new_lines = old.body.split("\n"), new.body.split("\n")
    for offset, (before, after) in enumerate(zip(old_lines, new_lines)):
        if before != after:
            return new.body_first_line + offset
    if len(old_lines) != len(new_lines):
        return new.body_first_line + min(len(old_lines), len(new_lines))
    return None


def _entries(tree: YMap | None) -> list:
    value = plain(tree.get("rättelser")) if tree else None
    return value if isinstance(value, list) else []


def new_entries(old: YMap | None, new: YMap | None) -> list:
    before = _entries(old)
    return [entry for entry in _entries(new) if entry not in before]


def _removed_entries(old: YMap | None, new: YMap | None) -> list:
    after = _entries(new)
    return [entry for entry in _entries(old) if entry not in after]


def _key_line(tree: YMap | None, key: str) -> int:
    entry = tree.entries.get(key) if tree else None
    return entry.key_line if entry else 1
