"""The ``changes`` object of ``issue:updated`` and ``repo:updated``: old and new values."""

from __future__ import annotations

from contextlib import suppress

from integrations.core import BadPayload, Payload

VALUE_CHARACTERS = 80  # of one old or new value; descriptions can be long
NAME_KEYS = ("display_name", "nickname", "name", "title")


def changed(label: str, change: Payload) -> str:
    """A change as "Title: Bug → Crash on start"; empty when the field did not change."""
    if not change.exists():
        return ""
    return f"{label}: {shown(change['old'])} → {shown(change['new'])}"


def shown(value: Payload) -> str:
    """A changed value as text: a string, the name of an object, yes or no; "none" for nothing."""
    if not value.exists():
        return "none"
    for key in NAME_KEYS:
        if key in value:
            return clipped(value[key].string()) or "none"
    with suppress(BadPayload):
        return clipped(value.string()) or "none"
    with suppress(BadPayload):
        return "yes" if value.boolean() else "no"
    with suppress(BadPayload):
        return str(value.integer())
    # A list or an object without a name: say so rather than fail the whole message.
    return "(not shown)"


def clipped(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= VALUE_CHARACTERS else line[: VALUE_CHARACTERS - 1].rstrip() + "…"
