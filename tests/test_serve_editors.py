"""serve for an editor: it starts whatever the content, and every problem is shown on every page,
in a summary fixed at the top of the screen, until it is fixed."""

from __future__ import annotations

import pytest

from .test_serve import MEETING, Server, edit, wait_for

BROKEN_DATE = ("date: 2026-03-06", "date: 2026-03-32")
ERROR_LINE = "content/minutes/chefsgrupp-skola/2026-03-06.md:6: fel: Datumet 2026-03-32 finns inte i kalendern."
MISSPELT = "minutes/specifika-samverkansradet-folkhalsa/2025-03-21.md"


def break_meeting(content):
    edit(content / MEETING, *BROKEN_DATE)


def test_serve_starts_with_an_invalid_file_and_a_fix_brings_the_site_up_without_a_restart(tmp_path):
    server = Server(tmp_path, prepare=break_meeting)
    try:
        status, body = server.get("")
        assert status == 404 and 'id="protokoll-fel"' in body and 'role="alert"' in body
        assert "Det finns 1 fel" in body and "Datumet 2026-03-32 finns inte i kalendern." in body
        assert "content/minutes/chefsgrupp-skola/2026-03-06.md:6" in body
        edit(server.content / MEETING, BROKEN_DATE[1], BROKEN_DATE[0])
        wait_for(lambda: server.get("chefsgrupp-skola/2026-03-06/")[0] == 200, what="the site, built after the fix")
        wait_for(lambda: "protokoll-fel" not in server.get("chefsgrupp-skola/2026-03-06/")[1], what="no summary")
        assert server.get("")[0] == 200
        assert server.proc.poll() is None  # the same process all along
    finally:
        server.stop()


def test_warnings_are_listed_in_the_summary_apart_from_errors(tmp_path):
    server = Server(tmp_path)
    try:
        assert "protokoll-fel" not in server.get("")[1]
        edit(server.content / MISSPELT, "- name: Peter Kotilainen", "- name: Peter Kotilainnen")
        wait_for(lambda: "protokoll-fel" in server.get("")[1], what="the summary")
        body = server.get("")[1]
        assert 'class="endast-varningar"' in body and "Det finns 1 varning" in body
        assert '<ul class="varningar"><li><strong>Varning:</strong>' in body and "Menade du Peter Kotilainen?" in body
        break_meeting(server.content)
        wait_for(lambda: '<ul class="fel">' in server.get("")[1], what="an error beside the warning")
        body = server.get("")[1]
        assert "Det finns 1 fel och 1 varning" in body
        assert body.index('<ul class="fel">') < body.index('<ul class="varningar">')
    finally:
        server.stop()


@pytest.mark.browser
def test_the_summary_is_inside_the_viewport_whatever_the_scroll_position(tmp_path, browser):
    server = Server(tmp_path)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(server.url + "chefsgrupp-skola/2026-03-06/")
        tab.wait_for_function("() => document.documentElement.dataset.protokollAnsluten === '1'", timeout=60_000)
        tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert tab.evaluate("window.scrollY") > 800  # far down the page, where the editor was reading
        break_meeting(server.content)
        tab.wait_for_selector("#protokoll-fel", timeout=60_000)  # the tab reloaded itself
        tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert tab.evaluate("window.scrollY") > 800
        box = tab.locator("#protokoll-fel").bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + 40 < 800 and box["height"] > 40
        assert tab.evaluate("document.activeElement.id") == "protokoll-fel"
        assert ERROR_LINE.split(": fel: ")[1] in tab.locator("#protokoll-fel").inner_text()
    finally:
        context.close()
        server.stop()
