"""Page family: `/_headers`, HTTP headers for hosts that read one (Netlify,
Cloudflare Pages).

The pages carry the same Content-Security-Policy as a <meta> tag (see
render.CSP); as a header it also covers attachments and JSON/XML files, and
can say what a meta tag cannot (frame-ancestors). `nosniff` stops a browser
from guessing that an attachment is HTML.
"""

from __future__ import annotations

from generator.pages import render
from generator.pages.context import RenderContext
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers

URL = "/_headers"
HEADERS = {
    "Content-Security-Policy": render.CSP + "; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def plans(site, sources) -> list[PagePlan]:
    return [plan(URL, "HTTP-huvuden för webbhotellet", "headers")]


def render_headers(page: PagePlan, ctx: RenderContext) -> bytes:
    # One rule for every path; the file sits at the root of what is published.
    lines = ["/*", *(f"  {name}: {value}" for name, value in HEADERS.items())]
    return ("\n".join(lines) + "\n").encode("utf-8")


KINDS = {"headers": PageKind(render_headers, Shows.ANY_MEETING)}
RENDERERS = renderers(KINDS)
