"""The outbox in one SQLite file: the embedded default, for one gateway.

WAL mode, and commits synced as ``synchronous`` says: ``FULL`` (the
default) syncs the write-ahead log at every commit, so an acknowledged
webhook survives a power cut; ``NORMAL`` survives a crash of the process
but not of the machine. Each thread has its own connection; a write
transaction takes SQLite's lock at once (``BEGIN IMMEDIATE``), so claims
never interleave.
"""

from __future__ import annotations

import fcntl
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from integrations.gateway.sql import HEADS, ColumnTypes, Cursor, SqlStore
from integrations.gateway.store import OutboxInUse


class SqliteStore(SqlStore):
    """The outbox in the SQLite file at ``path``."""

    types = ColumnTypes(
        id="INTEGER PRIMARY KEY AUTOINCREMENT",
        time="REAL",
        flag="INTEGER NOT NULL DEFAULT 0",
        zulip_id="INTEGER",
    )
    now = "((julianday('now') - 2440587.5) * 86400.0)"
    # SQLite's heads query takes the partial index only when told to. No lock
    # is needed: the claim's write transaction already holds the file.
    heads = HEADS.replace("FROM outbox", "FROM outbox INDEXED BY outbox_waiting")

    def __init__(self, path: Path, *, synchronous: str = "FULL") -> None:
        if synchronous not in ("FULL", "NORMAL"):
            raise ValueError("synchronous is FULL or NORMAL")
        self.path = path
        self.synchronous = synchronous
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._lock_file: Any = None
        with self._transaction() as cursor:
            self._create_tables(cursor)

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA synchronous={self.synchronous}")
            connection.execute("PRAGMA busy_timeout=30000")
            self._local.connection = connection
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        cursor = self._connection().cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")

    def _insert(self, cursor: Cursor, statement: str, params: Sequence[Any]) -> int:
        # lastrowid rather than RETURNING, which SQLite before 3.35 lacks.
        self._execute(cursor, statement, params)
        return int(cursor.lastrowid or 0)  # type: ignore[attr-defined]

    def serve_alone(self) -> None:
        """Hold the outbox for this process, and take back what a stopped one was sending.

        An SQLite outbox has one gateway (several share a PostgreSQL one), so
        a row still "sending" was being sent by a gateway that stopped: it is
        due now, in doubt, without waiting for its lease to run out.
        """
        self._lock_file = (self.path.parent / f"{self.path.name}.lock").open("a+")
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            raise OutboxInUse(
                f"another gateway is serving from {self.path}; one SQLite outbox serves one"
                " gateway (several gateways share a PostgreSQL outbox)"
            ) from None
        with self._transaction() as cursor:
            self._execute(
                cursor,
                "UPDATE outbox SET state = 'pending', in_doubt = 1, claimed_by = NULL,"
                " claimed_until = NULL, next_attempt_at = {now} WHERE state = 'sending'",
            )

    def close(self) -> None:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
        if self._lock_file is not None:
            self._lock_file.close()
