"""The repository itself: releases, the wiki, forks, and repositories created or deleted."""

from __future__ import annotations

import re

from integrations.common.code_hosting import activity, fork, release, repo_link, who, wiki
from integrations.core import Delivery, Message, Payload, bold, md
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.readers import optional_url, repo_of, sender_of

PRERELEASE = "This is a pre-release."


@integration.handles("release", action=("published", "updated", "deleted"))
def on_release(payload: Payload, delivery: Delivery) -> Message | None:
    """The release and its notes; a pre-release says so, and a deleted release is named
    without a link or notes. Nothing for a draft, which is for the maintainers until it is
    published."""
    item = payload["release"]
    if item["draft"].boolean(default=False):
        return None
    action = delivery.action
    gone = action == "deleted"  # no page to link, no notes worth quoting
    prerelease = item["prerelease"].boolean(default=False)
    return release(
        repo_of(payload["repository"], delivery),
        sender_of(payload),
        item["name"].string(default=""),
        item["tag_name"].string(),
        action,
        url=None if gone else optional_url(item["html_url"]),
        body=None if gone else item["body"].string(default=None),
        detail=PRERELEASE if prerelease and not gone else None,
    )


# Quotation marks Gitea's translations put around a page's title in the
# summaries it writes itself ("Update 'Home'").
QUOTES = "'\"\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f"


def written_summary(summary: str | None, page: str) -> str | None:
    """The edit summary its author wrote; None for none, or for the one Gitea writes when
    the author leaves it empty: the quoted title and one word ("Add 'Home'", "Update 'Home'").
    """
    text = " ".join((summary or "").split())
    if not text:
        return None
    for title in {page, page.replace("-", " ")}:
        quoted = re.compile(f"[{QUOTES}]{re.escape(title)}[{QUOTES}]", re.IGNORECASE)
        match = quoted.search(text)
        if match and len(re.findall(r"\w+", quoted.sub(" ", text, count=1))) <= 1:
            return None
    return summary


@integration.handles("wiki", action=("created", "edited", "deleted"))
def on_wiki(payload: Payload, delivery: Delivery) -> Message:
    """The page and the edit summary its author wrote (not the one Gitea writes itself,
    such as "Update 'Home'")."""
    action = delivery.action
    repo = repo_of(payload["repository"], delivery)
    page = payload["page"].string()
    url = None if action == "deleted" else repo.page("wiki", page)
    summary = written_summary(payload["comment"].string(default=None), page)
    return wiki(repo, sender_of(payload), [(action, page, url)], summary=summary)


@integration.handles("fork")
def on_fork(payload: Payload, delivery: Delivery) -> Message:
    """Who forked the repository, and the fork."""
    original, new = fork_sides(payload)
    return fork(repo_of(original, delivery), sender_of(payload), repo_of(new, delivery))


def fork_sides(payload: Payload) -> tuple[Payload, Payload]:
    """The repository that was forked (whose webhook fires) and the new fork.

    Gitea sends the forked repository as ``forkee`` and the fork as
    ``repository``; Gogs the other way round. The fork says it is one.
    """
    forkee, repository = payload["forkee"], payload["repository"]
    gogs = forkee["fork"].boolean(default=False) and not repository["fork"].boolean(default=False)
    return (repository, forkee) if gogs else (forkee, repository)


@integration.handles("repository", action=("created", "deleted"))
def on_repository(payload: Payload, delivery: Delivery) -> Message:
    """Who created or deleted it (organisation webhooks), by its full name."""
    action = delivery.action
    repo = repo_of(payload["repository"], delivery)
    shown = repo_link(repo) if action == "created" else bold(repo.shown)
    sentence = md("{who} {action} the repository {repo}.").format(
        who=who(sender_of(payload)), action=action, repo=shown
    )
    return activity(repo, sentence)
