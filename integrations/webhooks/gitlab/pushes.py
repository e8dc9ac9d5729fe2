"""Code: pushes to branches (``Push Hook``) and tags (``Tag Push Hook``).

GitLab sends one delivery per branch or tag a push changed. A system hook
sends the same pushes, and follows each with a ``repository_update``, which
adds nothing.
"""

from __future__ import annotations

from integrations.common.code_hosting import PushedRef, Repo, is_zero, ref_pushed, strip_ref
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import commit_of, pusher_of, repo_of


@integration.handles("Push Hook")
def on_push(payload: Payload, delivery: Delivery) -> Message | None:
    """The commits, at most ten, linked to the comparison; a new branch, a force push (with the
    old and new head) and a deleted branch are said as such. A commit's author is named when
    it is not the pusher. GitLab has no force-push flag: a push to an existing branch that adds
    no commit is one."""
    repo = repo_of(payload["project"], delivery)
    return ref_pushed(repo, pusher_of(payload), pushed_ref(payload, repo), delivery)


def pushed_ref(payload: Payload, repo: Repo) -> PushedRef:
    kind, name = strip_ref(payload["ref"].string())
    before = payload["before"].string(default=None)
    after = payload["after"].string(default=None)
    if kind == "tag":
        # Tags have their own event; a push of one never goes to a branch's topic.
        return tag_ref(name, repo, deleted=is_zero(after))
    if is_zero(after):
        return PushedRef(name, deleted=True)
    pusher = pusher_of(payload)
    # GitLab lists at most 20 commits and counts them all in total_commits_count.
    commits = [commit_of(node, pusher) for node in payload["commits"].array(default=[])]
    total = payload["total_commits_count"].integer(default=len(commits))
    url = repo.page("-/tree", name)
    if is_zero(before):
        return PushedRef(name, created=True, commits=commits, total=total, url=url)
    # Some deliveries (samples of GitLab's Test button among them) have the same before and
    # after: a comparison of a commit with itself shows nothing.
    same = before == after
    compare = repo.page(f"-/compare/{before}...{after}") if before and after and not same else None
    return PushedRef(
        name,
        commits=commits,
        total=total,
        # A push to an existing branch that adds no commit moved it back or
        # sideways, which only a force push can do.
        forced=total == 0 and not commits,
        url=url,
        compare_url=compare,
        before=before,
        after=after,
    )


def tag_ref(name: str, repo: Repo, *, deleted: bool) -> PushedRef:
    return PushedRef(
        name, is_tag=True, deleted=deleted, url=None if deleted else repo.page("-/tags", name)
    )


@integration.handles("Tag Push Hook")
def on_tag_push(payload: Payload, delivery: Delivery) -> Message | None:
    """The tag pushed or deleted, in the `releases` topic."""
    _, name = strip_ref(payload["ref"].string())
    repo = repo_of(payload["project"], delivery)
    # A deleted tag points nowhere: ``after`` is all zeros and there is no checkout_sha.
    deleted = (
        is_zero(payload["after"].string(default=None))
        or payload["checkout_sha"].string(default=None) is None
    )
    return ref_pushed(repo, pusher_of(payload), tag_ref(name, repo, deleted=deleted), delivery)


integration.ignores(
    "Repository Update Hook",
    reason="A system hook follows every push with a `repository_update`; the push has "
    "already posted.",
)
