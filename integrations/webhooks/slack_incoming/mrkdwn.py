"""Slack's ``mrkdwn`` as Zulip Markdown: the sender's formatting kept, made safe.

Text in Slack's format is the sender's Markdown, like a description is in a
code host's payload: it keeps its formatting, translated where the two
dialects differ, and nothing in it may notify anyone or leak into what
follows it.

* ``*bold*`` becomes ``**bold**``, ``_italic_`` becomes ``*italic*`` and
  ``~strike~`` becomes ``~~strike~~`` (Zulip has neither ``_`` emphasis nor
  single tildes); a marker counts only at a word's edge, as in Slack.
* `` `code` `` stays a code span; text between ```` ``` ```` pairs, inline
  or not, becomes a code block, as Slack shows it.
* ``>`` and ``&gt;`` at the start of a line quote it; ``>>>`` quotes the
  rest of the text.
* Control sequences (``<url|label>``, ``<@U123>``, ``<!here>``,
  ``<!date^...>``) become links, plain ``@names`` and global times
  (``references``); ``&amp;``, ``&lt;`` and ``&gt;`` become their
  characters, kept literal where Zulip would read them as markup.
* Everything else (Zulip-style ``**bold**``, ``- lists``, ``# headings``)
  is the sender's and stays. Mentions are made inert everywhere but in
  code, backticks Slack would show as text stay text, and a line of
  ``~~~`` cannot open a block: the text cannot leave its place in the
  message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from integrations.core import Markdown, code, code_block
from integrations.core.fences import CONTAINERS, OPENING, close_fences
from integrations.core.markup import inert_mentions, outside_code_spans
from integrations.webhooks.slack_incoming.references import decode, plain_reference, reference

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ue000\ue001]")
_PREFORMATTED = re.compile(r"```(.*?)```", re.DOTALL)
# What is not plain text in a line: a code span, a control sequence, a bare URL
# (whose underscores are no emphasis).
_TOKEN = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|(?P<control><[^<>\n]+>)"
    r"|(?P<url>\b(?:https?|ftp)://[^\s<>`]*[^\s<>`*_~.,;:!?)\]'\"])"
)
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
# Slack's emphasis: a marker at a word's edge, around text that does not start
# or end with a space and holds no marker of its kind.
_STYLES = (
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?[^*\s])\*(?![\w*])"), "**"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]*?[^_\s])_(?![\w_])"), "*"),
    (re.compile(r"(?<![\w~])~(?=\S)([^~\n]*?[^~\s])~(?![\w~])"), "~~"),
)
_QUOTE = re.compile(r"(?:>|&gt;)(?!>|&gt;) ?")
_QUOTE_REST = re.compile(r"(?:>|&gt;){3} ?")
_SKIN_TONE = re.compile(r":skin-tone-[2-6]:")
_EMPHASIS = re.compile(r"[*~]")  # what would make Zulip emphasis of unstyled text
_ENTITY_AHEAD = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z0-9]+;)")
_TIME_AHEAD = re.compile(r"<(?=time:)", re.IGNORECASE)
_TILDE_FENCE = re.compile(r" {0,3}~{3}")
# A mention whose name runs over a line break, which a line at a time misses;
# not over a blank line, which ends the paragraph it would be read in.
_NAME = r"((?:[^*\n]|\n(?![ \t]*\n))+?)"
_MENTION_ACROSS_LINES = re.compile(rf"@_?\*\*{_NAME}\*\*|@_?\*{_NAME}\*")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\Z)")


def normalized(text: str) -> str:
    """Line breaks as ``\\n``, without control characters or tabs."""
    return _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text)).replace("\t", "    ")


def mrkdwn(text: str, *, styled: bool = True) -> Markdown:
    """Slack ``mrkdwn`` as Zulip Markdown (empty for text with nothing to show).

    ``styled=False`` is a message sent with ``"mrkdwn": false``: its links,
    mentions and code stay what they are, but ``*``, ``_`` and ``~`` are
    left as they were written.
    """
    text = normalized(text)
    parts: list[str] = []
    position = 0
    for block in _PREFORMATTED.finditer(text):
        parts.append(_prose(text[position : block.start()], after_code=bool(parts), styled=styled))
        parts.append(_preformatted(block.group(1)))
        position = block.end()
    parts.append(_prose(text[position:], after_code=bool(parts), styled=styled))
    joined = "\n".join(part for part in parts if part.strip())
    # Mentions are made inert once the lines are together: a name may run over two.
    joined = outside_fences(joined, inert_across_lines)
    joined = re.sub(r"\n{3,}", "\n\n", joined).strip("\n")
    if not joined.strip():
        return Markdown("")
    return Markdown(close_fences(joined))


def _preformatted(text: str) -> str:
    """A ```` ``` ```` block: its text literal, control sequences as what they read as."""
    text = text.removeprefix("\n").removesuffix("\n")
    literal = re.sub(r"<([^<>\n]+)>", lambda match: plain_reference(match.group(1)), text)
    if not literal.strip():
        return ""
    return code_block(decode(literal))


def _prose(text: str, *, after_code: bool, styled: bool) -> str:
    """Lines of text outside code blocks, with their quotes.

    Text right after a code block starts a line of its own: the spaces
    that separated it from the block in Slack go.
    """
    if after_code:
        text = text.lstrip(" ")
    lines: list[str] = []
    quoting_rest = False
    previous_quoted = False
    in_list = False  # the lines above are a list item and its indented lines
    for line in text.split("\n"):
        if not quoting_rest and _QUOTE_REST.match(line):
            quoting_rest = True
            line = _QUOTE_REST.sub("", line, count=1)
        quote = None if quoting_rest else _QUOTE.match(line)
        quoted = quoting_rest or quote is not None
        if quote is not None:
            line = line[quote.end() :]
        converted = _line(line, styled=styled)
        if quoted:
            lines.append(f"> {converted}".rstrip())
        else:
            item = _LIST_ITEM.match(converted) is not None
            if (previous_quoted or (in_list and not item)) and not converted[:1].isspace():
                if converted.strip():
                    # In Slack each line is a line; in Zulip, this one would
                    # go on the quote or the list item above.
                    lines.append("")
                in_list = False
            in_list = in_list or item
            lines.append(converted.rstrip())
        previous_quoted = quoted
    return "\n".join(lines).strip("\n")


def _line(line: str, *, styled: bool) -> str:
    """One line: tokens kept aside, emphasis translated, text made literal where needed."""
    tokens: list[str] = []

    def keep(match: re.Match[str]) -> str:
        tokens.append(_token(match))
        return f"\ue000{len(tokens) - 1}\ue001"

    marked = _TOKEN.sub(keep, line)
    for pattern, marker in _STYLES if styled else ():
        marked = pattern.sub(rf"{marker}\1{marker}", marked)
    pieces: list[str] = []
    position = 0
    for placeholder in _PLACEHOLDER.finditer(marked):
        pieces.append(_literal(marked[position : placeholder.start()], styled=styled))
        pieces.append(tokens[int(placeholder.group(1))])
        position = placeholder.end()
    pieces.append(_literal(marked[position:], styled=styled))
    converted = "".join(pieces)
    if _TILDE_FENCE.match(converted):
        converted = converted.replace("~", "&#126;", 1)
    return converted


def _token(match: re.Match[str]) -> str:
    if match.group("code"):
        content = match.group("code")[1:-1]
        literal = re.sub(r"<([^<>\n]+)>", lambda inner: plain_reference(inner.group(1)), content)
        return str(code(decode(literal)))
    if match.group("control"):
        return str(reference(match.group("control")[1:-1]))
    return match.group("url")


def _literal(text: str, *, styled: bool) -> str:
    """Plain text between tokens: entities decoded, kept as text where Zulip would not.

    Slack has no other code than `` `pairs` `` and blocks, so any other
    backtick is text; ``&`` before what reads as an entity and ``<time:``
    stay literal too.
    """
    text = decode(_SKIN_TONE.sub("", text))
    text = _ENTITY_AHEAD.sub("&amp;", text)
    text = _TIME_AHEAD.sub("&lt;", text)
    text = text.replace("`", "&#96;")
    return text if styled else _EMPHASIS.sub(lambda match: f"&#{ord(match.group())};", text)


def inert_across_lines(text: str) -> str:
    """Mentions and channel links made inert, even when a name holds a line break (``@**\\n**``)."""

    def plain(match: re.Match[str]) -> str:
        return "@" + (match.group(1) or match.group(2) or "")

    return outside_code_spans(
        text, lambda part: _MENTION_ACROSS_LINES.sub(plain, inert_mentions(part))
    )


def outside_fences(text: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the lines outside code blocks; quotes and spoilers hold prose."""
    out: list[str] = []
    prose: list[str] = []
    stack: list[tuple[str, bool]] = []  # open fences: (marker, holds Markdown)

    def flush() -> None:
        if prose:
            out.append(change("\n".join(prose)))
            prose.clear()

    for line in text.split("\n"):
        if stack and line.strip() == stack[-1][0]:
            stack.pop()
            flush()
            out.append(line)
        elif stack and not stack[-1][1]:
            out.append(line)
        elif opening := OPENING.match(line):
            flush()
            holds_markdown = (opening.group(2) or "").lower() in CONTAINERS
            stack.append((opening.group(1), holds_markdown))
            if holds_markdown:  # a spoiler's header is Markdown too
                line = line[: opening.end(2)] + change(line[opening.end(2) :])
            out.append(line)
        else:
            prose.append(line)
    flush()
    return "\n".join(out)
