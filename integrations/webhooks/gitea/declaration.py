"""The Gitea integration object, apart from its handlers so every module can register on it."""

from integrations.core import HeaderEvent, HmacSignature, WebhookIntegration

integration = WebhookIntegration(
    name="gitea",
    display_name="Gitea",
    description="Pushes, pull requests, issues, releases and Actions runs from Gitea or Forgejo.",
    categories=["version-control"],
    # Forgejo sends the same header and signature alongside its own X-Forgejo-* ones.
    events=HeaderEvent("X-Gitea-Event"),
    signature=HmacSignature("X-Gitea-Signature", "sha256"),
)
