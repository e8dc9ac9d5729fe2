"""Hypothesis strategies the integrations' tests share: text a sender controls."""

from __future__ import annotations

from hypothesis import strategies as st

# Mentions of each kind Zulip notifies for, which no payload may make live.
MENTIONS = ("@**all**", "@*team*", "@_**Ann|12**", "#**general**")


def untrusted_words(*extra: str, max_size: int = 30) -> st.SearchStrategy[str]:
    """One to four words of any printable text, mentions and ``extra`` pieces among them."""
    word = st.text(
        st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=max_size
    ) | st.sampled_from([*MENTIONS, *extra])
    return st.lists(word, min_size=1, max_size=4).map(" ".join)


# Markdown's working parts, alone or half-finished, to build bodies from.
MARKDOWN_TOKENS = (
    "@**all**",
    "@_**Ada**",
    "@*team*",
    "**",
    "*",
    "`",
    "~~~",
    "```",
    "[x](",
    ")",
    "\n",
    " ",
)


def markdown_fragments(*extra: str) -> st.SearchStrategy[str]:
    """Up to ten Markdown tokens and short runs of its punctuation, joined."""
    token = st.sampled_from([*MARKDOWN_TOKENS, *extra])
    run = st.text(alphabet="@*_`~[]()<>#:!|&$-= abcAl", max_size=6)
    return st.lists(st.one_of(token, run), max_size=10).map("".join)


# Single characters that make Markdown, and the pieces of mentions, fences and links.
MARKDOWN_PIECES = (
    *"@*_`~[]()<>#:!|\\ \n-=.ab",
    "all",
    "**",
    "@**all**",
    "@_**Ada|12**",
    "@*team*",
    "```",
    "~~~",
    "http://x.io",
    "&#64;",
)


def markdown_pieces(*extra: str) -> st.SearchStrategy[str]:
    """Up to 25 pieces of ``MARKDOWN_PIECES`` (and ``extra``), joined."""
    return st.lists(st.sampled_from([*MARKDOWN_PIECES, *extra]), max_size=25).map("".join)
