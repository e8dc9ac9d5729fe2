"""Focused tests of the PagerDuty integration: what the page's examples do not show.

Payloads of each version with their optional parts left out, V1/V2
deliveries of several messages, merged incidents, the noise options at
their edges, Zulip's event names, the signature it declares (and a secret
being rotated), sizes, and a property test that titles, names and notes
never mention anyone.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
from typing import Any

import pytest
from hypothesis import given, settings

from integrations.core import BadPayload, Unauthorized, UnsupportedEvent
from integrations.core.message import MAX_CONTENT_LENGTH
from integrations.testing.webhooks import WebhookHarness, assert_inert, assert_pings_nobody
from tests.strategies import markdown_fragments

PAGERDUTY = WebhookHarness("pagerduty")
SECRET = "s3cret"


def v3(event_type: str, data: dict[str, Any], agent: Any = None) -> dict[str, Any]:
    return {"event": {"event_type": event_type, "agent": agent, "data": data}}


def incident(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "incident",
        "number": 12,
        "title": "Disk full",
        "html_url": "https://acme.pagerduty.com/incidents/Q12",
        "urgency": "high",
        "service": {"summary": "Storage", "html_url": "https://acme.pagerduty.com/services/PS"},
    }
    base.update(fields)
    return base


def post(body: Any, **query: str) -> Any:
    return PAGERDUTY.post(None, body, query=query or None)


# V3 with optional parts left out ------------------------------------------


def test_the_barest_v3_incident_still_reads() -> None:
    message = post(v3("incident.triggered", {"type": "incident"}))
    assert message.topic == "PagerDuty incidents"
    assert message.content == ":rotating_light: **Triggered** · an incident"


def test_a_v3_incident_without_number_is_keyed_on_its_title() -> None:
    message = post(v3("incident.acknowledged", incident(number=None)))
    assert message.topic == "Incident Disk full"


def test_an_agent_without_a_name_or_page_is_left_out() -> None:
    message = post(
        v3("incident.resolved", incident(), agent={"id": "P1", "type": "user_reference"})
    )
    assert "By" not in message.content


def test_nulls_where_pagerduty_sends_objects() -> None:
    data = incident(service=None, assignees=None, priority=None, escalation_policy=None)
    message = post(v3("incident.triggered", data, agent=None))
    assert message.content == (
        ":rotating_light: **Triggered** · high urgency"
        " · [Disk full (#12)](https://acme.pagerduty.com/incidents/Q12)"
    )


def test_a_merged_incident_says_so() -> None:
    data = incident(resolve_reason={"type": "merge_resolve_reason", "incident": {"id": "Q1"}})
    content = post(v3("incident.resolved", data)).content
    assert content.startswith(":check_mark: **Resolved** (merged into another incident)")


def test_a_reassignment_to_nobody() -> None:
    content = post(v3("incident.reassigned", incident(assignees=[]))).content
    assert content.startswith("**Reassigned** to nobody")


def test_an_incident_with_an_empty_assignee_list_says_nobody_is_assigned() -> None:
    assert "Assigned to nobody" in post(v3("incident.triggered", incident(assignees=[]))).content


def test_an_incident_without_assignees_says_nothing_of_them() -> None:
    assert "Assigned" not in post(v3("incident.triggered", incident())).content


def test_many_assignees_are_counted() -> None:
    people = [
        {"summary": f"User {n}", "html_url": f"https://a.pagerduty.com/u/{n}"} for n in range(8)
    ]
    content = post(v3("incident.triggered", incident(assignees=people))).content
    assert "[User 4](https://a.pagerduty.com/u/4) and 3 more" in content


def test_a_note_whose_reference_is_numbered_lands_in_the_incidents_topic() -> None:
    triggered = post(v3("incident.triggered", incident()))
    note = {
        "type": "incident_note",
        "content": "Looking",
        "incident": {"summary": "[#12] Disk full"},
    }
    assert post(v3("incident.annotated", note)).topic == triggered.topic


def test_a_responder_request_to_an_escalation_policy() -> None:
    data = {
        "type": "incident_responder",
        "incident": {"summary": "Disk full"},
        "escalation_policy": {"summary": "DBAs", "html_url": "https://a.pagerduty.com/ep/1"},
    }
    content = post(v3("incident.responder.added", data)).content
    assert content.startswith("**Responder requested**: [DBAs](https://a.pagerduty.com/ep/1)")


def test_a_priority_removed() -> None:
    assert post(v3("incident.priority_updated", incident())).content.startswith(
        "**Priority** removed"
    )


def test_a_service_event_without_a_name() -> None:
    message = post(v3("service.updated", {"type": "service", "id": "PX"}))
    assert message.topic == "PagerDuty services"


@pytest.mark.parametrize(
    "event_type", ["incident.custom_field_values.updated", "incident.task.completed"]
)
def test_later_and_early_access_events_are_accepted_quietly(event_type: str) -> None:
    processed = PAGERDUTY.process(None, v3(event_type, {"type": "x"}))
    assert processed.message is None
    assert processed.skipped


def test_a_services_custom_fields_update_is_accepted_quietly() -> None:
    processed = PAGERDUTY.process(
        None, PAGERDUTY.fixture("service_custom_field_values_updated_v3.json")
    )
    assert processed.event == "service.custom_field_values.updated"
    assert processed.message is None
    assert processed.skipped


def test_a_title_is_read_without_its_surrounding_space() -> None:
    # An Events API integration's title, sent as its monitor wrote it: "...on nn ".
    message = post(PAGERDUTY.fixture("triggered_title_with_trailing_space_v3.json"))
    assert message.topic == "Incident up rule triggered on nn (#7)"
    assert "[up rule triggered on nn (#7)](" in message.content


@pytest.mark.parametrize(
    "reason", ["merged", {"type": "merge_resolve_reason", "incident": {"id": "Q1"}}]
)
def test_a_merge_reads_in_either_shape_in_either_version(reason: Any) -> None:
    # V2 documents the text "merged", V3 an object naming its type.
    v3_message = post(v3("incident.resolved", incident(resolve_reason=reason)))
    v2_body = {
        "messages": [
            {
                "event": "incident.resolve",
                "incident": {"incident_number": 4, "resolve_reason": reason},
            }
        ]
    }
    for message in (v3_message, post(v2_body)):
        assert "(merged into another incident)" in message.content


def test_an_urgency_change_without_the_urgency() -> None:
    message = post(v3("incident.urgency_updated", incident(urgency=None)))
    assert message.content.startswith("**Urgency** changed · [Disk full (#12)]")


def test_an_event_nobody_declared_is_refused_by_name() -> None:
    with pytest.raises(UnsupportedEvent, match=r"incident\.frobbed"):
        post(v3("incident.frobbed", incident()))


# V2 and V1 with optional parts left out -----------------------------------


def test_the_barest_v2_message() -> None:
    body = {"messages": [{"event": "incident.resolve", "incident": {"incident_number": 4}}]}
    message = post(body)
    assert message.topic == "Incident 4"
    assert message.content == ":check_mark: **Resolved** · #4"


def test_v2_details_that_are_an_object_are_left_out() -> None:
    body = {
        "messages": [
            {
                "event": "incident.trigger",
                "incident": {"incident_number": 4, "title": "Disk"},
                "log_entries": [{"channel": {"details": {"disk": "/var", "used": "99%"}}}],
            }
        ]
    }
    assert "quote" not in post(body).content


def test_the_barest_v1_message() -> None:
    body = {
        "messages": [{"type": "incident.trigger", "data": {"incident": {"incident_number": 5}}}]
    }
    message = post(body)
    assert message.topic == "Incident 5"
    assert message.content == ":rotating_light: **Triggered** · #5"


def test_a_v1_user_named_only_by_email() -> None:
    node = {"incident_number": 5, "resolved_by_user": {"email": "ada@example.com"}}
    body = {"messages": [{"type": "incident.resolve", "data": {"incident": node}}]}
    assert "By ada" in post(body).content


def test_a_v1_delivery_of_several_incidents_names_the_earlier_ones() -> None:
    messages = [
        {"type": "incident.trigger", "data": {"incident": {"incident_number": n}}}
        for n in (1, 2, 3)
    ]
    message = post({"messages": messages})
    assert message.topic == "Incident 3"
    assert message.content.endswith("Earlier in this delivery: #1 triggered, #2 triggered.")


def test_an_empty_message_list_is_a_clean_error() -> None:
    with pytest.raises(BadPayload, match=r"messages\[0\]"):
        post({"messages": []})


def test_a_message_list_that_is_not_a_list_is_a_clean_error() -> None:
    with pytest.raises(BadPayload, match="messages: expected a list"):
        post({"messages": {"type": "incident.trigger"}})


def test_v3_payloads_carry_no_event_in_v1_fields() -> None:
    """A V3 payload is never read as V1/V2, nor the reverse."""
    for name in ("triggered_v3.json", "trigger_v2.json", "trigger.json"):
        assert post(PAGERDUTY.fixture(name)) is not None


# Options ----------------------------------------------------------------


def test_min_urgency_posts_what_does_not_say() -> None:
    assert post(v3("incident.triggered", incident(urgency=None)), min_urgency="high") is not None
    body = {
        "messages": [{"type": "incident.trigger", "data": {"incident": {"incident_number": 5}}}]
    }
    assert post(body, min_urgency="high") is not None


def test_a_later_v1_payloads_urgency_is_read() -> None:
    # PagerDuty's V1 documentation shows `urgency` on the incident; Zulip's V1 captures lack it.
    incident_v1 = {"incident_number": 2126, "urgency": "low", "status": "triggered"}
    body = {"messages": [{"type": "incident.trigger", "data": {"incident": incident_v1}}]}
    assert post(body).content == ":rotating_light: **Triggered** · low urgency · #2126"
    assert post(body, min_urgency="high") is None


@pytest.mark.parametrize(
    ("priority", "posted"),
    [("P1", True), ("P2", True), ("P3", False), ("SEV-1", True), (None, True)],
)
def test_min_priority(priority: str | None, posted: bool) -> None:
    data = incident(priority={"summary": priority} if priority else None)
    assert (post(v3("incident.triggered", data), min_priority="P2") is not None) is posted


def test_services_filters_service_events_by_their_own_name() -> None:
    data = {"type": "service", "summary": "Checkout API"}
    assert post(v3("service.created", data), services="Checkout*") is not None
    assert post(v3("service.created", data), services="Billing") is None


def test_services_posts_notes_which_name_no_service() -> None:
    note = {"type": "incident_note", "content": "Looking", "incident": {"summary": "Disk full"}}
    assert post(v3("incident.annotated", note), services="Billing") is not None


def test_ignore_resolved_covers_v1_and_v2() -> None:
    body = {"messages": [{"event": "incident.resolve", "incident": {"incident_number": 4}}]}
    assert post(body, ignore_resolved="true") is None


@pytest.mark.parametrize(
    ("fixture", "name"),
    [
        ("trigger.json", "triggered"),
        ("triggered_v3.json", "triggered"),
        ("assign_v2.json", "assigned"),
        ("reassigned_v3.json", "reassigned"),
        ("unacknowledge.json", "unacknowledged"),
    ],
)
def test_zulips_event_names_filter(fixture: str, name: str) -> None:
    assert post(PAGERDUTY.fixture(fixture), exclude_events=name) is None
    assert post(PAGERDUTY.fixture(fixture), only_events=f'["{name}"]') is not None


def test_a_v1_delegation_answers_to_zulips_spelling() -> None:
    body = {
        "messages": [{"type": "incident.delegate", "data": {"incident": {"incident_number": 5}}}]
    }
    assert post(body, exclude_events="delineated") is None


# The signature ------------------------------------------------------------


def sign(body: bytes, secret: str) -> str:
    return "v1=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_the_signature_is_pagerdutys_v1_hmac_with_several_values() -> None:
    signature = PAGERDUTY.integration.signature
    assert signature is not None
    assert signature.header == "X-PagerDuty-Signature"
    body = PAGERDUTY.fixture_bytes("triggered_v3.json")
    rotating = sign(body, "old") + "," + sign(body, SECRET)
    headers = {"X-PagerDuty-Signature": rotating}
    assert PAGERDUTY.post(None, body, headers=headers, secret=SECRET) is not None
    bare = {"X-PagerDuty-Signature": sign(body, SECRET).removeprefix("v1=")}
    with pytest.raises(Unauthorized):
        PAGERDUTY.post(None, body, headers=bare, secret=SECRET)
    with pytest.raises(Unauthorized):
        PAGERDUTY.post(
            None, body, headers={"X-PagerDuty-Signature": sign(body, "old")}, secret=SECRET
        )


# Size ------------------------------------------------------------------------


def test_a_huge_note_and_title_fit_the_limits() -> None:
    note = {
        "type": "incident_note",
        "content": "word " * 20000,
        "incident": {"summary": "[#12] " + "t" * 500},
    }
    message = post(v3("incident.annotated", note))
    assert len(message.content) <= MAX_CONTENT_LENGTH
    assert len(message.topic) == 60


# Untrusted text --------------------------------------------------------------

text = markdown_fragments()


@pytest.mark.parametrize("content", ["`\n\n@**all**`", "@**@*team*`**`"])
def test_notes_that_would_slip_a_mention_past_the_quote(content: str) -> None:
    note = {"type": "incident_note", "content": content, "incident": {"summary": "Disk"}}
    assert_pings_nobody(post(v3("incident.annotated", note)).content)


@settings(max_examples=300, deadline=None)
@given(title=text, name=text, priority=text)
def test_titles_and_names_are_inert(title: str, name: str, priority: str) -> None:
    person = {"summary": name or "x", "html_url": "https://a.pagerduty.com/u/1"}
    data = incident(
        title=title,
        service={"summary": name or "x"},
        assignees=[person],
        priority={"summary": priority},
        escalation_policy={"summary": name or "x"},
    )
    for event_type in ("incident.triggered", "incident.reassigned", "incident.delegated"):
        message = post(v3(event_type, copy.deepcopy(data), agent={"summary": name or "x"}))
        assert_inert(message.content)


@settings(max_examples=300, deadline=None)
@given(note=text, title=text)
def test_notes_never_mention_anyone(note: str, title: str) -> None:
    data = {"type": "incident_note", "content": note, "incident": {"summary": title}}
    assert_pings_nobody(post(v3("incident.annotated", data)).content)
    v2 = {
        "messages": [
            {
                "event": "incident.trigger",
                "incident": {"incident_number": 1, "title": title},
                "log_entries": [{"channel": {"details": note}}],
            }
        ]
    }
    assert_pings_nobody(post(v2).content)
