"""Focused tests of the Opsgenie integration: what the page's examples do not show.

Payload variants beyond the fixtures (today's and older priority formats,
actions Opsgenie adds, optional fields missing), the topic and noise
options at their edges, long notes, the secret header it declares, and a
property test that no text from a payload makes a live mention.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import BadPayload, TokenHeader, Unauthorized
from integrations.core.message import MAX_CONTENT_LENGTH
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import untrusted_words

OPSGENIE = WebhookHarness("opsgenie")


def action(name: str, **alert: Any) -> dict[str, Any]:
    """A payload in the shape of Opsgenie's documented alert action data."""
    fields: dict[str, Any] = {
        "alertId": "052652ac-5d1c-464a-812a-7dd18bbfba8c",
        "tinyId": "23",
        "message": "Disk full on db-1",
        "tags": ["production"],
        "username": "ann@example.com",
        "entity": "",
        "source": "",
    }
    fields.update(alert)
    return {
        "action": name,
        "alert": {key: value for key, value in fields.items() if value is not None},
        "source": {"name": "", "type": "web"},
        "integrationName": "Zulip",
    }


def test_the_secret_travels_in_a_custom_header() -> None:
    signature = OPSGENIE.integration.signature
    assert isinstance(signature, TokenHeader)
    assert signature.header == "X-Zulip-Webhook-Secret"
    with pytest.raises(Unauthorized):
        OPSGENIE.post(None, action("Close"), secret="s3cret", headers={signature.header: "no"})
    assert OPSGENIE.post(None, action("Close"), secret="s3cret") is not None


@pytest.mark.parametrize(
    ("priority", "shown"),
    [("P1", "(P1)"), ("p2", "(P2)"), (3, "(P3)"), ("5", "(P5)"), ("Urgent", "(Urgent)")],
)
def test_every_priority_format_is_read(priority: object, shown: str) -> None:
    message = OPSGENIE.message(None, action("Create", priority=priority))
    assert message.content.startswith(f"**Opened** {shown} by **ann@example.com**")


def test_a_priority_of_another_type_is_named() -> None:
    with pytest.raises(BadPayload, match=r"^alert\.priority: expected a priority"):
        OPSGENIE.post(None, action("Create", priority={"level": 1}))


def test_an_alert_with_only_its_id() -> None:
    payload = {"action": "Acknowledge", "alert": {"alertId": "7ba97e3a"}}
    message = OPSGENIE.message(None, payload)
    assert message.topic == "Opsgenie"
    assert message.content == (
        "**Acknowledged**: [alert](https://app.opsgenie.com/alert/V2#/show/7ba97e3a)"
    )


def test_an_alert_without_an_id_is_not_linked() -> None:
    message = OPSGENIE.message(None, action("Close", alertId=None, tags=None))
    assert message.content == "**Closed** by **ann@example.com**: #23 Disk full on db-1"


@pytest.mark.parametrize("name", ["TestAction", "Restart service", "AcknowledgeAll"])
def test_actions_opsgenie_does_not_define_are_custom_actions(name: str) -> None:
    processed = OPSGENIE.process(None, action(name))
    assert processed.event == "CustomAction"
    assert processed.message is not None
    assert processed.message.content.startswith(f"`{name}` **run** by **ann@example.com**")


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        ("UpdateMessage", "**Message changed**"),
        ("Snooze", "**Snoozed**"),
        ("SnoozeEnded", "**Snooze ended**"),
        ("AddResponder", "**Responder added**"),
        ("AddDetails", "**Details added**"),
        ("RemoveDetails", "**Details removed**"),
        ("EscalateToNext", "**Escalated to the next level**"),
        ("UpdateDescription", "**Description changed**"),
    ],
)
def test_the_changes_opsgenie_defines_are_no_custom_actions(name: str, headline: str) -> None:
    processed = OPSGENIE.process(None, action(name))
    assert processed.event == name
    assert processed.message is not None
    assert processed.message.content.startswith(f"{headline} by **ann@example.com**")


def test_a_new_description_is_quoted() -> None:
    body = action("UpdateDescription", description="Replica **lag** above 30 s")
    assert "~~~ quote\nReplica **lag** above 30 s\n~~~" in OPSGENIE.message(None, body).content


def test_details_that_are_not_text_are_shown_as_sent() -> None:
    body = action("Create", details={"count": 3, "hosts": ["db-1", "db-2"], "ok": None})
    content = OPSGENIE.message(None, body).content
    assert "**count**: 3" in content
    assert '**hosts**: ["db-1", "db-2"]' in content


def test_a_custom_action_is_filtered_by_its_own_name_too() -> None:
    restart = action("Restart service")
    assert OPSGENIE.post(None, restart, query={"exclude_events": "Restart service"}) is None
    assert OPSGENIE.post(None, restart, query={"only_events": '["Restart service"]'}) is not None
    assert OPSGENIE.post(None, restart, query={"only_events": "CustomAction"}) is not None


def test_an_empty_action_is_refused() -> None:
    with pytest.raises(BadPayload, match=r"^action: expected the action's name"):
        OPSGENIE.post(None, action(" "))


@pytest.mark.parametrize(
    ("alert", "topic"),
    [
        ({}, "#23: Disk full on db-1"),
        ({"tinyId": None}, "Disk full on db-1"),
        ({"tinyId": None, "message": None, "alias": "disk-db-1"}, "disk-db-1"),
        ({"tinyId": None, "message": None}, "alert 052652ac-5d1c-464a-812a-7dd18bbfba8c"),
    ],
)
def test_a_topic_per_alert_falls_back_on_what_the_payload_has(
    alert: dict[str, Any], topic: str
) -> None:
    message = OPSGENIE.message(None, action("Close", **alert), query={"topic_per_alert": "true"})
    assert message.topic == topic


def test_the_alert_that_opens_and_the_one_that_closes_share_a_topic() -> None:
    for query in ({}, {"topic_per_alert": "true"}):
        opened = OPSGENIE.message(None, action("Create", priority="P1"), query=query)
        closed = OPSGENIE.message(None, action("Close"), query=query)
        assert opened.topic == closed.topic


@pytest.mark.parametrize(
    ("priority", "minimum", "posted"),
    [
        ("P1", "P2", True),
        ("P3", "P2", False),
        (2, "P2", True),
        (None, "P1", True),
        ("x", "P1", True),
    ],
)
def test_min_priority(priority: object, minimum: str, posted: bool) -> None:
    payload = action("Create", priority=priority)
    message = OPSGENIE.post(None, payload, query={"min_priority": minimum})
    assert (message is not None) is posted


def test_an_unknown_minimum_priority_is_refused() -> None:
    from integrations.core import BadRequest

    with pytest.raises(BadRequest, match="min_priority"):
        OPSGENIE.post(None, action("Close"), query={"min_priority": "P0"})


@pytest.mark.parametrize(
    ("tags", "posted"),
    [(["db-main"], True), (["web"], False), ([], False), (None, True)],
)
def test_tags_option(tags: list[str] | None, posted: bool) -> None:
    message = OPSGENIE.post(None, action("Acknowledge", tags=tags), query={"tags": "prod*,db-*"})
    assert (message is not None) is posted


def test_ignore_resolved_leaves_only_closed_alerts_out() -> None:
    query = {"ignore_resolved": "true"}
    assert OPSGENIE.post(None, action("Close"), query=query) is None
    assert OPSGENIE.post(None, action("Acknowledge"), query=query) is not None


def test_the_older_escalation_payload_passes_the_tag_filter() -> None:
    message = OPSGENIE.post(None, OPSGENIE.fixture("escalate.json"), query={"tags": "prod"})
    assert message is not None


def test_a_huge_note_fits_in_a_message() -> None:
    note = "A line of the note, with **bold**.\n" * 2000
    message = OPSGENIE.message(None, action("AddNote", note=note))
    assert len(message.content) <= MAX_CONTENT_LENGTH
    assert message.content.count("~~~ quote") == 1


def test_many_details_are_cut_with_a_count() -> None:
    details = {f"key{n:02}": f"value {n}" for n in range(25)}
    message = OPSGENIE.message(None, action("Create", details=details))
    assert "**key09**: value 9" in message.content
    assert "key10" not in message.content
    assert "[and 15 more details]" in message.content


def test_the_description_keeps_its_markdown_in_a_quote() -> None:
    description = "Steps:\n\n1. **Stop** the job\n2. See <https://wiki.example.com>"
    message = OPSGENIE.message(None, action("TestAction", description=description))
    assert "~~~ quote\nSteps:\n\n1. **Stop** the job" in message.content


def test_tags_added_as_a_list_with_spaces() -> None:
    payload = action("AddTags", addedTags=" a , b,,c ")
    assert "* **Added**: `a`, `b`, `c`" in OPSGENIE.message(None, payload).content


untrusted = untrusted_words("[x](javascript:y)", max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    message=untrusted,
    tags=st.lists(untrusted, max_size=3),
    note=untrusted,
    who=untrusted,
    entity=untrusted,
)
def test_no_text_from_opsgenie_makes_a_live_mention(
    message: str, tags: list[str], note: str, who: str, entity: str
) -> None:
    payload = action("AddNote", message=message, tags=tags, note=note, username=who, entity=entity)
    payload["integrationName"] = message
    for query in ({}, {"topic_per_alert": "true"}):
        posted = OPSGENIE.message(None, payload, query=query)
        assert_inert(posted.content)


def test_since_when_and_for_how_long() -> None:
    times = {"createdAt": 1713769949493, "updatedAt": 1713773579493000123}
    closed = OPSGENIE.message(None, action("Close", **times)).content
    acknowledged = OPSGENIE.message(None, action("Acknowledge", **times)).content
    created = OPSGENIE.message(None, action("Create", **times)).content
    assert closed.endswith("* **Open for**: 1 h 30 s")
    assert acknowledged.endswith("* **Open since**: <time:2024-04-22T07:12:29Z>")
    assert "Open" not in created.split("\n", 1)[1]


def test_times_of_another_type_are_left_out() -> None:
    message = OPSGENIE.message(None, action("Close", createdAt="yesterday", updatedAt=-1))
    assert "Open" not in message.content


def test_times_sent_as_digits_in_text_are_read() -> None:
    # Deliveries relayed from Site24x7 and Zabbix carry createdAt and updatedAt as text.
    message = OPSGENIE.message(None, OPSGENIE.fixture("close_times_as_text.json"))
    assert message.content.endswith("* **Open for**: 22 min")
