"""The Bitbucket Cloud webhook, declared once; the handler modules register on it."""

from integrations.core import HeaderEvent, HmacSignature, WebhookIntegration

integration = WebhookIntegration(
    name="bitbucket",
    display_name="Bitbucket Cloud",
    description="Pushes, pull requests, issues, comments and build statuses from Bitbucket Cloud.",
    categories=["version-control"],
    # Bitbucket Cloud names every event in this header: repo:push, pullrequest:created...
    events=HeaderEvent("X-Event-Key"),
    # With a secret set on the webhook, Bitbucket signs the raw body: sha256=<hex HMAC>.
    signature=HmacSignature("X-Hub-Signature", "sha256", prefix="sha256="),
)
