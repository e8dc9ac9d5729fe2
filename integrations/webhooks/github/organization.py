"""The webhook itself (ping), repositories, people and teams, and GitHub Sponsors."""

from __future__ import annotations

from datetime import date

from integrations.common.code_hosting import Repo, activity, area_topic, who
from integrations.core import Markdown, Message, Payload, WebhookRequest, bold, code, link
from integrations.webhooks.github.common import (
    NEVER_POSTED,
    action_of,
    handles,
    integration,
    message,
    paragraphs,
    repo_of,
    sender_of,
    sentence,
    unsupported,
    user_of,
)


def repo_link(payload: Payload) -> Markdown:
    name = payload["repository"]["full_name"].string()
    url = payload["repository"]["html_url"].string(None)
    return link(name, url) if url else bold(name)


def on_repo(payload: Payload, template: str, **fields: object) -> Message:
    return activity(
        repo_of(payload),
        sentence(template, who=who(sender_of(payload)), repo=repo_link(payload), **fields),
    )


# The webhook ------------------------------------------------------------------


@handles("ping")
def on_ping(payload: Payload, request: WebhookRequest) -> Message:
    """GitHub's test delivery when a webhook is created: confirm it, and say what will come."""
    actor = who(sender_of(payload))
    if payload["repository"].exists():
        topic = area_topic(repo_of(payload))
        head = sentence(
            "{who} set up this GitHub webhook for {repo}.", who=actor, repo=repo_link(payload)
        )
    else:
        topic = payload["organization"]["login"].string()
        head = sentence(
            "{who} set up this GitHub webhook for the {org} organization.",
            who=actor,
            org=bold(topic),
        )
    events = [event.string() for event in payload["hook"]["events"].array([])]
    if "*" in events:
        sends = sentence("It sends every event.")
    elif events:
        sends = sentence("It sends: {events}.", events=Markdown(", ").join(code(e) for e in events))
    else:
        sends = Markdown("")
    ignored = [
        event
        for event in events
        if event != "*" and (event not in integration.handlers or event in NEVER_POSTED)
    ]
    unposted = (
        sentence("Not posted here: {events}.", events=Markdown(", ").join(code(e) for e in ignored))
        if ignored
        else Markdown("")
    )
    return Message(topic=topic, content=paragraphs(head, sends, unposted))


# Repository activity ----------------------------------------------------------


@handles("fork")
def on_fork(payload: Payload, request: WebhookRequest) -> Message:
    forkee = payload["forkee"]
    name = forkee["full_name"].string()
    url = forkee["html_url"].string(None)
    return on_repo(
        payload,
        "{who} forked the repository into {fork}.",
        fork=link(name, url) if url else bold(name),
    )


@handles("star")
def on_star(payload: Payload, request: WebhookRequest) -> Message:
    action = action_of(payload)
    if action not in ("created", "deleted"):
        raise unsupported("star", action)
    verb = "starred" if action == "created" else "unstarred"
    return on_repo(payload, "{who} {verb} {repo}.", verb=verb)


@handles("watch")
def on_watch(payload: Payload, request: WebhookRequest) -> Message:
    # Despite its name, GitHub sends "watch" when someone stars a repository.
    action = action_of(payload)
    if action != "started":
        raise unsupported("watch", action)
    return on_repo(payload, "{who} starred {repo}.")


@handles("public")
def on_public(payload: Payload, request: WebhookRequest) -> Message:
    return on_repo(payload, "{who} made {repo} public.")


REPOSITORY_ACTIONS = {
    "deleted": "{who} deleted the repository {name}.",
    "archived": "{who} archived {repo}.",
    "unarchived": "{who} unarchived {repo}.",
    "publicized": "{who} made {repo} public.",
    "privatized": "{who} made {repo} private.",
}


@handles("repository")
def on_repository(payload: Payload, request: WebhookRequest) -> Message:
    action = action_of(payload)
    if action == "created":
        private = payload["repository"]["private"].boolean(False)
        kind = "private repository" if private else "repository"
        return on_repo(payload, "{who} created the {kind} {repo}.", kind=kind)
    template = REPOSITORY_ACTIONS.get(action)
    if template is None:
        raise unsupported("repository", action)
    # A deleted repository's page is gone: its name, not a link.
    return on_repo(payload, template, name=bold(payload["repository"]["full_name"].string()))


@handles("member")
def on_member(payload: Payload, request: WebhookRequest) -> Message:
    action = action_of(payload)
    templates = {
        "added": "{who} added {member} as a collaborator on {repo}.",
        "removed": "{who} removed {member} as a collaborator on {repo}.",
    }
    if action not in templates:
        raise unsupported("member", action)
    return on_repo(payload, templates[action], member=who(user_of(payload["member"])))


@handles("team_add")
def on_team_add(payload: Payload, request: WebhookRequest) -> Message:
    team = bold(payload["team"]["name"].string())
    return on_repo(payload, "{who} gave the {team} team access to {repo}.", team=team)


# Organizations and teams --------------------------------------------------------


def teams_topic(payload: Payload) -> str:
    return area_topic(Repo(payload["organization"]["login"].string()), "teams")


@handles("membership")
def on_membership(payload: Payload, request: WebhookRequest) -> Message:
    action = action_of(payload)
    templates = {
        "added": "{who} added {member} to the {team} team.",
        "removed": "{who} removed {member} from the {team} team.",
    }
    if action not in templates:
        raise unsupported("membership", action)
    return message(
        teams_topic(payload),
        sentence(
            templates[action],
            who=who(sender_of(payload)),
            member=who(user_of(payload["member"])),
            team=bold(payload["team"]["name"].string()),
        ),
    )


TEAM_PRIVACY = {
    "closed": "visible to every member of the organization",
    "secret": "secret, visible only to its own members",
}


@handles("team")
def on_team(payload: Payload, request: WebhookRequest) -> Message:
    action = action_of(payload)
    if action != "edited":
        raise unsupported("team", action)
    actor = who(sender_of(payload))
    team = payload["team"]
    name = team["name"].string()
    changes = payload["changes"]
    lines: list[Markdown] = []
    quote_text = None
    if changes["name"]["from"].exists():
        old = changes["name"]["from"].string()
        lines.append(
            sentence(
                "{who} renamed the team {old} to {new}.", who=actor, old=bold(old), new=bold(name)
            )
        )
    if changes["description"]["from"].exists():
        lines.append(
            sentence(
                "{who} changed the description of the {team} team:", who=actor, team=bold(name)
            )
        )
        quote_text = team["description"].string("")
    if changes["privacy"]["from"].exists():
        privacy = team["privacy"].string()
        lines.append(
            sentence(
                "{who} made the {team} team {privacy}.",
                who=actor,
                team=bold(name),
                privacy=TEAM_PRIVACY.get(privacy, privacy),
            )
        )
    if not lines:
        # Other settings, such as a repository's permissions for the team.
        lines.append(sentence("{who} edited the {team} team.", who=actor, team=bold(name)))
    return message(teams_topic(payload), *lines, body=quote_text)


# GitHub Sponsors --------------------------------------------------------------


def long_date(stamp: str) -> str:
    """``2020-01-05T00:00:00+00:00`` -> ``January 5, 2020``; the text itself if it is not a date."""
    try:
        day = date.fromisoformat(stamp[:10])
    except ValueError:
        return stamp
    return f"{day:%B} {day.day}, {day.year}"


@handles("sponsorship")
def on_sponsorship(payload: Payload, request: WebhookRequest) -> Message:
    """A sponsor who chose to be private is not named: the channel may be wider than they chose."""
    action = action_of(payload)
    node = payload["sponsorship"]
    sponsored = node["sponsorable"]["login"].string()
    topic = area_topic(Repo(sponsored), "sponsors")
    private = node["privacy_level"].string("public") == "private"
    sponsor = Markdown("A private sponsor") if private else who(user_of(node["sponsor"]))
    tier = bold(node["tier"]["name"].string())
    old_tier = payload["changes"]["tier"]["from"]["name"]

    def says(template: str, **fields: object) -> Message:
        return message(topic, sentence(template, sponsor=sponsor, tier=tier, **fields))

    if action == "created":
        return says(
            "{sponsor} started sponsoring {sponsored} at {tier}.", sponsored=bold(sponsored)
        )
    if action == "cancelled":
        return says("{sponsor} cancelled their {tier} sponsorship.")
    if action == "pending_cancellation":
        when = long_date(payload["effective_date"].string())
        return says("{sponsor} will end their {tier} sponsorship on {when}.", when=when)
    if action == "pending_tier_change":
        when = long_date(payload["effective_date"].string())
        return says(
            "{sponsor} will change their sponsorship from {old} to {tier} on {when}.",
            old=bold(old_tier.string()),
            when=when,
        )
    if action == "tier_changed":
        return says(
            "{sponsor} changed their sponsorship from {old} to {tier}.", old=bold(old_tier.string())
        )
    if action == "edited":
        # Only who can see the sponsorship can be edited.
        if private:
            return says("A sponsor made their sponsorship private.")
        return says("{sponsor} made their sponsorship public.")
    raise unsupported("sponsorship", action)


# Security alerts ----------------------------------------------------------------


@handles("repository_vulnerability_alert")
def on_vulnerability_alert(payload: Payload, request: WebhookRequest) -> None:
    """Posts nothing, on purpose.

    An alert names a vulnerable dependency before it is fixed, which is not
    for a channel that may be wider than the repository's maintainers; and
    GitHub has replaced this event with ``dependabot_alert``.
    """
    return
