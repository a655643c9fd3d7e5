"""The preview's HTTP side: serve the site directory (and nothing else) to this machine only,
with the live-reload script and the error banner in every page, and reload events over SSE.

- Only files under the site directory are served; every malformed or traversing path is a 4xx.
- Only requests whose Host is a loopback name (or the bound address) are answered, so a page
  elsewhere cannot read the preview through DNS rebinding.
- A client that leaves mid-answer is no error: nothing is printed.
"""

from __future__ import annotations

import html
import http.server
import ipaddress
import json
import os
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEV_PREFIX = "/__protokoll__/"
RELOAD_JS = """\
(function () {
  var source = new EventSource("/__protokoll__/events");
  var root = document.documentElement;
  // The data attributes say what this tab has heard, so that a test can wait for it.
  source.addEventListener("ansluten", function () { root.dataset.protokollAnsluten = "1"; });
  source.addEventListener("reload", function (event) {
    var data = JSON.parse(event.data);
    var here = decodeURIComponent(window.location.pathname).replace(/index\\.html$/, "");
    if (data.urls === null || data.urls.indexOf(here) !== -1) { window.location.reload(); return; }
    root.dataset.protokollGeneration = String(data.generation);
  });
})();
"""
DEV_CSS = """\
#protokoll-fel { background: #fff1f0; color: #5c0000; border-bottom: 4px solid #b00020; padding: 1rem; font: 15px/1.5 system-ui, sans-serif; }
#protokoll-fel pre { white-space: pre-wrap; margin: 0.5rem 0 0; font: 14px/1.5 ui-monospace, monospace; }
"""


class LiveState:
    """What the HTTP handlers need to know about the latest rebuild."""

    def __init__(self) -> None:
        self.generation = 0
        self.error_lines: list[str] = []
        self.urls: list[str] | None = None
        """URLs whose pages changed in the latest generation; None: every page (reload all tabs)."""
        self.changed = threading.Condition()

    def publish(self, error_lines: list[str], urls: list[str] | None = None) -> None:
        with self.changed:
            if self.error_lines or error_lines:
                urls = None  # the error banner comes or goes on every page
            self.error_lines, self.urls = error_lines, urls
            self.generation += 1
            self.changed.notify_all()


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})


def host_allowed(header: str | None, bound_host: str, port: int, asked_host: str = "") -> bool:
    """Whether a request's Host names this server, with its port: a loopback name, the bound
    address, or the name it was asked to listen on (`--host`).

    A page on another site that re-points its DNS name at 127.0.0.1 (DNS rebinding) sends its
    own name as Host, so it is refused. Bound to every interface, any IP address is accepted
    (an address cannot be rebound)."""
    try:
        parts = urlsplit("//" + (header or ""))
        name, given = parts.hostname, parts.port or 80
    except ValueError:
        return False
    if not name or parts.netloc != header or parts.username is not None or given != port:
        return False
    if name in LOOPBACK_NAMES or name in (bound_host.lower(), asked_host.lower().strip("[]")):
        return True
    if bound_host in WILDCARD_HOSTS:
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


class PreviewServer(http.server.ThreadingHTTPServer):
    """The preview's HTTP server: a client that leaves mid-answer (a reloaded tab) is no error."""

    daemon_threads = True
    asked_host = ""
    """The address or name given with `--host`."""

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):  # BrokenPipe, ConnectionReset, ...
            return
        print(f"Oväntat fel i förhandsvisningen när {client_address[0]} fick svar: {exc!r}", file=sys.stderr, flush=True)


def make_server(host: str, port: int, out_dir: Path, base_url: str, state: LiveState) -> PreviewServer:
    server = PreviewServer((host, port), make_handler(out_dir, base_url, state))
    server.asked_host = host
    return server


def make_handler(out_dir: Path, base_url: str, state: LiveState):
    root = out_dir.resolve()

    class Handler(http.server.SimpleHTTPRequestHandler):
        server_version = "protokoll-serve"

        def log_message(self, *args) -> None:
            pass

        def end_headers(self) -> None:
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def parse_request(self) -> bool:
            if not super().parse_request():
                return False
            bound_host, port = self.server.server_address[:2]
            if not host_allowed(self.headers.get("Host"), bound_host, port, self.server.asked_host):
                self.close_connection = True
                self.send_text(f"Förhandsvisningen svarar bara på http://127.0.0.1:{port}/ och http://localhost:{port}/.\n",
                               "text/plain; charset=utf-8", status=403)
                return False
            return True

        def site_file(self, url_path: str) -> Path | None:
            """The file or folder under the site directory that `url_path` names; None for anything else."""
            url_path = unquote(url_path)
            if not url_path.startswith(base_url) or "\0" in url_path or "\\" in url_path:
                return None
            rel = url_path[len(base_url):]
            parts = [p for p in rel.split("/") if p]
            if any(p in ("..", ".") or p.startswith(".") for p in parts):
                return None
            candidate = (root / "/".join(parts)).resolve()
            if candidate != root and root not in candidate.parents:
                return None
            return candidate

        def do_GET(self) -> None:
            try:
                path = urlsplit(self.path).path
            except ValueError:
                return self.send_text("Felaktig adress.\n", "text/plain; charset=utf-8", status=400)
            if path == DEV_PREFIX + "events":
                return self.stream_events()
            if path == DEV_PREFIX + "reload.js":
                return self.send_text(RELOAD_JS, "text/javascript; charset=utf-8")
            if path == DEV_PREFIX + "dev.css":
                return self.send_text(DEV_CSS, "text/css; charset=utf-8")
            try:
                target = self.site_file(path)
                if target is not None and target.is_dir():
                    if not path.endswith("/"):
                        self.send_response(301)
                        self.send_header("Location", path + "/")
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return None
                    target = target / "index.html"
                if target is None or not target.is_file():
                    return self.not_found()
                if target.suffix == ".html":
                    return self.send_html(target.read_bytes())
                handle = open(target, "rb")  # noqa: SIM115 - closed below
            except (OSError, ValueError, RuntimeError):  # a name too long, a loop: no such page
                return self.not_found()
            with handle:
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(target)))
                self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
                self.end_headers()
                if self.command != "HEAD":
                    shutil.copyfileobj(handle, self.wfile)
            return None

        do_HEAD = do_GET

        def not_found(self) -> None:
            page = root / "404.html"
            try:
                body = page.read_bytes()
            except OSError:
                body = b"<!DOCTYPE html><title>404</title><p>Sidan finns inte.</p>"
            self.send_html(body, status=404)

        def send_text(self, text: str, content_type: str, status: int = 200) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def send_html(self, data: bytes, status: int = 200) -> None:
            self.send_text(inject(data.decode("utf-8", "replace"), state.error_lines), "text/html; charset=utf-8", status)

        def stream_events(self) -> None:
            seen = state.generation  # before the client can know it is connected, so it misses no rebuild
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            if self.command == "HEAD":
                return
            try:
                self.wfile.write(f"event: ansluten\ndata: {seen}\n\n".encode())
                self.wfile.flush()
                while True:
                    with state.changed:
                        state.changed.wait_for(lambda: state.generation != seen, timeout=15)
                        current, changed_urls = state.generation, state.urls
                    if current != seen:
                        data = json.dumps({"generation": current, "urls": changed_urls}
                                          if current == seen + 1 else {"generation": current, "urls": None})
                        seen = current
                        self.wfile.write(f"event: reload\ndata: {data}\n\n".encode())
                    else:
                        self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
            except OSError:
                return

    return Handler


def inject(page: str, error_lines: list[str]) -> str:
    """Add the reload script (and the error banner while a rebuild fails) to a served page."""
    tags = f'<link rel="stylesheet" href="{DEV_PREFIX}dev.css"><script src="{DEV_PREFIX}reload.js" defer></script>'
    page = page.replace("</head>", tags + "</head>", 1)
    if error_lines:
        banner = (
            '<div id="protokoll-fel" role="alert"><strong>Senaste ändringen kunde inte byggas.</strong> '
            "Sidan nedan är den senast fungerande versionen. Rätta felen, så laddas sidan om av sig själv."
            f"<pre>{html.escape(chr(10).join(error_lines))}</pre></div>"
        )
        head_end = page.find(">", page.find("<body")) + 1
        page = page[:head_end] + banner + page[head_end:]
    return page
