"""Buildbot: builds starting and finishing, from Buildbot's Zulip or HTTP status reporter.

Buildbot's ``ZulipStatusPush`` reporter posts a small body whose ``event``
is ``new`` (a build started) or ``finished``; its generic ``HttpStatusPush``
posts the build itself, whose ``complete`` says which. ``declaration``
declares the integration and reads the event either way; ``readers`` reads
both shapes into one ``Build``; importing ``builds`` registers the handlers.
"""

# isort: off
from integrations.webhooks.buildbot.declaration import integration
from integrations.webhooks.buildbot import builds

# isort: on

__all__ = ["builds", "integration"]
