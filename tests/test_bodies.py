"""Bodies keep their author's Markdown, in a quote they cannot leave, and ping nobody."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core.bodies import body_markdown, quoted_body
from integrations.core.markup import md
from integrations.testing.webhooks import assert_inert, assert_pings_nobody
from integrations.zulip_markdown import parser, render

LINES = [
    "```",
    "````",
    "~~~",
    "~~~~~~",
    "```python",
    "```quote",
    "~~~ quote",
    "```spoiler Details",
    "```math",
    "> quoted",
    "# Heading",
    "- [ ] task",
    "* [x] done",
    "1. first",
    "<details><summary>More</summary>",
    "</details>",
    "<!-- a comment",
    "-->",
    "@**all** look",
    "@*backend* and @_**Silent**",
    "`@**all**` in code",
    "![shot](https://img.example.com/a.png)",
    '<img src="https://x.org/b.png" alt="b">',
    "<b>bold</b> <a href='https://a.org'>a</a>",
    "/poll Lunch?",
    "/me waves",
    "$$x^2$$ and <time:2024-01-01T10:00:00Z>",
    "| a | b |",
    "|---|---|",
    "    indented code",
    "",
    "text with **bold** and `code`",
]
body = st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=12)), max_size=14).map("\n".join)


def top_level(content: str) -> list[str]:
    return [token.type for token in parser().parse(content) if token.level == 0]


@settings(max_examples=400)
@given(body)
def test_a_body_cannot_leave_its_quote_or_swallow_what_follows(text: str) -> None:
    quote = quoted_body(text)
    content = md("Before\n\n") + quote + md("\n\nAfter **x**")
    expected = ["paragraph_open", "paragraph_close"]
    if quote:
        expected += ["blockquote_open", "blockquote_close"]
    expected += ["paragraph_open", "paragraph_close"]
    assert top_level(content) == expected
    assert render(content).endswith("<p>After <strong>x</strong></p>\n")


@settings(max_examples=400)
@given(body)
def test_nothing_in_a_body_pings_anyone(text: str) -> None:
    rendered = render(md("Said:\n\n") + quoted_body(text))
    assert "user-mention" not in rendered
    assert "user-group-mention" not in rendered


def test_the_authors_markdown_survives() -> None:
    text = (
        "## Release 1.2\n\n"
        "- **Faster** start-up, costs $5 a month :tada:\n"
        "- Fixed `parse()`; see [the docs](https://example.com/docs)\n\n"
        "```python\nprint('hi')\n```"
    )
    assert body_markdown(text) == text
    rendered = render(quoted_body(text))
    for element in ("<h2>", "<ul>", "<strong>", "<code>", '<a href="https://example.com/docs">'):
        assert element in rendered
    assert "emoji" in rendered
    assert "$5" in rendered


def test_github_pieces_become_what_zulip_reads() -> None:
    text = (
        "<!-- Describe the change -->\n"
        "Fixes the login.\n"
        "- [ ] tests\n"
        "- [x] docs\n"
        "![screen](https://img.example.com/a.png) "
        '<img width="200" src="https://img.example.com/b.png">\n'
        "<details><summary>Logs</summary>\n\n```\ntrace\n```\n</details>"
    )
    assert body_markdown(text) == (
        "Fixes the login.\n"
        "- ☐ tests\n"
        "- ☑ docs\n"
        "[screen](https://img.example.com/a.png) [image](https://img.example.com/b.png)\n\n"
        "````spoiler Logs\n```\ntrace\n```\n````"
    )


def test_mentions_are_inert_outside_code_only() -> None:
    assert body_markdown("cc @**all**, @_**Ann|7** and @*ops*; `@**all**`") == (
        "cc @all, @Ann and @ops; `@**all**`"
    )
    assert body_markdown("```\n@**all**\n```") == "```\n@**all**\n```"


def test_blocks_left_open_are_closed_and_the_fence_outgrows_the_body() -> None:
    assert body_markdown("```\nunclosed") == "```\nunclosed\n```"
    quote = quoted_body("~~~~~\ncode\n~~~~~")
    assert quote.startswith("~~~~~~ quote\n")
    assert quote.endswith("\n~~~~~~")


def test_a_long_body_is_cut_at_a_paragraph_and_says_so() -> None:
    text = "\n\n".join(f"Paragraph {n} " + "word " * 50 for n in range(100))
    cut = body_markdown(text, limit=1000)
    assert len(cut) < 1000
    assert cut.endswith("\n\n…")
    assert cut.split("\n\n")[-2].endswith("word")  # a whole paragraph, not half a word


def test_an_empty_body_is_nothing() -> None:
    assert quoted_body("") == ""
    assert quoted_body(None) == ""
    assert quoted_body("<!-- only a template comment -->") == ""


@pytest.mark.parametrize(
    "text",
    [
        "`\n\nk: @**all**`",  # a backtick cannot open a code span across paragraphs
        "`\n- k: @**all**`",  # nor across list items
        "@**@*team*`**`",  # undoing one mention cannot leave another
        "@*@**all***",
    ],
)
def test_no_mention_survives_tricks_with_code_spans_or_nesting(text: str) -> None:
    assert_inert(quoted_body(text))


@pytest.mark.parametrize("text", ["[x](`)[x](@**all**` ", '[x](u "`")@**all**`'])
def test_a_backtick_in_a_link_target_hides_no_mention(text: str) -> None:
    # A code span for Zulip, which reads code first; a link's target for CommonMark.
    assert_pings_nobody(quoted_body(text))
    assert "@**all**" not in quoted_body(text)


def test_relative_and_odd_link_targets_keep_only_their_label() -> None:
    body = quoted_body(
        "[docs](/docs) [top](#top) [mail](mailto:a@example.org) [site](https://e.org)"
    )
    assert body == ("~~~ quote\ndocs top [mail](mailto:a@example.org) [site](https://e.org)\n~~~")


@pytest.mark.parametrize(
    "text",
    [
        "```spoiler Look @**all**\nhidden\n```",  # a spoiler's title is text too
        "a @**\n** b",  # a name may run over a line break
        "x @*\nteam* y",
    ],
)
def test_mentions_in_spoiler_titles_and_over_line_breaks_are_inert(text: str) -> None:
    assert_inert(quoted_body(text))


@pytest.mark.parametrize(
    "text",
    [
        "# ``` @**all**\na`",  # a heading ends its line: no code span reaches past it
        "| `a | @**all** ` |\n|---|---|",  # a table's cells are read one by one
    ],
)
def test_no_code_span_hides_a_mention_across_a_heading_or_a_table_cell(text: str) -> None:
    assert_inert(quoted_body(text))


def test_a_link_target_with_parentheses_is_read_whole() -> None:
    body = quoted_body("[w](https://en.wikipedia.org/wiki/Foo_(bar)) [x](javascript:alert(1))")
    assert body == "~~~ quote\n[w](https://en.wikipedia.org/wiki/Foo_(bar)) x\n~~~"


def test_a_badge_keeps_its_link_under_the_image_text() -> None:
    body = body_markdown("[![build](https://img.shields.io/b.svg)](https://ci.example.org) ok")
    assert body == "[build](https://ci.example.org) ok"
    assert body_markdown("[![](https://e.org/i.png)](https://e.org/docs)") == (
        "[image](https://e.org/docs)"
    )


def test_link_definitions_used_as_comments_are_dropped_outside_code() -> None:
    text = "Bumps x.\n\n[//]: # (dependabot-automerge-start)\n[comment]: <> (note)\n\nDone."
    assert body_markdown(text) == "Bumps x.\n\nDone."
    assert body_markdown("```\n[//]: # (kept)\n```") == "```\n[//]: # (kept)\n```"
    assert body_markdown("[docs]: https://e.org") == "[docs]: https://e.org"
