"""Atlassian Document Format as Zulip Markdown, in which nothing from the text is markup by chance.

Jira Cloud sends some descriptions and comments as ADF instead of wiki
markup: a JSON tree of nodes (``doc``, ``paragraph``, ``text`` with
``marks``, ``bulletList``, ``codeBlock``, ``mention``...). As for wiki
markup, the Markdown is built here and every piece of text is escaped; a
mention becomes the display name as plain text. A node this does not know
contributes its text, so a new kind of node is read rather than refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from integrations.core import BadPayload, Markdown, Payload, code, code_block, escape, link
from integrations.core.times import global_time, parse_time

Mentions = Callable[[str], str]

MAX_DEPTH = 24  # deeper nodes are read as text
_BLOCKS_IN_ITEM = ("bulletList", "orderedList", "taskList")
# Inline nodes that may stand where a block does; a link card shown as a block among them.
_INLINE_AS_BLOCK = (
    "text",
    "mention",
    "emoji",
    "inlineCard",
    "blockCard",
    "embedCard",
    "status",
    "date",
    "hardBreak",
)


def _children(node: Payload) -> list[Payload]:
    """A node's ``content``; none when it has none or it is not a list of nodes."""
    try:
        return node["content"].array(default=[])
    except BadPayload:
        return []


def _text_field(node: Payload, *path: str) -> str:
    for key in path:
        node = node[key]
    try:
        return node.string(default="")
    except BadPayload:
        return ""


def _kind(node: Payload) -> str:
    return _text_field(node, "type")


def plain_text(node: Payload) -> str:
    """All the text under a node, however deep, for code blocks and nodes read as text."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        kind = _kind(current)
        if kind == "text":
            parts.append(_text_field(current, "text"))
        elif kind == "hardBreak":
            parts.append("\n")
        elif kind in ("mention", "emoji", "status"):
            parts.append(_text_field(current, "attrs", "text"))
        else:
            stack.extend(reversed(_children(current)))
    return "".join(parts)


class _Writer:
    def __init__(self, mentions: Mentions) -> None:
        self.mentions = mentions

    # Inline ---------------------------------------------------------------

    def inline(self, nodes: list[Payload], depth: int) -> list[str]:
        """Inline nodes as lines of Markdown (a hard break starts a new line)."""
        lines: list[list[str]] = [[]]
        for node in nodes:
            kind = _kind(node)
            if kind == "hardBreak":
                lines.append([])
                continue
            piece = self.inline_node(node, kind, at_start=not lines[-1], depth=depth)
            if piece:
                lines[-1].append(piece)
        return ["".join(parts).strip() for parts in lines]

    def inline_node(self, node: Payload, kind: str, *, at_start: bool, depth: int) -> str:
        if kind == "text":
            return self.text(node, at_start)
        if kind == "mention":
            return self.mention(node)
        if kind == "emoji":
            shown = _text_field(node, "attrs", "text") or _text_field(node, "attrs", "shortName")
            return escape(shown, at_line_start=at_start)
        if kind in ("inlineCard", "blockCard", "embedCard"):
            url = _text_field(node, "attrs", "url")
            return link("", url) if url else ""
        if kind == "status":
            return escape(f"[{_text_field(node, 'attrs', 'text')}]", at_line_start=at_start)
        if kind == "date":
            moment = parse_time(_text_field(node, "attrs", "timestamp"))
            return global_time(moment) if moment else ""
        if depth > MAX_DEPTH:
            return escape(plain_text(node), at_line_start=at_start)
        parts = self.inline(_children(node), depth + 1)
        return " ".join(part for part in parts if part)

    def mention(self, node: Payload) -> str:
        shown = _text_field(node, "attrs", "text").lstrip("@").strip()
        account = _text_field(node, "attrs", "id")
        name = self.mentions(account) if account else ""
        if not name or name == account:
            name = shown or name or "someone"
        return escape("@" + name, at_line_start=False)

    def text(self, node: Payload, at_start: bool) -> str:
        text = _text_field(node, "text")
        if not text:
            return ""
        marks = {_kind(mark): mark for mark in _marks(node)}
        if "code" in marks:
            return code(text)
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        core = text.strip()
        if not core:
            return text
        out: str = escape(core, at_line_start=at_start and not lead)
        for mark, wrapper in (("strong", "**"), ("em", "*"), ("strike", "~~")):
            if mark in marks:
                out = f"{wrapper}{out}{wrapper}"
        if "link" in marks:
            href = _text_field(marks["link"], "attrs", "href")
            linked = link(core, href)
            if linked != escape(core, at_line_start=False):
                out = linked
        return f"{' ' if lead else ''}{out}{' ' if trail else ''}"

    # Blocks ---------------------------------------------------------------

    def blocks(self, nodes: list[Payload], depth: int) -> list[str]:
        """Block nodes as Markdown blocks, each a string of lines."""
        out = []
        for node in nodes:
            block = self.block(node, depth)
            if block.strip():
                out.append(block)
        return out

    def block(self, node: Payload, depth: int) -> str:
        kind = _kind(node)
        if depth > MAX_DEPTH:
            return "\n".join(escape(line) for line in plain_text(node).split("\n"))
        children = _children(node)
        if kind == "paragraph":
            return "\n".join(line for line in self.inline(children, depth) if line)
        if kind == "heading":
            level = _level(node)
            text = " ".join(self.inline(children, depth))
            return f"{'#' * level} {text}" if text.strip() else ""
        if kind in ("bulletList", "orderedList", "taskList", "decisionList"):
            return self.listing(node, kind, depth)
        if kind == "codeBlock":
            language = _text_field(node, "attrs", "language")
            return code_block(plain_text(node), re.sub(r"[^\w+#.-]", "", language))
        if kind == "blockquote":
            inner = "\n\n".join(self.blocks(children, depth + 1))
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if kind == "rule":
            return "---"
        if kind in ("mediaSingle", "mediaGroup", "media", "mediaInline"):
            return self.media(node, depth)
        if kind == "table":
            return self.table(node, depth)
        if kind in ("expand", "nestedExpand"):
            title = _text_field(node, "attrs", "title")
            inner = "\n\n".join(self.blocks(children, depth + 1))
            return f"**{escape(title, at_line_start=False)}**\n{inner}" if title else inner
        if kind in _INLINE_AS_BLOCK:
            return "\n".join(self.inline([node], depth))
        # doc, panel, layouts, extensions and what comes: their content.
        inner_blocks = self.blocks(children, depth + 1)
        if inner_blocks:
            return "\n\n".join(inner_blocks)
        text = _text_field(node, "text")
        return escape(text) if text else ""

    def listing(self, node: Payload, kind: str, depth: int) -> str:
        lines = []
        start = _start(node) if kind == "orderedList" else 1
        for number, item in enumerate(_children(node), start):
            marker = f"{number}." if kind == "orderedList" else "*"
            if kind == "taskList" or _kind(item) == "taskItem":
                done = _text_field(item, "attrs", "state").upper() == "DONE"
                marker = "* " + ("☑" if done else "☐")
            elif kind == "decisionList":
                marker = "* ◆"
            own: list[str] = []
            nested: list[str] = []
            for child in _children(item) if _kind(item) in ("listItem",) else [item]:
                if _kind(child) in _BLOCKS_IN_ITEM:
                    nested.append(self.block(child, depth + 1))
                elif _kind(child) in ("taskItem", "decisionItem"):
                    own.extend(self.inline(_children(child), depth + 1))
                else:
                    own.append(self.block(child, depth + 1).replace("\n", " "))
            lines.append(f"{marker} {' '.join(part for part in own if part)}".rstrip())
            for block in nested:
                lines.extend("    " + line if line else "" for line in block.split("\n"))
        return "\n".join(lines)

    def media(self, node: Payload, depth: int) -> str:
        names: list[str] = []
        for media in [node, *_children(node)]:
            if _kind(media) in ("media", "mediaInline"):
                name = _text_field(media, "attrs", "alt") or "attachment"
                names.append(escape(f"[{name}]", at_line_start=not names))
        return " ".join(names)

    def table(self, node: Payload, depth: int) -> str:
        rows: list[list[str]] = []
        for row in _children(node):
            cells = []
            for cell in _children(row):
                text = " ".join(self.blocks(_children(cell), depth + 1)).replace("\n", " ")
                cells.append(text.replace("|", "&#124;") or " ")
            if cells:
                rows.append(cells)
        if not rows:
            return ""
        width = max(len(cells) for cells in rows)
        lines = []
        for number, cells in enumerate(rows):
            cells = cells + [" "] * (width - len(cells))
            lines.append("| " + " | ".join(cells) + " |")
            if number == 0:
                lines.append("|" + " --- |" * width)
        return "\n".join(lines)


def _marks(node: Payload) -> list[Payload]:
    try:
        return node["marks"].array(default=[])
    except BadPayload:
        return []


def _start(node: Payload) -> int:
    """Where an ordered list starts counting (``attrs.order``); 1 when it does not say."""
    try:
        order = node["attrs"]["order"].integer(default=1)
    except BadPayload:
        return 1
    return order if 0 <= order <= 999_999_999 else 1


def _level(node: Payload) -> int:
    try:
        level = node["attrs"]["level"].integer(default=1)
    except BadPayload:
        level = 1
    return min(max(level, 1), 6)


def is_document(node: Payload) -> bool:
    """Whether a body is an ADF document (an object) rather than wiki markup (text)."""
    try:
        return node.object(default=None) is not None
    except BadPayload:
        return False


def adf_markdown(document: Payload, mentions: Mentions) -> str:
    """An ADF document as Zulip Markdown: every block closed, nothing read as markup by chance."""
    writer = _Writer(mentions)
    return Markdown("\n\n".join(writer.blocks([document], 0)))
