"""No personnummer or samordningsnummer is ever published: in front matter, the body, the YAML
files or an attachment's file name, it is an error at its line; numbers that merely look
like one are not."""

from __future__ import annotations

import pytest

from generator.content import personnummer

from .conftest import minutes, write_tree

# Valid check digits (Luhn over YYMMDDNNN), computed by hand:
# 811218-987 -> 6; 19 81 12 18 ... the same; samordningsnummer 811278-987 -> 3; 121212-121 -> 2.
VALID = [
    "811218-9876",        # YYMMDD-NNNC
    "8112189876",         # without the hyphen
    "19811218-9876",      # YYYYMMDD-NNNC
    "198112189876",       # YYYYMMDDNNNC
    "121212+1212",        # `+`: the person is 100 or older
    "811278-9873",        # samordningsnummer: day 18 + 60
    "811218–9876",        # the en dash Word puts for a hyphen
]

NEAR_MISSES = [
    "Dnr 2024/555",                     # diarienummer
    "Dnr RS 2024-00123",                # diarienummer with year and serial
    "Dnr KS 21/03458",
    "Telefon 019-602 10 00",            # phone numbers as they are written
    "Mobil 070-123 45 67",
    "Ring 0701234567",                  # ten digits, 07-01-23, but the check digit is wrong
    "+46 70 123 45 67",
    "Mötet 2024-03-21 kl. 09.00-12.00",  # dates and times
    "2024-03-21 - 2024-04-15",
    "20240321",
    "Beslutet 2024-03-21T10:00",
    "811218-9877",                      # the right shape, a wrong check digit
    "19811218-9875",
    "811332-9876",                      # month 13 and day 32 do not exist
    "810230-9871",                      # 30 February does not exist
    "Region Örebro län, org.nr 212000-1850",  # organisationsnummer: month digits 20 or more
    "Org.nr 556677-8899",
    "16212000-1850",                    # organisationsnummer with its 16 prefix
    "Budget 1 234 567 kr och 12 345 678,50 kr",  # amounts
    "Anslag 2500000 kr",
    "Belopp 1234567890 kr",
    "OCR 123456789012",
    "Bankgiro 5050-1055, plusgiro 90 20 01-0",
    "Postadress 702 81 Örebro",
    "IBAN SE45 5000 0000 0583 9825 7466",
    "Fakturanummer 98112189876",         # eleven digits: a valid number inside a longer one
]


@pytest.mark.parametrize("number", VALID)
def test_personnummer_and_samordningsnummer_are_found(number):
    assert len(personnummer.find(f"Sökande: Anna Andersson, {number}, Örebro")) == 1


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_numbers_that_only_look_like_one_are_not_flagged(text):
    assert personnummer.find(text) == []


def test_there_are_at_least_fifteen_realistic_near_misses():
    assert len(NEAR_MISSES) >= 15


def test_the_luhn_check_is_the_standard_one():
    assert personnummer.luhn_ok("8112189876") and not personnummer.luhn_ok("8112189877")
    assert personnummer.luhn_ok("79927398713")  # the textbook example


def build(cli, tmp_path, files):
    write_tree(tmp_path, files)
    return cli("build", "--content", "content", "--out", "site", "--no-search")


BODY_MESSAGE = ("fel: Raden innehåller ett personnummer eller samordningsnummer ({}). Sådana nummer får aldrig "
                "publiceras: ta bort numret (ett namn, eller vid behov ett födelseår, räcker). Är det ett annat "
                "slags nummer, till exempel ett telefonnummer, dela upp det som vanligt (070-123 45 67).")


def test_a_personnummer_in_the_body_is_refused_at_its_line(cli, tmp_path):
    body = "## 1. Ansökan\n\nAnsökan från Anna Andersson (811218-9876) bifölls.\n"
    result = build(cli, tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(body=body)})
    assert result.code == 1 and not (tmp_path / "site").exists()
    assert result.lines == ["content/minutes/ssr-folkhalsa/2025-03-21.md:11: " + BODY_MESSAGE.format("811218-****")]
    assert "9876" not in result.err  # the number itself never reaches a (public) log


def test_a_personnummer_in_front_matter_is_refused_at_its_line(cli, tmp_path):
    narvaro = "  Ledamöter:\n    - Anna Ahnér, Askersunds kommun\n    - name: Bo Ek\n      org: 198112189876\n"
    result = build(cli, tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(narvaro=narvaro)})
    assert result.code == 1
    assert result.lines == ["content/minutes/ssr-folkhalsa/2025-03-21.md:9: " + BODY_MESSAGE.format("19811218****")]


def test_a_personnummer_in_the_yaml_files_is_refused(cli, tmp_path):
    people = "anna-andersson:\n  name: Anna Andersson\n  aliases: [Anna A 811278-9873]\n"
    result = build(cli, tmp_path, {"people.yaml": people, "minutes/ssr-folkhalsa/2025-03-21.md": minutes()})
    assert result.code == 1
    assert result.lines == ["content/people.yaml:3: " + BODY_MESSAGE.format("811278-****")]


def test_a_personnummer_in_an_attachment_name_is_refused(cli, tmp_path):
    result = build(cli, tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(),
                                   "minutes/ssr-folkhalsa/2025-03-21/Ansökan 8112189876.pdf": b"%PDF-1.4\n"})
    assert result.code == 1
    assert result.lines == [
        "content/minutes/ssr-folkhalsa/2025-03-21/Ansökan 8112189876.pdf:1: fel: Filnamnet innehåller ett "
        "personnummer eller samordningsnummer (811218****), och filnamnet publiceras i bilagans adress. Byt namn "
        "på filen så att numret inte finns med."]


def test_every_number_is_reported_and_none_can_be_allowed(cli, tmp_path):
    body = "## 1. Ärenden\n\n811218-9876 och 121212+1212\n\nOch 811278-9873.\n"
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(body=body)})
    result = cli("check", "--content", "content", "--format", "github")
    assert result.code == 1
    assert [line.split("::")[1] for line in result.out.splitlines()] == [
        "error file=content/minutes/ssr-folkhalsa/2025-03-21.md,line=11,title=personnummer"] * 2 + [
        "error file=content/minutes/ssr-folkhalsa/2025-03-21.md,line=13,title=personnummer"]
    assert "--allow" not in cli("check", "--help").out


def test_minutes_full_of_near_misses_build(cli, tmp_path):
    body = "## 1. Övrigt\n\n" + "\n\n".join(NEAR_MISSES) + "\n"
    result = build(cli, tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(body=body)})
    assert result.code == 0, result.err
