"""Adds the URL builder and the supported-events table to webhook pages that lack them.

A page whose front matter names a webhook integration gets, unless it places
the directive itself:

* the URL builder at the end of its "Setting it up" section, or else in a
  new "Webhook URL" section;
* the events table at the end of its "Supported events" section, unless that
  section already holds a table (the author wrote one), or else in a new
  "Supported events" section.

New sections go before the first section that holds an example, or at the
end of the page.

A long page (``overview.MIN_EXAMPLES`` examples or more) also gets the
overview of its examples by event, after its introduction.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from integrations.core.integration import WebhookIntegration
from integrations.examples.sphinxext import parsed_doc
from integrations.site.directives import (
    BUILDER_CLASS,
    EVENTS_CLASS,
    supported_events_block,
    url_builder_block,
)
from integrations.site.events import event_rows
from integrations.site.overview import MIN_EXAMPLES, group_by_event, overview_html
from integrations.site.pages import page_integration

SETUP_TITLES = ("setting it up", "set up", "setup")
EVENTS_TITLES = ("supported events",)


def _title(section: nodes.section) -> str:
    first = section.children[0] if section.children else None
    return first.astext().strip().lower() if isinstance(first, nodes.title) else ""


def _has_class(tree: nodes.Node, name: str) -> bool:
    return any(name in node["classes"] for node in tree.findall(nodes.Element))


def _find_section(document: nodes.document, titles: tuple[str, ...]) -> nodes.section | None:
    for section in document.findall(nodes.section):
        if _title(section) in titles:
            return section
    return None


def _top_section(document: nodes.document) -> nodes.section | None:
    """The page's first section: its title and introduction."""
    return next(iter(document.findall(nodes.section)), None)


def _append_to_section(section: nodes.section, block: nodes.Node) -> None:
    """At the end of the section's own text, before its subsections."""
    for index, child in enumerate(section.children):
        if isinstance(child, nodes.section):
            section.insert(index, block)
            return
    section += block


def _new_section(document: nodes.document, title: str, block: nodes.Node) -> None:
    section = nodes.section()
    section += nodes.title(text=title)
    section += block
    section["names"].append(nodes.fully_normalize_name(title))
    document.note_implicit_target(section, section)
    top = _top_section(document)
    parent: nodes.Element = top if top is not None else document
    for index, child in enumerate(parent.children):
        if isinstance(child, nodes.section) and _has_class(child, "zi-example"):
            parent.insert(index, section)
            return
    parent += section


def _add_overview(document: nodes.document, integration: WebhookIntegration, page: Path) -> None:
    examples = parsed_doc(page).examples
    if len(examples) < MIN_EXAMPLES:
        return
    top = _top_section(document)
    if top is None:
        return
    block = nodes.container(classes=["zi-overview-block"])
    groups = group_by_event(event_rows(integration, examples), examples)
    block += nodes.raw("", overview_html(groups), format="html")
    _append_to_section(top, block)


class AddWebhookBlocks(SphinxTransform):
    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        page = Path(self.env.doc2path(self.env.docname))
        integration = page_integration(page)
        if not isinstance(integration, WebhookIntegration):
            return
        document = self.document
        _add_overview(document, integration, page)
        if not _has_class(document, BUILDER_CLASS):
            builder = url_builder_block(self.env, integration)
            setup = _find_section(document, SETUP_TITLES)
            if setup is not None:
                _append_to_section(setup, builder)
            else:
                _new_section(document, "Webhook URL", builder)
        if not _has_class(document, EVENTS_CLASS):
            events = _find_section(document, EVENTS_TITLES)
            if events is None:
                block = supported_events_block(self.env, self.env.docname, integration)
                _new_section(document, "Supported events", block)
            elif not any(True for _ in events.findall(nodes.table)):
                _append_to_section(
                    events, supported_events_block(self.env, self.env.docname, integration)
                )
