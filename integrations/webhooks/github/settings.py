"""Who may change the code, and how: branch protection, rulesets, deploy keys, security features,
and this webhook itself.

These change what can reach a repository's branches, so they are posted,
each in the repository's topic (a ruleset of a whole organization in the
organization's).
"""

from __future__ import annotations

from integrations.common.code_hosting import area_topic, listing, paragraphs, repo_link, who
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    bullet_list,
    code,
    link,
    md,
)
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import organization_of, repo_of, sender_of


def in_repository(payload: Payload, delivery: Delivery, template: str, **fields: object) -> Message:
    """A sentence about the repository: ``{who}`` and ``{repo}`` filled in, in its topic."""
    repo = repo_of(payload["repository"], delivery)
    sentence = md(template).format(who=who(sender_of(payload)), repo=repo_link(repo), **fields)
    return Message(topic=area_topic(repo), content=sentence)


def words(key: str) -> str:
    """A setting's key as words: ``required_status_checks_enforcement_level`` -> "required
    status checks"."""
    return key.removesuffix("_enforcement_level").removesuffix("_level").replace("_", " ")


# Branch protection --------------------------------------------------------------------------

# Who a protection applies to, by its enforcement level.
ENFORCED = {"non_admins": " (admins excepted)", "everyone": ""}


def rule_settings(rule: Payload) -> list[Markdown]:
    """What a branch protection rule requires, for the settings that say the most."""
    lines: list[Markdown] = []
    reviews = rule["pull_request_reviews_enforcement_level"].string(default="off")
    if reviews in ENFORCED:
        count = rule["required_approving_review_count"].integer(default=1)
        noun = "review" if count == 1 else "reviews"
        lines.append(
            md("Pull requests need {count} approving {noun}{who}").format(
                count=count, noun=noun, who=md(ENFORCED[reviews])
            )
        )
    checks_level = rule["required_status_checks_enforcement_level"].string(default="off")
    checks = [item.string(default="") for item in rule["required_status_checks"].array(default=[])]
    if checks_level in ENFORCED and checks:
        lines.append(
            md("Checks must pass: {checks}{who}").format(
                checks=listing([code(check) for check in checks if check]),
                who=md(ENFORCED[checks_level]),
            )
        )
    for key, said in (
        ("signature_requirement_enforcement_level", "Commits must be signed"),
        ("linear_history_requirement_enforcement_level", "History must stay linear"),
        ("required_conversation_resolution_level", "Conversations must be resolved"),
    ):
        level = rule[key].string(default="off")
        if level in ENFORCED:
            lines.append(md(said) + md(ENFORCED[level]))
    if rule["authorized_actors_only"].boolean(default=False):
        names = [
            item.string(default="") for item in rule["authorized_actor_names"].array(default=[])
        ]
        lines.append(
            md("Only {} may push").format(listing([bold(name) for name in names if name], "nobody"))
        )
    return lines


PROTECTION = {
    "created": "protected branches matching {pattern} in {repo}",
    "edited": "changed the protection of branches matching {pattern} in {repo}",
    "deleted": "removed the protection of branches matching {pattern} in {repo}",
}


@integration.handles("branch_protection_rule", action=("created", "edited", "deleted"))
def on_branch_protection_rule(payload: Payload, delivery: Delivery) -> Message:
    """The branches the rule protects and what it requires (reviews, checks, signed commits,
    who may push); an edit also names the settings it changed."""
    rule = payload["rule"]
    pattern = code(rule["name"].string(default="") or "?")
    template = "{who} " + PROTECTION[delivery.action] + "."
    message = in_repository(payload, delivery, template, pattern=pattern)
    if delivery.action == "deleted":
        return message
    changed = [words(key) for key in payload["changes"].object(default={})]
    notes = (
        md("Changed: {}.").format(listing([bold(item) for item in changed])) if changed else None
    )
    return Message(
        topic=message.topic,
        content=paragraphs(
            message.content, notes or Markdown(""), bullet_list(rule_settings(rule))
        ),
    )


@integration.handles("branch_protection_configuration", action=("enabled", "disabled"))
def on_branch_protection_configuration(payload: Payload, delivery: Delivery) -> Message:
    """That every branch protection rule of the repository was turned on or off."""
    return in_repository(
        payload,
        delivery,
        "{who} {verb} all branch protection rules of {repo}.",
        verb=delivery.action,
    )


# Rulesets -------------------------------------------------------------------------------------

# What a ruleset applies to, by its target.
TARGETS = {"branch": "branches", "tag": "tags", "push": "pushes"}
ENFORCEMENT = {"active": "active", "evaluate": "evaluated only", "disabled": "disabled"}


@integration.handles("repository_ruleset", action=("created", "edited", "deleted"))
def on_repository_ruleset(payload: Payload, delivery: Delivery) -> Message:
    """The ruleset, linked, what it targets, whether it is enforced, and its rules; an edit also
    names what it changed."""
    ruleset = payload["repository_ruleset"]
    name = ruleset["name"].string(default="") or "?"
    url = ruleset["_links"]["html"]["href"].string(default=None)
    shown = link(name, url) if url and delivery.action != "deleted" else bold(name)
    target = TARGETS.get(ruleset["target"].string(default="branch"), "branches")
    enforcement = ENFORCEMENT.get(ruleset["enforcement"].string(default=""))
    head = md("{who} {verb} the ruleset {name} for {target}").format(
        who=who(sender_of(payload)), verb=delivery.action, name=shown, target=target
    )
    if payload["repository"].exists():
        repo = repo_of(payload["repository"], delivery)
        head += md(" of {}").format(repo_link(repo))
        topic = area_topic(repo)
    else:
        head += md(" of the {} organization").format(bold(organization_of(payload)))
        topic = f"{organization_of(payload)} organization"
    if enforcement and delivery.action != "deleted":
        head += md(" ({})").format(enforcement)
    head += md(".")
    if delivery.action == "deleted":
        return Message(topic=topic, content=head)
    changed = [words(key) for key in payload["changes"].object(default={})]
    notes = (
        md("Changed: {}.").format(listing([bold(item) for item in changed])) if changed else None
    )
    rules = [
        code(kind)
        for item in ruleset["rules"].array(default=[])
        if (kind := item["type"].string(default=""))
    ]
    listed = md("Rules: {}.").format(listing(rules)) if rules else None
    return Message(
        topic=topic, content=paragraphs(head, notes or Markdown(""), listed or Markdown(""))
    )


integration.ignores(
    "exemption_request_push_ruleset",
    reason="A request to push past a ruleset, which GitHub sends to the people who may grant "
    "it; the push is posted when it lands.",
)


# Deploy keys ----------------------------------------------------------------------------------


@integration.handles("deploy_key", action=("created", "deleted"))
def on_deploy_key(payload: Payload, delivery: Delivery) -> Message:
    """The deploy key added or removed, by its title, and whether it may push. The key itself is
    not shown."""
    key = payload["key"]
    title = bold(key["title"].string(default="") or "(untitled)")
    if delivery.action == "deleted":
        return in_repository(
            payload, delivery, "{who} removed the deploy key {title} from {repo}.", title=title
        )
    access = "read-only" if key["read_only"].boolean(default=True) else "with write access"
    return in_repository(
        payload,
        delivery,
        "{who} added the deploy key {title} to {repo}, {access}.",
        title=title,
        access=access,
    )


# Security features ------------------------------------------------------------------------------

FEATURES = {
    "advanced_security": "GitHub Advanced Security",
    "code_security": "code security",
    "secret_scanning": "secret scanning",
    "secret_scanning_push_protection": "push protection",
    "secret_scanning_non_provider_patterns": "scanning for non-provider patterns",
    "secret_scanning_validity_checks": "validity checks",
    "secret_scanning_ai_detection": "AI detection of secrets",
    "dependabot_security_updates": "Dependabot security updates",
}


@integration.handles("security_and_analysis")
def on_security_and_analysis(payload: Payload, delivery: Delivery) -> Message:
    """The security features turned on or off (secret scanning, push protection, Dependabot
    security updates...)."""
    old = payload["changes"]["from"]["security_and_analysis"].object(default={})
    now = payload["repository"]["security_and_analysis"]
    changes = [
        md("{feature} {status}").format(
            feature=FEATURES.get(key, words(key)),
            status=now[key]["status"].string(default="") or "changed",
        )
        for key in old
    ]
    if not changes:
        return in_repository(payload, delivery, "{who} changed the security settings of {repo}.")
    return in_repository(
        payload,
        delivery,
        "{who} changed the security settings of {repo}: {changes}.",
        changes=Markdown("; ").join(changes),
    )


integration.ignores(
    "custom_property",
    "custom_property_values",
    reason="Custom properties are the organization's labels for its repositories, for its "
    "own policies and searches.",
)


# This webhook ---------------------------------------------------------------------------------


@integration.handles("meta", action="deleted")
def on_meta_deleted(payload: Payload, delivery: Delivery) -> Message:
    """That this webhook was deleted, and by whom: nothing more will be posted from it."""
    actor = who(sender_of(payload))
    if payload["repository"].exists():
        repo = repo_of(payload["repository"], delivery)
        topic, place = area_topic(repo), repo_link(repo)
    else:
        topic = organization_of(payload)
        place = md("the {} organization").format(bold(topic))
    head = md("{who} deleted this GitHub webhook of {place}: nothing more will be posted from it.")
    return Message(topic=topic, content=head.format(who=actor, place=place))
