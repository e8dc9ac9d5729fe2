"""Pull requests, their reviews and review comments, and comments on issues and PRs."""

from __future__ import annotations

from integrations.common.code_hosting import (
    Ref,
    Repo,
    User,
    comment,
    issue_topic,
    people,
    pr_topic,
    pull_request,
    ref_link,
    retargeted,
    review,
    short,
    who,
)
from integrations.core import Markdown, Message, Payload, WebhookRequest, bold, code, link
from integrations.webhooks.github.common import (
    action_of,
    edit_notes,
    handles,
    message,
    page_url,
    ref_of,
    repo_of,
    sender_of,
    sentence,
    text_changed,
    unsupported,
    user_of,
)

# Actions that change nothing a reader of the channel needs to hear about:
# labels (often set by bots), milestones, withdrawn review requests and the
# merge queue's own bookkeeping.
PR_QUIET = frozenset(
    {
        "labeled",
        "unlabeled",
        "milestoned",
        "demilestoned",
        "review_request_removed",
        "enqueued",
        "dequeued",
    }
)


def assignees_of(node: Payload) -> list[User]:
    listed = [user_of(item) for item in node["assignees"].array([])]
    if not listed and node["assignee"].exists():
        listed = [user_of(node["assignee"])]
    return listed


def branch_label(pr: Payload, side: str) -> str:
    """``head`` or ``base`` as a reader knows it: ``branch``, or ``owner:branch`` from a fork."""
    label = pr[side]["label"].string()
    same_owner = label.partition(":")[0] == pr["base"]["label"].string().partition(":")[0]
    return pr[side]["ref"].string() if same_owner else label


def _opened(repo: Repo, actor: User, pr: Ref, node: Payload, action: str) -> Message:
    assignees = assignees_of(node)
    detail = (
        sentence("Assigned to {names}.", names=people([user.name for user in assignees]))
        if assignees
        else None
    )
    draft = node["draft"].boolean(False)
    if action == "reopened":
        return pull_request(repo, actor, pr, "reopened", detail=detail)
    return pull_request(
        repo,
        actor,
        pr,
        "opened draft" if draft else "opened",
        source=branch_label(node, "head"),
        target=branch_label(node, "base"),
        body=node["body"].string(None),
        detail=detail,
    )


def _edited(payload: Payload, repo: Repo, actor: User, pr: Ref, node: Payload) -> Message | None:
    notes, body = edit_notes(payload, node)
    old_base = payload["changes"]["base"]["ref"]["from"]
    if old_base.exists():
        notes.append(retargeted(node["base"]["ref"].string(), old_base.string()))
    if not notes and body is None:
        return None  # saved with nothing a reader would see changed
    detail = Markdown("\n\n").join(notes) if notes else None
    return pull_request(repo, actor, pr, "edited", detail=detail, body=body)


def assignment(payload: Payload, actor: User, action: str) -> Markdown:
    """The words before the reference: "assigned **b** to", "unassigned themselves from"."""
    assignee = user_of(payload["assignee"])
    whom = Markdown("themselves") if assignee.name == actor.name else who(assignee)
    template = "assigned {whom} to" if action == "assigned" else "unassigned {whom} from"
    return sentence(template, whom=whom)


MERGE_METHODS = {"merge": "merge", "squash": "squash and merge", "rebase": "rebase and merge"}


@handles("pull_request")
def on_pull_request(payload: Payload, request: WebhookRequest) -> Message | None:
    action = action_of(payload)
    if action in PR_QUIET:
        return None
    repo = repo_of(payload)
    actor = sender_of(payload)
    node = payload["pull_request"]
    pr = ref_of(node)
    if action in ("opened", "reopened"):
        return _opened(repo, actor, pr, node, action)
    if action == "closed":
        if node["merged"].boolean(False):
            return pull_request(
                repo,
                actor,
                pr,
                "merged",
                source=branch_label(node, "head"),
                target=branch_label(node, "base"),
            )
        return pull_request(repo, actor, pr, "closed", after="without merging")
    if action == "synchronize":
        before, after = payload["before"].string(), payload["after"].string()
        compare = page_url(repo, "compare", f"{before}...{after}")
        label = f"{short(before)}...{short(after)}"
        detail = sentence(
            "New commits: {range}.", range=link(label, compare) if compare else code(label)
        )
        return pull_request(repo, actor, pr, "pushed new commits to", detail=detail)
    if action == "edited":
        return _edited(payload, repo, actor, pr, node)
    if action in ("assigned", "unassigned"):
        return pull_request(repo, actor, pr, assignment(payload, actor, action))
    if action == "review_requested":
        if payload["requested_team"].exists():
            team = payload["requested_team"]["name"].string()
            reviewer = sentence("the {team} team", team=bold(team))
        else:
            reviewer = who(user_of(payload["requested_reviewer"]))
        return pull_request(
            repo, actor, pr, sentence("requested a review from {reviewer} on", reviewer=reviewer)
        )
    if action == "ready_for_review":
        return pull_request(repo, actor, pr, "marked", after="as ready for review")
    if action == "converted_to_draft":
        return pull_request(repo, actor, pr, "converted", after="to a draft")
    if action in ("locked", "unlocked"):
        reason = node["active_lock_reason"].string(None) if action == "locked" else None
        return pull_request(
            repo, actor, pr, action, detail=f"Reason: {reason}." if reason else None
        )
    if action == "auto_merge_enabled":
        method = MERGE_METHODS.get(node["auto_merge"]["merge_method"].string(""), "merge")
        plan = f"It will {method} once its requirements are met."
        return pull_request(repo, actor, pr, "enabled auto-merge for", detail=plan)
    if action == "auto_merge_disabled":
        reason = payload["reason"].string("").strip().rstrip(".")
        return pull_request(
            repo, actor, pr, "disabled auto-merge for", detail=f"{reason}." if reason else None
        )
    raise unsupported("pull_request", action)


# Reviews --------------------------------------------------------------------


@handles("pull_request_review")
def on_pull_request_review(payload: Payload, request: WebhookRequest) -> Message | None:
    action = action_of(payload)
    if action not in ("submitted", "edited", "dismissed"):
        raise unsupported("pull_request_review", action)
    repo = repo_of(payload)
    actor = sender_of(payload)
    pr = ref_of(payload["pull_request"])
    node = payload["review"]
    url = node["html_url"].string(None)
    body = node["body"].string(None)
    if action == "edited":
        if not text_changed(payload, node):
            # GitHub follows every submitted review with an "edited"
            # delivery whose ``changes`` are empty.
            return None
        verb = link("edited a review", url) if url else Markdown("edited a review")
        return message(
            pr_topic(repo, pr),
            sentence("{who} {verb} on {pr}:", who=who(actor), verb=verb, pr=ref_link("PR", pr)),
            body=body,
        )
    state = "dismissed" if action == "dismissed" else node["state"].string().lower()
    if state == "commented" and not (body or "").strip():
        # The wrapper GitHub makes around inline comments; each of them
        # arrives as a pull_request_review_comment of its own.
        return None
    return review(repo, actor, pr, state, body=None if state == "dismissed" else body, url=url)


# Comments -------------------------------------------------------------------


def comment_message(
    payload: Payload, event: str, repo: Repo, target: Ref, kind: str, topic: str
) -> Message | None:
    """A comment created, edited or deleted on a PR, issue or discussion."""
    action = action_of(payload)
    actor = sender_of(payload)
    node = payload["comment"]
    url = node["html_url"].string(None)
    if action == "deleted":
        return message(
            topic,
            sentence(
                "{who} deleted a comment on {ref}.", who=who(actor), ref=ref_link(kind, target)
            ),
        )
    if action == "edited" and not text_changed(payload, node):
        return None  # saved unchanged
    if action not in ("created", "edited"):
        raise unsupported(event, action)
    verb = "commented" if action == "created" else "edited a comment"
    if kind in ("PR", "issue"):
        return comment(repo, actor, target, kind, node["body"].string(), url=url, verb=verb)
    shown = link(verb, url) if url else Markdown(verb)
    return message(
        topic,
        sentence("{who} {verb} on {ref}:", who=who(actor), verb=shown, ref=ref_link(kind, target)),
        body=node["body"].string(),
    )


@handles("pull_request_review_comment")
def on_review_comment(payload: Payload, request: WebhookRequest) -> Message | None:
    repo = repo_of(payload)
    pr = ref_of(payload["pull_request"])
    return comment_message(
        payload, "pull_request_review_comment", repo, pr, "PR", pr_topic(repo, pr)
    )


@handles("issue_comment")
def on_issue_comment(payload: Payload, request: WebhookRequest) -> Message | None:
    repo = repo_of(payload)
    issue = payload["issue"]
    target = ref_of(issue)
    # Comments on a pull request's conversation arrive as issue comments
    # whose issue carries a ``pull_request`` object.
    if issue["pull_request"].exists():
        return comment_message(payload, "issue_comment", repo, target, "PR", pr_topic(repo, target))
    return comment_message(
        payload, "issue_comment", repo, target, "issue", issue_topic(repo, target)
    )
