"""The site's directives: the catalog, the supported events, the URL builder, a message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from integrations.core.integration import WebhookIntegration
from integrations.core.registry import default_registry
from integrations.examples.html import message_card
from integrations.examples.sphinxext import parsed_doc
from integrations.site.catalog import Card, cards, catalog_html
from integrations.site.events import event_rows, events_table
from integrations.site.pages import webhook_named
from integrations.site.url_builder import url_builder_html, url_builder_text

logger = logging.getLogger(__name__)
# The classes that mark what a page placed itself, so nothing is added twice.
EVENTS_CLASS = "zi-supported-events-block"
BUILDER_CLASS = "zi-url-builder-block"


def _raw(markup: str) -> nodes.raw:
    return nodes.raw("", markup, format="html")


def _fallback(text: str) -> addnodes.only:
    only = addnodes.only(expr="not html")
    only += nodes.literal_block(text, text)
    return only


# Supported events and the URL builder, for a directive or the page's front matter --


def supported_events_block(
    env: BuildEnvironment, docname: str, integration: WebhookIntegration
) -> nodes.container:
    source = Path(env.doc2path(docname))
    rows = event_rows(integration, parsed_doc(source).examples)
    block = nodes.container(classes=[EVENTS_CLASS])
    block.extend(events_table(integration, rows))
    return block


def url_builder_block(env: BuildEnvironment, integration: WebhookIntegration) -> nodes.container:
    count = int(env.temp_data.get("zi_url_builders") or 0) + 1
    env.temp_data["zi_url_builders"] = count
    block = nodes.container(classes=[BUILDER_CLASS])
    block += _raw(url_builder_html(integration, f"zi-url-{integration.name}-{count}"))
    block += _fallback(url_builder_text(integration))
    return block


class _WebhookDirective(SphinxDirective):
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"integration": directives.unchanged}

    def webhook(self) -> WebhookIntegration | None:
        found = webhook_named(
            self.options.get("integration"), Path(self.env.doc2path(self.env.docname))
        )
        if isinstance(found, str):
            logger.warning(f"{self.name}: {found}", location=self.get_location(), type="zulip-site")
            return None
        self.env.note_dependency(str(Path(found.home or ".") / "__init__.py"))
        return found


class SupportedEventsDirective(_WebhookDirective):
    """``{supported-events}``: the table of the webhook's events and their examples."""

    def run(self) -> list[nodes.Node]:
        integration = self.webhook()
        if integration is None:
            return []
        return [supported_events_block(self.env, self.env.docname, integration)]


class WebhookUrlBuilderDirective(_WebhookDirective):
    """``{webhook-url-builder}``: the form that writes the URL to paste into the service."""

    def run(self) -> list[nodes.Node]:
        integration = self.webhook()
        if integration is None:
            return []
        return [url_builder_block(self.env, integration)]


class ZulipMessageDirective(SphinxDirective):
    """``{zulip-message}``: Zulip Markdown shown as the message a bot posts.

    For showing the preview's syntax itself; an integration's messages belong
    in tested ``webhook-example`` blocks.
    """

    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "channel": directives.unchanged,
        "topic": directives.unchanged,
        "sender": directives.unchanged,
        "integration": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        content = "\n".join(self.content)
        card = message_card(
            self.options.get("channel", "general"),
            self.options.get("topic", "preview"),
            self.options.get("sender", "Preview Bot"),
            content,
            self.options.get("integration", ""),
        )
        block = nodes.container(classes=["zi-message-preview"])
        block += _raw(card)
        block += _fallback(content)
        return [block]


# The catalog -------------------------------------------------------------------------


class catalog_node(nodes.General, nodes.Element):
    """Holds the cards; the HTML writer resolves each page's URL for the builder in use."""


class IntegrationCatalogDirective(SphinxDirective):
    """``{integration-catalog}``: a card per integration of the registry."""

    def run(self) -> list[nodes.Node]:
        all_cards = cards(default_registry())
        for integration in default_registry():
            if integration.home is not None:
                self.env.note_dependency(str(integration.home / "__init__.py"))
        catalog_docs(self.env).add(self.env.docname)
        node = catalog_node(cards=all_cards)
        fallback = addnodes.only(expr="not html")
        fallback += nodes.bullet_list(
            "",
            *(
                nodes.list_item("", nodes.paragraph(text=f"{c.display_name}: {c.description}"))
                for c in all_cards
            ),
        )
        return [node, fallback]


def catalog_docs(env: BuildEnvironment) -> set[str]:
    """The pages holding a catalog: rebuilt every time, so new integrations show."""
    docs: set[str] | None = getattr(env, "zi_catalog_docs", None)
    if docs is None:
        docs = set()
        env.zi_catalog_docs = docs  # type: ignore[attr-defined]
    return docs


def visit_catalog_html(translator: SphinxTranslator, node: catalog_node) -> None:
    builder = translator.builder
    current = builder.current_docname  # type: ignore[attr-defined]

    def link_to(name: str) -> str | None:
        docname = f"integrations/{name}"
        if docname not in builder.env.found_docs:
            return None
        return builder.get_relative_uri(current, docname)

    all_cards: list[Card] = node["cards"]
    translator.body.append(catalog_html(all_cards, link_to))  # type: ignore[attr-defined]
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode
