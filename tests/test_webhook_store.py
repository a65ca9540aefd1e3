"""The delivery stores: claim once, release, expiry after the replay window, atomicity across
threads (and, for SQLite, across processes), the in-memory bound, and SQLite's persistence: a
new receiver on the same file recognises a retry of a delivery an earlier one handled."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pytest

from tests.webhook_support import EVENT, SPEC, FakeClock, Recorder, call
from wirekit.webhook import (
    DEFAULT_WINDOW_SECONDS,
    InMemoryDeliveryStore,
    SqliteDeliveryStore,
    WebhookReceiver,
)


class Store(Protocol):
    def claim(self, key: str) -> bool: ...
    def release(self, key: str) -> None: ...
    def __contains__(self, key: object) -> bool: ...
    def __len__(self) -> int: ...


#: Makes a store with a 60-second window on the given clock.
StoreFactory = Callable[[FakeClock], Store]


@pytest.fixture(params=["memory", "sqlite"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    opened: list[SqliteDeliveryStore] = []

    def make(clock: FakeClock) -> Store:
        if request.param == "memory":
            return InMemoryDeliveryStore(ttl_seconds=60, clock=clock)
        opened.append(SqliteDeliveryStore(tmp_path / "d.db", window_seconds=60, clock=clock))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


def test_store_claims_once_and_releases(make_store: StoreFactory) -> None:
    store = make_store(FakeClock())
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


def test_store_entries_expire_after_the_ttl(make_store: StoreFactory) -> None:
    clock = FakeClock()
    store = make_store(clock)
    assert store.claim("a")
    clock.now += 30
    assert store.claim("b") and not store.claim("a")
    clock.now += 30  # "a" is exactly 60 s old
    assert store.claim("a") and not store.claim("b")
    clock.now += 31
    assert len(store) == 1 and "a" in store


def test_store_claim_is_atomic_across_threads(make_store: StoreFactory) -> None:
    store = make_store(FakeClock())
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


def test_both_stores_remember_a_week_by_default(tmp_path: Path) -> None:
    assert DEFAULT_WINDOW_SECONDS == 7 * 24 * 3600
    assert InMemoryDeliveryStore().ttl_seconds == DEFAULT_WINDOW_SECONDS
    with SqliteDeliveryStore(tmp_path / "d.db") as store:
        assert store.window_seconds == DEFAULT_WINDOW_SECONDS
    with pytest.raises(ValueError, match="window_seconds"):
        SqliteDeliveryStore(tmp_path / "d.db", window_seconds=0)


def test_sqlite_store_is_a_wal_database_with_one_row_per_key(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    with SqliteDeliveryStore(str(path)) as store:
        store.claim("k1")
        store.claim("k1")
        store.claim("k2")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        keys = db.execute("SELECT key FROM webhook_deliveries ORDER BY key").fetchall()
    assert keys == [("k1",), ("k2",)]


def test_sqlite_claims_survive_the_store_and_expire_after_the_window(tmp_path: Path) -> None:
    clock = FakeClock()
    with SqliteDeliveryStore(tmp_path / "d.db", window_seconds=60, clock=clock) as first:
        assert first.claim("a")
    clock.now += 59
    with SqliteDeliveryStore(tmp_path / "d.db", window_seconds=60, clock=clock) as second:
        assert "a" in second and not second.claim("a")
        clock.now += 1  # the window is over: the key is forgotten, so claimable again
        assert "a" not in second and second.claim("a")
        clock.now += 61  # and expired rows are deleted, not just ignored
        assert second.claim("b")
    with sqlite3.connect(tmp_path / "d.db") as db:
        assert db.execute("SELECT key FROM webhook_deliveries").fetchall() == [("b",)]


def _claim_all(path: str, keys: int) -> int:
    """One process's share of the contention test: how many of the keys it won."""
    with SqliteDeliveryStore(path) as store:
        return sum(store.claim(f"k{i}") for i in range(keys))


def test_sqlite_claim_is_atomic_across_processes(tmp_path: Path) -> None:
    path = str(tmp_path / "d.db")
    SqliteDeliveryStore(path).close()  # create the file once, before the race
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        wins = pool.starmap(_claim_all, [(path, 300)] * 4)
    assert sum(wins) == 300


@pytest.mark.parametrize("as_text", [True, False])
async def test_a_new_receiver_on_the_same_file_answers_a_replay_as_a_duplicate(
    tmp_path: Path, as_text: bool
) -> None:
    path = tmp_path / "deliveries.db"
    first_handler = Recorder()
    first = WebhookReceiver(SPEC, first_handler, store=str(path) if as_text else path)
    assert isinstance(first.store, SqliteDeliveryStore)
    assert (await call(first)).status == 200
    assert first_handler.events == [EVENT]
    del first  # the process restarts: nothing of the first receiver is left but the file

    handler = Recorder()
    second = WebhookReceiver(SPEC, handler, store=path)
    replay = await call(second)
    assert replay.status == 200 and b"duplicate" in replay.body
    assert handler.calls == 0


async def test_a_failed_delivery_is_released_in_the_file_too(tmp_path: Path) -> None:
    path = tmp_path / "deliveries.db"
    failing = WebhookReceiver(SPEC, Recorder(fail_times=1), store=path, ack_first=False)
    assert (await call(failing)).status == 500
    handler = Recorder()
    assert (await call(WebhookReceiver(SPEC, handler, store=path))).status == 200
    assert handler.events == [EVENT]


def test_receiver_store_defaults_to_memory_and_keeps_a_given_store(tmp_path: Path) -> None:
    assert isinstance(WebhookReceiver(SPEC, print).store, InMemoryDeliveryStore)
    with SqliteDeliveryStore(tmp_path / "d.db") as store:
        assert WebhookReceiver(SPEC, print, store=store).store is store


async def test_the_generated_receiver_takes_a_path_and_survives_a_restart(tmp_path: Path) -> None:
    from generated.removethebackground_rest.webhooks import webhook_receiver

    path = tmp_path / "rtb.db"
    handled: list[object] = []
    assert (await call(webhook_receiver(handled.append, store=path), path="/")).status == 200
    again = await call(webhook_receiver(handled.append, store=str(path)), path="/")
    assert again.status == 200 and b"duplicate" in again.body and len(handled) == 1
