"""The repository itself: forks, settings, transfers, and repositories created or deleted."""

from __future__ import annotations

from dataclasses import replace

from integrations.common.code_hosting import activity, fork, repo_link, who
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
    repo = repo_of(payload["repository"], delivery)
    return fork(repo, actor_of(payload), repo_of(payload["fork"], delivery))


@integration.handles("repo:updated")
def on_repository_updated(payload: Payload, delivery: Delivery) -> Message:
    """Who changed which settings, each with its old and new value: name, description, website,
    language, main branch, visibility...

    Bitbucket's trigger: Updated.
    """
    repo = repo_of(payload["repository"], delivery)
    listed = bullet_list([edit.note for edit in edits_of(payload["changes"], SETTINGS)])
    head = md("{who} changed the settings of {repo}").format(
        who=who(actor_of(payload)), repo=repo_link(repo)
    )
    content = head + md(":\n\n") + listed if listed else head + md(".")
    return activity(repo, content)


@integration.handles("repo:transfer")
def on_transfer(payload: Payload, delivery: Delivery) -> Message:
    """Who transferred the repository, from whom, and its new name.

    Bitbucket's trigger: Transfer accepted.
    """
    repo = repo_of(payload["repository"], delivery)
    sentence = md("{who} transferred the repository").format(who=who(actor_of(payload)))
    previous = payload["previous_owner"]
    if previous.exists():
        sentence += md(" from {}").format(who(user_of(previous)))
    sentence += md("; it is now {}.").format(repo_link(repo))
    return activity(repo, sentence)


# Each key of a workspace webhook's news of a repository, and its verb.
HAPPENINGS = {"repo:created": "created", "repo:imported": "imported", "repo:deleted": "deleted"}


@integration.handles(*HAPPENINGS)
def on_repository(payload: Payload, delivery: Delivery) -> Message:
    """Who created, imported or deleted the repository; only workspace webhooks send these."""
    repo = repo_of(payload["repository"], delivery)
    # A deleted repository's page is gone: name it without a link.
    shown = replace(repo, url=None) if delivery.event == "repo:deleted" else repo
    sentence = md("{who} {verb} the repository {repo}.").format(
        who=who(actor_of(payload)), verb=HAPPENINGS[delivery.event], repo=repo_link(shown)
    )
    return activity(repo, sentence)


integration.ignores(
    "project:updated",
    reason="A project's own settings (its name, key or description) are not news of any one "
    "repository, so they have no topic here; only workspace webhooks send them.",
)
