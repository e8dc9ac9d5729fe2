"""The noise options as guards: each applied by the core before any handler, read only when set.

A monitoring integration's URL options leave deliveries out: what has
resolved, what ranks too low, what is about another service. Each is a
guard, which the core asks after routing and before the handler. A guard
reads the payload only when its option is set, so a URL without it never
fails on it; and a delivery that does not say what the option asks about
is posted: an option never hides what it cannot judge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from integrations.core import Delivery, FlagOption, Guard, Option, PatternsOption, Payload

T = TypeVar("T")

IGNORE_RESOLVED = "ignore_resolved"


def when_set(option: Option[T], drops: Callable[[Payload, Delivery, T], bool]) -> Guard:
    """A guard on ``option``: ``drops(payload, delivery, value)`` is asked only when it is set."""

    def check(payload: Payload, delivery: Delivery) -> bool:
        value = delivery.options[option]
        return value != option.default and drops(payload, delivery, value)

    return Guard(option.name, (option,), check)


def ignore_resolved(is_resolved: Callable[[Payload, Delivery], bool], *, help: str) -> Guard:
    """``ignore_resolved``: what ``is_resolved`` says has resolved (closed, back up) posts nothing.

    Every monitoring integration takes the option by this name; ``help``
    says what resolved means for its service.
    """
    option = FlagOption(IGNORE_RESOLVED, help=help)
    return when_set(option, lambda payload, delivery, _: is_resolved(payload, delivery))


def only_named(
    option: PatternsOption, names_of: Callable[[Payload, Delivery], Iterable[str] | None]
) -> Guard:
    """Only what one of the option's patterns names: a service, a monitor, an environment.

    ``names_of`` gives the names a delivery goes by; None when the payload
    does not say, and then the delivery passes.
    """

    def other(payload: Payload, delivery: Delivery, patterns: object) -> bool:
        names = names_of(payload, delivery)
        return names is not None and not delivery.options[option].matches_any(names)

    return when_set(option, other)
