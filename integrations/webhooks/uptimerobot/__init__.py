"""UptimeRobot: monitor alerts as messages, from the body an alert contact's template builds.

``declaration`` declares the integration, the alert's type as its event and
the noise options; ``readers`` reads the user's template (Zulip's field
names or UptimeRobot's own); importing ``monitors`` registers the handlers.
"""

# isort: off
from integrations.webhooks.uptimerobot.declaration import integration
from integrations.webhooks.uptimerobot import monitors

# isort: on

__all__ = ["integration", "monitors"]
