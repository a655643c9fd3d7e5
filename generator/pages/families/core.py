"""Page family: home, council pages, meeting pages and attachments."""

from __future__ import annotations

from generator.content.sources import read_attachment
from generator.pages import legal_views
from generator.pages.context import RenderContext
from generator.pages.decision_views import meeting_decisions
from generator.pages.plan import PageKind, PagePlan, Shows, plan, renderers
from generator.pages.views import council_page, home_page, meeting_page
from generator.shared import urls


def plans(site, sources) -> list[PagePlan]:
    result = [plan(urls.HOME, "startsidan", "home")]
    for council_id in site.councils:
        result.append(plan(urls.council_url(council_id), f"rådet {council_id} i councils.yaml", "council", council_id))
    for meeting in sorted(site.meetings, key=lambda m: m.key):
        result.append(plan(urls.meeting_url(meeting.folder, meeting.stem), meeting.rel_path, "meeting", meeting.key))
    for source in sources.attachments:
        _, folder, stem, name = source.content_rel.split("/")
        result.append(plan(urls.attachment_url(folder, stem, name), source.rel_path, "attachment", source.content_rel))
    return result


def render_home(page: PagePlan, ctx: RenderContext) -> bytes:
    return ctx.html("home.html", home_page(ctx.site, ctx.indexes) | legal_views.board_link(ctx.site), "Start",
                    nav="home", url=page.url)


def render_council(page: PagePlan, ctx: RenderContext) -> bytes:
    view = council_page(page.key, ctx.site, ctx.indexes, ctx.today) | legal_views.board_link(ctx.site, [page.key])
    return ctx.html("council.html", view, view["name"], description=view["description"], url=page.url)


def render_meeting(page: PagePlan, ctx: RenderContext) -> bytes:
    meeting = ctx.meetings[page.key]
    agenda = ctx.analysis.agendas[page.key]
    body_html = ctx.body_html(meeting, agenda)
    body_html = legal_views.with_item_notes(body_html, meeting)
    view = meeting_page(meeting, ctx.site, ctx.indexes, agenda, body_html, ctx.renderer.urls.href)
    view |= legal_views.meeting_extra(meeting, ctx.site, ctx.today)
    view.update(meeting_decisions(agenda))
    return ctx.html("meeting.html", view, view["page_title"], url=page.url)


def render_attachment(page: PagePlan, ctx: RenderContext) -> bytes:
    # page.key is the NFC content_rel; the file on disk may be named in NFD (macOS).
    source = next(s for s in ctx.analysis.sources.attachments if s.content_rel == page.key)
    data = read_attachment(source, ctx.problems)
    return b"" if data is None else data  # the problem fails the build before anything is published


KINDS = {
    "home": PageKind(render_home, Shows.LATEST, "home.html"),
    "council": PageKind(render_council, Shows.COUNCIL, "council.html"),
    "meeting": PageKind(render_meeting, Shows.MEETING, "meeting.html", searchable=True),
    "attachment": PageKind(render_attachment, Shows.SOURCE),
}
RENDERERS = renderers(KINDS)
