"""Delivering the outbox to Zulip, in the background, each message once.

A sender claims the oldest waiting message of each topic and tries it with
the core Zulip client, one attempt at a time:

* sent: the row is done;
* Zulip busy (429), failing (5xx) or unreachable: tried again later, after
  what ``Retry-After`` asks for or an exponential backoff with jitter;
* refused for a reason a retry will not change (another 4xx): the row goes
  to the dead letters, with Zulip's reason, for an operator to look at;
* no answer (a timeout, a connection dropped after the request went out):
  Zulip may have stored the message. The row is *in doubt*: before sending it
  again, the sender waits a moment and reads the topic's newest messages from
  the bot; if one says the same, is newer than the last message delivered to
  that topic and no older than the row's first try, the row is done. A row a
  crashed sender held is in doubt too.

So a message is posted twice only if Zulip stores it later than the sender's
timeout plus that moment, and then the sender's look missed it. Every other
failure retries without duplicating.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from integrations.core.client import ZulipClient, ZulipError
from integrations.gateway.config import Delivery
from integrations.gateway.metrics import Metrics
from integrations.gateway.store import OutboxRow, Store

BASE_DELAY = 1.0
LEASE_MARGIN = 10.0  # beyond a try's worst case: a claimed row is not taken by another sender
HOUSEKEEPING_INTERVAL = 3600.0
MIN_CLAIM_INTERVAL = 0.05
log = logging.getLogger("integrations.gateway.sender")
T = TypeVar("T")


class Sender:
    """Delivers claimed rows with a small pool of threads, each with its own client."""

    def __init__(
        self,
        store: Store,
        new_client: Callable[[], ZulipClient],
        settings: Delivery,
        metrics: Metrics,
        *,
        retention: float = 3 * 86400.0,
        poll_interval: float = 0.5,
    ) -> None:
        self.store = store
        self.new_client = new_client
        self.settings = settings
        self.metrics = metrics
        self.retention = retention
        self.poll_interval = poll_interval
        self.owner = uuid.uuid4().hex[:12]
        self._local = threading.local()
        self._wake = asyncio.Event()
        # Its own threads: a slow Zulip must not take those that answer webhooks.
        self._pool = ThreadPoolExecutor(settings.concurrency + 1, thread_name_prefix="sender")

    @property
    def lease(self) -> float:
        return self.settings.timeout * 2 + self.settings.doubt_delay + LEASE_MARGIN

    def wake(self) -> None:
        """A message was stored: look now rather than at the next poll."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set; a try under way is finished first."""
        running: set[asyncio.Task[None]] = set()
        tidied = 0.0
        while not stop.is_set():
            # Cleared before looking: a message stored or sent from here on
            # wakes the wait below at once.
            self._wake.clear()
            if time.monotonic() - tidied > HOUSEKEEPING_INTERVAL:
                tidied = time.monotonic()
                await self._in_pool(self._forget_old)
            # No more than the free slots: at most ``concurrency`` tries at once.
            rows = await self._claim(self.settings.concurrency - len(running))
            for row in rows:
                task = asyncio.create_task(self._deliver_in_thread(row))
                running.add(task)
                task.add_done_callback(running.discard)
            if not rows:
                # Nothing due. Not more often than this: a long queue waiting
                # for Zulip is not searched again at every webhook.
                await asyncio.sleep(MIN_CLAIM_INTERVAL)
                await self._until(stop)
        if running:
            await asyncio.wait(running)
        self._pool.shutdown(wait=True)

    async def _claim(self, free: int) -> list[OutboxRow]:
        if free <= 0:
            return []
        try:
            return await self._in_pool(self.store.claim, self.owner, free, self.lease)
        except Exception as problem:  # the database is unreachable: try again soon
            log.error("cannot read the outbox: %s", problem)
            return []

    async def _until(self, stop: asyncio.Event) -> None:
        """Wait for a wake-up, for ``stop``, or for the next poll."""
        waiters = {asyncio.create_task(stop.wait()), asyncio.create_task(self._wake.wait())}
        _, pending = await asyncio.wait(
            waiters, timeout=self.poll_interval, return_when=asyncio.FIRST_COMPLETED
        )
        for waiter in pending:
            waiter.cancel()

    async def _in_pool(self, function: Callable[..., T], *arguments: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, function, *arguments)

    async def _deliver_in_thread(self, row: OutboxRow) -> None:
        try:
            await self._in_pool(self._deliver_safely, row)
        finally:
            self._wake.set()  # the topic's next message may go now

    def _deliver_safely(self, row: OutboxRow) -> None:
        try:
            self.deliver(row)
        except Exception as problem:  # the outbox failed mid-way: its lease brings the row back
            log.error("delivering message %s failed: %s", row.id, problem)

    def _forget_old(self) -> None:
        try:
            removed = self.store.forget_before(time.time() - self.retention)
        except Exception as problem:
            log.error("cannot tidy the outbox: %s", problem)
            return
        if removed:
            log.info("forgot %d delivered messages older than the dedup period", removed)

    def _client(self) -> ZulipClient:
        client: ZulipClient | None = getattr(self._local, "client", None)
        if client is None:
            client = self.new_client()
            self._local.client = client
        return client

    def deliver(self, row: OutboxRow) -> None:
        """One try at one row, and what follows from it in the outbox."""
        client = self._client()
        if row.in_doubt:
            try:
                found = client.find_sent(
                    row.channel,
                    row.topic,
                    row.content,
                    # Only what was delivered before this row's first try: a row of the
                    # topic that PostgreSQL committed late may have gone out since.
                    after_id=self.store.last_delivered(
                        row.channel, row.topic, before=row.first_try_at
                    ),
                    since=row.first_try_at,
                )
            except ZulipError as error:
                self._retry(row, f"cannot check whether Zulip has it: {error}", None, True)
                return
            if found is not None:
                self.store.delivered(row.id, found)
                self.metrics.delivered.inc()
                return
        attempt = client.attempt(row.channel, row.topic, row.content)
        if attempt.kind == "sent" and attempt.message_id is not None:
            self.store.delivered(row.id, attempt.message_id)
            self.metrics.delivered.inc()
        elif attempt.kind == "retry":
            self._retry(row, attempt.reason, attempt.retry_after, attempt.in_doubt)
        else:
            self.store.dead(row.id, attempt.reason)
            self.metrics.dead.inc()

    def _retry(
        self, row: OutboxRow, reason: str, retry_after: float | None, in_doubt: bool
    ) -> None:
        if retry_after is not None:
            delay = min(retry_after, self.settings.max_delay)
        else:
            ceiling = min(BASE_DELAY * 2 ** max(0, row.attempts - 1), self.settings.max_delay)
            delay = random.uniform(ceiling / 2, ceiling)  # jitter spreads a herd of retries
        if in_doubt:
            delay = max(delay, self.settings.doubt_delay)
        self.store.retry(row.id, delay, reason, in_doubt=in_doubt)
        self.metrics.retried.inc()
