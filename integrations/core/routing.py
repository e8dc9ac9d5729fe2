"""Declarative routing: which handler answers an event and its action, and what is ignored.

A webhook declares, once:

* where the action of an event is (``Actions("action")``, or a path per
  event such as ``object_attributes.action``);
* its handlers, per event and, where the event has actions, per action:
  ``@integration.handles("pull_request", action=("opened", "reopened"))``;
* what it ignores on purpose, with the reason a reader sees:
  ``integration.ignores("pull_request", action="labeled", reason=...)``.

An event is routed either as a whole or by its action, never both: once one
declaration names actions for an event, every action of it must be declared,
and an undeclared one is an unsupported event (``pull_request.frobbed``).
The declarations are also what the documentation, the ping message and the
coverage rule read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from integrations.core.errors import UnsupportedEvent
from integrations.core.message import Message
from integrations.core.options import Options
from integrations.core.payload import Payload


@dataclass(frozen=True)
class Delivery:
    """What a handler knows besides the payload: the event, its action and the URL options.

    ``action`` is empty for an event routed as a whole.
    """

    event: str
    action: str = ""
    options: Options = field(default_factory=Options)

    @property
    def name(self) -> str:
        """``event.action``, or the event alone: how errors and filters name a delivery."""
        return f"{self.event}.{self.action}" if self.action else self.event


Handler = Callable[[Payload, Delivery], Message | None]


@dataclass(frozen=True)
class Ignored:
    """An event or action the integration leaves out on purpose, and why."""

    reason: str


Target = Handler | Ignored


def _path(text: str) -> tuple[str, ...]:
    parts = tuple(text.split("."))
    if not all(parts):
        raise ValueError(f"{text!r} is not a field path such as 'object_attributes.action'")
    return parts


class Actions:
    """Where an event's action is in the payload.

    ``field`` is the path for every event (``"action"``); ``per_event`` gives
    other paths for some events (``{"Release Hook": "action"}``).
    ``when_missing`` names the action of payloads that do not carry one,
    per event (older versions of a service, sample payloads).
    """

    def __init__(
        self,
        field: str | None = None,
        *,
        per_event: Mapping[str, str] | None = None,
        when_missing: Mapping[str, str] | None = None,
    ) -> None:
        self.field = _path(field) if field else None
        self.per_event = {event: _path(path) for event, path in (per_event or {}).items()}
        self.when_missing = dict(when_missing or {})

    def path_for(self, event: str) -> tuple[str, ...] | None:
        return self.per_event.get(event, self.field)

    def describe(self, event: str) -> str:
        path = self.path_for(event)
        return ".".join(path) if path else ""

    def action_of(self, event: str, payload: Payload) -> str:
        path = self.path_for(event)
        if path is None:
            raise ValueError(f"no field is declared for the action of {event!r}")
        node = payload
        for key in path:
            node = node[key]
        default = self.when_missing.get(event)
        return node.string() if default is None else node.string(default)


@dataclass(frozen=True)
class Declaration:
    """One ``handles`` or ``ignores``: its events, its actions (None: the whole event)."""

    events: tuple[str, ...]
    actions: tuple[str, ...] | None
    target: Target

    @property
    def ignored(self) -> Ignored | None:
        return self.target if isinstance(self.target, Ignored) else None

    @property
    def handler(self) -> Handler | None:
        return None if isinstance(self.target, Ignored) else self.target

    @property
    def description(self) -> str:
        """What the handler posts (its docstring's first paragraph), or why it is ignored."""
        if isinstance(self.target, Ignored):
            return self.target.reason
        doc = (self.target.__doc__ or "").strip()
        return " ".join(doc.split("\n\n", 1)[0].split())


@dataclass(frozen=True)
class Route:
    """Where one delivery goes: a handler, or an ignore with its reason."""

    delivery: Delivery
    target: Target


class Routes:
    """An integration's table of declarations, checked as they are added."""

    def __init__(self, owner: str, actions: Actions | None) -> None:
        self.owner = owner
        self.actions = actions
        self.declarations: list[Declaration] = []
        # event -> action (None: the whole event) -> what answers it
        self._table: dict[str, dict[str | None, Target]] = {}

    def add(
        self, events: Sequence[str], action: str | Sequence[str] | None, target: Target
    ) -> None:
        if not events:
            raise ValueError(f"{self.owner}: name at least one event")
        actions = (action,) if isinstance(action, str) else tuple(action) if action else None
        for event in events:
            self._add(event, actions, target)
        self.declarations.append(Declaration(tuple(events), actions, target))

    def _add(self, event: str, actions: tuple[str, ...] | None, target: Target) -> None:
        if not event.strip():
            raise ValueError(f"{self.owner}: an event name cannot be empty")
        entries = self._table.setdefault(event, {})
        if actions is None:
            if None in entries:
                raise ValueError(f"{self.owner}: {event!r} is declared twice")
            if entries:
                raise ValueError(f"{self.owner}: {event!r} is declared as a whole and by action")
            entries[None] = target
            return
        if self.actions is None or self.actions.path_for(event) is None:
            raise ValueError(
                f"{self.owner}: {event!r} is routed by action, but no action field is declared"
            )
        if None in entries:
            raise ValueError(f"{self.owner}: {event!r} is declared as a whole and by action")
        for action in actions:
            if action in entries:
                raise ValueError(f"{self.owner}: {event}.{action} is declared twice")
            entries[action] = target

    @property
    def events(self) -> tuple[str, ...]:
        """Every declared event, handled or ignored, in the order declared."""
        return tuple(self._table)

    def by_action(self, event: str) -> bool:
        entries = self._table.get(event, {})
        return bool(entries) and None not in entries

    def actions_of(self, event: str) -> tuple[str, ...]:
        return tuple(action for action in self._table.get(event, {}) if action is not None)

    def handled(self) -> Iterator[tuple[str, str | None]]:
        """(event, action) pairs that have a handler; action None for a whole event."""
        for event, entries in self._table.items():
            for action, target in entries.items():
                if not isinstance(target, Ignored):
                    yield event, action

    def ignored(self) -> Iterator[tuple[str, str | None, Ignored]]:
        for event, entries in self._table.items():
            for action, target in entries.items():
                if isinstance(target, Ignored):
                    yield event, action, target

    def never_posted(self, event: str) -> bool:
        """Whether every declaration of ``event`` is an ignore."""
        entries = self._table.get(event) or {}
        return bool(entries) and all(isinstance(target, Ignored) for target in entries.values())

    def knows(self, event: str) -> bool:
        return event in self._table

    def action_of(self, event: str, payload: Payload) -> str:
        """The action of a delivery of ``event``; empty when the event is routed as a whole."""
        if not self.by_action(event) or self.actions is None:
            return ""
        return self.actions.action_of(event, payload)

    def route(self, delivery: Delivery) -> Route:
        """The handler or ignore for ``delivery``; ``UnsupportedEvent`` when nothing is declared."""
        entries = self._table.get(delivery.event)
        if entries is None:
            raise UnsupportedEvent(self.owner, delivery.event)
        target = entries.get(delivery.action if self.by_action(delivery.event) else None)
        if target is None:
            raise UnsupportedEvent(self.owner, delivery.name)
        return Route(delivery, target)
