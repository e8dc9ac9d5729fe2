"""Vulnerabilities (``Vulnerability Hook``) found by GitLab's security scanners.

GitLab sends one when a vulnerability is found, when its status changes
(``object_attributes.state``: ``detected``, that is "needs triage",
``confirmed``, ``dismissed``, ``resolved``) and when an issue is linked to
it. The payload names the project only by the vulnerability's page, and
not who acted. Messages use the shared security-alert format: severity
first, then the package and version, the file, the scanner, the CVE and
other identifiers, the linked issues.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from integrations.common.code_hosting import Repo, activity, topic_name
from integrations.common.code_hosting.security import (
    SEVERITY_MARKS,
    Alert,
    alert_closed,
    alert_raised,
    capitalised,
    facts,
    identifiers_of,
    reference,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, link, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import repo_of

# A vulnerability's page: https://gitlab.example.com/group/project/-/security/vulnerabilities/1
VULNERABILITY_PAGE = re.compile(r"(?P<project>https?://.+?)/-/security/vulnerabilities/(?P<id>\d+)")


@integration.handles("Vulnerability Hook")
def on_vulnerability(payload: Payload, delivery: Delivery) -> Message:
    """A vulnerability found, confirmed or back to triage, with its severity (critical and high
    ones marked), package and version, file, scanner, identifiers such as the CVE, and linked
    issues; or one dismissed or resolved, in a sentence."""
    attributes = payload["object_attributes"]
    url = attributes["url"].string(default=None)
    repo = project_of(payload, url, delivery)
    alert = alert_of(attributes, url)
    state = attributes["state"].string(default="detected")
    if state == "dismissed":
        reason = attributes["dismissal_reason"].string(default=None)
        said = f"as {reason.replace('_', ' ')}" if reason else None
        return alert_closed(repo.name, alert, "dismissed", reason=said)
    if state == "resolved":
        automatic = attributes["auto_resolved"].boolean(default=False)
        said = "automatically, as it is no longer detected" if automatic else None
        return alert_closed(repo.name, alert, "resolved", reason=said)
    if state == "confirmed":
        return in_state(repo, alert, "was confirmed")
    created = attributes["created_at"].string(default=None)
    if created is None or created == attributes["updated_at"].string(default=created):
        return alert_raised(repo.name, alert)
    return in_state(repo, alert, "needs triage")


def project_of(payload: Payload, url: str | None, delivery: Delivery) -> Repo:
    """The project: named by the vulnerability's page, where the payload has no ``project``."""
    if payload["project"].exists():
        return repo_of(payload["project"], delivery)
    found = VULNERABILITY_PAGE.match(url or "")
    if found is None:
        return repo_of(payload["project"], delivery)  # says what is missing
    page = found["project"]
    full = urlsplit(page).path.strip("/")
    return Repo(topic_name(full.rsplit("/", 1)[-1], full, delivery), page, full)


def alert_of(attributes: Payload, url: str | None) -> Alert:
    """The vulnerability as a security alert: what a maintainer needs to act."""
    found = VULNERABILITY_PAGE.match(url or "")
    location = attributes["location"]
    notes = [package_of(location)] if location["dependency"].exists() else []
    notes += [issue_note(issue) for issue in attributes["issues"].array(default=[])]
    scanner = attributes["report_type"].string(default=None)
    identifiers = identifiers_of(
        [
            (item["name"].string(default=""), item["url"].string(default=None))
            for item in attributes["identifiers"].array(default=[])
        ]
    )
    return Alert(
        name=f"vulnerability #{found['id']}" if found else "vulnerability",
        title=attributes["title"].string(default=""),
        url=url,
        severity=attributes["severity"].string(default=None),
        location=place_of(location),
        found_by=scanner.replace("_", " ") if scanner else None,
        identifiers=identifiers,
        notes=notes,
    )


def package_of(location: Payload) -> Markdown:
    """'Package `rexml`, version `3.3.1`': the dependency and the version in use."""
    dependency = location["dependency"]
    name = dependency["package"]["name"].string(default="")
    version = dependency["version"].string(default=None)
    line = md("Package {}").format(code(name))
    return line + md(", version {}").format(code(version)) if version else line


def issue_note(issue: Payload) -> Markdown:
    """'Linked to <issue>': the issue someone opened to fix it."""
    title = issue["title"].string(default="") or "an issue"
    page = issue["url"].string(default=None)
    return md("Linked to {}").format(link(title, page) if page else bold(title))


def place_of(location: Payload) -> str | None:
    """Where it is: a file (and line), a container image, or a web address."""
    file = location["file"].string(default=None)
    if file:
        line = location["start_line"].integer(default=None)
        return f"{file}, line {line}" if line else file
    image = location["image"].string(default=None)
    if image:
        return image
    host = location["hostname"].string(default=None)
    return f"{host}{location['path'].string(default='')}" if host else None


def in_state(repo: Repo, alert: Alert, phrase: str) -> Message:
    """A vulnerability still open: confirmed, or back to triage, with all its facts."""
    level = alert.level
    mark = Markdown(SEVERITY_MARKS.get(level or "", ""))
    graded = (
        md("{} severity {}").format(bold(level), reference(alert)) if level else reference(alert)
    )
    head = mark + md("{alert} {phrase}").format(alert=capitalised(graded), phrase=phrase)
    if alert.title:
        head += md(": {}").format(bold(alert.title))
    return activity(repo, Markdown("\n\n").join(part for part in (head, facts(alert)) if part))
