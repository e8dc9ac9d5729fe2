"""Zulip's fenced blocks: code with a language, quotes, spoilers and math.

Zulip reads fences its own way, and this rule follows it rather than
CommonMark: a fence closes only on a line that is exactly the opening
fence; ```` ```quote ```` and ```` ```spoiler Header ```` blocks hold
Markdown, including further fences, which nest; ```` ```math ```` holds
TeX; any other language names a code block. The HTML is the one Zulip's
server produces, with its class names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class_by_name
from pygments.util import ClassNotFound

from integrations.zulip_markdown.tex import tex_to_mathml

# ``` or ~~~, a language (optionally as {.lang}), then a header for spoilers.
_OPENING = re.compile(r"(`{3,}|~{3,}) *(?:\{?\.?([a-zA-Z0-9_+\-./#]+) *([^ ~`][^~`]*)?\}?)?\s*\Z")
QUOTE_LANGUAGES = frozenset({"quote", "quoted"})
CONTAINERS = QUOTE_LANGUAGES | {"spoiler"}
_FENCES = ("```", "~~~")


def _opening(state: StateBlock, line: int) -> re.Match[str] | None:
    start = state.bMarks[line] + state.tShift[line]
    if not state.src.startswith(_FENCES, start):  # the common case, checked first
        return None
    return _OPENING.match(state.src, start, state.eMarks[line])


def _line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()


def _closing_line(state: StateBlock, start: int, end: int, fence: str, nests: bool) -> int:
    """The line that closes the block opened at ``start``, or ``end`` if none does."""
    stack = [(fence, nests)]
    for line in range(start + 1, end):
        if state.sCount[line] < state.blkIndent and not state.isEmpty(line):
            return line  # the parent block (a list item, say) ends here
        text = _line_text(state, line)
        if text == stack[-1][0]:
            stack.pop()
            if not stack:
                return line
        elif stack[-1][1]:
            inner = _opening(state, line)
            if inner:
                stack.append((inner.group(1), (inner.group(2) or "").lower() in CONTAINERS))
    return end


def fence_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    match = _opening(state, start)
    if match is None or state.is_code_block(start):
        return False
    if silent:
        return True
    fence, language, header = match.group(1), (match.group(2) or "").lower(), match.group(3)
    close = _closing_line(state, start, end, fence, language in CONTAINERS)
    closed = close < end and _line_text(state, close) == fence
    if language in CONTAINERS:
        _container(state, start, close, language, (header or "").strip())
    else:
        token = state.push("fence", "code", 0)
        token.info = language
        token.markup = fence
        token.content = state.getLines(start + 1, close, state.sCount[start], True)
        token.map = [start, close + int(closed)]
    state.line = close + int(closed)
    return True


def _container(state: StateBlock, start: int, close: int, language: str, header: str) -> None:
    if language == "spoiler":
        opening = state.push("zulip_spoiler_open", "div", 1)
        if header:
            state.push("paragraph_open", "p", 1)
            inline = state.push("inline", "", 0)
            inline.content = header
            inline.map = [start, start + 1]
            inline.children = []
            state.push("paragraph_close", "p", -1)
        # It closes the header and opens the content: no deeper than before.
        state.push("zulip_spoiler_content_open", "div", 0)
    else:
        opening = state.push("blockquote_open", "blockquote", 1)
    opening.map = [start, close]
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "zulip_container"
    state.lineMax = close  # keep lazy continuation lines inside the block
    state.md.block.tokenize(state, start + 1, close)
    state.parentType, state.lineMax = old_parent, old_max
    if language == "spoiler":
        state.push("zulip_spoiler_close", "div", -1)
    else:
        state.push("blockquote_close", "blockquote", -1)


def silence_quoted_mentions(state: StateCore) -> None:
    """Core rule: like Zulip, a mention inside a quote notifies nobody."""
    depth = 0
    for token in state.tokens:
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        elif depth and token.type == "inline":
            for child in token.children or ():
                if child.type == "zulip_mention":
                    child.meta["silent"] = True


# Rendering ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter[str]:
    return HtmlFormatter(nowrap=True)


@lru_cache(maxsize=256)
def lexer_for(language: str) -> Lexer | None:
    """Pygments' lexer for a fence's language; PHP without its ``<?php`` too, as in Zulip."""
    try:
        lexer_class = find_lexer_class_by_name(language)
    except ClassNotFound:
        return None
    return lexer_class(stripnl=False, ensurenl=False, startinline=True)


def code_html(language: str, code: str) -> str:
    """A highlighted code block as Zulip marks it up."""
    lexer = lexer_for(language) if language else None
    if lexer is None:
        inner = escape(code, quote=False)
        attribute = f' data-code-language="{escape(language)}"' if language else ""
    else:
        inner = highlight(code, lexer, _formatter())
        attribute = f' data-code-language="{escape(lexer.name)}"'
    return (
        f'<div class="codehilite"{attribute}><pre><span></span><code>{inner}</code></pre></div>\n'
    )


def math_html(source: str) -> str:
    """Display math: each paragraph of the block is one formula, as in Zulip."""
    parts = []
    for paragraph in re.split(r"\n\s*\n", source.strip("\n")):
        mathml = tex_to_mathml(paragraph, display=True)
        if mathml is None:
            parts.append(f'<span class="tex-error">{escape(paragraph, quote=False)}</span>')
        else:
            parts.append(f'<span class="katex-display"><span class="katex">{mathml}</span></span>')
    return "\n".join(parts) + "\n"


def _render_fence(self: RendererHTML, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if not token.content:
        return ""  # Zulip drops an empty block
    if token.info == "math":
        return math_html(token.content)
    if env.get("highlight"):
        return code_html(token.info, token.content)
    return RendererHTML.fence(self, tokens, idx, options, env)


def _render_spoiler_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return '<div class="spoiler-block"><div class="spoiler-header">\n'


def _render_spoiler_content_open(
    self: Any, tokens: list[Token], idx: int, options: Any, env: Any
) -> str:
    return '</div><div class="spoiler-content" aria-hidden="true">\n'


def _render_spoiler_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "</div></div>\n"


def zulip_blocks_plugin(md: MarkdownIt) -> None:
    md.block.ruler.at(
        "fence", fence_rule, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.core.ruler.push("zulip_quiet_quotes", silence_quoted_mentions)
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("zulip_spoiler_open", _render_spoiler_open)
    md.add_render_rule("zulip_spoiler_content_open", _render_spoiler_content_open)
    md.add_render_rule("zulip_spoiler_close", _render_spoiler_close)
