"""The coverage rule, over the whole registry.

Every integration has a page, a logo, categories and a one-line
description; every event a webhook handles is shown by at least one
example; every example shows a handled event, or says the event is
unsupported.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest
import yaml

from integrations.core import (
    Integration,
    ScriptIntegration,
    WebhookIntegration,
    default_registry,
)
from integrations.core.categories import CATEGORIES
from integrations.examples.model import ExpectUnsupported
from integrations.examples.parse import parse_file
from integrations.site.events import example_delivery
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
def test_every_handled_event_and_action_has_an_example(integration: WebhookIntegration) -> None:
    """Each handler is shown at work for each event and each action it is declared for.

    A handler of several events and actions needs each of them in some
    example, not every combination: ``handles("issues", "pull_request",
    action=("assigned", "unassigned"))`` is covered by an issue assigned and
    a pull request unassigned.
    """
    shown: set[tuple[str, str | None]] = set()
    for example in all_examples():
        if example.integration != integration.name or isinstance(
            example.expected, ExpectUnsupported
        ):
            continue
        event, action = example_delivery(example, integration)
        if event is not None:
            shown.add((event, action))
    missing: list[str] = []
    for declaration in integration.routes.declarations:
        if declaration.handler is None:
            continue
        covered = [
            (event, action)
            for event, action in shown
            if event in declaration.events
            and (declaration.actions is None or action in declaration.actions)
        ]
        missing += [e for e in declaration.events if e not in {e for e, _ in covered}]
        if declaration.actions is not None:
            done = {action for _, action in covered}
            events = "/".join(declaration.events)
            missing += [f"{events}.{a}" for a in declaration.actions if a not in done]
    assert not missing, f"{integration.name}: no doc example shows {missing}"


SECTION = re.compile(r"^## Supported events\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("integration", WEBHOOKS, ids=lambda item: item.name)
def test_every_page_shows_the_generated_events_table(integration: WebhookIntegration) -> None:
    """Ignored events and actions are listed, with their reasons, by the generated table.

    A hand-written table in "Supported events" would stop it; the page may
    place it itself with the ``supported-events`` directive.
    """
    page = DOCS / "integrations" / f"{integration.name}.md"
    section = SECTION.search(page.read_text())
    if section is None or "{supported-events}" in section.group(1):
        return
    rows = [line for line in section.group(1).splitlines() if line.startswith("|")]
    assert not rows, f"{page.name}: a hand-written table in 'Supported events': {rows[:2]}"


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
    event, _ = example_delivery(example, integration)
    assert event is not None
    assert integration.routes.knows(event), f"{event} is not declared"


@pytest.mark.parametrize("integration", WEBHOOKS, ids=lambda item: item.name)
def test_every_option_is_documented_on_the_page(integration: WebhookIntegration) -> None:
    """Each URL parameter the integration declares is named on its page, in backticks."""
    text = (DOCS / "integrations" / f"{integration.name}.md").read_text()
    missing = [option.name for option in integration.options if f"`{option.name}`" not in text]
    assert not missing, f"{integration.name}: the page does not document {missing}"
