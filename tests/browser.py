"""Shared helpers for browser tests: serve a built site on 127.0.0.1 and drive
Debian's Chromium with Playwright (browsers cannot be downloaded here).

Under CI=true a missing browser fails the run; elsewhere the test is skipped
with the reason.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        message = "Debian's chromium is not installed (make test installs it: `make browser`)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve_dir(root: Path, mount: str = "/"):
    """Serve `root` at http://127.0.0.1:<port><mount>; yields the base URL (ending in /)."""
    mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"

    class Handler(_QuietHandler):
        def translate_path(self, path):
            if mount != "/" and path.startswith(mount):
                path = "/" + path[len(mount):]
            elif mount != "/":
                return str(root / "__outside_mount__")
            return super().translate_path(path)

    handler = functools.partial(Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    """A Playwright browser on Debian's Chromium."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
