"""The organization: its members, its teams and their members, and the organization itself.

Topics are Zulip's: ``<organization> organization`` for the members of the
organization and of its teams, ``team <name>`` for a team's own news.
"""

from __future__ import annotations

from integrations.common.code_hosting import paragraphs, quoted, repo_link, who
from integrations.core import Delivery, Markdown, Message, Payload, bold, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import organization_of, repo_of, sender_of, user_of


def organization_topic(payload: Payload) -> str:
    return f"{organization_of(payload)} organization"


def team_topic(team: Payload) -> str:
    return f"team {team['name'].string()}"


def said(payload: Payload, topic: str, template: str, **fields: object) -> Message:
    """A sentence with ``{who}`` (the sender) and ``{org}`` filled in."""
    values = {"who": who(sender_of(payload)), "org": bold(organization_of(payload)), **fields}
    return Message(topic=topic, content=md(template).format(**values))


# Members of the organization -------------------------------------------------------------

# Roles as GitHub's settings name them.
ROLES = {
    "admin": "an owner",
    "member": "a member",
    "direct_member": "a member",
    "billing_manager": "a billing manager",
    "hiring_manager": "a hiring manager",
}


@integration.handles("organization", action=("member_added", "member_removed"))
def on_organization_member(payload: Payload, delivery: Delivery) -> Message:
    """The member added to or removed from the organization, and the role given."""
    membership = payload["membership"]
    member = who(user_of(membership["user"]))
    if delivery.action == "member_removed":
        template = "{who} removed {member} from the {org} organization."
        return said(payload, organization_topic(payload), template, member=member)
    role = ROLES.get(membership["role"].string(default=""))
    template = "{who} added {member} to the {org} organization" + (" as {role}." if role else ".")
    return said(payload, organization_topic(payload), template, member=member, role=role)


@integration.handles("organization", action="member_invited")
def on_organization_member_invited(payload: Payload, delivery: Delivery) -> Message:
    """Who was invited, and to which role; someone invited by e-mail is not named."""
    invitation = payload["invitation"]
    login = invitation["login"].string(default="") or payload["user"]["login"].string(default="")
    invitee = bold(login) if login else Markdown("someone, by e-mail,")
    role = ROLES.get(invitation["role"].string(default=""))
    template = "{who} invited {invitee} to join the {org} organization" + (
        " as {role}." if role else "."
    )
    return said(payload, organization_topic(payload), template, invitee=invitee, role=role)


@integration.handles("organization", action="renamed")
def on_organization_renamed(payload: Payload, delivery: Delivery) -> Message:
    """The former name and the new one."""
    old = payload["changes"]["login"]["from"].string(default="") or "?"
    template = "{who} renamed the organization {old} to {org}."
    return said(payload, organization_topic(payload), template, old=bold(old))


@integration.handles("organization", action="deleted")
def on_organization_deleted(payload: Payload, delivery: Delivery) -> Message:
    """Who deleted the organization."""
    return said(payload, organization_topic(payload), "{who} deleted the {org} organization.")


integration.ignores(
    "org_block",
    reason="Blocking someone is moderation, which the organization's owners see in its "
    "settings; naming the person in a channel that may be wider is not kind to anyone.",
)


# Teams -----------------------------------------------------------------------------------

MEMBERSHIP = {"added": "to", "removed": "from"}


@integration.handles("membership", action=("added", "removed"))
def on_membership(payload: Payload, delivery: Delivery) -> Message:
    """The member added to or removed from a team."""
    action = delivery.action
    template = "{who} {action} {member} {preposition} the {team} team."
    return said(
        payload,
        organization_topic(payload),
        template,
        action=action,
        member=who(user_of(payload["member"])),
        preposition=MEMBERSHIP[action],
        team=bold(payload["team"]["name"].string()),
    )


TEAM_PRIVACY = {
    "closed": "visible to every member of the organization",
    "secret": "secret, visible only to its own members",
}


def team_link(team: Payload) -> Markdown:
    name = team["name"].string()
    url = team["html_url"].string(default=None)
    return link(name, url) if url else bold(name)


@integration.handles("team", action="created")
def on_team_created(payload: Payload, delivery: Delivery) -> Message:
    """The new team, how visible it is, and its description."""
    team = payload["team"]
    privacy = TEAM_PRIVACY.get(team["privacy"].string(default=""))
    head = md("{who} created the {team} team" + (", {privacy}." if privacy else ".")).format(
        who=who(sender_of(payload)), team=team_link(team), privacy=privacy
    )
    description = team["description"].string(default=None)
    return Message(topic=team_topic(team), content=paragraphs(head, quoted(description)))


@integration.handles("team", action="deleted")
def on_team_deleted(payload: Payload, delivery: Delivery) -> Message:
    """Who deleted the team."""
    team = payload["team"]
    head = md("{who} deleted the {team} team.").format(
        who=who(sender_of(payload)), team=bold(team["name"].string())
    )
    return Message(topic=team_topic(team), content=head)


# The access a team's repository permissions give, strongest first, as GitHub names them.
ACCESS = (("admin", "admin"), ("maintain", "maintain"), ("push", "write"), ("triage", "triage"))


def access_of(repository: Payload) -> str | None:
    """The team's role on a repository, from the permissions the payload lists."""
    permissions = repository["permissions"]
    for key, name in ACCESS:
        if permissions[key].boolean(default=False):
            return name
    return "read" if permissions["pull"].boolean(default=False) else None


@integration.handles("team", action=("added_to_repository", "removed_from_repository"))
def on_team_repository(payload: Payload, delivery: Delivery) -> Message:
    """The repository the team was given access to (and the role), or lost access to."""
    team = payload["team"]
    repo = repo_of(payload["repository"], delivery)
    actor, shown = who(sender_of(payload)), bold(team["name"].string())
    if delivery.action == "removed_from_repository":
        head = md("{who} removed the {team} team's access to {repo}.").format(
            who=actor, team=shown, repo=repo_link(repo)
        )
    else:
        access = access_of(payload["repository"])
        head = md("{who} gave the {team} team {access}access to {repo}.").format(
            who=actor,
            team=shown,
            access=md("{} ").format(bold(access)) if access else Markdown(""),
            repo=repo_link(repo),
        )
    return Message(topic=team_topic(team), content=head)


@integration.handles("team", action="edited")
def on_team_edited(payload: Payload, delivery: Delivery) -> Message:
    """The new name, description or visibility of a team, or the role it has on a repository."""
    actor = who(sender_of(payload))
    team = payload["team"]
    name = team["name"].string()
    changes = payload["changes"]
    lines: list[Markdown] = []
    description = None
    if changes["name"]["from"].exists():
        old = changes["name"]["from"].string()
        lines.append(
            md("{who} renamed the team {old} to {new}.").format(
                who=actor, old=bold(old), new=bold(name)
            )
        )
    if changes["description"]["from"].exists():
        lines.append(
            md("{who} changed the description of the {team} team:").format(
                who=actor, team=bold(name)
            )
        )
        description = team["description"].string(default="")
    if changes["privacy"]["from"].exists():
        privacy = team["privacy"].string(default="")
        lines.append(
            md("{who} made the {team} team {privacy}.").format(
                who=actor, team=bold(name), privacy=TEAM_PRIVACY.get(privacy, privacy)
            )
        )
    access = access_of(payload["repository"]) if changes["repository"].exists() else None
    if access and payload["repository"].exists():
        lines.append(
            md("{who} gave the {team} team {access} access to {repo}.").format(
                who=actor,
                team=bold(name),
                access=bold(access),
                repo=repo_link(repo_of(payload["repository"], delivery)),
            )
        )
    if not lines:
        # Other settings, such as its notifications.
        lines.append(md("{who} edited the {team} team.").format(who=actor, team=bold(name)))
    return Message(topic=team_topic(team), content=paragraphs(*lines, quoted(description)))
