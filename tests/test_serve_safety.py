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
from generator.serve.server import LiveState, make_server
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
    server = make_server("127.0.0.1", 0, out, base_url, LiveState())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _get(port: int, raw_path: str, method: str = "GET", host: str | None = None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest(method, raw_path, skip_accept_encoding=True, skip_host=host is not None)  # sent exactly as written
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


@pytest.mark.parametrize("path", TRAVERSALS)
def test_traversal_attempts_get_404_and_nothing_from_outside_the_site(site, path):
    with _server(site) as port:
        status, headers, body = _get(port, path)
    assert status in (400, 403, 404), (path, status)  # 403: an absolute URL names another host (port 80)
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


# --- DNS rebinding, malformed requests, clients that leave ----------------------------------

@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1.nip.io:{port}", "localhost:1",
                                  "localhost.:{port}", "127.0.0.1:{port}@evil.example", "evil.example/127.0.0.1:{port}", ""])
def test_a_request_naming_another_host_is_refused(site, host):
    with _server(site) as port:
        status, _, body = _get(port, "/", host=host.format(port=port))
    assert status == 403, host
    assert "Förhandsvisningen svarar bara på" in body.decode() and b"<html" not in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"])
def test_a_request_naming_this_machine_is_answered(site, host):
    with _server(site) as port:
        status, _, body = _get(port, "/", host=host.format(port=port))
    assert status == 200 and b"__protokoll__/reload.js" in body


MALFORMED = [("HEAD", "/.protokoll-site"), ("GET", "/.protokoll-site"), ("HEAD", "/%00"), ("GET", "/%00"),
             ("HEAD", "/a%00b.html"), ("GET", "/" + "a" * 8000), ("HEAD", "/" + "a" * 8000),
             ("GET", "/" + "a/" * 4000), ("GET", "/%ff%fe%fd"), ("GET", "/" + "%2e%2e/" * 1500),
             ("HEAD", "/static/../../hemlig.txt"), ("GET", "http://[::1/"), ("GET", "*"), ("GET", "/a b")]


@pytest.mark.parametrize(("method", "path"), MALFORMED, ids=lambda v: v[:40])
def test_a_malformed_request_gets_4xx_and_no_traceback(site, capfd, method, path):
    with _server(site) as port:
        sock = _request(port, path, method)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0  # 0: no answer at all
    assert 400 <= status < 500, (method, path[:40], answer[:200])
    assert SECRET not in answer
    assert "Traceback" not in capfd.readouterr().err


def _thread_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def _reset(sock) -> None:
    """Close as a browser that gives up does: at once, with a TCP reset."""
    import socket
    import struct

    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _request(port: int, path: str, method: str = "GET"):
    """A connection on which `METHOD path` was sent exactly as written, with this server as Host."""
    import socket

    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    return sock


def _read_until(sock, marker: bytes) -> None:
    seen = b""
    while marker not in seen:
        chunk = sock.recv(4096)
        assert chunk, "server closed the connection"
        seen = seen[-4096:] + chunk


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc (Linux) to count the server's threads")
def test_fifty_clients_that_leave_mid_stream_leave_no_traceback_in_the_log(tmp_path):
    from tests.test_serve import MEETING, Server, edit, wait_for

    server = Server(tmp_path)
    try:
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        attachment = "chefsgrupp-skola/2026-03-06/stor.pdf"
        staged = tmp_path / "stor.pdf"
        staged.write_bytes(b"%PDF-1.4\n" + b"0" * (8 * 1024 * 1024))
        (server.content / "minutes" / attachment).parent.mkdir()
        os.replace(staged, server.content / "minutes" / attachment)  # whole, in one step
        wait_for(lambda: (server.out / attachment).is_file() and (server.out / attachment).stat().st_size > 8 * 1024 * 1024,
                 timeout=60, what="the large attachment in the site")
        wait_for(lambda: server.get(attachment)[0] == 200, what="the attachment served")
        idle = _thread_count(server.proc.pid)
        streams = [_request(port, "/__protokoll__/events") for _ in range(50)]
        for sock in streams:
            _read_until(sock, b"event: ansluten")
        downloads = [_request(port, "/" + attachment) for _ in range(50)]
        for sock in downloads:
            _read_until(sock, b"%PDF-1.4")  # the answer is under way, eight megabytes to go
        for sock in streams + downloads:
            _reset(sock)
        edit(server.content / MEETING, "hälsar välkomna", "hälsar alla välkomna")  # wakes every stream to write
        wait_for(lambda: "hälsar alla välkomna" in server.page(), timeout=30, what="the rebuild")
        wait_for(lambda: _thread_count(server.proc.pid) <= idle, timeout=60, what="every handler thread to end")
        assert server.get("")[0] == 200  # still serving
    finally:
        server.stop()
    log = "".join(server.log)
    assert "Traceback" not in log and "BrokenPipe" not in log and "ConnectionReset" not in log, log[-3000:]


@pytest.mark.parametrize(("header", "bound", "asked", "answered"), [
    ("min-dator.local:8000", "192.168.1.5", "min-dator.local", True),  # --host by name: that name
    ("192.168.1.5:8000", "192.168.1.5", "192.168.1.5", True),
    ("192.168.1.5:8000", "0.0.0.0", "0.0.0.0", True),  # every interface: any address, which cannot be rebound
    ("[fe80::1]:8000", "0.0.0.0", "0.0.0.0", True),
    ("evil.example:8000", "0.0.0.0", "0.0.0.0", False),  # but never a name
    ("192.168.1.5:8000", "127.0.0.1", "127.0.0.1", False),
    ("localhost:8001", "127.0.0.1", "127.0.0.1", False),
    ("localhost", "127.0.0.1", "127.0.0.1", False),  # port 80 implied
])
def test_the_host_check_follows_where_serve_was_asked_to_listen(header, bound, asked, answered):
    from generator.serve.server import host_allowed

    assert host_allowed(header, bound, 8000, asked) is answered
