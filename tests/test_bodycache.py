"""The parse cache: a build that replays cached bodies gives an uncached build's bytes and messages,
never uses a cache of other code, and ignores any entry it cannot trust."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat

import pytest

from generator.content import markdown
from generator.pipeline import bodycache, cachefiles
from generator.pipeline.build import build
from generator.shared import parallel as parallel_module
from generator.shared.options import BuildOptions
from generator.shared.problems import ContentError
from tests.bench.corpus import main as corpus_main

from .conftest import ROOT, SEED_CONTENT, snapshot

SKOLA = "minutes/chefsgrupp-skola/2026-03-06.md"
SOCIAL = "minutes/chefsgrupp-social-valfard/2026-02-06.md"
FORGED = "FÖRFALSKAT-INNEHÅLL"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def parses(monkeypatch):
    """How many bodies markdown-it parsed (builds here are serial, so every parse is in this process)."""
    calls = []
    real = markdown.parse
    monkeypatch.setattr(markdown, "parse", lambda body, rel_path, *args: calls.append(rel_path) or real(body, rel_path, *args))
    return calls


class Sites:
    """The same content built with the parse cache (`--force` into one directory, so every page is
    rendered and every body looked up) and without it (into a new directory each time)."""

    def __init__(self, root):
        self.root = root
        self.content = shutil.copytree(SEED_CONTENT, root / "content")
        self.templates = shutil.copytree(ROOT / "templates", root / "templates")
        self.cached_out = root / "cached"

    def build(self, out, **options):
        """None, or the problems the build failed with."""
        try:
            build(BuildOptions(self.content, out, search=False, templates_dir=self.templates, workers=1, **options))
        except ContentError as exc:
            return exc.problems.format()
        return None

    def step(self, parses, **options) -> int:
        """Build both ways; assert the same bytes (or the same errors); the bodies the cached build parsed."""
        del parses[:]
        cached = self.build(self.cached_out, force=True, **options)
        parsed = len(parses)
        fresh = self.root / "uncached"
        shutil.rmtree(fresh, ignore_errors=True)
        uncached = self.build(fresh, **options)
        assert cached == uncached
        if cached is None:
            assert snapshot(self.cached_out) == snapshot(fresh)
        return parsed


@pytest.fixture
def sites(tmp_path):
    return Sites(tmp_path)


def packs(out) -> list:
    return sorted(p for p in bodycache.cache_path(out).iterdir() if bodycache.PACK_RE.fullmatch(p.name))


def read_pack(path) -> tuple[dict, list[tuple[dict, bytes]]]:
    """A pack's header and its records (each record's header and payload), read as the format says."""
    head, _, rest = path.read_bytes().partition(b"\n")
    records = []
    while rest:
        line, _, rest = rest.partition(b"\n")
        header = json.loads(line)
        records.append((header, rest[:header["length"]]))
        rest = rest[header["length"]:]
    return json.loads(head), records


def write_pack(path, version, records) -> None:
    """A pack of `version` holding `records`: (record header, payload) pairs, written as given."""
    data = cachefiles.seal(bodycache.KIND, version, b"")
    for header, payload in records:
        data += json.dumps(header).encode() + b"\n" + payload
    path.write_bytes(data)


def record(key, payload, sha256=None) -> tuple[dict, bytes]:
    return {"key": key, "length": len(payload), "sha256": sha256 or hashlib.sha256(payload).hexdigest()}, payload


def entries(out) -> int:
    """The entries (one per key) the cache of a build into `out` holds, as the build's own version reads them."""
    (pack, *_) = packs(out)
    return bodycache.DiskStore(bodycache.cache_path(out), read_pack(pack)[0]["version"], read=True).count()


def test_a_cached_parse_build_gives_an_uncached_builds_bytes_over_a_series_of_edits(sites, parses):
    content, templates = sites.content, sites.templates
    edit(content / SOCIAL, "\n## 1.", "\nSe [punkt 3](../chefsgrupp-skola/2026-03-06.md#p3) och "
         "[mötet](../chefsgrupp-skola/2026-03-06.md).\n\n## 1.")
    assert sites.step(parses) == 5                      # the first build parses every body
    assert sites.step(parses) == 0                      # then none
    edit(templates / "meeting.html", '<h2 id="narvaro">Närvaro</h2>', '<h2 id="narvaro">Närvaro vid mötet</h2>')
    assert sites.step(parses) == 0                      # a template change
    edit(content / SKOLA, "hälsar välkomna", "hälsar alla välkomna")
    assert sites.step(parses) == 1                      # a body edit: only that body (links into it still hold)
    edit(content / SKOLA, "\n## 3. ", "\n### ")          # the anchor the other meeting links to is gone
    assert sites.step(parses) == 2
    errors = sites.build(sites.cached_out, force=True)
    assert "Ankaret `#p3` finns inte i `minutes/chefsgrupp-skola/2026-03-06.md`" in errors and SOCIAL in errors
    edit(content / SKOLA, "\n### ", "\n## 3. ")
    assert sites.step(parses) == 2
    assert sites.step(parses, base_url="/protokoll/") == 5   # links are written with the base URL
    assert sites.step(parses, base_url="/protokoll/") == 0
    edit(content / SOCIAL, "\n## 1.", "\n# En rubrik på nivå 1\n\n## 1.")   # a warning, replayed with its line
    assert sites.step(parses) == 1
    assert sites.step(parses) == 0
    edit(content / SOCIAL, "2026-03-06.md)", "2026-03-09.md)")   # a broken link: "did you mean" the nearest date
    assert sites.step(parses) == 1
    assert "Menade du `../chefsgrupp-skola/2026-03-06.md`" in sites.build(sites.cached_out, force=True)
    shutil.copy(content / SKOLA, content / "minutes/chefsgrupp-skola/2026-03-10.md")
    edit(content / "minutes/chefsgrupp-skola/2026-03-10.md", "date: 2026-03-06", "date: 2026-03-10")
    assert sites.step(parses) == 2                      # a nearer file: the hint changes, the link is not its own
    assert "Menade du `../chefsgrupp-skola/2026-03-10.md`" in sites.build(sites.cached_out, force=True)


def test_a_warm_build_after_a_template_change_parses_no_body(sites, parses):
    out = sites.root / "warm"
    assert sites.build(out) is None
    edit(sites.templates / "meeting.html", '<h2 id="narvaro">Närvaro</h2>', '<h2 id="narvaro">Deltagare</h2>')
    del parses[:]
    assert sites.build(out) is None
    assert parses == []
    assert "Deltagare</h2>" in (out / "chefsgrupp-skola/2026-03-06/index.html").read_text(encoding="utf-8")


def test_a_build_into_a_directory_with_no_site_reads_no_cache(sites, parses):
    assert sites.build(sites.cached_out) is None
    shutil.rmtree(sites.cached_out)
    del parses[:]
    assert sites.build(sites.cached_out, force=True) is None
    assert len(parses) == 5
    assert len(packs(sites.cached_out)) == 1            # the old pack is gone: superseded
    assert entries(sites.cached_out) == 5


def test_bodies_rendered_in_forked_workers_reach_the_cache(tmp_path, monkeypatch, parses):
    content = tmp_path / "content"
    corpus_main(["--meetings", "120", "--out", str(content)])
    forks = []
    get_context = parallel_module.multiprocessing.get_context
    monkeypatch.setattr(parallel_module.multiprocessing, "get_context", lambda m: forks.append(m) or get_context(m))
    out = tmp_path / "site"
    result = build(BuildOptions(content, out, search=False, workers=2))
    assert forks and result.pages >= parallel_module.PARALLEL_MIN_PAGES
    assert entries(out) == 120
    # One pack per process that rendered (the two workers; the parent renders none), not a file per body.
    assert sorted(os.listdir(bodycache.cache_path(out))) == [p.name for p in packs(out)] and len(packs(out)) == 2
    assert all(read_pack(p)[1] for p in packs(out))
    parallel_bytes = snapshot(out)
    del parses[:]
    build(BuildOptions(content, out, search=False, workers=1, force=True))
    assert parses == []
    assert snapshot(out) == parallel_bytes


def test_the_cache_is_private_to_the_user(sites):
    bodycache.cache_path(sites.cached_out).mkdir(parents=True, mode=0o755)
    os.chmod(bodycache.cache_path(sites.cached_out), 0o755)
    assert sites.build(sites.cached_out) is None
    assert stat.S_IMODE(os.stat(bodycache.cache_path(sites.cached_out)).st_mode) == 0o700
    assert {stat.S_IMODE(os.stat(p).st_mode) for p in packs(sites.cached_out)} == {0o600}


def test_the_version_covers_the_generators_code_and_the_rendering_libraries(monkeypatch):
    files = {"generator/content/markdown.py": "a", "content/minutes/x.md": "b"}
    version = bodycache.code_version(files)
    assert bodycache.code_version({**files, "content/minutes/x.md": "c"}) == version   # content is not code
    assert bodycache.code_version({**files, "generator/content/markdown.py": "c"}) != version
    assert bodycache.code_version({**files, "generator/pages/new.py": "d"}) != version
    real = bodycache.metadata.version
    monkeypatch.setattr(bodycache.metadata, "version", lambda name: "99.0" if name == "nh3" else real(name))
    assert bodycache.code_version(files) != version


def rewrite(path, change, version=None, checksum=True):
    """Rewrite a pack with `change(entry)` applied to every entry, sealed honestly (for `version`: the
    pack's own) and each record with its length and, unless `checksum` is False, its checksum."""
    header, records = read_pack(path)
    changed = []
    for old, payload in records:
        entry = json.loads(payload)
        change(entry)
        new = json.dumps(entry, ensure_ascii=False).encode()
        changed.append(record(old["key"], new, None if checksum else old["sha256"]))
    write_pack(path, version or header["version"], changed)


def forge(entry):
    entry["html"] = f"<p>{FORGED}</p>"


def test_a_cache_made_by_another_generator_version_is_never_used(sites, parses):
    assert sites.build(sites.cached_out) is None
    (pack,) = packs(sites.cached_out)
    keys = [header["key"] for header, _ in read_pack(pack)[1]]
    rewrite(pack, forge, version="en annan version")
    assert sites.step(parses) == 5
    assert not any(FORGED.encode() in data for data in snapshot(sites.cached_out).values())
    other = bodycache.DiskStore(bodycache.cache_path(sites.cached_out), "en annan version", read=True)
    assert len(packs(sites.cached_out)) == 1 and all(other.get(key) is None for key in keys)


def _truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[:data.index(b"\n") + 200])   # the header whole, the first record cut short


def _garbage(path):
    path.write_bytes(b"\x00\xff" * 300)


def _garbage_after_the_header(path):
    data = path.read_bytes()
    path.write_bytes(data[:data.index(b"\n") + 1] + b"\x00\xff" * 300)


def _bad_checksum(path):
    rewrite(path, forge, checksum=False)


def _misshapen_problem(path):
    rewrite(path, lambda entry: (forge(entry), entry["problems"].append(["x", "ett", "fel", "c", "m"])))


def _another_key(path):
    rewrite(path, lambda entry: (forge(entry), entry.update(key="0" * 40)))


def _deeply_nested(path):
    header, records = read_pack(path)
    write_pack(path, header["version"], [record(old["key"], b"[" * 100_000 + b"]" * 100_000) for old, _ in records])


def _writable_by_others(path):
    rewrite(path, forge)
    os.chmod(path, 0o666)


def _symlink(path):
    rewrite(path, forge)
    target = path.with_name("elsewhere")
    path.rename(target)
    path.symlink_to(target)


def _misshapen_record(change):
    def damage(path):
        rewrite(path, forge)
        header, records = read_pack(path)
        first, payload = records[0]
        change(first)
        write_pack(path, header["version"], [(first, payload), *records[1:]])   # the rest follow it, honest
    damage.__name__ = f"_misshapen_record_{change.__name__}"
    return damage


def _negative(h): h.update(length=-1)
def _a_string(h): h.update(length=str(h["length"]))
def _a_bool(h): h.update(length=True)
def _a_float(h): h.update(length=float(h["length"]))
def _past_the_end(h): h.update(length=10 ** 15)
def _another_field(h): h.update(extra=1)
def _no_sha(h): del h["sha256"]
def _upper_key(h): h.update(key=h["key"].upper())
def _short_sha(h): h.update(sha256=h["sha256"][:63])


@pytest.mark.parametrize("damage", [
    _truncated, _garbage, _garbage_after_the_header, _bad_checksum, _misshapen_problem, _another_key,
    _deeply_nested, _writable_by_others, _symlink,
    *(_misshapen_record(change) for change in (_negative, _a_string, _a_bool, _a_float, _past_the_end,
                                               _another_field, _no_sha, _upper_key, _short_sha))])
def test_a_damaged_or_untrusted_cache_entry_is_ignored(sites, parses, damage):
    assert sites.build(sites.cached_out) is None
    (pack,) = packs(sites.cached_out)
    damage(pack)
    assert sites.step(parses) == 5                      # no traceback: every body rendered again, bytes as uncached
    assert not any(FORGED.encode() in data for data in snapshot(sites.cached_out).values())


def test_a_truncated_last_record_leaves_the_earlier_records_usable(sites, parses):
    assert sites.build(sites.cached_out) is None
    (pack,) = packs(sites.cached_out)
    header, records = read_pack(pack)
    data = pack.read_bytes()
    pack.write_bytes(data[:len(data) - len(records[-1][1]) // 2])   # a process killed while writing it
    assert sites.step(parses) == 1


def test_a_record_whose_length_runs_past_the_end_of_the_file_is_ignored(sites, parses):
    assert sites.build(sites.cached_out) is None
    (pack,) = packs(sites.cached_out)
    header, (*earlier, (last, payload)) = read_pack(pack)
    entry = json.loads(payload)
    forge(entry)
    forged = json.dumps(entry).encode()
    for length in (len(forged) + 1, 10 ** 15):          # its bytes are all there, with their checksum, but no more
        write_pack(pack, header["version"], [*earlier, ({**record(last["key"], forged)[0], "length": length}, forged)])
        assert sites.step(parses) == 1
        assert not any(FORGED.encode() in data for data in snapshot(sites.cached_out).values())
        for written in set(packs(sites.cached_out)) - {pack}:
            written.unlink()


def test_a_forked_process_writes_its_own_pack(tmp_path):
    store = bodycache.DiskStore(tmp_path / "bodies", "v", read=False)
    store.put("a" * 40, {"n": 1})
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        store.put("b" * 40, {"n": 2})
        os._exit(0)
    assert os.waitpid(pid, 0)[1] == 0
    store.put("c" * 40, {"n": 3})
    written = sorted([h["key"] for h, _ in read_pack(p)[1]] for p in (tmp_path / "bodies").iterdir())
    assert written == [["a" * 40, "c" * 40], ["b" * 40]]
    assert bodycache.DiskStore(tmp_path / "bodies", "v", read=True).get("b" * 40) == {"n": 2}


def test_the_cache_keeps_only_the_current_bodies_once_it_outgrows_the_site(sites, monkeypatch):
    skola = sites.content / SKOLA
    assert sites.build(sites.cached_out) is None
    for i in range(3):
        edit(skola, "hälsar", f"hälsar {i}")
        assert sites.build(sites.cached_out) is None
    assert entries(sites.cached_out) == 5 + 3           # within the slack: old bodies are kept
    assert len(packs(sites.cached_out)) == 4            # one pack per build that rendered a body
    old_layout = bodycache.cache_path(sites.cached_out) / ("0" * 40)
    old_layout.write_bytes(b"an entry of the cache's earlier layout, one file per entry")
    monkeypatch.setattr(bodycache, "SLACK", 0)
    edit(skola, "hälsar", "hälsar åter")
    assert sites.build(sites.cached_out) is None
    assert entries(sites.cached_out) == 5
    assert len(packs(sites.cached_out)) == 1 and not old_layout.exists()


def test_more_than_max_packs_are_compacted_into_one_of_the_live_entries(sites, parses):
    skola = sites.content / SKOLA
    assert sites.build(sites.cached_out) is None
    for i in range(bodycache.MAX_PACKS):
        assert len(packs(sites.cached_out)) == i + 1
        edit(skola, "hälsar", f"hälsar {i}")
        assert sites.build(sites.cached_out) is None
    (pack,) = packs(sites.cached_out)
    keys = [header["key"] for header, _ in read_pack(pack)[1]]
    assert len(keys) == len(set(keys)) == 5
    assert sorted(os.listdir(bodycache.cache_path(sites.cached_out))) == [pack.name]
    del parses[:]
    assert sites.build(sites.cached_out, force=True) is None
    assert parses == [] and packs(sites.cached_out) == [pack]


def test_a_build_whose_cache_cannot_be_written_still_succeeds(sites, parses, monkeypatch, tmp_path):
    blocked = tmp_path / "ingen-katalog"
    blocked.write_text("en fil där cachekatalogen skulle ligga", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert sites.step(parses) == 5
    assert sites.step(parses) == 5                      # nothing kept, nothing failed
