"""The safe-markup helpers: untrusted text never becomes markup.

The property tests render escaped text with the Zulip-Markdown renderer and
check that the HTML holds exactly the elements the template put there, and
that the reader sees the text that was given.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core.markup import (
    Markdown,
    bold,
    bullet_list,
    code,
    code_block,
    escape,
    inert_mentions,
    italic,
    link,
    md,
    outside_code_spans,
    quote,
    safe_url,
    text_block,
)
from integrations.testing.webhooks import assert_inert
from integrations.zulip_markdown import render

SNIPPETS = [
    "@**all**",
    "@**everyone**",
    "@_**Silent Bob**",
    "@*backend*",
    "@_*group*",
    "#**general**",
    "#**general>deploys**",
    "#**s>t@12**",
    "[x](javascript:alert(1))",
    "![img](https://a.org/x.png)",
    "https://evil.example.com/a(b)",
    "http://x.co",
    "www.example.org",
    "example.com",
    "bob@example.com",
    "bitcoin:1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    ":tada:",
    ":+1:",
    "$$x^2$$",
    "<time:2024-01-01>",
    "<b>bold</b>",
    "<https://x.org>",
    "```",
    "~~~",
    "```spoiler x",
    "~~gone~~",
    "**b**",
    "*i*",
    "__u__",
    "`code`",
    "> ",
    "# ",
    "1. ",
    "2) ",
    "- ",
    "+ ",
    "* ",
    "___",
    "---",
    "|a|b|\n|-|-|",
    "&amp;",
    "&#42;",
    "\\*",
    "\\",
    "/me ",
    "/poll ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\u2028",
    "x:y:z",
    "e.g.",
    "README.md",
    "file.py",
    "(",
    ")",
    "[",
    "]",
    '"',
    "'",
    ",",
    ":",
]
ALPHABET = st.characters(
    codec="utf-8",
    categories=["L", "N", "P", "S", "Zs"],
    include_characters="\n\r\t\x00\x07\u2028\u00e9\U0001f600",
)
untrusted = st.lists(
    st.one_of(st.sampled_from(SNIPPETS), st.text(ALPHABET, max_size=6)), max_size=12
).map("".join)

TAG = re.compile(r"<(/?)([a-z0-9]+)([^>]*)>")


def tags(rendered: str) -> list[str]:
    return [f"{slash}{name}" for slash, name, _ in TAG.findall(rendered)]


def visible_text(rendered: str) -> str:
    return html.unescape(TAG.sub("", rendered))


def one_line(text: str) -> str:
    """What an inline value shows: one line, no control characters, trimmed."""
    text = re.sub(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029\t]", " ", text)
    return re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", "", text).strip()


ALLOWED_INLINE = {"code", "/code", "a", "/a", "span", "/span"}
LIVE = re.compile(r'class="[^"]*(?:user-mention|user-group-mention|stream|timestamp|tex|katex)')
EMOJI = re.compile(r'<span aria-label="([^"]*)" class="emoji[^"]*"[^>]*>[^<]*</span>')


def shown_text(rendered: str) -> str:
    """What a reader sees, with each emoji written back as its :name:."""
    named = EMOJI.sub(lambda match: ":" + match.group(1).replace(" ", "_") + ":", rendered)
    return visible_text(named)


def as_read(text: str) -> str:
    """What an inline value reads as: one line, mentions inert but in code, backticks aside."""
    return outside_code_spans(one_line(text), inert_mentions).replace("`", "")


@settings(max_examples=500)
@given(untrusted)
def test_escaped_text_stays_text_and_reads_as_written(text: str) -> None:
    """Only code spans its author closed, emoji and bare links come out; nothing pings."""
    rendered = render(md("{}").format(text))
    assert set(tags(rendered)) <= {"p", "/p"} | ALLOWED_INLINE
    assert not LIVE.search(rendered)
    for href, label in re.findall(r'<a href="([^"]*)">(.*?)</a>', rendered):
        # a bare link, never a crafted one: its text is its address
        assert html.unescape(label) in html.unescape(href)
    # Whitespace aside: a code span drops the space just inside its backticks.
    shown = "".join(shown_text(rendered).replace("`", "").split())
    assert shown == "".join(as_read(text).split())


@settings(max_examples=300)
@given(untrusted)
def test_code_span_shows_the_text_literally(text: str) -> None:
    rendered = render(code(text))
    assert tags(rendered) == ["p", "code", "/code", "/p"]
    inner = re.search(r"<code>(.*)</code>", rendered, re.DOTALL)
    assert inner is not None
    assert html.unescape(inner.group(1)) == (one_line(text) or " ")


@settings(max_examples=200)
@given(untrusted, st.sampled_from(["", "python", "json", "x y!"]))
def test_code_block_shows_the_text_literally(text: str, language: str) -> None:
    rendered = render(code_block(text, language))
    assert tags(rendered)[0] == "pre"
    assert "/pre" in tags(rendered)
    body = re.search(r"<code[^>]*>(.*)</code>", rendered, re.DOTALL)
    assert body is not None
    expected = re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", "", text.replace("\t", " "))
    expected = re.sub(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]", "\n", expected).rstrip("\n")
    assert html.unescape(body.group(1)).rstrip("\n") == expected


@settings(max_examples=300)
@given(untrusted)
def test_quote_and_text_block_make_only_paragraphs(text: str) -> None:
    paragraphs = {"p", "/p", "br"} | ALLOWED_INLINE
    assert set(tags(render(quote(text)))) <= {"blockquote", "/blockquote"} | paragraphs
    rendered = render(text_block(text))
    assert set(tags(rendered)) <= paragraphs
    assert not LIVE.search(rendered)
    lines = re.split(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]", text)
    given_words = " ".join(as_read(line) for line in lines).split()
    assert shown_text(rendered).replace("`", "").split() == given_words


@settings(max_examples=200)
@given(untrusted)
def test_link_text_cannot_break_out(text: str) -> None:
    rendered = render(link(text, "https://example.com/issues/1"))
    found = tags(rendered)
    assert found[:2] == ["p", "a"]
    assert found[-2:] == ["/a", "/p"]
    # inside the link: only code spans and emoji, never another link
    assert set(found[2:-2]) <= {"code", "/code", "span", "/span"}
    assert 'href="https://example.com/issues/1"' in rendered


def test_the_documented_attack_renders_as_text() -> None:
    attack = "@**all** [x](javascript:alert(1))"
    rendered = render(md("New commit: {}").format(attack))
    assert visible_text(rendered).strip() == "New commit: @all [x](javascript:alert(1))"
    assert tags(rendered) == ["p", "/p"]


def test_readable_text_stays_readable() -> None:
    readable = [
        "Fix the parser for snake_case names",
        "Update README.md and setup.py",
        "v1.2.3: 10:30 release, e.g. today",
        "[WIP] Fix `parse()` crash :tada:",
        "$5 a month, see https://x.org/a#b - or #12",
        "2 * 3 = 6",
        "C:\\path\\file",
        "<b>not html</b> & more",
    ]
    for text in readable:
        assert escape(text) == text, text


def test_only_what_would_make_markup_is_encoded() -> None:
    assert escape("make **this** bold") == "make &#42;&#42;this&#42;&#42; bold"
    assert escape("~~gone~~ and $$x$$") == "&#126;&#126;gone&#126;&#126; and &#36;&#36;x&#36;&#36;"
    assert escape("a lone ` tick") == "a lone &#96; tick"
    assert escape("[x](y) and ]") == "&#91;x&#93;(y) and &#93;"
    assert escape("<time:2024-01-01> &amp;") == "&lt;time:2024-01-01> &amp;amp;"
    assert escape("# not a heading") == "&#35; not a heading"
    assert escape("# mid", at_line_start=False) == "# mid"
    assert escape("1. first") == "1&#46; first"
    assert escape("- item") == "&#45; item"
    assert escape("#hashtag") == "#hashtag"


def test_mentions_read_as_plain_names() -> None:
    assert escape("ping @**all** and @_**Silent Bob|12** or @*backend*") == (
        "ping @all and @Silent Bob or @backend"
    )
    assert inert_mentions("see #**general>deploys**") == "see #general>deploys"
    assert escape("keep `@**all**` as code") == "keep `@**all**` as code"


def test_markdown_values_pass_through_and_strings_are_escaped() -> None:
    trusted = bold("Ada")
    assert md("{} and {}").format(trusted, "*Bob*") == "**Ada** and &#42;Bob&#42;"
    assert md("x ") + "*y*" == "x &#42;y&#42;"
    assert "*y* " + md("x") == "&#42;y&#42; x"
    assert Markdown(", ").join(["*", bold("b")]) == "&#42;, **b**"  # a list item at line start
    assert Markdown(", ").join([bold("b"), "2 * 3"]) == "**b**, 2 * 3"
    assert isinstance(md("{}").format(1), Markdown)
    with pytest.raises(TypeError):
        _ = md("%s") % "x"


def test_format_knows_when_a_field_starts_a_line() -> None:
    assert md("{}").format("- x") == "&#45; x"
    assert md("* {}").format("- x") == "* &#45; x"
    assert md("a {}").format("- x") == "a - x"
    assert md("a\n> {}").format("# x") == "a\n> &#35; x"


def test_code_span_fences_outgrow_backticks() -> None:
    assert code("main") == "`main`"
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("") == "` `"


def test_code_block_fence_outgrows_the_content() -> None:
    assert code_block("```\nx\n```", "py") == "````py\n```\nx\n```\n````"


def test_links_need_a_web_address() -> None:
    assert link("x", "javascript:alert(1)") == "x"
    assert link("x", "https://a.org/a b") == "[x](https://a.org/a%20b)"
    assert link("", "https://a.org") == "https://a.org"
    assert link("see https://a.org", "https://b.org") == "[see &#104;ttps://a.org](https://b.org)"
    assert safe_url("mailto:a@b.org") == "mailto:a@b.org"
    assert safe_url("ftp://a.org") is None


def test_bold_and_italic_of_nothing_is_nothing() -> None:
    assert bold("") == ""
    assert italic("x") == "*x*"


def test_bullet_list_truncates_with_a_count() -> None:
    items = [f"commit {n}" for n in range(5)]
    assert bullet_list(items, limit=2, more="[and {count} more commits]") == (
        "* commit 0\n* commit 1\n[and 3 more commits]"
    )
    assert bullet_list(items[:2], limit=2) == "* commit 0\n* commit 1"


def test_a_value_ending_in_at_or_hash_cannot_join_the_markup_after_it() -> None:
    content = md("{} · {} · {}").format(bold("(@"), bold("x#"), bold("y"))
    assert_inert(content)
    assert content == "**(&#64;** · **x&#35;** · **y**"
