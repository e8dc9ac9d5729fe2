"""Slack-compatible incoming webhooks: what any tool posts to Slack, posted to Zulip.

Many tools can post only to a Slack incoming webhook. Slack's webhook has
no events: each request is one message, as JSON or as JSON in a
``payload`` form field, in Slack's format: ``text`` in Slack's ``mrkdwn``,
Block Kit ``blocks`` and legacy ``attachments``. ``declaration`` declares
the integration, ``message`` posts; the rest converts, one job a module:
``mrkdwn`` (Slack's formatting), ``references`` (links, mentions, dates),
``blocks`` and ``rich_text`` (Block Kit), ``attachments``, ``layout``
(paragraphs and tables) and ``colors``.
"""

# isort: off
from integrations.webhooks.slack_incoming.declaration import integration
from integrations.webhooks.slack_incoming import message

# isort: on

__all__ = ["integration", "message"]
