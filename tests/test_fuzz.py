"""Property-based fuzzing of the whole pipeline, from content files to HTML.

Inputs are the seed minutes (content/minutes/**.md) mutated line by line and
character by character, and minutes generated from scratch (random front
matter dumped as YAML, random Markdown with hostile links and raw HTML).
Whatever comes in, `protokoll build`:
- succeeds, or fails with only `path:line: fel:` lines and exit code 1, never
  a traceback;
- when it succeeds, publishes nothing that runs (no <script> but the site's
  own files, no on*= attributes, no javascript: URLs);
- writes nothing outside its output directory.

Profiles: `fast` (default, part of `make test`) and `long`
(HYPOTHESIS_PROFILE=long, `make fuzz-long`, about ten minutes or more).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.adversarial.harness import (
    FOLKHALSA, REPO, SEED_MINUTES, assert_clean_failure, build_in, make_tree, outside_files, unsafe_in_site,
)

# Profiles live here (tests/conftest.py belongs to the shared suite).
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=True)
settings.register_profile("fast", max_examples=40, **_COMMON)
settings.register_profile("long", max_examples=2000, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fast")
FUZZ = settings.get_profile(PROFILE)

SEEDS = [p.read_text("utf-8") for p in SEED_MINUTES]
SEED_NAMES = [p.relative_to(p.parents[1]).as_posix() for p in SEED_MINUTES]
VECTORS = [line for line in (REPO / "tests" / "adversarial" / "xss_vectors.txt").read_text("utf-8").splitlines()
           if line and not line.startswith("#")]
COUNCIL_IDS = ["specifika-samverkansradet-folkhalsa", "specifika-samverkansradet-social-valfard",
               "chefsgrupp-skola", "chefsgrupp-folkhalsa", "chefsgrupp-social-valfard"]

# Fragments that break YAML or Markdown in interesting ways.
TOKENS = [
    "---", "- ", ": ", ":", "&a ", "*a", "<<: *a", "!!python/object/apply:os.system ['id']", "!tag", "? ", "|", ">-",
    "{", "}", "[", "]", "'", '"', "#", "%YAML 1.1", "\t", "  ", "\\", "\x00", "\x07", "\ufeff", "\u202e", "\u2066",
    "\u200b", "\u0301", "\r", "\r\n", "~", "null", "yes", "no", "0o17", "13:00", "2024-02-30", "1e3", ".inf",
    "## 1. ", "## 01) ", "# ", "> ", "* ", "1. ", "```", "    ", "|---|---|", "[x](", "](#p1)", "![", "<", ">", "&#",
    "](../chefsgrupp-skola/2026-03-06.md#p2)", "](2030-01-01/bilaga.pdf)", "](../../../etc/passwd)", "](javascript:alert(1))",
    "<!--", "-->", "<![CDATA[", "&lt;script&gt;", "%2e%2e/", "..\\", "/etc/passwd",
]
dangerous_text = st.one_of(st.sampled_from(VECTORS), st.sampled_from(TOKENS))
any_text = st.one_of(st.text(max_size=40), dangerous_text, st.lists(st.sampled_from(TOKENS), max_size=8).map("".join))


# --- mutating seeds ----------------------------------------------------------------------

@st.composite
def mutated_seed(draw) -> tuple[str, str | bytes]:
    index = draw(st.integers(0, len(SEEDS) - 1))
    lines = SEEDS[index].split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            lines = [""]
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace-value", "splice", "indent", "truncate"]))
        if op == "delete":
            del lines[at]
        elif op == "duplicate":
            lines.insert(at, lines[at])
        elif op == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif op == "insert":
            lines.insert(at, draw(any_text))
        elif op == "replace-value":
            key, sep, _ = lines[at].partition(": ")
            lines[at] = (key + sep if sep else lines[at][: len(lines[at]) // 2]) + draw(any_text)
        elif op == "splice":
            col = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:col] + draw(any_text) + lines[at][col:]
        elif op == "indent":
            lines[at] = draw(st.sampled_from(["", " ", "  ", "\t", "      "])) + lines[at].lstrip()
        else:
            lines = lines[:at]
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "crlf", "latin-1", "nfd"]))
    data: str | bytes = text
    if encoding == "utf-8-sig":
        data = text.encode("utf-8-sig")
    elif encoding == "crlf":
        data = text.replace("\n", "\r\n")
    elif encoding == "latin-1":
        data = text.encode("latin-1", "replace")
    elif encoding == "nfd":
        import unicodedata
        data = unicodedata.normalize("NFD", text)
    return SEED_NAMES[index], data


# --- generating minutes ---------------------------------------------------------------------

def mostly(good, bad):
    """`good` 19 times in 20, so that many generated files get past validation
    and the renderers, not only the validators, see hostile text."""
    return st.integers(0, 19).flatmap(lambda n: bad if n == 0 else good)


plain_text = st.text(st.characters(categories=["L", "N", "Zs"], include_characters=".,-()'&"), min_size=1, max_size=30)

names = mostly(st.one_of(st.sampled_from(["Anna Ahnér", "Behcet Barsom", "Jari Mehtäläinen", "Anna Karlsson", "Åsa Öberg"]),
                         plain_text), any_text)
free_text = mostly(plain_text, any_text)
attendee = mostly(st.one_of(
    st.builds(lambda n, o: f"{n}, {o}" if o else n, names, st.one_of(st.none(), free_text)),
    st.fixed_dictionaries({"name": names}, optional={
        "org": free_text, "status": st.sampled_from(["present", "absent", "excused", "frånvarande", "?"]),
        "role": free_text, "replaces": names}),
), st.one_of(any_text, st.lists(any_text, max_size=2), st.none(), st.fixed_dictionaries({"name": names, "okänd": any_text})))
dates = mostly(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(str), any_text)
front_matter = st.fixed_dictionaries(
    {"council": mostly(st.just(FOLKHALSA), st.one_of(st.lists(st.sampled_from(COUNCIL_IDS), max_size=3), any_text)),
     "date": dates,
     "justerare": st.lists(st.one_of(names, st.fixed_dictionaries({"name": names}, optional={"date": dates})), max_size=3),
     "närvaro": st.dictionaries(mostly(st.sampled_from(["Ledamöter", "Ersättare", "Övriga"]), any_text),
                                st.lists(attendee, max_size=6), max_size=3)},
    optional={"type": st.sampled_from(["protokoll", "minnesanteckningar", "minnesanteckningar", "möte"]),
              "title": free_text, "time": free_text, "place": free_text},
)
url = st.one_of(st.sampled_from([
    "https://example.se/a", "#p1", "#p9", "../chefsgrupp-skola/2026-03-06.md", "../chefsgrupp-skola/2026-03-06.md#p2",
    "2030-01-01/bilaga.pdf", "mailto:a@example.se", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
    "vbscript:x", "//evil.example", "../../../../etc/passwd", "/etc/passwd", "%2e%2e/x.md", "..\\x", "", " ",
]), any_text)
block = st.one_of(
    st.builds(lambda n, t: f"## {n}. {t}", st.integers(0, 120), any_text),
    st.builds(lambda t, u: f"Text [{t}]({u}) mer.", any_text, url),
    st.builds(lambda t, u: f"![{t}]({u})", any_text, url),
    st.builds(lambda t, u: f"<a href=\"{u}\">{t}</a>", any_text, url),
    st.sampled_from(VECTORS), any_text,
    st.lists(any_text, min_size=1, max_size=4).map(lambda xs: "\n".join(f"- {x}" for x in xs)),
    st.lists(any_text, min_size=1, max_size=3).map(lambda xs: "| a | b |\n|---|---|\n" + "\n".join(f"| {x} | x |" for x in xs)),
    st.integers(1, 60).map(lambda n: ">" * n + " citat"),
)


@st.composite
def generated_meeting(draw) -> tuple[str, str]:
    header = draw(front_matter)
    text = "---\n" + yaml.safe_dump(header, allow_unicode=True, sort_keys=False) + "---\n\n"
    text += "\n\n".join(draw(st.lists(block, max_size=8)))
    date = header["date"] if isinstance(header["date"], str) and len(header["date"]) == 10 else "2030-01-01"
    return f"{FOLKHALSA}/{date if date[:2] in ('19', '20') and date[4] == '-' else '2030-01-01'}.md", text


# --- the invariants -----------------------------------------------------------------------------

def check_build(minutes: dict[str, str | bytes], attachments: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp)
        if attachments:  # in the folder of the (first) meeting: an attachment of no meeting is refused
            minutes = {**minutes, f"{next(iter(minutes))[:-len('.md')]}/bilaga.pdf": b"%PDF-1.4\n"}
        make_tree(root, minutes)
        run = build_in(root)  # an exception here is the traceback an editor would see
        assert run.stdout == ""
        event("built" if run.code == 0 else "refused")
        if run.code == 0:
            assert unsafe_in_site(root / "site") == {}
        else:
            assert_clean_failure(run)
        assert outside_files(root, root / "site") == []


@FUZZ
@given(mutated_seed())
def test_mutated_seed_minutes_build_or_fail_cleanly_and_publish_nothing_executable(case):
    rel, data = case
    check_build({rel: data})


@FUZZ
@given(generated_meeting())
def test_generated_minutes_build_or_fail_cleanly_and_publish_nothing_executable(case):
    rel, text = case
    check_build({rel: text}, attachments=True)


@FUZZ
@given(st.lists(st.one_of(mutated_seed(), generated_meeting()), min_size=2, max_size=4))
def test_several_broken_files_at_once_still_fail_cleanly(cases):
    check_build(dict(cases))


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["minutes", "councils", "site"]))
def test_random_bytes_in_any_content_file_fail_cleanly(data, which):
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp)
        if which == "minutes":
            make_tree(root, {f"{FOLKHALSA}/2030-01-01.md": data})
        else:
            make_tree(root, {f"{FOLKHALSA}/2030-01-01.md": SEEDS[0]}, **{which: data})
        run = build_in(root)
        if run.code == 0:
            assert unsafe_in_site(root / "site") == {}
        else:
            assert_clean_failure(run)


@settings(FUZZ, max_examples=3 if PROFILE == "fast" else 30)
@given(mutated_seed())
def test_the_real_command_line_never_prints_a_traceback(case):
    rel, data = case
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp)
        make_tree(root, {rel: data})
        proc = subprocess.run([sys.executable, "-m", "generator", "build", "--no-search"], cwd=root,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in proc.stderr
        assert proc.returncode in (0, 1), proc.stderr
        if proc.returncode == 1:
            from tests.adversarial.harness import Run
            assert_clean_failure(Run(proc.returncode, proc.stdout, proc.stderr))
