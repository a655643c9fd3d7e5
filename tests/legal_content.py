"""A small site of nämnder that announce their minutes on the anslagstavla, for the tests of
anslag, appeal periods and rättelser (and for axe and the Nu checker on those pages).

Built with SOURCE_DATE_EPOCH = TODAY (Friday 10 April 2026 in Sweden), its meetings are:

| meeting                          | announced  | last day to appeal | on 2026-04-10                       |
| -------------------------------- | ---------- | ------------------ | ----------------------------------- |
| kommunstyrelsen/2025-11-10       | 2025-11-17 | 2025-12-08         | taken down more than 3 months ago   |
| kommunstyrelsen/2026-02-16       | 2026-02-23 | 2026-03-16         | taken down 2026-03-17 (nedtagna)    |
| kommunstyrelsen/2026-03-13       | 2026-03-20 | 2026-04-10         | its last day: posted                |
| kommunstyrelsen/2026-03-16       | 2026-03-24 | 2026-04-14         | posted; has two rättelser           |
| tekniska-namnden/2026-03-20      | 03-27, 03-30 (joint) | 2026-04-20 | posted (from the last announcement) |
| kommunstyrelsen/2026-04-06       | 2026-04-13 | 2026-05-04         | not yet announced                   |
| kommunstyrelsen/2026-04-08       | -          | -                  | not justerat                        |
"""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 4, 10)
EPOCH = str(int(dt.datetime(2026, 4, 10, 10, 0, tzinfo=dt.timezone.utc).timestamp()))

COUNCILS = """\
kommunstyrelsen:
  name: Kommunstyrelsen
  short_name: KS
  type: protokoll
  anslag: true
  förvaringsplats: Kommunledningskontoret, Stadshuset, Storgatan 1
tekniska-namnden:
  name: Tekniska nämnden
  short_name: TN
  type: protokoll
  anslag: true
  förvaringsplats: Tekniska förvaltningen, Storgatan 3
samverkansradet:
  name: Samverkansrådet
  type: minnesanteckningar
"""

BODY = """\
## 1. Mötet öppnas

Ordföranden öppnade mötet.

## 2. Budget 2027

Beslut: Nämnden antar budgeten.

## 3. Mötet avslutas

Ordföranden avslutade mötet.
"""

PEOPLE = """\
närvaro:
  Ledamöter:
    - name: Eva Ek
      org: Socialdemokraterna
      role: ordförande
    - Olle Berg, Moderaterna
"""


def minutes_file(council: str, date: str, justerat: str | None, extra: str = "") -> str:
    justerare = f"  - name: Olle Berg\n    date: {justerat}\n" if justerat else "  - Olle Berg\n"
    return f"---\ncouncil: {council}\ndate: {date}\njusterare:\n{justerare}{extra}{PEOPLE}---\n{BODY}"


FILES = {
    "councils.yaml": COUNCILS,
    "minutes/kommunstyrelsen/2025-11-10.md": minutes_file("kommunstyrelsen", "2025-11-10", "2025-11-14",
                                                          "anslagen: 2025-11-17\n"),
    "minutes/kommunstyrelsen/2026-02-16.md": minutes_file("kommunstyrelsen", "2026-02-16", "2026-02-20",
                                                          "anslagen: 2026-02-23\n"),
    "minutes/kommunstyrelsen/2026-03-13.md": minutes_file("kommunstyrelsen", "2026-03-13", "2026-03-18",
                                                          "anslagen: 2026-03-20\n"),
    "minutes/kommunstyrelsen/2026-03-16.md": minutes_file(
        "kommunstyrelsen", "2026-03-16", "2026-03-23",
        "anslagen: 2026-03-24\n"
        "rättelser:\n"
        "  - datum: 2026-03-30\n"
        "    punkt: 2\n"
        "    text: Beslutet saknade andra meningen; den är tillagd.\n"
        "  - datum: 2026-04-02\n"
        "    text: Närvarolistan rättad.\n"),
    "minutes/tekniska-namnden/2026-03-20.md": minutes_file(
        "[tekniska-namnden, kommunstyrelsen]", "2026-03-20", "2026-03-26",
        "anslagen:\n  tekniska-namnden: 2026-03-27\n  kommunstyrelsen: 2026-03-30\n"),
    "minutes/kommunstyrelsen/2026-04-06.md": minutes_file("kommunstyrelsen", "2026-04-06", "2026-04-09",
                                                          "anslagen: 2026-04-13\n"),
    "minutes/kommunstyrelsen/2026-04-08.md": minutes_file("kommunstyrelsen", "2026-04-08", None),
}

POSTED = ["/tekniska-namnden/2026-03-20/", "/kommunstyrelsen/2026-03-16/", "/kommunstyrelsen/2026-03-13/"]
TAKEN_DOWN = ["/kommunstyrelsen/2026-02-16/"]
