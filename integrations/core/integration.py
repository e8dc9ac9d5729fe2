"""How an integration is declared: once, with everything the catalog needs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any, ClassVar, TypeVar

from integrations.core.categories import CATEGORIES
from integrations.core.errors import IntegrationError, UnsupportedEvent
from integrations.core.events import EventSource
from integrations.core.fixtures import FixtureEvents
from integrations.core.guards import Guard
from integrations.core.markup import bold, md
from integrations.core.message import Message, truncate_topic
from integrations.core.options import (
    COMMON_OPTIONS,
    EXCLUDE_EVENTS,
    ONLY_EVENTS,
    TOPIC,
    Option,
    Options,
)
from integrations.core.payload import Payload
from integrations.core.request import BodyReader, WebhookRequest, json_body
from integrations.core.routing import Actions, Delivery, Handler, Ignored, Routes
from integrations.core.signatures import SignatureCheck

_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")

H = TypeVar("H", bound=Handler)


class Integration:
    """What every kind of integration declares about itself."""

    kind: ClassVar[str] = "integration"

    def __init__(
        self,
        *,
        name: str,
        display_name: str,
        description: str,
        categories: Sequence[str],
        aliases: Sequence[str] = (),
        home: Path | None = None,
    ) -> None:
        if not _NAME.match(name) or not all(_NAME.match(alias) for alias in aliases):
            raise ValueError(f"integration name {name!r} must be lower case letters, digits, _")
        unknown = [category for category in categories if category not in CATEGORIES]
        if unknown or not categories:
            raise ValueError(
                f"{name}: categories must be some of {sorted(CATEGORIES)}, got {list(categories)}"
            )
        if not description.strip() or "\n" in description:
            raise ValueError(f"{name}: the description is one line of text")
        self.name = name
        # Other names its URL may use, such as Zulip's name for the same integration.
        self.aliases = tuple(aliases)
        self.display_name = display_name
        self.description = description
        self.categories = tuple(categories)
        # The folder holding the integration's code, fixtures and logo; the
        # registry fills it in from the module it found the integration in.
        self.home = home

    @property
    def logo(self) -> Path | None:
        if self.home is None:
            return None
        path = self.home / "logo.svg"
        return path if path.exists() else None

    @property
    def fixtures(self) -> Path | None:
        return None if self.home is None else self.home / "fixtures"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class ScriptIntegration(Integration):
    """A script the tool runs, such as a git hook, that posts through the Zulip API.

    ``files`` are the files a user installs, script first, then its config.
    """

    kind: ClassVar[str] = "script"

    def __init__(
        self,
        *,
        name: str,
        display_name: str,
        description: str,
        categories: Sequence[str],
        files: Sequence[str],
        home: Path | None = None,
    ) -> None:
        super().__init__(
            name=name,
            display_name=display_name,
            description=description,
            categories=categories,
            home=home,
        )
        self.files = tuple(files)


class PluginIntegration(ScriptIntegration):
    """Code loaded into the host program itself, such as a Mercurial hook or a Trac component."""

    kind: ClassVar[str] = "plugin"


class WebhookIntegration(Integration):
    """An incoming webhook: a service POSTs an event; we turn it into a message.

    Everything about routing is declared, once:

    * ``events``: where the event's name is (a header, a field of the body);
    * ``actions``: where an event's action is, for events routed by action;
    * ``@integration.handles(event, action=...)``: the handler of an event,
      or of some of its actions; it returns the ``Message`` to post, or None
      to post nothing for this payload;
    * ``integration.ignores(event, action=..., reason=...)``: what is left
      out on purpose, and why;
    * ``options`` and ``guards``: URL parameters beyond those every webhook
      understands (``topic``, ``only_events``, ``exclude_events``), and rules
      that drop deliveries before any handler runs;
    * ``fixture_events``: which event a fixture file is, by its name;
    * ``triggers``: what the service's webhook settings call an event (the
      box a user ticks), for the documentation;
    * ``filter_names``: other names ``only_events``/``exclude_events`` know a
      delivery by: Zulip's, so a URL moved from Zulip's own integration
      filters the same events;
    * ``delivery_id``: how the service names one delivery, so one sent twice
      is recognised (by default the usual headers: ``X-GitHub-Delivery``,
      ``X-Gitlab-Event-UUID``, Standard Webhooks' ``webhook-id``...);
    * ``reply``: fields a server adds to its success answer, for services
      that read it (a Slack-compatible sender looks for ``"ok": true``);
    * ``unquote_url_parameters``: the service encodes the URL's ``stream``
      and ``topic`` twice (Jira, Bitbucket), so a server decodes them once
      more, as Zulip does for these services.

    The core routes, filters and rejects; handlers never re-dispatch.
    """

    kind: ClassVar[str] = "webhook"

    def __init__(
        self,
        *,
        name: str,
        display_name: str,
        description: str,
        categories: Sequence[str],
        events: EventSource,
        actions: Actions | None = None,
        body: BodyReader = json_body,
        signature: SignatureCheck | None = None,
        options: Sequence[Option[Any]] = (),
        guards: Sequence[Guard] = (),
        fixture_events: FixtureEvents | None = None,
        triggers: Mapping[str, str] | None = None,
        filter_names: Callable[[Payload, Delivery], Iterable[str]] | None = None,
        delivery_id: Callable[[WebhookRequest, Payload], str | None] | None = None,
        aliases: Sequence[str] = (),
        reply: Mapping[str, Any] | None = None,
        unquote_url_parameters: bool = False,
        home: Path | None = None,
    ) -> None:
        super().__init__(
            name=name,
            display_name=display_name,
            description=description,
            categories=categories,
            aliases=aliases,
            home=home,
        )
        self.event_source = events
        self.read_body = body
        self.signature = signature
        self.routes = Routes(name, actions)
        self.guards = tuple(guards)
        self.options = _unique_options(
            [*COMMON_OPTIONS, *options, *(option for guard in guards for option in guard.options)]
        )
        # By default, the part of a fixture's name before ``__`` is its event.
        self.fixture_events = fixture_events or FixtureEvents()
        self.triggers = dict(triggers or {})
        self.filter_names = filter_names
        self.delivery_id = delivery_id or delivery_id_header
        self.reply = dict(reply or {})
        self.unquote_url_parameters = unquote_url_parameters

    # Declarations ---------------------------------------------------------

    def handles(self, *events: str, action: str | Sequence[str] | None = None) -> Callable[[H], H]:
        """Register the decorated function as the handler of ``events`` (and ``action``)."""

        def register(handler: H) -> H:
            self.routes.add(events, action, handler)
            return handler

        return register

    def ignores(self, *events: str, action: str | Sequence[str] | None = None, reason: str) -> None:
        """Declare that ``events`` (or these actions of them) post nothing, and why."""
        if not reason.strip():
            raise ValueError(f"{self.name}: say why {events} are ignored")
        self.routes.add(events, action, Ignored(" ".join(reason.split())))

    @property
    def events(self) -> tuple[str, ...]:
        """Every event the integration declares, handled or ignored."""
        return self.routes.events

    @property
    def actions(self) -> Actions | None:
        return self.routes.actions

    def event_for_fixture(self, file: str | PurePath) -> str | None:
        """The event a fixture file is, by its name; None when it rides in the body or is unsaid."""
        if self.event_source.fixed_event is not None or self.event_source.in_payload:
            return None
        return self.fixture_events.event_for(file)

    # Processing -----------------------------------------------------------

    def handle(self, request: WebhookRequest, *, secret: str | None = None) -> Message | None:
        """Turn one request into the message to post, or None for nothing.

        Raises ``IntegrationError`` (``BadRequest``, ``BadPayload``,
        ``UnsupportedEvent``, ``Unauthorized``) for requests that cannot
        become a message. ``secret``, when configured, is checked first.
        """
        return self.process(request, secret=secret).message

    def process(self, request: WebhookRequest, *, secret: str | None = None) -> Processed:
        """Like ``handle``, and also says which event the request carried."""
        if secret and self.signature is not None:
            self.signature.verify(request, secret)
        return self.dispatch(request, Payload(self.read_body(request)))

    def dispatch(self, request: WebhookRequest, payload: Payload) -> Processed:
        """Route a parsed payload: options, event, action, filters, ignores, guards, handler.

        What the URL's ``only_events``/``exclude_events`` leave out is never
        an error, even for an event nothing handles.
        """
        processed = self._dispatch(request, payload)
        if processed.message is None:
            return processed
        try:
            delivery_id = self.delivery_id(request, payload)
        except IntegrationError:
            delivery_id = None
        return replace(processed, delivery_id=delivery_id)

    def _dispatch(self, request: WebhookRequest, payload: Payload) -> Processed:
        options = Options.read(self.options, request.query)
        event = self.event_source.event_of(request, payload)
        if not self.routes.knows(event):
            if not _wanted(options, Delivery(event)):
                return Processed(event, None, skipped="left out by only_events/exclude_events")
            raise UnsupportedEvent(self.name, event)
        delivery = Delivery(event, self.routes.action_of(event, payload), options)
        if not _wanted(options, delivery, self._other_names(payload, delivery)):
            return Processed(
                event, None, delivery.action, skipped="left out by only_events/exclude_events"
            )
        target = self.routes.route(delivery).target
        if isinstance(target, Ignored):
            return Processed(event, None, delivery.action, skipped=target.reason)
        for guard in self.guards:
            if guard.drops(payload, delivery):
                return Processed(event, None, delivery.action, skipped=f"left out by {guard.name}")
        message = target(payload, delivery)
        topic = options[TOPIC].strip()
        # Compared as Zulip will store it: a long topic= is cut to 60 characters.
        if message is not None and topic and truncate_topic(topic) != message.topic:
            message = _in_topic(message, topic)
        return Processed(event, message, delivery.action)

    def _other_names(self, payload: Payload, delivery: Delivery) -> list[str]:
        """Other names of the delivery, for the event filters; none if they cannot be read."""
        if self.filter_names is None:
            return []
        try:
            return list(self.filter_names(payload, delivery))
        except IntegrationError:
            return []


@dataclass(frozen=True)
class Processed:
    """The event a request carried, its action, and the message it became (None: nothing).

    ``skipped`` says why nothing was posted when the core decided it (an
    ignore's reason, a filter, a guard); a handler's None leaves it empty.
    """

    event: str
    message: Message | None
    action: str = ""
    skipped: str | None = None
    # How the service names this delivery, to recognise it when sent again.
    delivery_id: str | None = None

    @property
    def name(self) -> str:
        return f"{self.event}.{self.action}" if self.action else self.event


# Headers in which services name a delivery (its retries carry the same).
DELIVERY_ID_HEADERS = (
    "X-GitHub-Delivery",
    "X-Gitlab-Event-UUID",
    "X-Gitea-Delivery",
    "X-Request-UUID",
    "webhook-id",
    "X-Webhook-Id",
)


def delivery_id_header(request: WebhookRequest, payload: Payload) -> str | None:
    """The delivery's id from the first of the usual headers that carries one."""
    for header in DELIVERY_ID_HEADERS:
        value = request.headers.get(header, "").strip()
        if value:
            return value[:200]
    return None


def _in_topic(message: Message, topic: str) -> Message:
    """``message`` in the topic the URL chose; it starts with the topic it would have had.

    That topic says what the message is about (a pull request and its title,
    a branch, an alert); in a topic chosen for a whole channel it would
    otherwise be lost.
    """
    said = md("{}").format(bold(message.topic)) + md("\n") + message.content
    return Message(topic=topic, content=said)


def _wanted(options: Options, delivery: Delivery, other_names: Sequence[str] = ()) -> bool:
    """Whether ``only_events``/``exclude_events`` let a delivery through.

    A pattern may name the event (``pull_request``), the event and its action
    (``pull_request.opened``), or any other name the integration gives the
    delivery (Zulip's ``opened_pull_request``).
    """
    names = [delivery.event, *other_names]
    if delivery.action:
        names.append(delivery.name)
    only, excluded = options[ONLY_EVENTS], options[EXCLUDE_EVENTS]
    if only and not only.matches_any(names):
        return False
    return not excluded.matches_any(names)


def _unique_options(options: Sequence[Option[Any]]) -> tuple[Option[Any], ...]:
    """Each option once, in order; two different options of one name are a mistake."""
    seen: dict[str, Option[Any]] = {}
    for option in options:
        known = seen.setdefault(option.name, option)
        if known is not option:
            raise ValueError(f"two different options are named {option.name!r}")
    return tuple(seen.values())
