"""Events about GitHub Apps and GitHub Enterprise itself: none of them is news for a channel.

A webhook made in a repository's or an organization's settings never gets
them; they are declared so that an app's webhook, or a site-wide one of
GitHub Enterprise Server, pointed here is told why nothing is posted rather
than refused.
"""

from __future__ import annotations

from integrations.webhooks.github.declaration import integration

integration.ignores(
    "installation",
    "installation_repositories",
    "installation_target",
    reason="A GitHub App's own installations: which accounts and repositories it may act on.",
)
integration.ignores(
    "github_app_authorization",
    "personal_access_token_request",
    reason="A GitHub App's authorizations and the token requests it handles: bookkeeping of "
    "the app itself.",
)
integration.ignores(
    "marketplace_purchase",
    reason="The plans bought for a GitHub App in GitHub Marketplace, which its sellers follow "
    "there.",
)
integration.ignores(
    "user",
    "enterprise",
    reason="Sent by GitHub Enterprise Server's site-wide webhooks: accounts created or deleted "
    "and settings of the whole site, for its administrators.",
)
integration.ignores(
    "cache_sync",
    reason="Sent by GitHub Enterprise Server when a repository cache replica caught up with a "
    "branch or tag: the site's own plumbing, for its administrators.",
)
integration.ignores(
    "content_reference",
    reason="Sent by GitHub Enterprise Server up to 3.3 to a GitHub App that attaches content to "
    "links in issues and pull requests, which answers it.",
)
