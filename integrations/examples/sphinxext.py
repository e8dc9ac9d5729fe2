"""Sphinx extension: renders each example block for the reader.

The directive does not read its own options: it asks the shared parser for
the ``Example`` at its line, so the page shows exactly what pytest checks.
A malformed block becomes a warning at its ``file:line``, which ``-W`` turns
into a failed build.

Add ``"integrations.examples.sphinxext"`` to ``extensions`` in ``conf.py``
(after ``"myst_parser"``, with the ``colon_fence`` extension enabled).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import container_wrapper
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import integrations
from integrations.core.registry import default_registry
from integrations.examples import html
from integrations.examples.model import (
    Example,
    ExampleSyntaxError,
    FixtureBody,
    ParsedDoc,
    ScriptExample,
)
from integrations.examples.parse import DIRECTIVE, parse_file

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
CSS_FILE = "zulip-examples.css"
CODE_CSS_FILE = "zulip-examples-code.css"
# Spoilers that open, the reader's local times, the "Copy as curl" button.
JS_FILE = "zulip-examples.js"

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


def _raw(markup: str) -> nodes.raw:
    return nodes.raw("", markup, format="html")


# The directive ---------------------------------------------------------------


class ExampleDirective(SphinxDirective):
    """What every example directive does: find its record, report its errors."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = _AnyOption()

    def parsed(self) -> tuple[ParsedDoc, int] | None:
        """The page as the shared parser read it, and this block's line, errors reported."""
        source, line = self.get_source_info()
        doc = parsed_doc(Path(source))
        block = next(((first, last) for first, last in doc.blocks if first == line), None)
        if block is None:
            logger.warning(
                "the example parser found no block here; is it inside an include?",
                location=(self.env.docname, line),
                type="zulip-examples",
            )
            return None
        errors = doc.errors_between(*block)
        if doc.blocks[0] == block:
            errors += _errors_outside_blocks(doc)
        for error in errors:
            self._warn(error)
        return doc, line

    def _warn(self, error: ExampleSyntaxError) -> None:
        logger.warning(
            error.message,
            location=(self.env.docname, error.location.line),
            type="zulip-examples",
            subtype="syntax",
        )

    def description(self, example: Example | ScriptExample) -> list[nodes.Node]:
        """The prose above the example, parsed as the page's Markdown."""
        if not example.description:
            return []
        box = nodes.container(classes=["zi-example-description"])
        lines = StringList(example.description.splitlines(), source=str(example.path))
        self.state.nested_parse(lines, example.description_line - 1, box)
        return [box]


class WebhookExampleDirective(ExampleDirective):
    def run(self) -> list[nodes.Node]:
        found = self.parsed()
        example = found[0].example_at(found[1]) if found else None
        if example is None:
            return []
        if isinstance(example.body, FixtureBody):
            self.env.note_dependency(str(example.body.path))
        return [self._render(example)]

    def _render(self, example: Example) -> nodes.Element:
        """Few nodes on purpose: every node costs each of Sphinx's transforms a visit.

        The HTML, payload highlighting included, is written in ``html`` as one
        raw node after the title; builders without HTML get a plain-text
        version.
        """
        registry = default_registry()
        path, headers = html.webhook_path(example, registry)
        box = nodes.container(classes=["zi-example"], ids=[f"example-{example.id}"])
        box += _raw(html.title_html(example))
        box += self.description(example)
        box += _raw(
            '<div class="zi-request">'
            + html.request_block(path, headers)
            + html.payload_html(example)
            + "</div>"
            + html.outcome_html(example, registry)
        )
        fallback = "\n\n".join(
            [example.title, html.request_text(path, headers), html.outcome_text(example)]
        )
        only_elsewhere = addnodes.only(expr="not html")
        only_elsewhere += nodes.literal_block(fallback, fallback)
        box += only_elsewhere
        return box


class ExampleSourceDirective(SphinxDirective):
    """Shows the Markdown source of a tested example: ``{example-source} path.md::id``.

    The guide uses it to show the example syntax without a copy that could
    drift: the lines shown are the ones pytest runs.
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        target, _, example_id = self.arguments[0].partition("::")
        _, path = self.env.relfn2path(target, self.env.docname)
        source = Path(path)
        if not source.is_file() or not example_id:
            logger.warning(
                f"example-source wants `page.md::example-id`; got {self.arguments[0]!r}",
                location=self.get_location(),
                type="zulip-examples",
            )
            return []
        self.env.note_dependency(str(source))
        doc = parsed_doc(source)
        found: list[Example | ScriptExample] = [*doc.examples, *doc.script_examples]
        example = next((e for e in found if e.id == example_id), None)
        if example is None:
            logger.warning(
                f"no example {example_id!r} in {target}",
                location=self.get_location(),
                type="zulip-examples",
            )
            return []
        lines = source.read_text(encoding="utf-8").splitlines()[example.line - 1 : example.end_line]
        text = "\n".join(lines)
        block = nodes.literal_block(text, text, language="markdown")
        self.set_source_info(block)
        return [container_wrapper(self, block, f"{target} (a tested example)")]


def _errors_outside_blocks(doc: ParsedDoc) -> list[ExampleSyntaxError]:
    return [
        error
        for error in doc.errors
        if not any(first <= error.location.line <= last for first, last in doc.blocks)
    ]


# Setup ----------------------------------------------------------------------


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))
    # The previews' code colours follow the site's Pygments styles.
    generated = Path(app.doctreedir) / "zulip-examples-static"
    generated.mkdir(parents=True, exist_ok=True)
    light = app.config.pygments_style or "default"
    dark = getattr(app.config, "pygments_dark_style", None) or "monokai"
    (generated / CODE_CSS_FILE).write_text(html.code_css(light, dark), encoding="utf-8")
    app.config.html_static_path.append(str(generated))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive(DIRECTIVE, WebhookExampleDirective)
    app.add_directive("example-source", ExampleSourceDirective)
    app.setup_extension("integrations.examples.script_sphinx")
    app.connect("builder-inited", _add_static_path)
    app.add_css_file(CSS_FILE)
    app.add_css_file(CODE_CSS_FILE)
    app.add_js_file(JS_FILE, loading_method="defer")
    return {
        "version": integrations.__version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
