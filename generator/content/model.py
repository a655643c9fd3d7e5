"""The validated site: frozen records that every later stage reads.

records.py builds these from YAML (against the schema in `schema.py`) and reports what is wrong;
nothing here touches the disk or knows about HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PRESENT = "present"
ABSENT = "absent"
EXCUSED = "excused"
STATUSES = (PRESENT, ABSENT, EXCUSED)

PROTOKOLL = "protokoll"
MINNESANTECKNINGAR = "minnesanteckningar"
MEETING_TYPES = (PROTOKOLL, MINNESANTECKNINGAR)
TYPE_LABELS = {PROTOKOLL: "Protokoll", MINNESANTECKNINGAR: "Minnesanteckningar"}
"""How each type of minutes is named in titles and on pages."""

VERIFIED = "verified"
PENDING = "pending"
NOT_VERIFIED = "not-verified"
"""A meeting's justering status (Meeting.justering); views.JUSTERING_WORDS says them in Swedish."""


@dataclass(frozen=True)
class Contact:
    name: str
    """Who answers questions about the site's accessibility."""
    email: str
    """E-mail address shown in the accessibility statement."""
    phone: str
    """Telephone number shown in the accessibility statement (optional, may be empty)."""


@dataclass(frozen=True)
class SiteConfig:
    title: str
    """The site's name, shown in every page header and `<title>`."""
    organisation: str
    """The organisation that publishes the minutes (Region Örebro län)."""
    base_url: str
    """The path the site is served under, `/` or `/sub/`; `--base-url` overrides it."""
    contact: Contact
    """Contact for the accessibility statement."""
    url: str | None = None
    """The site's origin, `https://protokoll.example.se`, for absolute links in feeds,
    calendars and the sitemap; None when unknown (links are then absolute paths)."""
    intro: str | None = None
    """The home page's lead paragraph; None for the derived default."""
    footer: str | None = None
    """The sentence in every page's footer; None for the derived default."""
    description: str | None = None
    """The site's meta description (home page, and pages without their own); None for the default."""
    licence: str | None = None
    """Licence of the open data (`CC0 1.0`, `CC BY 4.0`, ...); None for CC0."""
    accessibility_reviewed: dt.date | None = None
    """When the accessibility statement was last reviewed; None for the build's date."""
    officiell_anslagstavla: bool = False
    """True when this site is the organisation's official anslagstavla; else the site says it is not."""
    besvarshanvisning: tuple[str, ...] = ()
    """Paragraphs that replace the default instructions on how to appeal (legal.py has the default)."""


@dataclass(frozen=True)
class RosterMember:
    name: str
    """The member's name as written in councils.yaml."""
    org: str | None
    """The organisation the member represents."""
    role: str | None
    """Role in the council (ordförande, vice ordförande, sekreterare, ...)."""
    start: dt.date | None
    """First day of the member's term (`from:`), inclusive; None for open."""
    end: dt.date | None
    """Last day of the member's term (`to:`), inclusive; None for open."""
    line: int
    """Line in councils.yaml."""

    def serves_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PlannedMeeting:
    date: dt.date
    """An announced date of a coming meeting (`upcoming:` in councils.yaml)."""
    cancelled: bool = False
    """`inställt: true`: the meeting will not be held."""


@dataclass(frozen=True)
class Council:
    id: str
    """ASCII id, also the council's URL segment and folder under minutes/."""
    name: str
    """Full name as the council writes it."""
    short_name: str
    """Short name for tables and lists; defaults to the name."""
    description: str
    """A paragraph about the council, shown on its page."""
    type: str
    """Default type of its minutes: protokoll or minnesanteckningar."""
    roster: tuple[tuple[str, tuple[RosterMember, ...]], ...] = ()
    """Group label -> members, in the order written."""
    upcoming: tuple[PlannedMeeting, ...] = ()
    """Announced dates of coming meetings, in date order."""
    justering: bool = True
    """False (`justering: false`) for a council whose minutes are never verified (justeras inte)."""
    anslag: bool = False
    """A nämnd under the Kommunallagen: the justering of its minutes is announced on the anslagstavla."""
    forvaringsplats: str | None = None
    """Where its signed minutes are kept (`förvaringsplats:`), said in every announcement."""


@dataclass(frozen=True)
class Organisation:
    id: str
    """ASCII id, the key in organisations.yaml."""
    name: str
    """The canonical name, shown on every page."""
    aliases: tuple[str, ...] = ()
    """Other spellings that mean this organisation; resolved to `name` when read."""


@dataclass(frozen=True)
class Person:
    id: str
    """Stable ASCII id; the person's URL slug."""
    name: str
    """Canonical name shown on pages."""
    aliases: tuple[str, ...] = ()
    """Other spellings in minutes that mean this person."""
    org: str | None = None
    """Organisation that tells homonyms apart."""
    declared: bool = False
    """True when the person comes from people.yaml, False when inferred from minutes."""


@dataclass(frozen=True)
class Attendee:
    name: str
    """The name as written in the minutes."""
    person_id: str
    """Resolved identity (see people.py)."""
    org: str | None
    """Organisation as written for this meeting."""
    status: str
    """present, absent or excused."""
    role: str | None
    """Role at this meeting, e.g. ordförande or sekreterare."""
    replaces: str | None
    """Name of the member this substitute served for."""
    line: int
    """Line of the entry in the minutes file."""


@dataclass(frozen=True)
class Vacancy:
    """A seat with nobody in it (`- vakant: RF-SISU`): shown as "Vakant", never a person, never counted."""

    org: str
    """The organisation whose seat is empty."""
    position: int
    """How many attendees of its group are listed before it."""
    line: int


@dataclass(frozen=True)
class AttendanceGroup:
    label: str
    """Group heading as written (Ledamöter, Ersättare, Övriga närvarande, ...)."""
    attendees: tuple[Attendee, ...]
    """Attendees in the order written."""
    line: int
    vacancies: tuple[Vacancy, ...] = ()
    """Vacant seats, each placed among the attendees by its position."""


@dataclass(frozen=True)
class Justerare:
    name: str
    """Name of the person who verifies the minutes."""
    person_id: str
    """Resolved identity."""
    date: dt.date | None
    """Date of signing; None while not yet signed."""
    line: int


RESERVATION = "reservation"
PROTOKOLLSANTECKNING = "protokollsanteckning"
JAV = "jav"
STATEMENT_KINDS = (RESERVATION, PROTOKOLLSANTECKNING, JAV)


@dataclass(frozen=True)
class NamedPerson:
    name: str
    """The name as written in the decision line."""
    person_id: str
    """The attendee of the meeting it resolved to."""


@dataclass(frozen=True)
class Statement:
    """A `Reservation:`, `Protokollsanteckning:` or `Jäv:` line of an agenda item."""

    kind: str
    """reservation, protokollsanteckning or jav."""
    people: tuple[NamedPerson, ...]
    """Who, in the order written."""
    text: str
    """The free text after ` – `, empty when there is none."""
    line: int


@dataclass(frozen=True)
class Decision:
    """The item's `Beslut:` paragraph, or its `### Beslut` block."""

    text: str
    """The decision as written (Markdown), its lines joined by spaces, without the `Beslut:` label."""
    line: int
    """Line of `Beslut:` or `### Beslut`."""
    end_line: int
    """Last line of the decision's text."""
    heading: bool = False
    """True for a `### Beslut` block, False for a `Beslut:` paragraph."""


@dataclass(frozen=True)
class AgendaItem:
    number: str
    """The item's number as written (`5`)."""
    title: str
    """Heading text after the number."""
    anchor: str
    """Stable fragment id, `p5`."""
    line: int
    paragraph: bool = False
    """True when the item is a numbered paragraph (`## § 23 Budget`), False for a point (`## 23. Budget`)."""
    decision: Decision | None = None
    """The item's decision; None for an information item."""
    statements: tuple[Statement, ...] = ()
    """Reservations, protokollsanteckningar and jäv, in the order written."""

    @property
    def label(self) -> str:
        """`§ 23` or `punkt 23`, as a decision log names the item."""
        return f"§ {self.number}" if self.paragraph else f"punkt {self.number}"


@dataclass(frozen=True)
class Anslag:
    council_id: str | None
    """The council whose anslagstavla it was; None when one date is given for every council of the meeting."""
    date: dt.date
    """The day the justering was announced (`anslagen:`)."""
    line: int


@dataclass(frozen=True)
class Rattelse:
    date: dt.date
    """When the correction was made (`datum:`)."""
    item: str | None
    """Number of the agenda item it concerns (`punkt:`), or None for the whole minutes."""
    text: str
    """What was corrected, in the editor's words."""
    line: int


@dataclass(frozen=True)
class Meeting:
    key: str
    """`<folder>/<stem>`, unique: the meeting's identity and URL path."""
    folder: str
    """The council folder the file lives in (its first council)."""
    stem: str
    """File name without `.md`: the date, optionally with a suffix."""
    rel_path: str
    """Path of the source file as shown in messages."""
    content_rel: str
    """Path relative to the content directory."""
    council_ids: tuple[str, ...]
    """Every council the meeting belongs to; more than one for a joint meeting."""
    date: dt.date
    """The meeting's date."""
    type: str
    """protokoll or minnesanteckningar."""
    title: str
    """Given or derived title."""
    time: str | None
    """Time as written, e.g. `09:00-12:00`."""
    place: str | None
    """Where the meeting was held."""
    justerare: tuple[Justerare, ...]
    """Who verifies the minutes, with signing dates."""
    groups: tuple[AttendanceGroup, ...]
    """Attendance, grouped as written."""
    body: str = field(repr=False, default="")
    """The Markdown after the front matter."""
    body_first_line: int = 1
    """Line of the first body line in the file."""
    attachments: tuple[str, ...] = ()
    """File names of the meeting's attachments."""
    anslagen: tuple[Anslag, ...] = ()
    """When the justering was announced on the anslagstavla (see legal.py)."""
    rattelser: tuple[Rattelse, ...] = ()
    """Corrections made after justering, in the order written."""
    justerare_line: int = 1
    """Line of the `justerare:` key (where a missing `anslagen` is reported)."""

    @property
    def is_joint(self) -> bool:
        return len(self.council_ids) > 1

    @property
    def justerat(self) -> bool:
        """Verified: there are justerare and every one has signed."""
        return bool(self.justerare) and all(j.date for j in self.justerare)

    @property
    def justering(self) -> str:
        """The verification status: VERIFIED, PENDING, or NOT_VERIFIED when there are no justerare."""
        if not self.justerare:
            return NOT_VERIFIED
        return VERIFIED if self.justerat else PENDING

    def attendees(self):
        for group in self.groups:
            yield from group.attendees


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    councils: dict[str, Council]
    """Council id -> council, in councils.yaml order."""
    people: dict[str, Person]
    """Person id -> person, declared and inferred."""
    meetings: tuple[Meeting, ...]
    """All meetings, newest first (date, then key)."""
    org_names: dict[str, str] = field(default_factory=dict)
    """Every spelling in organisations.yaml (normalised) -> its canonical name; empty without the file."""

