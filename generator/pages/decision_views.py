"""View models of decisions: the meeting page's summary, the log entries, a person's statements.

`DecisionIndex` is built once per build from the analysis (every meeting's agenda with
its decisions), so no page scans all meetings. Log entries are prebuilt HTML, made once
per decision and shared by the site's log and each council's (tens of thousands of entries
at 10,000 meetings, where a Jinja loop costs more than the rest of the page).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from generator.shared import urls
from generator.content.decision_markup import decision_anchor
from generator.content.decisions import LABELS
from generator.content.markdown import MD
from generator.content.model import TYPE_LABELS, AgendaItem, Meeting, Site, Statement
from generator.pages.views import date_sv

PLAIN_NEEDS_PARSE = frozenset("*_`[]<>&\\!~")


def plain_text(markdown_text: str) -> str:
    """A decision's Markdown as plain text (emphasis, links and code reduced to their words)."""
    if not PLAIN_NEEDS_PARSE.intersection(markdown_text):
        return markdown_text
    parts = []
    for token in MD.parseInline(markdown_text)[0].children or []:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(token.content)
    return " ".join("".join(parts).split())


def item_label(item: AgendaItem) -> str:
    """`§ 23` or `Punkt 23`, to start a line with."""
    return item.label[0].upper() + item.label[1:]


def decision_id(meeting: Meeting, item: AgendaItem) -> str:
    """A decision's stable id: `<meeting key>/<anchor>`, e.g. `ssr/2026-03-13/p3`."""
    return f"{meeting.key}/{item.anchor}"


@dataclass(frozen=True)
class Entry:
    """One decision: an agenda item of a meeting that carries one."""

    meeting: Meeting
    item: AgendaItem

    @property
    def id(self) -> str:
        return decision_id(self.meeting, self.item)

    @property
    def url(self) -> str:
        return urls.meeting_url(self.meeting.folder, self.meeting.stem) + "#" + decision_anchor(self.item)

    @property
    def text(self) -> str:
        return plain_text(self.item.decision.text)


@dataclass(frozen=True)
class PersonStatement:
    meeting: Meeting
    item: AgendaItem
    statement: Statement


@dataclass
class DecisionIndex:
    entries: list[Entry]
    """Every decision, newest meeting first, then in agenda order."""
    by_meeting: dict[str, list[Entry]]
    """Meeting key -> its decisions in agenda order (meetings without any are left out)."""
    by_scope_year: dict[tuple[str, int], list[Meeting]]
    """(council id, or "" for the whole site; year) -> the meetings of that year, newest first."""
    by_person: dict[str, list[PersonStatement]]
    """Person id -> the reservations, protokollsanteckningar and jäv naming the person, newest first."""
    counts: Counter
    """(council id or "", year) -> number of decisions."""
    html: dict[str, Markup] = field(default_factory=dict)
    """Entry id -> its prebuilt log entry."""

    @classmethod
    def build(cls, site: Site, agendas: dict[str, tuple[AgendaItem, ...]]) -> "DecisionIndex":
        entries: list[Entry] = []
        by_meeting: dict[str, list[Entry]] = {}
        by_scope_year: dict[tuple[str, int], list[Meeting]] = defaultdict(list)
        by_person: dict[str, list[PersonStatement]] = defaultdict(list)
        counts: Counter = Counter()
        for meeting in site.meetings:
            for scope in ("", *meeting.council_ids):
                by_scope_year[(scope, meeting.date.year)].append(meeting)
            for item in agendas.get(meeting.key, ()):
                if item.decision is not None:
                    entry = Entry(meeting, item)
                    entries.append(entry)
                    by_meeting.setdefault(meeting.key, []).append(entry)
                    counts.update((scope, meeting.date.year) for scope in ("", *meeting.council_ids))
                for statement in item.statements:
                    for person_id in dict.fromkeys(p.person_id for p in statement.people):
                        by_person[person_id].append(PersonStatement(meeting, item, statement))
        return cls(entries, by_meeting, dict(by_scope_year), dict(by_person), counts)

    def of_meetings(self, meetings) -> list[Entry]:
        return [entry for meeting in meetings for entry in self.by_meeting.get(meeting.key, ())]

    def entry_html(self, entry: Entry, site: Site, href) -> Markup:
        """The log entry: item and link, date and councils, the decision, its reservations and the rest."""
        cached = self.html.get(entry.id)
        if cached is not None:
            return cached
        meeting, item = entry.meeting, entry.item
        councils = ", ".join(f'<a href="{escape(href(urls.council_url(c)))}">{escape(site.councils[c].short_name)}</a>'
                             for c in meeting.council_ids)
        title = f"{item_label(item)}{': ' + item.title if item.title else ''}"
        lines = "".join(statement_html(s, href) for s in item.statements)
        html = self.html[entry.id] = Markup(
            f'<li class="beslut-post"><h2 class="beslut-post-rubrik"><a href="{escape(href(entry.url))}">{escape(title)}</a></h2>'
            f'<p class="meta"><time datetime="{meeting.date.isoformat()}">{escape(date_sv(meeting.date))}</time> · '
            f"{escape(TYPE_LABELS[meeting.type])} · {councils}</p>"
            f'<p class="beslut-text">{escape(entry.text)}</p>{lines}</li>'
        )
        return html


def statement_html(statement: Statement, href) -> str:
    """`<p>` of a reservation, protokollsanteckning or jäv with the people linked, as in the minutes."""
    people = ", ".join(f'<a href="{escape(href(urls.person_url(p.person_id)))}">{escape(p.name)}</a>' for p in statement.people)
    text = f" – {escape(plain_text(statement.text))}" if statement.text else ""
    return (f'<p class="beslut-rad {statement.kind}"><strong>{escape(LABELS[statement.kind])}:</strong> '
            f"{people}{text}</p>")


def meeting_decisions(agenda: tuple[AgendaItem, ...]) -> dict:
    """What the meeting page adds: its decisions for the summary at the top, and the numbering style."""
    return {
        "paragraphs": bool(agenda) and agenda[0].paragraph,
        "decisions": [{"label": item_label(item), "title": item.title, "anchor": decision_anchor(item),
                       "item_anchor": item.anchor} for item in agenda if item.decision is not None],
    }


def person_statements(person_id: str, index: DecisionIndex, site: Site) -> list[dict]:
    """A person page's list: each reservation, protokollsanteckning and jäv, with a link to the item."""
    result = []
    for found in index.by_person.get(person_id, []):
        meeting, item, statement = found.meeting, found.item, found.statement
        anchor = decision_anchor(item) if item.decision is not None else item.anchor
        result.append({
            "kind": LABELS[statement.kind],
            "text": plain_text(statement.text),
            "url": urls.meeting_url(meeting.folder, meeting.stem) + "#" + anchor,
            "item": f"{item_label(item)}{': ' + item.title if item.title else ''}",
            "date": meeting.date.isoformat(),
            "date_sv": date_sv(meeting.date),
            "councils": ", ".join(site.councils[c].short_name for c in meeting.council_ids),
        })
    return result
