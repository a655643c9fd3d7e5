"""Synthetic content for benchmarks and scale tests: `python -m tests.bench.corpus --meetings N --out DIR`.

Writes a deterministic content tree (same seed and N -> the same bytes) in the
editors' format: site.yaml, councils.yaml with rosters and terms, people.yaml
with aliases and one pair of namesakes, and N minutes files of about 800
words in the style of the seeds, with joint meetings, substitutes, absences,
justerare and links between minutes. The tree builds with no errors and no
warnings: names are kept far enough apart that the misspelling check stays
silent, and every link points at a meeting and agenda item that exist.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import time
from pathlib import Path

from .corpus_people import CouncilSpec, MeetingPlan, Member, NamePool, Person, ascii_id, statement_lines
from .corpus_text import (
    BULLETS, CLOSING, COUNCIL_SPECS, DECISIONS, GROUPS, MONTHS, MONTHS_FULL, MUNICIPALITIES, OPENING,
    OTHER_ORGS, PLACES, QUALITIES, REGION, SENTENCES, SITE_YAML, THINGS, TIMES, TOPICS, VERBS,
)

END_DATE = dt.date(2026, 3, 31)
"""Last possible meeting date; fixed so that output does not depend on today."""


class Corpus:
    def __init__(self, meetings: int, seed: int):
        self.rng = random.Random(seed)
        self.n = meetings
        self.pool = NamePool(self.rng)
        self.people: list[Person] = []
        self.councils: list[CouncilSpec] = []
        self.plans: list[MeetingPlan] = []
        self.homonyms: list[Person] = []

    # --- people and councils ---------------------------------------------------------

    def person(self, org: str, declared: bool = False) -> Person:
        name = self.pool.new_name()
        aliases: tuple[str, ...] = ()
        if declared:
            alias = self.pool.alias_for(name)
            aliases = (alias,) if alias else ()
        person = Person(ascii_id(name), name, org, aliases, declared and bool(aliases))
        self.people.append(person)
        return person

    def make_councils(self) -> None:
        rng = self.rng
        shared_politicians = [self.person(org, declared=rng.random() < 0.15) for org in MUNICIPALITIES]
        # Namesakes told apart by organisation in people.yaml, as in the seeds' Anna Karlsson.
        name = self.pool.new_name()
        self.homonyms = [Person(ascii_id(f"{name} {org.split()[0]}"), name, org, (), True)
                         for org in ("Nora kommun", "Kumla kommun")]
        self.people.extend(self.homonyms)
        span_start, span_end = self.date_span()
        for index, (cid, name, short, area, mtype, political) in enumerate(COUNCIL_SPECS):
            council = CouncilSpec(
                cid, name, short,
                f"{'Politiskt samverkansråd' if political else 'Grupp av chefer'} från Region Örebro län och länets "
                f"kommuner för {area}.", mtype, political)
            orgs = [REGION, *MUNICIPALITIES] + rng.sample(OTHER_ORGS, rng.randint(0, 3))
            for seat, org in enumerate(orgs):
                if political and org in MUNICIPALITIES and rng.random() < 0.3:
                    person = shared_politicians[MUNICIPALITIES.index(org)]
                elif org == "Nora kommun" and index == 0 or org == "Kumla kommun" and index == 4:
                    person = self.homonyms[0 if org == "Nora kommun" else 1]
                else:
                    person = self.person(org, declared=rng.random() < 0.08)
                role = "ordförande" if seat == 0 else "vice ordförande" if seat == 1 else None
                member = Member(person, role)
                if seat > 1 and rng.random() < 0.2:  # a change of member half way through
                    switch = dt.date(rng.randint(span_start.year + 1, span_end.year), 1, 1)
                    member.end = switch - dt.timedelta(days=1)
                    council.members.append(member)
                    member = Member(self.person(org), None, start=switch)
                council.members.append(member)
            for org in rng.sample(orgs[1:], rng.randint(6, 10)):
                council.substitutes.append(Member(self.person(org, declared=rng.random() < 0.08)))
            council.officials = [self.person(REGION, declared=rng.random() < 0.1) for _ in range(rng.randint(5, 9))]
            upcoming = sorted({END_DATE + dt.timedelta(days=rng.randint(20, 270)) for _ in range(rng.randint(2, 4))})
            council.upcoming = upcoming
            self.councils.append(council)

    def date_span(self) -> tuple[dt.date, dt.date]:
        per_council = max(1, self.n // len(COUNCIL_SPECS))
        years = max(3, -(-per_council * 2 // 250))  # at most about half of all weekdays used
        return dt.date(END_DATE.year - years, 1, 1), END_DATE

    # --- meetings ----------------------------------------------------------------------

    def plan_meetings(self) -> None:
        rng = self.rng
        start, end = self.date_span()
        weekdays = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        weekdays = [d for d in weekdays if d.weekday() < 5]
        taken: dict[str, set[dt.date]] = {c.id: set() for c in self.councils}
        for i in range(self.n):
            joint = rng.random() < 0.1
            first = self.councils[i % len(self.councils)]
            councils = [first]
            if joint:
                councils.append(rng.choice([c for c in self.councils if c is not first and c.political == first.political]))
            while True:
                date = rng.choice(weekdays)
                if all(date not in taken[c.id] for c in councils):
                    break
            for c in councils:
                taken[c.id].add(date)
            self.plans.append(MeetingPlan(councils, date, rng.randint(10, 15)))
        self.plans.sort(key=lambda p: (p.date, p.folder))
        last_paragraph: dict[tuple[str, int], int] = {}
        for plan in self.plans:  # protokoll councils number their items § 1, § 2 … through each year
            if plan.councils[0].type == "protokoll":
                key = (plan.folder, plan.date.year)
                plan.first = last_paragraph.get(key, 0) + 1
                last_paragraph[key] = plan.first + plan.items - 1

    def attendance(self, plan: MeetingPlan) -> tuple[dict[str, list[dict]], list[dict]]:
        """Groups of attendee records, and the people eligible as justerare."""
        rng = self.rng
        date = plan.date
        groups: dict[str, list[dict]] = {}
        status: dict[str, str] = {}  # person id -> status, consistent across groups
        absent_members: list[Member] = []
        joint = len(plan.councils) > 1
        for council in plan.councils:
            label = f"Ledamöter {council.short_name}" if joint else "Ledamöter"
            rows = []
            for m in council.members:
                if not m.serves(date):
                    continue
                pid = m.person.id
                if pid not in status:
                    status[pid] = "present" if m.role == "ordförande" or rng.random() >= 0.15 else rng.choice(["absent", "excused"])
                    if status[pid] != "present":
                        absent_members.append(m)
                rows.append({"p": m.person, "status": status[pid], "role": m.role})
            groups[label] = rows
        if not joint:
            council = plan.councils[0]
            rows = []
            spare = [s for s in council.substitutes if s.person.id not in status]
            rng.shuffle(spare)
            for member in absent_members:
                if spare and rng.random() < 0.6:
                    sub = spare.pop()
                    status[sub.person.id] = "present"
                    rows.append({"p": sub.person, "status": "present", "replaces": self.written(member.person)})
            for sub in spare[: rng.randint(0, 3)]:
                status[sub.person.id] = "present"
                rows.append({"p": sub.person, "status": "present"})
            if rows:
                groups["Ersättare"] = rows
        officials = [o for c in plan.councils for o in c.officials if o.id not in status]
        seen: set[str] = set()
        officials = [o for o in officials if not (o.id in seen or seen.add(o.id))]
        chosen = rng.sample(officials, min(len(officials), rng.randint(2, 6)))
        rows = []
        for k, o in enumerate(chosen):
            status[o.id] = "present"
            rows.append({"p": o, "status": "present", "role": "sekreterare" if k == len(chosen) - 1 else None})
        groups["Övriga närvarande"] = rows
        present = [r for rows in groups.values() for r in rows if r["status"] == "present" and r.get("role") != "sekreterare"]
        return groups, present

    def written(self, person: Person) -> str:
        """The spelling used in this file: sometimes a declared alias, as editors do."""
        if person.aliases and self.rng.random() < 0.25:
            return person.aliases[0]
        return person.name

    def front_matter(self, plan: MeetingPlan) -> tuple[str, list[dict]]:
        rng = self.rng
        groups, present = self.attendance(plan)
        out = ["---"]
        if len(plan.councils) > 1:
            out.append("council:")
            out.extend(f"  - {c.id}" for c in plan.councils)
        else:
            out.append(f"council: {plan.folder}")
        out.append(f"date: {plan.date.isoformat()}")
        if rng.random() < 0.3:
            out.append(f"type: {plan.councils[0].type}")
        if len(plan.councils) > 1:
            out.append(f'title: "Minnesanteckningar gemensamt möte {" och ".join(c.short_name for c in plan.councils)}"')
        out.append(f'time: "{rng.choice(TIMES)}"')
        out.append(f"place: {rng.choice(PLACES)}")
        justerare = rng.sample(present, min(len(present), rng.choice([0, 1, 2, 2])))
        recent = (END_DATE - plan.date).days < 45
        if justerare:
            out.append("justerare:")
            for row in justerare:
                name = row["written"] = row.get("written") or self.written(row["p"])
                if recent and rng.random() < 0.7:
                    out.append(f"  - {name}")
                else:
                    signed = plan.date + dt.timedelta(days=rng.randint(3, 14))
                    out.append(f"  - name: {name}\n    date: {signed.isoformat()}")
        else:
            out.append("justerare: []")
            for council in plan.councils:
                council.unverified = True
        out.append("närvaro:")
        for label, rows in groups.items():
            out.append(f"  {label}:")
            for row in rows:
                p = row["p"]
                name = row.get("written") or self.written(p)
                row["written"] = name
                extra = [(k, row[k]) for k in ("status", "role", "replaces") if row.get(k) and row[k] != "present"]
                if not extra and rng.random() < 0.7:
                    out.append(f"    - {name}, {p.org}")
                else:
                    out.append(f"    - name: {name}\n      org: {p.org}")
                    out.extend(f"      {k}: {v}" for k, v in extra)
        out.append("---")
        return "\n".join(out), present

    def body(self, plan: MeetingPlan, present: list[dict], links: list[MeetingPlan]) -> str:
        rng = self.rng
        names = [r["p"].name for r in present] or ["Ordförande"]
        chair = next((r["p"].name for r in present if r.get("role") == "ordförande"), names[0])
        budget = rng.randint(540, 720)
        topical = plan.items - len(OPENING) - len(CLOSING)
        topics = rng.sample(TOPICS, topical)
        out: list[str] = []
        words = 0

        def para(text: str) -> None:
            nonlocal words
            out.append(text)
            out.append("")
            words += text.count(" ") + 1

        first = plan.first or 1
        n = first - 1

        def heading(title: str) -> str:
            return f"## § {n} {title}\n" if plan.first else f"## {n}. {title}\n"

        # Protokoll mark every decision; most minnesanteckningar do, some only say it in words.
        decided = "Beslut: " if plan.first or rng.random() < 0.6 else ""
        written = [r.get("written") or r["p"].name for r in present]
        for k, title in enumerate(OPENING, start=1):
            n += 1
            out.append(heading(title))
            if k == 1:
                para(f"Ordförande {chair} öppnar mötet och hälsar alla välkomna.")
            elif k == 2:
                para(decided + ("Dagordningen fastställs." if rng.random() < 0.7 else
                                "Dagordningen fastställs med tillägg av en punkt under övriga frågor."))
            elif k == 3:
                para(decided + ("Till justerare väljs de som anges ovan." if rng.random() < 0.5 else
                                f"Ordförande föreslår {rng.choice(names)} som justerare, vilket godkänns."))
            else:
                para(decided + "Föregående protokoll läggs till handlingarna.")
        per_item = (budget - words - 40) // max(1, topical)
        link_slots = set(rng.sample(range(topical), min(topical, len(links))))
        for k, (title, subject) in enumerate(topics):
            n += 1
            presenters = rng.sample(names, min(len(names), rng.randint(1, 2)))
            out.append(heading(f"{title} – {' och '.join(presenters)}"))
            target = words + per_item
            fill = {"t": subject, "p": presenters[0], "p2": rng.choice(names), "q": rng.choice(QUALITIES),
                    "verb": rng.choice(VERBS), "g": rng.choice(GROUPS), "thing": rng.choice(THINGS),
                    "month": rng.choice(MONTHS), "y": plan.date.year, "o": rng.choice(MUNICIPALITIES)}
            if rng.random() < 0.15:
                out.append("### Bakgrund\n")
            sentences = rng.sample(SENTENCES, len(SENTENCES))
            while words < target and sentences:
                count = rng.randint(2, 4)
                para(" ".join(sentences.pop().format(**fill) for _ in range(min(count, len(sentences)))))
                if rng.random() < 0.12:
                    items = rng.sample(BULLETS, rng.randint(3, 5))
                    out.extend(f"- {b}" for b in items)
                    out.append("")
                    words += sum(b.count(" ") + 2 for b in items)
            if k in link_slots:
                other = links.pop()
                anchor = (other.first or 1) + rng.randint(0, other.items - 1)
                label = f"{other.councils[0].short_name} {other.date.day} {MONTHS_FULL[other.date.month - 1]} {other.date.year}"
                para(f"Frågan behandlades även vid [mötet i {label}](../{other.rel}#p{anchor}).")
            if rng.random() < 0.4:
                para(f"**Beslut:** {rng.choice(DECISIONS)}")
                out.extend(statement_lines(rng, written, plan.councils[0].political))
            elif rng.random() < 0.1 and n - first >= 5:
                para(f"Se även [{'§' if plan.first else 'punkt'} {n - 1}](#p{n - 1}) ovan.")
        for title in CLOSING:
            n += 1
            out.append(heading(title))
            if title == "Nästa möte":
                nxt = plan.date + dt.timedelta(days=rng.randint(25, 70))
                para(f"Nästa möte hålls den {nxt.day} {MONTHS_FULL[nxt.month - 1]} {nxt.year}.")
            elif title == "Mötet avslutas":
                para(f"Ordförande {chair} tackar för visat intresse och avslutar mötet.")
            else:
                para("Inga övriga frågor anmäls." if rng.random() < 0.6 else rng.choice(SENTENCES).format(
                    t="det fortsatta arbetet", p=chair, p2=chair, q="gemensam", verb="informerar om",
                    g="chefsgruppen", thing="en uppföljning", month=rng.choice(MONTHS), y=plan.date.year,
                    o=rng.choice(MUNICIPALITIES)))
        return "\n".join(out).rstrip("\n") + "\n"

    # --- files --------------------------------------------------------------------------

    def write(self, out_dir: Path) -> None:
        self.make_councils()
        self.plan_meetings()
        minutes = out_dir / "minutes"
        for c in self.councils:
            (minutes / c.id).mkdir(parents=True, exist_ok=True)
        write_text(out_dir / "site.yaml", SITE_YAML)
        write_text(out_dir / "people.yaml", self.people_yaml())
        rng = self.rng
        for index, plan in enumerate(self.plans):
            links = []
            if index > 0 and rng.random() < 0.3:
                links = [self.plans[rng.randrange(index)] for _ in range(rng.randint(1, 2))]
            head, present = self.front_matter(plan)
            write_text(minutes / plan.rel, head + "\n\n" + self.body(plan, present, links))
        write_text(out_dir / "councils.yaml", self.councils_yaml())  # last: it says which councils never justera

    def councils_yaml(self) -> str:
        out = ["# Syntetiska råd för prestandatester (tests/bench/corpus.py)."]
        for c in self.councils:
            out += ["", f"{c.id}:", f"  name: {c.name}", f"  short_name: {c.short_name}",
                    "  description: >-", f"    {c.description}", f"  type: {c.type}"]
            out += ["  justering: false"] if c.unverified else []
            out.append("  roster:")
            for label, members in (("Ledamöter", c.members), ("Ersättare", c.substitutes)):
                out.append(f"    {label}:")
                for m in members:
                    out += [f"      - name: {m.person.name}", f"        org: {m.person.org}"]
                    if m.role:
                        out.append(f"        role: {m.role}")
                    if m.start:
                        out.append(f"        from: {m.start.isoformat()}")
                    if m.end:
                        out.append(f"        to: {m.end.isoformat()}")
            out.append("  upcoming:")
            out.extend(f"    - {d.isoformat()}" for d in c.upcoming)
        return "\n".join(out) + "\n"

    def people_yaml(self) -> str:
        out = ["# Personer som stavas på flera sätt, och två namnar som skiljs åt med org."]
        for p in self.people:
            if not p.declared:
                continue
            out += ["", f"{p.id}:", f"  name: {p.name}"]
            if p.aliases:
                out.append(f"  aliases: [{', '.join(p.aliases)}]")
            out.append(f"  org: {p.org}")
        return "\n".join(out) + "\n"


def write_text(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def generate(out_dir: Path, meetings: int, seed: int = 2026) -> None:
    """Write a fresh corpus of `meetings` minutes into `out_dir` (replacing what was there)."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    Corpus(meetings, seed).write(out_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.corpus",
                                     description="Write a synthetic, deterministic content tree for benchmarks.")
    parser.add_argument("--meetings", type=int, required=True, metavar="N", help="number of minutes files")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="content directory to (re)create")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    args = parser.parse_args(argv)
    if args.meetings < 1:
        parser.error("--meetings must be at least 1")
    start = time.perf_counter()
    generate(args.out, args.meetings, args.seed)
    print(f"Wrote {args.meetings} meetings to {args.out} in {time.perf_counter() - start:.1f} s.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
