"""Alerts of GitHub's scanners: code scanning (CodeQL and others) and secret scanning.

Like Dependabot's (in ``security``), a new alert or one open again leads
with its severity and the facts to act on; a closed one is one sentence. A
leaked secret itself is never shown: GitHub does not send it.
"""

from __future__ import annotations

from integrations.common.code_hosting import Repo
from integrations.common.code_hosting.security import Alert, alert_closed, alert_raised
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import sender_of, user_of
from integrations.webhooks.github.security import closed_by_someone, security_topic

# Code scanning ----------------------------------------------------------------------------


def code_scanning_alert(payload: Payload, repo: Repo) -> Alert:
    node = payload["alert"]
    number = node["number"].integer(default=None)
    rule = node["rule"]
    instance = node["most_recent_instance"]
    if not instance.exists():
        instances = node["instances"].array(default=[])
        instance = instances[0] if instances else node["most_recent_instance"]
    where = instance["location"]
    path = where["path"].string(default=None)
    line = where["start_line"].integer(default=None)
    sha = instance["commit_sha"].string(default=None) or payload["commit_oid"].string(default="")
    file_url = repo.page("blob", sha, path) if path and sha else None
    if file_url and line:
        file_url += f"#L{line}"
    rule_id = rule["id"].string(default="")
    tool_name = node["tool"]["name"].string(default="")
    found_by = md("Found by {}").format(tool_name) if tool_name else md("Found")
    if rule_id:
        found_by += md(", rule {}").format(code(rule_id))
    return Alert(
        name=f"code scanning alert #{number}" if number is not None else "code scanning alert",
        title=rule["description"].string(default="") or rule["name"].string(default="") or rule_id,
        url=node["html_url"].string(default=None),
        severity=rule["security_severity_level"].string(default=None)
        or rule["severity"].string(default=None),
        location=f"{path} line {line}" if path and line else path,
        location_url=file_url,
        notes=[found_by, *branch_note(payload)] if tool_name or rule_id else branch_note(payload),
    )


def branch_note(payload: Payload) -> list[Markdown]:
    """The branch the analysis ran on, when it is one."""
    ref = payload["ref"].string(default="")
    if not ref.startswith("refs/heads/"):
        return []
    return [md("On branch {}").format(code(ref.removeprefix("refs/heads/")))]


# GitHub's reasons, as its dismissal form says them.
CODE_SCANNING_REASONS = {
    "false positive": "as a false positive",
    "won't fix": "as won't fix",
    "used in tests": "as used in tests",
}


@integration.handles("code_scanning_alert", action="created")
def on_code_scanning_alert_created(payload: Payload, delivery: Delivery) -> Message:
    """A new alert: its severity, the rule it breaks, the file and line (linked), the tool and
    the branch."""
    topic, repo = security_topic(payload, delivery)
    return alert_raised(topic, code_scanning_alert(payload, repo))


@integration.handles("code_scanning_alert", action="reopened_by_user")
def on_code_scanning_alert_reopened_by_user(payload: Payload, delivery: Delivery) -> Message:
    """Who reopened the alert, and the same facts as a new one."""
    topic, repo = security_topic(payload, delivery)
    alert = code_scanning_alert(payload, repo)
    return alert_raised(topic, alert, actor=sender_of(payload), verb="reopened")


@integration.handles("code_scanning_alert", action="reopened")
def on_code_scanning_alert_reopened(payload: Payload, delivery: Delivery) -> Message:
    """That the alert is open again: a new analysis found the code it flags again."""
    topic, repo = security_topic(payload, delivery)
    note = md("A new analysis found the code it flags again.")
    return alert_raised(topic, code_scanning_alert(payload, repo), verb="is open again", note=note)


@integration.handles("code_scanning_alert", action="closed_by_user")
def on_code_scanning_alert_closed_by_user(payload: Payload, delivery: Delivery) -> Message:
    """Who dismissed it, why (a false positive, won't fix, used in tests), and their comment."""
    topic, repo = security_topic(payload, delivery)
    return closed_by_someone(
        topic, code_scanning_alert(payload, repo), payload, verb="dismissed", by="dismissed_by",
        reason="dismissed_reason", comment="dismissed_comment", reasons=CODE_SCANNING_REASONS,
    )  # fmt: skip


@integration.handles("code_scanning_alert", action="fixed")
def on_code_scanning_alert_fixed(payload: Payload, delivery: Delivery) -> Message:
    """That the alert is fixed: the latest analysis no longer finds it."""
    topic, repo = security_topic(payload, delivery)
    return alert_closed(topic, code_scanning_alert(payload, repo), "fixed")


integration.ignores(
    "code_scanning_alert",
    action="appeared_in_branch",
    reason="An alert already posted was found on one more branch, as branches merge.",
)
integration.ignores(
    "code_scanning_alert",
    action="updated_assignment",
    reason="Who is assigned to an alert is tracked on GitHub; the alert itself was posted.",
)


# Secret scanning ----------------------------------------------------------------------------

# What GitHub found when it checked whether a leaked secret still works.
VALIDITY = {"active": "the secret still works", "inactive": "the secret no longer works"}


def secret_alert(payload: Payload, repo: Repo, *, said: str = "") -> Alert:
    """A secret found in the repository; the secret itself is never read.

    ``said`` names a fact the message's sentence already tells ("validity",
    "public"), left out of the list.
    """
    node = payload["alert"]
    number = node["number"].integer(default=None)
    notes = []
    validity = VALIDITY.get(node["validity"].string(default=""))
    if validity and said != "validity":
        notes.append(md("GitHub checked it: {}").format(validity))
    if node["push_protection_bypassed"].boolean(default=False):
        by = node["push_protection_bypassed_by"]
        bypasser = bold(user_of(by).name) if by.exists() else Markdown("someone")
        notes.append(md("Pushed past push protection by {}").format(bypasser))
    if node["publicly_leaked"].boolean(default=False) and said != "public":
        notes.append(md("Also found in public, outside this repository"))
    return Alert(
        name=f"secret scanning alert #{number}" if number is not None else "secret scanning alert",
        title=node["secret_type_display_name"].string(default="")
        or node["secret_type"].string(default=""),
        url=node["html_url"].string(default=None)
        or (repo.page("security", "secret-scanning", str(number)) if number is not None else None),
        notes=notes,
    )


# How a secret scanning alert was resolved, as GitHub's form says it.
RESOLUTIONS = {
    "false_positive": "as a false positive",
    "wont_fix": "as won't fix",
    "revoked": "as revoked",
    "used_in_tests": "as used in tests",
    "pattern_deleted": "as its pattern was deleted",
    "pattern_edited": "as its pattern was edited",
}


@integration.handles("secret_scanning_alert", action="created")
def on_secret_scanning_alert_created(payload: Payload, delivery: Delivery) -> Message:
    """A new alert: the kind of secret found, whether it still works, and whether someone pushed
    it past push protection. The secret itself is never shown."""
    topic, repo = security_topic(payload, delivery)
    return alert_raised(topic, secret_alert(payload, repo))


@integration.handles("secret_scanning_alert", action="reopened")
def on_secret_scanning_alert_reopened(payload: Payload, delivery: Delivery) -> Message:
    """Who reopened the alert, and the kind of secret."""
    topic, repo = security_topic(payload, delivery)
    return alert_raised(
        topic, secret_alert(payload, repo), actor=sender_of(payload), verb="reopened"
    )


@integration.handles("secret_scanning_alert", action="publicly_leaked")
def on_secret_scanning_alert_publicly_leaked(payload: Payload, delivery: Delivery) -> Message:
    """That the secret was also found in public, outside the repository."""
    topic, repo = security_topic(payload, delivery)
    alert = secret_alert(payload, repo, said="public")
    return alert_raised(topic, alert, verb="was found in public too, outside this repository")


@integration.handles("secret_scanning_alert", action="validated")
def on_secret_scanning_alert_validated(payload: Payload, delivery: Delivery) -> Message | None:
    """Whether the secret still works, when GitHub checked it. **Nothing** when GitHub could not
    tell."""
    validity = VALIDITY.get(payload["alert"]["validity"].string(default=""))
    if validity is None:
        return None
    topic, repo = security_topic(payload, delivery)
    alert = secret_alert(payload, repo, said="validity")
    note = md("GitHub asked the secret's provider: {}.").format(validity)
    return alert_raised(topic, alert, verb="was checked again", note=note)


@integration.handles("secret_scanning_alert", action="resolved")
def on_secret_scanning_alert_resolved(payload: Payload, delivery: Delivery) -> Message:
    """Who resolved it, how (revoked, a false positive...), and their comment."""
    topic, repo = security_topic(payload, delivery)
    return closed_by_someone(
        topic, secret_alert(payload, repo), payload, verb="resolved", by="resolved_by",
        reason="resolution", comment="resolution_comment", reasons=RESOLUTIONS,
    )  # fmt: skip


integration.ignores(
    "secret_scanning_alert",
    action=("assigned", "unassigned"),
    reason="Who is assigned to an alert is tracked on GitHub; the alert itself was posted.",
)
integration.ignores(
    "secret_scanning_alert_location",
    reason="One more place where a secret already posted was found.",
)
integration.ignores(
    "secret_scanning_scan",
    reason="A scan that completed; what it found arrives as `secret_scanning_alert`.",
)
integration.ignores(
    "exemption_request_secret_scanning",
    "dismissal_request_secret_scanning",
    "dismissal_request_code_scanning",
    "dismissal_request_dependabot",
    reason="A request to a security reviewer, to push a secret past push protection or to "
    "dismiss an alert, which GitHub sends to the reviewers who may grant it; the alert, its "
    "dismissal and the push are posted when they happen.",
)
