"""Idempotency: remembering which deliveries were taken, so a retried one is handled once.

The vendor retries until it gets a 200, so the same delivery arrives more than once. The
receiver claims each delivery's key in a ``DeliveryStore`` before handling it; this module holds
the protocol and the stores the kit ships, kept apart from the receiver so a store can be
tested, replaced or shared without the ASGI code.

Two stores, one per deployment shape: ``InMemoryDeliveryStore`` for a single process that may
forget everything on restart, and ``SqliteDeliveryStore`` when a restart (or a second worker
process on the same host) must still recognise a retry of a delivery already handled.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

#: How long a delivery key is remembered by default: a week, far past any vendor's retry
#: schedule (Remove The Background retries 3 times over minutes), so a retry is never missed,
#: and short enough that the store does not grow for ever.
DEFAULT_WINDOW_SECONDS = 7 * 24 * 3600.0


class DeliveryStore(Protocol):
    """Remembers which deliveries were taken, so a retried one is not handled twice.

    ``claim`` must be atomic (True for exactly one caller per key); ``release`` forgets a key so
    that the next delivery of it is handled (used when handling failed). For several processes
    use a shared store (e.g. Redis ``SET key 1 NX EX ttl`` / ``DEL key``).
    """

    def claim(self, key: str) -> bool: ...

    def release(self, key: str) -> None: ...


class InMemoryDeliveryStore:
    """A bounded, expiring, thread-safe set of claimed keys for a single process.

    Bounded because every delivery adds a key and a receiver runs for months; the oldest claim
    goes first, which is the one whose retries are longest over. The TTL is the replay window:
    a key is remembered for ``ttl_seconds`` (default a week) after its claim, which only needs
    to outlast the vendor's retry schedule. Everything is forgotten when the process ends.
    """

    def __init__(
        self,
        max_entries: int = 10_000,
        ttl_seconds: float = DEFAULT_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._expiry: OrderedDict[str, float] = OrderedDict()  # oldest claim first
        self._lock = threading.Lock()

    def _purge(self, now: float) -> None:
        # Same TTL for all and a monotonic clock: expiry order is insertion order.
        while self._expiry:
            key, expires = next(iter(self._expiry.items()))
            if expires > now:
                break
            del self._expiry[key]

    def claim(self, key: str) -> bool:
        with self._lock:
            now = self._clock()
            self._purge(now)
            if key in self._expiry:
                return False
            while len(self._expiry) >= self.max_entries:
                self._expiry.popitem(last=False)
            self._expiry[key] = now + self.ttl_seconds
            return True

    def release(self, key: str) -> None:
        with self._lock:
            self._expiry.pop(key, None)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            self._purge(self._clock())
            return key in self._expiry

    def __len__(self) -> int:
        with self._lock:
            self._purge(self._clock())
            return len(self._expiry)


_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS webhook_deliveries (
        key TEXT PRIMARY KEY NOT NULL,
        expires_at REAL NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS webhook_deliveries_expiry ON webhook_deliveries (expires_at)",
)
# One statement, so atomic without an explicit transaction: a new key is inserted; a key whose
# window is over is taken again (its expiry moved on); a live key changes nothing, rowcount 0.
_CLAIM = """
    INSERT INTO webhook_deliveries (key, expires_at) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
    WHERE webhook_deliveries.expires_at <= ?
"""
#: Expired rows are deleted at most this often (seconds of the store's clock), not per claim.
_PURGE_EVERY = 60.0


class SqliteDeliveryStore:
    """Claimed keys in an SQLite file, so a retry is recognised after a restart.

    ``path`` is the database file (created with its table if missing; ``":memory:"`` works but
    forgets like the in-memory store). The replay window is ``window_seconds`` (default a week,
    ``DEFAULT_WINDOW_SECONDS``): a key is remembered that long after its claim, then forgotten,
    so the same delivery arriving later is handled again. ``clock`` is wall-clock time by
    default (it must survive restarts, which ``time.monotonic`` does not); tests inject one.

    Table ``webhook_deliveries(key TEXT PRIMARY KEY, expires_at REAL)``: the primary key makes
    ``claim`` a single atomic ``INSERT ... ON CONFLICT`` that succeeds for exactly one caller,
    across threads and across processes sharing the file. The database is put in WAL mode
    (readers never block the writer) with ``synchronous=NORMAL``. Within a process one
    connection is shared under a lock; other processes wait up to ``timeout`` seconds for
    SQLite's write lock. Keys are hashes (see ``delivery_key``), so the file holds no URLs.

    Not for several hosts: SQLite's locking needs a local file system, not NFS. Use a shared
    store (Redis, a database) implementing ``DeliveryStore`` there.

    A claim outlives a crash: if the process dies while a handler runs under
    ``ack_first=False``, the key is still claimed and the vendor's retry is answered as a
    duplicate until the window ends (``DeliveryStore`` has no "handled" step to tell an
    unfinished claim from a finished one). Under ``ack_first=True`` the vendor already had its
    200 and sends no retry, so nothing changes there.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        window_seconds: float = DEFAULT_WINDOW_SECONDS,
        clock: Callable[[], float] = time.time,
        timeout: float = 30.0,
    ) -> None:
        if not window_seconds > 0:
            raise ValueError("window_seconds must be positive")
        self.path = os.fspath(path)
        self.window_seconds = window_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._next_purge = float("-inf")
        # isolation_level=None: autocommit, each statement its own transaction.
        self._db = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            for statement in _SCHEMA:
                self._db.execute(statement)
        except BaseException:
            self._db.close()
            raise

    def _purge(self, now: float) -> None:
        if now >= self._next_purge:
            self._db.execute("DELETE FROM webhook_deliveries WHERE expires_at <= ?", (now,))
            self._next_purge = now + _PURGE_EVERY

    def claim(self, key: str) -> bool:
        with self._lock:
            now = self._clock()
            self._purge(now)
            cursor = self._db.execute(_CLAIM, (key, now + self.window_seconds, now))
            return cursor.rowcount == 1

    def release(self, key: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM webhook_deliveries WHERE key = ?", (key,))

    def _count(self, where: str, *args: object) -> int:
        with self._lock:
            query = f"SELECT count(*) FROM webhook_deliveries WHERE expires_at > ? {where}"
            row = self._db.execute(query, (self._clock(), *args)).fetchone()
            return int(row[0])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._count("AND key = ?", key) > 0

    def __len__(self) -> int:
        return self._count("")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> SqliteDeliveryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(store: DeliveryStore | str | os.PathLike[str] | None) -> DeliveryStore:
    """The receiver's ``store`` argument as a store: None is a new in-memory store, a path an
    ``SqliteDeliveryStore`` at that path (default window), anything else is used as given."""
    if store is None:
        return InMemoryDeliveryStore()
    if isinstance(store, str | os.PathLike):
        return SqliteDeliveryStore(store)
    return store


__all__ = [
    "DEFAULT_WINDOW_SECONDS",
    "DeliveryStore",
    "InMemoryDeliveryStore",
    "SqliteDeliveryStore",
    "open_store",
]
