"""`protokoll serve`: build, serve on 127.0.0.1, watch, rebuild what changed, reload tabs.

- Watches content/ and the templates with watchdog; editors' real save patterns
  (atomic moves, swap and backup files, deletions, renames) are all events, and
  a burst of events is debounced (~200 ms) into one rebuild (rebuild.py).
- Only the served pages get the live-reload script (Server-Sent Events); `build`
  output never contains it. The HTTP side (what is served, to whom) is server.py.
- A failed rebuild keeps the last good pages on disk and served, with the same
  `path:line: fel:` lines the terminal prints shown on top of every page until
  the file is fixed.
- The search index is refreshed in a background thread after each rebuild.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from pathlib import Path

from generator.content.sources import is_ignored_name
from generator.output.linkcheck import page_url
from generator.pages import catalog, decision_search
from generator.pipeline.build import build
from generator.shared.options import DEFAULT_TEMPLATES, STATIC_DIR, BuildOptions
from generator.shared.files import reason
from generator.shared.problems import ERROR, ContentError
from generator.shared.urls import normalize_base_url

from .rebuild import LiveBuilder
from .server import LiveState, make_server

DEBOUNCE_SECONDS = 0.2


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
                    if rel.parts and rel.parts[0] == STATIC_DIR:
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

    def refresh(self, documents: list[str], records: list[tuple[str, bytes]] = ()) -> None:
        with self.lock:
            self.wanted += 1
            ticket = self.wanted
        threading.Thread(target=self._run, args=(ticket, documents, records), daemon=True).start()

    def _run(self, ticket: int, documents: list[str], records: list[tuple[str, bytes]]) -> None:
        from generator.output.pagefind import SearchIndexError, index  # not needed with --no-search

        with self.lock:
            if ticket != self.wanted:
                return
            tmp = self.out_dir.parent / f".{self.out_dir.name}.pagefind-{ticket}"
            shutil.rmtree(tmp, ignore_errors=True)
            try:
                index(self.out_dir, documents, records, output_path=tmp)
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

    def __init__(self, builder: LiveBuilder, state: LiveState, search: SearchRefresher | None, base_url: str):
        self.builder, self.state, self.search, self.base_url = builder, state, search, base_url
        self.start = 0.0
        self.published: list[str] = []

    def __call__(self, content: set[Path] | None = frozenset(), templates: set[str] = frozenset(),
                 static: bool = False) -> None:
        self.start, self.published = time.perf_counter(), []
        try:
            result = self.builder.rebuild(content, templates, static, self.first_written)
        except ContentError as exc:
            print(exc.problems.format("text"), file=sys.stderr)
            print("Bygget misslyckades; de senast fungerande sidorna visas fortfarande, med felen överst.",
                  file=sys.stderr, flush=True)
            self.state.publish(*problem_lines(exc.problems))
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
        _, warnings = problem_lines(result.problems)
        if rest or not self.published or warnings != self.state.warning_lines:
            self.state.publish([], self.page_urls(rest), warnings)
        if self.search:
            analysis = self.builder.previous
            self.search.refresh(catalog.search_documents(analysis.plans), decision_search.records(analysis))

    def first_written(self, changed: list[str]) -> None:
        """The edited meetings' pages are on disk: reload their tabs now, before the rest is rebuilt."""
        self.published = changed
        took = (time.perf_counter() - self.start) * 1000
        print(f"Sidan är uppdaterad efter {took:.0f} ms.", file=sys.stderr, flush=True)
        self.state.publish([], self.page_urls(changed))

    def page_urls(self, dest_rels: list[str]) -> list[str]:
        return [page_url(rel, self.base_url) for rel in dest_rels]


def problem_lines(problems) -> tuple[list[str], list[str]]:
    """The problems as `path:line: …` lines for the error summary: errors, and warnings."""
    items = problems.sorted()
    return ([p.as_text() for p in items if p.severity == ERROR], [p.as_text() for p in items if p.severity != ERROR])


def serve(args) -> int:
    from watchdog.observers import Observer

    base_url = normalize_base_url(args.base_url or "/")
    templates_dir = args.templates or DEFAULT_TEMPLATES
    options = BuildOptions(args.content, args.out, base_url, search=not args.no_search, templates_dir=args.templates)
    state = LiveState()
    builder = LiveBuilder(options)
    search = None if args.no_search else SearchRefresher(args.out.resolve())
    rebuild = LiveRebuild(builder, state, search, base_url)

    try:
        result = build(options)
        for problem in result.problems.sorted():
            print(problem.as_text(), file=sys.stderr)
        state.warning_lines = problem_lines(result.problems)[1]
        builder.prime()
    except ContentError as exc:  # serve anyway: the problems are shown on every page until they are fixed
        print(exc.problems.format("text"), file=sys.stderr)
        if (args.out / "index.html").exists():
            print("Visar den senast byggda webbplatsen, med felen överst, tills de är rättade.", file=sys.stderr)
        else:
            print("Webbplatsen har inte kunnat byggas än: förhandsvisningen visar felen tills de är rättade.",
                  file=sys.stderr)
            args.out.mkdir(parents=True, exist_ok=True)
        state.error_lines, state.warning_lines = problem_lines(exc.problems)  # no baseline: the next rebuild reads everything

    watcher = Watcher(rebuild, templates_dir)
    observer = Observer()
    observer.schedule(watcher, str(args.content.resolve()), recursive=True)
    observer.schedule(watcher, str(Path(templates_dir).resolve()), recursive=True)
    observer.start()
    try:
        server = make_server(args.host, args.port, args.out, base_url, state)
    except OSError as exc:
        observer.stop()
        print(f"protokoll: fel: förhandsvisningen kunde inte lyssna på {args.host}:{args.port} ({reason(exc)}). "
              "Välj en annan port med --port.", file=sys.stderr)
        return 2
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
