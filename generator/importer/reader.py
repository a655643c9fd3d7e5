"""Read a .docx into the neutral document model (document.py), or refuse it with a Swedish reason.

python-docx opens the package and gives the styles, relationships and parts; the
body's XML is walked here, because its own `paragraph.runs` skips runs inside
hyperlinks, tracked insertions and fields. Tracked insertions are accepted and
deletions dropped; field instructions, bookmarks and proofing marks are Word
debris and dropped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import re
import zipfile
from pathlib import Path

from docx.oxml.ns import qn

from .document import Block, Cell, Document, Paragraph, Span, Table
from .numbering import Numbering

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .doc, or an encrypted .docx
INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
HEADING_NAME_RE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
LIST_STYLE_RE = re.compile(r"^(?:list (?:bullet|number)|punktlista|numrerad lista)\s+(\d)$", re.IGNORECASE)
HYPERLINK_FIELD_RE = re.compile(r'HYPERLINK\s+"([^"]+)"')
R_ID = qn("r:id")
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
SYMBOL_BULLETS = {"F0B7": "•", "F0A7": "•", "F076": "•", "F0D8": "•", "F0FC": "✓", "F0FB": "✗"}


class ImportRefused(Exception):
    """The file cannot be imported; the message (Swedish) says why and what to do."""


def refuse_unreadable(src_path: Path) -> None:
    """Refuse what is not a .docx before python-docx sees it: .doc, encrypted, other files."""
    try:
        with open(src_path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ImportRefused(f"filen kunde inte läsas ({exc.strerror}). Kontrollera sökvägen och behörigheterna.") from None
    if head.startswith(CFB_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in src_path.read_bytes():
            raise ImportRefused("dokumentet är lösenordsskyddat (krypterat) och kan inte läsas. Öppna det i Word, "
                                "ta bort lösenordet (Arkiv > Info > Skydda dokument > Kryptera med lösenord, töm fältet), "
                                "spara och importera igen.")
        raise ImportRefused("filen är ett äldre Word-dokument (.doc, Word 97–2003), som inte kan läsas. Öppna det i Word "
                            "och spara det som Word-dokument (.docx), och importera sedan den filen.")
    if not head.startswith(b"PK"):
        raise ImportRefused("filen är inget Word-dokument (.docx). Spara protokollet som .docx i Word och importera det.")
    try:
        with zipfile.ZipFile(src_path) as package:
            names = set(package.namelist())
            if "word/document.xml" not in names:
                raise ImportRefused("filen är ett zip-arkiv men inget Word-dokument (word/document.xml saknas). "
                                    "Spara protokollet som .docx i Word och importera det.")
            bad = package.testzip()
    except zipfile.BadZipFile:
        bad = "?"
    if bad:
        raise ImportRefused("filen är skadad och kan inte läsas. Öppna den i Word (som ofta kan reparera den), "
                            "spara som .docx och importera igen.")


def read(src_path: Path) -> Document:
    refuse_unreadable(src_path)
    import docx  # imported here: only `protokoll import` needs it

    try:
        word = docx.Document(str(src_path))
        walker = Walker(word)
        blocks = walker.blocks(word.element.body)
        furniture = walker.furniture(word)
    except ImportRefused:
        raise
    except Exception:  # a broken package fails in many ways inside python-docx and lxml
        raise ImportRefused("filen är skadad och kan inte läsas. Öppna den i Word (som ofta kan reparera den), "
                            "spara som .docx och importera igen.") from None
    props = word.core_properties
    stamp = props.modified or props.created
    return Document(src_path.name, blocks, furniture, walker.images, stamp.year if stamp else None)


def _on(rpr, tag: str) -> bool | None:
    element = rpr.find(qn(tag)) if rpr is not None else None
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in ("0", "false", "none")


class Walker:
    """Walks body XML into blocks, resolving styles, numbering, links and images."""

    def __init__(self, word) -> None:
        self.part = word.part
        self.styles = {s.style_id: s for s in word.styles}
        numbering = None
        try:
            numbering = self.part.numbering_part.element
        except (KeyError, NotImplementedError):
            pass
        self.numbering = Numbering(numbering)
        self.images: dict[str, bytes] = {}
        self.image_names: dict[str, str] = {}
        self.paragraphs = 0
        self.tables = 0
        self.fields: list[dict] = []
        self.tracked = False

    # --- styles ---------------------------------------------------------------

    def _style_chain(self, style_id: str | None):
        seen = set()
        style = self.styles.get(style_id) if style_id else None
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            yield style
            style = style.base_style

    def _style_info(self, style_id: str | None) -> tuple[str, int, tuple | None, bool]:
        """(name, heading level, numPr (numId, ilvl) or None, bold) of a paragraph style."""
        name, heading, num, bold = "", 0, None, False
        for i, style in enumerate(self._style_chain(style_id)):
            if i == 0:
                name = style.name or ""
            match = HEADING_NAME_RE.match(style.name or "")
            if match and not heading:
                heading = int(match.group(1))
            ppr = style.element.find(qn("w:pPr"))
            if ppr is not None:
                outline = ppr.find(qn("w:outlineLvl"))
                if outline is not None and not heading and outline.get(qn("w:val"), "9").isdigit():
                    level = int(outline.get(qn("w:val"))) + 1
                    heading = level if level <= 6 else 0
                numpr = ppr.find(qn("w:numPr"))
                if numpr is not None and num is None:
                    num = (self._val(numpr, "w:numId"), int(self._val(numpr, "w:ilvl") or 0))
            if _on(style.element.find(qn("w:rPr")), "w:b"):
                bold = True
        return name, heading, num, bold

    @staticmethod
    def _val(element, tag: str) -> str:
        child = element.find(qn(tag))
        return child.get(qn("w:val"), "") if child is not None else ""

    # --- blocks ---------------------------------------------------------------

    def blocks(self, parent) -> list[Block]:
        result: list[Block] = []
        for child in parent:
            if child.tag == qn("w:p"):
                result.append(self.paragraph(child))
            elif child.tag == qn("w:tbl"):
                result.append(self.table(child))
            elif child.tag in (qn("w:sdt"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo")):
                inner = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                result.extend(self.blocks(inner) if inner is not None else [])
        return result

    def table(self, tbl) -> Table:
        self.tables += 1
        rows = []
        for tr in tbl.findall(qn("w:tr")):
            cells = []
            for tc in tr.findall(qn("w:tc")):
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
                cells.append(Cell(() if continued else tuple(self.blocks(tc))))
            rows.append(tuple(cells))
        return Table(tuple(rows), self.tables)

    def paragraph(self, p) -> Paragraph:
        self.paragraphs += 1
        ppr = p.find(qn("w:pPr"))
        style_id = self._val(ppr, "w:pStyle") if ppr is not None else ""
        name, heading, num, style_bold = self._style_info(style_id or "Normal")
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is not None:
            num = (self._val(numpr, "w:numId") or (num[0] if num else ""), int(self._val(numpr, "w:ilvl") or 0))
        if ppr is not None:
            outline = ppr.find(qn("w:outlineLvl"))
            if outline is not None and outline.get(qn("w:val"), "9").isdigit() and int(outline.get(qn("w:val"))) < 6:
                heading = int(outline.get(qn("w:val"))) + 1
        self.tracked = False
        spans = _merge(self.inline(p, None, style_bold and not heading))
        listing = self.numbering.next(*num) if num and num[0] else None
        nested = LIST_STYLE_RE.match(name)
        if listing and nested and listing.level == 0:  # "List Bullet 2": Word nests by style
            listing = dataclasses.replace(listing, level=int(nested.group(1)) - 1)
        return Paragraph(tuple(spans), name, heading, listing, self.tracked, self.paragraphs)

    # --- inline ---------------------------------------------------------------

    def inline(self, element, link: str | None, bold_default: bool):
        for child in element:
            tag = child.tag
            if tag == qn("w:r"):
                yield from self.run(child, link, bold_default)
            elif tag == qn("w:hyperlink"):
                rid = child.get(R_ID)
                target = None
                if rid and rid in self.part.rels and self.part.rels[rid].is_external:
                    target = self.part.rels[rid].target_ref
                yield from self.inline(child, target, bold_default)
            elif tag in (qn("w:ins"), qn("w:moveTo")):
                self.tracked = True
                yield from self.inline(child, link, bold_default)
            elif tag in (qn("w:del"), qn("w:moveFrom")):
                self.tracked = True
            elif tag in (qn("w:smartTag"), qn("w:customXml"), qn("w:fldSimple")):
                yield from self.inline(child, link, bold_default)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self.inline(content, link, bold_default)

    def run(self, r, link: str | None, bold_default: bool):
        rpr = r.find(qn("w:rPr"))
        bold = _on(rpr, "w:b")
        char_style = self._val(rpr, "w:rStyle") if rpr is not None else ""
        if bold is None and char_style:
            bold = any(_on(s.element.find(qn("w:rPr")), "w:b") for s in self._style_chain(char_style))
        italic = bool(_on(rpr, "w:i")) or char_style == "Emphasis"
        strike = bool(_on(rpr, "w:strike")) or bool(_on(rpr, "w:dstrike"))
        fmt = {"bold": bold_default if bold is None else bold, "italic": italic, "strike": strike}
        for child in r:
            tag = child.tag
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    self.fields.append({"phase": "instr", "instr": ""})
                elif kind == "separate" and self.fields:
                    self.fields[-1]["phase"] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == qn("w:instrText"):
                if self.fields:
                    self.fields[-1]["instr"] += child.text or ""
                continue
            if self.fields and self.fields[-1]["phase"] == "instr":
                continue
            field_link = next((m.group(1) for f in reversed(self.fields)
                               for m in [HYPERLINK_FIELD_RE.search(f["instr"])] if m), None)
            target = link or field_link
            if tag == qn("w:t"):
                text = INVISIBLE_RE.sub("", (child.text or "").replace("\u00a0", " "))
                if text:
                    yield Span(text, link=target, **fmt)
            elif tag == qn("w:tab"):
                yield Span("\t", link=target, **fmt)
            elif tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type"), "textWrapping") == "textWrapping":
                    yield Span("\n")
            elif tag == qn("w:noBreakHyphen"):
                yield Span("-", link=target, **fmt)
            elif tag == qn("w:sym"):
                char = (child.get(qn("w:char")) or "").upper()
                yield Span(SYMBOL_BULLETS.get(char, ""), link=target, **fmt)
            elif tag in (qn("w:drawing"), qn("w:pict")):
                image = self.image(child)
                if image:
                    yield image

    def image(self, element) -> Span | None:
        rid = None
        for node in element.iter():
            rid = node.get(R_EMBED) or (node.get(R_ID) if node.tag.endswith("imagedata") else None)
            if rid:
                break
        part = self.part.related_parts.get(rid) if rid else None
        if part is None:
            return None
        blob = part.blob
        digest = hashlib.sha256(blob).hexdigest()
        if digest not in self.image_names:
            ext = posixpath.splitext(str(part.partname))[1].lower() or ".png"
            name = f"bild-{len(self.image_names) + 1}{ext}"
            self.image_names[digest] = name
            self.images[name] = blob
        alt = next((n.get("descr") or n.get("title") or "" for n in element.iter() if n.tag.endswith("docPr")), "")
        return Span(" ".join(alt.split()), image=self.image_names[digest])

    def furniture(self, word) -> list[str]:
        """Text lines of every header and footer (letterhead, address), for recognising and dropping repeats."""
        lines: list[str] = []
        for section in word.sections:
            for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
                if part.is_linked_to_previous:
                    continue
                saved, self.part = self.part, part.part
                for block in self.blocks(part._element):
                    paragraphs = [block] if isinstance(block, Paragraph) else [
                        b for row in block.rows for cell in row for b in cell.blocks if isinstance(b, Paragraph)]
                    for paragraph in paragraphs:
                        lines += ["".join(s.text for s in line).strip() for line in paragraph.lines()]
                self.part = saved
        return [line for line in lines if line]


def _merge(spans) -> list[Span]:
    """Adjacent spans of one formatting as one span."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (last and span.text != "\n" and last.text != "\n" and span.image is None and last.image is None
                and (last.bold, last.italic, last.strike, last.link) == (span.bold, span.italic, span.strike, span.link)):
            merged[-1] = Span(last.text + span.text, last.bold, last.italic, last.strike, last.link)
        else:
            merged.append(span)
    return merged
