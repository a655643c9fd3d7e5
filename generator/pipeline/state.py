"""The state store: what one build leaves for the next build into the same directory (a warm build).

After each successful build, its analysis (model, agendas, page plans, the problems
found) and the hash of every input file are kept in the user's cache directory,
beside the file-hash cache (`$XDG_CACHE_HOME/protokoll/state-<key>.pickle`, one per
output directory). The next build into that directory compares the input hashes.
When the generator's code and the options are the same and the site on disk is the
one the state was recorded for, the state is the baseline of the incremental engine
(engine.py): the changed minutes are re-analysed, only the affected pages rendered,
and every other page hard-linked from the current site into the staging directory.
The link check covers the whole site, reusing the last scan of each page that was
linked; the search index is built anew; `--force` ignores the state.
tests/test_warm.py proves the bytes are those of a cold build over a series of edits.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.output.linkcheck import Scans
from generator.output.write import detach_stdio
from generator.pages.analysis import Analysis
from generator.pages.plan import PagePlan
from generator.shared import builddate, outlock
from generator.shared.options import STATIC_DIR, BuildOptions
from generator.shared.problems import Problem, Problems
from generator.shared.urls import MARKER

from . import uptodate
from .affected import Changes
from .engine import Baseline

STATE_FORMAT = 3


@dataclass
class BuildState:
    settings: tuple
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
    return uptodate.hash_cache_path(out_dir).with_name(f"state-{uptodate.out_dir_key(out_dir)}.pickle")


def load(options: BuildOptions, inputs: uptodate.Inputs) -> LastBuild | None:
    """The last build's state and what changed since, when a warm build can start from it
    (not when the generator's own code changed)."""
    out_dir = Path(options.out_dir)
    try:
        wait_for_saved(out_dir)
        state = pickle.loads(state_path(out_dir).read_bytes())  # millions of objects: call with the GC off
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(state, BuildState) or state.settings != settings(options):
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
            final.parent.mkdir(parents=True, exist_ok=True)
            lock = open(final.with_suffix(".lock"), "a+b")  # noqa: SIM115 - handed over to the child
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
    tmp = final.with_name(f"{final.name}.tmp-{os.getpid()}")
    try:
        _write(tmp, state)
        if os.read(read_end, 1) == b"c":
            os.replace(tmp, final)
    except BaseException:  # noqa: BLE001 - a child must never return into the build
        pass
    finally:
        tmp.unlink(missing_ok=True)
        os._exit(0)


def wait_for_saved(out_dir: Path) -> None:
    """Block while a build's state for `out_dir` is being written."""
    try:
        with open(state_path(out_dir).with_suffix(".lock"), "a+b") as lock:
            outlock.shared_saying(lock, "Väntar på att förra byggets sparade analys skrivs klart …")
    except OSError:
        pass


def _write(tmp: Path, state: BuildState) -> None:
    with open(tmp, "wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
