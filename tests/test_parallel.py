"""A parallel build gives the same bytes as a serial one (tests/test_warm.py: a warm one too)."""

from __future__ import annotations

from generator.shared import parallel as parallel_module
from generator.pipeline.build import build
from generator.shared.options import BuildOptions
from tests.bench.corpus import main as corpus_main

from .conftest import snapshot


def test_parallel_build_gives_the_same_bytes_as_a_serial_build(tmp_path, monkeypatch):
    content = tmp_path / "content"
    corpus_main(["--meetings", "150", "--out", str(content)])
    monkeypatch.setattr(parallel_module, "PARALLEL_MIN_ITEMS", 100)  # the minutes are read in workers too
    build(BuildOptions(content, tmp_path / "serial", search=False, workers=1))
    parallel = build(BuildOptions(content, tmp_path / "parallel", search=False, workers=2))
    assert parallel.pages >= 300  # enough pages that the parallel path is taken
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")


def test_minutes_read_in_workers_give_the_same_model_and_problems(tmp_path, monkeypatch):
    from generator.content.load import load_site
    from generator.shared.problems import Problems
    from generator.content.sources import discover

    content = tmp_path / "content"
    corpus_main(["--meetings", "60", "--out", str(content)])
    broken = sorted((content / "minutes").glob("*/*.md"))[7]
    broken.write_text(broken.read_text(encoding="utf-8").replace("date:", "datum:", 1), encoding="utf-8")
    monkeypatch.setattr(parallel_module, "PARALLEL_MIN_ITEMS", 10)
    forks = []
    get_context = parallel_module.multiprocessing.get_context
    monkeypatch.setattr(parallel_module.multiprocessing, "get_context", lambda m: forks.append(m) or get_context(m))
    results = []
    for workers in (1, 2):
        problems = Problems()
        site = load_site(discover(content, problems), problems, workers=workers)
        results.append((site, problems.items))
    assert forks == ["fork"]  # the second read was done by workers
    assert results[0] == results[1]
    assert any(p.rel_path.endswith(broken.name) for p in results[0][1])
