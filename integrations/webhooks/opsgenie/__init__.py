"""Opsgenie: its alert actions as messages.

Opsgenie's webhook integration posts one JSON body per alert action and
names the action in the body's ``action``. ``declaration`` declares the
integration, where the event comes from and the noise options; ``readers``
reads the alert out of a payload; importing ``alerts`` registers the
handlers, in the order the documentation lists them.
"""

# isort: off
from integrations.webhooks.opsgenie.declaration import integration
from integrations.webhooks.opsgenie import alerts

# isort: on

__all__ = ["alerts", "integration"]
