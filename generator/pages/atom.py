"""Atom (RFC 4287): the pieces every feed shares (the meeting feeds, the anslag board's, the decisions')."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

from generator.pages.machine import link
from generator.shared import urls

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50
"""Newest meetings per feed; older ones stay on the council pages and in /data/."""
TAG_DATE = "2025"
"""Date part of feed ids (`tag:host,2025:feed`); never change it, or every reader sees new feeds."""


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sub_element(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def feed_root(ctx, *, feed_id: str, title: str, subtitle: str, self_url: str, page_url: str,
              updated: dt.datetime) -> ET.Element:
    """A `<feed>` with its head filled in; entries are added to it, then `feed_bytes` writes it."""
    site = ctx.site
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "sv"})
    sub_element(root, "id", feed_id)
    sub_element(root, "title", title)
    sub_element(root, "subtitle", subtitle)
    sub_element(root, "updated", rfc3339(updated))
    author = sub_element(root, "author")
    sub_element(author, "name", site.config.organisation or site.config.title)
    sub_element(author, "uri", link(ctx, urls.HOME))
    sub_element(root, "link", rel="self", type="application/atom+xml", href=link(ctx, self_url))
    sub_element(root, "link", rel="alternate", type="text/html", href=link(ctx, page_url))
    sub_element(root, "generator", "Protokoll")
    return root


def feed_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"
