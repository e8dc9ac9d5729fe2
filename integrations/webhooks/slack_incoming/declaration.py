"""The Slack-compatible incoming webhook, declared once: its one event, body and option."""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from typing import Any

from integrations.core import (
    FlagOption,
    Headers,
    SingleEvent,
    WebhookIntegration,
    WebhookRequest,
    form_field_json,
    json_body,
)

CHANNEL_AS_TOPIC = FlagOption(
    "channel_as_topic",
    help="Use the payload's channel (without # or @) as the topic, as Zulip's integration does.",
)

FORM = "application/x-www-form-urlencoded"
_FORM_FIELD = form_field_json("payload")
_HAS_PAYLOAD_FIELD = re.compile(rb"\A(?:[^&=]*=[^&]*&)*payload=")


def slack_body(request: WebhookRequest) -> Any:
    """JSON, or JSON in the ``payload`` form field, as Slack accepts both.

    The body says which, whatever the content type claims: ``curl -d
    '{...}'`` sends JSON as a form, and some senders label a form as JSON.
    A file saved with a byte order mark (Windows editors, PowerShell) is
    JSON all the same.
    """
    if request.body.startswith(codecs.BOM_UTF8):
        request = replace(request, body=request.body[len(codecs.BOM_UTF8) :])
    if request.body.lstrip()[:1] in (b"{", b"["):
        return json_body(request)
    if request.content_type == "application/json" and _HAS_PAYLOAD_FIELD.match(request.body):
        headers = Headers([*request.headers.items(), ("Content-Type", FORM)])
        request = replace(request, headers=headers)
    return _FORM_FIELD(request)


integration = WebhookIntegration(
    name="slack_incoming",
    display_name="Slack-compatible webhook",
    description="Messages from any tool that posts to a Slack incoming webhook, formatting kept.",
    categories=["communication", "meta-integration"],
    # A Slack webhook carries one kind of thing: a message to post.
    events=SingleEvent("message"),
    body=slack_body,
    options=[CHANNEL_AS_TOPIC],
    # Senders written for Slack check its answer's "ok", as Zulip's own answers it.
    reply={"ok": True},
)
