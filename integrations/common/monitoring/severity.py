"""How severe something is: the severity ladder of alert labels, and P1 to P5 priorities.

Prometheus-style alerts (Alertmanager, Grafana) carry a ``severity`` label
whose words are each team's own: ``critical``, ``page``, ``P1``, ``minor``...
They are ranked on one ladder, ``info`` < ``warning`` < ``error`` <
``critical``; a word not on it cannot be ranked, and ``min_severity`` then
lets its alert through. Incident tools (PagerDuty, Opsgenie) rank by
priority instead, ``P1`` the highest; ``min_priority`` keeps what ranks at
least as high, and lets through what has no priority.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from integrations.common.monitoring.noise import when_set
from integrations.core import ChoiceOption, Delivery, Guard, Payload

# The ladder, least to most severe, and the other words teams use for its rungs.
SEVERITIES = ("info", "warning", "error", "critical")
_WORDS = {
    "info": ("info", "informational", "information", "notice", "low", "debug", "none", "p4", "p5"),
    "warning": ("warning", "warn", "medium", "moderate", "minor", "average", "p3"),
    "error": ("error", "err", "high", "major", "severe", "p2"),
    "critical": ("critical", "crit", "fatal", "emergency", "emerg", "page", "disaster", "p1"),
}
_RUNG = {word: rung for rung, words in _WORDS.items() for word in words}

MIN_SEVERITY = ChoiceOption(
    "min_severity",
    help="Post only alerts whose severity label is at least this; alerts without one pass.",
    choices=("all", *SEVERITIES),
    default="all",
)


def severity_of(word: str | None) -> str | None:
    """The ladder's word for a severity (``page`` is ``critical``); None when it has none."""
    return _RUNG.get((word or "").strip().lower())


def severity_rank(word: str | None) -> int | None:
    """Where a severity stands: 0 for ``info`` ... 3 for ``critical``; None when not ranked."""
    rung = severity_of(word)
    return SEVERITIES.index(rung) if rung else None


def severe_enough(severity: str | None, delivery: Delivery) -> bool:
    """Whether ``min_severity`` lets an alert of this severity through (unranked ones pass)."""
    least = delivery.options[MIN_SEVERITY]
    rank = severity_rank(severity)
    return least == "all" or rank is None or rank >= SEVERITIES.index(least)


# Priorities, highest first; "P3", "p3" and a bare 3 are the same.
PRIORITIES = ("P1", "P2", "P3", "P4", "P5")
_PRIORITY = re.compile(r"P?(\d+)\Z", re.IGNORECASE)

MIN_PRIORITY = ChoiceOption(
    "min_priority",
    help="Post only what is of this priority or higher (P1 is the highest); what has none passes.",
    choices=("all", *reversed(PRIORITIES)),
    default="all",
)


def priority_rank(priority: str | None) -> int | None:
    """1 for P1, 2 for P2...; None for no priority, or one named otherwise."""
    found = _PRIORITY.match((priority or "").strip())
    return int(found.group(1)) if found else None


def min_priority(rank_of: Callable[[Payload, Delivery], int | None]) -> Guard:
    """``min_priority``: leaves out what ranks below; ``rank_of`` says None when it cannot tell."""

    def too_low(payload: Payload, delivery: Delivery, least: str) -> bool:
        rank = rank_of(payload, delivery)
        return rank is not None and rank > PRIORITIES.index(least) + 1

    return when_set(MIN_PRIORITY, too_low)
