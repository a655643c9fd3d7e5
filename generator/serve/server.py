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

from generator.shared.problems import count

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
  // The error summary is fixed at the top of the screen; focus it, so that it is announced.
  var summary = document.getElementById("protokoll-fel");
  if (summary) { summary.focus({ preventScroll: true }); }
})();
"""
DEV_CSS = """\
#protokoll-fel { position: fixed; inset: 0 0 auto 0; z-index: 2147483647; max-height: 45vh; overflow: auto;
  background: #fff; color: #0b0c0c; border: 5px solid #b00020; padding: 1rem 1.25rem; margin: 0;
  font: 16px/1.5 system-ui, sans-serif; box-shadow: 0 4px 12px rgba(0, 0, 0, 0.3); }
#protokoll-fel.endast-varningar { border-color: #8a5300; }
#protokoll-fel:focus { outline: 3px solid #ffdd00; outline-offset: 0; }
#protokoll-fel h2 { font-size: 1.25rem; margin: 0 0 0.25rem; }
#protokoll-fel p { margin: 0 0 0.5rem; }
#protokoll-fel ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
#protokoll-fel li { margin: 0.25rem 0; }
#protokoll-fel .fel li::marker { color: #b00020; }
#protokoll-fel .varningar li::marker { color: #8a5300; }
#protokoll-fel strong { font-weight: 700; }
#protokoll-fel code { font: 14px/1.5 ui-monospace, monospace; background: #f3f2f1; padding: 0 0.2em; }
"""


class LiveState:
    """What the HTTP handlers need to know about the latest rebuild."""

    def __init__(self) -> None:
        self.generation = 0
        self.error_lines: list[str] = []
        self.warning_lines: list[str] = []
        """The latest build's warnings, shown in the summary too (distinct from errors)."""
        self.urls: list[str] | None = None
        """URLs whose pages changed in the latest generation; None: every page (reload all tabs)."""
        self.changed = threading.Condition()

    def publish(self, error_lines: list[str], urls: list[str] | None = None,
                warning_lines: list[str] | None = None) -> None:
        """A new generation: the problems to show (warnings None: as before) and the pages that changed."""
        with self.changed:
            warnings = self.warning_lines if warning_lines is None else warning_lines
            if self.error_lines or error_lines or warnings != self.warning_lines:
                urls = None  # the summary comes, changes or goes on every page
            self.error_lines, self.warning_lines, self.urls = error_lines, warnings, urls
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
            self.send_text(inject(data.decode("utf-8", "replace"), state.error_lines, state.warning_lines),
                           "text/html; charset=utf-8", status)

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


def inject(page: str, error_lines: list[str], warning_lines: list[str] = ()) -> str:
    """Add the reload script (and, while there are problems, the error summary) to a served page."""
    tags = f'<link rel="stylesheet" href="{DEV_PREFIX}dev.css"><script src="{DEV_PREFIX}reload.js" defer></script>'
    page = page.replace("</head>", tags + "</head>", 1)
    if error_lines or warning_lines:
        head_end = page.find(">", page.find("<body")) + 1
        page = page[:head_end] + error_summary(error_lines, warning_lines) + page[head_end:]
    return page


def error_summary(error_lines: list[str], warning_lines: list[str]) -> str:
    """Every problem of the latest build, errors first, in the style of GOV.UK's error summary:
    fixed at the top of the screen whatever the scroll position, focused and announced."""
    counts = " och ".join(part for part in (
        count(len(error_lines), "fel", "fel") if error_lines else "",
        count(len(warning_lines), "varning", "varningar") if warning_lines else "") if part)
    lead = ("Sidan nedan är den senast fungerande versionen. Rätta felen och spara, så laddas sidan om av sig själv."
            if error_lines else "Webbplatsen är byggd, men rätta varningarna innan du publicerar.")
    lists = "".join(f'<ul class="{kind}">{"".join(map(_problem_item, lines))}</ul>'
                    for kind, lines in (("fel", error_lines), ("varningar", warning_lines)) if lines)
    kind = "" if error_lines else ' class="endast-varningar"'
    return (f'<div id="protokoll-fel"{kind} role="alert" tabindex="-1" aria-labelledby="protokoll-fel-rubrik">'
            f'<h2 id="protokoll-fel-rubrik">Det finns {counts}</h2><p>{lead}</p>{lists}</div>')


def _problem_item(line: str) -> str:
    """`path:12: fel: message` as the place (to open in the editor) and the message with its hint."""
    place, sep, rest = line.partition(": ")
    severity, _, message = rest.partition(": ") if sep else ("", "", line)
    if not message:
        return f"<li>{html.escape(line)}</li>"
    label = "Fel" if severity == "fel" else "Varning"
    return f"<li><strong>{label}:</strong> <code>{html.escape(place)}</code> {html.escape(message)}</li>"
