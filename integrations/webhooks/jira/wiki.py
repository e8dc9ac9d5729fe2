"""Jira's wiki markup, as Zulip Markdown in which nothing from the text is markup by accident.

Jira Server and Data Center, and Jira Cloud's webhooks, send descriptions and
comments in Jira's wiki markup: ``h1.`` headings, ``*bold*``, ``_italic_``,
``{{monospace}}``, ``{code}`` and ``{noformat}`` blocks, ``{quote}``,
``[text|url]`` links, ``*``/``#`` lists, ``||tables||``, and mentions,
``[~accountid:…]`` (Cloud) or ``[~username]`` (Server).

The conversion builds the Markdown itself: each construct it reads becomes
the Markdown for it, and every piece of text in between goes through the
escaping of ``integrations.core.markup``, which leaves it as it reads but
turns what would be markup in Zulip (a ``# `` at the start of a line, a
stray backtick, ``@**all**``) into plain text. Jira shows such characters
literally, so that is also what its author meant. A mention becomes the
person's display name as plain text, ``@Ann Lee``, which notifies nobody.

The result is not yet quoted: ``integrations.webhooks.jira.text`` puts it
in a quote it cannot leave.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from integrations.core import Markdown, code, code_block, escape, link, md

# How a mention is written: the person's display name, or who it is when unknown.
Mentions = Callable[[str], str]

MAX_DEPTH = 12  # nested emphasis beyond this is kept as text
# The most characters bold, italic or monospace text spans: Jira's own spans are
# short, and a bound keeps hostile text from costing time quadratic in its length.
SPAN = 400
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_HEADING = re.compile(r"h([1-6])\.\s*(.*)\Z")
_LIST_ITEM = re.compile(r"([*#]+|-)\s+(.*)\Z")
_RULE = re.compile(r"-{4,}\s*\Z")
_BLOCK_OPEN = re.compile(r"\{(code|noformat)((?::[^}]*)?)\}")
_QUOTE_TAG = re.compile(r"\{quote\}")
_PANEL = re.compile(r"\{panel(?::([^}]*))?\}")
_INLINE = re.compile(
    "|".join(
        (
            r"\\(?P<escaped>[^\w\s])",
            r"\{\{(?P<mono>.{1,SPAN}?)\}\}",
            r"\{(?P<tag>code|noformat)(?::[^}]*)?\}(?P<code>.*?)\{(?P=tag)\}",
            r"\[~(?:accountid:)?(?P<mention>[^\]\s|]+)\]",
            r"\[(?P<label>[^\[\]|]*)\|(?P<target>[^\[\]|]+)(?:\|[^\[\]]*)?\]",
            r"\[(?P<bare>[^\[\]|\s][^\[\]|]*)\]",
            r"!(?P<image_url>https?://[^!\s|]+)(?:\|[^!]*)?!",
            r"!(?P<image>[^!\s|][^!|]*?\.(?:png|jpe?g|gif|svg|bmp|webp|tiff?))(?:\|[^!]*)?!",
            r"\{(?:color(?::[^}]*)?|anchor(?::[^}]*)?|panel(?::[^}]*)?|section(?::[^}]*)?"
            r"|column(?::[^}]*)?)\}",
            r"(?<![\w*])\*(?P<strong>[^\s*](?:.{0,SPAN}?[^\s\\])?)\*(?![\w*])",
            r"(?<![\w_])_(?P<em>[^\s_](?:.{0,SPAN}?[^\s\\])?)_(?![\w_])",
            r"(?<![\w-])-(?P<deleted>[^\s-](?:.{0,SPAN}?[^\s\\-])?)-(?![\w-])",
            r"(?<![\w+])\+(?P<inserted>[^\s+](?:.{0,SPAN}?[^\s\\])?)\+(?![\w+])",
            r"(?<![\w^])\^(?P<sup>[^\s^](?:.{0,SPAN}?[^\s\\])?)\^(?![\w^])",
            r"(?<![\w~])~(?P<sub>[^\s~](?:.{0,SPAN}?[^\s\\])?)~(?![\w~])",
            r"\?\?(?P<cite>[^\s?](?:.{0,SPAN}?[^\s\\])?)\?\?",
            r"(?<![\w(])(?P<emoticon>\((?:/|x|!|\?|i|y|n|on|off|\*|\+|-)\))(?![\w)])",
        )
    ).replace("SPAN", str(SPAN))
)
# The group that names each construct of ``_INLINE``, in its order.
_KINDS = (
    "escaped",
    "mono",
    "code",
    "mention",
    "label",
    "bare",
    "image_url",
    "image",
    "strong",
    "em",
    "deleted",
    "inserted",
    "sup",
    "sub",
    "cite",
    "emoticon",
)
# Jira's icons, as the emoji that look like them.
EMOTICONS = {
    "(/)": "✅",
    "(x)": "❌",
    "(!)": "⚠️",
    "(?)": "❓",
    "(i)": "\u2139\ufe0f",
    "(y)": "👍",
    "(n)": "👎",
    "(on)": "💡",
    "(off)": "💡",
    "(*)": "⭐",
    "(+)": "\u2795",
    "(-)": "\u2796",
}
_WRAPPERS = {"strong": "**", "em": "*", "deleted": "~~", "cite": "*"}
_UNWRAPPED = ("inserted", "sup", "sub")  # Zulip has no underline, superscript or subscript


def _text(text: str, at_start: bool) -> Markdown:
    """Plain text of a line: as it reads, with nothing in it taken for markup."""
    return escape(text, at_line_start=at_start) if text else md("")


def inline(text: str, mentions: Mentions, *, at_start: bool = True, depth: int = 0) -> Markdown:
    """One line of wiki text as Markdown."""
    if depth > MAX_DEPTH:
        return _text(text, at_start)
    pieces: list[Markdown] = []
    plain = ""  # text, and characters Jira was told to show as they are (``\\*``)
    position = 0
    for match in _INLINE.finditer(text):
        plain += text[position : match.start()]
        position = match.end()
        if match.group("escaped") is not None:
            plain += match.group("escaped")
            continue
        if plain:
            pieces.append(_text(plain, at_start and not pieces))
            plain = ""
        pieces.append(_construct(match, mentions, at_start and not pieces, depth))
    plain += text[position:]
    if plain:
        pieces.append(_text(plain, at_start and not pieces))
    return Markdown("".join(pieces))


def _construct(match: re.Match[str], mentions: Mentions, at_start: bool, depth: int) -> Markdown:
    kind = next((name for name in _KINDS if match.group(name) is not None), None)
    value = match.group(kind) if kind else ""
    if kind in ("mono", "code"):
        return code(value)
    if kind == "mention":
        return _text("@" + mentions(value), False)
    if kind == "label":
        target = match.group("target").strip()
        label = value.strip() or target
        return _link(label, target)
    if kind == "bare":
        target = value.strip()
        if _is_address(target) or target.startswith(("#", "^")):
            return _link(target, target)
        return _text(f"[{value}]", at_start)  # [WIP]: not a link in Jira either
    if kind in ("image", "image_url"):
        name = value.rsplit("/", 1)[-1] or value
        return link(name, value) if kind == "image_url" else _text(name, at_start)
    if kind in _WRAPPERS:
        inner = inline(value, mentions, at_start=False, depth=depth + 1)
        if not inner.strip():
            return inner
        mark = _WRAPPERS[kind]
        return Markdown(f"{mark}{inner}{mark}")
    if kind == "emoticon":
        return md(EMOTICONS.get(value, ""))
    if kind in _UNWRAPPED:
        return inline(value, mentions, at_start=at_start, depth=depth + 1)
    return md("")  # a formatting macro's tag ({color:red}...{color}): its text stays


def _link(label: str, target: str) -> Markdown:
    """``[text|url]``: a link to a web address; an anchor, an attachment or an issue as text."""
    if target.startswith(("#", "^")):
        shown = label if label != target else target[1:]
        return _text(shown, False)
    if _is_address(target):
        if label == target and target.lower().startswith("mailto:"):
            return _text(target[len("mailto:") :], False)
        if label == target:
            return link("", target)  # the address itself, which Zulip links
        return link(label, target)
    return _text(label, False)


def _is_address(target: str) -> bool:
    return re.match(r"(?:https?|ftp)://|mailto:", target, re.IGNORECASE) is not None


# Blocks ---------------------------------------------------------------------


@dataclass
class _Blocks:
    """The Markdown lines written so far, with a blank line kept between blocks."""

    lines: list[str] = field(default_factory=list)
    list_open: bool = False

    def block(self, text: str) -> None:
        """A block of its own (a heading, a code block, a table), apart from its neighbours."""
        self.separate()
        self.lines.extend(text.split("\n"))
        self.lines.append("")
        self.list_open = False

    def separate(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def text(self, line: str) -> None:
        if self.list_open:
            self.separate()
            self.list_open = False
        self.lines.append(line)

    def item(self, line: str) -> None:
        if not self.list_open:
            self.separate()
        self.lines.append(line)
        self.list_open = True

    def blank(self) -> None:
        self.separate()
        self.list_open = False

    def markdown(self) -> str:
        return "\n".join(self.lines).strip("\n")


def _code(lines: Iterator[str], first: str, tag: str, params: str) -> tuple[str, str]:
    """The text of a ``{code}``/``{noformat}`` block, and what follows its closing tag."""
    closing = "{" + tag + "}"
    body: list[str] = []
    line = first
    while True:
        end = line.find(closing)
        if end >= 0:
            body.append(line[:end])
            rest = line[end + len(closing) :]
            break
        body.append(line)
        following = next(lines, None)
        if following is None:
            rest = ""
            break
        line = following
    text = "\n".join(body).strip("\n")
    return code_block(text, _language(params) if tag == "code" else ""), rest


def _language(params: str) -> str:
    """``{code:java}`` or ``{code:title=Foo.java|language=java}``."""
    for part in params.lstrip(":").split("|"):
        key, equals, value = part.partition("=")
        if not equals and key.strip():
            return key.strip()
        if key.strip().lower() == "language":
            return value.strip()
    return ""


def _cells(row: str) -> tuple[list[str], bool]:
    """A table row's cells, split on ``|`` outside links and monospace; whether it is a header."""
    header = row.startswith("||")
    text = row.strip()
    cells: list[str] = []
    current: list[str] = []
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])  # an escaped ``|`` is text
            index += 2
            continue
        if text.startswith("{{", index):
            close = text.find("}}", index + 2)
            if close >= 0:
                current.append(text[index : close + 2])
                index = close + 2
                continue
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        if char == "|" and not depth:
            cells.append("".join(current))
            current = []
            while index + 1 < len(text) and text[index + 1] == "|":
                index += 1
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return [cell.strip() for cell in cells], header


def _table(rows: list[str], mentions: Mentions) -> str:
    """Jira's ``||header||`` and ``|cell|`` rows as a Markdown table; the first row heads it."""
    parsed = [_cells(row)[0] for row in rows]
    width = max((len(cells) for cells in parsed), default=0) or 1

    def cell(text: str) -> str:
        return inline(text, mentions, at_start=False).replace("|", "&#124;") or " "

    lines = []
    for number, cells in enumerate(parsed):
        cells = cells + [""] * (width - len(cells))
        lines.append("| " + " | ".join(cell(text) for text in cells[:width]) + " |")
        if number == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _list_item(markers: str, content: str, mentions: Mentions) -> str:
    depth = min(len(markers), 8)
    bullet = "1." if markers[-1] == "#" else "*"
    return f"{'    ' * (depth - 1)}{bullet} {inline(content, mentions)}"


def wiki_markdown(text: str, mentions: Mentions, *, depth: int = 0) -> str:
    """Jira wiki markup as Zulip Markdown: every block closed, nothing read as markup by chance."""
    out = _Blocks()
    lines = iter(_LINE_BREAKS.split(text))
    pending: str | None = None
    while True:
        line = pending if pending is not None else next(lines, None)
        pending = None
        if line is None:
            break
        stripped = line.strip()
        if not stripped:
            out.blank()
            continue
        opening = _BLOCK_OPEN.match(stripped)
        if opening:
            block, rest = _code(
                lines, stripped[opening.end() :], opening.group(1), opening.group(2)
            )
            out.block(block)
            pending = rest if rest.strip() else None
            continue
        if _QUOTE_TAG.match(stripped) and depth < 2:
            inner, rest = _quoted(lines, stripped[len("{quote}") :])
            quoted = wiki_markdown(inner, mentions, depth=depth + 1)
            if quoted:
                out.block("\n".join(f"> {part}" if part else ">" for part in quoted.split("\n")))
            pending = rest if rest.strip() else None
            continue
        panel = _PANEL.match(stripped)
        if panel:
            title = re.search(r"(?:^|\|)title=([^|]*)", panel.group(1) or "")
            if title and title.group(1).strip():
                title_text = inline(title.group(1).strip(), mentions, at_start=False)
                out.text(f"**{title_text}**")
            pending = stripped[panel.end() :] or None
            continue
        if stripped.startswith("|"):
            rows = [stripped]
            for following in lines:
                if following.strip().startswith("|"):
                    rows.append(following.strip())
                    continue
                pending = following
                break
            out.block(_table(rows, mentions))
            continue
        heading = _HEADING.match(stripped)
        if heading:
            content = inline(heading.group(2), mentions, at_start=False)
            if content:
                out.block(f"{'#' * int(heading.group(1))} {content}")
            continue
        if stripped.startswith("bq. "):
            out.block(f"> {inline(stripped[4:], mentions, at_start=True)}")
            continue
        if _RULE.match(stripped):
            out.block("---")
            continue
        item = _LIST_ITEM.match(stripped)
        if item:
            out.item(_list_item(item.group(1), item.group(2), mentions))
            continue
        for part in stripped.split("\\\\"):
            out.text(inline(part.strip(), mentions))
    return out.markdown()


def _quoted(lines: Iterator[str], first: str) -> tuple[str, str]:
    """The text up to the closing ``{quote}``, and what follows it on its line."""
    body: list[str] = []
    line = first
    while True:
        end = line.find("{quote}")
        if end >= 0:
            body.append(line[:end])
            return "\n".join(body), line[end + len("{quote}") :]
        body.append(line)
        following = next(lines, None)
        if following is None:
            return "\n".join(body), ""
        line = following
