"""The rules of DESIGN 1b for anslag and rättelser, from tiny inline sites, with the exact
`path:line:` message each problem gives."""

from __future__ import annotations

import pytest

from .conftest import BASE_COUNCILS, minutes, write_tree

COUNCILS = BASE_COUNCILS + """\
ks:
  name: Kommunstyrelsen
  type: protokoll
  anslag: true
  förvaringsplats: Stadshuset
tn:
  name: Tekniska nämnden
  type: protokoll
  anslag: true
  förvaringsplats: Tekniska kontoret
"""
PATH = "content/minutes/ks/2026-03-16.md"
SIGNED = "[{name: Anna Ahnér, date: 2026-03-23}]"  # Monday 23 March 2026


def ks_minutes(extra: str = "", justerare: str = SIGNED, council: str = "ks", **kwargs) -> str:
    return minutes(council=council, date="2026-03-16", justerare=justerare, extra=extra, **kwargs)


def check(cli, tmp_path, files: dict) -> list[str]:
    write_tree(tmp_path, {"councils.yaml": COUNCILS, **files})
    result = cli("check", "--content", "content")
    assert result.code in (0, 1), result.err
    return result.lines


CASES = {
    "announced before the justering": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen: 2026-03-20\n")},
        [f"{PATH}:4: fel: `anslagen: 2026-03-20` är före justeringen (2026-03-23). Justeringen kan anslås först "
         "när protokollet är justerat: rätta datumet."]),
    "announced before every justerare signed": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen: 2026-03-24\n", justerare="[Anna Ahnér]")},
        [f"{PATH}:4: fel: `anslagen: 2026-03-24` men protokollet är inte justerat: alla justerare har inte ett "
         "datum. Justeringen kan anslås först när protokollet är justerat: fyll i justerarnas datum, eller ta bort "
         "`anslagen` tills dess."]),
    "announced three days after": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen: 2026-03-26\n")},
        [f"{PATH}:4: varning: `anslagen: 2026-03-26` är mer än två dagar efter justeringen (2026-03-23). Enligt "
         "kommunallagen ska justeringen anslås senast två dagar efter justeringen (här senast 2026-03-25). "
         "Kontrollera datumet."]),
    "announced on the Monday after a Thursday justering": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen: 2026-03-30\n",
                                                justerare="[{name: Anna Ahnér, date: 2026-03-26}]")},
        []),
    "announced the day of the justering": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen: 2026-03-23\n")},
        []),
    "justerat but never announced": (
        {"minutes/ks/2026-03-16.md": ks_minutes()},
        [f"{PATH}:4: varning: Protokollet är justerat men saknar `anslagen`. Kommunstyrelsen anslår sina "
         "protokoll (`anslag: true` i councils.yaml): lägg till `anslagen: ÅÅÅÅ-MM-DD` med dagen då justeringen "
         "anslogs på anslagstavlan."]),
    "not justerat and not announced": (
        {"minutes/ks/2026-03-16.md": ks_minutes(justerare="[Anna Ahnér]")},
        []),
    "a council that does not announce": (
        {"minutes/ssr-folkhalsa/2026-03-16.md": ks_minutes(council="ssr-folkhalsa")},
        []),
    "a joint meeting announced by one of two councils": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen:\n  ks: 2026-03-24\n", council="[ks, tn]")},
        [f"{PATH}:5: varning: `anslagen` saknar rådet `tn`, som också anslår sina protokoll: lägg till "
         "`tn: ÅÅÅÅ-MM-DD` med dagen då justeringen anslogs där."]),
    "a joint meeting announced by both councils": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen:\n  ks: 2026-03-24\n  tn: 2026-03-25\n",
                                                council="[ks, tn]")},
        []),
    "announced by a council that does not announce": (
        {"minutes/ssr-folkhalsa/2026-03-16.md": ks_minutes("anslagen: 2026-03-24\n", council="ssr-folkhalsa")},
        ["content/minutes/ssr-folkhalsa/2026-03-16.md:4: fel: Mötet har `anslagen`, men rådet (`ssr-folkhalsa`) "
         "anslår inte sina protokoll. Lägg till `anslag: true` och `förvaringsplats` för rådet i councils.yaml, "
         "eller ta bort `anslagen`."]),
    "a joint meeting's council that does not announce": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen:\n  ks: 2026-03-24\n  ssr-folkhalsa: 2026-03-24\n",
                                                council="[ks, ssr-folkhalsa]")},
        [f"{PATH}:6: fel: Rådet `ssr-folkhalsa` anslår inte sina protokoll. Lägg till `anslag: true` och "
         "`förvaringsplats` för rådet i councils.yaml, eller ta bort raden."]),
    "announced by a council the meeting is not of": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen:\n  ks: 2026-03-24\n  tn: 2026-03-24\n")},
        [f"{PATH}:6: fel: `tn` i `anslagen` är inte ett av mötets råd (ks). Rätta id:t."]),
    "anslagen as a list": (
        {"minutes/ks/2026-03-16.md": ks_minutes("anslagen:\n  - 2026-03-24\n")},
        [f"{PATH}:5: fel: `anslagen` ska vara ett datum (`anslagen: 2026-03-26`), eller för ett gemensamt möte en "
         "mappning med ett datum per råd (`rad-id: 2026-03-26`).",
         f"{PATH}:6: varning: Protokollet är justerat men saknar `anslagen`. Kommunstyrelsen anslår sina "
         "protokoll (`anslag: true` i councils.yaml): lägg till `anslagen: ÅÅÅÅ-MM-DD` med dagen då justeringen "
         "anslogs på anslagstavlan."]),
    "a rättelse of an item that does not exist": (
        {"minutes/ks/2026-03-16.md": ks_minutes(
            "anslagen: 2026-03-24\nrättelser:\n  - datum: 2026-03-30\n    punkt: 7\n    text: Rättat.\n")},
        [f"{PATH}:6: fel: Rättelsen gäller punkt 7, men protokollet har ingen sådan punkt (`## 7. …`). Rätta "
         "`punkt`, eller ta bort den om rättelsen gäller hela protokollet."]),
    "a rättelse of an item given as a word": (
        {"minutes/ks/2026-03-16.md": ks_minutes(
            "anslagen: 2026-03-24\nrättelser:\n  - datum: 2026-03-30\n    punkt: tre\n    text: Rättat.\n")},
        [f"{PATH}:7: fel: `punkt: tre` ska vara numret på ett ärende, t.ex. `punkt: 23`."]),
    "a rättelse of an item given with a paragraph sign": (
        {"minutes/ks/2026-03-16.md": ks_minutes(
            "anslagen: 2026-03-24\nrättelser:\n  - datum: 2026-03-30\n    punkt: § 1\n    text: Rättat.\n")},
        []),
    "a rättelse without text": (
        {"minutes/ks/2026-03-16.md": ks_minutes(
            "anslagen: 2026-03-24\nrättelser:\n  - datum: 2026-03-30\n    punkt: 1\n")},
        [f"{PATH}:6: fel: Nyckeln `text` saknas i en rättelse. Vad som rättades."]),
    "a council that announces without saying where the minutes are kept": (
        {"councils.yaml": BASE_COUNCILS + "ks:\n  name: Kommunstyrelsen\n  anslag: true\n"},
        ["content/councils.yaml:12: fel: Rådet har `anslag: true` men ingen `förvaringsplats`. Anslaget ska säga "
         "var det justerade protokollet förvaras: lägg till t.ex. `förvaringsplats: Kommunkansliet, Stadshuset`."]),
    "anslag that is neither true nor false": (
        {"councils.yaml": BASE_COUNCILS + "ks:\n  name: Kommunstyrelsen\n  anslag: kanske\n"},
        ["content/councils.yaml:12: fel: `anslag: kanske` ska vara true eller false."]),
    "officiell_anslagstavla that is neither true nor false": (
        {"site.yaml": "title: T\norganisation: O\ncontact:\n  name: K\n  email: k@example.se\n"
                      "officiell_anslagstavla: kanske\n"},
        ["content/site.yaml:6: fel: `officiell_anslagstavla: kanske` ska vara true eller false."]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_anslag_and_rattelser_rules_give_exact_messages(case, cli, tmp_path):
    files, expected = CASES[case]
    if "councils.yaml" in files:
        write_tree(tmp_path, files)
        assert cli("check", "--content", "content").lines == expected
        return
    assert check(cli, tmp_path, files) == expected


def test_an_announcement_before_the_justering_stops_the_build(cli, tmp_path):
    write_tree(tmp_path, {"councils.yaml": COUNCILS, "minutes/ks/2026-03-16.md": ks_minutes("anslagen: 2026-03-20\n")})
    result = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert result.code == 1 and not (tmp_path / "site").exists()


def test_a_late_announcement_fails_only_with_strict(cli, tmp_path):
    write_tree(tmp_path, {"councils.yaml": COUNCILS, "minutes/ks/2026-03-16.md": ks_minutes("anslagen: 2026-03-26\n")})
    assert cli("check", "--content", "content").code == 0
    assert cli("check", "--content", "content", "--strict").code == 1
