"""Sphinx extension: renders each example block for the reader.

The directive does not read its own options: it asks the shared parser for
the ``Example`` at its line, so the page shows exactly what pytest checks.
A malformed block becomes a warning at its ``file:line``, which ``-W`` turns
into a failed build, and a box saying what is wrong in its place; the other
examples of the page render as usual.

Payloads are written as files beside the pages when the HTML is written
(``payloads``), unless ``zulip_payloads = "inline"`` puts them in the page.
The build also runs the examples against the code (``build_check``).

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
from sphinx.config import Config
from sphinx.directives.code import container_wrapper
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

import integrations
from integrations.core.registry import default_registry
from integrations.examples import html, payloads
from integrations.examples.model import (
    BrokenBlock,
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
PAYLOAD_MODES = ("files", "inline")

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
            errors += doc.errors_outside_blocks()
        for error in errors:
            self._warn(error)
        return doc, line

    def broken(self, found: tuple[ParsedDoc, int] | None) -> list[nodes.Node]:
        """In place of a block that could not be read: what is wrong, for whoever previews."""
        block: BrokenBlock | None = found[0].broken_at(found[1]) if found else None
        if block is None:
            return []
        box = self.box(block.id, "zi-broken")
        box += _raw(html.broken_html(block))
        return [box]

    def box(self, example_id: str, *classes: str) -> nodes.container:
        """The example's container, ``#example-<id>``, which ``[text](#example-<id>)`` reaches."""
        box = nodes.container(classes=["zi-example", *classes], ids=[f"example-{example_id}"])
        # Known to the document, MyST resolves a link to it as a local anchor.
        self.state.document.set_id(box)
        return box

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


class example_html(nodes.General, nodes.Element):
    """An example's request, payload and outcome, written as HTML.

    One node for all of it, since every node costs each of Sphinx's
    transforms a visit. The payload and the message's source are written
    when the page is: as files beside it (``payloads``), or in it when
    ``zulip_payloads = "inline"``.
    """


class WebhookExampleDirective(ExampleDirective):
    def run(self) -> list[nodes.Node]:
        found = self.parsed()
        example = found[0].example_at(found[1]) if found else None
        if example is None:
            return self.broken(found)
        if isinstance(example.body, FixtureBody):
            self.env.note_dependency(str(example.body.path))
        return [self._render(example)]

    def _render(self, example: Example) -> nodes.Element:
        """The title and the prose as nodes, the rest as one ``example_html``.

        Builders without HTML get a plain-text version.
        """
        registry = default_registry()
        path, headers = html.webhook_path(example, registry)
        box = self.box(example.id)
        box += _raw(html.title_html(example))
        box += self.description(example)
        card, source = html.outcome_card(example, registry)
        box += example_html(
            request=html.request_html(path, headers),
            outcome=card,
            docname=self.env.docname,
            example_id=example.id,
            payload=example.body.text,
            language=html.payload_language(example),
            summary=html.payload_summary(example),
            message_source=source,
        )
        fallback = "\n\n".join(
            [example.title, html.request_text(path, headers), html.outcome_text(example)]
        )
        only_elsewhere = addnodes.only(expr="not html")
        only_elsewhere += nodes.literal_block(fallback, fallback)
        box += only_elsewhere
        return box


def visit_example_html(translator: SphinxTranslator, node: example_html) -> None:
    builder = translator.builder
    docname, example_id = node["docname"], node["example_id"]
    outdir = None if builder.config.zulip_payloads == "inline" else Path(builder.outdir)
    page = builder.get_target_uri(builder.current_docname)  # type: ignore[attr-defined]
    payload = payloads.payload_file(docname, example_id, node["payload"], node["language"])
    outcome = node["outcome"]
    if node["message_source"] is not None:
        source = payloads.source_file(docname, example_id, node["message_source"])
        outcome += html.message_source_html(payloads.shown(source, outdir, page))
    translator.body.append(  # type: ignore[attr-defined]
        f'<div class="zi-request">{node["request"]}'
        f"{html.payload_html(node['summary'], payloads.shown(payload, outdir, page))}</div>"
        f'<div class="zi-outcome">{outcome}</div>'
    )
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


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


def _check_config(app: Sphinx, config: Config) -> None:
    if config.zulip_payloads not in PAYLOAD_MODES:
        raise ConfigError(
            f"zulip_payloads is one of {', '.join(PAYLOAD_MODES)}; got {config.zulip_payloads!r}"
        )


def setup(app: Sphinx) -> dict[str, Any]:
    # "files": payloads load on demand from files beside the page; "inline":
    # in the page, for a site read without a web server.
    app.add_config_value("zulip_payloads", "files", "html", types=frozenset({str}))
    app.connect("config-inited", _check_config)
    app.add_node(
        example_html,
        html=(visit_example_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive(DIRECTIVE, WebhookExampleDirective)
    app.add_directive("example-source", ExampleSourceDirective)
    app.setup_extension("integrations.examples.script_sphinx")
    app.setup_extension("integrations.examples.build_check")
    app.connect("builder-inited", _add_static_path)
    app.add_css_file(CSS_FILE)
    app.add_css_file(CODE_CSS_FILE)
    app.add_js_file(JS_FILE, loading_method="defer")
    return {
        "version": integrations.__version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
