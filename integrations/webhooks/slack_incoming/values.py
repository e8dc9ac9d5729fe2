"""Reading the loosely typed values Slack senders write.

Slack is lenient: a field's value may be a number where a string is
documented, a timestamp may be a number or a numeric string, a flag may be
``true`` or ``1``. These readers accept what a genuine sender writes and
leave a clear error for what is not a value at all.
"""

from __future__ import annotations

import json
from typing import Any

from integrations.core import Payload
from integrations.webhooks.slack_incoming.references import timestamp


def text_of(node: Payload) -> str | None:
    """A string, or a number or flag written as one (``42``, ``true``); None when missing or
    null."""
    if not node.exists():
        return None
    value = node.raw()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return node.string()


def number_of(node: Payload) -> float | None:
    """A number, or a numeric string (``"1655945306.123"``); None for anything else."""
    if not node.exists():
        return None
    value = node.raw()
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return timestamp(str(value))
    if isinstance(value, str):
        return timestamp(value)
    return None


def flag_or(node: Payload, default: bool) -> bool:
    """A flag that has a default when it is missing or null (``mrkdwn`` is on unless unset)."""
    value = node.raw() if node.exists() else None
    return default if value is None else flag_of(node)


def flag_of(node: Payload) -> bool:
    """``true``, ``1`` or ``"true"``: whether a flag is set."""
    value = node.raw() if node.exists() else None
    return value is True or value == 1 or (isinstance(value, str) and value.lower() == "true")


def items_of(node: Payload) -> list[Payload]:
    """A list, or a list written as a JSON string (some senders encode ``blocks`` twice); an
    empty string, what a template writes for a list it has not got, is none."""
    if not node.exists():
        return []
    value: Any = node.raw()
    if isinstance(value, str) and not value.strip():
        return []
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):
            parsed = None
        if isinstance(parsed, list):
            return Payload(parsed, node.path).array()
    return node.array()
