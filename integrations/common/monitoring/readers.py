"""Reading the fields every monitoring payload has: optional text, times, web addresses.

Monitoring services leave fields out, send ``""`` or null for none, and
write times as ISO 8601 text or as Unix seconds or milliseconds; Go-based
ones (Alertmanager, Grafana) send ``0001-01-01T00:00:00Z``, Go's zero time,
for "not yet". These readers answer None to all of those, so a handler
treats every such field as optional, and still name a field whose type is
wrong.
"""

from __future__ import annotations

from datetime import datetime

from integrations.core import BadPayload, Payload, parse_time
from integrations.core.markup import safe_url
from integrations.core.payload import describe

Scalar = str | int | float | bool | None


def text_of(node: Payload) -> str | None:
    """A string field without its surrounding space; None when absent, null or blank."""
    text = node.string(default=None)
    return (text.strip() or None) if text else None


def strings_of(node: Payload) -> dict[str, str]:
    """A map of strings (labels, annotations, tags) in the order sent; empty when absent.

    A null value reads as ``""``: services send it for a label they have no value for.
    """
    return {key: value.string(default="") for key, value in node.object(default={}).items()}


def scalar_of(node: Payload) -> Scalar:
    """A string, number or boolean, whichever it is; None when absent or a list or an object."""
    value = node.raw() if node.exists() else None
    return value if isinstance(value, str | int | float | bool) else None


def time_of(node: Payload) -> datetime | None:
    """A time as ISO 8601 text or a Unix time (seconds or milliseconds, a number or digits).

    None when absent, unreadable, or Go's zero time; a list, an object or a
    boolean is a wrong type, named.
    """
    value = node.raw() if node.exists() else None
    if value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
        raise BadPayload(node.path, f"expected a time, got {describe(value)}")
    moment = parse_time(value)
    return None if moment is None or moment.year <= 1 else moment


def web_address(text: str | None) -> str | None:
    """``text`` when it is a web page's address (http or https) a link can point to; else None."""
    if not text or not text.strip().lower().startswith(("http://", "https://")):
        return None
    return text.strip() if safe_url(text) else None


def web_address_of(node: Payload) -> str | None:
    """A field holding a web address; None when absent, empty (``""`` is "none") or not one."""
    return web_address(node.string(default=None))
