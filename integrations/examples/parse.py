"""The one parser of example blocks, shared by the Sphinx extension and pytest.

It reads a page with myst-parser's own markdown-it set-up, so a block is
found exactly where Sphinx will find it, including inside other directives,
and hands each example directive to the reader of its kind:

* ``webhook-example`` (``webhook_blocks``): a request to a webhook and the
  message, nothing, or error it must produce;
* ``script-example`` (``script_blocks``): what a user does with git, svn, hg
  or Trac, and the messages Zulip then receives.

Each becomes a record (``model``) that knows the line of every part; a
malformed block becomes an ``ExampleSyntaxError`` naming ``file:line``.
Nothing is skipped quietly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from markdown_it.token import Token

from integrations.core.registry import Registry
from integrations.examples.blocks import MYST_EXTENSIONS, Option, directive_spec, markdown_parser
from integrations.examples.model import (
    CodeBlock,
    Example,
    ExampleSyntaxError,
    Location,
    ParsedDoc,
    ScriptExample,
)
from integrations.examples.script_blocks import DIRECTIVE as SCRIPT_DIRECTIVE
from integrations.examples.script_blocks import ScriptBlock
from integrations.examples.webhook_blocks import DIRECTIVE, OPTIONS, WebhookBlock, slug

__all__ = [
    "DIRECTIVE",
    "DIRECTIVES",
    "MYST_EXTENSIONS",
    "OPTIONS",
    "SCRIPT_DIRECTIVE",
    "ExampleDirectiveSpec",
    "iter_markdown_files",
    "markdown_parser",
    "parse_file",
    "parse_text",
    "slug",
]

DIRECTIVES = (DIRECTIVE, SCRIPT_DIRECTIVE)
# The webhook directive's shape as docutils sees it.
ExampleDirectiveSpec = directive_spec(OPTIONS)


def parse_file(path: Path, registry: Registry) -> ParsedDoc:
    """Parse one documentation file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        doc = ParsedDoc(path)
        doc.errors.append(ExampleSyntaxError(Location(path, 1), f"cannot read the file: {error}"))
        return doc
    return parse_text(text, path, registry)


def has_examples(text: str) -> bool:
    """Cheap test before a parse: most pages have no examples."""
    return any(name in text for name in DIRECTIVES)


def parse_text(text: str, path: Path, registry: Registry) -> ParsedDoc:
    """Parse the text of a documentation file found at ``path``."""
    doc = ParsedDoc(path)
    if not has_examples(text):
        return doc
    tokens = markdown_parser().parse(text)
    page_integration = _front_matter_integration(tokens, path, doc)
    seen_ids: dict[str, int] = {}
    # Script examples continue in the repository of the one before them.
    chain: list[CodeBlock] = []
    chain_settings: tuple[tuple[str, str], ...] = ()
    for token, line in _directive_fences(tokens, 0):
        name, argument = _directive_name(token.info)
        if name not in DIRECTIVES:
            continue
        end_line = line + (token.map[1] - token.map[0] - 1 if token.map else 0)
        doc.blocks.append((line, end_line))
        found: Example | ScriptExample | None
        if name == DIRECTIVE:
            block = WebhookBlock(
                path, line, end_line, argument, token.content, registry, page_integration
            )
            found = block.parse()
            errors = block.errors
        else:
            script = ScriptBlock(
                path, line, end_line, argument, token.content, registry, page_integration
            )
            found = script.parse(tuple(chain), chain_settings)
            errors = script.errors
            if found is not None:
                chain = [*found.setup, found.action]
                chain_settings = found.settings
        doc.errors.extend(errors)
        if found is None:
            continue
        if found.id in seen_ids:
            doc.errors.append(
                ExampleSyntaxError(
                    Location(path, found.line_of("name")),
                    f"the example id {found.id!r} is already used at line {seen_ids[found.id]};"
                    " give one of them a different :name:",
                )
            )
            continue
        seen_ids[found.id] = found.line
        if isinstance(found, Example):
            doc.examples.append(found)
        else:
            doc.script_examples.append(found)
    return doc


def _directive_name(info: str) -> tuple[str, str]:
    """Split a fence's info string into directive name and argument."""
    match = re.match(r"\{([\w:.-]+)\}\s*(.*)", info.strip())
    if not match:
        return "", info
    return match.group(1), match.group(2).strip()


def _directive_fences(tokens: list[Token], offset: int) -> Iterator[tuple[Token, int]]:
    """Every fence that holds a directive, with its 1-based line; nested ones too."""
    for token in tokens:
        if token.type not in ("colon_fence", "fence") or token.map is None:
            continue
        name, _ = _directive_name(token.info)
        if not name:
            continue
        line = offset + token.map[0] + 1
        yield token, line
        if name not in DIRECTIVES:
            # Another directive's body is Markdown that may hold examples.
            inner = markdown_parser().parse(token.content)
            yield from _directive_fences(inner, line)


def _front_matter_integration(tokens: list[Token], path: Path, doc: ParsedDoc) -> Option | None:
    """The page's ``integration:`` from its front matter, with its line."""
    for token in tokens:
        if token.type != "front_matter":
            continue
        try:
            data = yaml.safe_load(token.content) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = 2 + (mark.line if mark is not None else 0)
            doc.errors.append(ExampleSyntaxError(Location(path, line), "invalid front matter YAML"))
            return None
        if not isinstance(data, dict) or data.get("integration") is None:
            return None
        line = 1
        for index, source_line in enumerate(token.content.splitlines()):
            if source_line.startswith("integration:"):
                line = index + 2  # after the opening ---
        return Option(str(data["integration"]), line)
    return None


def iter_markdown_files(root: Path) -> Iterator[Path]:
    """The Markdown files below ``root`` that can hold examples (not build output)."""
    for path in sorted(root.rglob("*.md")):
        if not any(part.startswith((".", "_build")) for part in path.relative_to(root).parts):
            yield path
