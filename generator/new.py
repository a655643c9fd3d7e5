"""`protokoll new COUNCIL DATE`: a new minutes file from the council's roster."""

from __future__ import annotations

import datetime as dt
import difflib
import sys

from .load import load_yaml_file
from .model import Council
from .problems import Problems
from .records import councils as parse_councils
from .schema import Checker
from .sources import discover

OPENING = ["Mötet öppnas", "Fastställande av dagordning", "Val av justerare", "Föregående möte och protokoll"]
CLOSING = ["Övriga frågor", "Mötet avslutas"]
DECISIONS = {
    "Fastställande av dagordning": "Beslut: Dagordningen fastställs.",
    "Val av justerare": "Beslut: … utses att justera protokollet.",
    "Föregående möte och protokoll": "Beslut: Föregående protokoll läggs till handlingarna.",
    "Ärende": "Beslut: …",
}
"""Placeholders for the decisions of the standard items: edit them, or delete the line for an information item."""


def yaml_text(value: str) -> str:
    """Quote a value for YAML only when it needs it."""
    plain = value and value[0] not in "-?:,[]{}#&*!|>'\"%@`" and ": " not in value and " #" not in value
    return value if plain and value.strip() == value else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_minutes(council: Council, date: dt.date) -> str:
    lines = ["---", f"council: {council.id}", f"date: {date.isoformat()}", f"type: {council.type}",
             'time: "09:00-12:00"', "place: ", "justerare: []", "närvaro:"]
    groups = council.roster or (("Ledamöter", ()),)
    for label, members in groups:
        current = [m for m in members if m.serves_on(date)]
        lines.append(f"  {yaml_text(label)}:" + ("" if current else " []"))
        for member in current:
            lines.append(f"    - name: {yaml_text(member.name)}")
            if member.org:
                lines.append(f"      org: {yaml_text(member.org)}")
            if member.role:
                lines.append(f"      role: {yaml_text(member.role)}")
    lines.append("---")
    items = [*OPENING, "Ärende", *CLOSING]
    for number, title in enumerate(items, start=1):
        lines += ["", f"## {number}. {title}", ""] + ([DECISIONS[title], ""] if title in DECISIONS else [])
    return "\n".join(lines) + "\n"


def new_minutes(args) -> int:
    problems = Problems()
    if not args.content.is_dir():
        print(f"protokoll: fel: innehållsmappen {args.content} finns inte. Ange rätt mapp med --content.", file=sys.stderr)
        return 2
    try:
        date = dt.date.fromisoformat(args.date)
        if len(args.date) != 10:
            raise ValueError
    except ValueError:
        print(f"protokoll: fel: {args.date} är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, t.ex. "
              f"{dt.date.today().isoformat()}.", file=sys.stderr)
        return 2
    sources = discover(args.content, problems)
    known = parse_councils(load_yaml_file(sources.councils, problems), Checker(str(args.content / "councils.yaml"), problems))
    if problems.errors:
        print(problems.format("text"), file=sys.stderr)
        return 1
    council = known.get(args.council)
    if council is None:
        close = difflib.get_close_matches(args.council, known, n=1, cutoff=0.5)
        hint = f" Menade du {close[0]}?" if close else f" Råd som finns: {', '.join(known)}."
        print(f"protokoll: fel: rådet {args.council} finns inte i councils.yaml.{hint}", file=sys.stderr)
        return 2
    dest_path = args.content / "minutes" / council.id / f"{date.isoformat()}.md"
    if dest_path.exists():
        print(f"protokoll: fel: {dest_path} finns redan och skrivs inte över. Öppna den och redigera i stället.", file=sys.stderr)
        return 2
    dest_path.parent.mkdir(parents=True, exist_ok=True)
    with open(dest_path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(render_minutes(council, date))
    print(f"Skapade {dest_path}. Fyll i tid, plats, justerare, närvaro och ärenden, och besluten efter `Beslut:`.",
          file=sys.stderr)
    return 0
