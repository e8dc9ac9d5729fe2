"""The one parser of example blocks, shared by the Sphinx extension and pytest.

It reads MyST Markdown with myst-parser's own markdown-it set-up, so a block
is found exactly where Sphinx will find it, including inside other
directives. Each ``webhook-example`` block becomes an ``Example`` record that
knows the line of every part; a malformed block becomes an
``ExampleSyntaxError`` naming ``file:line``. Nothing is skipped quietly.

The syntax::

    :::{webhook-example} Title shown to the reader
    :name: stable-id              (default: a slug of the title)
    :integration: helloworld      (default: the page's front matter)
    :event: push                  (sets the event header, or checks the body's)
    :header: Name: value          (repeatable)
    :query: topic=Deploys         (repeatable; URL parameters)
    :content-type: application/x-www-form-urlencoded
    :fixture: hello.json          (instead of a json block)
    :topic: Expected topic
    :expect: message | nothing | unsupported | error

    Optional prose shown above the example.

    ```json
    {"the": "payload"}
    ```

    ```zulip
    The expected message.
    ```
    :::
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl

import yaml
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.states import MarkupError
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.options import TokenizeError, options_to_tokens

from integrations.core.events import BodyEvent, HeaderEvent
from integrations.core.integration import WebhookIntegration
from integrations.core.registry import Registry, UnknownIntegration
from integrations.examples.model import (
    Body,
    Example,
    ExampleSyntaxError,
    Expectation,
    ExpectError,
    ExpectMessage,
    ExpectNothing,
    ExpectUnsupported,
    FixtureBody,
    InlineBody,
    Location,
    ParsedDoc,
)

DIRECTIVE = "webhook-example"
OPTIONS = (
    "name",
    "integration",
    "event",
    "header",
    "query",
    "content-type",
    "secret",
    "fixture",
    "topic",
    "expect",
)
REPEATABLE = frozenset({"header", "query"})
EXPECTATIONS = ("message", "nothing", "unsupported", "error")
BODY_LANGUAGES = ("json", "text")
RESULT_LANGUAGES = ("zulip", "error")
JSON_TYPES = ("application/json",)
# The MyST extensions the site enables (docs/conf.py reads this), so that the
# parser finds blocks exactly where Sphinx does.
MYST_EXTENSIONS = frozenset({"colon_fence", "deflist", "fieldlist"})


class ExampleDirectiveSpec(Directive):
    """The directive's shape as docutils sees it; also used by the Sphinx extension."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = dict.fromkeys(OPTIONS, directives.unchanged)


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """myst-parser's markdown-it, configured the way the docs' conf.py is."""
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions=set(MYST_EXTENSIONS))
    parser = create_md_parser(config, RendererHTML)
    # Fences, front matter and prose are block-level: skip inline parsing,
    # which would only slow every page down.
    parser.core.ruler.enableOnly(["normalize", "block"])
    return parser


def parse_file(path: Path, registry: Registry) -> ParsedDoc:
    """Parse one documentation file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        doc = ParsedDoc(path)
        doc.errors.append(ExampleSyntaxError(Location(path, 1), f"cannot read the file: {error}"))
        return doc
    return parse_text(text, path, registry)


def parse_text(text: str, path: Path, registry: Registry) -> ParsedDoc:
    """Parse the text of a documentation file found at ``path``."""
    doc = ParsedDoc(path)
    if DIRECTIVE not in text:
        return doc  # most pages have no examples; skip the Markdown parse
    tokens = markdown_parser().parse(text)
    page_integration = _front_matter_integration(tokens, path, doc)
    seen_ids: dict[str, int] = {}
    for token, line in _directive_fences(tokens, 0):
        name, _, argument = _directive_name(token.info)
        if name != DIRECTIVE:
            continue
        end_line = line + (token.map[1] - token.map[0] - 1 if token.map else 0)
        doc.blocks.append((line, end_line))
        block = _BlockParser(path, line, end_line, argument, token.content, registry)
        example = block.parse(page_integration)
        doc.errors.extend(block.errors)
        if example is None:
            continue
        if example.id in seen_ids:
            doc.errors.append(
                ExampleSyntaxError(
                    Location(path, example.line_of("name")),
                    f"the example id {example.id!r} is already used at line {seen_ids[example.id]};"
                    " give one of them a different :name:",
                )
            )
            continue
        seen_ids[example.id] = example.line
        doc.examples.append(example)
    return doc


def _directive_name(info: str) -> tuple[str, str, str]:
    """Split a fence's info string into directive name and argument."""
    match = re.match(r"\{([\w:.-]+)\}\s*(.*)", info.strip())
    if not match:
        return "", "", info
    return match.group(1), "", match.group(2).strip()


def _directive_fences(tokens: list[Token], offset: int) -> Iterator[tuple[Token, int]]:
    """Every fence that holds a directive, with its 1-based line; nested ones too."""
    for token in tokens:
        if token.type not in ("colon_fence", "fence") or token.map is None:
            continue
        name, _, _ = _directive_name(token.info)
        if not name:
            continue
        line = offset + token.map[0] + 1
        yield token, line
        if name != DIRECTIVE:
            # Another directive's body is Markdown that may hold examples.
            inner = markdown_parser().parse(token.content)
            yield from _directive_fences(inner, line)


@dataclass
class _FrontMatter:
    integration: str | None
    line: int


def _front_matter_integration(tokens: list[Token], path: Path, doc: ParsedDoc) -> _FrontMatter:
    for token in tokens:
        if token.type != "front_matter":
            continue
        try:
            data = yaml.safe_load(token.content) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = 2 + (mark.line if mark is not None else 0)
            doc.errors.append(ExampleSyntaxError(Location(path, line), "invalid front matter YAML"))
            return _FrontMatter(None, 1)
        if not isinstance(data, dict):
            return _FrontMatter(None, 1)
        value = data.get("integration")
        line = 1
        for index, source_line in enumerate(token.content.splitlines()):
            if source_line.startswith("integration:"):
                line = index + 2  # after the opening ---
        return _FrontMatter(str(value) if value is not None else None, line)
    return _FrontMatter(None, 1)


def slug(title: str) -> str:
    """The id an example gets from its title: ``Push to main`` -> ``push-to-main``."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


_OPTION_KEY = re.compile(r"\s*:([A-Za-z0-9_-]+):(?:\s|$)")
_YAML_KEY = re.compile(r"([A-Za-z0-9_-]+):(?:\s|$)")


@dataclass
class _Option:
    value: str
    line: int


class _BlockParser:
    """Turns the text of one example block into an Example, collecting errors."""

    def __init__(
        self,
        path: Path,
        line: int,
        end_line: int,
        argument: str,
        content: str,
        registry: Registry,
    ) -> None:
        self.path = path
        self.line = line
        self.end_line = end_line
        self.argument = argument
        self.content = content
        self.registry = registry
        self.errors: list[ExampleSyntaxError] = []

    def error(self, line: int, message: str) -> None:
        self.errors.append(ExampleSyntaxError(Location(self.path, line), message))

    def parse(self, page: _FrontMatter) -> Example | None:
        try:
            parsed = parse_directive_text(
                ExampleDirectiveSpec, self.argument, self.content, line=self.line
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
            self.error(self.line, f"the {DIRECTIVE} needs a title after {{{DIRECTIVE}}}")
        body_start = self.line + parsed.body_offset + 1
        body = self._body("\n".join(parsed.body), body_start)
        example = self._example(title, options, body, page)
        return None if self.errors else example

    # Options ------------------------------------------------------------

    def _options(self, block_length: int, validated: dict[str, str]) -> dict[str, list[_Option]]:
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
        options: dict[str, list[_Option]] = {}
        for key, found in key_lines.items():
            if len(found) > 1 and key not in REPEATABLE:
                self.error(
                    found[1], f"the option :{key}: is given twice (first at line {found[0]})"
                )
            if key in validated:
                options[key] = [_Option(str(validated[key] or "").strip(), found[0])]
        if any(len(key_lines.get(key, ())) > 1 for key in REPEATABLE):
            options.update(self._repeated(body, first, yaml_style))
        return options

    def _repeated(self, body: list[str], first: int, yaml_style: bool) -> dict[str, list[_Option]]:
        """All values of the repeatable options, read with myst-parser's option tokenizer."""
        source = (
            "\n".join(line for line in body if not line.startswith("---"))
            if yaml_style
            else "\n".join(line.lstrip()[1:] for line in body)
        )
        try:
            tokens, _ = options_to_tokens(source)
        except TokenizeError as error:
            self.error(first + error.problem_mark.line, f"invalid option: {error.problem}")
            return {}
        repeated: dict[str, list[_Option]] = {}
        for key, value in tokens:
            if key.value in REPEATABLE:
                text = value.value if value is not None else ""
                repeated.setdefault(key.value, []).append(
                    _Option(text.strip(), first + key.start.line)
                )
        return repeated

    # Body -----------------------------------------------------------------

    def _body(self, text: str, first_line: int) -> _Body:
        body = _Body()
        for token in markdown_parser().parse(text):
            if token.map is None:
                continue
            line = first_line + token.map[0]
            if token.type == "fence" and not token.info.strip().startswith("{"):
                language = token.info.strip().split()[0] if token.info.strip() else ""
                end_line = first_line + token.map[1] - 1
                self._fence(body, language, token.content, line, end_line)
            elif token.type in ("fence", "colon_fence"):
                self.error(line, "an example cannot hold another directive")
            elif (token.level == 0 and token.type.endswith("_open")) or token.type in (
                "code_block",
                "html_block",
                "hr",
            ):
                if body.fences_seen:
                    self.error(line, "prose must come before the example's code blocks")
                elif body.description_line == 0:
                    body.description_line = line
        if body.description_line:
            body.description = _lines_between(
                text, body.description_line - first_line, body.first_fence_line - first_line
            )
        return body

    def _fence(self, body: _Body, language: str, content: str, line: int, end_line: int) -> None:
        body.fences_seen += 1
        if body.first_fence_line == 0:
            body.first_fence_line = line
        if language not in BODY_LANGUAGES + RESULT_LANGUAGES:
            allowed = ", ".join(BODY_LANGUAGES + RESULT_LANGUAGES)
            self.error(
                line, f"unexpected ```{language or '(no language)'} block; use one of {allowed}"
            )
            return
        text = content[:-1] if content.endswith("\n") else content
        slot = "payload" if language in BODY_LANGUAGES else language
        previous = body.blocks.get(slot)
        if previous is not None:
            self.error(line, f"a second ```{language} block (the first is at line {previous[2]})")
            return
        body.blocks[slot] = (language, text, line)
        body.end_lines[slot] = end_line

    # Assembly -----------------------------------------------------------

    def _example(
        self, title: str, options: dict[str, list[_Option]], body: _Body, page: _FrontMatter
    ) -> Example | None:
        def option(name: str) -> _Option | None:
            values = options.get(name)
            return values[0] if values else None

        name_option = option("name")
        example_id = name_option.value if name_option else slug(title)
        if name_option and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", example_id):
            self.error(
                name_option.line, f"the :name: {example_id!r} may hold letters, digits, - _ ."
            )
        if not example_id:
            self.error(self.line, "the example needs a :name: (its title has no letters)")

        integration = self._integration(option("integration"), page)
        expect = option("expect")
        expectation_kind: str | None = expect.value if expect else "message"
        if expect and expectation_kind not in EXPECTATIONS:
            self.error(expect.line, f":expect: must be one of {', '.join(EXPECTATIONS)}")
            expectation_kind = None

        headers = self._headers(options.get("header", []))
        query = self._query(options.get("query", []))
        content_type_option = option("content-type")
        content_type = content_type_option.value if content_type_option else "application/json"
        request_body = self._request_body(option("fixture"), body, integration, content_type)
        event = option("event")
        if integration is not None and expectation_kind is not None:
            self._check_event(integration, event, expectation_kind, headers)
        expected = (
            self._expected(expectation_kind, option("topic"), body, expect)
            if expectation_kind is not None
            else None
        )
        if request_body is None or expected is None or integration is None:
            return None
        option_lines = {key: values[0].line for key, values in options.items() if values}
        secret = option("secret")
        return Example(
            id=example_id,
            title=title,
            path=self.path,
            line=self.line,
            end_line=self.end_line,
            integration=integration.name,
            event=event.value if event else None,
            headers=headers,
            query=query,
            content_type=content_type,
            body=request_body,
            expected=expected,
            secret=secret.value if secret else None,
            description=body.description,
            description_line=body.description_line,
            option_lines=option_lines,
        )

    def _integration(self, given: _Option | None, page: _FrontMatter) -> WebhookIntegration | None:
        name = given.value if given else page.integration
        line = given.line if given else page.line
        if not name:
            self.error(
                self.line,
                "which integration does this example run? Add `integration: NAME`"
                " to the page's front matter or :integration: to the example",
            )
            return None
        try:
            integration = self.registry.get(name)
        except UnknownIntegration as error:
            self.error(line, str(error))
            return None
        if not isinstance(integration, WebhookIntegration):
            self.error(line, f"{name} is a {integration.kind} integration, not a webhook")
            return None
        return integration

    def _headers(self, given: list[_Option]) -> tuple[tuple[str, str], ...]:
        headers: list[tuple[str, str]] = []
        for option in given:
            for offset, line in enumerate(option.value.splitlines()):
                name, colon, value = line.partition(":")
                if not colon or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name.strip()):
                    self.error(option.line + offset, f"a :header: is `Name: value`, got {line!r}")
                    continue
                headers.append((name.strip(), value.strip()))
        return tuple(headers)

    def _query(self, given: list[_Option]) -> tuple[tuple[str, str], ...]:
        query: list[tuple[str, str]] = []
        for option in given:
            try:
                query += parse_qsl(option.value, keep_blank_values=True, strict_parsing=True)
            except ValueError:
                self.error(
                    option.line, f"a :query: is `name=value&name=value`, got {option.value!r}"
                )
        return tuple(query)

    def _request_body(
        self,
        fixture: _Option | None,
        body: _Body,
        integration: WebhookIntegration | None,
        content_type: str,
    ) -> Body | None:
        inline = body.blocks.get("payload")
        if fixture and inline:
            self.error(inline[2], "an example has a :fixture: or a payload block, not both")
            return None
        if inline:
            language, text, line = inline
            if language == "json" and content_type in JSON_TYPES:
                self._check_json(text, line + 1, "the json block")
            return InlineBody(text=text, language=language, line=line)
        if fixture is None:
            self.error(self.line, "the example has no payload: add a ```json block or :fixture:")
            return None
        if integration is None or integration.fixtures is None:
            return None
        folder = integration.fixtures.resolve()
        path = (folder / fixture.value).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            self.error(
                fixture.line,
                f"no fixture {fixture.value!r} in {_relative(folder)}",
            )
            return None
        text = path.read_bytes().decode("utf-8", errors="replace")
        if content_type in JSON_TYPES:
            self._check_json(text, fixture.line, f"the fixture {fixture.value}", in_file=True)
        return FixtureBody(name=fixture.value, path=path, text=text, line=fixture.line)

    def _check_json(self, text: str, first_line: int, what: str, *, in_file: bool = False) -> None:
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            if in_file:
                self.error(
                    first_line, f"{what} is not valid JSON: {error.msg} at its line {error.lineno}"
                )
            else:
                self.error(first_line + error.lineno - 1, f"{what} is not valid JSON: {error.msg}")

    def _check_event(
        self,
        integration: WebhookIntegration,
        event: _Option | None,
        expectation: str,
        headers: tuple[tuple[str, str], ...],
    ) -> None:
        source = integration.event_source
        if isinstance(source, HeaderEvent | BodyEvent) and event is None and expectation != "error":
            sent = isinstance(source, HeaderEvent) and any(
                name.lower() == source.header.lower() for name, _ in headers
            )
            if not sent:
                self.error(
                    self.line,
                    f"{integration.name} reads the event from {source.description}: add :event:",
                )
                return
        if event is None:
            return
        # An unsupported example may name a handled event: the handler can
        # still reject one of its actions (GitHub's pull_request.locked).
        handled = event.value in integration.handlers
        if expectation != "unsupported" and not handled:
            known = ", ".join(integration.events) or "none"
            self.error(
                event.line,
                f"{integration.name} has no handler for the event {event.value!r}"
                f" (handled: {known}); for an event it rejects, say :expect: unsupported",
            )

    def _expected(
        self, kind: str, topic: _Option | None, body: _Body, expect: _Option | None
    ) -> Expectation | None:
        line = expect.line if expect else self.line
        message = body.blocks.get("zulip")
        error = body.blocks.get("error")
        if kind == "message":
            if message is None:
                self.error(self.line, "the expected message is missing: add a ```zulip block")
            if topic is None:
                self.error(self.line, "the expected topic is missing: add :topic:")
            if error is not None:
                self.error(error[2], "an ```error block needs :expect: error")
            if message is None or topic is None:
                return None
            return ExpectMessage(
                topic.value, topic.line, message[1], message[2], body.end_lines["zulip"]
            )
        for slot, block in (("zulip", message), ("error", error)):
            if block is not None and not (slot == "error" and kind == "error"):
                self.error(block[2], f"an example with :expect: {kind} has no ```{slot} block")
        if topic is not None:
            self.error(topic.line, f"an example with :expect: {kind} has no :topic:")
        if kind == "nothing":
            return ExpectNothing(line)
        if kind == "unsupported":
            return ExpectUnsupported(line)
        if error is None:
            self.error(line, "say which error in an ```error block")
            return None
        return ExpectError(error[1].strip(), error[2], body.end_lines["error"])


@dataclass
class _Body:
    """What was found in an example's body."""

    blocks: dict[str, tuple[str, str, int]]
    end_lines: dict[str, int]
    description: str
    description_line: int
    first_fence_line: int
    fences_seen: int

    def __init__(self) -> None:
        self.blocks = {}
        self.end_lines = {}
        self.description = ""
        self.description_line = 0
        self.first_fence_line = 0
        self.fences_seen = 0


def _lines_between(text: str, first: int, end: int) -> str:
    lines = text.splitlines()
    stop = end if end > first else len(lines)
    return "\n".join(lines[first:stop]).strip()


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def iter_markdown_files(root: Path) -> Iterator[Path]:
    """The Markdown files below ``root`` that can hold examples (not build output)."""
    for path in sorted(root.rglob("*.md")):
        if not any(part.startswith((".", "_build")) for part in path.relative_to(root).parts):
            yield path
