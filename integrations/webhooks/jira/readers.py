"""Reading Jira's payloads: the issue, who acted, and the names of the people it mentions.

Jira has sent these payloads for over ten years, from Server 5 to today's
Cloud, and a site's configuration shapes them: fields are missing, null,
or hidden (Cloud leaves out e-mail addresses), custom fields appear under
generated keys. So only the issue's key is required of an issue; the rest
is read where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrations.core import BadPayload, Payload

_REST = re.compile(r"(https?://.+?)/rest/")
_ISSUE_IN_COMMENT = re.compile(r"/issue/([^/]+)/comment/")
MAX_PEOPLE_DEPTH = 8


def text_of(node: Payload) -> str | None:
    """A text field; None when absent, null, blank, or not text (Jira varies by version)."""
    try:
        text = node.string(default=None)
    except BadPayload:
        return None
    return text.strip() if text and text.strip() else None


def name_of(node: Payload) -> str | None:
    """A named thing (a priority, a status, an issue type): its ``name``."""
    try:
        node.object(default=None)
    except BadPayload:
        return text_of(node)
    return text_of(node["name"]) or text_of(node["value"])


def site_of(node: Payload) -> str | None:
    """The site's address from a REST address Jira gives (``self``), as Zulip finds it."""
    found = _REST.match(text_of(node) or "")
    return found.group(1) if found else None


def person_of(node: Payload) -> str | None:
    """A user by the name Jira shows: ``displayName``, else the user name."""
    return text_of(node["displayName"]) or text_of(node["name"]) or text_of(node["key"])


@dataclass(frozen=True)
class Issue:
    key: str
    summary: str | None
    url: str | None
    type: str | None = None
    priority: str | None = None
    status: str | None = None
    assignee: str | None = None

    @property
    def topic(self) -> str:
        """``PROJ-123: summary``, the topic Zulip's Jira integration uses."""
        return f"{self.key}: {self.summary}" if self.summary else self.key


def issue_of(payload: Payload) -> Issue:
    """The payload's ``issue``; for an old comment event without one, the issue's id."""
    node = payload["issue"]
    if not node.exists():
        return _issue_of_comment(payload)
    return issue_from(node)


def issue_from(node: Payload) -> Issue:
    """An issue as Jira's REST API writes it: ``key``, ``self`` and its ``fields``."""
    fields = node["fields"]
    key = text_of(node["key"])
    if key is None:
        identifier = text_of(node["id"])
        if identifier is None:
            raise BadPayload(node["key"].path, "expected the issue's key, but it is missing")
        key = identifier
    site = site_of(node["self"])
    return Issue(
        key=key,
        summary=text_of(fields["summary"]),
        url=f"{site}/browse/{key}" if site else None,
        type=name_of(fields["issuetype"]),
        priority=name_of(fields["priority"]),
        status=name_of(fields["status"]),
        assignee=person_of(fields["assignee"]),
    )


def _issue_of_comment(payload: Payload) -> Issue:
    """Some old Jira versions send a comment event without its issue; its address names it."""
    address = payload["comment"]["self"]
    found = _ISSUE_IN_COMMENT.search(text_of(address) or "")
    if found is None:
        raise BadPayload(payload["issue"].path, "expected the issue, but it is missing")
    return Issue(key=f"Issue {found.group(1)}", summary=None, url=None)


def actor_of(payload: Payload) -> str | None:
    """Who did it: the payload's ``user``."""
    return person_of(payload["user"])


def people_of(payload: Payload) -> dict[str, str]:
    """Every user the payload describes, by account id, key and name, to their display name.

    Mentions in text name people by id (``[~accountid:5b10…]``) or user
    name (``[~admin]``); the payload often describes them elsewhere (the
    author, the assignee, the earlier comments).
    """
    names: dict[str, str] = {}
    _collect(payload, names, 0)
    try:
        items = payload["changelog"]["items"].array(default=[])
    except BadPayload:
        items = []
    for item in items:
        if text_of(item["field"]) in ("assignee", "reporter"):
            for identifier, shown in (("from", "fromString"), ("to", "toString")):
                found, name = text_of(item[identifier]), text_of(item[shown])
                if found and name:
                    names.setdefault(found, name)
    return names


def _collect(node: Payload, names: dict[str, str], depth: int) -> None:
    if depth > MAX_PEOPLE_DEPTH:
        return
    try:
        fields = node.object(default=None)
    except BadPayload:
        fields = None
    if fields is not None:
        shown = text_of(node["displayName"])
        if shown:
            for key in ("accountId", "key", "name"):
                identifier = text_of(node[key])
                if identifier:
                    names.setdefault(identifier, shown)
        for child in fields.values():
            _collect(child, names, depth + 1)
        return
    try:
        items = node.array(default=None)
    except BadPayload:
        return
    for item in items or []:
        _collect(item, names, depth + 1)
