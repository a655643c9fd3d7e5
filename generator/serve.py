"""`protokoll serve`: build, serve on 127.0.0.1, watch, rebuild what changed, reload tabs.

- Watches content/ and the templates with watchdog; editors' real save patterns
  (atomic moves, swap and backup files, deletions, renames) are all events, and
  a burst of events is debounced (~200 ms) into one rebuild.
- Only the served pages get the live-reload script (Server-Sent Events); `build`
  output never contains it.
- A failed rebuild keeps the last good pages on disk and served, with the same
  `path:line: fel:` lines the terminal prints shown on top of every page until
  the file is fixed.
- The search index is refreshed in a background thread after each rebuild.
"""

from __future__ import annotations

import html
import http.server
import json
import shutil
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .build import BuildOptions, build
from .incremental import IncrementalBuilder
from .linkcheck import page_url
from .options import DEFAULT_TEMPLATES
from .problems import ContentError
from .sources import is_ignored_name
from .urls import normalize_base_url

DEBOUNCE_SECONDS = 0.2
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
            seen = state.generation  # before the client can know it is connected, so it misses no rebuild
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
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


class Watcher:
    """Debounces file-system events into rebuilds."""

    def __init__(self, rebuild, templates_dir: Path):
        self.rebuild = rebuild
        self.templates_dir = templates_dir.resolve()
        self.lock = threading.Lock()
        self.pending_content: set[Path] | None = set()
        """Content files touched; None after an event whose effect is unknown (a folder created or moved)."""
        self.pending_templates: set[str] = set()
        self.pending_static = False
        self.timer: threading.Timer | None = None

    def dispatch(self, event) -> None:
        """Any write, create, delete or move of a file that counts (a move counts by either end:
        an atomic save moves a swap file onto the real one)."""
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        relevant = False
        for raw in (getattr(event, "src_path", ""), getattr(event, "dest_path", "")):
            path = Path(raw if isinstance(raw, str) else raw.decode()) if raw else None
            if path is None or is_ignored_name(path.name):
                continue
            relevant = True
            try:
                rel = path.resolve().relative_to(self.templates_dir)
                with self.lock:
                    if rel.parts and rel.parts[0] == "static":
                        self.pending_static = True
                    else:
                        self.pending_templates.add(rel.as_posix())
            except ValueError:
                with self.lock:
                    if event.is_directory or self.pending_content is None:
                        self.pending_content = None
                    else:
                        self.pending_content.add(path)
        if relevant:
            with self.lock:
                if self.timer:
                    self.timer.cancel()
                self.timer = threading.Timer(DEBOUNCE_SECONDS, self.fire)
                self.timer.daemon = True
                self.timer.start()

    def fire(self) -> None:
        with self.lock:
            content, templates, static = self.pending_content, self.pending_templates, self.pending_static
            self.pending_content, self.pending_templates, self.pending_static = set(), set(), False
        self.rebuild(content, templates, static)


class SearchRefresher:
    """Runs Pagefind in the background after a rebuild; a newer rebuild supersedes a running one."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.lock = threading.Lock()
        self.wanted = 0

    def refresh(self, records: list[tuple[str, bytes]] = ()) -> None:
        with self.lock:
            self.wanted += 1
            ticket = self.wanted
        threading.Thread(target=self._run, args=(ticket, records), daemon=True).start()

    def _run(self, ticket: int, records: list[tuple[str, bytes]]) -> None:
        from .search import SearchIndexError, index

        with self.lock:
            if ticket != self.wanted:
                return
            tmp = self.out_dir.parent / f".{self.out_dir.name}.pagefind-{ticket}"
            shutil.rmtree(tmp, ignore_errors=True)
            try:
                index(self.out_dir, output_path=tmp, records=records)
            except SearchIndexError as exc:
                print(f"Sökindexet kunde inte uppdateras: {exc}", file=sys.stderr, flush=True)
            else:
                if ticket == self.wanted:
                    final = self.out_dir / "pagefind"
                    old = self.out_dir.parent / f".{self.out_dir.name}.pagefind-old"
                    shutil.rmtree(old, ignore_errors=True)
                    if final.exists():
                        final.rename(old)
                    tmp.rename(final)
                    shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(tmp, ignore_errors=True)


class LiveRebuild:
    """One rebuild after a burst of changes: report it, reload the tabs it concerns, refresh search."""

    def __init__(self, builder: IncrementalBuilder, state: LiveState, search: SearchRefresher | None, base_url: str):
        self.builder, self.state, self.search, self.base_url = builder, state, search, base_url
        self.start = 0.0
        self.published: list[str] = []

    def __call__(self, content: set[Path] | None = frozenset(), templates: set[str] = frozenset(),
                 static: bool = False) -> None:
        self.start, self.published = time.perf_counter(), []
        try:
            result = self.builder.rebuild(content, templates, static, self.first_written)
        except ContentError as exc:
            lines = [p.as_text() for p in exc.problems.sorted()]
            print("\n".join(lines), file=sys.stderr)
            print("Bygget misslyckades; de senast fungerande sidorna visas fortfarande.", file=sys.stderr, flush=True)
            self.state.publish([p for p in lines if ": fel: " in p] or lines)
            return
        except Exception as exc:  # keep serving whatever happens; say what broke
            print(f"Oväntat fel vid ombyggnad: {exc!r}", file=sys.stderr, flush=True)
            self.state.publish([f"Oväntat fel vid ombyggnad: {exc!r}"])
            return
        for problem in result.problems.sorted():
            print(problem.as_text(), file=sys.stderr)
        took = (time.perf_counter() - self.start) * 1000
        print(f"Byggde om {result.rendered} filer på {took:.0f} ms{' (allt)' if result.full else ''}.", file=sys.stderr, flush=True)
        rest = result.changed[len(self.published):]
        if rest or not self.published:
            self.state.publish([], self.page_urls(rest))
        if self.search:
            from .decision_search import records

            self.search.refresh(records(self.builder.previous))

    def first_written(self, changed: list[str]) -> None:
        """The edited meetings' pages are on disk: reload their tabs now, before the rest is rebuilt."""
        self.published = changed
        took = (time.perf_counter() - self.start) * 1000
        print(f"Sidan är uppdaterad efter {took:.0f} ms.", file=sys.stderr, flush=True)
        self.state.publish([], self.page_urls(changed))

    def page_urls(self, dest_rels: list[str]) -> list[str]:
        return [page_url(rel, self.base_url) for rel in dest_rels]


def serve(args) -> int:
    from watchdog.observers import Observer

    base_url = normalize_base_url(args.base_url or "/")
    templates_dir = args.templates or DEFAULT_TEMPLATES
    options = BuildOptions(args.content, args.out, base_url, search=not args.no_search, templates_dir=args.templates)
    state = LiveState()
    builder = IncrementalBuilder(options)
    search = None if args.no_search else SearchRefresher(args.out.resolve())
    rebuild = LiveRebuild(builder, state, search, base_url)

    try:
        result = build(options)
        for problem in result.problems.sorted():
            print(problem.as_text(), file=sys.stderr)
    except ContentError as exc:
        print(exc.problems.format("text"), file=sys.stderr)
        if not (args.out / "index.html").exists():
            print("Rätta felen ovan och starta om `protokoll serve`.", file=sys.stderr)
            return 1
        print("Visar den senast byggda webbplatsen tills felen är rättade.", file=sys.stderr)
        state.error_lines = [p.as_text() for p in exc.problems.errors]
    builder.prime()

    watcher = Watcher(rebuild, templates_dir)
    observer = Observer()
    observer.schedule(watcher, str(args.content.resolve()), recursive=True)
    observer.schedule(watcher, str(Path(templates_dir).resolve()), recursive=True)
    observer.start()
    server = http.server.ThreadingHTTPServer((args.host, args.port), make_handler(args.out, base_url, state))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    print(f"Förhandsvisning på http://{host}:{port}{base_url} (avsluta med Ctrl+C)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
    return 0
