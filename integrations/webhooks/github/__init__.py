"""GitHub: pushes, pull requests, issues, discussions, releases, checks, Actions and more.

The declaration and the readers every handler shares are in ``common``; the
handlers are grouped by what they are about and register themselves when
imported here.
"""

from integrations.webhooks.github import ci, code, issues, organization, pulls
from integrations.webhooks.github.common import integration

__all__ = ["ci", "code", "integration", "issues", "organization", "pulls"]
