"""Markdown: agenda anchors, sanitising, and link rewriting."""

from __future__ import annotations

from generator.content import markdown
from generator.shared.problems import Problems

from .conftest import minutes, write_tree


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


def test_every_forbidden_thing_in_one_html_block_is_an_error_at_its_own_line(cli, tmp_path):
    body = ("## 1. Mötet öppnas\n\n<div>\n<p onclick=\"visa()\">Klicka</p>\n<p>Text</p>\n"
            "<a href=\"javascript:alert(1)\">länk</a>\n<iframe src=\"https://example.se\"></iframe>\n</div>\n")
    write_tree(tmp_path, {"minutes/ssr-folkhalsa/2025-03-21.md": minutes(body=body)})
    result = cli("build", "--content", "content", "--out", "site", "--no-search")
    assert result.code == 1
    path = "content/minutes/ssr-folkhalsa/2025-03-21.md"
    assert result.lines == [
        f"{path}:12: fel: HTML-attributet `onclick=` är inte tillåtet: det kör skript. Ta bort attributet.",
        f"{path}:14: fel: Länkar med `javascript:`, `data:` eller `file:` är inte tillåtna. Använd en http(s)-adress.",
        f"{path}:15: fel: HTML-elementet `<iframe>` är inte tillåtet i protokoll. "
        "Ta bort det; skript, stilar och formulär publiceras aldrig.",
    ]


def test_each_forbidden_inline_tag_in_a_paragraph_is_an_error_at_its_line_and_closing_tags_are_not_counted():
    _, _, problems = render("Ett stycke med <script>x()</script>\noch en rad till\nmed <style>p{}</style> och "
                            "<img src=\"a.png\" onerror=\"x()\">.\n")
    assert sorted((p.line, p.code, p.message.split("`")[1]) for p in problems.items) == [
        (10, "forbidden-html", "<script>"), (12, "forbidden-html", "<style>"), (12, "forbidden-html", "onerror=")]


def test_closing_tag_of_an_element_never_opened_is_still_an_error():
    _, _, problems = render("<div>\n</script>\n</div>\n")
    assert [(p.line, p.code) for p in problems.items] == [(11, "forbidden-html")]
