"""Security alerts: Dependabot's, about dependencies with a known vulnerability.

GitHub shows security alerts only to the people who maintain a repository,
so a channel that gets them should be theirs (the page says so). A new
alert or one open again leads with its severity and lists what is needed to
act on it; an alert dismissed, fixed or resolved is one sentence, with the
reason and the comment. All of them go to the repository's topic. The
advisories' readers here serve ``advisories`` too; code scanning and secret
scanning alerts are in ``scanning``.
"""

from __future__ import annotations

from collections.abc import Mapping

from integrations.common.code_hosting import Repo, area_topic
from integrations.common.code_hosting.security import (
    Affected,
    Alert,
    Package,
    alert_closed,
    alert_raised,
    identifiers_of,
)
from integrations.core import Delivery, Message, Payload, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import repo_of, sender_of, user_of

# Reading GitHub's advisories --------------------------------------------------------------


def identifiers_in(advisory: Payload) -> list[tuple[str, str | None]]:
    """The advisory's names (GHSA, CVE), each linked to a reference that ends with it."""
    references = [
        url
        for item in advisory["references"].array(default=[])
        if (url := item["url"].string(default=None))
    ]
    listed = [
        item["value"].string(default="") for item in advisory["identifiers"].array(default=[])
    ]
    names = [advisory["ghsa_id"].string(default=""), *listed, advisory["cve_id"].string(default="")]
    return [(name, next((url for url in references if url.endswith(name)), None)) for name in names]


def score_of(advisory: Payload) -> float | None:
    """The CVSS score: GitHub's ``cvss``, or the newest of ``cvss_severities``."""
    score = advisory["cvss"]["score"].number(default=None)
    for version in ("cvss_v4", "cvss_v3"):
        score = score or advisory["cvss_severities"][version]["score"].number(default=None)
    return score or None


def affected_of(vulnerability: Payload) -> Affected:
    """A package an advisory names: the versions affected and the first that fixes them."""
    package = vulnerability["package"]
    fixed = vulnerability["first_patched_version"]["identifier"].string(
        default=None
    ) or vulnerability["patched_versions"].string(default=None)
    return Affected(
        Package(
            package["name"].string(default="") or "?", package["ecosystem"].string(default=None)
        ),
        vulnerability["vulnerable_version_range"].string(default=None),
        fixed or None,
    )


def named_packages(advisory: Payload) -> list[Affected]:
    """The packages an advisory names. A privately reported one may name none yet: GitHub's form
    then sends a package with an empty name and placeholder versions, which say nothing."""
    listed = [affected_of(item) for item in advisory["vulnerabilities"].array(default=[])]
    return [affected for affected in listed if affected.package.name != "?"]


def advisory_alert(advisory: Payload) -> Alert:
    """A security advisory: from a repository, or from GitHub's Advisory Database."""
    ghsa = advisory["ghsa_id"].string(default="")
    url = advisory["html_url"].string(default=None)
    if not url and ghsa.startswith("GHSA-"):
        # Advisories of GitHub's database live at one address each.
        url = f"https://github.com/advisories/{ghsa}"
    return Alert(
        name=f"security advisory {ghsa}" if ghsa else "security advisory",
        title=advisory["summary"].string(default=""),
        url=url,
        severity=advisory["severity"].string(default=None),
        affected=named_packages(advisory),
        identifiers=identifiers_of(
            [(name, url) for name, url in identifiers_in(advisory) if name != ghsa]
        ),
        score=score_of(advisory),
    )


# Dependabot ---------------------------------------------------------------------------------


def dependabot_alert(payload: Payload, repo: Repo) -> Alert:
    node = payload["alert"]
    number = node["number"].integer(default=None)
    advisory = node["security_advisory"]
    vulnerability = node["security_vulnerability"]
    dependency = node["dependency"]
    affected = affected_of(vulnerability)
    if affected.package.name == "?" and dependency["package"].exists():
        affected = affected_of(dependency)
    notes = []
    if dependency["scope"].string(default="") == "development":
        notes.append(md("Only a development dependency"))
    return Alert(
        name=f"Dependabot alert #{number}" if number is not None else "Dependabot alert",
        title=advisory["summary"].string(default=""),
        url=node["html_url"].string(default=None)
        or (repo.page("security", "dependabot", str(number)) if number is not None else None),
        severity=vulnerability["severity"].string(default=None)
        or advisory["severity"].string(default=None),
        affected=[affected],
        location=dependency["manifest_path"].string(default=None),
        identifiers=identifiers_of(identifiers_in(advisory)),
        score=score_of(advisory),
        notes=notes,
    )


# Why a Dependabot alert was dismissed, as GitHub's form offers it.
DEPENDABOT_REASONS = {
    "fix_started": "as a fix has already started",
    "inaccurate": "as inaccurate",
    "no_bandwidth": "for lack of time to fix it",
    "not_used": "as the vulnerable code is not used",
    "tolerable_risk": "as a tolerable risk",
}


def security_topic(payload: Payload, delivery: Delivery) -> tuple[str, Repo]:
    repo = repo_of(payload["repository"], delivery)
    return area_topic(repo), repo


def closed_by_someone(
    topic: str,
    alert: Alert,
    payload: Payload,
    *,
    verb: str,
    by: str,
    reason: str,
    comment: str,
    reasons: Mapping[str, str],
) -> Message:
    """An alert someone closed: the alert's own fields say who (``by``), why and their comment.

    The alert's person field is missing from older payloads: then the
    delivery's sender is who did it.
    """
    node = payload["alert"]
    person = node[by]
    return alert_closed(
        topic,
        alert,
        verb,
        actor=user_of(person) if person.exists() else sender_of(payload),
        reason=reasons.get(node[reason].string(default="")),
        comment=node[comment].string(default=None),
    )


@integration.handles("dependabot_alert", action="created")
def on_dependabot_alert_created(payload: Payload, delivery: Delivery) -> Message:
    """A new alert: its severity, the advisory's summary, the package and the versions affected,
    the version that fixes it, the manifest, the advisory's names and score."""
    topic, repo = security_topic(payload, delivery)
    return alert_raised(topic, dependabot_alert(payload, repo))


@integration.handles("dependabot_alert", action="reopened")
def on_dependabot_alert_reopened(payload: Payload, delivery: Delivery) -> Message:
    """Who reopened the alert, and the same facts as a new one."""
    topic, repo = security_topic(payload, delivery)
    return alert_raised(
        topic, dependabot_alert(payload, repo), actor=sender_of(payload), verb="reopened"
    )


# Why GitHub opened an alert again, by the action that says it.
OPEN_AGAIN = {
    "reintroduced": "The vulnerable version is back in the dependencies.",
    "auto_reopened": "The rule that dismissed it automatically no longer applies.",
}


@integration.handles("dependabot_alert", action=("reintroduced", "auto_reopened"))
def on_dependabot_alert_open_again(payload: Payload, delivery: Delivery) -> Message:
    """That GitHub opened the alert again, and why: the vulnerable version is back, or the
    auto-triage rule that dismissed it no longer applies."""
    topic, repo = security_topic(payload, delivery)
    note = md(OPEN_AGAIN[delivery.action])
    return alert_raised(topic, dependabot_alert(payload, repo), verb="is open again", note=note)


@integration.handles("dependabot_alert", action="dismissed")
def on_dependabot_alert_dismissed(payload: Payload, delivery: Delivery) -> Message:
    """Who dismissed it, why (a tolerable risk, not used...), and their comment."""
    topic, repo = security_topic(payload, delivery)
    return closed_by_someone(
        topic, dependabot_alert(payload, repo), payload, verb="dismissed", by="dismissed_by",
        reason="dismissed_reason", comment="dismissed_comment", reasons=DEPENDABOT_REASONS,
    )  # fmt: skip


@integration.handles("dependabot_alert", action="auto_dismissed")
def on_dependabot_alert_auto_dismissed(payload: Payload, delivery: Delivery) -> Message:
    """That an auto-triage rule dismissed it."""
    topic, repo = security_topic(payload, delivery)
    alert = dependabot_alert(payload, repo)
    return alert_closed(topic, alert, "dismissed", reason="by an auto-triage rule")


@integration.handles("dependabot_alert", action="fixed")
def on_dependabot_alert_fixed(payload: Payload, delivery: Delivery) -> Message:
    """That the alert is fixed: the vulnerable version is gone."""
    topic, repo = security_topic(payload, delivery)
    return alert_closed(topic, dependabot_alert(payload, repo), "fixed")


integration.ignores(
    "dependabot_alert",
    action="assignees_changed",
    reason="Who is assigned to an alert is tracked on GitHub; the alert itself was posted.",
)
