"""The outbox: messages acknowledged to their sender and not yet delivered to Zulip.

A webhook is acknowledged only once its message is committed here; the
sender delivers from here in the background. Rows move ``pending`` →
``sending`` (claimed by a sender, with a lease) → ``delivered``, or back to
``pending`` to be retried, or to ``dead`` when Zulip refuses them for good.
Only the oldest unfinished message of each topic can be claimed, so a topic
reads in the order its webhooks arrived.

A delivery id (``X-GitHub-Delivery``...) is remembered with the message in
the same transaction, so the same delivery sent twice, even at once, is
stored once.

Two backends share this interface and most of their SQL
(``integrations.gateway.sql``): SQLite (``integrations.gateway.sqlite``,
the embedded default) and PostgreSQL (``integrations.gateway.postgres``),
where several gateways on several machines share one outbox.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PENDING, SENDING, DELIVERED, DEAD = "pending", "sending", "delivered", "dead"


@dataclass(frozen=True)
class NewMessage:
    """A message to store: where it goes, what it says, and the delivery it came from."""

    integration: str
    channel: str
    topic: str
    content: str
    delivery_key: str | None = None  # "github:<X-GitHub-Delivery>", None: no id to dedup on


@dataclass(frozen=True)
class Stored:
    """What storing a message did: its row id, or that the delivery was seen already."""

    id: int | None
    duplicate: bool = False


@dataclass(frozen=True)
class OutboxRow:
    id: int
    received_at: float
    integration: str
    channel: str
    topic: str
    content: str
    state: str
    attempts: int
    next_attempt_at: float
    in_doubt: bool  # an earlier try may have reached Zulip: look before sending again
    last_error: str | None
    zulip_id: int | None
    first_try_at: float | None = None  # when a try first went out: Zulip's copy is no older


@dataclass(frozen=True)
class Depth:
    """How much waits: pending and sending rows, the age of the oldest, dead rows."""

    waiting: int
    oldest_age: float
    dead: int


class Store(ABC):
    """What the gateway needs of an outbox, whatever holds it."""

    @abstractmethod
    def store_batch(self, messages: Sequence[NewMessage]) -> list[Stored]:
        """Store the messages in one transaction (one commit, one fsync)."""

    @abstractmethod
    def claim(self, owner: str, limit: int, lease: float) -> list[OutboxRow]:
        """Claim due heads of topics for ``lease`` seconds; a reclaimed row is in doubt."""

    @abstractmethod
    def delivered(self, row_id: int, zulip_id: int) -> None: ...

    @abstractmethod
    def retry(self, row_id: int, delay: float, error: str, *, in_doubt: bool) -> None:
        """Try the row again ``delay`` seconds from now (by the outbox's clock)."""

    @abstractmethod
    def dead(self, row_id: int, error: str) -> None: ...

    @abstractmethod
    def last_delivered(
        self, channel: str, topic: str, *, before: float | None = None
    ) -> int | None:
        """Zulip's id of the newest message delivered to this topic that the outbox remembers;
        with ``before``, of those whose delivery was recorded by that moment."""

    @abstractmethod
    def rows(self, states: Sequence[str], limit: int = 100) -> list[OutboxRow]:
        """Rows in these states, oldest first (for ``integrations outbox``)."""

    @abstractmethod
    def requeue(self, row_id: int) -> bool:
        """Put a dead or pending row back to be sent now; False if there is no such row."""

    @abstractmethod
    def drop(self, row_id: int) -> bool:
        """Forget an undelivered row; False if there is no such row."""

    @abstractmethod
    def depth(self) -> Depth: ...

    @abstractmethod
    def forget_before(self, moment: float) -> int:
        """Forget delivered rows and delivery ids older than ``moment``; how many rows went."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def serve_alone(self) -> None:
        """Called when a gateway starts serving from this outbox, before it sends anything."""


class OutboxInUse(Exception):
    """Another gateway serves from this SQLite outbox."""


def open_store(url: str, *, synchronous: str = "FULL") -> Store:
    """The outbox a database URL names: ``sqlite:///PATH`` or ``postgresql://...``."""
    if url.startswith("sqlite:///"):
        from integrations.gateway.sqlite import SqliteStore

        return SqliteStore(Path(url.removeprefix("sqlite:///")), synchronous=synchronous)
    # Imported here: psycopg is needed only by those who scale out.
    from integrations.gateway.postgres import PostgresStore

    return PostgresStore(url)
