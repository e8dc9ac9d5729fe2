"""Reading the body a New Relic workflow posts: a template its owner edits.

New Relic builds the body from the **Payload** template of the workflow's
webhook: its default one, the one on the integration's page, or one the
user wrote. So a field can be missing, or hold a string where a number was
meant (a quoted ``"{{ createdAt }}"``). ``Template`` reads leniently, and
keeps a list of what it could not read, which the message then states, so
the template's owner can fix it while the alert still gets through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from integrations.common.monitoring import Scalar, scalar_of
from integrations.core import BadPayload, Markdown, Payload, code, md, parse_time

# Templates that name their fields after New Relic's own variables
# (``issueTitle``, ``issuePageUrl``, ``accumulations.policyName``...), as
# other tools' setup guides write them, say what the default template's
# fields say: each field is read from its first name the payload has.
ALIASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "title": (("issueTitle",),),
    "issueUrl": (("issuePageUrl",),),
    "trigger": (("triggerEvent",),),
    "alertPolicyNames": (("accumulations", "policyName"),),
    "alertConditionNames": (("accumulations", "conditionName"),),
    "impactedEntities": (("entitiesData", "names"), ("entitiesData", "entities")),
}


def shown(value: Scalar) -> str:
    """A value as JSON writes it: ``true``, ``null``, ``13.33``, or the text itself."""
    return value if isinstance(value, str) else json.dumps(value)


def _whole(value: Scalar) -> int | None:
    """A whole number, sent as one or as its digits (a quoted ``"{{ createdAt }}"``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _item_name(item: Payload) -> Scalar:
    """A list's item as a name: itself, or the ``name`` of an object."""
    value = scalar_of(item)
    return value if value is not None else scalar_of(item["name"])


@dataclass
class Template:
    """A workflow's payload, read field by field, noting what is missing or unreadable."""

    payload: Payload
    problems: list[Markdown] = field(default_factory=list)
    _noted: set[str] = field(default_factory=set)

    def node(self, name: str) -> Payload:
        """The field ``name``, or the first of its aliases the payload has."""
        found = self.payload[name]
        for path in ALIASES.get(name, ()):
            if found.exists():
                break
            found = self.payload
            for key in path:
                found = found[key]
        return found if found.exists() else self.payload[name]

    def note(self, name: str, problem: Markdown) -> None:
        """Record what is wrong with a field, once however often it is read."""
        if name not in self._noted:
            self._noted.add(name)
            self.problems.append(problem)

    def text(self, name: str) -> str | None:
        """A string (or a number, as its digits); None when absent, blank or not text."""
        node = self.node(name)
        if not node.exists():
            return None
        value = scalar_of(node)
        if value is None and isinstance(node.raw(), list):
            # A template that writes ``{{ json annotations.title }}`` sends the list the
            # default template takes the first item of.
            listed = self.texts(name)
            if listed:
                return ", ".join(listed)
        if value is None or isinstance(value, bool):
            self.note(name, md("{} is not text").format(code(name)))
            return None
        text = shown(value).strip()
        return text or None

    def texts(self, name: str) -> list[str]:
        """A list of names (or a single one); empty when absent. An item that is an object
        (``entitiesData.entities``) is named by its ``name``."""
        try:
            items = self.node(name).array(default=[])
        except BadPayload:
            single = self.text(name)
            return [single] if single else []
        names = [shown(value) for item in items if (value := _item_name(item)) is not None]
        return [name.strip() for name in names if name.strip()]

    def count(self, name: str) -> int | None:
        node = self.node(name)
        if not node.exists():
            return None
        number = _whole(scalar_of(node))
        if number is not None:
            return number
        self.note(name, md("{} is not a number").format(code(name)))
        return None

    def time(self, name: str) -> datetime | None:
        """A time New Relic gives in milliseconds since 1970; None when absent or unreadable."""
        node = self.node(name)
        if not node.exists():
            return None
        value = scalar_of(node)
        millis = _whole(value)
        moment = parse_time(millis) if millis is not None else None
        if moment is not None:
            return moment
        problem = md("{} is not a time in milliseconds").format(code(name))
        if value is not None:
            problem += md(" ({})").format(code(shown(value)[:40]))
        self.note(name, problem)
        return None

    def missing(self, names: tuple[str, ...]) -> list[str]:
        return [name for name in names if not self.node(name).exists()]
