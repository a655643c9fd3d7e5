"""Markdown: agenda anchors, sanitising, and link rewriting."""

from __future__ import annotations

from generator.content import markdown
from generator.shared.problems import Problems


def render(body: str, targets=None, content_rel="minutes/a/2025-01-02.md"):
    problems = Problems()
    agenda = markdown.scan_agenda(body, "x.md", 10, problems)
    parsed = markdown.parse(body, "x.md", 10, agenda, problems)
    html = markdown.render(parsed, rel_path="x.md", first_line=10, content_rel=content_rel,
                           targets=targets or {}, href=lambda url: url, problems=problems)
    return html, agenda, problems


def test_agenda_headings_get_stable_anchors_and_code_fences_are_ignored():
    body = "## 1. Mötet öppnas\n\n```\n## 2. inte ett ärende\n```\n\n## 2. Barnahus ##\n\n### Bakgrund\n"
    html, agenda, problems = render(body)
    assert [(i.number, i.title, i.anchor, i.line) for i in agenda] == [("1", "Mötet öppnas", "p1", 10), ("2", "Barnahus", "p2", 16)]
    assert '<h2 id="p1">1. Mötet öppnas</h2>' in html and '<h2 id="p2">2. Barnahus</h2>' in html
    assert "<h3>Bakgrund</h3>" in html
    assert not problems.items


def test_duplicate_agenda_number_is_an_error_at_its_line():
    _, _, problems = render("## 1. A\n\n## 1. B\n")
    assert [(p.line, p.code) for p in problems.items] == [(12, "duplicate-item")]


def test_agenda_line_that_does_not_become_a_heading_is_an_error():
    _, _, problems = render("<div>\n## 3. Inklistrad\n</div>\n")
    assert [(p.line, p.code) for p in problems.items] == [(11, "agenda-not-heading")]


def test_raw_html_is_sanitised_by_allowlist():
    html, _, problems = render('<p class="MsoNormal" style="color:red"><b>Fet</b> <font face="Arial">text</font></p>\n')
    assert html.strip() == "<p><b>Fet</b> text</p>"
    assert not problems.items


def test_event_handler_in_raw_html_is_an_error_and_never_rendered():
    html, _, problems = render('<img src="x.png" onerror="alert(1)">\n')
    assert [p.code for p in problems.items] == ["forbidden-html"]
    assert "onerror" not in html


def test_data_url_in_markdown_image_is_an_error():
    html, _, problems = render("![x](data:image/svg+xml;base64,PHN2Zz4=)\n")
    assert [p.code for p in problems.items] == ["unsafe-url"]
    assert "data:" not in html


def test_link_to_other_minutes_is_rewritten_and_the_same_parse_renders_twice_identically():
    targets = {"minutes/b/2025-01-01.md": markdown.LinkTarget("/b/2025-01-01/", frozenset({"p1"}))}
    problems = Problems()
    body = "## 1. A\n\nSe [mötet](../b/2025-01-01.md#p1).\n"
    agenda = markdown.scan_agenda(body, "x.md", 1, problems)
    parsed = markdown.parse(body, "x.md", 1, agenda, problems)
    first = markdown.render(parsed, rel_path="x.md", first_line=1, content_rel="minutes/a/2025-01-02.md",
                            targets=targets, href=lambda u: "/sub" + u, problems=problems)
    second = markdown.render(parsed, rel_path="x.md", first_line=1, content_rel="minutes/a/2025-01-02.md",
                             targets=targets, href=lambda u: "/sub" + u, problems=problems)
    assert '<a href="/sub/b/2025-01-01/#p1">mötet</a>' in first
    assert first == second and not problems.items


def test_traversal_out_of_content_is_a_broken_link():
    _, _, problems = render("[x](../../../../etc/passwd)\n")
    assert [p.code for p in problems.items] == ["broken-link"]
