"""The schema of the editors' YAML: every key, and typed access that reports problems.

Each key an editor may write is declared once, in a `Field` with a Swedish
help text; unknown keys get a "menade du …?" suggestion from that table. All
values arrive as strings (see frontmatter.py) and are typed by `Checker`;
records.py builds the site's records with it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass

from .frontmatter import YList, YMap, YNode, YScalar
from .model import ABSENT, EXCUSED, PRESENT
from generator.shared.problems import Problems
from generator.shared.urls import ID_RE, RESERVED_IDS

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STEM_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-([a-z0-9]+(?:-[a-z0-9]+)*))?$")
HTML_RE = re.compile(r"<\s*[a-zA-Z!/?]")
MAX_TEXT = 2000
SITE_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?$")
# Invisible characters: zero-width ones are dropped (they only split one name
# into two people); bidi and other control characters are refused (they can
# make a name or a date display as something else: "Trojan Source").
ZERO_WIDTH_RE = re.compile("[\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff]")
CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")
"""Refused in every front-matter text: C0/C1 controls, bidi marks, overrides and isolates, tag characters."""
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidi overrides and isolates, refused in body text too (marks like U+200F are needed in right-to-left text)."""
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters and symbols that show as nothing (Hangul fillers, the blank Braille pattern)."""
MIN_YEAR, MAX_YEAR = 1900, 2199
"""Dates outside these years are refused: no minutes are that old, and calendars, feeds and
time zones need room on either side of every date."""

STATUS_WORDS = {
    "present": PRESENT, "närvarande": PRESENT,
    "absent": ABSENT, "frånvarande": ABSENT,
    "excused": EXCUSED, "anmält förhinder": EXCUSED, "förhinder": EXCUSED,
}

BOOLEAN_WORDS = {"true": True, "false": False, "ja": True, "nej": False}


def did_you_mean(word: str, known, cutoff: float, otherwise: str = "", quote: str = "`") -> str:
    """The hint after a message about an unknown `word`: the closest of `known`, else `otherwise`."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return f" Menade du {quote}{close[0]}{quote}?" if close else otherwise


@dataclass(frozen=True)
class Field:
    key: str
    required: bool
    help: str
    """Swedish description for editors; the editor's guide lists these."""


MEETING_FIELDS = {f.key: f for f in [
    Field("council", True, "Rådets id, eller en lista av id:n för ett gemensamt möte."),
    Field("date", True, "Mötesdatum, ÅÅÅÅ-MM-DD. Ska stämma med filnamnet."),
    Field("type", False, "protokoll eller minnesanteckningar (standard: rådets typ)."),
    Field("title", False, "Rubrik; härleds av typ och råd när den saknas."),
    Field("time", False, "Tid som text, t.ex. \"09:00-12:00\"."),
    Field("place", False, "Plats för mötet."),
    Field("justerare", True, "Lista över justerare: namn, eller name och date när personen justerat."),
    Field("närvaro", True, "Grupper av deltagare: rubrik -> lista med \"Namn, Organisation\" eller name/org/status/role/replaces."),
    Field("anslagen", False, "Dagen då justeringen anslogs på anslagstavlan, ÅÅÅÅ-MM-DD; för ett gemensamt möte "
                             "med olika dagar en mappning råd-id: datum."),
    Field("rättelser", False, "Rättelser efter justering: lista med datum, punkt (valfri) och text."),
]}
RATTELSE_FIELDS = {f.key: f for f in [
    Field("datum", True, "Dagen då rättelsen gjordes, ÅÅÅÅ-MM-DD."),
    Field("punkt", False, "Numret på ärendet som rättelsen gäller, t.ex. 23."),
    Field("text", True, "Vad som rättades."),
]}
ATTENDEE_FIELDS = {f.key: f for f in [
    Field("name", True, "Personens namn."),
    Field("org", False, "Organisation personen företräder."),
    Field("status", False, "present (standard), absent eller excused (anmält förhinder)."),
    Field("role", False, "Roll vid mötet: ordförande, vice ordförande, sekreterare …"),
    Field("replaces", False, "Namnet på ledamoten som ersättaren tjänstgjorde för."),
]}
VACANCY_FIELDS = {f.key: f for f in [
    Field("vakant", True, "Organisationen vars plats är vakant, t.ex. RF-SISU; visas som Vakant och räknas inte."),
]}
JUSTERARE_FIELDS = {f.key: f for f in [
    Field("name", True, "Justerarens namn."),
    Field("date", False, "Datum då personen justerade, ÅÅÅÅ-MM-DD."),
]}
SITE_FIELDS = {f.key: f for f in [
    Field("title", True, "Webbplatsens namn."),
    Field("organisation", True, "Organisationen som publicerar protokollen."),
    Field("base_url", False, "Sökväg som webbplatsen ligger under, t.ex. / eller /protokoll/."),
    Field("contact", True, "Kontakt för tillgänglighetsredogörelsen: name, email, phone."),
    Field("url", False, "Webbplatsens adress utan sökväg, t.ex. https://protokoll.example.se; ger fullständiga länkar i flöden, kalendrar, webbplatskartan och utskrifter."),
    Field("intro", False, "Inledningen på startsidan (ett stycke)."),
    Field("footer", False, "Meningen i sidfoten på varje sida."),
    Field("description", False, "Kort beskrivning av webbplatsen för sökmotorer (meta description)."),
    Field("licence", False, "Licens för öppna data, t.ex. CC0 1.0 (standard) eller CC BY 4.0."),
    Field("accessibility_reviewed", False, "Datum då tillgänglighetsredogörelsen senast granskades, ÅÅÅÅ-MM-DD (standard: byggets datum)."),
    Field("officiell_anslagstavla", False, "true om webbplatsen är organisationens officiella anslagstavla (standard: false)."),
    Field("besvärshänvisning", False, "Text som ersätter den inbyggda besvärshänvisningen; stycken skiljs åt med en tom rad."),
]}
CONTACT_FIELDS = {f.key: f for f in [
    Field("name", True, "Namn på kontakten."),
    Field("email", True, "E-postadress."),
    Field("phone", False, "Telefonnummer."),
]}
COUNCIL_FIELDS = {f.key: f for f in [
    Field("name", True, "Rådets fullständiga namn."),
    Field("short_name", False, "Kort namn för tabeller och listor."),
    Field("description", False, "Beskrivning som visas på rådets sida."),
    Field("type", False, "Standardtyp för rådets möten: protokoll eller minnesanteckningar."),
    Field("roster", False, "Ledamöter: grupprubrik -> lista med name, org, role, from, to."),
    Field("upcoming", False, "Lista med kommande mötesdatum: ett datum, eller date och inställt: true för ett inställt möte."),
    Field("justering", False, "false om rådets protokoll aldrig justeras (sidorna visar då \"Justeras inte\"); standard true."),
    Field("anslag", False, "true för en nämnd vars justerade protokoll anslås på anslagstavlan (kommunallagen)."),
    Field("förvaringsplats", False, "Var det justerade protokollet förvaras; krävs när anslag är true."),
]}
UPCOMING_FIELDS = {f.key: f for f in [
    Field("date", True, "Mötesdatum, ÅÅÅÅ-MM-DD."),
    Field("inställt", False, "true när mötet är inställt."),
]}
ROSTER_FIELDS = {f.key: f for f in [
    Field("name", True, "Namn."),
    Field("org", False, "Organisation."),
    Field("role", False, "Roll i rådet."),
    Field("from", False, "Första dag i uppdraget, ÅÅÅÅ-MM-DD."),
    Field("to", False, "Sista dag i uppdraget, ÅÅÅÅ-MM-DD."),
]}
ORGANISATION_FIELDS = {f.key: f for f in [
    Field("name", True, "Organisationens namn som det visas på sidorna (`Askersunds kommun`)."),
    Field("aliases", False, "Andra stavningar som betyder samma organisation (`[Askersund, Askersund kommun]`)."),
]}

PERSON_FIELDS = {f.key: f for f in [
    Field("name", True, "Det namn som visas på sidorna."),
    Field("aliases", False, "Andra stavningar som betyder samma person."),
    Field("org", False, "Organisation; skiljer personer med samma namn åt."),
]}


@dataclass
class Checker:
    """Typed accessors over YAML nodes that report problems for one file."""

    rel_path: str
    problems: Problems

    def error(self, line: int, code: str, message: str) -> None:
        self.problems.error(self.rel_path, line, code, message)

    def warning(self, line: int, code: str, message: str) -> None:
        self.problems.warning(self.rel_path, line, code, message)

    def mapping(self, node: YNode | None, what: str, line: int) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.error(node.line if node else line, "expected-mapping",
                   f"{what} ska vara en mappning med `nyckel: värde` på egna rader.")
        return None

    def fields(self, node: YMap, spec: dict[str, Field], what: str) -> None:
        """Report unknown keys (with a suggestion) and missing required ones."""
        for key, entry in node.entries.items():
            if key not in spec:
                hint = did_you_mean(key, spec, 0.6, f" Tillåtna nycklar: {', '.join(spec)}.")
                self.error(entry.key_line, "unknown-key", f"Okänd nyckel `{key}` i {what}.{hint}")
        for key, field in spec.items():
            if field.required and key not in node.entries:
                self.error(node.line, "missing-key", f"Nyckeln `{key}` saknas i {what}. {field.help}")

    def text(self, node: YNode | None, key: str, line: int, required: bool = False, label: str | None = None) -> str | None:
        """A scalar as clean text; `label` is what messages call it (default: the key in backticks)."""
        if node is None:
            return None
        label = label or f"`{key}`"
        if not isinstance(node, YScalar):
            self.error(node.line, "expected-text", f"{label} ska vara en text, inte en lista eller mappning.")
            return None
        value = " ".join(ZERO_WIDTH_RE.sub("", node.value).split())
        if not value:
            if required:
                self.error(node.line, "empty-value", f"{label} får inte vara tom.")
            return None
        control = CONTROL_RE.search(value)
        if control:
            self.error(node.line, "control-character",
                       f"{label} innehåller ett osynligt styrtecken ({char_name(control.group())}), till exempel för "
                       "textriktning, som kan få texten att visas i fel ordning. Ta bort tecknet; skriv om texten om det behövs.")
            return None
        if not any(is_visible(ch) for ch in value):
            self.error(node.line, "invisible-text",
                       f"{label} består bara av osynliga eller kombinerande tecken ({char_name(value[0])}). "
                       "Skriv texten med vanliga bokstäver.")
            return None
        if HTML_RE.search(value):
            self.error(node.line, "html-in-text",
                       f"{label} innehåller HTML (`<…>`). Skriv ren text; HTML är bara tillåten i brödtexten.")
            return None
        if len(value) > MAX_TEXT:
            self.error(node.line, "text-too-long", f"{label} är längre än {MAX_TEXT} tecken. Korta texten.")
            return None
        return value

    def date(self, node: YNode | None, key: str) -> dt.date | None:
        if node is None:
            return None
        raw = self.text(node, key, node.line, required=True)
        if raw is None:
            return None
        if not DATE_RE.match(raw):
            self.error(node.line, "bad-date", f"`{key}: {raw}` är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-03-21.")
            return None
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            self.error(node.line, "bad-date", f"Datumet {raw} finns inte i kalendern. Kontrollera månad och dag.")
            return None
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            self.error(node.line, "date-out-of-range",
                       f"Datumet {raw} ligger utanför åren {MIN_YEAR}–{MAX_YEAR}, som webbplatsen kan visa. "
                       "Kontrollera årtalet.")
            return None
        return value

    def boolean(self, node: YNode | None, key: str, default: bool) -> bool:
        if node is None:
            return default
        raw = self.text(node, key, node.line, required=True)
        if raw is None:
            return default
        value = BOOLEAN_WORDS.get(raw.casefold())
        if value is None:
            self.error(node.line, "bad-boolean", f"`{key}: {raw}` ska vara true eller false.")
            return default
        return value

    def items(self, node: YNode | None, key: str) -> list[YNode]:
        if node is None:
            return []
        if isinstance(node, YList):
            return node.items
        if isinstance(node, YScalar) and not node.value.strip():
            return []
        self.error(node.line, "expected-list", f"`{key}` ska vara en lista, med ett `- ` framför varje rad.")
        return []


def is_visible(ch: str) -> bool:
    """A character that shows as something: a letter, digit, punctuation or symbol that is not blank."""
    return unicodedata.category(ch)[0] in "LNPS" and ch not in BLANK_LOOKING


def char_name(ch: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`, as editors can look it up."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def body_controls(body: str, first_line: int, checker: "Checker") -> None:
    """Refuse bidi overrides and isolates in the Markdown body, at their lines ("Trojan Source")."""
    reported = set()
    for match in BIDI_RE.finditer(body):
        line = first_line + body.count("\n", 0, match.start())
        if line in reported:
            continue
        reported.add(line)
        checker.error(line, "control-character",
                      f"Brödtexten innehåller ett osynligt styrtecken för textriktning ({char_name(match.group())}), "
                      "som kan få texten att visas i en annan ordning än den står. Ta bort tecknet.")


def check_id(checker: Checker, value: str, line: int, what: str) -> bool:
    if not ID_RE.match(value):
        checker.error(line, "bad-id", f"{what} `{value}` får bara innehålla a–z, 0–9 och bindestreck (t.ex. `ssr-folkhalsa`).")
        return False
    if value in RESERVED_IDS:
        checker.error(line, "reserved-id", f"{what} `{value}` är reserverat för en egen sida på webbplatsen. Välj ett annat id.")
        return False
    return True
