"""The preview renderer follows Zulip's syntax and the HTML Zulip's server makes of it."""

from __future__ import annotations

import re

import pytest

from integrations.zulip_markdown import render
from integrations.zulip_markdown.tex import tex_to_mathml
from integrations.zulip_markdown.times import parse_time


def paragraph(html: str) -> str:
    return f"<p>{html}</p>\n"


# Mentions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("@**Ada Lovelace**", '<span class="user-mention">@Ada Lovelace</span>'),
        ("@**Ada|12**", '<span class="user-mention">@Ada</span>'),
        ("@_**Ada**", '<span class="user-mention silent">Ada</span>'),
        (
            "@**all**",
            '<span class="user-mention channel-wildcard-mention">@all</span>',
        ),
        (
            "@**everyone**",
            '<span class="user-mention channel-wildcard-mention">@everyone</span>',
        ),
        (
            "@**channel**",
            '<span class="user-mention channel-wildcard-mention">@channel</span>',
        ),
        (
            "@_**stream**",
            '<span class="user-mention channel-wildcard-mention silent">stream</span>',
        ),
        ("@**topic**", '<span class="topic-mention">@topic</span>'),
        ("@*backend*", '<span class="user-group-mention">@backend</span>'),
        ("@_*backend*", '<span class="user-group-mention silent">backend</span>'),
        ("(@**Ada**)", '(<span class="user-mention">@Ada</span>)'),
    ],
)
def test_mentions(source: str, expected: str) -> None:
    assert render(source) == paragraph(expected)


def test_a_mention_needs_a_boundary_before_it() -> None:
    assert "user-mention" not in render("email@**all**")


@pytest.mark.parametrize("quote", ["> @**Ada** and @*ops*", "```quote\n@**Ada** and @*ops*\n```"])
def test_mentions_inside_quotes_are_silent(quote: str) -> None:
    html = render(quote)
    assert '<span class="user-mention silent">Ada</span>' in html
    assert '<span class="user-group-mention silent">ops</span>' in html


# Channel, topic and message links --------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("#**general**", '<a class="stream" href="#narrow/channel/general">#general</a>'),
        (
            "#**general>deploys**",
            '<a class="stream-topic" href="#narrow/channel/general/topic/deploys">'
            "#general &gt; deploys</a>",
        ),
        (
            "#**dev team>v1.0 release**",
            '<a class="stream-topic" href="#narrow/channel/dev.20team/topic/v1.2E0.20release">'
            "#dev team &gt; v1.0 release</a>",
        ),
        (
            "#**general>deploys@42**",
            '<a class="message-link" href="#narrow/channel/general/topic/deploys/near/42">'
            "#general &gt; deploys @ 💬</a>",
        ),
    ],
)
def test_channel_links(source: str, expected: str) -> None:
    assert render(source) == paragraph(expected)


# Emoji ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            ":tada:",
            '<span aria-label="tada" class="emoji emoji-1f389" role="img" title="tada">🎉</span>',
        ),
        (
            ":thumbs_up:",
            '<span aria-label="thumbs up" class="emoji emoji-1f44d" role="img"'
            ' title="thumbs up">👍</span>',
        ),
        (":+1:", 'class="emoji emoji-1f44d"'),
        (":heart:", 'class="emoji emoji-2764"'),  # the variation selector is not in the class
    ],
)
def test_emoji_are_unicode_from_the_emoji_table(source: str, expected: str) -> None:
    assert expected in render(source)


@pytest.mark.parametrize("source", [":not_an_emoji_name:", "x:tada:y ratio 1:2:3"])
def test_unknown_or_embedded_emoji_names_stay_text(source: str) -> None:
    if source.startswith(":not"):
        assert render(source) == paragraph(source)
    else:
        assert "emoji" in render(source)  # Zulip has no word boundary for emoji
        assert "emoji" not in render("ratio 1:2:3")


# Math -----------------------------------------------------------------------


def test_inline_math_is_mathml() -> None:
    html = render("Euler: $$e^{i\\pi} + 1 = 0$$")
    assert html.startswith('<p>Euler: <span class="katex"><math display="inline">')
    assert "<msup><mi>e</mi>" in html
    assert "<mi>π</mi>" in html


@pytest.mark.parametrize("source", ["word$$x$$", "$$x$$word", "$$$x$$", "$$_x$$"])
def test_dollars_touching_words_are_not_math(source: str) -> None:
    assert "katex" not in render(source)


def test_display_math_renders_each_paragraph() -> None:
    html = render("```math\n\\frac{a}{b}\n\n\\sqrt{2}\n```")
    assert html.count('<span class="katex-display"><span class="katex"><math display="block">') == 2
    assert "<mfrac>" in html
    assert "<msqrt>" in html


@pytest.mark.parametrize(
    "tex",
    [
        "\\href{javascript:alert(1)}{x}",  # latex2mathml keeps the href
        "\\style{background:url(x)}{x}",
        "\\text{<img src=x onerror=alert(1)>}",  # latex2mathml does not escape text
        "\\unicode{x}",
    ],
)
def test_unsafe_or_broken_tex_shows_its_source(tex: str) -> None:
    html = render(f"$${tex}$$")
    assert html.startswith('<p><span class="tex-error">$$')
    assert "<img" not in html
    assert "<math" not in html
    assert tex_to_mathml(tex, display=False) is None


def test_tex_text_is_escaped() -> None:
    mathml = tex_to_mathml("a < b \\& c", display=False)
    assert mathml is not None
    assert "&lt;" in mathml
    assert "&amp;" in mathml


# Global times ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "<time:2024-05-01T10:00:00Z>",
            '<time datetime="2024-05-01T10:00:00Z">Wed, May 1, 2024, 10:00 UTC</time>',
        ),
        (
            "<time:2024-05-01T12:30:00+02:00>",
            '<time datetime="2024-05-01T10:30:00Z">Wed, May 1, 2024, 10:30 UTC</time>',
        ),
        (  # no zone: UTC, as Zulip reads it
            "<time:2024-05-01 10:00>",
            '<time datetime="2024-05-01T10:00:00Z">Wed, May 1, 2024, 10:00 UTC</time>',
        ),
        (
            "<time:1714557600>",
            '<time datetime="2024-05-01T10:00:00Z">Wed, May 1, 2024, 10:00 UTC</time>',
        ),
        (
            "<time:next <b>week>",
            '<span class="timestamp-error">Invalid time format: next &lt;b</span>week&gt;',
        ),
    ],
)
def test_global_times(source: str, expected: str) -> None:
    assert render(source) == paragraph(expected)


@pytest.mark.parametrize("text", ["", "nan", "inf", "1e400", "tomorrow"])
def test_times_zulip_would_reject(text: str) -> None:
    assert parse_time(text) is None


# Code, quotes and spoilers ----------------------------------------------------


def test_code_block_plain_by_default() -> None:
    assert render("```python\nx = 1\n```") == (
        '<pre><code class="language-python">x = 1\n</code></pre>\n'
    )


def test_code_block_highlighted_as_zulip_marks_it_up() -> None:
    html = render("```py\nx = '<b>'\n```", highlight=True)
    assert html.startswith(
        '<div class="codehilite" data-code-language="Python"><pre><span></span><code>'
    )
    assert '<span class="n">x</span>' in html
    assert "'&lt;b&gt;'" in html
    assert html.endswith("</code></pre></div>\n")


@pytest.mark.parametrize(
    ("fence", "language"),
    [("```", ""), ("```nosuchlanguage", ' data-code-language="nosuchlanguage"')],
)
def test_code_block_without_a_known_language(fence: str, language: str) -> None:
    assert render(f"{fence}\na < b\n```", highlight=True) == (
        f'<div class="codehilite"{language}><pre><span></span><code>a &lt; b\n</code></pre></div>\n'
    )


def test_code_block_keeps_its_text_exactly() -> None:
    code = "  if (a && b) {\n\treturn '<x>';\n}\n"
    html = render(f"```js\n{code}```", highlight=True)
    text = re.sub(r"<[^>]+>", "", html)
    assert text.replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace(
        "&amp;", "&"
    ) == (code + "\n")


def test_fence_closes_only_on_the_same_fence() -> None:
    # Zulip closes a block on a line that is exactly the opening fence.
    html = render("````\n```\ninner\n```\n````")
    assert html == "<pre><code>```\ninner\n```\n</code></pre>\n"


def test_an_empty_fence_shows_nothing() -> None:
    assert render("```\n```") == ""


def test_quote_block() -> None:
    assert render("```quote\nSomeone said **this**.\n```") == (
        "<blockquote>\n<p>Someone said <strong>this</strong>.</p>\n</blockquote>\n"
    )


def test_quote_block_holds_nested_fences_like_zulip() -> None:
    html = render("```quote\nLook:\n```nosuch\nx = 1\n```\nthen\n```\nafter", highlight=True)
    assert html == (
        "<blockquote>\n<p>Look:</p>\n"
        '<div class="codehilite" data-code-language="nosuch"><pre><span></span><code>x = 1\n'
        "</code></pre></div>\n<p>then</p>\n</blockquote>\n<p>after</p>\n"
    )


def test_a_bare_fence_closes_the_quote_as_in_zulip() -> None:
    html = render("```quote\nLook:\n```\nx = 1")
    assert html == "<blockquote>\n<p>Look:</p>\n</blockquote>\n<p>x = 1</p>\n"


def test_greater_than_quote() -> None:
    assert render("> quoted\n\nnot") == "<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>not</p>\n"


def test_spoiler_with_header() -> None:
    assert render("```spoiler The **ending**\nEveryone was @**Ada**.\n```") == (
        '<div class="spoiler-block"><div class="spoiler-header">\n'
        "<p>The <strong>ending</strong></p>\n"
        '</div><div class="spoiler-content" aria-hidden="true">\n'
        '<p>Everyone was <span class="user-mention">@Ada</span>.</p>\n'
        "</div></div>\n"
    )


def test_spoiler_without_header_and_nested_quote() -> None:
    assert render("```spoiler\n```quote\nhidden\n```\n```") == (
        '<div class="spoiler-block"><div class="spoiler-header">\n'
        '</div><div class="spoiler-content" aria-hidden="true">\n'
        "<blockquote>\n<p>hidden</p>\n</blockquote>\n"
        "</div></div>\n"
    )


def test_unclosed_spoiler_runs_to_the_end() -> None:
    html = render("```spoiler Tease\nstill hidden")
    assert html.endswith("<p>still hidden</p>\n</div></div>\n")


def test_spoiler_inside_a_list_item_ends_with_it() -> None:
    html = render("- ```spoiler A\n  inside\n  ```\n- next")
    assert "<p>inside</p>" in html
    assert html.count("<li>") == 2


# Inline syntax and what Zulip leaves out --------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("~~old~~", "<del>old</del>"),
        ("**bold** and *it*", "<strong>bold</strong> and <em>it</em>"),
        ("`a < b`", "<code>a &lt; b</code>"),
        ("line one\nline two", "line one<br />\nline two"),
        ("[Zulip](https://zulip.com)", '<a href="https://zulip.com">Zulip</a>'),
        ("see https://example.com/a_(b)", 'see <a href="https://example.com/a_(b)">'),
        ("visit example.org.", 'visit <a href="http://example.org">example.org</a>.'),
        ("mail ada@example.com", 'mail <a href="mailto:ada@example.com">ada@example.com</a>'),
        ("a\\*b\\*", "a\\<em>b\\</em>"),  # Zulip has no backslash escapes
        ("&#42;not bold&#42;", "*not bold*"),
    ],
)
def test_inline_syntax(source: str, expected: str) -> None:
    assert render(source).startswith(f"<p>{expected}")


@pytest.mark.parametrize(
    ("source", "absent"),
    [
        ("_under_", "<em>"),  # Zulip has no underscore emphasis
        ("__under__", "<strong>"),
        ("file.py and notes.md", "<a"),  # extensions Zulip does not link
        ("ahttps://x.org", "<a"),
        ("<b>bold</b>", "<b>"),  # no raw HTML
        ("![img](https://x.org/a.png)", "<img"),
        ("Title\n===", "<h1>"),  # no setext headings
        ("[x]: https://x.org\n\n[x]", ">x</a>"),  # no reference links
    ],
)
def test_not_zulip_syntax(source: str, absent: str) -> None:
    assert absent not in render(source)


def test_angle_brackets_are_text_around_a_bare_link() -> None:
    # Zulip has no <url> autolinks; it links the URL and shows the brackets.
    assert render("<https://x.org>") == '<p>&lt;<a href="https://x.org">https://x.org</a>&gt;</p>\n'


def test_table() -> None:
    html = render("| a | b |\n| - | - |\n| 1 | 2 |")
    assert "<table>" in html
    assert "<th>a</th>" in html
    assert "<td>2</td>" in html


def test_headings_need_a_space() -> None:
    assert render("# Title") == "<h1>Title</h1>\n"
    assert render("#Title") == "<p>#Title</p>\n"
