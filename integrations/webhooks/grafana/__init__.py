"""Grafana: alert notifications from Grafana's webhook contact point.

Grafana sends no header naming the event: the payload's shape says which
alerting it comes from. Grafana Alerting (8 and later) sends a group of
``alerts`` with the group's ``status``; legacy dashboard alerts (7 and
earlier) send one rule's ``state``. ``declaration`` declares the
integration; ``alerting`` and ``legacy`` handle each version.
"""

# isort: off
from integrations.webhooks.grafana.declaration import integration
from integrations.webhooks.grafana import alerting, legacy

# isort: on

__all__ = ["alerting", "integration", "legacy"]
