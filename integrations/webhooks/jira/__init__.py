"""Jira (Cloud, Server and Data Center): issues, comments, sprints and versions as messages.

Jira names the event in the payload's ``webhookEvent``. ``declaration``
declares the integration; ``readers`` reads the issue and the people a
payload names; ``wiki`` and ``adf`` turn descriptions and comments, in
Jira's wiki markup or in Atlassian Document Format, into Markdown;
``changes`` reads what an update changed; ``attachments`` tells of a file
added to an issue. Importing the handler modules registers their handlers
and ignores, in the order the documentation lists them.
"""

# isort: off
from integrations.webhooks.jira.declaration import integration
from integrations.webhooks.jira import issues, comments, attachments, planning, automation, noise

# isort: on

__all__ = ["attachments", "automation", "comments", "integration", "issues", "noise", "planning"]
