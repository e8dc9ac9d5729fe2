"""The outbox on PostgreSQL, shared by several gateways on several machines.

Each gateway stores what it receives and claims what it sends in the one
database. What keeps them from getting in each other's way:

* claims take rows with ``SELECT … FOR UPDATE SKIP LOCKED``, so two senders
  never lock the same row and never wait on each other, and then update them
  only if, by then, they are still due, unclaimed and the oldest unfinished
  message of their topic (checked again, in the same statement, against what
  other gateways committed meanwhile);
* a delivery id is a primary key: the same delivery stored at once by two
  gateways commits once, and the other request hears it is a duplicate;
* times (received, due, leases) are the database server's, so the gateways'
  clocks need not agree.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from integrations.gateway.sql import ColumnTypes, Cursor, SqlStore

# Several gateways may start at once; the schema is created by one at a time.
SCHEMA_LOCK = 0x7A756C6970  # "zulip"


class PostgresStore(SqlStore):
    """The outbox in a PostgreSQL database (``postgresql://user@host/db``)."""

    placeholder = "%s"
    types = ColumnTypes(
        id="BIGSERIAL PRIMARY KEY",
        time="DOUBLE PRECISION",
        flag="BOOLEAN NOT NULL DEFAULT FALSE",
        zulip_id="BIGINT",
    )
    now = "extract(epoch from clock_timestamp())::double precision"
    # Rows another gateway is claiming at this moment are skipped, not waited for.
    claim_lock = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._connections: list[psycopg.Connection[Any]] = []
        self._lock = threading.Lock()
        with self._transaction() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            self._create_tables(cursor)

    def _connection(self) -> psycopg.Connection[Any]:
        connection: psycopg.Connection[Any] | None = getattr(self._local, "connection", None)
        if connection is None or connection.closed or connection.broken:
            connection = psycopg.connect(self.url, connect_timeout=10, application_name="gateway")
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        connection = self._connection()
        with connection.transaction(), connection.cursor() as cursor:
            yield cursor

    def serve_alone(self) -> None:
        """Nothing to do: gateways share a PostgreSQL outbox, and leases keep them apart."""

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
