"""``ms.vss-code.git-pullrequest-comment-event``: comments on pull requests, in their topics.

The payload of resource version 2.0 carries the comment and its pull
request; version 1.0 carries the comment alone, which cannot say where it
belongs, and is refused with a reason that says to choose 2.0.
"""

from __future__ import annotations

import re

from integrations.common.code_hosting import comment
from integrations.core import BadPayload, Delivery, Message, Payload, parse_time
from integrations.webhooks.azuredevops.declaration import PR_COMMENTED, integration
from integrations.webhooks.azuredevops.readers import pr_ref, repo_of, text_of, user_of

_THREAD = re.compile(r"/threads/(\d+)")


def thread_page(pr_url: str | None, node: Payload) -> str | None:
    """The comment's discussion on the pull request's page (``?discussionId=<thread>``)."""
    threads = text_of(node["_links"]["threads"]["href"]) or text_of(node["_links"]["self"]["href"])
    found = _THREAD.search(threads or "")
    if not pr_url or not found:
        return pr_url
    return f"{pr_url}?discussionId={found.group(1)}"


def verb_of(node: Payload) -> str:
    """``commented``, ``replied``, or ``edited a comment``, from the comment's own record."""
    published = parse_time(node["publishedDate"].string(default=None))
    changed = parse_time(node["lastContentUpdatedDate"].string(default=None))
    if published and changed and (changed - published).total_seconds() > 1:
        return "edited a comment"
    return "replied" if node["parentCommentId"].integer(default=0) > 0 else "commented"


@integration.handles(PR_COMMENTED)
def on_pull_request_comment(payload: Payload, delivery: Delivery) -> Message | None:
    """The comment, quoted, in its pull request's topic, linked to its discussion; a reply and an
    edit are said as such. Nothing for Azure DevOps' own system comments (votes, pushes), which
    the pull request's updates report, or for a deleted comment."""
    resource = payload["resource"]
    node = resource["comment"]
    kind = node["commentType"].string(default="text")
    if kind == "system" or node["isDeleted"].boolean(default=False):
        return None
    pull = resource["pullRequest"]
    if not pull.exists():
        raise BadPayload(
            pull.path,
            "expected the pull request, but it is missing: set the service hook's"
            " resource version to 2.0, which sends it",
        )
    repo = repo_of(pull["repository"])
    pr = pr_ref(pull, repo)
    return comment(
        repo,
        user_of(node["author"]),
        pr,
        "PR",
        node["content"].string(default=""),
        url=thread_page(pr.url, node),
        verb=verb_of(node),
    )
