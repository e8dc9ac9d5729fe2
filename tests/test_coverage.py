"""The coverage rule, over the whole registry.

Every integration has a page, a logo, categories and a one-line
description; every event a webhook handles is shown by at least one
example; every example shows a handled event, or says the event is
unsupported.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
import yaml

from integrations.core import (
    Integration,
    ScriptIntegration,
    SingleEvent,
    WebhookIntegration,
    default_registry,
)
from integrations.core.categories import CATEGORIES
from integrations.examples.model import ExpectUnsupported
from integrations.examples.parse import parse_file
from tests.doc_examples import DOCS, all_examples, example_id

INTEGRATIONS = list(default_registry())
WEBHOOKS = [item for item in INTEGRATIONS if isinstance(item, WebhookIntegration)]


def front_matter(text: str) -> dict[str, object]:
    if not text.startswith("---\n"):
        return {}
    data = yaml.safe_load(text.split("---\n", 2)[1])
    return data if isinstance(data, dict) else {}


@pytest.mark.parametrize("integration", INTEGRATIONS, ids=lambda item: item.name)
def test_every_integration_has_a_page_naming_it(integration: Integration) -> None:
    page = DOCS / "integrations" / f"{integration.name}.md"
    assert page.is_file(), f"{integration.name} has no page {page}"
    assert front_matter(page.read_text()).get("integration") == integration.name


@pytest.mark.parametrize("integration", INTEGRATIONS, ids=lambda item: item.name)
def test_every_integration_has_a_logo_categories_and_a_description(
    integration: Integration,
) -> None:
    assert integration.logo is not None, f"{integration.name} has no logo.svg"
    root = ElementTree.parse(integration.logo).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert integration.categories
    assert set(integration.categories) <= set(CATEGORIES)
    assert integration.description.strip()
    assert "\n" not in integration.description
    assert len(integration.description) <= 120


@pytest.mark.parametrize("integration", WEBHOOKS, ids=lambda item: item.name)
def test_every_handled_event_has_an_example(integration: WebhookIntegration) -> None:
    shown: set[str] = set()
    for example in all_examples():
        if example.integration != integration.name or isinstance(
            example.expected, ExpectUnsupported
        ):
            continue
        if isinstance(integration.event_source, SingleEvent):
            shown.add(integration.event_source.event)
        elif example.event is not None:
            shown.add(example.event)
    missing = sorted(set(integration.events) - shown)
    assert not missing, f"{integration.name}: no doc example shows {missing}"


SCRIPTS = [item for item in INTEGRATIONS if isinstance(item, ScriptIntegration)]


@pytest.mark.parametrize("integration", SCRIPTS, ids=lambda item: item.name)
def test_every_script_and_plugin_has_examples_that_run(integration: ScriptIntegration) -> None:
    page = DOCS / "integrations" / f"{integration.name}.md"
    doc = parse_file(page, default_registry())
    assert doc.errors == []
    assert doc.script_examples, f"{integration.name}: its page has no script-example"


@pytest.mark.parametrize("example", all_examples(), ids=example_id)
def test_every_example_shows_a_handled_event_or_says_otherwise(example: object) -> None:
    from integrations.examples.model import Example

    assert isinstance(example, Example)
    integration = default_registry().get(example.integration)
    assert isinstance(integration, WebhookIntegration)
    if isinstance(example.expected, ExpectUnsupported) or example.event is None:
        return
    assert example.event in integration.handlers
