"""``repo:push``: branches and tags created, updated, force-pushed or deleted.

One push can carry several changes (``git push --all``, a branch and its
tags), and one message is posted for it: one change leads, the first branch
that received commits, else the first branch deleted, else the first tag;
the others follow as an "Also in this push" list of one line each. The
message goes to the topic its changes share (the branch's, or ``releases``
for tags only); changes that belong in different topics go together to the
repository's topic, so a tag never lands in a branch's topic nor one branch
in another's. Branches that ``branches=`` leaves out are dropped first;
tags are not subject to that filter.

Bitbucket lists at most five commits per change, newest first, and sets
``truncated`` when there were more; the count of the others is not sent.
"""

from __future__ import annotations

from integrations.common.code_hosting import PushedRef, User, refs_pushed
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.readers import actor_of, commit_of, html_url, repo_of


@integration.handles("repo:push")
def on_push(payload: Payload, delivery: Delivery) -> Message | None:
    """The commits, at most ten, linked to the comparison; a new branch, a force push (with the
    old and new head) and a deleted branch are said as such, and a tag pushed or deleted goes to
    the `releases` topic. A commit's author is named when it is not the pusher. A push of
    several changes leads with one and lists the others; when they belong in different topics
    (a branch and a tag, two branches), in the repository's topic. Nothing for a push without
    changes, which Bitbucket sometimes sends.

    Bitbucket's trigger: Push, under Repository.
    """
    repo, pusher = repo_of(payload["repository"], delivery), actor_of(payload)
    changes = [pushed_ref(change, pusher) for change in payload["push"]["changes"].array()]
    return refs_pushed(repo, pusher, changes, delivery)


def pushed_ref(change: Payload, pusher: User) -> PushedRef:
    new, old = change["new"], change["old"]
    # A deleted ref has no "new"; the old one says what it was.
    ref = new if new.exists() else old
    is_tag = ref["type"].string() == "tag"  # Mercurial's named branches are branches
    name = ref["name"].string()
    deleted = not new.exists()
    if is_tag:
        return PushedRef(name, is_tag=True, deleted=deleted, url=html_url(ref))
    if deleted:
        return PushedRef(name, deleted=True)
    # Bitbucket lists the newest commit first; messages read oldest first.
    commits = [commit_of(node, pusher) for node in reversed(change["commits"].array(default=[]))]
    created = change["created"].boolean(default=not old.exists())
    forced = change["forced"].boolean(default=False)
    truncated = change["truncated"].boolean(default=False)
    if created and truncated:
        # "with 5 commits" would be wrong and the real count is not sent:
        # report the new branch, whose page lists its commits.
        commits = []
    return PushedRef(
        name,
        created=created,
        forced=forced,
        commits=commits,
        more=truncated,
        url=html_url(new),
        compare_url=html_url(change),
        before=old["target"]["hash"].string(default=None) if forced else None,
        after=new["target"]["hash"].string(default=None) if forced else None,
    )
