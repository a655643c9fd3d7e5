"""The state store: what one build leaves for the next build into the same directory (a warm build).

After each successful build, its analysis (model, agendas, page plans, the problems
found) and the hash of every input file are kept in the user's cache directory,
beside the file-hash cache (`$XDG_CACHE_HOME/protokoll/state-<key>.json`, one per
output directory). The next build into that directory compares the input hashes.
When the generator's code and the options are the same and the site on disk is the
one the state was recorded for, the state is the baseline of the incremental engine
(engine.py): the changed minutes are re-analysed, only the affected pages rendered,
and every other page hard-linked from the current site into the staging directory.
The link check covers the whole site, reusing the last scan of each page that was
linked; the search index is built anew; `--force` ignores the state.
tests/test_warm.py proves the bytes are those of a cold build over a series of edits.

The file is data only, and read as untrusted input (cachefiles.py): JSON after a header
line with its format, format version, generator version and the SHA-256 of the JSON.
It is read back into the dataclasses by datacodec.py, which takes every class from the
annotations in code and checks every value's type and shape; the references the build
follows (agendas, councils, people, page kinds) must resolve. A state of another format
or generator version is not used; any other state that fails a check is not used either,
and the build says so in one line and runs cold. (A state forged with an honest checksum
by someone who can write the user's cache can make pages say false things, as editing
the content can; it cannot run code.) Files of the pickle format before are never read.
tests/test_state_file.py plants such files.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.output.linkcheck import Scans
from generator.output.write import detach_stdio
from generator.pages.analysis import Analysis
from generator.pages.catalog import KINDS
from generator.pages.plan import PagePlan
from generator.shared import builddate, datacodec, outlock
from generator.shared.options import STATIC_DIR, BuildOptions
from generator.shared.problems import Problem, Problems
from generator.shared.urls import MARKER

from . import cachefiles, uptodate
from .affected import Changes
from .engine import Baseline

FORMAT = "protokoll-state"
STATE_FORMAT = 5
"""The version of the file's layout (the scans' encoding, what is stored); VERSION adds the dataclasses' shape."""
REJECTED = ("Den sparade analysen från förra bygget ({path}) är skadad eller inte skriven av protokoll "
            "och används inte; allt byggs från början.")


@dataclass
class BuildState:
    settings: tuple[str | int | bool | None, ...]
    """Options and code version the build ran with; a warm build needs the same."""
    digest: str
    """The build's input fingerprint, as its marker file records it."""
    files: dict[str, str]
    """`<root label>/<path>` -> hash of every input file (uptodate.Inputs.files)."""
    analysis: Analysis
    analysis_problems: list[Problem]
    render_problems: list[Problem]
    """Problems found while rendering pages, kept for the pages a warm build does not render."""
    scans: Scans
    """The link check's scan of every page, reused for the pages not rendered again."""


@dataclass
class LastBuild:
    """The last build's state, and what changed since."""

    state: BuildState
    changes: Changes

    @property
    def baseline(self) -> Baseline:
        return Baseline(self.state.analysis, Problems(list(self.state.analysis_problems)))

    def kept_render_problems(self, plans: list[PagePlan], rendered: set[str]) -> list[Problem]:
        """The last build's rendering problems of the sources whose pages were not rendered again."""
        rendered_owners = {plan.owner for plan in plans if plan.dest_rel in rendered}
        return [p for p in self.state.render_problems if p.rel_path not in rendered_owners]

    def kept_scans(self, plans: list[PagePlan], rendered: set[str]) -> Scans:
        """The last build's link-check scans of the pages that were linked, not rendered."""
        scans = self.state.scans
        return {p.dest_rel: scans[p.dest_rel] for p in plans if p.dest_rel not in rendered and p.dest_rel in scans}


def settings(options: BuildOptions) -> tuple:
    return (STATE_FORMAT, __version__, str(Path(options.content_dir).resolve()), options.base_url, options.search,
            options.strict, str(options.templates_dir), os.environ.get("SOURCE_DATE_EPOCH"), builddate.build_date().isoformat())


def state_path(out_dir: Path) -> Path:
    return cachefiles.cache_dir() / f"state-{cachefiles.out_dir_key(out_dir)}.json"


def load(options: BuildOptions, inputs: uptodate.Inputs) -> LastBuild | None:
    """The last build's state and what changed since, when a warm build can start from it
    (not when the generator's own code changed). A state that fails a check is reported in
    one line on stderr and not used."""
    out_dir = Path(options.out_dir)
    path = state_path(out_dir)
    wait_for_saved(out_dir)
    try:
        state = read(path)  # hundreds of thousands of objects: call with the GC off
    except cachefiles.Outdated:
        return None
    except cachefiles.Unusable:
        print(REJECTED.format(path=path), file=sys.stderr, flush=True)
        return None
    if state is None or state.settings != settings(options):
        return None
    if state.digest != uptodate.recorded_inputs(out_dir / MARKER):
        return None  # the site on disk is not the one this state describes
    found = changes(state.files, inputs.files, Path(options.content_dir))
    return None if found is None else LastBuild(state, found)


def unchanged_baseline(options: BuildOptions) -> Baseline | None:
    """The baseline the last build left, if no input changed since (serve starts from it)."""
    last = load(options, uptodate.check(options).inputs)
    if last is None or last.changes.content or last.changes.templates:
        return None
    return last.baseline


def changes(old: dict[str, str], new: dict[str, str], content_dir: Path) -> Changes | None:
    """What differs between two input listings; None when the generator's own code changed."""
    differ = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    content_root = content_dir.resolve()
    found = Changes(set(), set())
    for key in differ:
        label, rel = key.split("/", 1)
        if label == "generator":
            return None
        if label == "content":
            found.content.add(content_root / rel)
        elif rel.startswith(f"{STATIC_DIR}/"):
            found.static = True
        else:
            found.templates.add(rel)
    return found


class Saver:
    """Writes the state in a forked child, so the build need not wait for it.

    The child holds an exclusive lock on the state while it writes; `load` waits
    for it. The child moves the state into place only when the build says it
    committed (over a pipe); an aborted or vanished build leaves no state behind.
    """

    def __init__(self, out_dir: Path, state: BuildState):
        final = state_path(out_dir)
        self.pipe = -1
        try:
            cachefiles.private_dir()
            lock = os.fdopen(cachefiles.open_private(final.with_suffix(".lock")), "a+b")  # handed over to the child
        except OSError:
            return  # no state this time: the next build is a cold one
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            read_end, write_end = os.pipe()
            pid = os.fork()
        except OSError:
            lock.close()
            return
        if pid == 0:
            os.close(write_end)
            detach_stdio()
            _child(read_end, final, state)
        os.close(read_end)
        lock.close()  # the child's copy keeps the lock until it is done
        self.pipe = write_end
        _CHILDREN.append(pid)

    def commit(self) -> None:
        self._say(b"c")

    def abort(self) -> None:
        self._say(b"a")

    def _say(self, word: bytes) -> None:
        if self.pipe >= 0:
            try:
                os.write(self.pipe, word)
            except OSError:
                pass  # the writer is gone (it could not write the state): the next build is a cold one
            finally:
                os.close(self.pipe)
                self.pipe = -1
        _reap()


_CHILDREN: list[int] = []


def _reap() -> None:
    for pid in list(_CHILDREN):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _CHILDREN.remove(pid)


def _child(read_end: int, final: Path, state: BuildState) -> None:
    """In the forked child: write, then wait for the build's word. Never returns."""
    try:
        payload = encode(state)
        cachefiles.write_atomic(final, cachefiles.seal(FORMAT, VERSION, payload), payload,
                                ready=lambda: os.read(read_end, 1) == b"c")
        final.with_suffix(".pickle").unlink(missing_ok=True)  # the format before: never read
    except BaseException:  # noqa: BLE001 - a child must never return into the build
        pass
    finally:
        os._exit(0)


def wait_for_saved(out_dir: Path) -> None:
    """Block while a build's state for `out_dir` is being written."""
    try:
        with os.fdopen(cachefiles.open_private(state_path(out_dir).with_suffix(".lock")), "a+b") as lock:
            outlock.shared_saying(lock, "Väntar på att förra byggets sparade analys skrivs klart …")
    except OSError:
        pass


# The file: a header line (cachefiles.seal), then the JSON of `_Stored` and of the scans.

_Stored = tuple[tuple[str | int | bool | None, ...], str, dict[str, str], Analysis, list[Problem], list[Problem]]
"""BuildState's fields but the scans, which are stored more compactly (`_encode_scans`)."""
_encode_stored, _decode_stored = datacodec.encoder(_Stored), datacodec.decoder(_Stored)
VERSION = f"{STATE_FORMAT}-{hashlib.sha256(datacodec.describe(_Stored).encode()).hexdigest()[:16]}"
"""The format version in the header: a change to any stored dataclass makes the states before Outdated."""
_SURROGATE_ESCAPE = re.compile(r"\\u[dD]([89a-fA-F])[0-9a-fA-F]{2}")
_LOW_SURROGATE_ESCAPE = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def encode(state: BuildState) -> bytes:
    """The state as ASCII JSON (which json.loads reads faster than UTF-8 with Swedish in it)."""
    stored = (state.settings, state.digest, state.files, state.analysis, state.analysis_problems, state.render_problems)
    text = json.dumps([_encode_stored(stored), _encode_scans(state.scans)], separators=(",", ":"))
    if _has_lone_surrogate(text):
        raise ValueError("a lone surrogate: the state would not be used")
    return text.encode("ascii")


def _has_lone_surrogate(text: str) -> bool:
    """Whether the JSON `text` escapes a surrogate that is not half of a pair (json.dumps writes
    a character outside the BMP as a pair, and a lone surrogate, from a file name that is not
    UTF-8, alone; no page can be written with one)."""
    pos = 0
    while (match := _SURROGATE_ESCAPE.search(text, pos)) is not None:
        start = before = match.start()
        while before and text[before - 1] == "\\":
            before -= 1
        if (start - before) % 2:  # `\\\\udc80`: an escaped backslash, then text
            pos = start + 1
        elif match.group(1) in "89abAB" and _LOW_SURROGATE_ESCAPE.match(text, match.end()):
            pos = match.end() + 6  # a pair
        else:
            return True
    return False


def read(path: Path) -> BuildState | None:
    """The state in `path`; None when there is none. Raises cachefiles.Unusable unless it is a
    state of this format and generator, whole, of the right shape, its references resolving."""
    data = cachefiles.read_untrusted(path)
    if data is None:
        return None
    try:
        text = str(cachefiles.unseal(data, FORMAT, VERSION), "ascii")
        if _has_lone_surrogate(text):
            raise ValueError("a lone surrogate")  # never written, and no page could be written with it
        stored, scans = _pair(json.loads(text))
        state = BuildState(*_decode_stored(stored), _decode_scans(scans))
    except (ValueError, TypeError, RecursionError) as exc:  # datacodec.Invalid is a ValueError
        raise cachefiles.Unusable(str(exc)) from None
    _check_references(state)
    return state


def _encode_scans(scans: Scans) -> list:
    """`[strings, [[page, [id index, ...], [url index, ...]], ...]]`: the ids and URLs of every
    page (the same header and footer links on each) stored once."""
    index: dict[str, int] = {}
    pages = []
    for page, (ids, links) in scans.items():
        pages.append([page, [index.setdefault(i, len(index)) for i in ids], [index.setdefault(url, len(index)) for url in links]])
    return [list(index), pages]


def _decode_scans(data) -> Scans:
    strings, pages = _pair(data)
    _all_of(strings, str)
    _all_of(pages, list)
    scans: Scans = {}
    for page, ids, links in pages:
        _all_of(ids, int)
        _all_of(links, int)
        if type(page) is not str or not _indices(ids, strings) or not _indices(links, strings):
            raise ValueError(f"a malformed scan of {page!r}")
        page_ids = {strings[i] for i in ids}
        scans[page] = (page_ids, [strings[i] for i in links])
        if len(page_ids) != len(ids):
            raise ValueError(f"an id repeated in the scan of {page!r}")
    if len(scans) != len(pages):
        raise ValueError("a page scanned twice")
    return scans


def _pair(data) -> list:
    if type(data) is not list or len(data) != 2:
        raise ValueError("a list of two expected")
    return data


def _all_of(values, kind: type) -> None:
    if type(values) is not list or not set(map(type, values)) <= {kind}:
        raise ValueError(f"a list of {kind.__name__} expected")


def _indices(values: list[int], strings: list[str]) -> bool:
    return not values or (min(values) >= 0 and max(values) < len(strings))


def _check_references(state: BuildState) -> None:
    """Raise cachefiles.Unusable unless every reference the build follows resolves."""
    analysis = state.analysis
    site, sources = analysis.site, analysis.sources
    meetings = site.meetings
    person_ids = {a.person_id for m in meetings for g in m.groups for a in g.attendees}
    person_ids.update(j.person_id for m in meetings for j in m.justerare)
    unknown = [
        ("a meeting without an agenda", {m.key for m in meetings} ^ analysis.agendas.keys()),
        ("an unknown council", {c for m in meetings for c in m.council_ids} - site.councils.keys()),
        ("an unknown person", person_ids - site.people.keys()),
        ("an unknown page kind", {p.kind for p in analysis.plans} - KINDS.keys()),
        ("an input without a root", {key for key in state.files if "/" not in key}),
        ("a misplaced source", {s.content_rel for s in sources.minutes if s.content_rel.count("/") != 2}
         | {s.content_rel for s in sources.attachments if s.content_rel.count("/") != 3}),
    ]
    for what, found in unknown:
        if found:
            raise cachefiles.Unusable(f"{what}: {sorted(found)[0]!r}")
