"""`serve` driven as a real process, and the incremental rebuild proved equal to a full build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from generator.pipeline.build import build
from generator.shared.options import BuildOptions
from generator.serve.rebuild import LiveBuilder as IncrementalBuilder

from .conftest import ROOT, SEED_CONTENT, snapshot

MEETING = "minutes/chefsgrupp-skola/2026-03-06.md"
PAGE = "chefsgrupp-skola/2026-03-06/index.html"


def wait_for(predicate, timeout=60.0, what="condition"):
    """Poll until `predicate()`; the timeout only bounds a failure, so it is generous for a loaded machine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    def __init__(self, tmp_path: Path, prepare=None):
        """`protokoll serve` of a copy of the seed content; `prepare(content_dir)` may change it first."""
        self.content = tmp_path / "content"
        self.out = tmp_path / "site"
        shutil.copytree(SEED_CONTENT, self.content)
        if prepare is not None:
            prepare(self.content)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", "content", "--out", "site",
             "--port", "0", "--no-search"],
            cwd=tmp_path, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
        )
        self.log: list[str] = []
        self.url = None
        threading.Thread(target=self._read, daemon=True).start()
        wait_for(lambda: self.url or self.proc.poll() is not None, timeout=300, what="server start")
        assert self.url, "serve exited before it served:\n" + "".join(self.log)

    def _read(self):
        for line in self.proc.stderr:
            self.log.append(line)
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if match:
                self.url = match.group(1)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def page(self) -> str:
        return (self.out / PAGE).read_text(encoding="utf-8")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path)
    yield srv
    srv.stop()


class EventListener:
    """An SSE client: records every event name the server sends, and each event's data."""

    def __init__(self, url: str):
        self.events: list[str] = []
        self.data: list[dict] = []
        self.response = urllib.request.urlopen(url + "__protokoll__/events", timeout=60)
        threading.Thread(target=self._read, daemon=True).start()
        wait_for(lambda: "ansluten" in self.events, what="the event stream's greeting")

    def _read(self):
        try:
            for raw in self.response:
                line = raw.decode().strip()
                if line.startswith("event: "):
                    self.events.append(line[7:])
                elif line.startswith("data: ") and self.events[-1] == "reload":
                    self.data.append(json.loads(line[6:]))
        except OSError:
            pass


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_plain_write_updates_the_page_and_tells_clients_to_reload(server):
    listener = EventListener(server.url)
    edit(server.content / MEETING, "hälsar välkomna", "hälsar alla välkomna")
    wait_for(lambda: "hälsar alla välkomna" in server.page(), what="page on disk")
    wait_for(lambda: "reload" in listener.events, what="reload event")
    status, body = server.get("chefsgrupp-skola/2026-03-06/")
    assert status == 200 and "hälsar alla välkomna" in body and "__protokoll__/reload.js" in body
    assert listener.data[0]["urls"] == ["/chefsgrupp-skola/2026-03-06/"]  # a body edit changes no other page


def test_only_tabs_showing_a_changed_page_reload(server, browser):
    context = browser.new_context()
    meeting_tab, home_tab = context.new_page(), context.new_page()
    meeting_tab.goto(server.url + "chefsgrupp-skola/2026-03-06/")
    home_tab.goto(server.url)
    for tab in (meeting_tab, home_tab):
        tab.evaluate("window.notReloaded = true")
        tab.wait_for_function("() => document.documentElement.dataset.protokollAnsluten === '1'", timeout=60_000)
    edit(server.content / MEETING, "hälsar välkomna", "hälsar alla välkomna")
    meeting_tab.wait_for_function("() => document.body.textContent.includes('hälsar alla välkomna')", timeout=60_000)
    assert meeting_tab.evaluate("window.notReloaded === undefined")
    # The home tab heard the same reload event and stayed: had it reloaded, the flag and the
    # generation it records would both be gone, and this wait would time out.
    home_tab.wait_for_function("() => document.documentElement.dataset.protokollGeneration !== undefined",
                               timeout=60_000)
    assert home_tab.evaluate("window.notReloaded") is True
    context.close()


def test_atomic_save_by_move_and_swap_files_count_as_an_edit(server):
    target = server.content / MEETING
    swap = target.with_name(".2026-03-06.md.swp")
    swap.write_text("vim swap noise")
    tmp = target.with_name("2026-03-06.md~")
    tmp.write_text(target.read_text(encoding="utf-8").replace("hälsar välkomna", "hälsar varmt välkomna"), encoding="utf-8")
    os.replace(tmp, target)  # how editors save atomically
    wait_for(lambda: "hälsar varmt välkomna" in server.page(), what="page after atomic save")
    assert not (server.out / "chefsgrupp-skola/2026-03-06/.2026-03-06.md.swp").exists()


def test_invalid_edit_shows_errors_over_the_last_good_page_until_fixed(server):
    target = server.content / MEETING
    good = target.read_text(encoding="utf-8")
    target.write_text(good.replace("date: 2026-03-06", "date: 2026-03-32"), encoding="utf-8")
    wait_for(lambda: "protokoll-fel" in server.get("chefsgrupp-skola/2026-03-06/")[1], what="error page")
    status, body = server.get("chefsgrupp-skola/2026-03-06/")
    assert ("<strong>Fel:</strong> <code>content/minutes/chefsgrupp-skola/2026-03-06.md:6</code> "
            "Datumet 2026-03-32 finns inte i kalendern.") in body
    assert "Tidiga samordnade insatser" in body  # the last good page is still served
    assert "Tidiga samordnade insatser" in server.page()
    target.write_text(good, encoding="utf-8")
    wait_for(lambda: "protokoll-fel" not in server.get("chefsgrupp-skola/2026-03-06/")[1], what="error cleared")


def test_deleting_a_meeting_removes_its_page_and_the_links_to_it(server):
    (server.content / "minutes/chefsgrupp-social-valfard/2026-02-06.md").unlink()
    wait_for(lambda: not (server.out / "chefsgrupp-social-valfard/2026-02-06/index.html").exists(), what="page removed")
    council = (server.out / "chefsgrupp-social-valfard/index.html").read_text(encoding="utf-8")
    assert "2026-02-06" not in council
    assert server.get("chefsgrupp-social-valfard/2026-02-06/")[0] == 404


def test_server_binds_to_loopback_and_refuses_traversal(server):
    assert server.url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(server.url) as response:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    for attempt in ("../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc%2fpasswd", ".protokoll-site"):
        assert server.get(attempt)[0] == 404, attempt


def test_incremental_rebuild_gives_the_same_bytes_as_a_full_build(tmp_path):
    content, templates = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(SEED_CONTENT, content)
    shutil.copytree(ROOT / "templates", templates)
    live, fresh = tmp_path / "live", tmp_path / "fresh"
    options = BuildOptions(content, live, search=False, templates_dir=templates)
    build(options)
    builder = IncrementalBuilder(options)
    builder.prime()
    assert builder.previous is not None and not builder.cache.entries  # taken from the build's state, no file read

    def step(changed=(), templates_changed=frozenset(), patched=False):
        rebuilt = builder.rebuild({content / rel for rel in changed}, set(templates_changed))
        assert rebuilt.patched == patched
        shutil.rmtree(fresh, ignore_errors=True)
        build(BuildOptions(content, fresh, search=False, templates_dir=templates))
        live_files, fresh_files = snapshot(live), snapshot(fresh)
        for files in (live_files, fresh_files):
            files.pop(".protokoll-site")  # build's up-to-date record; serve leaves it empty
        assert live_files == fresh_files

    social = "minutes/chefsgrupp-social-valfard"
    edit(content / MEETING, "hälsar välkomna", "hälsar alla välkomna")                 # change body
    step([MEETING], patched=True)
    edit(content / MEETING, "Mikael Blom, Nora kommun", "Mikael Blom, Noras kommun")    # change attendance
    step([MEETING], patched=True)
    linking = content / social / "2026-02-06.md"
    linking.write_text(linking.read_text(encoding="utf-8") + f"\nSe [punkt 3](../../{MEETING}#p3).\n", encoding="utf-8")
    step([f"{social}/2026-02-06.md"], patched=True)                                     # a link to another meeting
    edit(content / MEETING, "\n## ", "\n## Extra punkt\n\nText.\n\n## ")               # agenda (anchors) change
    step([MEETING], patched=True)
    shutil.copy(content / social / "2026-02-06.md", content / social / "2026-04-10.md")
    edit(content / social / "2026-04-10.md", "date: 2026-02-06", "date: 2026-04-10")
    step([f"{social}/2026-04-10.md"])                                                    # add
    os.replace(content / social / "2026-04-10.md", content / social / "2026-04-17.md")
    edit(content / social / "2026-04-17.md", "date: 2026-04-10", "date: 2026-04-17")
    step([f"{social}/2026-04-10.md", f"{social}/2026-04-17.md"])                         # rename
    (content / social / "2026-04-17.md").unlink()
    step([f"{social}/2026-04-17.md"])                                                    # delete
    edit(templates / "meeting.html", "<h2 id=\"narvaro\">Närvaro</h2>", "<h2 id=\"narvaro\">Närvaro vid mötet</h2>")
    step(templates_changed={"meeting.html"}, patched=True)                              # template change
    edit(templates / "base.html", "Hoppa till innehållet", "Till innehållet")
    step(templates_changed={"base.html"}, patched=True)


def test_an_edited_attachment_is_written_again_and_nothing_else(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_CONTENT, content)
    attachment = content / MEETING.removesuffix(".md") / "bilaga.txt"
    attachment.parent.mkdir()
    attachment.write_text("ett\n", encoding="utf-8")
    options = BuildOptions(content, tmp_path / "live", search=False)
    build(options)
    builder = IncrementalBuilder(options)
    builder.prime()
    attachment.write_text("två\n", encoding="utf-8")
    rebuilt = builder.rebuild({attachment})
    assert rebuilt.changed == ["chefsgrupp-skola/2026-03-06/bilaga.txt"]
    assert (tmp_path / "live" / rebuilt.changed[0]).read_text(encoding="utf-8") == "två\n"


def test_large_batches_are_rendered_by_workers_forked_from_a_thread_with_the_bytes_of_a_full_build(tmp_path, monkeypatch):
    from generator.shared import parallel

    content, templates = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(SEED_CONTENT, content)
    shutil.copytree(ROOT / "templates", templates)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", 1)  # the seed site's batches are small
    builders = {}
    for workers in (1, 2):
        options = BuildOptions(content, tmp_path / f"live-{workers}", search=False, templates_dir=templates, workers=workers)
        build(options)
        builders[workers] = IncrementalBuilder(options)
        builders[workers].prime()
    forks = []
    get_context = parallel.multiprocessing.get_context
    monkeypatch.setattr(parallel.multiprocessing, "get_context", lambda method: forks.append(method) or get_context(method))

    def rebuild_from_a_thread(builder, *changes):  # as serve's debounce timer does, beside other threads
        seen = {}

        def run():
            seen["rebuilt"] = builder.rebuild(*changes, first_written=lambda changed: seen.setdefault("first", list(changed)))

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=300)
        return seen

    def step(*changes):
        forks.clear()
        serial = rebuild_from_a_thread(builders[1], *changes)
        assert not forks
        with_workers = rebuild_from_a_thread(builders[2], *changes)
        assert forks
        assert with_workers.get("first") == serial.get("first")
        assert with_workers["rebuilt"].changed == serial["rebuilt"].changed
        fresh = tmp_path / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        build(BuildOptions(content, fresh, search=False, templates_dir=templates))
        live_files, fresh_files = snapshot(tmp_path / "live-2"), snapshot(fresh)
        for files in (live_files, fresh_files):
            files.pop(".protokoll-site")
        assert live_files == fresh_files
        return with_workers

    edit(content / MEETING, "hälsar välkomna", "hälsar alla välkomna")
    assert step({content / MEETING})["first"] == [PAGE]  # the edited meeting's page first, then the rest
    edit(templates / "meeting.html", "<h2 id=\"narvaro\">Närvaro</h2>", "<h2 id=\"narvaro\">Närvaro vid mötet</h2>")
    assert len(step(set(), {"meeting.html"})["rebuilt"].changed) >= 5
    edit(templates / "base.html", "Hoppa till innehållet", "Till innehållet")
    step(set(), {"base.html"})
