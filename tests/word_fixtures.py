"""Real .docx files built with python-docx in the layouts of the five seeds (shared/seeds/000–004).

Each builder writes a Word document the way a secretary would have: letterheads,
automatic numbering, tables, struck-through names, ✓ columns, a tracked change
(w:ins / w:del injected through python-docx's oxml), a hyperlink, an image and a
non-breaking space in a name.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

B, S, I = "bold", "strike", "italic"


def run(paragraph, text: str, *marks: str):
    r = paragraph.add_run(text)
    r.bold = B in marks or None
    r.font.strike = S in marks or None
    r.italic = I in marks or None
    return r


def para(container, *parts, style: str | None = None):
    """A paragraph of parts: "text", or ("text", B, S…), or "\\n" for a line break."""
    p = container.add_paragraph(style=style)
    for part in parts:
        if part == "\n":
            p.add_run().add_break()
        elif isinstance(part, tuple):
            run(p, part[0], *part[1:])
        else:
            run(p, part)
    return p


def hyperlink(paragraph, text: str, url: str | None = None, anchor: str | None = None) -> None:
    link = OxmlElement("w:hyperlink")
    if url:
        link.set(qn("r:id"), paragraph.part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                                                      is_external=True))
    else:
        link.set(qn("w:anchor"), anchor or "top")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    link.append(r)
    paragraph._p.append(link)


def tracked(paragraph, inserted: str, deleted: str) -> None:
    """Append a tracked insertion and a tracked deletion to the paragraph."""
    for tag, text_tag, text in (("w:ins", "w:t", inserted), ("w:del", "w:delText", deleted)):
        change = OxmlElement(tag)
        change.set(qn("w:id"), str(len(paragraph._p)))
        change.set(qn("w:author"), "Sekreteraren")
        change.set(qn("w:date"), "2026-02-07T10:00:00Z")
        r = OxmlElement("w:r")
        t = OxmlElement(text_tag)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        r.append(t)
        change.append(r)
        paragraph._p.append(change)


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def png(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def table(doc, rows, widths=None):
    """A table of rows; a cell is "text", a tuple of parts, or a list of paragraphs (each a tuple of parts)."""
    t = doc.add_table(rows=0, cols=max(len(r) for r in rows))
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row):
            paragraphs = value if isinstance(value, list) else [value if isinstance(value, tuple) else (value,)]
            first = True
            for parts in paragraphs:
                p = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                for part in (parts if isinstance(parts, tuple) else (parts,)):
                    if part == "\n":
                        p.add_run().add_break()
                    elif isinstance(part, tuple):
                        run(p, part[0], *part[1:])
                    else:
                        run(p, part)
    return t


ADDRESS = [[("POSTADRESS", B), ("BESÖKSADRESS", B), ("TELEFON", B), ("ORG.NR", B)],
           ["Region Örebro län Box 1613 701 16 Örebro", "Klostergatan 23 Örebro", "019-602 70 00", "232100-0164"]]
LETTERHEAD_000 = [("Specifika samverkansrådet",), ("Folkhälsa samt social välfärd samt vård och omsorg",),
                  (("Tjänsteställe", B),), ("Förvaltningen regional utveckling",), (("Sekreterare", B),),
                  ("Michael Karlsson",)]


def seed_000(path: Path) -> Path:
    """Joint SSR meeting 2026-03-13: letterhead repeated at page breaks, automatic numbering with bold
    lead titles, "Justerat av", two member tables with struck-through names."""
    doc = docx.Document()
    letterhead = lambda: [para(doc, *parts) for parts in LETTERHEAD_000]  # noqa: E731
    letterhead()
    para(doc, "Minnesanteckningar specifikt samverkansråd folkhälsa samt social välfärd samt vård och omsorg, "
              "13 mars 2026", style="Heading 2")
    para(doc, "Justerat av: Veronica Wallgren 2026-03-24, Joakim Carlsson 2026-03-24")
    para(doc, "\tÄrenden")
    items = [
        ("Mötet öppnas", " – Ordförande Joakim Carlsson öppnar mötet"),
        ("Fastställande av dagordning", " – Ordförande Dagordningen fastställdes Punkt 11 med Cecilia Lönn-Elgstrand "
                                        "tidigareläggs i dagordningen"),
        ("Val av justerare", " – Ordförande, till justerare valdes Veronica Wallgren, som även välkomnades som ny ledamot."),
        ("Föregående möte och protokoll", " – Föregående protokoll läggs till handlingarna"),
        ("Utmaningar kring samverkan mellan folkhälsoteamen och sociala sektorn (socialtjänst)",
         " – Albin Algotsson, biträdande lektor i statskunskap vid Linköpings Universitet. Se vidare bif. PPT."),
        ("Rapport från chefsgrupperna", " - Ingmar Ångman, Anna Jakobsson-Torvik"),
        ("Nära vård", " – Ammi Gustavsson, Jan Sundelius. PPT med presentationen bifogas."),
        ("Föräldraskapsstöd", " - Maria Lindborg och Fanny Wånggren Uppföljning av antagen föräldraskapsstödsstrategi."),
        ("TSI rapporten", " – Camilla Pettersson, Daniel Berglund Presentation av pågående arbete med TSI."),
        ("Sammanträdesdatum 2026:", " 22/5 (fysiskt möte på Regionhuset) samt 18/9, 20/11 mötet genomförs digitalt."),
        ("Övriga frågor:", " Ordförande,"),
        ("Mötet avslutas", " – Ordförande tackar alla för medverkan och avslutar mötet."),
    ]
    for number, (lead, rest) in enumerate(items, start=1):
        para(doc, (lead, B), rest, style="List Number")
        if number == 6:
            page_break(doc)
            letterhead()
            para(doc, "Anna rapporterar från chefsgrupp folkhälsa: 29/1: FH-chefer.")
            para(doc, ("Aktuellt från området", B), " – Framtidens socialtjänst – lärprocessen har genomfört en startkonferens.")
        if number == 11:
            para(doc, "Utse ersättare till vice ordförande;")
    para(doc, ("Närvarolista:", B))
    table(doc, ADDRESS)
    page_break(doc)
    letterhead()
    members = {
        "Specifika samverkansrådet social välfärd samt vård och omsorg": [
            ("Joakim Carlsson", "Region Örebro län"), ("~Niina Linati", "Askersund kommun"),
            ("~Cathrine Lindgren", "Degerfors kommun"), ("Veronica Wallgren", "Hallsbergs kommun"),
            ("Christina Kuurne", "Hällefors kommun"), ("~Lena Jonsson Arndt", "Karlskoga kommun"),
            ("~Annica Sjöqvist", "Kumla kommun"), ("Jonas Hansen", "Lekebergs kommun"), ("Jerry Karjalainen", "Laxå kommun"),
            ("~Joel Olsson", "Lekebergs kommun"), ("~Tom Persson", "Lindesberg kommun"),
            ("Peter Kotilainen", "Ljusnarsberg kommun"), ("Anna\u00a0Karlsson", "Nora kommun"),
            ("Jessica Ekerbring", "Örebro kommun")],
        "Specifika samverkansrådet folkhälsa": [
            ("Behcet Barsom", "Region Örebro län"), ("~Anna Ahné", "Askersund kommun"),
            ("~Ann-Christin Pettersson", "Degerfors kommun"), ("Veronica Wallgren", "Hallsbergs kommun"),
            ("~Margurite Wase", "Hällefors kommun"), ("Ann-Catrin Örtkvist", "Karlskoga kommun"),
            ("~Annica Sjöqvist", "Kumla kommun"), ("Jerry Karjalainen", "Laxå kommun"), ("~Joel Olsson", "Lekeberg kommun"),
            ("~Tom Persson", "Lindesberg kommun"), ("Peter Kotilainen", "Ljusnarsbergs kommun"),
            ("Anna Karlsson", "Nora kommun"), ("Jimmy Nordengren", "Örebro kommun"), ("Mattias Folkesson", "RF-SISU"),
            ("Cecilia Lönn-Elgstrand", "ÖLBF")],
    }
    for council, people in members.items():
        para(doc, (council, B))
        para(doc, ("Ledamöter:", B))
        table(doc, [["Namn", "Organisation"]] + [
            [((name.lstrip("~"), S) if name.startswith("~") else name,), org] for name, org in people])
    para(doc, ("Övriga", B))
    for name in ("Anna Jakobsson-Torvik", "Maria Lindborg", "Ingmar Ångman", "Michael Karlsson"):
        para(doc, f"{name}, Region Örebro län")
    table(doc, ADDRESS)
    doc.save(path)
    return path


def seed_001(path: Path) -> Path:
    """Chefsgrupp SoVV 2026-02-06: an agenda table (number, title, body) with sub-items 6a–6d, a tracked
    change, and a list of names with strikethrough, "ersätts av" and "- sekreterare"."""
    doc = docx.Document()
    para(doc, "Minnesanteckningar för Chefsgrupp för samverkan social välfärd samt vård och omsorg", style="Title")
    para(doc, "När: 6 februari 2026, 08:30 – 12.00")
    para(doc, "Var: Regionarkivet, Lokal Framtiden")
    rows = [["", "Dagordning", "Delpunkter"],
            ["1.", "Inledning", "Genomgång av närvarande deltagare Ingmar hälsar välkommen och öppnar mötet."],
            ["2.", "Dagordning", "Inga synpunkter"],
            ["3.", "Föregående minnesanteckning", "Utskickade och läggs till handlingarna."],
            ["4.", "Rapport från AU", "Två möten har genomförts under dec. och januari."],
            ["5.", "Rapport från länsdelsgrupperna - Fredrik, Annika, Marie-Louise, Jaana",
             [(("Norr:", B), " Fokus på mobilt närsvårdssteam."), (("Örebro:", B), " Inget möte har ännu genomförts.")]],
            ["6.", "Psykisk hälsa – Maria Belik, Johanna Bernström-Högblom, Michael Karlsson, Fanny Wånggren och Åsa Kindahl",
             [("6a. Informationsärende: Överenskommelsen mellan SKR och regeringen",), ("Presentation, se bifogad PPT.",),
              ("6b. Sammansättning implementeringsgrupp (team) IPS",), ("Beslutas: Förslag angående implementeringsteam antas.",),
              ("6c. Utvärdering länsdelssamordnare",), ("Fanny Wånggren presenterar utvärdering.",),
              ("6d. Informationsärende: BPSD projektet",), ("Åsa Kindahl sammanfattade projektets genomförande.",)]],
            ["7.", "Nya SoL – Åsa Tiderman", "Informationsärende: Omställningens huvudpunkter."],
            ["8.", "# Framtid - Emelie Andersson, Anki Lindell", "Informationsärende: Information om ett ESF-projekt."],
            ["9.", "Nära vård - Ammi Gustafsson, Fredrik Svensson samt Madelene Johanson",
             [(("9a. Läkaravtalet – fortsatt process", B), ": Dag Salaj och Caroline Eklöf har lämnat ett förslag."),
              (("9b Rapport från uppföljningskonferens anordnad av Socialstyrelsen.", B), " Regionerna har redovisat.")]],
            ["10.", "E-Hälsa – Anna Mann, Karin Brage", "Informationsärende: Uppföljning av Mitt vaccin."],
            ["11.", "Barnahus – Johanna Viberg", "Ett uppdrag att se över avtal. Beslut: att ge Välfärd och folkhälsa i uppdrag."],
            ["12.", "Översyn av överenskommelser och riktlinjer – Ingmar Ångman", "Se bilagt dokument."],
            ["13.", "Chefsgruppens arbetsätt – Ingmar Ångman", [(("a) Sammansättning AU", B), " – information: klar.")]],
            ["14.", "Kort utvärdering och sammanfattning", "Michael sammanfattar beslutssammanställning."],
            ["15.", "Mötets avslutning", "Ingmar tackar för deltagandet och mötet avslutas."]]
    agenda = table(doc, rows)
    tracked(agenda.rows[3].cells[2].paragraphs[0], " Även skolchefsgruppen har beslutat anta handlingsplanen.",
            " Utkastet diskuterades.")
    para(doc, "Deltagare:")
    for name in ("Ingmar Ångman", "Annika Roman", "~Lise Bergman Nordgren", "~Daniel Åhnberg", "Eriksson Katrin",
                 "Eva Persson", "Fredrik Bergström", "~Martin Gunnarsson", "~Karin Haster", "Jaana Jansson",
                 "Johanna Viberg", "Mladenka Gustafsson", "~Alexander Jansson", "Mary Lind Dalevi", "Malin Bäcklund",
                 "Maria Engdahl ersätts av Sara Brorsson", "Marie-Louise Forsberg-Fransson", "Patrik Jonsson",
                 "Elin Sahlberg", "~Stefan Nilsson", "Karolina Stridh", "Madelene Johanson", "~Maria Nyström",
                 "Michael Karlsson - sekreterare"):
        para(doc, (name[1:], S) if name.startswith("~") else name)
    doc.save(path)
    return path


def seed_002(path: Path) -> Path:
    """SSR social välfärd protokoll 2022-05-06: "Tid: Fredag den 6 maj" without a year, a signature block
    with "Justerat den", "Namn<tab>Organisation" columns, typed item numbers and lists in the items."""
    doc = docx.Document()
    para(doc, " Protokoll specifika samverkansrådet för social välfärd samt vård och omsorg ", style="Title")
    para(doc, "Tid: Fredag den 6 maj kl 13.00-16.00")
    para(doc, "Plats: Gästmatsalen, Eklundavägen 1 Örebro")
    for text in ("Vid protokollet", "", "Linnea Hedkvist", "Sekreterare", "Justerat den: 2022-08-25",
                 "Karin Sundin\tMarie Brorson", "Ordförande\tJusterare"):
        para(doc, text)
    para(doc, "Närvarande ledamöter:")
    for name, org in (("AnnaMaj Björk", "Askersund"), ("Anita Bohlin Neuman", "Degerfors"), ("Conny Larsson", "Hallsberg"),
                      ("Christina Kuurne", "Hällefors"), ("Ola Karlsson", "Karlskoga"), ("Annica Sjöqvist", "Kumla"),
                      ("Anette Schön", "Laxå"), ("Annica Zetterholm", "Lekeberg"), ("Mathz Eriksson", "Lindesberg"),
                      ("Lena Berglund", "Ljusnarsberg"), ("Tom Rymoen", "Nora"), ("Marie Brorson", "Örebro"),
                      ("Karin Sundin", "Region Örebro län")):
        para(doc, f"{name}\t{org}")
    para(doc, "Övriga närvarande:")
    for name, org in (("Ingmar Ångman", "Region Örebro län"), ("Linnea Hedkvist", "Region Örebro län"),
                      ("Malin Duckert Ek", "Region Örebro län"), ("Kristin Gustafsson", "Region Örebro län"),
                      ("Tarja Nordling", "Region Örebro län"), ("Johanna Ek", "Region Örebro län"),
                      ("Lisa Nyqvist", "Nora kommun"), ("Lena Uvhagen", "Region Örebro län"),
                      ("Julia Olsson", "Sydnärkes folkhälsoteam")):
        para(doc, f" {name}  {org}")
    titles = ["Mötet öppnades", "Val av justerare utöver ordförande", "Godkännande av dagordning",
              "Föregående möte och protokoll", "Rapport från chefsgruppen social välfärd samt vård och omsorg",
              "Nära vård, redovisning av arbete 2021 samt framtagande av färdplan Nära vård",
              "Ny överenskommelse om hälso- och sjukvård i hemmet", "Hälso och tandhälsoundersökningar av placerade barn",
              "Samarbete mellan civila samhället och offentliga aktörer.", "Avvikelser i samverkan",
              "Kriget i Ukraina och konsekvenser", "Kommande möten 2022", "Teman till kommande möten", "Övriga frågor",
              "Mötet avslutades"]
    for number, title in enumerate(titles, start=1):
        para(doc, f"{number}. {title} ")
        if number == 2:
            para(doc, "Marie Brorson utsågs till justerare.")
        elif number == 6:
            para(doc, "Fokusområden har under 2021 varit:")
            para(doc, "1. Utveckling av den primära vården som nav")
            para(doc, "2. Goda förutsättningar för vårdens medarbetare")
            para(doc, "• Kartläggning trygga kompetensen")
        else:
            para(doc, "De bilder som visades bifogas protokollet.")
    doc.save(path)
    return path


def seed_003(path: Path) -> Path:
    """SSR folkhälsa 2025-03-21, joint in part: an agenda table (number and presenter, title and text), a
    hyperlink, a legend for struck-through names, and ✓ columns with "Vakant" seats."""
    doc = docx.Document()
    para(doc, " Minnesanteckningar ", style="Title")
    para(doc, "- specifika samverkansrådet för folkhälsa ")
    para(doc, "Tid: Fredag 21 mars 2025 kl 9-12  kl 11-12 gemensamt möte med specifika samverkansrådet social välfärd "
              "samt vård och omsorg ")
    para(doc, "Plats: Digitalt möte på Teams ")
    para(doc, " Välkommen! ")
    para(doc, "Behcet Barsom", "\n", "Ordförande specifika samverkansrådet för folkhälsa")
    rows = [["Nummer/ föredragande", "Ärende"],
            ["1. ordf.", [("Mötet öppnas",), ("Bechet Barsom hälsar välkomna",)]],
            ["2. ordf.", [("Godkännande av dagordning",), ("Mötet godkände dagordningen",)]],
            ["3. ordf.", [("Val av justerare utöver ordförande",), ("Jari Mehtäläinen",)]],
            ["4. ordf.", [("Föregående möte och protokoll",), ("Godkändes och lades till handlingarna",)]],
            ["5. Ingmar", [("Rapport från chefsgrupp folkhälsa",), ("Två möten, januari och mars.",), ("LINK",)]],
            ["6. Ingmar, Anna", [("Aktuellt inom området",), ("Infopunkt: Samverkansplan för god, jämlik och jämställd hälsa.",)]],
            [["7.", "Camilla Pettersson", "Susanne Rosendahl"],
             [(("Growth – ett projekt inom Kraftsamling barn och unga", B), ", se ppt."), ("Kraftsamling barn och unga.",)]],
            [["8. Kerstin Angergård", "Annette Danesjö"], [("Nya FAR-medel, fördelning och användande",), ("Se ppt",)]],
            ["9. Ingmar", [("Teman till kommande möten",), ("Tema maj: Vägval för framtiden.",)]],
            ["10. Anna", [(("Uppföljning av folkhälsoöverenskommelserna 2024", B),
                           " – korta punkten, kan återkomma senare se bifogad ppt")]],
            [["11.", "(Siw Lunanader tog över som mötesordförande)", "Folkhälsocheferna"],
             [("Folkhälsoteamens arbete",), ("Se ppt. Aktuella frågor från resp. länsdel.",)]],
            ["12. Maria Belik", [(("Ny ÖK psykisk hälsa", B), ", se ppt samt bifogad länk till förinspelade filmer")]],
            ["13. Ingmar", [("Övriga frågor",), ("Sammanträdesdatum 2025: 16/5 12/9 och 21/11 (7/11 ev)",)]],
            ["14. ", [("Mötet avslutas",), ("Siw tackade för mötet",)]]]
    agenda = table(doc, rows)
    link_paragraph = agenda.rows[5].cells[1].paragraphs[2]
    link_paragraph.text = ""
    hyperlink(link_paragraph, "Strategiska samverkanskompetenser för tvärsektoriellt arbete | SKR",
              "https://skr.se/strategiska-samverkanskompetenser")
    para(doc, "✓  = deltog ")
    para(doc, ("Xxxxx", S), " = meddelat förhinder ")
    ledamoter = [("✓", "Anna Ahnér, Askersund kommun"), ("", "~Ann-Christin Pettersson, Degerfors kommun"),
                 ("✓", "Siw Lunander, Hallsbergs kommun"), ("", "~Mattias Kjellberg, Hällefors kommun"),
                 ("", "~Amanda Lindgren, Karlskoga kommun"), ("", "~Annica Sjöqvist, Kumla kommun"),
                 ("", "~Jerry Karjalainen, Laxå kommun"), ("", "~Jonas Hansen, Lekeberg kommun"),
                 ("✓", "Jari Mehtäläinen, Lindesberg kommun"), ("", "~Peter Kotilainen, Ljusnarsberg kommun"),
                 ("✓", "Anna Karlsson, Nora kommun"), ("", "~Jimmy Nordengren, Örebro kommun"), ("", "Vakant, RF-SISU"),
                 ("✓", "Cecilia Lönn-Elgstrand, ÖLBF"), ("✓", "Ann-Catrin Örtquist, Karlskoga")]
    ersattare = [("", "~Caroline Dieker, Askersund kommun"), ("", "~Anita Bohlin Neuman, Degerfors kommun"),
                 ("", "~Ann-Christine Appelqvist, Hallsbergs kommun"), ("", "~Christina Kuurne, Hällefors kommun"),
                 ("", "~Lena Hagström, Karlskoga kommun"), ("", "~Jan Engman, Kumla kommun"),
                 ("", "~Elvy Wiklund, Laxå kommun"), ("", "~Berth Falk, Lekeberg kommun"),
                 ("", "~Monika Klockars, Lindesberg kommun"), ("", "~Mathias Eriksson, Ljusnarsberg kommun"),
                 ("", "~Pia-Maria Johansson, Nora kommun"), ("✓", "Christina Håkansson, Örebro kommun"),
                 ("", "Vakant, RF-SISU"), ("", "~Emma Lado, ÖLBF")]
    for heading, people in (("Ledamöter:", ledamoter), ("Ersättare:", ersattare)):
        para(doc, heading)
        table(doc, [[tick, ((text.lstrip("~"), S) if text.startswith("~") else text,)] for tick, text in people])
    doc.save(path)
    return path


def seed_004(path: Path) -> Path:
    """Joint chefsgrupper 2026-03-06: unnumbered items as headings, sub-headings and nested bullets, an
    image, a table in the body, an address footer, and attendance groups under organisation and group names."""
    doc = docx.Document()
    footer = doc.sections[0].footer
    ft = footer.add_table(rows=2, cols=4, width=Inches(6))
    for r, row in enumerate(ADDRESS):
        for c, value in enumerate(row):
            ft.rows[r].cells[c].text = value[0] if isinstance(value, tuple) else value
    para(doc, "Region Örebro län och länets kommuner")
    para(doc, "Minnesanteckningar gemensam Chefsgrupp för:", style="Title")
    para(doc, "Skola, utbildning och kompetensförsörjning", "\n", "Social välfärd samt Vård och omsorg", "\n", "Folkhälsa")
    para(doc, "Tid: 2026-03-06, kl. 13.00 – 16.00")
    place = para(doc, "Plats: Immanuelkyrkan, ")
    hyperlink(place, "Karlsdalsallén 35 Örebro", anchor="plats")
    para(doc, "Välkomna", style="Heading 1")
    para(doc, "Ingmar Ångman hälsar välkomna och presenterar dagordningen.")
    item = para(doc, "Tidiga samordnade insatser (Daniel Berglund och Camilla Pettersson, Välfärd & Folkhälsa) ",
                style="Heading 1")
    run(item, "PP bifogas", B)
    para(doc, "Redovisning av resultat från utredningsuppdrag.")
    para(doc, "Bakgrund", style="Heading 2")
    para(doc, "vilka beslut som är centrala för ett långsiktigt TSI-arbete", style="List Bullet")
    para(doc, "Flera nationella reformer påverkar området, bland annat:", style="List Bullet")
    para(doc, "ny socialtjänstlag", style="List Bullet 2")
    elevhalsa = para(doc, "statlig utredning om en förbättrad elevhälsa (SOU 2025:113) ", style="List Bullet 2")
    hyperlink(elevhalsa, "En förbättrad elevhälsa - Regeringen.se", "https://www.regeringen.se/elevhalsa")
    doc.add_picture(str(_image_file(path)), width=Inches(0.5))
    para(doc, "Beslut", style="Heading 2")
    para(doc, "En majoritet av de närvarande ställer sig bakom att arbetet går vidare.")
    para(doc, "Uppföljning av regional strategi för föräldraskapsstöd (Deepa Singhru och Fanny Wånggren, Valfärd & "
              "Folkhälsa) PP bifogas", style="Heading 1")
    para(doc, "Genomförande", style="Heading 2")
    table(doc, [["Period", "Vad"], ["april", "Enkät och dialog"], ["maj–juni", "Sammanställning"]])
    para(doc, "Hantering av SIP på BUP (Lise Bergman Nordgren, BUP, digitalt) PP bifogas", style="Heading 1")
    para(doc, "Information gällande samverkan vid SIP där BUP kallar eller kallas.")
    para(doc, "Utredning av små barn med intellektuell funktionsnedsättning (Madelene Wistrand, Hallsbergs kommun)",
         style="Heading 1")
    para(doc, "Ärendet behandlades inte men återkommer senare.")
    para(doc, "Övriga frågor", style="Heading 1")
    para(doc, ("Traumamedveten omsorg (TMO)", B), " (Maria Lindborg)", "\n", "Information om utbildning den 27/5.",
         style="List Bullet")
    para(doc, "Mötet avslutas", style="Heading 1")
    para(doc, "Deltagare:")
    groups = {
        "Region Örebro län": ["Ingmar Ångman, områdeschef Valfärd och folkhälsa", "Daniel Berglund, Utvecklingsledare",
                              "Camilla Pettersson, Utvecklingsledare", "Maria Lindborg, Utvecklingsledare",
                              "Monica Möller, Utvecklingsledare (sekreterare)"],
        "Chefsgruppen för skola, utbildning och kompetensförsörjning": [
            "Mikael Blom, Nora kommun", "Andreas Lundholm, Ljusnarsbergs kommun", "Tina Ottosson, Örebro kommun",
            "Anita Kettunen, Karlskoga kommun", "Tina Lanefjord, Hällefors kommun", "Monica Skantz, Lekebergs kommun",
            "Katarina Holmsten, Laxå kommun", "Marcus Boljang, Örebro kommun",
            "Catharina Lindvall Scharmer, Hallsbergs kommun", "Katarina Arkehag, Örebro kommun",
            "Zandra Ahkoila, Sydnärkes utbildningsförbund"],
        "Chefsgrupp folkhälsa:": [
            "Anna Jakobsson Torvik, Region Örebro län", "Malin Lindqvist, Örebro kommun", "Lisen Tang Kempe, Örebro kommun",
            "Cecilia Ljung, folkhälsochef västra länsdelen", "Cathrine Bohlin, folkhälsochef södra länsdelen",
            "Ida Broman, folkhälsochef norra länsdelen", "Annika Karlsson Juliusen, RF SISU Örebro län",
            "Anna Andersson, Länsstyrelsen Örebro län", "Madelene Larsson, Länsstyrelsen Örebro län"],
        "Chefsgrupp social välfärd samt vård och omsorg": [
            "Lise Bergman Nordgren, Region Örebro län-", "Katrinn Eriksson, Region Örebro län", "Eva Persson, Karlskoga kommun",
            "Fredrik Bergström, Nora kommun", "Jaana Jansson, Hallsbergs kommun", "Johanna Viberg, Örebro kommun",
            "Alexander Jansson, Ljusnarsbergs kommun", "Malin Bäcklund, Kumla kommun", "Maria Engdahl, Lekebergs kommun",
            "Marie-Louise Forsberg-Fransson, Degerfors kommun", "Elin Sahlberg, Askersunds kommun", "",
            "Karolina Stridh, Region Örebro län", "Madelene Johanson, Region Örebro län", "Maria Nyström, Region Örebro län"],
    }
    for heading, people in groups.items():
        para(doc, heading)
        for person in people:
            para(doc, person)
    doc.save(path)
    return path


def _image_file(path: Path) -> Path:
    image = path.with_suffix(".png")
    image.write_bytes(png())
    return image


SEEDS = {
    "000": (seed_000, "specifika-samverkansradet-folkhalsa/2026-03-13"),
    "001": (seed_001, "chefsgrupp-social-valfard/2026-02-06"),
    "002": (seed_002, "specifika-samverkansradet-social-valfard/2022-05-06"),
    "003": (seed_003, "specifika-samverkansradet-folkhalsa/2025-03-21"),
    "004": (seed_004, "chefsgrupp-skola/2026-03-06"),
}
