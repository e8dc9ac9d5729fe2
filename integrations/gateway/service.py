"""The gateway as a running service: its parts put together, served by uvicorn.

Start-up opens the outbox (creating it if needed) and starts the writer and
the sender; uvicorn then listens. On SIGTERM or SIGINT uvicorn stops
listening, lets requests in flight finish (up to
``limits.graceful_shutdown_timeout``), and only then does the sender stop:
a try under way is finished, the rest stays in the outbox for the next start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.applications import Starlette

import integrations
from integrations.core.client import ZulipClient, user_agent
from integrations.core.registry import Registry
from integrations.gateway.app import Gateway
from integrations.gateway.config import GatewayConfig
from integrations.gateway.metrics import Metrics
from integrations.gateway.protocol import GatewayProtocol
from integrations.gateway.sender import Sender
from integrations.gateway.store import open_store
from integrations.gateway.writer import GroupWriter

log = logging.getLogger("integrations.gateway")
AGENT = user_agent("ZulipIntegrationsGateway", integrations.__version__)


class Service:
    """One gateway process: outbox, writer, sender and web application."""

    def __init__(self, config: GatewayConfig, registry: Registry) -> None:
        self.config = config
        self.store = open_store(config.database_url, synchronous=config.synchronous)
        self.store.serve_alone()
        self.metrics = Metrics(self.store.depth)
        self.writer = GroupWriter(self.store)
        self.sender = Sender(
            self.store,
            self._new_client,
            config.delivery,
            self.metrics,
            retention=config.dedup_days * 86400,
        )
        self.gateway = Gateway(
            config, registry, self.store, self.writer, self.metrics, self.sender,
            lifespan=self._lifespan,
        )  # fmt: skip

    @property
    def app(self) -> Starlette:
        return self.gateway.app

    def _new_client(self) -> ZulipClient:
        # Retries are the sender's: one try per call, so a retry can look first.
        return self.config.zulip.client(AGENT, timeout=self.config.delivery.timeout, retries=0)

    @asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        sending = asyncio.create_task(self.sender.run(stop))
        sending.add_done_callback(_report_stopped_sender)
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(sending, return_exceptions=True)
            self.writer.close()
            self.store.close()

    def server(self) -> uvicorn.Server:
        """A uvicorn server for this service, with the gateway's limits."""
        limits = self.config.limits
        GatewayProtocol.header_timeout = limits.header_timeout
        GatewayProtocol.max_request_line = limits.max_url_bytes
        GatewayProtocol.max_head = limits.max_header_bytes
        settings = uvicorn.Config(
            self.app,
            host=self.config.host,
            port=self.config.port,
            http=GatewayProtocol,
            lifespan="on",
            backlog=2048,
            timeout_keep_alive=max(1, round(limits.keep_alive_timeout)),
            timeout_graceful_shutdown=max(1, round(limits.graceful_shutdown_timeout)),
            h11_max_incomplete_event_size=limits.max_header_bytes,
            # The application logs each request itself, without the API key.
            access_log=False,
            server_header=False,
            log_config=None,
        )
        return uvicorn.Server(settings)


def serve(config: GatewayConfig, registry: Registry) -> None:
    """Run the gateway until SIGTERM or SIGINT."""
    service = Service(config, registry)
    log.info(
        "receiving webhooks at http://%s:%d/api/v1/external/<name>, outbox %s, delivering to %s",
        config.host, config.port, _shown_database(config.database_url), config.zulip.site,
    )  # fmt: skip
    service.server().run()


def _report_stopped_sender(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.critical("the sender stopped: %r; messages are stored, not delivered", task.exception())


def _shown_database(url: str) -> str:
    """The database URL without its password."""
    scheme, _, rest = url.partition("://")
    credentials, at, place = rest.rpartition("@")
    if not at:
        return url
    user = credentials.partition(":")[0]
    return f"{scheme}://{user}:***@{place}" if ":" in credentials else url
