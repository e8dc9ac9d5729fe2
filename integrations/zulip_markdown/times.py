"""Global times, ``<time:2024-05-01T10:00:00Z>``: read as Zulip reads them.

Zulip's server accepts an ISO 8601 time or a Unix timestamp, takes a time
without a zone as UTC, and marks it up as ``<time datetime="...Z">``; its web
app then shows it in the reader's time zone. Here the text is a readable UTC
time, which the site's script turns into the reader's local time.
"""

from __future__ import annotations

from datetime import UTC, datetime

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_time(text: str) -> datetime | None:
    """The UTC time ``text`` stands for, or None if Zulip would not read it."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.fromtimestamp(float(text), tz=UTC)
        except (ValueError, OverflowError, OSError):
            return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def machine_time(moment: datetime) -> str:
    """The ``datetime`` attribute, in Zulip's form: ISO 8601 ending in ``Z``."""
    return moment.isoformat().replace("+00:00", "Z")


def readable_time(moment: datetime) -> str:
    """``Wed, May 1, 2024, 10:00 UTC``: English whatever the build's locale."""
    day = _DAYS[moment.weekday()]
    month = _MONTHS[moment.month - 1]
    return f"{day}, {month} {moment.day}, {moment.year}, {moment:%H:%M} UTC"
