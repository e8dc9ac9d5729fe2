"""Issues (``Issue Hook``) and confidential issues (``Confidential Issue Hook``).

GitLab says what happened in ``object_attributes.action``: ``open``,
``close``, ``reopen`` or ``update``. Confidential issues arrive under their
own event, only to webhooks with the "Confidential issues events" trigger;
they post like any issue, say that they are confidential, and are dropped
by ``ignore_private_repositories``. Work items (tasks, incidents) come as
issues too; those of a group rather than a project post nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integrations.common.code_hosting import Ref, Repo, User, issue, people
from integrations.core import Markdown, Message, Payload, WebhookRequest, escape, md
from integrations.webhooks.gitlab.changes import changes_of, summed_up, told
from integrations.webhooks.gitlab.common import (
    dropped,
    for_action,
    project_repo,
    unique_names,
    user_of,
    visible_text,
)
from integrations.webhooks.gitlab.declaration import integration

EVENT = "Issue Hook"


@dataclass(frozen=True)
class Issue:
    repo: Repo
    actor: User
    ref: Ref
    confidential: bool
    attributes: Payload  # object_attributes
    payload: Payload

    def told(
        self, verb: Markdown | str, *, body: str | None = None, detail: Markdown | None = None
    ) -> Message:
        # "closed confidential issue #3": the reader sees it is not for everyone.
        action = escape(verb) + md(" confidential") if self.confidential else verb
        return issue(self.repo, self.actor, self.ref, action, body=body, detail=detail)


def is_confidential(payload: Payload) -> bool:
    flagged = payload["object_attributes"]["confidential"].boolean(default=False)
    return flagged or payload["event_type"].string(default=None) == "confidential_issue"


def read(payload: Payload) -> Issue:
    attributes = payload["object_attributes"]
    ref = Ref(
        number=attributes["iid"].integer(),
        title=attributes["title"].string(),
        url=attributes["url"].string(default=None),
    )
    return Issue(
        project_repo(payload),
        user_of(payload["user"]),
        ref,
        is_confidential(payload),
        attributes,
        payload,
    )


def assignees_sentence(payload: Payload) -> Markdown | None:
    assignees = unique_names(payload["assignees"].array(default=[]))
    if not assignees and payload["assignee"].exists():
        assignees = unique_names([payload["assignee"]])  # older payloads: one assignee
    return md("Assigned to {}.").format(people(assignees)) if assignees else None


def opened(event: Issue) -> Message:
    description = visible_text(event.attributes["description"].string(default=None))
    return event.told("opened", body=description, detail=assignees_sentence(event.payload))


def said(verb: str) -> Callable[[Issue], Message]:
    def tell(event: Issue) -> Message:
        return event.told(verb)

    return tell


def updated(event: Issue) -> Message | None:
    changes = changes_of(event.payload, event.actor.name)
    if changes is None:  # older payloads do not say what changed
        return event.told("updated")
    if not changes:
        return None  # only bookkeeping: time tracking, timestamps
    words = told(changes)
    if words.after:
        # Only merge requests have words after the reference (drafts); an
        # issue that claims one is told by its summary.
        words = summed_up(changes)
    return event.told(words.verb, detail=words.detail)


ACTIONS: dict[str, Callable[[Issue], Message | None]] = {
    "open": opened,
    "close": said("closed"),
    "reopen": said("reopened"),
    "update": updated,
}


@integration.handles(EVENT, "Confidential Issue Hook")
def issue_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    return issue_event(payload, request)


def issue_event(payload: Payload, request: WebhookRequest) -> Message | None:
    # Sample payloads (GitLab's "Test" button) may lack the action; they show an opening.
    action = payload["object_attributes"]["action"].string(default="open")
    handler = for_action(EVENT, ACTIONS, action)
    project = payload["project"]
    if not project.exists() and payload["object_kind"].string(default=None) == "work_item":
        return None  # a group's work item (an epic) belongs to no project topic
    if dropped(project["visibility_level"], request, confidential=is_confidential(payload)):
        return None
    return handler(read(payload))
