"""Reading one example directive: its title, options with their lines, prose and code blocks.

Every kind of example (webhook, script) is read the same way here, with
myst-parser's own directive and option parsing, so that a block means to
pytest exactly what it means to Sphinx. What the parts must be is up to the
kind: see ``webhook_blocks`` and ``script_blocks``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML

from integrations.core.integration import Integration
from integrations.core.registry import Registry, UnknownIntegration
from integrations.examples.model import ExampleSyntaxError, Location

# docutils and myst-parser (the docs extra) are imported where a page is read,
# so that importing this module, as the gateway's commands do, needs neither.
if TYPE_CHECKING:
    from docutils.parsers.rst import Directive

KindT = TypeVar("KindT", bound=Integration)

# The MyST extensions the site enables (docs/conf.py reads this), so that the
# parser finds blocks exactly where Sphinx does.
MYST_EXTENSIONS = frozenset({"colon_fence", "deflist", "fieldlist"})

_OPTION_KEY = re.compile(r"\s*:([A-Za-z0-9_-]+):(?:\s|$)")
_YAML_KEY = re.compile(r"([A-Za-z0-9_-]+):(?:\s|$)")


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """myst-parser's markdown-it, configured the way the docs' conf.py is."""
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions=set(MYST_EXTENSIONS))
    parser = create_md_parser(config, RendererHTML)
    # Fences, front matter and prose are block-level: skip inline parsing,
    # which would only slow every page down.
    parser.core.ruler.enableOnly(["normalize", "block"])
    return parser


def directive_spec(options: tuple[str, ...]) -> type[Directive]:
    """A docutils directive class with these options, for myst-parser to read against."""
    from docutils.parsers.rst import Directive, directives

    class Spec(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = dict.fromkeys(options, directives.unchanged)

    return Spec


@dataclass
class Option:
    value: str
    line: int


@dataclass(frozen=True)
class Fence:
    """A code block of the example's body."""

    language: str
    info: str  # what follows the language on the fence line
    text: str  # without the final line break
    line: int  # the opening fence
    end_line: int  # the closing fence


@dataclass
class BlockParts:
    title: str
    options: dict[str, list[Option]]
    fences: list[Fence] = field(default_factory=list)
    description: str = ""
    description_line: int = 0

    def option(self, name: str) -> Option | None:
        values = self.options.get(name)
        return values[0] if values else None


class BlockReader:
    """Reads one directive's text into its parts, collecting errors at file:line."""

    directive: ClassVar[str]
    options: ClassVar[tuple[str, ...]]
    repeatable: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        path: Path,
        line: int,
        end_line: int,
        argument: str,
        content: str,
        registry: Registry,
        page_integration: Option | None,
    ) -> None:
        self.path = path
        self.line = line
        self.end_line = end_line
        self.argument = argument
        self.content = content
        self.registry = registry
        self.page_integration = page_integration
        self.errors: list[ExampleSyntaxError] = []

    def error(self, line: int, message: str) -> None:
        self.errors.append(ExampleSyntaxError(Location(self.path, line), message))

    def read(self) -> BlockParts | None:
        from docutils.parsers.rst.states import MarkupError
        from myst_parser.parsers.directives import parse_directive_text

        try:
            parsed = parse_directive_text(
                directive_spec(self.options), self.argument, self.content, line=self.line
            )
        except MarkupError as error:
            self.error(self.line, str(error))
            return None
        for warning in parsed.warnings:
            message = warning.msg
            if "# comments" in message:
                message = (
                    "a # after a space starts a comment in an option, cutting the value short;"
                    ' put the value in double quotes: :topic: "repo / PR #1"'
                )
            self.error(warning.lineno or self.line, message)
        options = self._options(parsed.body_offset - int(parsed.blank_line_removed), parsed.options)
        title = " ".join(parsed.arguments).strip()
        if not title:
            self.error(self.line, f"the {self.directive} needs a title after {{{self.directive}}}")
        parts = BlockParts(title, options)
        self._body(parts, "\n".join(parsed.body), self.line + parsed.body_offset + 1)
        return parts

    # Options ------------------------------------------------------------

    def _options(self, block_length: int, validated: dict[str, str]) -> dict[str, list[Option]]:
        """Every option with the line it is on; repeated ones kept in order.

        myst-parser has already read the values (``validated``); here we only
        find each key's line, which a scan of the block gives. Only a
        repeated option needs the block tokenized again, since a dict keeps
        one value per key.
        """
        lines = self.content.splitlines()[: max(block_length, 0)]
        if not lines:
            return {}
        yaml_style = lines[0].startswith("---")
        first = self.line + (2 if yaml_style else 1)
        key_pattern = _YAML_KEY if yaml_style else _OPTION_KEY
        body = lines[1:] if yaml_style else lines
        key_lines: dict[str, list[int]] = {}
        for index, line in enumerate(body):
            match = key_pattern.match(line)
            if match:
                key_lines.setdefault(match.group(1), []).append(first + index)
        options: dict[str, list[Option]] = {}
        for key, found in key_lines.items():
            if len(found) > 1 and key not in self.repeatable:
                self.error(
                    found[1], f"the option :{key}: is given twice (first at line {found[0]})"
                )
            if key in validated:
                options[key] = [Option(str(validated[key] or "").strip(), found[0])]
        if any(len(key_lines.get(key, ())) > 1 for key in self.repeatable):
            options.update(self._repeated(body, first, yaml_style))
        return options

    def _repeated(self, body: list[str], first: int, yaml_style: bool) -> dict[str, list[Option]]:
        """All values of the repeatable options, read with myst-parser's option tokenizer."""
        source = (
            "\n".join(line for line in body if not line.startswith("---"))
            if yaml_style
            else "\n".join(line.lstrip()[1:] for line in body)
        )
        from myst_parser.parsers.options import TokenizeError, options_to_tokens

        try:
            tokens, _ = options_to_tokens(source)
        except TokenizeError as error:
            self.error(first + error.problem_mark.line, f"invalid option: {error.problem}")
            return {}
        repeated: dict[str, list[Option]] = {}
        for key, value in tokens:
            if key.value in self.repeatable:
                text = value.value if value is not None else ""
                repeated.setdefault(key.value, []).append(
                    Option(text.strip(), first + key.start.line)
                )
        return repeated

    # Body -----------------------------------------------------------------

    def _body(self, parts: BlockParts, text: str, first_line: int) -> None:
        first_fence_line = 0
        for token in markdown_parser().parse(text):
            if token.map is None:
                continue
            line = first_line + token.map[0]
            info = token.info.strip()
            if token.type == "fence" and not info.startswith("{"):
                language, _, rest = info.partition(" ")
                content = token.content[:-1] if token.content.endswith("\n") else token.content
                end_line = first_line + token.map[1] - 1
                parts.fences.append(Fence(language, rest.strip(), content, line, end_line))
                first_fence_line = first_fence_line or line
            elif token.type in ("fence", "colon_fence"):
                self.error(line, "an example cannot hold another directive")
            elif (token.level == 0 and token.type.endswith("_open")) or token.type in (
                "code_block",
                "html_block",
                "hr",
            ):
                if parts.fences:
                    self.error(line, "prose must come before the example's code blocks")
                elif parts.description_line == 0:
                    parts.description_line = line
        if parts.description_line:
            lines = text.splitlines()
            start = parts.description_line - first_line
            stop = first_fence_line - first_line if first_fence_line else len(lines)
            parts.description = "\n".join(lines[start:stop]).strip()

    def integration(self, given: Option | None, kind: type[KindT], wanted: str) -> KindT | None:
        """The integration the example runs (its option, else the page's), if of ``kind``."""
        source = given or self.page_integration
        if source is None or not source.value:
            self.error(
                self.line,
                "which integration does this example run? Add `integration: NAME`"
                " to the page's front matter or :integration: to the example",
            )
            return None
        try:
            found = self.registry.get(source.value)
        except UnknownIntegration as error:
            self.error(source.line, str(error))
            return None
        if not isinstance(found, kind):
            self.error(source.line, f"{source.value} is a {found.kind} integration; {wanted}")
            return None
        return found

    def single_fences(self, parts: BlockParts, allowed: tuple[str, ...]) -> dict[str, Fence]:
        """The body's blocks by language, each at most once, all of an allowed language."""
        found: dict[str, Fence] = {}
        for fence in parts.fences:
            if fence.language not in allowed:
                self.error(
                    fence.line,
                    f"unexpected ```{fence.language or '(no language)'} block;"
                    f" use one of {', '.join(allowed)}",
                )
            elif fence.language in found:
                first = found[fence.language].line
                self.error(
                    fence.line, f"a second ```{fence.language} block (the first is at line {first})"
                )
            else:
                found[fence.language] = fence
        return found
