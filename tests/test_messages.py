"""A mistake is told as what it is, at its line, once: a file saved as UTF-16, a lone CR,
an over-long name, a broken councils.yaml, a control character, bidi controls in the
body, a name that shows as nothing, and a name in another script that looks like a known one."""

from __future__ import annotations

import unicodedata

import pytest

from .conftest import minutes, write_tree

MEETING = "minutes/ssr-folkhalsa/2025-03-21.md"
PATH = f"content/{MEETING}"


def errors(run) -> list[str]:
    return [line for line in run.lines if ": fel: " in line]


def _check(cli, tmp_path, files: dict):
    write_tree(tmp_path, files)
    return cli("check", "--content", "content")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_is_named_as_utf16(cli, tmp_path, codec):
    run = _check(cli, tmp_path, {MEETING: minutes().encode(codec)})
    assert run.code == 1
    assert run.lines == [f"{PATH}:1: fel: Filen verkar vara UTF-16; spara som UTF-8 "
                         "(i de flesta redigerare: Spara som … > Kodning: UTF-8)."]


def test_a_lone_cr_is_reported_at_its_own_line_and_later_lines_stay_right(cli, tmp_path):
    text = minutes(extra="title: Möte\ri mars\nplace: [Sal\n")  # title on line 4, the broken place on line 5
    run = _check(cli, tmp_path, {MEETING: text})
    assert run.code == 1
    assert run.lines[0] == (f"{PATH}:4: fel: Raden innehåller ett ensamt CR-tecken (vagnretur, U+000D), som vissa "
                            "program visar som radbrytning och andra inte. Ta bort tecknet, eller gör en vanlig radbrytning.")
    assert len(run.lines) == 2 and run.lines[1].startswith(f"{PATH}:5: fel: Hakparentesen `[` på rad 5 stängs aldrig")


def test_crlf_and_cr_only_files_are_not_lone_crs(cli, tmp_path):
    run = _check(cli, tmp_path, {MEETING: minutes().replace("\n", "\r\n").encode(),
                                 "minutes/ssr-folkhalsa/2025-03-22.md": minutes(date="2025-03-22").replace("\n", "\r").encode()})
    assert run.code == 0, run.err


def test_an_over_long_name_names_where_it_stands(cli, tmp_path):
    narvaro = "  Ledamöter:\n    - " + "A" * 10_000 + ", Nora kommun\n    - name: " + "B" * 3000 + "\n"
    run = _check(cli, tmp_path, {MEETING: minutes(narvaro=narvaro)})
    assert run.lines == [f"{PATH}:7: fel: Deltagaren i gruppen `Ledamöter` är längre än 2000 tecken. Korta texten.",
                         f"{PATH}:8: fel: `name` är längre än 2000 tecken. Korta texten."]


def test_a_broken_councils_yaml_is_reported_once(cli, tmp_path):
    run = _check(cli, tmp_path, {"councils.yaml": "ssr-folkhalsa:\n  name: [Specifika\n",
                                 MEETING: minutes(), "minutes/ssr-folkhalsa/2025-03-22.md": minutes(date="2025-03-22"),
                                 "minutes/ssr-folkhalsa/2025-03-23.md": minutes(date="2025-03-23", extra="titel: x\n")})
    assert run.code == 1
    assert errors(run) == [
        "content/councils.yaml:2: fel: Hakparentesen `[` på rad 2 stängs aldrig med `]`. Avsluta med `]` på samma rad, "
        "och skriv `,` mellan värdena. Står `[` i en text, sätt citattecken runt hela värdet.",
        "content/minutes/ssr-folkhalsa/2025-03-23.md:4: fel: Okänd nyckel `titel` i front matter. Menade du `title`?",
    ]  # other mistakes in the minutes are still found


def test_a_missing_councils_yaml_is_reported_once(cli, tmp_path):
    write_tree(tmp_path, {MEETING: minutes(), "minutes/ssr-folkhalsa/2025-03-22.md": minutes(date="2025-03-22")})
    (tmp_path / "content" / "councils.yaml").unlink()
    run = cli("check", "--content", "content")
    assert errors(run) == ["content/councils.yaml:1: fel: Filen `councils.yaml` saknas i innehållsmappen. "
                         "Skapa den (se redaktörshandledningen)."]


@pytest.mark.parametrize(("char", "name"), [("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
                                            ("\U000e0041", "TAG LATIN CAPITAL LETTER A")])
def test_a_control_character_in_a_group_label_is_named_as_such(cli, tmp_path, char, name):
    run = _check(cli, tmp_path, {MEETING: minutes(narvaro=f"  Leda{char}möter:\n    - Anna Ahnér\n")})
    assert run.lines == [f"{PATH}:6: fel: Grupprubriken i `närvaro` innehåller ett osynligt styrtecken "
                         f"(U+{ord(char):04X} {name}), till exempel för textriktning, som kan få texten att visas i fel "
                         "ordning. Ta bort tecknet; skriv om texten om det behövs."]


def test_bidi_controls_in_the_body_are_refused_at_their_lines(cli, tmp_path):
    body = "## 1. Mötet öppnas\n\nBeslut: avslag\u202e bifall\u202c.\n\n```\nkod \u2066x\u2069\n```\n\nRätt\u200f text.\n"
    run = _check(cli, tmp_path, {MEETING: minutes(body=body)})
    message = ("fel: Brödtexten innehåller ett osynligt styrtecken för textriktning ({}), som kan få texten att visas "
               "i en annan ordning än den står. Ta bort tecknet.")
    assert run.lines == [f"{PATH}:11: " + message.format("U+202E RIGHT-TO-LEFT OVERRIDE"),
                         f"{PATH}:14: " + message.format("U+2066 LEFT-TO-RIGHT ISOLATE")]  # U+200F, a mark, is allowed


@pytest.mark.parametrize(("name", "first"), [("\u3164", "U+3164 HANGUL FILLER"), ("\u2800\u2800", "U+2800 BRAILLE PATTERN BLANK"),
                                             ("\u0301\u0308", "U+0301 COMBINING ACUTE ACCENT"),
                                             ("\u3164 \u115f", "U+3164 HANGUL FILLER")])
def test_a_name_made_only_of_invisible_or_combining_characters_is_refused(cli, tmp_path, name, first):
    run = _check(cli, tmp_path, {MEETING: minutes(narvaro=f'  Ledamöter:\n    - name: "{name}"\n')})
    assert run.lines == [f"{PATH}:7: fel: `name` består bara av osynliga eller kombinerande tecken ({first}). "
                         "Skriv texten med vanliga bokstäver."]


def test_a_name_made_only_of_tag_characters_is_refused(cli, tmp_path):
    run = _check(cli, tmp_path, {MEETING: minutes(narvaro='  Ledamöter:\n    - name: "\U000e0041\U000e0042"\n')})
    assert run.code == 1 and "U+E0041 TAG LATIN CAPITAL LETTER A" in run.lines[0]


@pytest.mark.parametrize("lookalike", ["\u0410nna Ahnér", "Anna \u0410hn\u0435r", "\u0391nna Ahnér"])
def test_a_name_in_another_script_that_looks_like_a_known_one_gets_the_near_miss_warning(cli, tmp_path, lookalike):
    people = "anna-ahner:\n  name: Anna Ahnér\n"
    run = _check(cli, tmp_path, {"people.yaml": people,
                                 MEETING: minutes(narvaro=f"  Ledamöter:\n    - {lookalike}, Askersunds kommun\n")})
    foreign = next(ch for ch in lookalike if ord(ch) > 0x370)
    assert run.lines == [f"{PATH}:7: varning: Namnet {lookalike} ser ut som Anna Ahnér men innehåller "
                         f"U+{ord(foreign):04X} {unicodedata.name(foreign)}, en bokstav ur ett annat alfabet. Skriv namnet "
                         "med vanliga bokstäver; är stavningen avsiktlig, lägg till den som alias i people.yaml."]
