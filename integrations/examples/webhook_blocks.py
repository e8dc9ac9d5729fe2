"""The ``webhook-example`` block: a request to a webhook and what it must produce.

::

    :::{webhook-example} Title shown to the reader
    :name: stable-id              (default: a slug of the title)
    :integration: helloworld      (default: the page's front matter)
    :event: push                  (sets the event header, or checks the body's)
    :header: Name: value          (repeatable)
    :query: topic=Deploys         (repeatable; URL parameters)
    :content-type: application/x-www-form-urlencoded
    :secret: s3cret               (sign the request; the integration checks it)
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
from pathlib import Path
from urllib.parse import parse_qsl

from integrations.core.events import HeaderEvent
from integrations.core.integration import WebhookIntegration
from integrations.examples.blocks import BlockParts, BlockReader, Fence, Option
from integrations.examples.model import (
    Body,
    Example,
    Expectation,
    ExpectError,
    ExpectMessage,
    ExpectNothing,
    ExpectUnsupported,
    FixtureBody,
    InlineBody,
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
EXPECTATIONS = ("message", "nothing", "unsupported", "error")
BODY_LANGUAGES = ("json", "text")
RESULT_LANGUAGES = ("zulip", "error")
JSON_TYPES = ("application/json",)
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def slug(title: str) -> str:
    """The id an example gets from its title: ``Push to main`` -> ``push-to-main``."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class WebhookBlock(BlockReader):
    """Turns the text of one webhook-example block into an Example, collecting errors."""

    directive = DIRECTIVE
    options = OPTIONS
    repeatable = frozenset({"header", "query"})

    def example_id(self, parts: BlockParts) -> str:
        name = parts.option("name")
        example_id = name.value if name else slug(parts.title)
        if name and not _ID.fullmatch(example_id):
            self.error(name.line, f"the :name: {example_id!r} may hold letters, digits, - _ .")
        if not example_id:
            self.error(self.line, "the example needs a :name: (its title has no letters)")
        return example_id

    def parse(self) -> Example | None:
        parts = self.read()
        if parts is None:
            return None
        example = self._example(parts)
        return None if self.errors else example

    def _example(self, parts: BlockParts) -> Example | None:
        example_id = self.example_id(parts)
        blocks = self.single_fences(parts, BODY_LANGUAGES + RESULT_LANGUAGES)
        if "json" in blocks and "text" in blocks:
            self.error(blocks["text"].line, "an example sends one body: a json or a text block")
        integration = self.integration(
            parts.option("integration"), WebhookIntegration, "webhook examples run webhooks"
        )
        expect = parts.option("expect")
        kind: str | None = expect.value if expect else "message"
        if expect and kind not in EXPECTATIONS:
            self.error(expect.line, f":expect: must be one of {', '.join(EXPECTATIONS)}")
            kind = None

        headers = self._headers(parts.options.get("header", []))
        query = self._query(parts.options.get("query", []))
        content_type_option = parts.option("content-type")
        content_type = content_type_option.value if content_type_option else JSON_TYPES[0]
        payload = blocks.get("json") or blocks.get("text")
        body = self._request_body(parts.option("fixture"), payload, integration, content_type)
        event = parts.option("event")
        if integration is not None and kind is not None:
            self._check_event(integration, event, kind, headers)
        expected = self._expected(kind, parts.option("topic"), blocks, expect) if kind else None
        if body is None or expected is None or integration is None:
            return None
        secret = parts.option("secret")
        return Example(
            id=example_id,
            title=parts.title,
            path=self.path,
            line=self.line,
            end_line=self.end_line,
            integration=integration.name,
            event=event.value if event else None,
            headers=headers,
            query=query,
            content_type=content_type,
            body=body,
            expected=expected,
            secret=secret.value if secret else None,
            description=parts.description,
            description_line=parts.description_line,
            option_lines={key: values[0].line for key, values in parts.options.items() if values},
        )

    def _headers(self, given: list[Option]) -> tuple[tuple[str, str], ...]:
        headers: list[tuple[str, str]] = []
        for option in given:
            for offset, line in enumerate(option.value.splitlines()):
                name, colon, value = line.partition(":")
                if not colon or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name.strip()):
                    self.error(option.line + offset, f"a :header: is `Name: value`, got {line!r}")
                    continue
                headers.append((name.strip(), value.strip()))
        return tuple(headers)

    def _query(self, given: list[Option]) -> tuple[tuple[str, str], ...]:
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
        fixture: Option | None,
        inline: Fence | None,
        integration: WebhookIntegration | None,
        content_type: str,
    ) -> Body | None:
        if fixture and inline:
            self.error(inline.line, "an example has a :fixture: or a payload block, not both")
            return None
        if inline:
            if inline.language == "json" and content_type in JSON_TYPES:
                self._check_json(inline.text, inline.line + 1, "the json block")
            return InlineBody(text=inline.text, language=inline.language, line=inline.line)
        if fixture is None:
            self.error(self.line, "the example has no payload: add a ```json block or :fixture:")
            return None
        if integration is None or integration.fixtures is None:
            return None
        folder = integration.fixtures.resolve()
        path = (folder / fixture.value).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            self.error(fixture.line, f"no fixture {fixture.value!r} in {_relative(folder)}")
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
        event: Option | None,
        expectation: str,
        headers: tuple[tuple[str, str], ...],
    ) -> None:
        source = integration.event_source
        if source.fixed_event is None and event is None and expectation != "error":
            header = source.header
            sent = header is not None and any(name.lower() == header.lower() for name, _ in headers)
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
        if expectation != "unsupported" and not _declared(integration, event.value):
            known = ", ".join(integration.events) or "none"
            self.error(
                event.line,
                f"{integration.name} does not declare the event {event.value!r}"
                f" (declared: {known}); for an event it rejects, say :expect: unsupported",
            )

    def _expected(
        self, kind: str, topic: Option | None, blocks: dict[str, Fence], expect: Option | None
    ) -> Expectation | None:
        line = expect.line if expect else self.line
        message = blocks.get("zulip")
        error = blocks.get("error")
        if kind == "message":
            if message is None:
                self.error(self.line, "the expected message is missing: add a ```zulip block")
            if topic is None:
                self.error(self.line, "the expected topic is missing: add :topic:")
            if error is not None:
                self.error(error.line, "an ```error block needs :expect: error")
            if message is None or topic is None:
                return None
            return ExpectMessage(
                topic.value, topic.line, message.text, message.line, message.end_line
            )
        for name, block in (("zulip", message), ("error", error)):
            if block is not None and not (name == "error" and kind == "error"):
                self.error(block.line, f"an example with :expect: {kind} has no ```{name} block")
        if topic is not None:
            self.error(topic.line, f"an example with :expect: {kind} has no :topic:")
        if kind == "nothing":
            return ExpectNothing(line)
        if kind == "unsupported":
            return ExpectUnsupported(line)
        if error is None:
            self.error(line, "say which error in an ```error block")
            return None
        return ExpectError(error.text.strip(), error.line, error.end_line)


def _declared(integration: WebhookIntegration, event: str) -> bool:
    """Whether ``event`` is declared, or is a header value whose event the payload names."""
    source = integration.event_source
    carriers = source.from_payload if isinstance(source, HeaderEvent) else {}
    return integration.routes.knows(event) or event in carriers
