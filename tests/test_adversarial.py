"""Hostile and broken content: every case ends in an exact `path:line: fel:`
message or in a page that is provably harmless. Never a traceback.

The corpus is in tests/adversarial/: OWASP XSS filter-evasion vectors
(xss_vectors.txt) and, for the Markdown body and links whose outcome depends
on the sanitiser, the reviewed expected outcome of each vector
(expected_body.json). Regenerate that file with ADVERSARIAL_UPDATE=1 and
review the diff: a vector may move from an error to "safe" only if the
produced HTML still passes `unsafe_html`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import random
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.adversarial.harness import (
    FOLKHALSA, SEED_CONTENT, assert_clean_failure, build_in, make_tree, minimal_meeting,
    unsafe_in_site,
)

CORPUS = Path(__file__).parent / "adversarial"
VECTORS = [line for line in (CORPUS / "xss_vectors.txt").read_text("utf-8").splitlines()
           if line and not line.startswith("#")]
HTML_LIKE = re.compile(r"<\s*[a-zA-Z!/?]")
TEXT_VECTORS = [v for v in VECTORS if not HTML_LIKE.search(v)]
MARKUP_VECTORS = [v for v in VECTORS if HTML_LIKE.search(v)]
MEETING = f"content/minutes/{FOLKHALSA}/2030-01-01.md"
PATH = f"{FOLKHALSA}/2030-01-01.md"

URL_VECTORS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "javascript&#58;alert(1)",
    "jav&#x09;ascript:alert(1)", "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "javascript%3Aalert(1)", "vbscript:msgbox(1)", "livescript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd", "<javascript:alert(1)>", "java\\script:alert(1)",
    "../../../../etc/passwd", "/etc/passwd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..%2f..%2f..%2fetc%2fpasswd",
    "..\\..\\..\\etc\\passwd", "C:\\Windows\\win.ini", "....//....//etc/passwd", "%252e%252e/%252e%252e/x.md",
    "2030-01-01/../../../../../etc/passwd", "../../../content/site.yaml",
]

EXPECTED_FILE = CORPUS / "expected_body.json"
EXPECTED = json.loads(EXPECTED_FILE.read_text("utf-8")) if EXPECTED_FILE.exists() else {}
UPDATE = os.environ.get("ADVERSARIAL_UPDATE") == "1"


def _body_case(tmp_path: Path, context: str, vector: str):
    """Build one meeting whose body carries the vector; return (outcome, run)."""
    snippets = {
        "block": f"\n{vector}\n",
        "inline": f"\nEtt stycke med {vector} mitt i texten.\n",
        "link": f"\nSe [bilagan]({vector}) för detaljer.\n",
        "image": f"\n![Diagram]({vector})\n",
    }
    make_tree(tmp_path, {PATH: minimal_meeting() + snippets[context]})
    run = build_in(tmp_path)
    if run.code == 0:
        page = (tmp_path / "site" / FOLKHALSA / "2030-01-01" / "index.html").read_text("utf-8")
        assert unsafe_in_site(tmp_path / "site") == {}, vector
        assert "alert(" not in _attribute_values(page), vector
        return "safe", run
    assert_clean_failure(run)
    # The link checker names the line of the *output* page, which moves with every template edit.
    return [re.sub(r"\(rad \d+\)", "(rad N)", line) for line in run.errors], run


def _attribute_values(page: str) -> str:
    """Every attribute value in the page, for looking for script payloads in URLs."""
    values: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            values.extend(v for _, v in attrs if v)

    Collector(convert_charrefs=True).feed(page)
    return " ".join(values)


@pytest.mark.parametrize("context", ["block", "inline"])
@pytest.mark.parametrize("vector", VECTORS)
def test_xss_vector_in_body_html_is_refused_with_its_line_or_rendered_harmless(tmp_path, context, vector):
    _check_golden(tmp_path, context, vector)


@pytest.mark.parametrize("context", ["link", "image"])
@pytest.mark.parametrize("vector", URL_VECTORS)
def test_hostile_or_traversing_url_in_markdown_is_refused_with_its_line(tmp_path, context, vector):
    outcome = _check_golden(tmp_path, context, vector)
    if "<" not in vector:  # `[x](<...>)` is not link syntax for every vector: then it is text
        assert outcome != "safe", "a hostile or traversing URL must be an error, not a silent '#'"


def _check_golden(tmp_path: Path, context: str, vector: str):
    outcome, run = _body_case(tmp_path, context, vector)
    key = f"{context} {vector}"
    if UPDATE:
        EXPECTED[key] = outcome
        EXPECTED_FILE.write_text(json.dumps(dict(sorted(EXPECTED.items())), ensure_ascii=False, indent=1) + "\n", "utf-8")
        return outcome
    assert key in EXPECTED, f"no reviewed outcome for {key!r}: run with ADVERSARIAL_UPDATE=1 and review"
    assert outcome == EXPECTED[key], run.stderr
    return outcome


# --- front-matter strings, council names and ids, attachment names ------------------

FRONT_MATTER_FIELDS = {
    # field -> (how the value is written into the minimal meeting, what the message calls it)
    "title": ("justerare: []", "title: {v}\njusterare: []", "`title`"),
    "place": ("justerare: []", "place: {v}\njusterare: []", "`place`"),
    "time": ("justerare: []", "time: {v}\njusterare: []", "`time`"),
    "justerare": ("justerare: []", "justerare:\n  - name: {v}", "`name`"),
    "name": ("    - Anna Ahnér, Askersunds kommun", "    - name: {v}\n      org: Askersunds kommun", "`name`"),
    "org": ("    - Anna Ahnér, Askersunds kommun", "    - name: Anna Ahnér\n      org: {v}", "`org`"),
    "role": ("    - Anna Ahnér, Askersunds kommun", "    - name: Anna Ahnér\n      role: {v}", "`role`"),
    "shorthand": ("    - Anna Ahnér, Askersunds kommun", "    - {v}", "Deltagaren i gruppen `Ledamöter`"),
    "group label": ("  Ledamöter:", "  {v}:", "Grupprubriken i `närvaro`"),
}


def _meeting_with(field: str, vector: str) -> tuple[str, int]:
    """The meeting text with the vector in `field`, and the line it lands on."""
    old, new, _ = FRONT_MATTER_FIELDS[field]
    text = minimal_meeting().replace(old, new.replace("{v}", json.dumps(vector, ensure_ascii=False)), 1)
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines, 1) if json.dumps(vector, ensure_ascii=False) in l)
    return text, line


@pytest.mark.parametrize("field", list(FRONT_MATTER_FIELDS))
def test_markup_in_a_front_matter_string_is_refused_at_its_line(tmp_path, field):
    minutes, expected = {}, set()
    for n, vector in enumerate(MARKUP_VECTORS, 1):
        date = (dt.date(2030, 1, 1) + dt.timedelta(days=n)).isoformat()
        text, line = _meeting_with(field, vector)
        minutes[f"{FOLKHALSA}/{date}.md"] = text.replace("2030-01-01", date)
        label = FRONT_MATTER_FIELDS[field][2]
        message = f"{label} innehåller HTML (`<…>`). Skriv ren text; HTML är bara tillåten i brödtexten."
        expected.add(f"content/minutes/{FOLKHALSA}/{date}.md:{line}: fel: {message}")
    make_tree(tmp_path, minutes)
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert set(run.errors) == expected


@pytest.mark.parametrize("field", list(FRONT_MATTER_FIELDS))
def test_script_like_text_in_a_front_matter_string_is_shown_as_text(tmp_path, field):
    minutes = {}
    for n, vector in enumerate(TEXT_VECTORS, 1):
        text, _ = _meeting_with(field, vector)
        minutes[f"{FOLKHALSA}/2030-01-{n:02d}.md"] = text.replace("2030-01-01", f"2030-01-{n:02d}")
    make_tree(tmp_path, minutes)
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    assert unsafe_in_site(tmp_path / "site") == {}
    for n, vector in enumerate(TEXT_VECTORS, 1):
        page = (tmp_path / "site" / FOLKHALSA / f"2030-01-{n:02d}" / "index.html").read_text("utf-8")
        shown = vector.split(",")[0] if field == "shorthand" else vector  # "Name, Organisation"
        assert shown in html.unescape(page)


COUNCIL = """{id}:
  name: {name}
  short_name: {short}
  description: {description}
"""


def test_markup_in_council_name_short_name_and_description_is_refused_at_its_line(tmp_path):
    councils, expected = "", set()
    for n, vector in enumerate(MARKUP_VECTORS):
        quoted = json.dumps(vector, ensure_ascii=False)
        first = councils.count("\n") + 1
        councils += COUNCIL.format(id=f"rad-{n}", name=quoted, short=quoted, description=quoted)
        for offset, key in ((1, "name"), (2, "short_name"), (3, "description")):
            expected.add(f"content/councils.yaml:{first + offset}: fel: `{key}` innehåller HTML (`<…>`). "
                         "Skriv ren text; HTML är bara tillåten i brödtexten.")
    make_tree(tmp_path, councils=councils)
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert set(run.errors) == expected


def test_script_like_council_name_is_shown_as_text(tmp_path):
    councils = "".join(COUNCIL.format(id=f"rad-{n}", name=json.dumps(v, ensure_ascii=False),
                                      short=json.dumps(v[:40], ensure_ascii=False), description=json.dumps(v, ensure_ascii=False))
                       for n, v in enumerate(TEXT_VECTORS))
    make_tree(tmp_path, councils=councils)
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    assert unsafe_in_site(tmp_path / "site") == {}
    for n, vector in enumerate(TEXT_VECTORS):
        assert vector in html.unescape((tmp_path / "site" / f"rad-{n}" / "index.html").read_text("utf-8"))


HOSTILE_IDS = ["../../etc", "/etc/passwd", "%2e%2e", "..\\..\\windows", "C:\\x", "<script>", "javascript:alert(1)",
               "a/../../b", ".", "..", "Rad", "råd", "rad\u202e", "rad\u200b"]


def test_hostile_council_ids_are_refused_at_their_line(tmp_path):
    councils = "".join(f"{json.dumps(i, ensure_ascii=False)}:\n  name: Rådet\n" for i in HOSTILE_IDS)
    make_tree(tmp_path, councils=councils)
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [
        f"content/councils.yaml:{2 * n + 1}: fel: Rådets id `{i}` får bara innehålla a–z, 0–9 och bindestreck (t.ex. `ssr-folkhalsa`)."
        .replace("\u202e", "<U+202E>")
        for n, i in sorted(enumerate(HOSTILE_IDS), key=lambda e: 2 * e[0] + 1)
    ]


@pytest.mark.parametrize("council", ["../../etc", "/etc/passwd", "%2e%2e", "..\\x"])
def test_hostile_council_reference_in_minutes_is_an_unknown_council(tmp_path, council):
    make_tree(tmp_path, {PATH: minimal_meeting(council=json.dumps(council))})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [f"{MEETING}:2: fel: Rådet `{council}` finns inte i councils.yaml. "
                          "Lägg till rådet i councils.yaml eller rätta id:t."]


@pytest.mark.parametrize("date", ["../../etc/passwd", "/etc/passwd", "%2e%2e/%2e%2e", "..\\..\\x", "2030-01-01/../.."])
def test_hostile_date_is_refused_at_its_line(tmp_path, date):
    make_tree(tmp_path, {PATH: minimal_meeting(date=json.dumps(date))})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [f"{MEETING}:3: fel: `date: {date}` är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-03-21."]


ATTACHMENT_NAME_ERRORS = {"\\": "bad-attachment-name", "#": "bad-attachment-name", "?": "bad-attachment-name",
                          "%": "bad-attachment-name", "\t": "bad-attachment-name"}


def test_xss_vectors_as_attachment_names_are_published_as_harmless_links(tmp_path):
    by_folded = {v.replace("/", "∕").casefold(): v.replace("/", "∕") + ".pdf"  # one output path per case-folded name
                 for v in VECTORS if not any(c in v for c in "\\#?%\t") and len(v) < 200}
    names = sorted(by_folded.values())
    make_tree(tmp_path, {PATH: minimal_meeting(), **{f"{FOLKHALSA}/2030-01-01/{n}": b"%PDF-1.4\n" for n in names}})
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    assert unsafe_in_site(tmp_path / "site") == {}
    page = (tmp_path / "site" / FOLKHALSA / "2030-01-01" / "index.html").read_text("utf-8")
    for name in names:
        assert (tmp_path / "site" / FOLKHALSA / "2030-01-01" / name).read_bytes() == b"%PDF-1.4\n"
        assert f">{html.escape(name)}</a>" in page.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


def test_attachment_names_a_url_cannot_carry_and_active_file_types_are_refused(tmp_path):
    names = {"a\\b.pdf": "`\\`", "bilaga#2.pdf": "`#`", "varför?.pdf": "`?`", "100%.pdf": "`%`", "tab\there.pdf": "`<U+0009>`",
             "namn\u202efdp.exe": "`<U+202E>`"}
    active = ["bilaga.html", "bilaga.HTM", "bild.svg", "skript.js", "data.xml", "sida.xhtml"]
    files = {f"{FOLKHALSA}/2030-01-01/{n}": b"<script>alert(1)</script>" for n in [*names, *active]}
    make_tree(tmp_path, {PATH: minimal_meeting(), **files})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    folder = f"content/minutes/{FOLKHALSA}/2030-01-01"
    escape = lambda s: s.replace("\t", "<U+0009>").replace("\u202e", "<U+202E>")  # noqa: E731
    assert set(run.errors) == {
        f"{folder}/{escape(n)}:1: fel: Filnamnet innehåller tecknet {c}, som inte fungerar i en webbadress. "
        "Byt namn på filen; använd bokstäver, siffror, mellanslag, bindestreck och punkt." for n, c in names.items()
    } | {
        f"{folder}/{n}:1: fel: Bilagor av typen .{n.rsplit('.', 1)[1].lower()} publiceras inte, eftersom webbläsaren "
        "kan köra kod i dem. Spara bilagan som PDF i stället." for n in active
    }


def test_an_attachment_name_ending_in_a_dot_or_space_is_refused(tmp_path):
    """`evil.html.` would be served as HTML by servers that drop the trailing dot (and on Windows)."""
    files = {f"{FOLKHALSA}/2030-01-01/{n}": b"<script>alert(1)</script>" for n in ["evil.html.", "evil.svg ", "rapport.pdf."]}
    make_tree(tmp_path, {PATH: minimal_meeting(), **files})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    folder = f"content/minutes/{FOLKHALSA}/2030-01-01"
    assert sorted(run.errors) == [
        f"{folder}/evil.html.:1: fel: Bilagor av typen .html publiceras inte, eftersom webbläsaren kan köra kod i dem. "
        "Spara bilagan som PDF i stället.",
        f"{folder}/evil.svg :1: fel: Bilagor av typen .svg publiceras inte, eftersom webbläsaren kan köra kod i dem. "
        "Spara bilagan som PDF i stället.",
        f"{folder}/rapport.pdf.:1: fel: Filnamnet innehåller tecknet `.` sist, som inte fungerar i en webbadress. "
        "Byt namn på filen; använd bokstäver, siffror, mellanslag, bindestreck och punkt.",
    ]


# --- symlinks out of content/ ------------------------------------------------------------

OUTSIDE_MESSAGE = ("fel: Filen är en symbolisk länk som pekar utanför innehållsmappen och publiceras inte. "
                   "Kopiera in filen i stället.")


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "utanfor"
    (secret / "x" / "2030-01-01").mkdir(parents=True)
    (secret / "hemlig.md").write_text(minimal_meeting(), "utf-8")
    (secret / "x" / "2030-01-01" / "hemlig.txt").write_text("HEMLIGT", "utf-8")
    (secret / "site.yaml").write_text((SEED_CONTENT / "site.yaml").read_text("utf-8"), "utf-8")
    return secret


@pytest.mark.parametrize("link", ["minutes file", "attachment", "council folder", "minutes folder", "site.yaml"])
def test_symlink_out_of_content_is_refused_and_nothing_outside_is_published(tmp_path, link):
    secret = _outside(tmp_path)
    content = make_tree(tmp_path, {f"{FOLKHALSA}/2030-01-02.md": minimal_meeting(date="2030-01-02")}
                        if link != "minutes file" else {})
    where = {
        "minutes file": (content / "minutes" / FOLKHALSA / "2030-01-01.md", secret / "hemlig.md"),
        "attachment": (content / "minutes" / FOLKHALSA / "2030-01-02" / "hemlig.txt", secret / "x" / "2030-01-01" / "hemlig.txt"),
        "council folder": (content / "minutes" / "x", secret / "x"),
        "minutes folder": (content / "minutes", secret),
        "site.yaml": (content / "site.yaml", secret / "site.yaml"),
    }[link]
    if where[0].exists():
        import shutil
        shutil.rmtree(where[0]) if where[0].is_dir() else where[0].unlink()
    where[0].parent.mkdir(parents=True, exist_ok=True)
    where[0].symlink_to(where[1])
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [f"{where[0].relative_to(tmp_path).as_posix()}:1: {OUTSIDE_MESSAGE}"]
    assert not (tmp_path / "site").exists()


# --- huge inputs ---------------------------------------------------------------------------

def _paragraphs(total: int) -> str:
    rng = random.Random(1)
    words = ["kommun", "region", "samverkan", "folkhälsa", "beslut", "rapport", "ärende", "länet", "arbete", "plan"]
    out, size = [], 0
    n = 0
    while size < total:
        n += 1
        para = f"Stycke {n}: " + " ".join(rng.choice(words) for _ in range(80)) + "\n\n"
        out.append(para)
        size += len(para.encode())
    return "".join(out)


def test_five_megabyte_minutes_build_and_keep_their_last_paragraph(tmp_path):
    body = _paragraphs(5 * 1024 * 1024)
    last = body.strip().rsplit("\n\n", 1)[1].split(":")[0]
    make_tree(tmp_path, {PATH: minimal_meeting() + body})
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    page = (tmp_path / "site" / FOLKHALSA / "2030-01-01" / "index.html").read_text("utf-8")
    assert f"<p>{last}:" in page


def test_minutes_larger_than_the_limit_are_refused_with_their_size(tmp_path):
    make_tree(tmp_path, {PATH: minimal_meeting() + "x" * (9 * 1024 * 1024)})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [f"{MEETING}:1: fel: Filen är 9.0 MB; största tillåtna storlek är 8 MB. "
                          "Dela upp den eller lägg stora delar som bilaga."]


def test_a_line_of_100000_characters_is_rendered_whole(tmp_path):
    line = ("långt" * 20000)
    make_tree(tmp_path, {PATH: minimal_meeting() + "\n" + line + "\n"})
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    assert f"<p>{line}</p>" in (tmp_path / "site" / FOLKHALSA / "2030-01-01" / "index.html").read_text("utf-8")


def test_ten_thousand_attendees_are_all_listed(tmp_path):
    rng = random.Random(8)
    syllables = ["ka", "lo", "mi", "ne", "sa", "tu", "vi", "re", "jo", "ha", "el", "in", "or", "ul", "by", "gö"]
    names = set()
    while len(names) < 10000:
        names.add(" ".join("".join(rng.choice(syllables) for _ in range(4)).capitalize() for _ in range(2)))
    people = "".join(f"    - {n}, Kommun {i % 12}\n" for i, n in enumerate(sorted(names)))
    make_tree(tmp_path, {PATH: minimal_meeting().replace("    - Anna Ahnér, Askersunds kommun\n", people)})
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    page = (tmp_path / "site" / FOLKHALSA / "2030-01-01" / "index.html").read_text("utf-8")
    assert page.count('<tr class="status-present">') == 10000


@pytest.mark.parametrize("shape", ["lists", "blockquotes", "mixed"])
def test_deeply_nested_markdown_builds_to_harmless_html(tmp_path, shape):
    depth = 2000
    body = {
        "lists": "".join("  " * i + "- nivå\n" for i in range(depth)),
        "blockquotes": ">" * depth + " citat\n",
        "mixed": "".join("> " * i + "- nivå\n" for i in range(300)),
    }[shape]
    make_tree(tmp_path, {PATH: minimal_meeting() + "\n" + body})
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    assert unsafe_in_site(tmp_path / "site") == {}


@pytest.mark.parametrize("where", ["minutes", "councils.yaml", "people.yaml"])
def test_billion_laughs_alias_bomb_is_refused_without_expanding(tmp_path, where):
    bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    if where == "minutes":
        make_tree(tmp_path, {PATH: "---\n" + bomb + "---\n"})
        expected = f"{MEETING}:2: fel: "
    else:
        make_tree(tmp_path, **{where.split(".")[0]: bomb})
        expected = f"content/{where}:1: fel: "
    run = build_in(tmp_path)
    assert_clean_failure(run)
    # one message, also for councils.yaml (an unreadable file is not reported again as "not a mapping")
    assert set(run.errors) == {expected + "YAML-ankare och alias (`&namn`, `*namn`) stöds inte. Skriv ut värdet på varje ställe."}


def test_deeply_nested_yaml_is_refused_at_its_line(tmp_path):
    make_tree(tmp_path, {PATH: "---\nnärvaro: " + "[" * 5000 + "]" * 5000 + "\n---\n"})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [f"{MEETING}:2: fel: YAML-strukturen är för djupt nästlad (mer än 20 nivåer). "
                          "Front matter behöver bara några få nivåer."]


# --- encodings ---------------------------------------------------------------------------------

def test_invalid_utf8_is_refused_at_the_line_it_occurs(tmp_path):
    make_tree(tmp_path, {PATH: minimal_meeting().encode() + "Ärende:\n".encode("latin-1")})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [f"{MEETING}:13: fel: Filen är inte giltig UTF-8. Spara om den som UTF-8 "
                          "(i de flesta redigerare: Spara som … > Kodning: UTF-8)."]


@pytest.mark.parametrize("variant", ["bom", "crlf", "cr", "nfd"])
def test_bom_crlf_and_nfd_give_the_same_page_as_clean_utf8(tmp_path, variant):
    text = minimal_meeting(**{"Ordföranden öppnade mötet.": "Ordföranden öppnade mötet.\n\n[Punkt 1](#p1)"})
    make_tree(tmp_path / "clean", {PATH: text})
    assert build_in(tmp_path / "clean").code == 0
    data = {
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
        "nfd": unicodedata.normalize("NFD", text).encode(),
    }[variant]
    make_tree(tmp_path / "odd", {PATH: data})
    run = build_in(tmp_path / "odd")
    assert run.code == 0, run.stderr
    rel = Path(FOLKHALSA) / "2030-01-01" / "index.html"
    assert (tmp_path / "odd" / "site" / rel).read_bytes() == (tmp_path / "clean" / "site" / rel).read_bytes()


def test_nfd_attachment_name_is_published_under_its_nfc_name(tmp_path):
    nfd = unicodedata.normalize("NFD", "Bilaga årsrapport.pdf")
    make_tree(tmp_path, {PATH: minimal_meeting(), f"{FOLKHALSA}/2030-01-01/{nfd}": b"%PDF-1.4\n"})
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    assert (tmp_path / "site" / FOLKHALSA / "2030-01-01" / "Bilaga årsrapport.pdf").read_bytes() == b"%PDF-1.4\n"


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_zero_width_characters_in_names_are_dropped(tmp_path, char):
    make_tree(tmp_path, {PATH: minimal_meeting(**{"Anna Ahnér, Askersunds": f"An{char}na Ah{char}nér, Askers{char}unds"})})
    run = build_in(tmp_path)
    assert run.code == 0, run.stderr
    page = (tmp_path / "site" / FOLKHALSA / "2030-01-01" / "index.html").read_text("utf-8")
    assert ">Anna Ahnér</a>" in page and "<td>Askersunds kommun</td>" in page
    assert char not in page


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"])
@pytest.mark.parametrize("field", ["name", "org", "title", "group label"])
def test_bidi_control_characters_in_names_are_refused_at_their_line(tmp_path, char, field):
    text, line = _meeting_with(field, f"Anna{char} Ahnér")
    make_tree(tmp_path, {PATH: text})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    label = FRONT_MATTER_FIELDS[field][2]
    message = (f"{label} innehåller ett osynligt styrtecken (U+{ord(char):04X} {unicodedata.name(char)}), till exempel "
               "för textriktning, som kan få texten att visas i fel ordning. Ta bort tecknet; skriv om texten om det behövs.")
    assert run.errors == [f"{MEETING}:{line}: fel: {message}"]


def test_control_characters_in_yaml_are_refused_at_their_line(tmp_path):
    make_tree(tmp_path, {PATH: minimal_meeting(**{"justerare: []": "place: Sal\x07 1\njusterare: []"})})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [f"{MEETING}:4: fel: Otillåtet tecken (U+0007) i YAML. Ta bort tecknet."]


def test_newline_in_a_yaml_key_does_not_break_the_one_problem_per_line_format(tmp_path):
    make_tree(tmp_path, {PATH: minimal_meeting(**{"justerare: []": '"rad\\nett\\u202erad": x\njusterare: []'})})
    run = build_in(tmp_path)
    assert_clean_failure(run)
    assert run.errors == [f"{MEETING}:4: fel: Okänd nyckel `rad<U+000A>ett<U+202E>rad` i front matter. "
                          "Tillåtna nycklar: council, date, type, title, time, place, justerare, närvaro, anslagen, rättelser."]
