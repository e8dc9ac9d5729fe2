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
from dataclasses import replace
from pathlib import Path

import yaml
from markdown_it.token import Token

from integrations.core.registry import Registry
from integrations.examples.blocks import MYST_EXTENSIONS, Option, markdown_parser
from integrations.examples.model import (
    BrokenBlock,
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
    "iter_markdown_files",
    "markdown_parser",
    "parse_file",
    "parse_text",
    "slug",
]

DIRECTIVES = (DIRECTIVE, SCRIPT_DIRECTIVE)


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
    broken_in_chain = 0  # the line of a broken script example the chain went through
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
            errors = list(block.errors)
        else:
            script = ScriptBlock(
                path, line, end_line, argument, token.content, registry, page_integration
            )
            found = script.parse(tuple(chain), chain_settings)
            errors = list(script.errors)
            if found is None:
                broken_in_chain = line
            else:
                chain = [*found.setup, found.action]
                chain_settings = found.settings
                if _starts_a_chain(found):
                    broken_in_chain = 0
                elif broken_in_chain:
                    found = replace(found, continues_broken=broken_in_chain)
        if found is not None and found.id in seen_ids:
            errors.append(
                ExampleSyntaxError(
                    Location(path, found.line_of("name")),
                    f"the example id {found.id!r} is already used at line {seen_ids[found.id]};"
                    " give one of them a different :name:",
                )
            )
            found = None
        doc.errors.extend(errors)
        if found is None:
            doc.broken.append(_broken(path, line, end_line, argument, token.content, errors))
            continue
        seen_ids[found.id] = found.line
        if isinstance(found, Example):
            doc.examples.append(found)
        else:
            doc.script_examples.append(found)
    _name_broken_blocks(doc)
    return doc


def _starts_a_chain(example: ScriptExample) -> bool:
    """Whether the example starts in a fresh repository rather than continuing."""
    return not example.setup and any(
        option in example.option_lines for option in ("fresh", "settings")
    )


_NAME_OPTION = re.compile(r"^\s*:?name:\s*(\S+)\s*$", re.MULTILINE)


def _broken(
    path: Path,
    line: int,
    end_line: int,
    title: str,
    content: str,
    errors: list[ExampleSyntaxError],
) -> BrokenBlock:
    """A block that could not be read, named as well as can be guessed."""
    named = _NAME_OPTION.search(content)
    guess = named.group(1) if named else slug(title)
    return BrokenBlock(guess, title, path, line, end_line, tuple(errors))


def _name_broken_blocks(doc: ParsedDoc) -> None:
    """Give every broken block an id no other example of the page has."""
    taken = {example.id for example in doc.examples}
    taken |= {example.id for example in doc.script_examples}
    for index, block in enumerate(doc.broken):
        if not block.id or block.id in taken:
            doc.broken[index] = replace(block, id=f"line-{block.line}")
        taken.add(doc.broken[index].id)


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
