"""Prometheus Alertmanager: each notification about a group of alerts, as one message.

Alertmanager's webhook receiver sends one kind of body, a group of alerts,
with no event header. ``declaration`` declares the integration, Zulip's
``name``/``desc`` options and the noise options; the body is read into the
monitoring family's records of a group of alerts (which Grafana's
notifications share); ``topics`` chooses the topic and ``alerts`` writes
the message.
"""

# isort: off
from integrations.webhooks.alertmanager.declaration import integration
from integrations.webhooks.alertmanager import alerts

# isort: on

__all__ = ["alerts", "integration"]
