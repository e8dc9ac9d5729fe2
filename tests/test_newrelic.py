"""Focused tests of the New Relic integration: templates and versions beyond the page.

A workflow posts what its user's template builds, so these try what real
templates produce (fields missing, numbers in quotes, lists where a name
was meant, New Relic's default and Zulip's templates) and the legacy
channels' body in its variants; the options at their edges; huge
descriptions; and a property test that no text from a payload makes a live
mention.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import BadPayload, TokenHeader
from integrations.core.message import MAX_CONTENT_LENGTH
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import untrusted_words

NEWRELIC = WebhookHarness("newrelic")


def issue(**fields: Any) -> dict[str, Any]:
    """A body of the template on the integration's page, filled in."""
    body: dict[str, Any] = {
        "id": "6f3b0e4c-8d5a-4a7e-9a51-2c1e0c9d7b11",
        "issueUrl": "https://radar-api.service.newrelic.com/accounts/1/issues/6f3b0e4c",
        "title": "checkout-api error rate > 5%",
        "priority": "HIGH",
        "impactedEntities": ["checkout-api"],
        "totalIncidents": 1,
        "state": "ACTIVATED",
        "trigger": "STATE_CHANGE",
        "createdAt": 1713769949493,
        "updatedAt": 1713770249493,
        "alertPolicyNames": ["Checkout"],
        "alertConditionNames": ["Error rate"],
        "owner": "N/A",
    }
    body.update(fields)
    return {key: value for key, value in body.items() if value is not None}


def legacy(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "condition_name": "High CPU",
        "current_state": "open",
        "details": "CPU > 90% on web-01",
        "event_type": "INCIDENT",
        "incident_id": 5678,
        "incident_url": "https://alerts.newrelic.com/accounts/1/incidents/5678",
        "policy_name": "Web servers",
        "severity": "CRITICAL",
    }
    body.update(fields)
    return {key: value for key, value in body.items() if value is not None}


def test_the_secret_travels_in_a_custom_header() -> None:
    signature = NEWRELIC.integration.signature
    assert isinstance(signature, TokenHeader)
    assert signature.header == "X-Zulip-Webhook-Secret"


def test_the_nine_fields_zulip_expects_are_enough() -> None:
    message = NEWRELIC.message(None, NEWRELIC.fixture("essential_fields_default_payload.json"))
    assert message.topic.startswith("PIETER-UBUNTU query result")
    assert message.content.startswith("**Opened** (CRITICAL): [PIETER-UBUNTU")
    assert "needs a look" not in message.content


def test_an_issue_the_payload_does_not_name_links_new_relics_issues() -> None:
    body = NEWRELIC.fixture("missing_essential_fields_default_payload.json")
    content = NEWRELIC.message(None, body).content
    assert content.startswith("**Update** of an [issue](https://one.newrelic.com/alerts-ai)")


def test_zulips_template_with_custom_fields_when_closed() -> None:
    payload = NEWRELIC.fixture("incident_provided_base_with_zulip_custom_fields.json")
    message = NEWRELIC.message(None, payload)
    assert message.content.startswith("**Closed** (CRITICAL): ")
    assert "* **Open for**: 1 min 7 s" in message.content
    assert "* **Custom list 1**: SSD, 2000, false, null, 13.33" in message.content


def test_the_issue_that_opens_and_the_one_that_closes_share_a_topic() -> None:
    opened = NEWRELIC.message(None, issue(state="CREATED"))
    closed = NEWRELIC.message(None, issue(state="CLOSED"))
    assert opened.topic == closed.topic == "checkout-api error rate > 5%"


def test_times_in_quotes_are_read() -> None:
    message = NEWRELIC.message(None, issue(createdAt="1713769949493", updatedAt="1713770249493"))
    assert "* **Since**: <time:2024-04-22T07:12:29Z>" in message.content
    assert "needs a look" not in message.content


def test_a_lower_case_state_and_an_acknowledger() -> None:
    message = NEWRELIC.message(None, issue(state="activated", acknowledgedBy="Ann Smith"))
    assert message.content.startswith("**Acknowledged** (HIGH) by **Ann Smith**: ")


def test_a_state_new_relic_adds_later_is_posted_as_it_is() -> None:
    message = NEWRELIC.message(None, issue(state="DEACTIVATED"))
    assert message.content.startswith("**Deactivated** (HIGH): ")


def test_a_single_name_where_a_list_was_meant() -> None:
    message = NEWRELIC.message(None, issue(alertPolicyNames="Checkout", impactedEntities=None))
    assert "* **Policy**: `Checkout`" in message.content
    assert "Entit" not in message.content


def test_many_entities_are_cut_with_a_count() -> None:
    message = NEWRELIC.message(None, issue(impactedEntities=[f"host-{n}" for n in range(14)]))
    assert "`host-9` and 4 more" in message.content
    assert "host-10" not in message.content


def test_custom_fields_that_are_not_an_object_are_noted() -> None:
    message = NEWRELIC.message(None, issue(zulipCustomFields=["a", "b"]))
    assert "`zulipCustomFields` is not an object" in message.content


def test_a_title_of_the_wrong_type_is_noted_once() -> None:
    message = NEWRELIC.message(None, issue(title={"text": "x"}))
    assert message.topic == "New Relic incident alerts"
    assert message.content.count("`title` is not text") == 1


def test_a_title_sent_as_the_list_new_relic_keeps_it_in() -> None:
    """``{{ json annotations.title }}`` without the default template's ``.[0]``."""
    message = NEWRELIC.message(None, issue(title=["Disk full on db-1"]))
    assert message.topic == "Disk full on db-1"
    assert "not text" not in message.content


def test_a_huge_condition_description_fits() -> None:
    description = ["A long **description** line.\n" * 3000]
    message = NEWRELIC.message(None, issue(conditionDescription=description))
    assert len(message.content) <= MAX_CONTENT_LENGTH
    assert "~~~ quote" in message.content


def test_a_long_title_makes_a_topic_of_zulips_length() -> None:
    message = NEWRELIC.message(None, issue(title="x" * 200))
    assert message.topic == "x" * 57 + "..."


def test_runbooks_that_are_web_addresses_are_linked() -> None:
    urls = ["https://wiki.example.com/a", "javascript:alert(1)", "https://wiki.example.com/b"]
    message = NEWRELIC.message(None, issue(runbookUrl=urls))
    assert (
        "* **Runbook**: [runbook 1](https://wiki.example.com/a)"
        " · [runbook 2](https://wiki.example.com/b)"
    ) in message.content


@pytest.mark.parametrize(
    ("payload", "minimum", "posted"),
    [
        (issue(priority="CRITICAL"), "critical", True),
        (issue(priority="HIGH"), "critical", False),
        (issue(priority="low"), "medium", False),
        (issue(priority="P1"), "critical", True),
        (issue(priority=None), "critical", True),
        (legacy(severity="WARNING"), "high", True),
        (legacy(severity="INFO"), "medium", False),
    ],
)
def test_min_priority(payload: dict[str, Any], minimum: str, posted: bool) -> None:
    message = NEWRELIC.post(None, payload, query={"min_priority": minimum})
    assert (message is not None) is posted


@pytest.mark.parametrize(
    ("payload", "posted"),
    [
        (issue(), True),
        (issue(alertPolicyNames=["Web"]), False),
        (issue(alertPolicyNames=None), True),
        (legacy(policy_name="prod-db"), True),
        (legacy(), False),
    ],
)
def test_policies_option(payload: dict[str, Any], posted: bool) -> None:
    message = NEWRELIC.post(None, payload, query={"policies": "Check*,prod-*"})
    assert (message is not None) is posted


@pytest.mark.parametrize(
    "payload",
    [issue(state="CLOSED"), legacy(current_state="closed"), legacy(current_state="CLOSED")],
)
def test_ignore_resolved_and_zulips_name_leave_closed_ones_out(payload: dict[str, Any]) -> None:
    assert NEWRELIC.post(None, payload, query={"ignore_resolved": "true"}) is None
    assert NEWRELIC.post(None, payload, query={"exclude_events": "CLOSED"}) is None
    assert NEWRELIC.post(None, payload) is not None


def test_the_two_payloads_are_told_apart() -> None:
    assert NEWRELIC.process(None, issue()).event == "issue"
    assert NEWRELIC.process(None, legacy()).event == "legacy_incident"
    assert NEWRELIC.process(None, {"current_state": "open"}).event == "legacy_incident"


def test_a_legacy_incident_with_the_old_string_fields() -> None:
    payload = legacy(incident_id="5678", timestamp="1713769949493", targets="$TARGETS")
    message = NEWRELIC.message(None, payload)
    assert message.topic == "Incident 5678: High CPU"
    assert "* **At**: <time:2024-04-22T07:12:29Z>" in message.content
    assert "Targets" not in message.content


def test_a_legacy_incident_without_its_state_or_id() -> None:
    message = NEWRELIC.message(None, legacy(current_state=None, incident_id=None))
    assert message.topic == "High CPU"
    assert message.content.startswith("**Update** (CRITICAL): [CPU > 90% on web-01]")
    assert "missing: `current_state`, `incident_id`" in message.content


def test_many_legacy_targets_are_cut_with_a_count() -> None:
    targets = [{"name": f"web-{n}", "type": "Host"} for n in range(8)]
    message = NEWRELIC.message(None, legacy(targets=targets))
    assert "web-4 (Host) and 3 more" in message.content


def test_a_body_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(BadPayload, match=r"^\(body\): expected an object, got a string"):
        NEWRELIC.post(None, "CRITICAL")


untrusted = untrusted_words("<time:1>", max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    title=untrusted,
    entities=st.lists(untrusted, max_size=3),
    owner=untrusted,
    key=untrusted,
    value=untrusted,
    description=untrusted,
)
def test_no_text_from_new_relic_makes_a_live_mention(
    title: str, entities: list[str], owner: str, key: str, value: str, description: str
) -> None:
    payload = issue(
        title=title,
        impactedEntities=entities,
        acknowledgedBy=owner,
        zulipCustomFields={key: value, "list": [value, 1]},
        conditionDescription=[description],
        trigger=value,
    )
    assert_inert(NEWRELIC.message(None, payload).content)
    old = legacy(details=title, condition_name=value, owner=owner, current_state="acknowledged")
    assert_inert(NEWRELIC.message(None, old).content)


def test_a_template_named_after_new_relics_variables_is_filtered_by_its_policies() -> None:
    """``accumulations.policyName`` counts as the policies ``policies`` picks from."""
    body = NEWRELIC.fixture("issue_variable_names_template.json")
    assert NEWRELIC.post(None, body, query={"policies": "Check*"}) is not None
    assert NEWRELIC.post(None, body, query={"policies": "Payments"}) is None


def test_the_default_templates_fields_win_over_new_relics_variable_names() -> None:
    message = NEWRELIC.message(None, issue(issueTitle="not this one", issuePageUrl="https://x.y/"))
    assert message.topic == "checkout-api error rate > 5%"
    assert "https://x.y/" not in message.content
