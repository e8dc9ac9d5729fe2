"""Focused tests of the Freshdesk integration: what the page's examples do not show.

Freshdesk's ``triggered_event`` in the spellings a rule may produce, bodies
written by hand (numbers without quotes, placeholders left unfilled, the
form content type Zulip's tests use), statuses an account added, notes
without an author, personal data left out, long and hostile text.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrations.core import BadPayload
from integrations.testing.webhooks import WebhookHarness, assert_inert
from integrations.zulip_markdown import render

FRESHDESK = WebhookHarness("freshdesk")
END = "END-OF-MESSAGE"


def rule(triggered_event: str | None, **fields: Any) -> dict[str, Any]:
    """A body as the page's rule sends it, with made-up values."""
    ticket: dict[str, Any] = {
        "ticket_id": "57",
        "ticket_url": "https://acme.freshdesk.com/helpdesk/tickets/57",
        "ticket_type": "Question",
        "ticket_subject": "Charged twice",
        "ticket_description": "<div>Hello</div>",
        "ticket_status": "Open",
        "ticket_priority": "Medium",
        "requester_name": "Ada Lovelace",
        "requester_email": "ada@example.com",
        "ticket_agent_name": "",
        "ticket_agent_email": "",
        "ticket_group": "",
        "ticket_latest_public_comment": "",
        "ticket_latest_private_comment": "",
    }
    if triggered_event is not None:
        ticket["triggered_event"] = triggered_event
    ticket.update(fields)
    return {"freshdesk_webhook": ticket}


def first_line(body: dict[str, Any], **options: Any) -> str:
    return FRESHDESK.message(None, body, **options).content.split("\n")[0]


@pytest.mark.parametrize(
    ("written", "event"),
    [
        ("{ticket_action:created}", "ticket_created"),
        ('{"ticket_action":"created"}', "ticket_created"),
        ("{ ticket_action : created }", "ticket_created"),
        ("{note_type:Private}", "private_note"),
        ("{status:{from:2,to:3}}", "status_changed"),
        ('{"status":{"from":"2","to":"3"}}', "status_changed"),
        ("{priority:{from:1, to:4}}", "priority_changed"),
        ("{responder_id:{from:,to:43}}", "agent_assigned"),
        ("{group_id:{from:null,to:null}}", "group_assigned"),
        ("{ticket_type:{from:Question,to:Incident}}", "other"),
        ("{ticket_action:deleted}", "other"),
        ("", "ticket"),
        ("{{triggered_event}}", "ticket"),
    ],
)
def test_every_spelling_of_the_event(written: str, event: str) -> None:
    assert FRESHDESK.process(None, rule(written)).event == event


@pytest.mark.parametrize("written", ["status changed", "{status}", "{:x}", "created"])
def test_an_event_in_another_notation_is_named(written: str) -> None:
    with pytest.raises(
        BadPayload, match=r"^freshdesk_webhook\.triggered_event: expected Freshdesk"
    ):
        FRESHDESK.post(None, rule(written))


def test_other_events_are_also_known_by_their_own_names() -> None:
    body = rule("{ticket_type:{from:Question,to:Incident}}")
    assert FRESHDESK.process(None, body, query={"only_events": "ticket_type"}).skipped == (
        FRESHDESK.process(None, body).skipped
    )
    assert "only_events" in str(
        FRESHDESK.process(None, body, query={"exclude_events": "ticket_type"}).skipped
    )


def test_a_number_without_quotes_is_read() -> None:
    message = FRESHDESK.message(None, rule("{ticket_action:created}", ticket_id=57))
    assert message.topic == "#57: Charged twice"


def test_a_number_of_another_type_is_named() -> None:
    with pytest.raises(
        BadPayload, match=r"^freshdesk_webhook\.ticket_id: expected text, got a list"
    ):
        FRESHDESK.post(None, rule("{ticket_action:created}", ticket_id=[57]))


def test_placeholders_left_unfilled_are_empty() -> None:
    body = rule(
        "{ticket_action:created}",
        ticket_type="{{ticket.ticket_type}}",
        ticket_agent_name="{{ticket.agent.name}}",
    )
    assert first_line(body) == (
        "**Ada Lovelace** (ada@example.com) opened"
        " [ticket #57](https://acme.freshdesk.com/helpdesk/tickets/57):"
        " priority **Medium**, status **Open**."
    )


def test_the_form_content_type_of_zulips_tests() -> None:
    message = FRESHDESK.message(
        None,
        FRESHDESK.fixture_bytes("ticket_created.json"),
        content_type="application/x-www-form-urlencoded",
    )
    assert message.topic == "#11: Test ticket subject ☃"


def test_a_status_an_account_added_shows_its_number() -> None:
    body = rule("{status:{from:9,to:2}}", ticket_status="")
    assert first_line(body) == (
        "[Ticket #57](https://acme.freshdesk.com/helpdesk/tickets/57) is now **Open** (was status 9)."
    )


def test_the_new_status_by_name_wins_over_the_number() -> None:
    body = rule("{status:{from:2,to:12}}", ticket_status="Awaiting parts")
    assert "is now **Awaiting parts** (was Open)." in first_line(body)


@pytest.mark.parametrize(
    "written", ["{status:{from:2,to:4}}{priority:{from:1,to:3}}", "{status:{from:2,to:4},x:y}"]
)
def test_a_trigger_that_goes_on_after_its_change_tells_the_first(written: str) -> None:
    body = rule(written, ticket_status="")
    assert first_line(body) == (
        "[Ticket #57](https://acme.freshdesk.com/helpdesk/tickets/57) is now **Resolved** (was Open)."
    )


def test_an_agent_unassigned() -> None:
    body = rule("{responder_id:{from:43,to:null}}")
    assert first_line(body).endswith("is no longer assigned to an agent.")


def test_an_agent_known_only_by_id() -> None:
    body = rule("{responder_id:{from:null,to:43}}")
    assert first_line(body).endswith("is now assigned to **agent 43**.")


def test_a_note_without_its_author() -> None:
    body = rule("{note_type:public}", ticket_latest_public_comment="<div>We are on it.</div>")
    content = FRESHDESK.message(None, body).content
    assert content.startswith("A **public note** (the requester sees it) was added to [ticket #57]")
    assert "~~~ quote\nWe are on it.\n~~~" in content


def test_a_note_with_personal_data_hidden() -> None:
    body = rule(
        "{note_type:private}",
        ticket_latest_private_comment="Grace Hopper : <div>Mail ada@example.com back.</div>",
    )
    content = FRESHDESK.message(None, body, query={"hide_personal_data": "true"}).content
    assert content == (
        "A **private note** (agents only) was added to"
        " [ticket #57](https://acme.freshdesk.com/helpdesk/tickets/57):\n\n"
        "~~~ quote\nMail (e-mail address hidden) back.\n~~~"
    )


def test_a_ticket_without_its_address_or_subject() -> None:
    body = rule("{priority:{from:1,to:4}}", ticket_url="", ticket_subject="", ticket_priority="")
    message = FRESHDESK.message(None, body)
    assert message.topic == "#57"
    assert message.content.startswith("Ticket #57 is now **Urgent** priority (was Low).")


def test_a_long_description_is_cut_and_the_message_fits() -> None:
    body = rule("{ticket_action:created}", ticket_description="<div>" + "word " * 5000 + "</div>")
    message = FRESHDESK.message(None, body)
    assert len(message.content) < 7000
    assert message.content.endswith("…\n~~~")


PIECES = [
    "a",
    " ",
    "<div>",
    "</div>",
    "<br>",
    "<b>",
    "<a href='javascript:x'>",
    "</a>",
    "<img src='http://x.io/a.png'>",
    "```",
    "~~~",
    "@**all**",
    "@_**Ada|12**",
    "@*team*",
    "# ",
    "\n",
    "&lt;",
    "ada@example.com",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(description=TEXT, subject=TEXT, name=TEXT, note=TEXT, hide=st.booleans())
def test_no_text_from_a_ticket_pings_anyone_or_leaves_the_quote(
    description: str, subject: str, name: str, note: str, hide: bool
) -> None:
    query = {"hide_personal_data": "true"} if hide else {}
    for body in (
        rule(
            "{ticket_action:created}",
            ticket_description=description,
            ticket_subject=subject,
            requester_name=name,
            ticket_agent_name=name,
        ),
        rule("{note_type:private}", ticket_latest_private_comment=f"{name} : {note}"),
        rule("{responder_id:{from:1,to:2}}", ticket_agent_name=name, ticket_group=name),
    ):
        content = str(FRESHDESK.message(None, body, query=query).content)
        assert_inert(content)
        assert render(content + f"\n\n{END}").endswith(f"<p>{END}</p>\n"), content
        if hide:
            assert "ada@example.com" not in content


def test_the_requester_under_freshdesks_simple_webhook_names() -> None:
    body = {
        "freshdesk_webhook": {
            "triggered_event": "{ticket_action:created}",
            "ticket_id": "123",
            "ticket_subject": "Cannot log in",
            "ticket_requester_name": "Jane Roe",
            "ticket_requester_email": "jane@example.com",
        }
    }
    assert FRESHDESK.message(None, body).content == (
        "**Jane Roe** (jane@example.com) opened ticket #123."
    )
    hidden = FRESHDESK.message(None, body, query={"hide_personal_data": "true"}).content
    assert "Jane" not in hidden
    assert "jane@" not in hidden
