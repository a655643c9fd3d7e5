"""An imported meeting as a minutes file (DESIGN.md 1): front matter with `# kontrollera:` comments, then Markdown."""

from __future__ import annotations

import os
from pathlib import Path

from generator.content.frontmatter import yaml_text
from .compose import Imported

NOTE = "# kontrollera:"


def _comment(notes: list[str] | None) -> str:
    return f"  {NOTE} {'; '.join(notes)}" if notes else ""


def render(meeting: Imported) -> str:
    notes = meeting.notes
    lines = ["---"]
    lines += [f"{NOTE} {text}" for text in notes.get("body", [])]
    if len(meeting.council_ids) == 1:
        lines.append(f"council: {meeting.council_ids[0]}{_comment(notes.get('council'))}")
    else:
        lines.append("council:" + _comment(notes.get("council")))
        lines += [f"  - {c}" for c in meeting.council_ids]
    lines.append(f"date: {meeting.date.isoformat()}{_comment(notes.get('date'))}")
    lines.append(f"type: {meeting.type}")
    if meeting.title:
        lines.append(f"title: {yaml_text(meeting.title)}")
    if meeting.time:
        lines.append(f'time: "{meeting.time}"')
    if meeting.place:
        lines.append(f"place: {yaml_text(meeting.place)}")
    if not meeting.justerare:
        lines.append("justerare: []" + _comment(notes.get("justerare")))
    else:
        lines.append("justerare:" + _comment(notes.get("justerare")))
        for name, date in meeting.justerare:
            lines.append(f"  - name: {yaml_text(name)}")
            if date:
                lines.append(f"    date: {date.isoformat()}")
    lines.append("närvaro:" if meeting.groups else "närvaro: {}")
    for group in meeting.groups:
        lines.append(f"  {yaml_text(group.label)}:" + _comment([group.note] if group.note else None))
        for entry in group.entries:
            comment = _comment(entry.notes)
            if entry.vacant:
                lines.append(f"    - vakant: {yaml_text(entry.org or 'okänd organisation')}{comment}")
            elif entry.status == "present" and not entry.role and not entry.replaces and "," not in entry.name:
                shorthand = f"{entry.name}, {entry.org}" if entry.org else entry.name
                lines.append(f"    - {yaml_text(shorthand)}{comment}")
            else:
                lines.append(f"    - name: {yaml_text(entry.name)}{comment}")
                for key, value in (("org", entry.org), ("status", None if entry.status == "present" else entry.status),
                                   ("role", entry.role), ("replaces", entry.replaces)):
                    if value:
                        lines.append(f"      {key}: {yaml_text(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + meeting.body


def dest_path(content: Path, meeting: Imported) -> Path:
    return content / "minutes" / meeting.council_ids[0] / f"{meeting.date.isoformat()}.md"


def images_used(meeting: Imported) -> dict[str, bytes]:
    prefix = f"{meeting.date.isoformat()}/"
    return {name: data for name, data in meeting.images.items() if f"]({prefix}{name})" in meeting.body}


def write(dest: Path, text: str, images: dict[str, bytes]) -> None:
    """Write the minutes and its images; never over an existing file ("x"), and nothing left half-written."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    folder = dest.with_suffix("")
    written: list[Path] = []
    try:
        with open(dest, "x", encoding="utf-8") as handle:
            written.append(dest)
            handle.write(text)
        if images:
            folder.mkdir(exist_ok=True)
            for name, data in images.items():
                with open(folder / name, "xb") as handle:
                    written.append(folder / name)
                    handle.write(data)
    except OSError:
        for path in written:
            os.unlink(path)
        raise
