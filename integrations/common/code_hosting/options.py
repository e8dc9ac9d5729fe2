"""The URL options every code host shares: a branch filter and leaving out private repositories.

Each integration attaches them with one line: ``options=[BRANCHES]`` and
``guards=[private_repositories(is_public)]``, where ``is_public`` is the
service's own way of telling from a payload whether its repository is
public. The guard drops a delivery before any handler runs; the branch
filter is asked by the handlers of events about a branch (pushes, CI).
"""

from __future__ import annotations

from collections.abc import Callable

from integrations.core.guards import Guard
from integrations.core.options import FlagOption, PatternsOption
from integrations.core.payload import Payload
from integrations.core.routing import Delivery

BRANCHES = PatternsOption(
    "branches",
    help="Post pushes and CI results only for these branches (comma-separated, * wildcards).",
    placeholder="main,release-*",
)

FULL_REPOSITORY_NAME = FlagOption(
    "full_repository_name",
    help="Name repositories as owner/name in topics, for a channel several owners share.",
)


def topic_name(short: str, full: str | None, delivery: Delivery) -> str:
    """The repository's name in topics: the short one, as Zulip's own integrations use it."""
    return full if full and delivery.options[FULL_REPOSITORY_NAME] else short


IGNORE_PRIVATE_REPOSITORIES = FlagOption(
    "ignore_private_repositories",
    help="Post nothing about a repository that is not public.",
)


def branch_wanted(branch: str | None, delivery: Delivery) -> bool:
    """Whether ``branches`` lets news of ``branch`` through; news of no branch always passes."""
    return branch is None or delivery.options[BRANCHES].allows(branch)


def private_repositories(is_public: Callable[[Payload, Delivery], bool]) -> Guard:
    """``ignore_private_repositories``: only deliveries ``is_public`` vouches for are posted.

    ``is_public`` is asked only when the option is set, so without it nothing
    is read and nothing can be wrong with it. It should answer False when the
    payload does not say, so the option never leaks what it was asked to hide.
    """

    def drops(payload: Payload, delivery: Delivery) -> bool:
        return delivery.options[IGNORE_PRIVATE_REPOSITORIES] and not is_public(payload, delivery)

    return Guard(IGNORE_PRIVATE_REPOSITORIES.name, (IGNORE_PRIVATE_REPOSITORIES,), drops)
