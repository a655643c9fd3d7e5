"""Only regular files and folders count in content/, and their type is known before anything
is read: a FIFO, a device, a socket, a symlink loop, an unreadable folder or file is a `fel:`
at its path, within seconds, from `check` and `build` alike. Misplaced minutes, `.MD` and
attachments of no meeting are errors, and nothing is ever published raw.

The commands run as real processes (a hang would otherwise hang the test run) under a
timeout and a memory limit; where a file must be unreadable they run unprivileged, also
when the tests run as root (see processes.py).
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
from pathlib import Path

import pytest

from .conftest import minutes, snapshot, write_tree
from .processes import protokoll

MEETING = "minutes/ssr-folkhalsa/2025-03-21.md"


def run_command(root: Path, command: str, unprivileged: bool = False) -> subprocess.CompletedProcess:
    out = ["--out", "site", "--no-search"] if command == "build" else []
    return protokoll(root, command, "--content", "content", *out, unprivileged=unprivileged, timeout=60)


def errors(run: subprocess.CompletedProcess) -> list[str]:
    return [line for line in run.stderr.splitlines() if ": fel: " in line]


def assert_refused(root: Path, expected: list[str], unprivileged: bool = False) -> None:
    """`check` and `build` each fail with exactly these `fel:` lines, and nothing is built."""
    for command in ("check", "build"):
        run = run_command(root, command, unprivileged)
        assert run.returncode == 1, (command, run.stderr)
        assert "Traceback" not in run.stderr, run.stderr
        assert errors(run) == expected, (command, run.stderr)
    assert not (root / "site").exists()


def _tree(tmp_path: Path, **extra) -> Path:
    write_tree(tmp_path, {MEETING: minutes(), **extra})
    return tmp_path / "content"


# --- FIFO, device, socket ---------------------------------------------------------------------

SPECIAL_PLACES = ["minutes/ssr-folkhalsa/2025-04-01.md", "minutes/ssr-folkhalsa/2025-03-21/bilaga.pdf",
                  "people.yaml", "anteckningar.txt", "minutes/ssr-folkhalsa/notes"]


@pytest.mark.parametrize("rel", SPECIAL_PLACES)
def test_a_fifo_in_content_is_an_error_at_its_path_not_a_hang(tmp_path, rel):
    content = _tree(tmp_path)
    (content / rel).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(content / rel)
    assert_refused(tmp_path, [f"content/{rel}:1: fel: Det här är en namngiven rörledning (FIFO), ingen vanlig fil, "
                              "och den läses inte. Ta bort den ur innehållsmappen; bara vanliga filer och mappar hör hemma där."])


def test_a_socket_in_content_is_an_error_at_its_path(tmp_path):
    content = _tree(tmp_path)
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(content / "minutes" / "ssr-folkhalsa" / "2025-04-01.md"))
        assert_refused(tmp_path, ["content/minutes/ssr-folkhalsa/2025-04-01.md:1: fel: Det här är en socket, ingen vanlig "
                                  "fil, och den läses inte. Ta bort den ur innehållsmappen; bara vanliga filer och mappar hör hemma där."])


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may create a device node")
def test_a_device_node_in_content_is_an_error_at_its_path(tmp_path):
    content = _tree(tmp_path)
    os.mknod(content / "minutes" / "ssr-folkhalsa" / "2025-04-01.md", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    assert_refused(tmp_path, ["content/minutes/ssr-folkhalsa/2025-04-01.md:1: fel: Det här är en enhetsfil, ingen vanlig "
                              "fil, och den läses inte. Ta bort den ur innehållsmappen; bara vanliga filer och mappar hör hemma där."])


@pytest.mark.parametrize("rel", ["minutes/ssr-folkhalsa/2025-04-01.md", "minutes/ssr-folkhalsa/2025-03-21/bilaga.pdf",
                                 "people.yaml"])
def test_a_symlink_to_dev_zero_is_refused_before_it_is_read(tmp_path, rel):
    content = _tree(tmp_path)
    (content / rel).parent.mkdir(parents=True, exist_ok=True)
    (content / rel).symlink_to("/dev/zero")
    assert_refused(tmp_path, [f"content/{rel}:1: fel: Det här är en symbolisk länk till en enhetsfil, inte till en "
                              "vanlig fil, och den läses inte. Ta bort den ur innehållsmappen; bara vanliga filer och "
                              "mappar hör hemma där."])


# --- links that lead nowhere ------------------------------------------------------------------

LOOP = ("fel: Filen är en symbolisk länk som leder runt i en slinga och pekar aldrig på någon fil. "
        "Ta bort länken, eller kopiera in filen i stället.")


def test_a_symlink_loop_is_an_error_at_its_path(tmp_path):
    content = _tree(tmp_path)
    folder = content / "minutes" / "ssr-folkhalsa"
    (folder / "2025-04-01.md").symlink_to("2025-04-01.md")
    (folder / "2025-03-21").mkdir()
    (folder / "2025-03-21" / "a.pdf").symlink_to("b.pdf")
    (folder / "2025-03-21" / "b.pdf").symlink_to("a.pdf")
    (content / "site.yaml").unlink()
    (content / "site.yaml").symlink_to("site.yaml")
    assert_refused(tmp_path, [
        f"content/minutes/ssr-folkhalsa/2025-03-21/a.pdf:1: {LOOP}",
        f"content/minutes/ssr-folkhalsa/2025-03-21/b.pdf:1: {LOOP}",
        f"content/minutes/ssr-folkhalsa/2025-04-01.md:1: {LOOP}",
        f"content/site.yaml:1: {LOOP}",
    ])


def test_a_broken_symlink_is_an_error_at_its_path(tmp_path):
    content = _tree(tmp_path)
    (content / "minutes" / "ssr-folkhalsa" / "2025-04-01.md").symlink_to("finns-inte.md")
    assert_refused(tmp_path, ["content/minutes/ssr-folkhalsa/2025-04-01.md:1: fel: Filen är en symbolisk länk till något "
                              "som inte finns. Ta bort länken, eller kopiera in filen i stället."])


# --- what cannot be read ----------------------------------------------------------------------

def test_an_unreadable_council_folder_is_an_error_naming_it(tmp_path):
    content = _tree(tmp_path, **{"minutes/ssr-social/2025-03-22.md": minutes(council="ssr-social", date="2025-03-22")})
    folder = content / "minutes" / "ssr-social"
    folder.chmod(0)
    try:
        assert_refused(tmp_path, ["content/minutes/ssr-social:1: fel: Mappen kunde inte läsas (behörighet saknas), så inget "
                                  "i den publiceras. Kontrollera att du har läsbehörighet till mappen."], unprivileged=True)
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize(("rel", "what"), [("minutes/ssr-folkhalsa/2025-03-21/bilaga.pdf", "Bilagan"),
                                           ("minutes/ssr-folkhalsa/2025-03-22.md", "Filen"), ("councils.yaml", "Filen")])
def test_an_unreadable_file_is_an_error_naming_it(tmp_path, rel, what):
    content = _tree(tmp_path, **{rel: "%PDF-1.4\n" if rel.endswith(".pdf") else None})
    if not (content / rel).exists():
        (content / rel).write_text(minutes(date="2025-03-22"), encoding="utf-8")
    (content / rel).chmod(0)
    expected = [f"content/{rel}:1: fel: {what} kunde inte läsas (behörighet saknas). "
                "Kontrollera att du har läsbehörighet till filen."]
    assert_refused(tmp_path, expected, unprivileged=True)


# --- misplaced minutes and attachments --------------------------------------------------------

def test_an_uppercase_md_extension_is_an_error_and_the_meeting_not_published_raw(tmp_path):
    _tree(tmp_path, **{"minutes/ssr-folkhalsa/2025-04-01.MD": minutes(date="2025-04-01"),
                       "minutes/ssr-folkhalsa/2025-04-01/bilaga.pdf": "%PDF-1.4\n"})
    assert_refused(tmp_path, ["content/minutes/ssr-folkhalsa/2025-04-01.MD:1: fel: Filändelsen ska vara `.md` med små "
                              "bokstäver. Döp om filen till `2025-04-01.md`."])


@pytest.mark.parametrize("rel", ["minutes/ssr-folkhalsa/arkiv/2025-03-22.md", "minutes/ssr-folkhalsa/2025-03-21/2025-03-22.md",
                                 "minutes/2025-03-22.md", "minutes/ssr-folkhalsa/arkiv/2024/2024-01-01.md"])
def test_minutes_in_a_sub_folder_are_an_error_with_a_hint(tmp_path, rel):
    _tree(tmp_path, **{rel: minutes(date="2025-03-22")})
    assert_refused(tmp_path, [f"content/{rel}:1: fel: Markdown-filen ligger inte direkt i ett råds mapp och publiceras "
                              "inte. Ett protokoll ska ligga som `minutes/<råd-id>/<ÅÅÅÅ-MM-DD>.md`; flytta filen dit. "
                              "Är det en bilaga, spara den som PDF i mötets bilagemapp."])


def test_an_attachment_of_no_meeting_is_an_error(tmp_path):
    _tree(tmp_path, **{"minutes/ssr-folkhalsa/2025-01-01/bilaga.pdf": "%PDF-1.4\n"})
    assert_refused(tmp_path, ["content/minutes/ssr-folkhalsa/2025-01-01/bilaga.pdf:1: fel: Bilagan ligger i mappen "
                              "`2025-01-01/`, men det finns inget protokoll `minutes/ssr-folkhalsa/2025-01-01.md` som den "
                              "hör till, så den publiceras inte. Flytta bilagan till mappen för rätt möte: samma namn som "
                              "protokollfilen, utan `.md`."])


def test_an_attachment_under_an_unknown_council_is_an_error(tmp_path):
    _tree(tmp_path, **{"minutes/okant-rad/2025-03-21.md": minutes(), "minutes/okant-rad/2025-03-21/bilaga.pdf": "%PDF-1.4\n"})
    assert_refused(tmp_path, [
        "content/minutes/okant-rad/2025-03-21.md:2: fel: Filen ligger i mappen `okant-rad` men mötet hör till ssr-folkhalsa. "
        "Flytta filen till mappen för ett av mötets råd (det första för ett gemensamt möte).",
        "content/minutes/okant-rad/2025-03-21/bilaga.pdf:1: fel: Bilagan ligger under `okant-rad`, som inte är ett råd i "
        "councils.yaml, och publiceras inte. Lägg mötet och dess bilagor i mappen för mötets råd.",
    ])


def test_nothing_is_published_raw_and_the_last_site_stays(tmp_path):
    content = _tree(tmp_path)
    assert run_command(tmp_path, "build").returncode == 0
    before = snapshot(tmp_path / "site")
    secret = "HEMLIG-FRONT-MATTER"
    for rel in ["minutes/ssr-folkhalsa/arkiv/2025-03-22.md", "minutes/ssr-folkhalsa/2025-04-01.MD",
                "minutes/ssr-folkhalsa/2025-01-01/bilaga.md", "minutes/ssr-folkhalsa/2025-01-01/bilaga.pdf",
                "minutes/okant-rad/2025-05-05/bilaga.pdf"]:
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(minutes(extra=f"place: {secret}\n"), encoding="utf-8")
    run = run_command(tmp_path, "build")
    assert run.returncode == 1 and len(errors(run)) == 5, run.stderr
    assert snapshot(tmp_path / "site") == before
    assert not [rel for rel, data in before.items() if secret.encode() in data]
