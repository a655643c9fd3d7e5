"""`protokoll import FILE.docx… [--council ID] [--date YYYY-MM-DD] [--dry-run]`.

Every file is read, recognised and written (or, with --dry-run, printed) on its
own; a refused file is named with its reason and nothing is written for it. An
existing minutes file is never overwritten. With several files a summary table
ends the run. Exit 1 when any file was refused, 2 for a usage error.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.shared.progress import Progress, stage

from .compose import Composer, Imported, Unrecognised
from .known import load_known
from .reader import ImportRefused, read
from .writer import dest_path, images_used, render, write


@dataclass
class Outcome:
    src: str
    meeting: Imported | None = None
    dest: Path | None = None
    error: str | None = None
    text: str | None = None
    """With --dry-run: the minutes file that would be written."""

    @property
    def warnings(self) -> list[str]:
        if self.meeting is None:
            return []
        notes = [f"kontrollera: {text}" for texts in self.meeting.notes.values() for text in texts]
        return notes + self.meeting.warnings


def import_one(src_path: Path, known, council: list[str] | None, date: dt.date | None) -> Imported:
    doc = read(src_path)
    composer = Composer(doc, known)
    composer.walk()
    return composer.meeting(council, date, src_path.stem)


def run(args) -> int:
    err = sys.stderr
    content: Path = args.content
    missing = [f for f in args.files if not f.is_file()]
    if missing:
        print(f"protokoll: fel: filen {missing[0]} finns inte.", file=err)
        return 2
    date = None
    if args.date:
        try:
            date = dt.date.fromisoformat(args.date)
            if len(args.date) != 10:
                raise ValueError
        except ValueError:
            print(f"protokoll: fel: --date {args.date} är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, t.ex. 2026-03-13.", file=err)
            return 2
    known, _ = load_known(content)
    council = [c.strip() for c in args.council.split(",") if c.strip()] if args.council else None
    for council_id in council or []:
        if council_id not in known.councils:
            print(f"protokoll: fel: rådet {council_id} finns inte i councils.yaml. Råd som finns: "
                  f"{', '.join(known.councils)}.", file=err)
            return 2
    outcomes: list[Outcome] = []
    planned: set[Path] = set()
    with stage(Progress.for_terminal(err), "importera") as step:
        advance = step.count(len(args.files), "filer")
        for src_path in args.files:
            outcomes.append(convert(src_path, known, council, date, planned, args))
            if advance is not None:
                advance(1)
    for outcome in outcomes:
        if outcome.text is not None:  # --dry-run: printed once the progress bar is gone
            print(f"==> {outcome.dest} <==\n{outcome.text}" if len(args.files) > 1 else outcome.text,
                  end="" if outcome.text.endswith("\n") else "\n")
    for outcome in outcomes:
        if outcome.error:
            print(f"{outcome.src}: fel: {outcome.error}", file=err)
        for warning in outcome.warnings:
            print(f"{outcome.src}: varning: {warning}", file=err)
        if outcome.dest and not outcome.error:
            verb = "Skulle skriva" if args.dry_run else "Skrev"
            print(f"{outcome.src}: {verb} {outcome.dest}. Granska filen och kör protokoll check.", file=err)
    if len(outcomes) > 1:
        print(summary(outcomes), file=err)
    return 1 if any(o.error for o in outcomes) else 0


def convert(src_path: Path, known, council: list[str] | None, date: dt.date | None, planned: set[Path],
            args) -> Outcome:
    """Read, recognise and write (with --dry-run: keep the text to print) one Word file."""
    outcome = Outcome(str(src_path))
    try:
        meeting = import_one(src_path, known, council, date)
    except (ImportRefused, Unrecognised) as exc:
        outcome.error = str(exc)
        return outcome
    dest = dest_path(args.content, meeting)
    if dest.exists() or dest in planned:
        outcome.error = (f"{dest} finns redan och skrivs inte över. Ta bort eller byt namn på den befintliga filen "
                         "om dokumentet ska ersätta den, eller ange ett annat datum med --date.")
        return outcome
    planned.add(dest)
    outcome.meeting, outcome.dest = meeting, dest
    text = render(meeting)
    if args.dry_run:
        outcome.text = text
        return outcome
    try:
        write(dest, text, images_used(meeting))
    except OSError as exc:
        outcome.error, outcome.meeting = f"{dest} kunde inte skrivas ({exc.strerror}).", None
    return outcome


def summary(outcomes: list[Outcome]) -> str:
    rows = [("Fil", "Råd", "Datum", "Deltagare", "Punkter", "Varningar")]
    for o in outcomes:
        m = o.meeting
        if m is None:
            rows.append((Path(o.src).name, "–", "–", "–", "–", "avvisad"))
            continue
        people = sum(1 for g in m.groups for e in g.entries if not e.vacant)
        rows.append((Path(o.src).name, ", ".join(m.council_ids), m.date.isoformat(), str(people), str(len(m.items)),
                     str(len(o.warnings))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
