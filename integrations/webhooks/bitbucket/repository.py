"""The repository itself: forks, settings, transfers, and repositories created or deleted."""

from __future__ import annotations

from integrations.common.code_hosting import activity, fork, who
from integrations.core import Delivery, Message, Payload, bullet_list, md
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.edits import edits_of
from integrations.webhooks.bitbucket.readers import actor_of, repo_of, user_of

# Repository settings worth a line when they change, in the order shown.
SETTINGS = {
    "name": "Name",
    "full_name": "Full name",
    "description": "Description",
    "website": "Website",
    "language": "Language",
    "mainbranch": "Main branch",
    "is_private": "Private",
    "has_issues": "Issue tracker",
    "has_wiki": "Wiki",
    "fork_policy": "Forking",
    "project": "Project",
}


@integration.handles("repo:fork")
def on_fork(payload: Payload, delivery: Delivery) -> Message:
    """Who forked the repository, and the fork.

    Bitbucket's trigger: Fork.
    """
    return fork(repo_of(payload["repository"]), actor_of(payload), repo_of(payload["fork"]))


@integration.handles("repo:updated")
def on_repository_updated(payload: Payload, delivery: Delivery) -> Message:
    """Who changed which settings: name, description, website, language, main branch,
    visibility...

    Bitbucket's trigger: Updated.
    """
    listed = bullet_list([edit.note for edit in edits_of(payload["changes"], SETTINGS)])
    head = md("{who} changed the repository settings").format(who=who(actor_of(payload)))
    content = head + md(":\n\n") + listed if listed else head + md(".")
    return activity(repo_of(payload["repository"]), content)


@integration.handles("repo:transfer")
def on_transfer(payload: Payload, delivery: Delivery) -> Message:
    """Who transferred the repository, and from whom.

    Bitbucket's trigger: Transfer accepted.
    """
    sentence = md("{who} transferred the repository").format(who=who(actor_of(payload)))
    previous = payload["previous_owner"]
    if previous.exists():
        sentence += md(" from {}").format(who(user_of(previous)))
    return activity(repo_of(payload["repository"]), sentence + md("."))


# Each key of a workspace webhook's news of a repository, and its verb.
HAPPENINGS = {"repo:created": "created", "repo:imported": "imported", "repo:deleted": "deleted"}


@integration.handles(*HAPPENINGS)
def on_repository(payload: Payload, delivery: Delivery) -> Message:
    """Who created, imported or deleted the repository; only workspace webhooks send these."""
    sentence = md("{who} {verb} the repository.").format(
        who=who(actor_of(payload)), verb=HAPPENINGS[delivery.event]
    )
    return activity(repo_of(payload["repository"]), sentence)
