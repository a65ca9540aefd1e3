"""The in-memory delivery store: claim once, release, bound, expiry, atomicity across threads."""

from __future__ import annotations

import threading

from tests.webhook_support import FakeClock
from wirekit.webhook import InMemoryDeliveryStore


def test_store_claims_once_and_releases() -> None:
    store = InMemoryDeliveryStore()
    assert store.claim("a") and not store.claim("a")
    store.release("a")
    assert store.claim("a")
    store.release("never-claimed")  # harmless


def test_store_is_bounded_and_evicts_the_oldest() -> None:
    store = InMemoryDeliveryStore(max_entries=3)
    for key in "abcd":
        assert store.claim(key)
    assert len(store) == 3 and "a" not in store and "d" in store
    assert store.claim("a")  # forgotten, so claimable again
    assert "b" not in store


def test_store_entries_expire_after_the_ttl() -> None:
    clock = FakeClock()
    store = InMemoryDeliveryStore(ttl_seconds=60, clock=clock)
    assert store.claim("a")
    clock.now += 30
    assert store.claim("b") and not store.claim("a")
    clock.now += 30  # "a" is exactly 60 s old
    assert store.claim("a") and not store.claim("b")
    clock.now += 31
    assert len(store) == 1 and "a" in store


def test_store_claim_is_atomic_across_threads() -> None:
    store = InMemoryDeliveryStore()
    barrier = threading.Barrier(32)
    wins: list[bool] = []
    lock = threading.Lock()

    def contend() -> None:
        barrier.wait()
        for i in range(200):
            won = store.claim(f"k{i}")
            if won:
                with lock:
                    wins.append(won)

    threads = [threading.Thread(target=contend) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 200 and len(store) == 200
