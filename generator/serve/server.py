"""serve's HTTP side: the site directory on 127.0.0.1, with live reload and the error banner.

- Only the served pages get the live-reload script (Server-Sent Events); `build`
  output never contains it.
- A failed rebuild keeps the last good pages on disk and served, with the same
  `path:line: fel:` lines the terminal prints shown on top of every page until
  the file is fixed.
"""

from __future__ import annotations

import html
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEV_PREFIX = "/__protokoll__/"
RELOAD_JS = """\
(function () {
  var source = new EventSource("/__protokoll__/events");
  source.addEventListener("reload", function (event) {
    var urls = JSON.parse(event.data).urls;
    var here = decodeURIComponent(window.location.pathname).replace(/index\\.html$/, "");
    if (urls === null || urls.indexOf(here) !== -1) { window.location.reload(); }
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

        def translate_path(self, path: str) -> str:
            """Map a URL to a file under the site directory; anything else maps to a path that does not exist."""
            url_path = unquote(urlsplit(path).path)
            if not url_path.startswith(base_url) or "\0" in url_path or "\\" in url_path:
                return str(root / "\0missing")
            rel = url_path[len(base_url):]
            parts = [p for p in rel.split("/") if p]
            if any(p in ("..", ".") or p.startswith(".") for p in parts):
                return str(root / "\0missing")
            candidate = (root / "/".join(parts)).resolve()
            if candidate != root and root not in candidate.parents:
                return str(root / "\0missing")
            return str(candidate) + ("/" if rel.endswith("/") and parts else "")

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == DEV_PREFIX + "events":
                return self.stream_events()
            if path == DEV_PREFIX + "reload.js":
                return self.send_text(RELOAD_JS, "text/javascript; charset=utf-8")
            if path == DEV_PREFIX + "dev.css":
                return self.send_text(DEV_CSS, "text/css; charset=utf-8")
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self.send_html(target.read_bytes())
            if not target.is_file():
                not_found = root / "404.html"
                body = not_found.read_bytes() if not_found.is_file() else b"<!DOCTYPE html><title>404</title><p>Sidan finns inte.</p>"
                return self.send_html(body, status=404)
            return super().do_GET()

        def send_text(self, text: str, content_type: str, status: int = 200) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def send_html(self, data: bytes, status: int = 200) -> None:
            self.send_text(inject(data.decode("utf-8", "replace"), state.error_lines), "text/html; charset=utf-8", status)

        def stream_events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            seen = state.generation
            try:
                self.wfile.write(b": ansluten\n\n")
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
