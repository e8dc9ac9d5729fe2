"""The preview renderer follows Zulip's syntax for what integrations post."""

from __future__ import annotations

import pytest

from integrations.zulip_markdown import render


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("@**Ada Lovelace**", '<span class="user-mention">@Ada Lovelace</span>'),
        ("@_**Ada**", '<span class="user-mention silent">Ada</span>'),
        ("@**all**", '<span class="user-mention channel-wildcard-mention">@all</span>'),
        ("@**topic**", '<span class="topic-mention">@topic</span>'),
        ("@*backend*", '<span class="user-group-mention">@backend</span>'),
        ("#**general**", '<a class="stream" href="#narrow">#general</a>'),
        (
            "#**general>deploys**",
            '<a class="stream-topic" href="#narrow">#general &gt; deploys</a>',
        ),
        (":tada:", "🎉"),
        ("$$e^x$$", '<span class="katex tex-source">e^x</span>'),
        ("<time:2024-05-01T10:00:00Z>", '<time datetime="2024-05-01T10:00:00Z">'),
        ("see https://example.com/a_(b)", '<a href="https://example.com/a_(b)">'),
        ("visit example.org.", '<a href="http://example.org">example.org</a>.'),
        ("mail ada@example.com", '<a href="mailto:ada@example.com">ada@example.com</a>'),
        ("~~old~~", "<s>old</s>"),
        ("line one\nline two", "line one<br />\nline two"),
    ],
)
def test_zulip_syntax(source: str, expected: str) -> None:
    assert expected in render(source)


@pytest.mark.parametrize(
    ("source", "absent"),
    [
        ("email@**all**", "user-mention"),  # a mention needs a space or punctuation before it
        ("_under_", "<em>"),  # Zulip has no underscore emphasis
        ("x:notanemoji:", 'class="emoji"'),
        ("word$$x$$", "katex"),
        ("file.py and notes.md", "<a"),  # extensions Zulip does not link
        ("ahttps://x.org", "<a"),
        ("<b>bold</b>", "<b>"),  # no raw HTML
    ],
)
def test_not_zulip_syntax(source: str, absent: str) -> None:
    assert absent not in render(source)


def test_angle_brackets_are_text_around_a_bare_link() -> None:
    # Zulip has no <url> autolinks; it links the URL and shows the brackets.
    assert render("<https://x.org>") == '<p>&lt;<a href="https://x.org">https://x.org</a>&gt;</p>\n'
