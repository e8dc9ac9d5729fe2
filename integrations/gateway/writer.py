"""Group commit: many requests' messages committed together, each acknowledged after its commit.

Every acknowledged webhook must be on disk first, and a commit's fsync costs
milliseconds. One writer thread takes whatever messages wait, stores them in
one transaction (one fsync), then tells each waiting request how it went. A
request waits for at most one commit in progress plus its own; under load,
commits grow instead of queueing up.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from integrations.gateway.store import NewMessage, Store, Stored

MAX_BATCH = 256


@dataclass
class _Waiting:
    message: NewMessage
    future: asyncio.Future[Stored]
    loop: asyncio.AbstractEventLoop


class GroupWriter:
    """Stores messages for asyncio callers from one thread, in batched transactions."""

    def __init__(self, store: Store, *, on_batch: Callable[[int], None] | None = None) -> None:
        self.outbox = store
        self.on_batch = on_batch
        self._queue: queue.Queue[_Waiting | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="outbox-writer", daemon=True)
        self._thread.start()

    async def store(self, message: NewMessage) -> Stored:
        """Store ``message``; returns once it is committed (or raises what the commit raised)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Stored] = loop.create_future()
        self._queue.put(_Waiting(message, future, loop))
        return await future

    def close(self) -> None:
        """Commit what waits, then stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[_Waiting]) -> None:
        outcomes: list[tuple[_Waiting, Stored | BaseException]]
        try:
            results = self.outbox.store_batch([item.message for item in batch])
        except Exception as error:  # the store failed: every request of the batch hears it
            outcomes = [(item, error) for item in batch]
        else:
            if self.on_batch is not None:
                self.on_batch(len(batch))
            outcomes = list(zip(batch, results, strict=True))
        # One wake-up of each event loop for the whole batch, not one per request.
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Waiting, Stored | BaseException]]]
        by_loop = {}
        for item, outcome in outcomes:
            by_loop.setdefault(item.loop, []).append((item, outcome))
        for loop, settled in by_loop.items():
            loop.call_soon_threadsafe(_settle, settled)


def _settle(settled: list[tuple[_Waiting, Stored | BaseException]]) -> None:
    for item, outcome in settled:
        if item.future.done():  # the request went away meanwhile
            continue
        if isinstance(outcome, BaseException):
            item.future.set_exception(outcome)
        else:
            item.future.set_result(outcome)
