"""Idempotency: remembering which deliveries were taken, so a retried one is handled once.

The vendor retries until it gets a 200, so the same delivery arrives more than once. The
receiver claims each delivery's key in a ``DeliveryStore`` before handling it; this module holds
the protocol and the stores the kit ships, kept apart from the receiver so a store can be
tested, replaced or shared without the ASGI code.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol


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
    goes first, which is the one whose retries are longest over. The TTL (default a week) only
    needs to outlast the vendor's retry schedule.
    """

    def __init__(
        self,
        max_entries: int = 10_000,
        ttl_seconds: float = 7 * 24 * 3600,
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


__all__ = ["DeliveryStore", "InMemoryDeliveryStore"]
