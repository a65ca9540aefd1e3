"""The ASGI app driven directly: its answers, acknowledgement order, deduplication across
retries, handler and store failures, and the synchronous handle() for WSGI users."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from typing import Any
from uuid import UUID

import pytest

from tests.webhook_support import (
    EVENT,
    FORM,
    FORM_BODY,
    SECRET,
    SPEC,
    TICKET,
    URL,
    ImageProcessed,
    Recorder,
    call,
    form,
    signed,
)
from wirekit.webhook import WebhookReceiver


async def test_delivery_is_acknowledged_and_handled_in_a_worker_thread() -> None:
    handler = Recorder()
    answer = await call(WebhookReceiver(SPEC, handler))
    assert (answer.status, answer.body) == (200, b"OK\n")
    assert answer.headers["content-type"].startswith("text/plain")
    assert handler.events == [EVENT]
    assert handler.threads != [threading.get_ident()]


async def test_async_handler_runs_on_the_loop() -> None:
    seen: list[ImageProcessed] = []

    async def handler(event: ImageProcessed) -> None:
        await asyncio.sleep(0)
        seen.append(event)

    assert (await call(WebhookReceiver(SPEC, handler))).status == 200
    assert seen == [EVENT]


async def test_ack_first_answers_before_the_handler_runs() -> None:
    order: list[str] = []
    app = WebhookReceiver(SPEC, lambda event: order.append("handler"))
    await call(app, log=order)
    assert order == ["http.response.start", "http.response.body", "handler"]
    order.clear()
    app = WebhookReceiver(SPEC, lambda event: order.append("handler"), ack_first=False)
    await call(app, log=order)
    assert order == ["handler", "http.response.start", "http.response.body"]


async def test_status_codes() -> None:
    handler = Recorder()
    app = WebhookReceiver(SPEC, handler, secret=SECRET, path="/hook", max_body_bytes=500)
    assert (await call(app, headers=signed(FORM_BODY))).status == 200
    bad = await call(
        app, form(imageTicket="x", ProcessedImageURL=URL), headers={"Content-Type": FORM}
    )
    assert bad.status == 401  # signature first: an unsigned body is not even parsed
    unsigned = form(imageTicket="x", ProcessedImageURL=URL)
    bad = await call(app, unsigned, headers=signed(unsigned))
    assert bad.status == 400 and b"imageTicket" in bad.body
    assert (await call(app, headers=signed(FORM_BODY, secret="wrong"))).status == 401
    not_post = await call(app, method="GET")
    assert not_post.status == 405 and not_post.headers["allow"] == "POST"
    assert (await call(app, path="/other")).status == 404
    assert (await call(app, path="/hook/", headers=signed(FORM_BODY))).status == 200
    big = FORM_BODY + b"&pad=" + b"x" * 600
    assert (await call(app, big, headers=signed(big))).status == 413
    by_header = signed(big) | {"Content-Length": str(len(big))}
    assert (await call(app, big, headers=by_header, chunk=100)).status == 413
    assert handler.calls == 1  # the two 200s are one delivery


async def test_duplicate_delivery_calls_the_handler_once() -> None:
    handler = Recorder()
    app = WebhookReceiver(SPEC, handler)
    first = await call(app)
    again = await call(app)
    reordered = await call(app, form(ProcessedImageURL=URL, imageTicket=TICKET.upper()))
    as_json = await call(
        app,
        json.dumps({"processedimageurl": URL, "IMAGETICKET": TICKET}).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert [a.status for a in (first, again, reordered, as_json)] == [200] * 4
    assert b"duplicate" in again.body
    assert handler.calls == 1
    other = await call(app, form(imageTicket=str(UUID(int=7)), ProcessedImageURL=URL))
    assert other.status == 200 and handler.calls == 2


async def test_body_in_chunks() -> None:
    handler = Recorder()
    assert (await call(WebhookReceiver(SPEC, handler), chunk=7)).status == 200
    assert handler.events == [EVENT]


async def test_handler_failure_with_ack_first_keeps_the_event(
    caplog: pytest.LogCaptureFixture,
) -> None:
    handler = Recorder(fail_times=1)
    app = WebhookReceiver(SPEC, handler)
    secret_url = "https://cdn.example.com/p.png?token=abc123SECRET&who=me@example.com"
    body = form(imageTicket=TICKET, ProcessedImageURL=secret_url)
    with caplog.at_level(logging.ERROR, logger="wirekit.webhook"):
        answer = await call(app, body)
    assert answer.status == 200
    assert [e.processed_image_url for e in app.failed] == [secret_url]
    logged = caplog.text
    assert "handler failed" in logged and "RuntimeError" in logged
    assert "abc123SECRET" not in logged and "me@example.com" not in logged
    # The key was released: a re-delivery of the same event is handled, not dropped.
    assert (await call(app, body)).status == 200
    assert handler.calls == 2 and len(handler.events) == 1


async def test_handler_failure_without_ack_first_answers_500_then_retry_succeeds() -> None:
    handler = Recorder(fail_times=1)
    app = WebhookReceiver(SPEC, handler, ack_first=False)
    failed = await call(app)
    assert failed.status == 500 and b"RuntimeError" not in failed.body
    retry = await call(app)
    assert retry.status == 200 and b"duplicate" not in retry.body
    assert (await call(app)).status == 200
    assert handler.calls == 2 and handler.events == [EVENT] and app.failed == []


async def test_retry_while_the_first_attempt_is_still_running() -> None:
    started, release = asyncio.Event(), asyncio.Event()
    calls: list[ImageProcessed] = []

    async def slow(event: ImageProcessed) -> None:
        calls.append(event)
        started.set()
        await release.wait()

    app = WebhookReceiver(SPEC, slow, ack_first=False)
    first = asyncio.create_task(call(app))
    await started.wait()
    busy = await call(app)
    assert busy.status == 503 and busy.headers["retry-after"]
    release.set()
    assert (await first).status == 200
    assert (await call(app)).status == 200 and len(calls) == 1


async def test_lifespan_and_websocket_scopes() -> None:
    app = WebhookReceiver(SPEC, Recorder())
    inbox = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[Any] = []

    async def receive() -> Any:
        return inbox.pop(0)

    async def send(message: Any) -> None:
        sent.append(message["type"])

    await app({"type": "lifespan"}, receive, send)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    inbox, sent = [{"type": "websocket.connect"}], []
    await app({"type": "websocket", "path": "/"}, receive, send)
    assert sent == ["websocket.close"]


async def test_client_disconnect_before_the_body_sends_nothing() -> None:
    handler = Recorder()
    sent: list[Any] = []

    async def receive() -> Any:
        return {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    await WebhookReceiver(SPEC, handler)(scope, receive, send)
    assert sent == [] and handler.calls == 0


async def test_a_custom_store_is_called_off_the_loop() -> None:
    class Store:
        def __init__(self) -> None:
            self.claimed: set[str] = set()
            self.threads: set[int] = set()

        def claim(self, key: str) -> bool:
            self.threads.add(threading.get_ident())
            if key in self.claimed:
                return False
            self.claimed.add(key)
            return True

        def release(self, key: str) -> None:
            self.claimed.discard(key)

    store, handler = Store(), Recorder()
    app = WebhookReceiver(SPEC, handler, store=store)
    await call(app)
    await call(app)
    assert handler.calls == 1 and len(store.claimed) == 1
    assert threading.get_ident() not in store.threads


async def test_a_failing_store_answers_500_so_the_vendor_retries() -> None:
    class Broken:
        def claim(self, key: str) -> bool:
            raise ConnectionError("redis down")

        def release(self, key: str) -> None:
            pass

    handler = Recorder()
    assert (await call(WebhookReceiver(SPEC, handler, store=Broken()))).status == 500
    assert handler.calls == 0


def test_sync_handle_for_wsgi_users() -> None:
    handler = Recorder(fail_times=1)
    app = WebhookReceiver(SPEC, handler, ack_first=False, secret=SECRET)
    status, body, _ = app.handle(signed(FORM_BODY), FORM_BODY)
    assert (status, body) == (500, b"handler failed\n")
    assert app.handle(signed(FORM_BODY), FORM_BODY).status == 200
    assert app.handle(signed(FORM_BODY), FORM_BODY).body.startswith(b"OK (duplicate")
    assert app.handle({}, FORM_BODY).status == 401
    assert app.handle({}, FORM_BODY, method="PUT").status == 405
    assert handler.calls == 2 and handler.events == [EVENT]

    seen: list[ImageProcessed] = []

    async def async_handler(event: ImageProcessed) -> None:
        seen.append(event)

    assert WebhookReceiver(SPEC, async_handler).handle({}, FORM_BODY).status == 200
    assert seen == [EVENT]
