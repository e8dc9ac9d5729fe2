"""The outbox's SQL, shared by SQLite and PostgreSQL.

Statements are written once, with ``?`` for parameters and ``{now}`` for
the database's clock (seconds since 1970); each backend says how it spells
them and its column types, how it opens a transaction, and how it picks the
rows to claim (the one place where the two must differ: SQLite locks the
whole file, while PostgreSQL's senders skip each other's locked rows).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar, NamedTuple, Protocol

from integrations.gateway.store import (
    DEAD,
    DELIVERED,
    PENDING,
    SENDING,
    Depth,
    NewMessage,
    OutboxRow,
    Store,
    Stored,
)

COLUMNS = (
    "id, received_at, integration, channel, topic, content, state, attempts,"
    " next_attempt_at, in_doubt, last_error, zulip_id, first_try_at"
)
# Each topic's oldest unfinished message. The states are written out, not
# bound, so the database can see that the partial index outbox_waiting fits.
HEADS = "SELECT MIN(id) FROM outbox WHERE state IN ('pending', 'sending') GROUP BY channel, topic"
# A claimed row may be claimed again once its lease ran out (its sender stopped).
UNCLAIMED = "(claimed_until IS NULL OR claimed_until < {now})"
# The tables in either dialect, which spell four column types differently.
TABLES = """
CREATE TABLE IF NOT EXISTS outbox (
    id {id},
    received_at {time} NOT NULL,
    integration TEXT NOT NULL,
    channel TEXT NOT NULL,
    topic TEXT NOT NULL,
    content TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {time} NOT NULL,
    in_doubt {flag},
    claimed_by TEXT,
    claimed_until {time},
    last_error TEXT,
    zulip_id {zulip_id},
    first_try_at {time},
    done_at {time}
);
CREATE TABLE IF NOT EXISTS deliveries (
    key TEXT PRIMARY KEY,
    received_at {time} NOT NULL
);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state);
-- The unfinished messages of each topic, oldest first: finds each topic's head.
CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox (channel, topic, id)
    WHERE state IN ('pending', 'sending');
"""


class ColumnTypes(NamedTuple):
    """How a dialect spells the column types that ``TABLES`` leaves open."""

    id: str
    time: str
    flag: str
    zulip_id: str


class Cursor(Protocol):
    """What both drivers' cursors offer (DB-API 2)."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, query: Any, params: Any = ..., /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


def row_of(values: Sequence[Any]) -> OutboxRow:
    (row_id, received, integration, channel, topic, content, state, attempts, due, doubt,
     error, zulip_id, first_try) = values  # fmt: skip
    return OutboxRow(
        id=int(row_id),
        received_at=float(received),
        integration=str(integration),
        channel=str(channel),
        topic=str(topic),
        content=str(content),
        state=str(state),
        attempts=int(attempts),
        next_attempt_at=float(due),
        in_doubt=bool(doubt),
        last_error=None if error is None else str(error),
        zulip_id=None if zulip_id is None else int(zulip_id),
        first_try_at=None if first_try is None else float(first_try),
    )


class SqlStore(Store):
    """An outbox in an SQL database; subclasses give the dialect and the connections."""

    placeholder = "?"
    now = "{now}"  # the dialect's expression for the current Unix time
    heads = HEADS  # how the claim's SELECT finds each topic's head
    claim_lock = ""  # what the claim's SELECT adds to lock its rows against other claims
    types: ClassVar[ColumnTypes]

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Cursor]:
        """A transaction that may write (committed at the end, rolled back on an error)."""

    def _create_tables(self, cursor: Cursor) -> None:
        for statement in statements(TABLES.format_map(self.types._asdict()) + INDEXES):
            cursor.execute(statement)

    def _claimable_ids(self, cursor: Cursor, limit: int) -> list[int]:
        """The ids of due topic heads to claim, locked against other claims."""
        self._execute(
            cursor,
            f"SELECT id FROM outbox WHERE id IN ({self.heads}) AND next_attempt_at <= {{now}}"
            f" AND {UNCLAIMED} ORDER BY id LIMIT ?{self.claim_lock}",
            (limit,),
        )
        return [int(values[0]) for values in cursor.fetchall()]

    def _sql(self, statement: str) -> str:
        return statement.replace("{now}", self.now).replace("?", self.placeholder)

    def _execute(self, cursor: Cursor, statement: str, params: Sequence[Any] = ()) -> None:
        cursor.execute(self._sql(statement), tuple(params))

    # Storing ---------------------------------------------------------------------

    def store_batch(self, messages: Sequence[NewMessage]) -> list[Stored]:
        results: list[Stored] = []
        with self._transaction() as cursor:
            for message in messages:
                if message.delivery_key is not None:
                    self._execute(
                        cursor,
                        "INSERT INTO deliveries (key, received_at) VALUES (?, {now})"
                        " ON CONFLICT (key) DO NOTHING",
                        (message.delivery_key,),
                    )
                    if cursor.rowcount == 0:
                        results.append(Stored(None, duplicate=True))
                        continue
                row_id = self._insert(
                    cursor,
                    "INSERT INTO outbox (received_at, integration, channel, topic, content,"
                    " state, next_attempt_at) VALUES ({now}, ?, ?, ?, ?, ?, {now})",
                    (message.integration, message.channel, message.topic, message.content,
                     PENDING),
                )  # fmt: skip
                results.append(Stored(row_id))
        return results

    def _insert(self, cursor: Cursor, statement: str, params: Sequence[Any]) -> int:
        """Run an INSERT of one row; its new id."""
        self._execute(cursor, statement + " RETURNING id", params)
        (row_id,) = cursor.fetchone()
        return int(row_id)

    # Sending ---------------------------------------------------------------------

    def claim(self, owner: str, limit: int, lease: float) -> list[OutboxRow]:
        with self._transaction() as cursor:
            ids = self._claimable_ids(cursor, limit)
            if not ids:
                return []
            marks = ", ".join("?" for _ in ids)
            # Checked again in the update: what other gateways committed since
            # the rows were picked counts.
            self._execute(
                cursor,
                "UPDATE outbox SET claimed_by = ?, claimed_until = {now} + ?,"
                " attempts = attempts + 1,"
                # A row still "sending" was claimed by a sender that stopped.
                f" in_doubt = (in_doubt OR state = '{SENDING}'),"
                " first_try_at = COALESCE(first_try_at, {now}),"
                f" state = '{SENDING}'"
                f" WHERE id IN ({marks}) AND id IN ({HEADS}) AND next_attempt_at <= {{now}}"
                f" AND {UNCLAIMED}",
                (owner, lease, *ids),
            )
            self._execute(
                cursor, f"SELECT {COLUMNS} FROM outbox WHERE id IN ({marks}) AND claimed_by = ?"
                " ORDER BY id", (*ids, owner),
            )  # fmt: skip
            return [row_of(values) for values in cursor.fetchall()]

    def delivered(self, row_id: int, zulip_id: int) -> None:
        self._finish(row_id, DELIVERED, zulip_id=zulip_id)

    def dead(self, row_id: int, error: str) -> None:
        self._finish(row_id, DEAD, error=error)

    def _finish(self, row_id: int, state: str, *, zulip_id: int | None = None,
                error: str | None = None) -> None:  # fmt: skip
        with self._transaction() as cursor:
            self._execute(
                cursor,
                "UPDATE outbox SET state = ?, zulip_id = ?, last_error = ?, done_at = {now},"
                " claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                (state, zulip_id, error, row_id),
            )

    def retry(self, row_id: int, delay: float, error: str, *, in_doubt: bool) -> None:
        with self._transaction() as cursor:
            self._execute(
                cursor,
                "UPDATE outbox SET state = ?, next_attempt_at = {now} + ?, last_error = ?,"
                " in_doubt = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                (PENDING, delay, error, in_doubt, row_id),
            )

    def last_delivered(
        self, channel: str, topic: str, *, before: float | None = None
    ) -> int | None:
        statement = "SELECT MAX(zulip_id) FROM outbox WHERE channel = ? AND topic = ? AND state = ?"
        params: list[Any] = [channel, topic, DELIVERED]
        if before is not None:
            statement += " AND done_at <= ?"
            params.append(before)
        with self._transaction() as cursor:
            self._execute(cursor, statement, params)
            (found,) = cursor.fetchone()
        return None if found is None else int(found)

    # Looking and tidying ------------------------------------------------------------

    def rows(self, states: Sequence[str], limit: int = 100) -> list[OutboxRow]:
        marks = ", ".join("?" for _ in states)
        with self._transaction() as cursor:
            self._execute(
                cursor,
                f"SELECT {COLUMNS} FROM outbox WHERE state IN ({marks}) ORDER BY id LIMIT ?",
                (*states, limit),
            )
            return [row_of(values) for values in cursor.fetchall()]

    def requeue(self, row_id: int) -> bool:
        with self._transaction() as cursor:
            self._execute(
                cursor,
                "UPDATE outbox SET state = ?, next_attempt_at = {now}, claimed_by = NULL,"
                " claimed_until = NULL, done_at = NULL WHERE id = ? AND state IN (?, ?)",
                (PENDING, row_id, DEAD, PENDING),
            )
            return cursor.rowcount > 0

    def drop(self, row_id: int) -> bool:
        with self._transaction() as cursor:
            self._execute(
                cursor,
                "DELETE FROM outbox WHERE id = ? AND state IN (?, ?)",
                (row_id, DEAD, PENDING),
            )
            return cursor.rowcount > 0

    def depth(self) -> Depth:
        with self._transaction() as cursor:
            self._execute(
                cursor,
                "SELECT COUNT(*), {now} - MIN(received_at) FROM outbox"
                " WHERE state IN ('pending', 'sending')",
            )
            waiting, age = cursor.fetchone()
            self._execute(cursor, "SELECT COUNT(*) FROM outbox WHERE state = ?", (DEAD,))
            (dead,) = cursor.fetchone()
        return Depth(int(waiting), max(0.0, float(age or 0.0)), int(dead))

    def forget_before(self, moment: float) -> int:
        with self._transaction() as cursor:
            self._execute(
                cursor, "DELETE FROM outbox WHERE state = ? AND done_at < ?", (DELIVERED, moment)
            )
            removed = cursor.rowcount
            self._execute(cursor, "DELETE FROM deliveries WHERE received_at < ?", (moment,))
        return removed


def statements(script: str) -> Iterator[str]:
    """The statements of a schema script, one by one (drivers run one at a time)."""
    for statement in script.split(";"):
        if statement.strip():
            yield statement.strip()
