"""``pullrequest:*``: a pull request's life, its reviews and its comments.

Bitbucket names the action in the event key itself, so the table below maps
each key to the small function that writes its message; every one of them
posts in the pull request's topic.
"""

from __future__ import annotations

from collections.abc import Callable

from integrations.common.code_hosting import (
    Ref,
    Repo,
    User,
    comment,
    people,
    pull_request,
    review,
    short,
)
from integrations.core import Markdown, Message, Payload, WebhookRequest, code, md
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.entities import (
    account,
    actor,
    html_url,
    ignored,
    repository,
    text,
)
from integrations.webhooks.bitbucket.entities import pull_request as read_pull_request

Build = Callable[[Payload, Repo, User, Ref], Message]


def branch(side: Payload, base: Repo) -> str:
    """A source or destination branch; ``owner/fork:branch`` when it lives in another repository."""
    name = side["branch"]["name"].string()
    home = side["repository"]["full_name"].string(default=base.name)
    return name if home == base.name else f"{home}:{name}"


def reviewers(pr: Payload, template: str) -> Markdown | None:
    """The reviewers in ``template`` ("Reviewers: {}."), or nothing when there are none."""
    named = [account(person) for person in pr["reviewers"].array(default=[])]
    return md(template).format(people([user.name for user in named])) if named else None


def opened(payload: Payload, repo: Repo, who: User, pr: Ref) -> Message:
    details = payload["pullrequest"]
    return pull_request(
        repo,
        who,
        pr,
        "opened",
        source=branch(details["source"], repo),
        target=branch(details["destination"], repo),
        body=details["description"].string(default=""),
        detail=reviewers(details, "Review requested from {}."),
    )


def updated(payload: Payload, repo: Repo, who: User, pr: Ref) -> Message:
    # Bitbucket does not say what changed (title, description, reviewers...);
    # the reviewers it lists are those after the change.
    detail = reviewers(payload["pullrequest"], "Reviewers: {}.")
    return pull_request(repo, who, pr, "updated", detail=detail)


def merged(payload: Payload, repo: Repo, who: User, pr: Ref) -> Message:
    details = payload["pullrequest"]
    return pull_request(
        repo,
        who,
        pr,
        "merged",
        source=branch(details["source"], repo),
        target=branch(details["destination"], repo),
    )


def declined(payload: Payload, repo: Repo, who: User, pr: Ref) -> Message:
    reason = payload["pullrequest"]["reason"].string(default="").strip()
    return pull_request(repo, who, pr, "declined", detail=f"Reason: {reason}" if reason else None)


def pushed(payload: Payload, repo: Repo, who: User, pr: Ref) -> Message:
    source = payload["pullrequest"]["source"]
    head = source["commit"]["hash"].string(default="")
    detail = (
        md("{} is now at {}.").format(code(branch(source, repo)), code(short(head)))
        if head
        else None
    )
    return pull_request(repo, who, pr, "pushed new commits to", detail=detail)


def reviewed(state: str) -> Build:
    def build(payload: Payload, repo: Repo, who: User, pr: Ref) -> Message:
        return review(repo, who, pr, state)

    return build


def acted(action: str) -> Build:
    """A message that only says who did what to the pull request."""

    def build(payload: Payload, repo: Repo, who: User, pr: Ref) -> Message:
        return pull_request(repo, who, pr, action)

    return build


def commented(verb: str) -> Build:
    """A comment, quoted, with ``verb`` linking to it: "commented", "edited a comment"."""

    def build(payload: Payload, repo: Repo, who: User, pr: Ref) -> Message:
        said = payload["comment"]
        url = html_url(said)
        return comment(repo, who, pr, "PR", text(said), url=url, verb=verb)

    return build


PULL_REQUEST_EVENTS: dict[str, Build] = {
    "pullrequest:created": opened,
    "pullrequest:updated": updated,
    "pullrequest:push": pushed,
    "pullrequest:approved": reviewed("approved"),
    "pullrequest:unapproved": acted("withdrew their approval of"),
    "pullrequest:changes_request_created": reviewed("changes_requested"),
    "pullrequest:changes_request_removed": acted("withdrew their request for changes on"),
    "pullrequest:fulfilled": merged,
    "pullrequest:rejected": declined,
    "pullrequest:comment_created": commented("commented"),
    "pullrequest:comment_updated": commented("edited a comment"),
    "pullrequest:comment_resolved": commented("resolved a comment"),
    "pullrequest:comment_reopened": commented("reopened a comment"),
    # The text of a deleted comment stays deleted.
    "pullrequest:comment_deleted": acted("deleted a comment on"),
}


def handler(build: Build) -> Callable[[Payload, WebhookRequest], Message | None]:
    def handle(payload: Payload, request: WebhookRequest) -> Message | None:
        if ignored(payload, request):
            return None
        return build(payload, repository(payload), actor(payload), read_pull_request(payload))

    return handle


for _event, _build in PULL_REQUEST_EVENTS.items():
    integration.handles(_event)(handler(_build))
