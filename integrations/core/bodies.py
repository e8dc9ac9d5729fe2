"""Bodies written in Markdown (descriptions, comments, release notes), kept as written.

A body keeps its author's Markdown: headings, lists, bold, code, links,
emoji all render. Three things are done to it:

* **Mentions are made inert** (``@**all**`` reads ``@all``), the one thing
  neutralised, everywhere but in code.
* **GitHub- and GitLab-flavoured pieces Zulip does not read are converted**:
  HTML comments (pull request templates are full of them) and link
  definitions used as comments (``[//]: # (…)``, as Dependabot writes) are
  dropped, task list boxes become ☐ and ☑, ``<details>`` becomes a spoiler,
  images become links (a badge that is a link's label, that link), the
  common HTML tags become their Markdown (and other tags, which
  those services do not show either, are dropped).
* **It cannot leave its quote**: a block it leaves open is closed, and the
  quote's fence is longer than any line of the body, so no line can close
  it early and nothing after it is swallowed.

``quoted_body`` is what messages use; ``body_markdown`` the same text
without the quote.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from integrations.core.fences import CONTAINERS, OPENING, close_fences, fence_longer_than
from integrations.core.markup import (
    Markdown,
    code_spans,
    inert_mentions,
    outside_code_spans,
    safe_url,
)

BODY_CHARACTERS = 6000  # Zulip's limit is 10,000 for the whole message
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_TASK = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+)\[([ xX])\](?=\s|$)", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# An image that is a link's whole label (a badge): the link keeps the image's text.
_LINKED_IMAGE = re.compile(r"\[\s*" + _IMAGE.pattern + r"\s*\](?=\()")
# ``[//]: # (note)``: a link definition used as a comment, which GitHub hides.
_COMMENT_LINE = re.compile(r" {0,3}\[[^\]\n]+\]:[ \t]*(?:#|<>)(?:[ \t].*)?")
# A Markdown link (not an image): a relative or odd target would point into
# the Zulip server, or nowhere, so only its label is kept.
_LINK = re.compile(
    r"(?<!!)\[([^\]\n]*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)"
)
_DANGLING_OPENER = re.compile(r"[@#](?=_?\*)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_ATTRIBUTE = re.compile(r"""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# Tags whose text is kept, with the Markdown that stands for them.
_WRAPPERS = {
    "b": "**",
    "strong": "**",
    "i": "*",
    "em": "*",
    "code": "`",
    "kbd": "`",
    "tt": "`",
    "s": "~~",
    "del": "~~",
    "strike": "~~",
}


def _attributes(text: str) -> dict[str, str]:
    return {
        match.group(1).lower(): html.unescape(
            match.group(2) or match.group(3) or match.group(4) or ""
        )
        for match in _ATTRIBUTE.finditer(text)
    }


def _link(label: str, url: str) -> str:
    target = safe_url(url)
    label = " ".join(label.split()) or "image"
    return f"[{label}]({target})" if target else label


def _tag(match: re.Match[str]) -> str:
    """One HTML tag as the Markdown that stands for it, or nothing."""
    closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
    if name in _WRAPPERS:
        return _WRAPPERS[name]
    if name == "br":
        return "\n"
    if name == "img" and not closing:
        found = _attributes(attributes)
        return _link(found.get("alt", ""), found.get("src", ""))
    if name in ("p", "div") and closing:
        return "\n\n"
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "\n\n" if closing else "\n\n" + "#" * int(name[1]) + " "
    if name == "li" and not closing:
        return "\n* "
    if name == "hr":
        return "\n\n---\n\n"
    return ""  # GitHub and GitLab do not show unknown tags either


def _anchors(text: str) -> str:
    """``<a href="url">text</a>`` as a link."""

    def link(match: re.Match[str]) -> str:
        return _link(match.group(2), _attributes(match.group(1)).get("href", ""))

    return re.sub(r"<a\b([^<>]*)>(.*?)</a\s*>", link, text, flags=re.IGNORECASE | re.DOTALL)


def _details(text: str, fence: str) -> str:
    """``<details><summary>Title</summary> ... </details>`` as a spoiler block."""

    def spoiler(match: re.Match[str]) -> str:
        title = " ".join(re.sub(r"<[^>]*>", "", match.group(1) or "").split())
        return f"\n\n{fence}spoiler {title}".rstrip() + f"\n{match.group(2).strip()}\n{fence}\n\n"

    pattern = re.compile(
        r"<details\b[^>]*>\s*(?:<summary\b[^>]*>(.*?)</summary\s*>)?(.*?)</details\s*>",
        re.IGNORECASE | re.DOTALL,
    )
    previous = None
    while previous != text:  # innermost first, so nested details nest
        previous, text = text, pattern.sub(spoiler, text, count=1)
    return text


_LINK_TARGET = re.compile(r"\]\([^)]*\)?")
_BLOCK_START = re.compile(r"\s{0,3}(?:[-*+]|\d{1,9}[.)]|#{1,6}|>)(?:\s|$)")


def _inert(text: str) -> str:
    """Mentions made plain, and a mention opener whose closer hides in code made inert."""
    return _DANGLING_OPENER.sub(lambda match: f"&#{ord(match.group())};", inert_mentions(text))


def _sure_code_spans(line: str) -> list[tuple[int, int]]:
    """The code spans of ``line`` that every reading agrees on.

    CommonMark reads a link's target before code spans, Zulip after: the
    backtick of ``[x](`)`` opens a code span for one and not the other. Here
    a backtick in a link's target opens nothing, so a mention after it is
    made inert whichever reading a client takes.
    """
    return code_spans(_LINK_TARGET.sub(lambda match: match.group().replace("`", "'"), line))


def _inert_line(line: str) -> str:
    # Between pipes too: a table's cells are read one by one, whatever the
    # backticks around a pipe would make of them elsewhere.
    return "|".join(outside_code_spans(cell, _inert, _sure_code_spans) for cell in line.split("|"))


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the parts of ``text`` that are not code blocks or code spans.

    Fences are read as Zulip reads them: quotes and spoilers hold Markdown
    and nest; a code block ends only at its own fence.
    """
    parts: list[str] = []
    prose: list[str] = []
    stack: list[tuple[str, bool]] = []  # open fences: (marker, holds Markdown)

    def flush() -> None:
        if prose:
            changed = outside_code_spans("\n".join(prose), change)
            # Where a paragraph really ends is Zulip's to decide (a heading, a
            # table row...); line by line, no code span can hide a mention.
            parts.append("\n".join(_inert_line(line) for line in changed.split("\n")))
            prose.clear()

    for line in text.split("\n"):
        in_code = bool(stack) and not stack[-1][1]
        if stack and line.strip() == stack[-1][0]:
            stack.pop()
            flush()
            parts.append(line)
            continue
        if in_code:
            parts.append(line)
            continue
        opening = OPENING.match(line)
        if opening:
            holds_markdown = (opening.group(2) or "").lower() in CONTAINERS
            stack.append((opening.group(1), holds_markdown))
            flush()
            if holds_markdown and opening.group(2):
                # A spoiler's title is shown as text: it can ping as well.
                keyword_end = opening.end(2)
                line = line[:keyword_end] + change(line[keyword_end:])
            parts.append(line)
            continue
        if _COMMENT_LINE.fullmatch(line):
            continue
        if not line.strip() or _BLOCK_START.match(line):
            # A code span ends with its paragraph: a backtick here cannot
            # close one opened before.
            flush()
        prose.append(line)
    flush()
    return "\n".join(parts)


def _convert(text: str) -> str:
    """The inline pieces Zulip does not read, as Markdown it does; mentions made inert."""
    text = _COMMENT.sub("", text)
    text = _TASK.sub(lambda match: match.group(1) + ("☐" if match.group(2) == " " else "☑"), text)
    text = _LINKED_IMAGE.sub(lambda match: f"[{' '.join(match.group(1).split()) or 'image'}]", text)
    text = _IMAGE.sub(lambda match: _link(match.group(1), match.group(2)), text)
    text = _LINK.sub(lambda m: m.group() if safe_url(m.group(2)) else m.group(1), text)
    text = _anchors(text)
    text = _TAG.sub(_tag, text)
    # A mention opener left whose closer sits in a code span (@**x`**`):
    # Zulip's reading may differ from ours, so it opens nothing.
    return _inert(text)


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at the end of a paragraph or line where there is one."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for boundary in ("\n\n", "\n", " "):
        cut = head.rfind(boundary)
        if cut > limit // 2:
            head = head[:cut]
            break
    return close_fences(head.rstrip()) + "\n\n…"


def body_markdown(text: str, *, limit: int = BODY_CHARACTERS) -> Markdown:
    """The author's Markdown, converted for Zulip, mentions inert, every block closed."""
    text = _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text)).replace("\t", "    ")
    # A <details> block may hold code blocks: it becomes a spoiler around them.
    spoiler_fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    text = _outside_code(_details(text, spoiler_fence), _convert)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    if not text.strip():
        return Markdown("")
    return Markdown(close_fences(_cut(text, limit)))


_EMAIL_ADDRESS = re.compile(
    r"(?:mailto:)?[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE
)


def without_email_addresses(text: str) -> str:
    """``text`` with each e-mail address (and its ``mailto:``) said to be hidden, for the
    integrations' ``hide_personal_data``."""
    return _EMAIL_ADDRESS.sub("(e-mail address hidden)", text)


def quoted_body(text: str | None, *, limit: int = BODY_CHARACTERS) -> Markdown:
    """The body in a quote it cannot leave; nothing for an empty body."""
    body = body_markdown(text or "", limit=limit)
    if not body:
        return Markdown("")
    return in_quote(body)


def in_quote(body: str) -> Markdown:
    """Body Markdown, its fences closed, in a quote it cannot leave: the quote's fence is
    longer than any line of it could close."""
    fence = fence_longer_than(body)
    return Markdown(f"{fence} quote\n{body}\n{fence}")
