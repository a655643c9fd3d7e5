"""The warm-build state is untrusted input: planted, damaged or foreign files never run code or
reach a page; the build runs cold (with one line when the file is damaged) and gives a cold
build's bytes."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import stat

import pytest

from generator.content.model import AttendanceGroup, Attendee, Meeting, Site
from generator.pages.analysis import Analysis
from generator.pages.plan import PagePlan
from generator.pipeline import cachefiles, state, uptodate

from .conftest import minutes, snapshot, write_tree

MEETINGS = {f"minutes/ssr-folkhalsa/2025-0{month}-21.md": minutes(date=f"2025-0{month}-21") for month in range(1, 3)}
MEETINGS["minutes/ssr-folkhalsa/2025-03-21.md"] = minutes(  # JSON escapes both; neither is a lone surrogate
    date="2025-03-21", body="## 1. Mötet öppnas\n\nOrdföranden öppnade mötet 🙂 och skrev `\\ud800`.\n")
EDITED = "minutes/ssr-folkhalsa/2025-01-21.md"
REJECTED_START = state.REJECTED.split("{", 1)[0]


class RunsCode:
    """Unpickled, it runs a shell command: what a crafted state file did before."""

    def __init__(self, command: str):
        self.command = command

    def __reduce__(self):
        return os.system, (self.command,)


@pytest.fixture
def site(tmp_path, cli):
    """A tiny site built once (so a state is saved), then edited, so the next build is no no-op."""
    built = Built(tmp_path, cli)
    edited = built.content / EDITED
    edited.write_text(edited.read_text("utf-8").replace("öppnade mötet", "öppnade sammanträdet"), "utf-8")
    return built


class Built:
    def __init__(self, root, cli):
        self.root, self.cli = root, cli
        self.content = write_tree(root, MEETINGS)
        self.out = root / "site"
        self.build()
        self.state_path = state.state_path(self.out)
        assert self.state_path.is_file()

    def build(self, out=None, *args):
        run = self.cli("build", "--no-search", "--content", "content", "--out", str(out or self.out), *args)
        assert run.code == 0, run.err
        assert "Traceback" not in run.err
        state.wait_for_saved(out or self.out)  # the state is written by a child process
        return run

    def payload(self) -> bytes:
        return self.state_path.read_bytes().split(b"\n", 1)[1]

    def write_state(self, data: bytes) -> None:
        self.state_path.write_bytes(data)

    def reseal(self, payload: bytes, kind=state.FORMAT, version=state.VERSION) -> None:
        """`payload` as a state with an honest header (as someone who knows the format would write it)."""
        self.write_state(cachefiles.seal(kind, version, payload) + payload)

    def assert_cold_and_correct(self, run) -> None:
        """The build rendered every page, and its site is byte for byte a cold --force build's."""
        built = run.err.strip().splitlines()[-1]
        assert built.startswith("Byggde ") and "resten var oförändrade" not in built, run.err
        cold = self.root / "cold"
        self.build(cold, "--force")
        assert snapshot(self.out) == snapshot(cold)


def rejected_lines(run) -> list[str]:
    return [line for line in run.err.splitlines() if line.startswith(REJECTED_START)]


def test_an_edit_after_a_build_is_built_warm(site):
    """The control for the tests below: the state the first build left is used."""
    run = site.build()
    assert "resten var oförändrade" in run.err and not rejected_lines(run)


@pytest.mark.parametrize("where", ["pickle", "json"])
def test_a_state_file_that_would_run_code_under_pickle_runs_nothing(site, tmp_path, where):
    probe, marker = tmp_path / "probe", tmp_path / "marker"
    pickle.loads(pickle.dumps(RunsCode(f"touch {probe}")))
    assert probe.exists()  # the payload does run code when unpickled
    planted = site.state_path.with_suffix(".pickle") if where == "pickle" else site.state_path
    planted.write_bytes(pickle.dumps(RunsCode(f"touch {marker}")))

    run = site.build()

    assert not marker.exists()
    if where == "json":  # the file at the state's name is refused: one line, a cold build
        assert len(rejected_lines(run)) == 1, run.err
        site.assert_cold_and_correct(run)
    else:  # the format before is never read, and gone once a new state is written
        assert not rejected_lines(run) and not planted.exists()
        cold = tmp_path / "cold"
        site.build(cold, "--force")
        assert snapshot(site.out) == snapshot(cold)


def test_a_flipped_byte_in_the_state_is_rejected_by_the_checksum(site):
    data = site.state_path.read_bytes()
    assert data.count(b"Anna Ahn") > 1
    site.write_state(data.replace(b"Anna Ahn", b"Anna Bhn", 1))  # still JSON of the right shape

    run = site.build()

    assert len(rejected_lines(run)) == 1, run.err
    site.assert_cold_and_correct(run)
    assert "Anna Bhnér" not in "".join(p.read_text("utf-8") for p in site.out.rglob("*.html"))


def at(cls, name: str) -> int:
    """Where a field is in a stored dataclass (a list of its fields' values, in order)."""
    return [f.name for f in dataclasses.fields(cls)].index(name)


def _analysis(document) -> list:
    return document[0][3]  # the stored fields: settings, digest, files, analysis, ...


def _first_attendee(document) -> list:
    meeting = _analysis(document)[at(Analysis, "site")][at(Site, "meetings")][0]
    return meeting[at(Meeting, "groups")][0][at(AttendanceGroup, "attendees")][0]


def _wrong_type(document):
    _first_attendee(document)[at(Attendee, "line")] = "3"


def _bool_for_int(document):
    _first_attendee(document)[at(Attendee, "line")] = True


def _missing_field(document):
    _first_attendee(document).pop()


def _lone_surrogate(document):
    _first_attendee(document)[at(Attendee, "name")] = "Anna \ud800"


def _no_agenda(document):
    _analysis(document)[at(Analysis, "agendas")].popitem()


def _unknown_person(document):
    _first_attendee(document)[at(Attendee, "person_id")] = "ingen-alls"


def _unknown_kind(document):
    _analysis(document)[at(Analysis, "plans")][0][at(PagePlan, "kind")] = "okänd"


def _first_link(document) -> list:
    _, pages = document[1]  # the scans: [strings, [[page, ids, [offset, url index, ...]], ...]]
    return next(flat for _, _, flat in pages if flat)


def _scan_index_out_of_range(document):
    _first_link(document)[1] = 10**6


def _negative_scan_index(document):
    _first_link(document)[1] = -1


def _not_a_list(document):
    document[:] = [{"stored": document[0]}, document[1]]


@pytest.mark.parametrize("damage", [_wrong_type, _bool_for_int, _missing_field, _lone_surrogate, _no_agenda,
                                    _unknown_person, _unknown_kind, _scan_index_out_of_range, _negative_scan_index,
                                    _not_a_list])
def test_a_state_of_the_wrong_shape_with_an_honest_checksum_is_rejected(site, damage):
    document = json.loads(site.payload())
    damage(document)
    site.reseal(json.dumps(document).encode())

    run = site.build()

    assert len(rejected_lines(run)) == 1, run.err
    site.assert_cold_and_correct(run)


@pytest.mark.parametrize("payload", [b"", b"not json", b"[1, 2, 3]", b"[" * 100_000, b"\xff\xfe[]", b"[[], []]"])
def test_a_sealed_state_that_is_no_state_is_rejected(site, payload):
    site.reseal(payload)
    run = site.build()
    assert len(rejected_lines(run)) == 1, run.err
    site.assert_cold_and_correct(run)


@pytest.mark.parametrize("data", [b"", b"\n", b"{}\n[]", b'{"format": "protokoll-state"}', b"\x00" * 5000,
                                  b'["protokoll-state"]\n[]'])
def test_a_state_without_a_valid_header_is_rejected(site, data):
    site.write_state(data)
    run = site.build()
    assert len(rejected_lines(run)) == 1, run.err
    site.assert_cold_and_correct(run)


def test_a_state_named_as_another_format_is_rejected(site):
    site.reseal(site.payload(), kind="något-annat")
    run = site.build()
    assert len(rejected_lines(run)) == 1, run.err
    site.assert_cold_and_correct(run)


@pytest.mark.parametrize("header", [
    {"version": state.STATE_FORMAT - 1},                       # the layout before
    {"version": f"{state.STATE_FORMAT}-0123456789abcdef"},     # written for other dataclasses
    {"generator": "0.0.1"},
])
def test_a_state_of_another_format_or_generator_version_is_not_used_and_not_reported(site, header):
    payload = site.payload()
    sealed = json.loads(cachefiles.seal(state.FORMAT, state.VERSION, payload))
    site.write_state(json.dumps({**sealed, **header}).encode() + b"\n" + payload)

    run = site.build()

    assert not rejected_lines(run), run.err
    site.assert_cold_and_correct(run)


def test_a_state_that_others_may_write_is_not_trusted(site):
    site.state_path.chmod(0o666)
    run = site.build()
    assert len(rejected_lines(run)) == 1, run.err
    site.assert_cold_and_correct(run)


def test_a_state_that_is_a_symlink_is_not_followed(site, tmp_path):
    real = tmp_path / "elsewhere.json"
    real.write_bytes(site.state_path.read_bytes())
    site.state_path.unlink()
    site.state_path.symlink_to(real)
    run = site.build()
    assert len(rejected_lines(run)) == 1, run.err
    site.assert_cold_and_correct(run)


def test_cache_files_are_private_whatever_the_umask(tmp_path, cli):
    cache = cachefiles.cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    cache.chmod(0o755)  # as the versions before left it
    write_tree(tmp_path, MEETINGS)
    old = os.umask(0)
    try:
        assert cli("build", "--no-search", "--content", "content", "--out", "site").code == 0
        state.wait_for_saved(tmp_path / "site")
    finally:
        os.umask(old)
    out = tmp_path / "site"
    files = [state.state_path(out), state.state_path(out).with_suffix(".lock"), uptodate.hash_cache_path(out)]
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in files} == {path.name: 0o600 for path in files}


@pytest.mark.parametrize("data", [b"not json", b"[]", b'{"files": [], "written_at": 1}',
                                  b'{"files": {}, "written_at": "1"}', b'{"written_at": 99999999999999999999}',
                                  "FILES", b"\xff\xfe", b"[" * 100_000])
def test_a_malformed_hash_cache_is_ignored(site, data):
    path = uptodate.hash_cache_path(site.out)
    if data == "FILES":  # every entry of the wrong shape, the file's own path as key
        cached = json.loads(path.read_bytes())
        shapes = [1, "x", [], [1, 2], ["1", "2", "3"], [True, 2, "h"], {"a": 1}, None, [1, 2, 3]]
        data = json.dumps({"written_at": cached["written_at"], "files": {
            key: shapes[i % len(shapes)] for i, key in enumerate(cached["files"])}}).encode()
    path.write_bytes(data)

    run = site.build()

    assert "resten var oförändrade" in run.err  # the hashes are made again; the state still holds
    cold = site.root / "cold"
    site.build(cold, "--force")
    assert snapshot(site.out) == snapshot(cold)


@pytest.mark.parametrize("change", [{"pages": None}, {"pages": "5"}, {"problems": None}, {"problems": "x"},
                                    {"problems": [[1]]}, {"problems": [["a.md", "1", "fel", "c", "m"]]},
                                    {"problems": "NESTED"}])
def test_a_malformed_record_in_the_site_makes_a_build_not_a_traceback(tmp_path, cli, change):
    built = Built(tmp_path, cli)
    marker = built.out / ".protokoll-site"
    recorded = json.loads(marker.read_text("utf-8"))
    text = json.dumps({**recorded, **change})  # the inputs are the same: nothing changed
    marker.write_text(text.replace('"NESTED"', "[" * 100_000 + "]" * 100_000), "utf-8")

    run = built.build()

    assert "Inget har ändrats" not in run.err
    cold = tmp_path / "cold"
    built.build(cold, "--force")
    assert snapshot(built.out) == snapshot(cold)
