"""`protokoll new COUNCIL DATE`: a new minutes file from the council's roster."""

from __future__ import annotations

import datetime as dt
import sys

from dataclasses import dataclass

from generator.content.frontmatter import yaml_text
from generator.content.load import load_meeting, load_yaml_file
from generator.content.model import Council, Meeting
from generator.content.placeholders import MARKER
from generator.content.records import councils as parse_councils
from generator.content.schema import MAX_YEAR, MIN_YEAR, Checker, did_you_mean
from generator.content.sources import discover
from generator.shared.problems import Problems

OPENING = ["Mötet öppnas", "Fastställande av dagordning", "Val av justerare", "Föregående möte och protokoll"]
ITEM = f"{MARKER}: ärendets rubrik"
CLOSING = ["Övriga frågor", "Mötet avslutas"]
DECISIONS = {
    "Fastställande av dagordning": "Beslut: Dagordningen fastställs.",
    "Val av justerare": f"Beslut: {MARKER}: namn utses att justera protokollet.",
    "Föregående möte och protokoll": "Beslut: Föregående protokoll läggs till handlingarna.",
    ITEM: f"Beslut: {MARKER}: beslutet, eller ta bort raden om ärendet bara var information",
}
"""Placeholders for the decisions of the standard items: edit them, or delete the line for an information item."""


@dataclass(frozen=True)
class ScaffoldMember:
    name: str
    org: str | None
    role: str | None


def roster_groups(council: Council, date: dt.date) -> list[tuple[str, list[ScaffoldMember]]]:
    """The council's roster on `date`: the members whose term covers it."""
    groups = council.roster or (("Ledamöter", ()),)
    return [(label, [ScaffoldMember(m.name, m.org, m.role) for m in members if m.serves_on(date)])
            for label, members in groups]


def meeting_groups(meeting: Meeting) -> list[tuple[str, list[ScaffoldMember]]]:
    """The attendance groups of an earlier meeting, everyone in them (to be marked present)."""
    return [(group.label, [ScaffoldMember(a.name, a.org, a.role) for a in group.attendees]) for group in meeting.groups]


def render_minutes(council: Council, date: dt.date, groups: list[tuple[str, list[ScaffoldMember]]]) -> str:
    """A scaffold that `check` knows is unfinished: every spot still to fill in says `FYLL I`."""
    lines = ["---", f"# {MARKER}: utkast från protokoll new; ta bort raden när allt som är markerat är ifyllt",
             f"council: {council.id}", f"date: {date.isoformat()}", f"type: {council.type}",
             f'time: "09:00-12:00"  # {MARKER}: mötets tid', f'place: "{MARKER}: plats"',
             f"justerare: []  # {MARKER}: justerare, t.ex. [Förnamn Efternamn], eller lämna tom om protokollet inte justeras",
             f"närvaro:  # {MARKER}: alla står som närvarande; ge den som inte var där status: absent eller excused"]
    for label, members in groups:
        lines.append(f"  {yaml_text(label)}:" + ("" if members else " []"))
        for member in members:
            lines.append(f"    - name: {yaml_text(member.name)}")
            if member.org:
                lines.append(f"      org: {yaml_text(member.org)}")
            if member.role:
                lines.append(f"      role: {yaml_text(member.role)}")
    lines.append("---")
    items = [*OPENING, ITEM, *CLOSING]
    for number, title in enumerate(items, start=1):
        lines += ["", f"## {number}. {title}", ""] + ([DECISIONS[title], ""] if title in DECISIONS else []) \
            + [f"{MARKER}: vad som sades och beslutades"]
    return "\n".join(lines) + "\n"


def new_minutes(args) -> int:
    problems = Problems()
    try:
        date = dt.date.fromisoformat(args.date)
        if len(args.date) != 10:
            raise ValueError
    except ValueError:
        print(f"protokoll: fel: {args.date} är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, t.ex. "
              f"{dt.date.today().isoformat()}.", file=sys.stderr)
        return 2
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        print(f"protokoll: fel: {args.date} ligger utanför åren {MIN_YEAR}–{MAX_YEAR}. Kontrollera årtalet.", file=sys.stderr)
        return 2
    sources = discover(args.content, problems)
    known = parse_councils(load_yaml_file(sources.councils, problems), Checker(str(args.content / "councils.yaml"), problems))
    if problems.errors:
        print(problems.format("text"), file=sys.stderr)
        return 1
    council = known.get(args.council)
    if council is None:
        hint = did_you_mean(args.council, known, 0.5, f" Råd som finns: {', '.join(known)}.", quote="")
        print(f"protokoll: fel: rådet {args.council} finns inte i councils.yaml.{hint}", file=sys.stderr)
        return 2
    groups = roster_groups(council, date)
    if args.from_date:
        earlier = earlier_meeting(args, sources, known, council)
        if earlier is None:
            return 2
        groups = meeting_groups(earlier)
    dest_path = args.content / "minutes" / council.id / f"{date.isoformat()}.md"
    if dest_path.exists():
        print(f"protokoll: fel: {dest_path} finns redan och skrivs inte över. Öppna den och redigera i stället.", file=sys.stderr)
        return 2
    dest_path.parent.mkdir(parents=True, exist_ok=True)
    with open(dest_path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(render_minutes(council, date, groups))
    print(f"Skapade {dest_path}. Fyll i allt som är markerat {MARKER}: "
          "`protokoll check` visar var det står kvar.", file=sys.stderr)
    return 0


def earlier_meeting(args, sources, known: dict[str, Council], council: Council) -> Meeting | None:
    """The minutes `--from DATE` names, read and checked; None (with a message) when they can't be used."""
    source = next((s for s in sources.minutes if s.content_rel == f"minutes/{council.id}/{args.from_date}.md"), None)
    if source is None:
        print(f"protokoll: fel: det finns inget protokoll {council.id}/{args.from_date}.md att ta närvaron från. "
              "Ange datumet för ett tidigare möte i samma råd.", file=sys.stderr)
        return None
    problems = Problems()
    meeting = load_meeting(source, known, problems)
    if meeting is None:
        print(problems.format("text"), file=sys.stderr)
        print(f"protokoll: fel: {source.rel_path} har fel och kan inte användas. Rätta dem först.", file=sys.stderr)
    return meeting
