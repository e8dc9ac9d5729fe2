"""New Relic: workflow notifications about issues, and the legacy alert channels' incidents.

``declaration`` declares the integration, tells the two payloads apart and
holds the noise options; ``readers`` reads a user's payload template
leniently, noting what it lacks; ``text`` holds the pieces both messages
use; importing ``issues`` and ``legacy`` registers their handlers, in the
order the documentation lists them.
"""

# isort: off
from integrations.webhooks.newrelic.declaration import integration
from integrations.webhooks.newrelic import issues, legacy

# isort: on

__all__ = ["integration", "issues", "legacy"]
