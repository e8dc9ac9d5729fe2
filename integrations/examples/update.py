"""Rewrite the expected outcome of examples in their pages (``pytest --update-examples``).

Only the lines that hold the expected topic, message or error change; every
other byte of the file stays as it was, line endings included. An update
carries the digest of the file as it was when its example was collected,
and a file that changed since then is left alone: the edit would land on
lines that may no longer be the example's.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from myst_parser.parsers.options import TokenizeError, options_to_tokens

from integrations.core.registry import Registry
from integrations.examples.model import (
    Example,
    ExpectError,
    ExpectMessage,
    ScriptExample,
    display_path,
)
from integrations.examples.parse import parse_text


@dataclass(frozen=True)
class Update:
    """New expected values for one example, and the file digest they were made against."""

    path: str
    example_id: str
    digest: str
    topic: str | None = None
    content: str | None = None
    error: str | None = None
    # For a script example: every message, as (place, content); the place is
    # what its ```zulip block names: "channel > topic" or "dm with Alice".
    posts: tuple[tuple[str, str], ...] | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Update:
        posts = data.get("posts")
        if posts is not None:
            data = {**data, "posts": tuple(tuple(post) for post in posts)}
        return cls(**data)


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_source(path: Path) -> str:
    """The file's text with its line endings exactly as stored."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def option_value(value: str) -> str:
    """``value`` written so that myst-parser's option reader gives it back unchanged."""
    try:
        tokens, state = options_to_tokens(f"topic: {value}")
        plain_ok = (
            not state.has_comments
            and len(tokens) == 1
            and tokens[0][1] is not None
            and tokens[0][1].value == value
        )
    except TokenizeError:
        plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


def _fence_for(content: str, old_fence: str) -> str:
    """The old fence, made longer when the new content holds a fence as long."""
    char = old_fence[0]
    runs = [len(run) for run in re.findall(rf"^ *({re.escape(char)}{{3,}})", content, re.M)]
    length = max([len(old_fence), *(run + 1 for run in runs)])
    return char * length


class UpdateRefused(Exception):
    pass


def apply_to_text(text: str, path: Path, updates: list[Update], registry: Registry) -> str:
    """The text of a page with ``updates`` applied."""
    doc = parse_text(text, path, registry)
    examples: dict[str, Example | ScriptExample] = {example.id: example for example in doc.examples}
    examples.update({example.id: example for example in doc.script_examples})
    lines = text.splitlines(keepends=True)
    # Edit from the bottom up so earlier line numbers stay valid.
    edits: list[tuple[int, int, list[str]]] = []
    for update in updates:
        example = examples.get(update.example_id)
        if example is None:
            raise UpdateRefused(f"the example {update.example_id!r} is no longer on the page")
        edits += _edits_for(example, update, lines)
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        lines[start:end] = replacement
    return "".join(lines)


def _newline_of(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :] or "\n"


def _edits_for(
    example: Example | ScriptExample, update: Update, lines: list[str]
) -> list[tuple[int, int, list[str]]]:
    if isinstance(example, ScriptExample):
        return _post_edits(example, update, lines)
    expected = example.expected
    edits: list[tuple[int, int, list[str]]] = []
    if isinstance(expected, ExpectMessage):
        if update.topic is not None and update.topic != expected.topic:
            index = expected.topic_line - 1
            line = lines[index]
            match = re.match(r"(\s*:?topic:?)[ \t]*", line)
            if match is None:
                raise UpdateRefused(f"line {expected.topic_line} does not hold the :topic: option")
            new_line = match.group(1) + " " + option_value(update.topic) + _newline_of(line)
            edits.append((index, index + 1, [new_line]))
        if update.content is not None and update.content != expected.content:
            edits.append(
                _block_edit(lines, expected.content_line, expected.content_end_line, update.content)
            )
    elif isinstance(expected, ExpectError) and update.error is not None:
        edits.append(_block_edit(lines, expected.line, expected.end_line, update.error))
    return edits


def _post_edits(
    example: ScriptExample, update: Update, lines: list[str]
) -> list[tuple[int, int, list[str]]]:
    """New ```zulip blocks for a script example, one for each message, in place."""
    if update.posts is None or len(update.posts) != len(example.posts):
        raise UpdateRefused(f"{example.id!r} would need a different number of ```zulip blocks")
    return [
        _block_edit(lines, post.line, post.end_line, content, info=place)
        for post, (place, content) in zip(example.posts, update.posts, strict=True)
        if (post.place, post.content) != (place, content)
    ]


def _block_edit(
    lines: list[str], first: int, last: int, content: str, *, info: str | None = None
) -> tuple[int, int, list[str]]:
    """Replace a fenced block's body (lines ``first``..``last``, 1-based, fences included)."""
    opening = lines[first - 1]
    match = re.match(r"(\s*)(`{3,}|~{3,})(.*)", opening.rstrip("\r\n"))
    if match is None or last <= first:
        raise UpdateRefused(f"line {first} does not open a fenced block")
    indent, fence, old_info = match.groups()
    if info is not None:
        # Keep the language, replace what follows it (a ```zulip block's "channel > topic").
        old_info = f"{old_info.split(' ', 1)[0]} {info}"
    newline = _newline_of(opening)
    new_fence = _fence_for(content, fence)
    body = [f"{indent}{line}{newline}" if line else newline for line in content.split("\n")]
    closing_line = lines[last - 1]
    closes = closing_line.strip().startswith(fence[0] * 3)
    replacement = [f"{indent}{new_fence}{old_info}{newline}", *body]
    if closes:
        replacement.append(f"{indent}{new_fence}{_newline_of(closing_line)}")
        return first - 1, last, replacement
    # An unclosed block runs to the end of its container; keep it that way.
    return first - 1, last, replacement


def apply_updates(updates: list[Update], registry: Registry) -> tuple[list[str], list[str]]:
    """Apply updates file by file. Returns (what changed, what was refused)."""
    changed: list[str] = []
    refused: list[str] = []
    by_file: dict[str, list[Update]] = {}
    for update in dict.fromkeys(updates):  # the same update twice is one edit
        by_file.setdefault(update.path, []).append(update)
    for name, file_updates in sorted(by_file.items()):
        path = Path(name)
        shown = display_path(path)
        text = read_source(path)
        if any(update.digest != digest_of(text) for update in file_updates):
            refused.append(f"{shown}: changed since the tests read it; not updated")
            continue
        try:
            new_text = apply_to_text(text, path, file_updates, registry)
        except UpdateRefused as error:
            refused.append(f"{shown}: {error}; not updated")
            continue
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(new_text)
        for update in file_updates:
            parts = [
                part
                for part, value in (
                    ("topic", update.topic),
                    ("message", update.content),
                    ("error", update.error),
                    ("messages", update.posts),
                )
                if value is not None
            ]
            changed.append(
                f"{shown}::{update.example_id}: updated the expected {' and '.join(parts)}"
            )
    return changed, refused
