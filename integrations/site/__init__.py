"""Sphinx extension: the reader's site around the examples.

* ``{integration-catalog}``: the catalog of every integration in the registry;
* ``{supported-events}`` and ``{webhook-url-builder}`` for a webhook's page,
  added by themselves where a page whose front matter names a webhook does not
  place them (see ``autoinsert``);
* ``{zulip-message}``: Zulip Markdown shown as a message, to document the syntax;
* a stylesheet that shows each integration's logo as its bot's avatar in the
  message previews;
* on a long webhook page, an overview of its examples by event (``overview``);
* every page written again when the navigation changes (``navigation``), and
  a build log without the lines that said nothing (``build_log``).

Add ``"integrations.site"`` to ``extensions`` after
``"integrations.examples.sphinxext"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

import integrations
from integrations.core.registry import default_registry
from integrations.site import build_log, navigation, ordering
from integrations.site.autoinsert import AddWebhookBlocks
from integrations.site.catalog import logo_data_url
from integrations.site.directives import (
    IntegrationCatalogDirective,
    SupportedEventsDirective,
    WebhookUrlBuilderDirective,
    ZulipMessageDirective,
    catalog_docs,
    catalog_node,
    skip_node,
    visit_catalog_html,
)

STATIC = Path(__file__).parent / "static"
LOGOS_CSS = "zulip-logos.css"


def logos_css() -> str:
    """Each integration's logo over its bot's avatar in the message previews."""
    rules = []
    for integration in default_registry():
        logo = logo_data_url(integration.logo)
        if logo:
            rules.append(
                f'.zi-message-row[data-integration="{integration.name}"]::before'
                f' {{ background-image: url("{logo}"); background-color: transparent;'
                " color: transparent; }"
            )
    return "\n".join(rules) + "\n"


def _add_static(app: Sphinx) -> None:
    generated = Path(app.doctreedir) / "zulip-site-static"
    generated.mkdir(parents=True, exist_ok=True)
    (generated / LOGOS_CSS).write_text(logos_css(), encoding="utf-8")
    app.config.html_static_path.extend([str(STATIC), str(generated)])


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    return sorted(catalog_docs(env) - removed)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    catalog_docs(env).discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    catalog_docs(env).update(catalog_docs(other) & docnames)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        catalog_node,
        html=(visit_catalog_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive("integration-catalog", IntegrationCatalogDirective)
    app.add_directive("supported-events", SupportedEventsDirective)
    app.add_directive("webhook-url-builder", WebhookUrlBuilderDirective)
    app.add_directive("zulip-message", ZulipMessageDirective)
    app.add_transform(AddWebhookBlocks)
    navigation.setup(app)
    ordering.setup(app)
    build_log.setup(app)
    app.connect("builder-inited", _add_static)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.add_css_file("zulip-site.css")
    app.add_css_file(LOGOS_CSS)
    app.add_js_file("zulip-site.js", loading_method="defer")
    return {
        "version": integrations.__version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
