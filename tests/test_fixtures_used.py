"""Every payload shipped in a fixtures folder is used, says where it comes from, and runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrations.cli import EXIT_NOTHING, EXIT_OK, EXIT_UNSUPPORTED, main
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


def fixture_cases() -> list[tuple[WebhookIntegration, str]]:
    cases = []
    for integration in WEBHOOKS:
        assert integration.fixtures is not None
        for path in sorted(integration.fixtures.iterdir()):
            if path.suffix in (".json", ".txt"):
                cases.append((integration, path.name))
    return cases


@pytest.mark.parametrize(
    ("integration", "name"), fixture_cases(), ids=lambda value: getattr(value, "name", value)
)
def test_every_fixture_names_the_event_its_examples_send(
    integration: WebhookIntegration, name: str
) -> None:
    """A fixture's file name says its event, as the examples that use it do.

    That is what lets ``integrations render NAME FILE`` and the tests run a
    fixture without naming its event. Where the payload names the event, the
    file name need not.
    """
    used_with = {
        example.event
        for example in all_examples()
        if example.integration == integration.name and getattr(example.body, "name", None) == name
    }
    derived = integration.event_for_fixture(name)
    if integration.event_source.in_payload or integration.event_source.fixed_event:
        assert derived is None
        return
    assert derived is not None, f"{integration.name}: {name} does not say its event"
    if used_with:
        assert derived in used_with, (
            f"{integration.name}: {name} is a {derived!r} by its name,"
            f" but its examples send {sorted(str(event) for event in used_with)}"
        )


@pytest.mark.parametrize(
    ("integration", "name"), fixture_cases(), ids=lambda value: getattr(value, "name", value)
)
def test_every_fixture_renders_without_naming_its_event(
    integration: WebhookIntegration, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``integrations render`` runs every fixture as the service sends it: no bad input."""
    assert integration.fixtures is not None
    code = main(["render", integration.name, str(integration.fixtures / name)])
    err = capsys.readouterr().err
    assert code in (EXIT_OK, EXIT_NOTHING, EXIT_UNSUPPORTED), err
    if code == EXIT_OK:
        assert not err
