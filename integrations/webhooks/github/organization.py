"""The organization: the members of its teams, and the teams themselves."""

from __future__ import annotations

from integrations.common.code_hosting import Repo, area_topic, paragraphs, quoted, who
from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import sender_of, user_of


def teams_topic(payload: Payload) -> str:
    return area_topic(Repo(payload["organization"]["login"].string()), "teams")


MEMBERSHIP = {"added": "to", "removed": "from"}


@integration.handles("membership", action=("added", "removed"))
def on_membership(payload: Payload, delivery: Delivery) -> Message:
    """The member added to or removed from a team."""
    action = delivery.action
    sentence = md("{who} {action} {member} {preposition} the {team} team.").format(
        who=who(sender_of(payload)),
        action=action,
        member=who(user_of(payload["member"])),
        preposition=MEMBERSHIP[action],
        team=bold(payload["team"]["name"].string()),
    )
    return Message(topic=teams_topic(payload), content=sentence)


TEAM_PRIVACY = {
    "closed": "visible to every member of the organization",
    "secret": "secret, visible only to its own members",
}


@integration.handles("team", action="edited")
def on_team_edited(payload: Payload, delivery: Delivery) -> Message:
    """The new name, description or visibility of a team."""
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
        privacy = team["privacy"].string()
        lines.append(
            md("{who} made the {team} team {privacy}.").format(
                who=actor, team=bold(name), privacy=TEAM_PRIVACY.get(privacy, privacy)
            )
        )
    if not lines:
        # Other settings, such as a repository's permissions for the team.
        lines.append(md("{who} edited the {team} team.").format(who=actor, team=bold(name)))
    return Message(topic=teams_topic(payload), content=paragraphs(*lines, quoted(description)))
