"""Word's automatic numbering (numPr) resolved to the numbers Word shows.

numbering.xml maps a list (numId) to an abstract definition with, per level, a
start value, a format (decimal, lowerLetter, bullet …) and a text (`%1.`).
Counters run per list; a level's counter restarts when a shallower level moves on.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from .document import ListInfo


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str


def _val(element, tag: str, default: str = "") -> str:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


def _levels(abstract) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.findall(qn("w:lvl")):
        ilvl = int(lvl.get(qn("w:ilvl"), "0"))
        levels[ilvl] = _level(lvl, ilvl)
    return levels


def _level(lvl, ilvl: int) -> Level:
    start = _val(lvl, "w:start", "1")
    return Level(int(start) if start.isdigit() else 1, _val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText", f"%{ilvl + 1}."))


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


class Numbering:
    """Reads numbering.xml once; `next` gives each numbered paragraph its label, in document order."""

    def __init__(self, numbering_element) -> None:
        self.lists: dict[str, dict[int, Level]] = {}
        if numbering_element is None:
            return
        abstracts = {a.get(qn("w:abstractNumId")): _levels(a) for a in numbering_element.findall(qn("w:abstractNum"))}
        for num in numbering_element.findall(qn("w:num")):
            levels = dict(abstracts.get(_val(num, "w:abstractNumId"), {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = _val(override, "w:startOverride")
                inner = override.find(qn("w:lvl"))
                if inner is not None:
                    levels[ilvl] = _level(inner, ilvl)
                elif start.isdigit() and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = Level(int(start), old.fmt, old.text)
            self.lists[num.get(qn("w:numId"))] = levels
        self.counters: dict[str, dict[int, int]] = {}

    def next(self, num_id: str, ilvl: int) -> ListInfo | None:
        levels = self.lists.get(num_id)
        if not levels or num_id == "0":
            return None
        level = levels.get(ilvl) or levels.get(0)
        if level is None or level.fmt == "none":
            return None
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return ListInfo("bullet", ilvl, "", 0, num_id)
        label = level.text
        for k in range(9):
            if f"%{k + 1}" in label:
                k_level = levels.get(k, level)
                label = label.replace(f"%{k + 1}", format_number(counters.get(k, k_level.start), k_level.fmt))
        return ListInfo("number", ilvl, label.strip(), counters[ilvl], num_id)

