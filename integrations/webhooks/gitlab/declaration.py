"""The GitLab webhook, declared once; the handler modules register on it."""

from integrations.core import HeaderEvent, TokenHeader, WebhookIntegration

integration = WebhookIntegration(
    name="gitlab",
    display_name="GitLab",
    description="Pushes, merge requests, issues, comments, pipelines and releases from GitLab.",
    categories=["version-control"],
    # GitLab names the trigger in this header: "Push Hook", "Merge Request Hook"...
    events=HeaderEvent("X-Gitlab-Event"),
    # GitLab does not sign the body; it sends the webhook's secret token itself.
    signature=TokenHeader("X-Gitlab-Token"),
)
