"""Security advisories: a repository's own, and those of GitHub's Advisory Database."""

from __future__ import annotations

from integrations.common.code_hosting.security import alert_closed, alert_raised
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import sender_of
from integrations.webhooks.github.security import advisory_alert, security_topic

# Advisories ---------------------------------------------------------------------------------


@integration.handles("repository_advisory", action="published")
def on_repository_advisory_published(payload: Payload, delivery: Delivery) -> Message:
    """The advisory the repository published: its severity, the packages and versions affected
    and those that fix them, its CVE and score, and its description."""
    topic, _ = security_topic(payload, delivery)
    advisory = payload["repository_advisory"]
    return alert_raised(
        topic,
        advisory_alert(advisory),
        actor=sender_of(payload),
        verb="published",
        text=advisory["description"].string(default=None),
    )


@integration.handles("repository_advisory", action="reported")
def on_repository_advisory_reported(payload: Payload, delivery: Delivery) -> Message:
    """A vulnerability someone reported privately: its severity and summary, linked. Its
    description stays on GitHub, with the maintainers, until it is published."""
    topic, _ = security_topic(payload, delivery)
    advisory = payload["repository_advisory"]
    return alert_raised(
        topic, advisory_alert(advisory), actor=sender_of(payload), verb="privately reported"
    )


# GitHub's Advisory Database has no repository: its advisories share one topic.
ADVISORIES_TOPIC = "security advisories"


@integration.handles("security_advisory", action="published")
def on_security_advisory_published(payload: Payload, delivery: Delivery) -> Message:
    """A new advisory of GitHub's Advisory Database (sent to GitHub Apps only), with the
    packages and versions it affects, in the `security advisories` topic."""
    advisory = payload["security_advisory"]
    text = advisory["description"].string(default=None)
    return alert_raised(ADVISORIES_TOPIC, advisory_alert(advisory), text=text)


@integration.handles("security_advisory", action="withdrawn")
def on_security_advisory_withdrawn(payload: Payload, delivery: Delivery) -> Message:
    """That an advisory was withdrawn: it was a mistake."""
    advisory = advisory_alert(payload["security_advisory"])
    return alert_closed(ADVISORIES_TOPIC, advisory, "withdrawn")


integration.ignores(
    "security_advisory",
    action="updated",
    reason="GitHub revises advisories often, after they were posted when published.",
)
integration.ignores(
    "repository_vulnerability_alert",
    reason="GitHub's older form of `dependabot_alert`, which is posted here; subscribe to that "
    "one instead.",
)
