"""Merge requests (``Merge Request Hook``), in the shared pull-request format.

GitLab says what happened in ``object_attributes.action``: ``open``,
``close``, ``reopen``, ``merge``, ``update`` (an edit, or commits pushed to
the source branch), and for approvals ``approval``/``approved`` (a user
approved; ``approved`` when that completed the approvals the rules ask for)
and ``unapproval``/``unapproved``. Merge requests take the ``PR #N`` topics
of the shared convention, so all four services' channels read alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integrations.common.code_hosting import (
    Commit,
    Ref,
    Repo,
    User,
    commit_line,
    people,
    pull_request,
    review,
)
from integrations.core import Markdown, Message, Payload, WebhookRequest, md
from integrations.webhooks.gitlab.changes import changes_of, told
from integrations.webhooks.gitlab.common import (
    dropped,
    for_action,
    project_repo,
    unique_names,
    user_of,
    visible_text,
)
from integrations.webhooks.gitlab.declaration import integration

EVENT = "Merge Request Hook"


@dataclass(frozen=True)
class MergeRequest:
    """One merge request event, read once for the action handlers."""

    repo: Repo
    actor: User
    ref: Ref
    attributes: Payload  # object_attributes
    payload: Payload


def read(payload: Payload) -> MergeRequest:
    attributes = payload["object_attributes"]
    ref = Ref(
        number=attributes["iid"].integer(),
        title=attributes["title"].string(),
        url=attributes["url"].string(default=None),
    )
    return MergeRequest(project_repo(payload), user_of(payload["user"]), ref, attributes, payload)


def people_sentence(payload: Payload) -> Markdown | None:
    """Who a new merge request is assigned to and who is asked to review it."""
    assignees = unique_names(payload["assignees"].array(default=[]))
    if not assignees and payload["assignee"].exists():
        assignees = unique_names([payload["assignee"]])  # older payloads: one assignee
    reviewers = unique_names(payload["reviewers"].array(default=[]))
    sentences = []
    if assignees:
        sentences.append(md("Assigned to {}.").format(people(assignees)))
    if reviewers:
        sentences.append(md("Review requested from {}.").format(people(reviewers)))
    return Markdown(" ").join(sentences) or None


def is_draft(attributes: Payload) -> bool:
    draft = attributes["draft"].boolean(default=None)
    return draft if draft is not None else attributes["work_in_progress"].boolean(default=False)


def branches(attributes: Payload) -> tuple[str, str]:
    return attributes["source_branch"].string(), attributes["target_branch"].string()


def opened(event: MergeRequest) -> Message:
    source, target = branches(event.attributes)
    return pull_request(
        event.repo,
        event.actor,
        event.ref,
        "opened draft" if is_draft(event.attributes) else "opened",
        source=source,
        target=target,
        body=visible_text(event.attributes["description"].string(default=None)),
        detail=people_sentence(event.payload),
    )


def merged(event: MergeRequest) -> Message:
    source, target = branches(event.attributes)
    return pull_request(event.repo, event.actor, event.ref, "merged", source=source, target=target)


def said(verb: str, after: str | None = None) -> Callable[[MergeRequest], Message]:
    """An action told in one verb, and what may follow the reference: "closed … without merging"."""

    def tell(event: MergeRequest) -> Message:
        return pull_request(event.repo, event.actor, event.ref, verb, after=after)

    return tell


def approved(event: MergeRequest) -> Message:
    return review(event.repo, event.actor, event.ref, "approved")


def updated(event: MergeRequest) -> Message | None:
    """New commits, or an edit worth telling; nothing for bookkeeping changes."""
    if event.attributes["oldrev"].string(default=None):
        return pushed(event)
    changes = changes_of(event.payload, event.actor.name)
    if changes is None:  # older GitLab did not say what changed
        return pull_request(event.repo, event.actor, event.ref, "updated")
    if not changes:
        return None
    words = told(changes)
    return pull_request(
        event.repo, event.actor, event.ref, words.verb, after=words.after, detail=words.detail
    )


def pushed(event: MergeRequest) -> Message:
    """``oldrev`` is set when commits were pushed to the source branch."""
    last = event.attributes["last_commit"]
    detail = None
    if last.exists():
        commit = Commit(
            sha=last["id"].string(),
            message=last["message"].string(default=""),
            url=last["url"].string(default=None),
        )
        detail = md("Latest commit: {}").format(commit_line(commit))
    return pull_request(event.repo, event.actor, event.ref, "pushed new commits to", detail=detail)


ACTIONS: dict[str, Callable[[MergeRequest], Message | None]] = {
    "open": opened,
    "reopen": said("reopened"),
    "close": said("closed", after="without merging"),
    "merge": merged,
    "update": updated,
    "approval": approved,
    "approved": approved,
    "unapproval": said("withdrew their approval of"),
    "unapproved": said("withdrew their approval of"),
}


@integration.handles(EVENT)
def merge_request_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    return merge_request(payload, request)


def merge_request(payload: Payload, request: WebhookRequest) -> Message | None:
    # Sample payloads (GitLab's "Test" button) may lack the action; they show an opening.
    action = payload["object_attributes"]["action"].string(default="open")
    handler = for_action(EVENT, ACTIONS, action)
    if dropped(payload["project"]["visibility_level"], request):
        return None
    return handler(read(payload))
