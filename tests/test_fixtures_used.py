"""Every payload shipped in a fixtures folder is used, and says where it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrations.core import WebhookIntegration, default_registry
from tests.doc_examples import all_examples

TESTS = Path(__file__).resolve().parent
WEBHOOKS = [item for item in default_registry() if isinstance(item, WebhookIntegration)]


def focused_test_text() -> str:
    return "\n".join(path.read_text() for path in TESTS.glob("test_*.py"))


@pytest.mark.parametrize("integration", WEBHOOKS, ids=lambda item: item.name)
def test_every_fixture_is_used_by_an_example_or_a_focused_test(
    integration: WebhookIntegration,
) -> None:
    assert integration.fixtures is not None
    used = {
        example.body.name
        for example in all_examples()
        if example.integration == integration.name and hasattr(example.body, "name")
    }
    tests = focused_test_text()
    files = [path for path in integration.fixtures.iterdir() if path.name != "NOTICE.md"]
    unused = sorted(path.name for path in files if path.name not in used and path.name not in tests)
    assert not unused, f"{integration.name}: fixtures used by no example and no test: {unused}"


@pytest.mark.parametrize("integration", WEBHOOKS, ids=lambda item: item.name)
def test_every_fixtures_folder_has_a_notice(integration: WebhookIntegration) -> None:
    assert integration.fixtures is not None
    notice = integration.fixtures / "NOTICE.md"
    assert notice.is_file(), (
        f"{integration.name}: fixtures/NOTICE.md says where the payloads come from"
    )
    listed = notice.read_text()
    missing = [
        path.name
        for path in integration.fixtures.iterdir()
        if path.name != "NOTICE.md" and path.name not in listed
    ]
    assert not missing, f"{integration.name}: NOTICE.md does not list {missing}"
