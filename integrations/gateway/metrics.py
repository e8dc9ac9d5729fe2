"""The gateway's metrics, in Prometheus' text format, with the prometheus_client library.

Counters say what came in and what became of it; two gauges, read from the
outbox when scraped, say how much waits and for how long.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, disable_created_metrics, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from integrations.gateway.store import Depth

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# The *_created samples only double the page; counters' resets show without them.
disable_created_metrics()  # type: ignore[no-untyped-call]


class _OutboxCollector(Collector):
    def __init__(self, depth: Callable[[], Depth]) -> None:
        self.depth = depth

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = self.depth()
        yield GaugeMetricFamily(
            "gateway_outbox_depth", "Messages stored and not yet delivered.", value=depth.waiting
        )
        yield GaugeMetricFamily(
            "gateway_outbox_oldest_age_seconds",
            "Age of the oldest message not yet delivered (0 when none waits).",
            value=depth.oldest_age,
        )
        yield GaugeMetricFamily(
            "gateway_outbox_dead",
            "Messages Zulip refused for good, kept for review.",
            value=depth.dead,
        )


class Metrics:
    """The counters of one gateway process, and its registry."""

    def __init__(self, depth: Callable[[], Depth]) -> None:
        self.registry = CollectorRegistry()
        self.received = Counter(
            "gateway_webhooks_received", "Webhook requests received.", ["integration"],
            registry=self.registry,
        )  # fmt: skip
        self.ignored = Counter(
            "gateway_webhooks_ignored", "Webhooks that post nothing (ignored or filtered).",
            ["integration"], registry=self.registry,
        )  # fmt: skip
        self.rejected = Counter(
            "gateway_webhooks_rejected", "Requests refused, by reason.", ["reason"],
            registry=self.registry,
        )  # fmt: skip
        self.duplicates = Counter(
            "gateway_webhooks_duplicate", "Deliveries already received, not stored again.",
            registry=self.registry,
        )  # fmt: skip
        self.stored = Counter(
            "gateway_messages_stored", "Messages committed to the outbox.", registry=self.registry
        )
        self.delivered = Counter(
            "gateway_messages_delivered", "Messages Zulip accepted.", registry=self.registry
        )
        self.retried = Counter(
            "gateway_messages_retried", "Tries that will be made again.", registry=self.registry
        )
        self.dead = Counter(
            "gateway_messages_dead_lettered", "Messages Zulip refused for good.",
            registry=self.registry,
        )  # fmt: skip
        self.registry.register(_OutboxCollector(depth))

    def text(self) -> bytes:
        return generate_latest(self.registry)
