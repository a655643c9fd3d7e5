"""Personal identity numbers are never published (Datainspektionen's checklist for minutes on the web).

A personnummer is YYMMDD-NNNC (`+` instead of `-` from the year the person turns 100)
or YYYYMMDDNNNC, with or without the separator; a samordningsnummer is the same
with 60 added to the day. C is a Luhn check digit over the ten digits YYMMDDNNN.
A number is reported only when all of that holds: a real date (month 01-12, a
day that month has), a century of 18, 19 or 20 for twelve digits, and the check
digit. So dates, diarienummer (2024/555), telephone numbers, amounts and
organisationsnummer (whose month digits are 20 or more: 212000-1850) pass. The
check has no switch: an editor who means a number must write it some other way.
Messages never repeat the last four digits, since CI prints them in public logs.
"""

from __future__ import annotations

import calendar
import re

from generator.shared.problems import Problems

SEPARATORS = "-+\u2010\u2011\u2012\u2013\u2212"
"""Hyphen and plus, and the dashes Word turns a hyphen into."""
CANDIDATE_RE = re.compile(rf"(?<![0-9])([0-9]{{8}}|[0-9]{{6}})([{SEPARATORS}]?)([0-9]{{4}})(?![0-9])")
SAMORDNING_OFFSET = 60
CENTURIES = (18, 19, 20)
_DIGIT_BYTES = bytes(48 if 48 <= i <= 57 else 46 for i in range(256))
"""bytes.translate table: every ASCII digit to `0`, every other byte to `.`."""


def luhn_ok(digits: str) -> bool:
    """The Luhn check over a string of digits, the last being the check digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _date_exists(years: list[int], month: int, day: int) -> bool:
    if day > SAMORDNING_OFFSET:
        day -= SAMORDNING_OFFSET
    if not 1 <= month <= 12 or day < 1:
        return False
    return any(day <= calendar.monthrange(year, month)[1] for year in years)


def is_identity_number(date_part: str, serial: str) -> bool:
    """`date_part` YYMMDD or YYYYMMDD and `serial` NNNC form a valid personnummer or samordningsnummer."""
    if len(date_part) == 8:
        century = int(date_part[:2])
        if century not in CENTURIES:
            return False
        years = [int(date_part[:4])]
        date_part = date_part[2:]
    else:
        years = [century * 100 + int(date_part[:2]) for century in CENTURIES]
    if not _date_exists(years, int(date_part[2:4]), int(date_part[4:6])):
        return False
    return luhn_ok(date_part + serial)


def may_contain(text: str) -> bool:
    """Whether `text` has six digits in a row, as every identity number does. Ten times faster than
    the regular expression (a table lookup per byte in C), so most files are never searched."""
    return b"000000" in text.encode("utf-8", "surrogatepass").translate(_DIGIT_BYTES)


def find(text: str) -> list[tuple[int, str]]:
    """(offset, masked number) of every identity number in `text`."""
    if not may_contain(text):
        return []
    found = []
    for match in CANDIDATE_RE.finditer(text):
        date_part, separator, serial = match.groups()
        if is_identity_number(date_part, serial):
            found.append((match.start(), f"{date_part}{separator}****"))
    return found


def check_text(text: str, rel_path: str, problems: Problems) -> None:
    """Report every identity number in a content file's text at its line."""
    for offset, masked in find(text):
        problems.error(rel_path, text.count("\n", 0, offset) + 1, "personnummer",
                       f"Raden innehåller ett personnummer eller samordningsnummer ({masked}). Sådana nummer får "
                       "aldrig publiceras: ta bort numret (ett namn, eller vid behov ett födelseår, räcker). Är det ett "
                       "annat slags nummer, till exempel ett telefonnummer, dela upp det som vanligt (070-123 45 67).")


def check_file_name(name: str, rel_path: str, problems: Problems) -> None:
    """Report an identity number in an attachment's file name."""
    for _, masked in find(name):
        problems.error(rel_path, 1, "personnummer",
                       f"Filnamnet innehåller ett personnummer eller samordningsnummer ({masked}), och filnamnet "
                       "publiceras i bilagans adress. Byt namn på filen så att numret inte finns med.")
