"""The repository itself: the wiki, stars, forks, its name and settings, collaborators and teams."""

from __future__ import annotations

from integrations.common.code_hosting import (
    activity,
    listing,
    paragraphs,
    quoted,
    repo_link,
    who,
    wiki,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import repo_of, sender_of, user_of


@integration.handles("gollum")
def on_gollum(payload: Payload, delivery: Delivery) -> Message:
    """The wiki pages created or edited, and the edit's summary."""
    pages = [
        (
            page["action"].string(default="") or "edited",
            page["title"].string(default="") or page["page_name"].string(default="?"),
            page["html_url"].string(default=None),
        )
        for page in payload["pages"].array(default=[])
    ]
    # Each page may carry the edit's summary; one push of several pages
    # usually shares one, so each different summary is quoted once.
    summaries = dict.fromkeys(
        summary.strip()
        for page in payload["pages"].array(default=[])
        if (summary := page["summary"].string(default=None)) and summary.strip()
    )
    summary = "\n".join(summaries) or None
    repo = repo_of(payload["repository"], delivery)
    return wiki(repo, sender_of(payload), pages, summary=summary)


# Activity on the repository -----------------------------------------------------


def on_repo(payload: Payload, delivery: Delivery, template: str, **fields: object) -> Message:
    """A sentence about the repository, in its topic: ``{who}`` did something to ``{repo}``."""
    repo = repo_of(payload["repository"], delivery)
    sentence = md(template).format(who=who(sender_of(payload)), repo=repo_link(repo), **fields)
    return activity(repo, sentence)


STARS = {"created": "starred", "deleted": "unstarred"}


@integration.handles("star", action=("created", "deleted"))
def on_star(payload: Payload, delivery: Delivery) -> Message:
    """Who starred or unstarred the repository."""
    return on_repo(payload, delivery, "{who} {verb} {repo}.", verb=STARS[delivery.action])


@integration.handles("watch", action="started")
def on_watch(payload: Payload, delivery: Delivery) -> Message:
    """Who starred the repository: despite its name, this is GitHub's older event for stars.
    Choose `star` or `watch`, not both."""
    return on_repo(payload, delivery, "{who} starred {repo}.")


@integration.handles("fork")
def on_fork(payload: Payload, delivery: Delivery) -> Message:
    """Who forked the repository, and the fork."""
    forkee = payload["forkee"]
    name = forkee["full_name"].string(default="") or forkee["name"].string()
    url = forkee["html_url"].string(default=None)
    shown = link(name, url) if url else bold(name)
    return on_repo(payload, delivery, "{who} forked the repository into {fork}.", fork=shown)


@integration.handles("public")
def on_public(payload: Payload, delivery: Delivery) -> Message:
    """That the repository was made public."""
    return on_repo(payload, delivery, "{who} made {repo} public.")


@integration.handles("repository", action="created")
def on_repository_created(payload: Payload, delivery: Delivery) -> Message:
    """Who created it, and whether it is private (organization webhooks)."""
    private = payload["repository"]["private"].boolean(default=False)
    kind = "private repository" if private else "repository"
    return on_repo(payload, delivery, "{who} created the {kind} {repo}.", kind=kind)


@integration.handles("repository", action="deleted")
def on_repository_deleted(payload: Payload, delivery: Delivery) -> Message:
    """Who deleted it, by its name: its page is gone."""
    repo = repo_of(payload["repository"], delivery)
    return on_repo(payload, delivery, "{who} deleted the repository {name}.", name=bold(repo.shown))


@integration.handles("repository", action=("archived", "unarchived"))
def on_repository_archived(payload: Payload, delivery: Delivery) -> Message:
    """Who archived or unarchived it."""
    return on_repo(payload, delivery, "{who} {verb} {repo}.", verb=delivery.action)


VISIBILITY = {"publicized": "public", "privatized": "private"}


@integration.handles("repository", action=("publicized", "privatized"))
def on_repository_visibility(payload: Payload, delivery: Delivery) -> Message:
    """Who made it public or private."""
    visibility = VISIBILITY[delivery.action]
    return on_repo(payload, delivery, "{who} made {repo} {visibility}.", visibility=visibility)


@integration.handles("repository", action="renamed")
def on_repository_renamed(payload: Payload, delivery: Delivery) -> Message:
    """The former name and the new one. Its topics take the new name from then on."""
    old = payload["changes"]["repository"]["name"]["from"].string(default="")
    if not old:
        return on_repo(payload, delivery, "{who} renamed the repository to {repo}.")
    return on_repo(
        payload, delivery, "{who} renamed the repository {old} to {repo}.", old=bold(old)
    )


@integration.handles("repository", action="transferred")
def on_repository_transferred(payload: Payload, delivery: Delivery) -> Message:
    """The account it was moved from, and where it is now."""
    owner = payload["changes"]["owner"]["from"]
    old = owner["organization"]["login"].string(default="") or owner["user"]["login"].string(
        default=""
    )
    if not old:
        return on_repo(payload, delivery, "{who} transferred the repository to {repo}.")
    return on_repo(payload, delivery, "{who} transferred {repo} from {old}.", old=bold(old))


@integration.handles("repository", action="edited")
def on_repository_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """What changed: the default branch, the description (quoted), the website, the topics.
    **Nothing** for other settings."""
    node, changes = payload["repository"], payload["changes"]
    repo = repo_of(node, delivery)
    actor = who(sender_of(payload))
    lines: list[Markdown] = []
    description = None
    if changes["default_branch"].exists():
        old = changes["default_branch"]["from"].string(default="")
        new = node["default_branch"].string(default="")
        lines.append(
            md("{who} made {new} the default branch of {repo} (was {old}).").format(
                who=actor, new=code(new or "?"), repo=repo_link(repo), old=code(old or "?")
            )
        )
    if changes["description"].exists():
        description = node["description"].string(default="")
        said = "changed the description of" if description else "removed the description of"
        lines.append(
            md("{who} {said} {repo}" + (":" if description else ".")).format(
                who=actor, said=said, repo=repo_link(repo)
            )
        )
    if changes["homepage"].exists():
        homepage = node["homepage"].string(default="")
        website = link(homepage, homepage) if homepage else None
        lines.append(
            md("{who} set the website of {repo} to {site}.").format(
                who=actor, repo=repo_link(repo), site=website
            )
            if website
            else md("{who} removed the website of {repo}.").format(who=actor, repo=repo_link(repo))
        )
    if changes["topics"].exists():
        topics = [code(item.string(default="")) for item in node["topics"].array(default=[])]
        lines.append(
            md("{who} set the topics of {repo}: {topics}.").format(
                who=actor, repo=repo_link(repo), topics=listing(topics, "none")
            )
        )
    if not lines:
        return None
    # The description is plain text; quoted, it reads as what was written.
    return activity(repo, paragraphs(*lines, quoted(description)))


# How an import by GitHub Importer ended.
IMPORTS = {"success": "finished", "failure": "failed", "cancelled": "was cancelled"}


@integration.handles("repository_import")
def on_repository_import(payload: Payload, delivery: Delivery) -> Message:
    """How the import of a repository from another host into this one ended: finished, failed or
    cancelled."""
    status = payload["status"].string(default="")
    ended = IMPORTS.get(status, f"ended ({status})" if status else "ended")
    return on_repo(payload, delivery, "{who}'s import into {repo} {ended}.", ended=ended)


# Who may work on it -----------------------------------------------------------------------


@integration.handles("member", action=("added", "removed"))
def on_member(payload: Payload, delivery: Delivery) -> Message:
    """The collaborator added to or removed from the repository, and the role given."""
    member = who(user_of(payload["member"]))
    role = payload["changes"]["permission"]["to"].string(default="")
    if delivery.action == "added" and role:
        template = "{who} added {member} as a collaborator on {repo}, with {role} access."
        return on_repo(payload, delivery, template, member=member, role=bold(role))
    template = "{who} {verb} {member} as a collaborator on {repo}."
    return on_repo(payload, delivery, template, verb=delivery.action, member=member)


@integration.handles("member", action="edited")
def on_member_edited(payload: Payload, delivery: Delivery) -> Message:
    """The collaborator's new role, and the former one."""
    changes = payload["changes"]
    old = changes["permission"]["from"].string(default="") or changes["old_permission"][
        "from"
    ].string(default="")
    new = changes["permission"]["to"].string(default="")
    member = who(user_of(payload["member"]))
    if not new:
        # GitHub's older shape says only what the access was.
        template = "{who} changed the access of {member} to {repo}" + (
            " (was {old})." if old else "."
        )
        return on_repo(payload, delivery, template, member=member, old=bold(old))
    template = "{who} gave {member} {new} access to {repo}" + (" (was {old})." if old else ".")
    return on_repo(payload, delivery, template, member=member, new=bold(new), old=bold(old))


@integration.handles("team_add")
def on_team_add(payload: Payload, delivery: Delivery) -> Message:
    """The team given access to the repository."""
    team = bold(payload["team"]["name"].string())
    return on_repo(payload, delivery, "{who} gave the {team} team access to {repo}.", team=team)
