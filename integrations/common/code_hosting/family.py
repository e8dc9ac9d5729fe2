"""Declaring a code host: what every one of them has, attached in one call.

A code host is a webhook in the version-control category that understands
the family's URL options: ``branches`` and, through its own ``is_public``
rule, ``ignore_private_repositories``. ``code_host(...)`` declares it with
those, so each integration says only what is its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from integrations.common.code_hosting.options import (
    BRANCHES,
    FULL_REPOSITORY_NAME,
    private_repositories,
)
from integrations.core.events import EventSource
from integrations.core.fixtures import FixtureEvents
from integrations.core.integration import WebhookIntegration
from integrations.core.options import Option
from integrations.core.payload import Payload
from integrations.core.request import BodyReader, json_body
from integrations.core.routing import Actions, Delivery
from integrations.core.signatures import SignatureCheck


def code_host(
    *,
    name: str,
    display_name: str,
    description: str,
    events: EventSource,
    actions: Actions,
    signature: SignatureCheck,
    is_public: Callable[[Payload, Delivery], bool],
    body: BodyReader = json_body,
    fixture_events: FixtureEvents | None = None,
    triggers: Mapping[str, str] | None = None,
    filter_names: Callable[[Payload, Delivery], Iterable[str]] | None = None,
    options: Sequence[Option[Any]] = (),
    aliases: Sequence[str] = (),
    unquote_url_parameters: bool = False,
) -> WebhookIntegration:
    """A ``WebhookIntegration`` of the family; ``is_public`` is the service's privacy rule."""
    return WebhookIntegration(
        name=name,
        display_name=display_name,
        description=description,
        categories=["version-control"],
        events=events,
        actions=actions,
        body=body,
        signature=signature,
        options=[BRANCHES, FULL_REPOSITORY_NAME, *options],
        guards=[private_repositories(is_public)],
        fixture_events=fixture_events,
        triggers=triggers,
        filter_names=filter_names,
        unquote_url_parameters=unquote_url_parameters,
        aliases=aliases,
    )
