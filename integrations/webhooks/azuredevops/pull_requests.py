"""Pull requests: created, updated (a push, a vote, reviewers, the status), merged.

Azure DevOps does not say in the payload what an update changed (the
subscription's "change" filter does not travel); its own one-line summary
in ``message.text`` does, so the message quotes it, with the reviewers'
votes so far. A merge is news only once the pull request is completed; the
trial merges Azure makes of an open pull request, and merges that could
not be made, post nothing.
"""

from __future__ import annotations

import re

from integrations.common.code_hosting import (
    Ref,
    Repo,
    User,
    people,
    pr_topic,
    pull_request,
    ref_link,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, link, md, quote
from integrations.webhooks.azuredevops.declaration import (
    PR_CREATED,
    PR_MERGE_ATTEMPTED,
    PR_MERGED,
    PR_UPDATED,
    integration,
)
from integrations.webhooks.azuredevops.readers import (
    branch_of,
    optional_user,
    pr_ref,
    repo_of,
    text_of,
    user_of,
)

# A line of Azure's account that is only a web address.
_ADDRESS = re.compile(r"\Ahttps?://\S+\Z")
# What a reviewer's vote means (Azure DevOps' numbers).
VOTES = {
    10: "approved",
    5: "approved with suggestions",
    -5: "is waiting for the author",
    -10: "rejected",
}


def context_of(resource: Payload) -> tuple[Repo, Ref]:
    repo = repo_of(resource["repository"])
    return repo, pr_ref(resource, repo)


def branches_of(resource: Payload) -> tuple[str | None, str | None]:
    source = branch_of(resource["sourceRefName"].string(default=None))
    target = branch_of(resource["targetRefName"].string(default=None))
    return source, target


def reviewers_of(resource: Payload) -> list[Payload]:
    """The people and teams asked to review; not the build service, which policies add."""
    return [
        node
        for node in resource["reviewers"].array(default=[])
        if not (node["uniqueName"].string(default=None) or "").startswith("Build\\")
    ]


def reviewers_line(resource: Payload) -> Markdown:
    """``Reviewers: **A** and **B**.``; nothing without reviewers."""
    names = [name for node in reviewers_of(resource) if (name := text_of(node["displayName"]))]
    return md("Reviewers: {}.").format(people(names)) if names else md("")


def votes_line(resource: Payload) -> Markdown:
    """``Votes: **A** approved, **B** rejected.``: the reviewers who voted; nothing if none did."""
    said: list[Markdown] = []
    for node in reviewers_of(resource):
        vote = VOTES.get(node["vote"].integer(default=0))
        name = text_of(node["displayName"])
        if vote and name:
            said.append(md("{} {}").format(who(User(name)), vote))
    return md("Votes: ") + Markdown(", ").join(said[:10]) + md(".") if said else md("")


@integration.handles(PR_CREATED)
def on_pull_request_created(payload: Payload, delivery: Delivery) -> Message:
    """Who created the pull request, from which branch into which, its reviewers and its
    description, quoted. A draft is said as such."""
    resource = payload["resource"]
    repo, pr = context_of(resource)
    source, target = branches_of(resource)
    draft = resource["isDraft"].boolean(default=False)
    return pull_request(
        repo,
        user_of(resource["createdBy"]),
        pr,
        "created",
        after="as a draft" if draft else None,
        source=source,
        target=target,
        detail=reviewers_line(resource),
        body=resource["description"].string(default=None),
    )


def summary_of(payload: Payload) -> str | None:
    """Azure's account of what happened: the detailed one (which adds, for a push, the pull
    request's description) when sent, else the short one; without the repository's address it
    puts on a line of its own, which the message links instead."""
    text = text_of(payload["detailedMessage"]["text"]) or text_of(payload["message"]["text"])
    if text is None:
        return None
    said = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in said if line and not _ADDRESS.match(line)) or None


def closed(
    repo: Repo, closer: User | None, pr: Ref, verb: str, source: str | None, target: str | None
) -> Message:
    """A pull request completed or abandoned, by whom when Azure says."""
    if closer is not None:
        return pull_request(repo, closer, pr, verb, source=source, target=target)
    head = md("{pr} was {verb}.").format(pr=ref_link(pr.label, pr), verb=verb)
    return Message(topic=pr_topic(repo, pr), content=head)


@integration.handles(PR_UPDATED)
def on_pull_request_updated(payload: Payload, delivery: Delivery) -> Message:
    """What changed, in Azure DevOps' own words (a push to the source branch, a vote, the
    reviewers, the status), quoted, with what its detailed account adds (the description, for a
    push), the repository linked, and the reviewers' votes so far. A pull request completed or
    abandoned is said as such, with who closed it."""
    resource = payload["resource"]
    repo, pr = context_of(resource)
    status = resource["status"].string(default="active")
    closer = optional_user(resource["closedBy"])
    if status in ("completed", "abandoned"):
        source, target = branches_of(resource)
        return closed(repo, closer, pr, status, source if status == "completed" else None, target)
    head = ref_link(pr.label, pr)
    if repo.url:
        head += md(" in {}").format(link(repo.name, repo.url))
    head += md(" was updated")
    summary = summary_of(payload)
    content = head + (md(":\n\n") + quote(summary) if summary else md("."))
    votes = votes_line(resource)
    if votes:
        content += md("\n\n") + votes
    return Message(topic=pr_topic(repo, pr), content=content)


@integration.handles(PR_MERGED, PR_MERGE_ATTEMPTED, action="succeeded")
def on_pull_request_merged(payload: Payload, delivery: Delivery) -> Message | None:
    """Who completed the pull request, merging which branch into which. Nothing for the trial
    merge Azure DevOps makes of a pull request that is still open."""
    resource = payload["resource"]
    if resource["status"].string(default="") != "completed":
        return None
    repo, pr = context_of(resource)
    source, target = branches_of(resource)
    closer = optional_user(resource["closedBy"]) or user_of(resource["createdBy"])
    return pull_request(repo, closer, pr, "merged", source=source, target=target)


integration.ignores(
    PR_MERGED,
    PR_MERGE_ATTEMPTED,
    action=("conflicts", "failure", "rejectedByPolicy"),
    reason="A merge Azure DevOps could not make: the pull request stays open, and Azure tells its"
    " author.",
)
integration.ignores(
    PR_MERGED,
    PR_MERGE_ATTEMPTED,
    action=("queued", "notSet", "attempted"),
    reason="The merge has not happened yet; its outcome follows.",
)
