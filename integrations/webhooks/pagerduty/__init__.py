"""PagerDuty: incidents and services, from V3 webhook subscriptions and V1/V2 webhooks.

PagerDuty sends no header naming the event. V3 names it in the payload's
``event.event_type``; V1 and V2 in the ``type`` or ``event`` of the
message in ``messages``. ``readers`` reads all three into one model of an
incident; the handler modules tell its life (``incidents``), what people
add to it (``updates``) and PagerDuty's own events (``services``).
"""

# isort: off
from integrations.webhooks.pagerduty.declaration import integration
from integrations.webhooks.pagerduty import incidents, updates, services

# isort: on

__all__ = ["incidents", "integration", "services", "updates"]
