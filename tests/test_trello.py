"""Focused tests of the Trello integration: what the page's examples do not show.

The update's action read from ``action.data.old`` at its edges, the
signature over the body and the URL Trello called, the delivery id, label
payloads of today's shape, actions that leave out names, sizes, and a
property test that names and comments never mention anyone.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import re
from typing import Any

import pytest
from hypothesis import given, settings

from integrations.core import Unauthorized, UnsupportedEvent
from integrations.core.message import MAX_CONTENT_LENGTH
from integrations.core.signatures import HmacSignature, body_and_url
from integrations.testing.webhooks import WebhookHarness, assert_inert
from tests.strategies import markdown_fragments

TRELLO = WebhookHarness("trello")
SECRET = "power-up-secret"


def action(kind: str, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "5c6f2a114e959901fe61a7f0",
        "idMemberCreator": "m1",
        "type": kind,
        "data": {
            "board": {"shortLink": "iqXXzYEj", "name": "Roadmap", "id": "b1"},
            "card": {"shortLink": "9BduUcVQ", "idShort": 8, "name": "Ship it", "id": "c1"},
            **data,
        },
        "memberCreator": {"id": "m1", "fullName": "Ada Lovelace", "username": "ada"},
    }
    base.update(extra)
    return {"model": {"id": "b1", "name": "Roadmap"}, "action": base}


def post(body: Any, **options: Any) -> Any:
    return TRELLO.post(None, body, **options)


# The update's action ---------------------------------------------------------


def test_a_move_between_lists_is_told_even_when_the_position_changed_too() -> None:
    body = action(
        "updateCard",
        {
            "listBefore": {"name": "To Do"},
            "listAfter": {"name": "Done"},
            "old": {"pos": 1024, "idList": "l1"},
        },
    )
    processed = TRELLO.process(None, body)
    assert processed.name == "updateCard.idList"
    assert processed.message is not None
    assert "from **To Do** to **Done**" in processed.message.content


def test_a_field_whose_old_value_was_null_still_names_the_change() -> None:
    body = action("updateCard", {"old": {"due": None}})
    body["action"]["data"]["card"]["due"] = "2026-03-01T15:00:00.000Z"
    message = post(body)
    assert "set the due date of" in message.content
    assert "<time:2026-03-01T15:00:00Z>" in message.content


def test_an_update_of_a_field_nobody_declared_is_refused_naming_it() -> None:
    with pytest.raises(UnsupportedEvent, match=r"updateCard\.mirrorSourceId"):
        post(action("updateCard", {"old": {"mirrorSourceId": None}}))


@pytest.mark.parametrize("kind", ["updateCard", "updateList", "updateBoard"])
@pytest.mark.parametrize("data", [{"old": {}}, {}], ids=["empty", "missing"])
def test_an_update_that_names_no_field_posts_nothing_and_says_why(
    kind: str, data: dict[str, Any]
) -> None:
    processed = TRELLO.process(None, action(kind, data))
    assert processed.message is None
    assert processed.skipped is not None
    assert "names no changed field" in processed.skipped


def test_only_events_can_pick_one_kind_of_update() -> None:
    moved = action("updateCard", {"listAfter": {"name": "Done"}, "old": {"idList": "l1"}})
    renamed = action("updateCard", {"old": {"name": "Ship"}})
    query = {"only_events": "updateCard.idList"}
    assert post(moved, query=query) is not None
    assert post(renamed, query=query) is None


def test_list_and_board_updates_are_routed_by_their_field_too() -> None:
    moved_list = action("updateList", {"list": {"name": "Done"}, "old": {"pos": 3}})
    assert TRELLO.process(None, moved_list).skipped is not None
    reopened = action("updateBoard", {"old": {"closed": True}})
    reopened["action"]["data"]["board"]["closed"] = False
    assert "reopened [Roadmap](https://trello.com/b/iqXXzYEj)" in post(reopened).content


# Shapes beyond the fixtures ---------------------------------------------------


def test_labels_of_todays_shape_name_the_label_and_its_colour() -> None:
    body = action("addLabelToCard", {"label": {"id": "l", "name": "Urgent", "color": "red"}})
    assert "added the label **Urgent** (red) to" in post(body).content
    unnamed = action("removeLabelFromCard", {"label": {"id": "l", "name": "", "color": "sky"}})
    assert "removed the sky label from" in post(unnamed).content


def test_leaving_a_card_reads_as_leaving() -> None:
    body = action(
        "removeMemberFromCard", {"idMember": "m1"}, member={"id": "m1", "fullName": "Ada"}
    )
    assert post(body).content.startswith("**Ada Lovelace** left [Ship it]")


def test_an_action_without_names_still_reads() -> None:
    body = action("createCard", {})
    del body["action"]["memberCreator"]
    del body["action"]["data"]["board"]
    body["action"]["data"]["card"] = {"id": "c1", "idShort": 8}
    message = post(body)
    assert message.topic == "Trello"
    assert message.content == "**Someone** created **card #8**."


def test_a_list_deleted_for_good() -> None:
    body = action("deleteList", {"list": {"id": "l9", "name": "Old ideas"}})
    assert post(body).content == "**Ada Lovelace** deleted the list **Old ideas**."


def test_a_card_brought_from_an_inbox_is_new_to_the_board() -> None:
    body = action("moveInboxCardToBoard", {"list": {"id": "l1", "name": "To Do"}})
    assert post(body).content == (
        "**Ada Lovelace** added [Ship it](https://trello.com/c/9BduUcVQ) to **To Do** from their"
        " Inbox."
    )


@pytest.mark.parametrize(
    "kind",
    ["sortList", "createInboxCard", "unconfirmedBoardInvitation", "butlerRuleFailedBoard"],
)
def test_actions_of_trellos_newer_types_that_are_not_news_post_nothing(kind: str) -> None:
    processed = TRELLO.process(None, action(kind, {}))
    assert processed.message is None
    assert processed.skipped


def test_a_board_member_added_as_an_admin() -> None:
    body = action(
        "addMemberToBoard", {"memberType": "admin"}, member={"id": "m2", "fullName": "Grace"}
    )
    assert post(body).content.endswith("to [Roadmap](https://trello.com/b/iqXXzYEj) as an admin.")


def test_a_due_date_marked_not_complete() -> None:
    body = action("updateCard", {"old": {"dueComplete": True}})
    body["action"]["data"]["card"]["dueComplete"] = False
    assert "marked [Ship it](https://trello.com/c/9BduUcVQ) not complete" in post(body).content


def test_an_attachment_that_is_not_a_web_address_is_not_linked() -> None:
    body = action(
        "addAttachmentToCard", {"attachment": {"name": "x", "url": "javascript:alert(1)"}}
    )
    assert "](javascript" not in post(body).content


# Signature and delivery id ----------------------------------------------------


def test_the_signature_is_trellos_hmac_of_the_body_and_the_callback_url() -> None:
    signature = TRELLO.integration.signature
    assert isinstance(signature, HmacSignature)
    assert (signature.header, signature.algorithm, signature.encoding) == (
        "X-Trello-Webhook",
        "sha1",
        "base64",
    )
    assert signature.signed is body_and_url
    body = TRELLO.fixture_bytes("adding_comment_to_card.json")
    query = {"api_key": "k", "stream": "boards"}
    url = TRELLO.request(None, body, query=query).url
    mac = hmac.new(SECRET.encode(), body + url.encode(), hashlib.sha1).digest()
    genuine = {"X-Trello-Webhook": base64.b64encode(mac).decode()}
    assert post(body, query=query, headers=genuine, secret=SECRET) is not None
    # The same signature is not valid for another URL: the URL is signed.
    with pytest.raises(Unauthorized):
        post(body, query={**query, "stream": "other"}, headers=genuine, secret=SECRET)


def test_the_action_id_names_the_delivery() -> None:
    processed = TRELLO.process(None, TRELLO.fixture_bytes("creating_card.json"))
    assert processed.delivery_id == "572b84076b9f7ff48a8c6639"
    body = action("createCard", {})
    del body["action"]["id"]
    assert TRELLO.process(None, body).delivery_id is None


# Size and untrusted text ------------------------------------------------------


def test_a_huge_comment_and_card_name_fit_the_limits() -> None:
    body = action("commentCard", {"text": "word " * 20000})
    body["action"]["data"]["card"]["name"] = "n" * 3000
    body["action"]["data"]["board"]["name"] = "b" * 500
    message = post(body)
    assert len(message.content) <= MAX_CONTENT_LENGTH
    assert len(message.topic) == 60


text = markdown_fragments()

_PING = re.compile(r'class="[^"]*\b(?:user-mention|user-group-mention|topic-mention)\b')


@settings(max_examples=200, deadline=None)
@given(name=text, person=text, comment=text, label=text)
def test_names_and_comments_are_inert(name: str, person: str, comment: str, label: str) -> None:
    body = action("commentCard", {"text": comment})
    data = body["action"]["data"]
    data["card"]["name"] = name
    data["list"] = {"name": label}
    body["action"]["memberCreator"]["fullName"] = person
    for kind, extra in (
        ("commentCard", {}),
        ("createCard", {}),
        ("addLabelToCard", {"label": {"name": label, "color": label}}),
        ("updateCheckItemStateOnCard", {"checkItem": {"name": label, "state": "complete"}}),
    ):
        variant = copy.deepcopy(body)
        variant["action"]["type"] = kind
        variant["action"]["data"].update(extra)
        content = post(variant).content
        if kind == "commentCard":
            # The comment keeps its Markdown, inside a quote: only mentions must be inert.
            assert not _PING.search(re.sub(r"<(code|pre)\b[^>]*>.*?</\1>", "", render(content)))
        else:
            assert_inert(content)


def render(content: str) -> str:
    from integrations.zulip_markdown import render as zulip_render

    return zulip_render(content)


def custom_field_event(field: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    return {
        "action": {
            "id": "65f1c2a9d4e8b70c3a1f2e44",
            "type": "updateCustomFieldItem",
            "data": {
                "card": {"name": "Checkout page", "shortLink": "xPKXoSTQ"},
                "board": {"name": "Welcome Board", "shortLink": "iqXXzYEj"},
                "customField": field,
                "customFieldItem": item,
                "old": {"value": None},
            },
            "memberCreator": {"fullName": "Ada"},
        }
    }


@pytest.mark.parametrize(
    ("field", "item", "said"),
    [
        (
            {
                "name": "Priority",
                "type": "list",
                "options": [{"id": "o1", "value": {"text": "High"}}],
            },
            {"value": None, "idValue": "o1"},
            "set **Priority** on {card} to **High**.",
        ),
        (
            {"name": "Priority", "type": "list"},
            {"idValue": "o1"},
            "changed **Priority** on {card}.",
        ),
        (
            {"name": "Signed off", "type": "checkbox"},
            {"value": {"checked": "true"}},
            "set **Signed off** on {card} to **checked**.",
        ),
        (
            {"name": "Launch", "type": "date"},
            {"value": {"date": "2024-03-20T11:00:00.000Z"}},
            "set **Launch** on {card} to <time:2024-03-20T11:00:00Z>.",
        ),
        ({"name": "Estimate"}, {"value": None}, "cleared **Estimate** on {card}."),
        ({}, {}, "cleared **a custom field** on {card}."),
    ],
)
def test_a_custom_field_of_every_kind(
    field: dict[str, Any], item: dict[str, Any], said: str
) -> None:
    card = "[Checkout page](https://trello.com/c/xPKXoSTQ)"
    message = TRELLO.message("updateCustomFieldItem", custom_field_event(field, item))
    assert message.content == "**Ada** " + said.format(card=card)
