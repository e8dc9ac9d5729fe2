"""Times and durations in messages: every reader sees a time in their own time zone.

Zulip renders ``<time:2024-04-22T07:12:29Z>`` in each reader's zone and
format, so a message never says "UTC" to someone in Tokyo. Services send
times as ISO 8601 text (with ``Z``, an offset, or none), or as seconds or
milliseconds since 1970; ``parse_time`` reads all of them and says None to
anything else, so a handler can treat a time as optional.
"""

from __future__ import annotations

from datetime import UTC, datetime

from integrations.core.markup import Markdown

# Seconds since 1970 beyond this are milliseconds (this is the year 5138 in seconds).
_MILLISECONDS_FROM = 100_000_000_000


def global_time(moment: datetime) -> Markdown:
    """``<time:…>``: the moment, in each reader's own time zone (a naive time is UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    stamp = moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Markdown(f"<time:{stamp}>")


def parse_time(value: object) -> datetime | None:
    """A time from ISO 8601 text or a Unix time (seconds or milliseconds); None if neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) >= _MILLISECONDS_FROM else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return parse_time(int(text))
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def duration(seconds: float) -> str:
    """``2 h 5 min``, ``3 min 3 s``, ``0 s``: the two largest units, whole numbers."""
    left = max(0, int(seconds))
    parts: list[str] = []
    for name, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        if left >= size or (name == "s" and not parts):
            parts.append(f"{left // size} {name}")
            left %= size
        if len(parts) == 2:
            break
    return " ".join(parts)
