"""Zulip's names for Bitbucket's events, so ``only_events``/``exclude_events`` move over unchanged.

Zulip's Bitbucket Cloud integration (``bitbucket2``) does not use the
``X-Event-Key`` in its filters: it names each delivery from the keys of its
payload (``push``, ``fork``, ``commit_comment``, ``change_commit_status``,
``issue_created``...), and only pull requests from the header, as
``pull_request_<action>``. Here each key has its Zulip name in a table;
pull requests follow Zulip's pattern for every action, also those Zulip
does not post (``pull_request_changes_request_created``), so a URL's
``pull_request_*`` covers them too.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.core import Delivery, Payload

# The name Zulip gives each event key.
ZULIP_NAMES = {
    "repo:push": "push",
    "repo:fork": "fork",
    "repo:updated": "repo:updated",
    "repo:commit_comment_created": "commit_comment",
    "repo:commit_status_created": "change_commit_status",
    "repo:commit_status_updated": "change_commit_status",
    "issue:created": "issue_created",
    "issue:updated": "issue_updated",
    "issue:comment_created": "issue_commented",
}
PULL_REQUEST = "pullrequest:"


def zulip_names(payload: Payload, delivery: Delivery) -> Iterable[str]:
    """The name Zulip's own integration gives this delivery, where it has one."""
    if delivery.event in ZULIP_NAMES:
        return [ZULIP_NAMES[delivery.event]]
    if delivery.event.startswith(PULL_REQUEST):
        action = delivery.event.removeprefix(PULL_REQUEST)
        # Zulip reads a payload that carries ``push`` as a push, whatever its key.
        if action == "push" and "push" in payload:
            return ["push"]
        return [f"pull_request_{action}"]
    return []
