"""The dev server (`protokoll serve`) serves only files under the site
directory: every traversal trick gets a 404 and never a byte from outside. It
binds to 127.0.0.1 unless told otherwise and sends `nosniff` on every answer.
"""

from __future__ import annotations

import http.client
import io
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, redirect_stderr
from pathlib import Path

import pytest

from generator.cli import main as cli
from generator.serve.server import LiveState, make_handler
from tests.adversarial.harness import REPO, SEED_CONTENT

SECRET = b"HEMLIGT-INNEHALL"
TRAVERSALS = [
    "/../hemlig.txt", "/%2e%2e/hemlig.txt", "/%2E%2E/hemlig.txt", "/%2e%2e%2fhemlig.txt", "/..%2fhemlig.txt",
    "/..%5chemlig.txt", "/..\\hemlig.txt", "/%5c..%5chemlig.txt", "/static/../../hemlig.txt",
    "/static/%2e%2e/%2e%2e/hemlig.txt", "/%252e%252e/hemlig.txt", "/./../hemlig.txt", "/.%2e/hemlig.txt",
    "//../hemlig.txt", "/personer/../../hemlig.txt", "/%00/../hemlig.txt", "/hemlig.txt%00.html",
    "/ut/hemlig.txt", "/ut-fil.txt", "/.protokoll-site", "/../site.yaml", "/%2e%2e/content/site.yaml",
    "http://127.0.0.1/../hemlig.txt", "/..;/hemlig.txt", "/~/hemlig.txt", "/" + "../" * 20 + "etc/passwd",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("serve-safety")
    out = root / "site"
    with redirect_stderr(io.StringIO()):
        assert cli.main(["build", "--no-search", "--content", str(SEED_CONTENT), "--out", str(out)]) == 0
    (root / "hemlig.txt").write_bytes(SECRET)
    (root / "utanfor").mkdir()
    (root / "utanfor" / "hemlig.txt").write_bytes(SECRET)
    (out / "ut").symlink_to(root / "utanfor")  # links inside the site that lead out of it
    (out / "ut-fil.txt").symlink_to(root / "hemlig.txt")
    return out


@contextmanager
def _server(out: Path, base_url: str = "/"):
    server = __import__("http.server").server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(out, base_url, LiveState()))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _get(port: int, raw_path: str) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", raw_path, skip_accept_encoding=True)  # sent exactly as written
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


@pytest.mark.parametrize("path", TRAVERSALS)
def test_traversal_attempts_get_404_and_nothing_from_outside_the_site(site, path):
    with _server(site) as port:
        status, headers, body = _get(port, path)
    assert status in (400, 404), (path, status)
    assert SECRET not in body and b"root:" not in body
    assert headers.get("x-content-type-options") == "nosniff" or status == 400


@pytest.mark.parametrize("path", ["/sub/../hemlig.txt", "/sub/%2e%2e/hemlig.txt", "/hemlig.txt", "/index.html"])
def test_under_a_base_url_only_that_prefix_is_served(site, path):
    with _server(site, "/sub/") as port:
        status, _, body = _get(port, path)
    assert status == 404 and SECRET not in body


def test_site_files_are_served_with_nosniff(site):
    with _server(site) as port:
        for path in ["/", "/static/style.css", "/specifika-samverkansradet-folkhalsa/2025-03-21/", "/finns-inte/"]:
            status, headers, _ = _get(port, path)
            assert status == (404 if path == "/finns-inte/" else 200), path
            assert headers["x-content-type-options"] == "nosniff"


def test_serve_binds_to_loopback_by_default():
    assert cli.make_parser().parse_args(["serve"]).host == "127.0.0.1"


def test_the_running_server_listens_on_127_0_0_1_only(tmp_path):
    import shutil
    import socket

    shutil.copytree(SEED_CONTENT, tmp_path / "content")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--no-search", "--port", str(port)],
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "Förhandsvisning på" not in line:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
        assert f"Förhandsvisning på http://127.0.0.1:{port}/" in line
        if shutil.which("ss"):  # the socket table: local address of every listener on that port
            rows = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True).stdout.splitlines()
            assert [row.split()[3] for row in rows] == [f"127.0.0.1:{port}"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
