"""A parallel build gives the same bytes as a serial one."""

from __future__ import annotations

from generator.build import BuildOptions, build
from generator.corpus import main as corpus_main

from .conftest import snapshot


def test_parallel_build_gives_the_same_bytes_as_a_serial_build(tmp_path):
    content = tmp_path / "content"
    corpus_main(["--meetings", "150", "--out", str(content)])
    build(BuildOptions(content, tmp_path / "serial", search=False, workers=1))
    parallel = build(BuildOptions(content, tmp_path / "parallel", search=False, workers=2))
    assert parallel.pages >= 300  # enough pages that the parallel path is taken
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")
