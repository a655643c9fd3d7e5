"""The seed site as the golden case: every seed's page says what the seed says."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

SEEDS = {
    "000 joint SSR meeting": (
        "specifika-samverkansradet-folkhalsa/2026-03-13", 12,
        {"Ledamöter SSR social välfärd": (8, 6), "Ledamöter SSR folkhälsa": (9, 6), "Övriga": (4, 0)},
        [("Veronica Wallgren", "2026-03-24"), ("Joakim Carlsson", "2026-03-24")],
    ),
    "001 chefsgrupp SoVV": (
        "chefsgrupp-social-valfard/2026-02-06", 15,
        {"Deltagare": (17, 8)},
        [],
    ),
    "002 SSR social välfärd protokoll": (
        "specifika-samverkansradet-social-valfard/2022-05-06", 15,
        {"Ledamöter": (13, 0), "Övriga närvarande": (9, 0)},
        [("Karin Sundin", "2022-08-25"), ("Marie Brorson", "2022-08-25")],
    ),
    "003 SSR folkhälsa, partly joint": (
        "specifika-samverkansradet-folkhalsa/2025-03-21", 14,
        {"Ledamöter": (6, 8), "Ersättare": (1, 12)},
        [("Jari Mehtäläinen", "")],
    ),
    "004 joint chefsgrupper": (
        "chefsgrupp-skola/2026-03-06", 7,
        {"Region Örebro län": (5, 0), "Chefsgruppen för skola, utbildning och kompetensförsörjning": (11, 0),
         "Chefsgrupp folkhälsa": (9, 0), "Chefsgrupp social välfärd samt vård och omsorg": (14, 0)},
        [],
    ),
}


def page(site, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("seed", SEEDS, ids=list(SEEDS))
def test_seed_page_has_every_agenda_item_with_an_anchor(seed_site, seed):
    url_path, items, _, _ = SEEDS[seed]
    soup = page(seed_site, url_path)
    toc = soup.select("nav.agenda li a")
    assert len(toc) == items
    for n, link in enumerate(toc, start=1):
        assert link["href"] == f"#p{n}"
        assert soup.find(id=f"p{n}").name == "h2"


@pytest.mark.parametrize("seed", SEEDS, ids=list(SEEDS))
def test_seed_page_counts_present_and_absent_per_group(seed_site, seed):
    url_path, _, groups, _ = SEEDS[seed]
    soup = page(seed_site, url_path)
    found = {}
    for table in soup.select("table.attendance-table"):
        label = table.caption.contents[0].strip()
        statuses = [row.select_one("td.status").get_text(strip=True) for row in table.tbody.find_all("tr")
                    if "vacant" not in row.get("class", [])]
        present = sum(1 for s in statuses if s.startswith("Närvarande"))
        found[label] = (present, len(statuses) - present)
    assert found == groups


@pytest.mark.parametrize("seed", SEEDS, ids=list(SEEDS))
def test_seed_page_shows_justerare_and_their_dates(seed_site, seed):
    url_path, _, _, justerare = SEEDS[seed]
    soup = page(seed_site, url_path)
    items = soup.select("ul.justerare li")
    assert [(li.a.get_text(), li.time["datetime"] if li.time else "") for li in items] == justerare
    status = " ".join(soup.select_one("p.justering").get_text().split())
    if justerare and all(date for _, date in justerare):
        day = soup.select_one("p.justering time")
        assert day["datetime"] == justerare[0][1]
        assert status == f"Justerat {day.get_text()} av {justerare[0][0]} och {justerare[1][0]}."
    elif justerare:
        assert status.startswith("Ej justerat. ")
    else:
        assert status.startswith("Justeras inte. ")


def test_substitute_and_the_member_they_replace_name_each_other_status_first(seed_site):
    soup = page(seed_site, "chefsgrupp-social-valfard/2026-02-06")
    rows = {r.th.get_text(" ", strip=True): r.find_all(["td", "th"])[0].get_text(strip=True)
            for r in soup.select("table.attendance-table tbody tr")}
    assert rows["Sara Brorsson"] == "Närvarande – ersätter Maria Engdahl"
    assert rows["Maria Engdahl"] == "Frånvarande – ersatt av Sara Brorsson"


@pytest.mark.parametrize("seed", SEEDS, ids=list(SEEDS))
def test_meeting_page_opens_with_an_attendance_summary_linking_to_the_attendance(seed_site, seed):
    url_path, _, groups, _ = SEEDS[seed]
    soup = page(seed_site, url_path)
    link = soup.select_one(".minutes-header .facts a[href='#narvaro']")
    assert link is not None and soup.find(id="narvaro") is not None
    words = link.get_text().split(" närvarande")[0].split(" ")  # "6 av 14 ledamöter"
    member_groups = {label: counts for label, counts in groups.items() if "Ledamöter" in label}
    counted = member_groups or groups
    assert words[3] == ("ledamöter" if member_groups else "deltagare")
    present, listed = int(words[0]), int(words[2])
    assert present <= listed <= sum(p + a for p, a in counted.values())
    assert present <= sum(p for p, _ in counted.values())


def test_joint_meeting_is_listed_under_each_council(seed_site):
    for council in ("chefsgrupp-skola", "chefsgrupp-folkhalsa", "chefsgrupp-social-valfard"):
        links = [a["href"] for a in page(seed_site, council).select(".meeting-list a")]
        assert "/chefsgrupp-skola/2026-03-06/" in links, council


def test_every_council_page_lists_its_meetings_newest_first(seed_site):
    expected = {
        "specifika-samverkansradet-folkhalsa": ["2026-03-13", "2025-03-21"],
        "specifika-samverkansradet-social-valfard": ["2026-03-13", "2025-03-21", "2022-05-06"],
        "chefsgrupp-social-valfard": ["2026-03-06", "2026-02-06"],
        "chefsgrupp-folkhalsa": ["2026-03-06"],
        "chefsgrupp-skola": ["2026-03-06"],
    }
    for council, dates in expected.items():
        assert [t["datetime"] for t in page(seed_site, council).select(".meeting-list a time")] == dates


def test_home_lists_latest_minutes_and_every_council(seed_site):
    soup = BeautifulSoup((seed_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select(".meeting-list li")) == 5
    assert len(soup.select(".council-list li")) == 5
    assert soup.html["lang"] == "sv"


def test_vacant_seats_are_shown_in_place_and_not_counted(seed_site):
    soup = page(seed_site, "specifika-samverkansradet-folkhalsa/2025-03-21")
    for label, before, counts in (("Ledamöter", "Jimmy Nordengren", "(6 närvarande, 8 frånvarande)"),
                                  ("Ersättare", "Christina Håkansson", "(1 närvarande, 12 frånvarande)")):
        table = next(t for t in soup.select("table.attendance-table") if t.caption.contents[0].strip() == label)
        rows = table.tbody.find_all("tr")
        vacant = [i for i, row in enumerate(rows) if "vacant" in row.get("class", [])]
        assert len(vacant) == 1
        seat = rows[vacant[0]]
        assert seat.th.get_text(strip=True) == "Vakant" and seat.th.a is None
        assert [td.get_text(strip=True) for td in seat.find_all("td")][:2] == ["Vakant plats", "RF-SISU"]
        assert rows[vacant[0] - 1].th.a.get_text() == before
        assert table.caption.select_one(".counts").get_text(strip=True) == counts
    assert not soup.select('a[href*="/personer/vakant"]')


def test_no_invented_group_or_substitute_in_the_seed_with_a_tick_column(seed_site):
    soup = page(seed_site, "specifika-samverkansradet-folkhalsa/2025-03-21")
    rows = {r.th.get_text(" ", strip=True): r.select_one("td.status").get_text(strip=True)
            for r in soup.select("table.attendance-table tbody tr")}
    assert rows["Christina Håkansson"] == "Närvarande"
    assert rows["Jimmy Nordengren"] == "Anmält förhinder"
    assert "Behcet Barsom" not in rows


def test_prev_and_next_link_meetings_of_the_same_council(seed_site):
    soup = page(seed_site, "specifika-samverkansradet-folkhalsa/2025-03-21")
    prev_next = {(a["rel"][0], a["href"]) for a in soup.select(".prev-next a")}
    assert ("next", "/specifika-samverkansradet-folkhalsa/2026-03-13/") in prev_next
    assert ("prev", "/specifika-samverkansradet-social-valfard/2022-05-06/") in prev_next


def test_council_page_compares_announced_dates_with_the_build_date(seed_site):
    """Built on 2026-06-01: 22 May has passed without minutes, 18 Sep and 20 Nov are coming."""
    soup = page(seed_site, "specifika-samverkansradet-folkhalsa")
    assert [t["datetime"] for t in soup.select(".upcoming time")] == ["2026-09-18", "2026-11-20"]
    past = soup.select(".meeting-list li.planned")
    assert [(li.time["datetime"], li.get_text(" ", strip=True).split(" – ")[1]) for li in past] == [
        ("2026-05-22", "Protokoll ännu inte publicerat")]
