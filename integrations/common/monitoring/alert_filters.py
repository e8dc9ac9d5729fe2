"""Which alerts of a group a URL wants: resolved ones or not, how severe, with which labels.

The options apply to each alert of a notification, since one notification
can hold alerts of several states, severities and labels: the handler
tells only the alerts they let through. A notification left with none
posts nothing, said by the guard of the option that left the last one out.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from integrations.common.monitoring.alert_groups import Alert, Group
from integrations.common.monitoring.noise import IGNORE_RESOLVED, when_set
from integrations.common.monitoring.severity import MIN_SEVERITY, severe_enough
from integrations.core import Delivery, FlagOption, Guard, Option, Patterns, PatternsOption, Payload

# An alert as the filters see it: its labels, and whether it is firing.
Labelled = tuple[Mapping[str, str], bool]
AlertFilter = Callable[[Mapping[str, str], bool, Delivery], bool]


class LabelPatternsOption(PatternsOption):
    """``name=pattern`` pairs, ``env=prod,team=db-*``; a name alone asks that the label exists."""

    @property
    def accepts(self) -> str:
        return "comma-separated label=value pairs, with * wildcards in the values"

    def parse(self, text: str) -> Patterns:
        patterns = super().parse(text)
        for pattern in patterns.patterns:
            if not pattern.partition("=")[0].strip():
                raise ValueError(f"{pattern!r} does not name a label: write label=value")
        return patterns


IGNORE_RESOLVED_ALERTS = FlagOption(
    IGNORE_RESOLVED,
    help="Leave resolved alerts out; post nothing when every alert of a notification is resolved.",
)
LABELS = LabelPatternsOption(
    "labels",
    help="Post only alerts with these labels: label=value pairs, * wildcards in the value.",
    placeholder="env=prod,team=db-*",
)


def labels_match(labels: Mapping[str, str], patterns: Patterns) -> bool:
    """Each label the patterns name must match one of its patterns; ``name`` alone is ``name=*``.

    ``team=a,team=b,env=prod*`` wants team ``a`` or ``b``, and an ``env``
    starting with ``prod``; an alert without a label named is left out.
    """
    wanted: dict[str, list[str]] = {}
    for pattern in patterns.patterns:
        name, _, value = pattern.partition("=")
        wanted.setdefault(name.strip(), []).append(value.strip() or "*")
    return all(
        name in labels and any(fnmatch.fnmatchcase(labels[name], value) for value in values)
        for name, values in wanted.items()
    )


def _resolved_passes(labels: Mapping[str, str], firing: bool, delivery: Delivery) -> bool:
    return firing or not delivery.options[IGNORE_RESOLVED_ALERTS]


def _severity_passes(labels: Mapping[str, str], firing: bool, delivery: Delivery) -> bool:
    return severe_enough(labels.get("severity") or None, delivery)


def _labels_pass(labels: Mapping[str, str], firing: bool, delivery: Delivery) -> bool:
    return labels_match(labels, delivery.options[LABELS])


_FILTERS: tuple[tuple[Option[Any], AlertFilter], ...] = (
    (IGNORE_RESOLVED_ALERTS, _resolved_passes),
    (MIN_SEVERITY, _severity_passes),
    (LABELS, _labels_pass),
)


def alert_wanted(labels: Mapping[str, str], *, firing: bool, delivery: Delivery) -> bool:
    """Whether every option lets through an alert with these labels (``severity`` among them)."""
    return all(passes(labels, firing, delivery) for _, passes in _FILTERS)


def wanted_alerts(group: Group, delivery: Delivery) -> list[Alert]:
    """The alerts of a notification every option lets through, in its order."""
    return [
        alert
        for alert in group.alerts
        if alert_wanted(alert.labels, firing=alert.firing, delivery=delivery)
    ]


def alert_guards(alerts_of: Callable[[Payload, Delivery], Iterable[Labelled]]) -> tuple[Guard, ...]:
    """A guard per option, dropping a notification none of whose alerts it lets through.

    ``alerts_of`` reads the notification's alerts; it is asked only when the option is set.
    """

    def guard(option: Option[Any], passes: AlertFilter) -> Guard:
        def drops(payload: Payload, delivery: Delivery, value: object) -> bool:
            alerts = alerts_of(payload, delivery)
            return not any(passes(labels, firing, delivery) for labels, firing in alerts)

        return when_set(option, drops)

    return tuple(guard(option, passes) for option, passes in _FILTERS)
