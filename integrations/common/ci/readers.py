"""Reading what every CI payload has: optional text, numbers, times, people.

CI services leave out, null or blank what a run does not have (a tag's
branch, a started build's finish), send numbers as text or as numbers, and
write times as ISO 8601 text or Unix seconds or milliseconds. The readers of
text and times are the monitoring family's, which mean the same: None for
all of those, and a field of the wrong type named.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from integrations.common.monitoring.readers import text_of, time_of
from integrations.core import BadPayload, Payload, duration

__all__ = ["number_text", "person_name", "text_of", "time_of", "time_taken"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ADDRESS = re.compile(r"\s*<[^<>]*>\s*\Z")


def number_text(node: Payload) -> str | None:
    """A build's or a job's number, which services send as text (``"4601"``) or as a number."""
    try:
        return text_of(node)
    except BadPayload:
        return str(node.integer())


def time_taken(started: datetime | None, stopped: datetime | None) -> str | None:
    """``4 min 32 s`` from start to stop; None when either is unknown or they are out of order.

    A time at or before 1970 is a time that did not happen (services write
    the epoch, or Go's zero time, for "not yet").
    """
    if started is None or stopped is None or started <= _EPOCH or stopped < started:
        return None
    return duration((stopped - started).total_seconds())


def person_name(text: str) -> str:
    """``Ada Lovelace <ada@example.com>`` as ``Ada Lovelace``; an address alone stays."""
    return _ADDRESS.sub("", text).strip() or text.strip()
