"""Sphinx extension: renders each example block for the reader.

The directive does not read its own options: it asks the shared parser for
the ``Example`` at its line, so the page shows exactly what pytest checks.
A malformed block becomes a warning at its ``file:line``, which ``-W`` turns
into a failed build.

Add ``"integrations.examples.sphinxext"`` to ``extensions`` in ``conf.py``
(after ``"myst_parser"``, with the ``colon_fence`` extension enabled).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

import integrations
from integrations.core.registry import default_registry
from integrations.examples.model import (
    Example,
    ExampleSyntaxError,
    ExpectError,
    ExpectMessage,
    ExpectNothing,
    ExpectUnsupported,
    FixtureBody,
    ParsedDoc,
)
from integrations.examples.parse import DIRECTIVE, parse_file
from integrations.examples.run import request_for, webhook_of
from integrations.zulip_markdown import render as render_markdown

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
CSS_FILE = "zulip-examples.css"


# Nodes --------------------------------------------------------------------


class details(nodes.General, nodes.Element):
    """A collapsible section (``<details>`` in HTML; its content elsewhere)."""


class summary(nodes.General, nodes.TextElement):
    """The always-visible line of a ``details`` node."""


def _visit_details(self: HTML5Translator, node: details) -> None:
    opened = " open" if node.get("opened") else ""
    self.body.append(f'<details class="{" ".join(node["classes"])}"{opened}>')


def _depart_details(self: HTML5Translator, node: details) -> None:
    self.body.append("</details>")


def _visit_summary(self: HTML5Translator, node: summary) -> None:
    self.body.append("<summary>")


def _depart_summary(self: HTML5Translator, node: summary) -> None:
    self.body.append("</summary>")


def _pass(self: Any, node: nodes.Node) -> None:
    """Builders other than HTML show a node's content without a wrapper."""


# Parsing, once per file and build process ----------------------------------

_parsed: dict[str, tuple[int, int, ParsedDoc]] = {}


def parsed_doc(path: Path) -> ParsedDoc:
    stat = path.stat()
    cached = _parsed.get(str(path))
    if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2]
    doc = parse_file(path, default_registry())
    _parsed[str(path)] = (stat.st_mtime_ns, stat.st_size, doc)
    return doc


def _unchanged(value: str) -> str:
    return value or ""


class _AnyOption(dict[str, Callable[[str], Any]]):
    """Lets every option through to the shared parser, which checks them once."""

    def __missing__(self, key: str) -> Callable[[str], Any]:
        return _unchanged

    def __contains__(self, key: object) -> bool:
        return True


# The directive ---------------------------------------------------------------


class WebhookExampleDirective(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = _AnyOption()

    def run(self) -> list[nodes.Node]:
        source, line = self.get_source_info()
        doc = parsed_doc(Path(source))
        block = next(((first, last) for first, last in doc.blocks if first == line), None)
        if block is None:
            logger.warning(
                "the example parser found no block here; is it inside an include?",
                location=(self.env.docname, line),
                type="zulip-examples",
            )
            return []
        errors = doc.errors_between(*block)
        if doc.blocks[0] == block:
            errors += _errors_outside_blocks(doc)
        for error in errors:
            self._warn(error)
        example = doc.example_at(line)
        if example is None:
            return []
        if isinstance(example.body, FixtureBody):
            self.env.note_dependency(str(example.body.path))
        return [self._render(example)]

    def _warn(self, error: ExampleSyntaxError) -> None:
        logger.warning(
            error.message,
            location=(self.env.docname, error.location.line),
            type="zulip-examples",
            subtype="syntax",
        )

    def _render(self, example: Example) -> nodes.Element:
        anchor = f"example-{example.id}"
        box = nodes.container(classes=["zi-example"], ids=[anchor])
        box += _title(example, anchor)
        if example.description:
            description = nodes.container(classes=["zi-example-description"])
            lines = StringList(example.description.splitlines(), source=str(example.path))
            self.state.nested_parse(lines, example.description_line - 1, description)
            box += description
        box += _request(example)
        box += _outcome(example)
        return box


def _errors_outside_blocks(doc: ParsedDoc) -> list[ExampleSyntaxError]:
    return [
        error
        for error in doc.errors
        if not any(first <= error.location.line <= last for first, last in doc.blocks)
    ]


def _title(example: Example, anchor: str) -> nodes.Element:
    title = nodes.paragraph(classes=["zi-example-title"])
    title += nodes.strong(text=example.title)
    title += nodes.raw(
        "",
        f'<a class="headerlink" href="#{anchor}" title="Link to this example">¶</a>',
        format="html",
    )
    return title


def _request(example: Example) -> nodes.Element:
    integration = webhook_of(example, default_registry())
    request = request_for(example, integration)
    query = {"api_key": "BOT_API_KEY", "stream": "STREAM", **request.query}
    url = f"/api/v1/external/{integration.name}?{urlencode(query, safe='*,')}"
    head = [f"POST {url} HTTP/1.1"] + [
        f"{name}: {value}" for name, value in request.headers.items()
    ]
    part = nodes.container(classes=["zi-request"])
    part += nodes.literal_block(
        "\n".join(head), "\n".join(head), language="http", classes=["zi-headers"]
    )

    payload = details(classes=["zi-payload"])
    label = "Payload"
    if isinstance(example.body, FixtureBody):
        label += f" · {example.body.name}"
    label += f" · {len(example.body_bytes):,} bytes"
    payload += summary("", label)
    text = example.body.text
    language = "json" if _is_json(text) else "text"
    payload += nodes.literal_block(text, text, language=language)
    part += payload
    return part


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _outcome(example: Example) -> nodes.Element:
    expected = example.expected
    part = nodes.container(classes=["zi-outcome"])
    if isinstance(expected, ExpectMessage):
        stream = dict(example.query).get("stream", "stream")
        integration = default_registry().get(example.integration)
        part += nodes.raw(
            "",
            message_card(stream, expected.topic, integration.display_name, expected.content),
            format="html",
        )
        source = details(classes=["zi-message-source"])
        source += summary("", "Message source (Zulip Markdown)")
        source += nodes.literal_block(expected.content, expected.content, language="text")
        part += source
        return part
    notes = {
        ExpectNothing: ("zi-nothing", "Nothing is posted for this request."),
        ExpectUnsupported: (
            "zi-unsupported",
            "The integration does not support this event:"
            " it answers with an error and posts nothing.",
        ),
        ExpectError: ("zi-error", "The integration rejects this request with the error:"),
    }
    css, text = notes[type(expected)]
    note = nodes.container(classes=["zi-note", css])
    note += nodes.paragraph(text=text)
    if isinstance(expected, ExpectError):
        note += nodes.literal_block(expected.text, expected.text, language="text")
    part += note
    return part


def message_card(stream: str, topic: str, sender: str, content: str) -> str:
    """A message as Zulip shows it: channel and topic, then the bot's message."""
    return (
        '<div class="zi-message">'
        '<div class="zi-message-header">'
        f'<span class="zi-channel">#{html.escape(stream)}</span>'
        '<span class="zi-topic-separator">&gt;</span>'
        f'<span class="zi-topic">{html.escape(topic)}</span>'
        "</div>"
        '<div class="zi-message-row">'
        f'<div class="zi-avatar" aria-hidden="true">{html.escape(sender[:1].upper())}</div>'
        '<div class="zi-message-main">'
        f'<div class="zi-sender">{html.escape(sender)} <span class="zi-bot-badge">bot</span></div>'
        f'<div class="zi-content rendered_markdown">{render_markdown(content)}</div>'
        "</div></div></div>"
    )


# Setup ----------------------------------------------------------------------


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive(DIRECTIVE, WebhookExampleDirective)
    plain = (_pass, _pass)
    app.add_node(
        details,
        html=(_visit_details, _depart_details),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(
        summary,
        html=(_visit_summary, _depart_summary),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.connect("builder-inited", _add_static_path)
    app.add_css_file(CSS_FILE)
    return {
        "version": integrations.__version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
