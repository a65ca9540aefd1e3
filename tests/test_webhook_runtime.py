"""The webhook runtime: parsing every body shape, signatures, deduplication across retries, the
ASGI app's answers and failure handling, the delivery store, and the test-form sender (mocked
and over a real loopback socket)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import http.server
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import httpx
import pytest
from hypothesis import given, settings, strategies as st

from wirekit.errors import BindingError, TimeoutError_, TransportError
from wirekit.scalars import decode_uuid
from wirekit.webhook import (
    DEFAULT_SIGNATURE_HEADER,
    InMemoryDeliveryStore,
    SignatureError,
    WebhookError,
    WebhookField,
    WebhookPayloadError,
    WebhookReceiver,
    WebhookSpec,
    parse_webhook,
    send_test_webhook,
    send_test_webhook_async,
    sign_body,
    verify_signature,
)

SECRET = "s3cr3t-shared"
TICKET = "6f1c2b9e-4a3d-4c59-9b7e-0123456789ab"
URL = "https://cdn.example.com/processed/6f1c2b9e.png"
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class ImageProcessed:
    image_ticket: UUID
    processed_image_url: str
    extra: dict[str, str]


def _build(fields: dict[str, Any], extra: dict[str, str]) -> ImageProcessed:
    return ImageProcessed(fields["image_ticket"], fields["processed_image_url"], extra)


SPEC = WebhookSpec(
    name="ImageProcessed",
    fields=(
        WebhookField("imageTicket", "image_ticket", True, decode_uuid),
        WebhookField("ProcessedImageURL", "processed_image_url", True, str),
    ),
    build=_build,
)
EVENT = ImageProcessed(UUID(TICKET), URL, {})


def form(**fields: str) -> bytes:
    return urlencode(fields).encode("ascii")


FORM_BODY = form(imageTicket=TICKET, ProcessedImageURL=URL)


# --------------------------------------------------------------------------------------------
# parse_webhook


def test_form_and_json_bodies_give_the_same_event() -> None:
    json_body = json.dumps({"imageTicket": TICKET, "ProcessedImageURL": URL}).encode()
    from_form = parse_webhook(SPEC, {"Content-Type": FORM}, FORM_BODY)
    from_json = parse_webhook(SPEC, {"content-type": "application/json"}, json_body)
    assert from_form == from_json == EVENT


def test_field_names_match_case_insensitively_and_headers_come_in_any_shape() -> None:
    body = form(IMAGETICKET=TICKET, processedimageurl=URL)
    for headers in (
        {"CONTENT-TYPE": FORM},
        [(b"content-type", FORM.encode())],
        [("Content-Type", FORM)],
        {b"Content-Type": FORM.encode()},
    ):
        assert parse_webhook(SPEC, headers, body) == EVENT


def test_unknown_fields_are_kept_and_json_scalars_become_text() -> None:
    body = json.dumps(
        {"imageTicket": TICKET, "ProcessedImageURL": URL, "Status": 3, "Ok": True, "Ratio": 1.10}
    ).encode()
    event = parse_webhook(SPEC, {"Content-Type": "application/json"}, body.replace(b"1.1", b"1.10"))
    assert event.extra == {"Status": "3", "Ok": "true", "Ratio": "1.10"}


def test_braced_upper_case_guid_decodes_like_the_dotnet_form() -> None:
    body = form(imageTicket="{" + TICKET.upper() + "}", ProcessedImageURL=URL)
    assert parse_webhook(SPEC, {"Content-Type": FORM}, body) == EVENT


def test_missing_content_type_is_sniffed() -> None:
    assert parse_webhook(SPEC, {}, FORM_BODY) == EVENT
    json_body = b' {"imageTicket": "%s", "ProcessedImageURL": "%s"}' % (
        TICKET.encode(),
        URL.encode(),
    )
    assert parse_webhook(SPEC, {}, json_body) == EVENT
    assert parse_webhook(SPEC, {}, b"\xef\xbb\xbf" + json_body.lstrip()) == EVENT


def test_charset_parameter_is_honoured() -> None:
    latin = f"imageTicket={TICKET}&ProcessedImageURL=https://x/caf\xe9.png".encode("latin-1")
    event = parse_webhook(SPEC, {"Content-Type": f"{FORM}; charset=ISO-8859-1"}, latin)
    assert event.processed_image_url == "https://x/caf\xe9.png"
    utf16 = json.dumps({"imageTicket": TICKET, "ProcessedImageURL": URL}).encode("utf-16")
    headers = {"Content-Type": 'application/json; charset="utf-16"'}
    assert parse_webhook(SPEC, headers, utf16) == EVENT


def test_multipart_form_data() -> None:
    body = (
        b"--B0und\r\n"
        b'Content-Disposition: form-data; name="imageTicket"\r\n\r\n' + TICKET.encode() + b"\r\n"
        b"--B0und\r\n"
        b'Content-Disposition: form-data; name="ProcessedImageURL"\r\n\r\n' + URL.encode() + b"\r\n"
        b"--B0und--\r\n"
    )
    headers = {"Content-Type": "multipart/form-data; boundary=B0und"}
    assert parse_webhook(SPEC, headers, body) == EVENT
    with pytest.raises(WebhookPayloadError, match="malformed multipart"):
        parse_webhook(SPEC, headers, body[:70])


@pytest.mark.parametrize(
    ("content_type", "body", "field", "message"),
    [
        (FORM, form(imageTicket=TICKET), "ProcessedImageURL", "missing"),
        (FORM, form(imageTicket=TICKET, ProcessedImageURL=" "), "ProcessedImageURL", "empty"),
        (FORM, form(imageTicket="not-a-guid", ProcessedImageURL=URL), "imageTicket", "guid"),
        (
            "application/json",
            json.dumps({"imageTicket": None, "ProcessedImageURL": URL}).encode(),
            "imageTicket",
            "missing",
        ),
        (
            "application/json",
            json.dumps({"imageTicket": {"id": TICKET}, "ProcessedImageURL": URL}).encode(),
            "imageTicket",
            "object",
        ),
        (
            "application/json",
            json.dumps({"imageTicket": TICKET, "ProcessedImageURL": [URL]}).encode(),
            "ProcessedImageURL",
            "array",
        ),
        (
            FORM,
            FORM_BODY + b"&imageticket=" + str(UUID(int=1)).encode(),
            "imageTicket",
            "twice",
        ),
    ],
)
def test_field_errors_name_the_field(
    content_type: str, body: bytes, field: str, message: str
) -> None:
    with pytest.raises(WebhookPayloadError, match=message) as info:
        parse_webhook(SPEC, {"Content-Type": content_type}, body)
    assert info.value.field == field
    assert str(info.value).startswith(field)
    assert info.value.body == body  # nothing lost
    assert info.value.content_type == content_type
    assert isinstance(info.value, WebhookError | BindingError)


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("application/json", b'{"imageTicket": ', "malformed JSON"),
        ("application/json", b'["imageTicket"]', "must be an object"),
        ("application/json", b'{"imageTicket": NaN}', "malformed JSON"),
        ("text/plain", FORM_BODY, "unsupported content type 'text/plain'"),
        ("text/xml", b"<x/>", "unsupported content type"),
        (FORM, b"imageTicket", "malformed form"),
        (FORM, b"imageTicket=%FF", "malformed form"),
        (FORM + "; charset=klingon", FORM_BODY, "unknown charset"),
        (FORM, b"imageTicket=\xff", "not valid utf-8"),
    ],
)
def test_body_errors(content_type: str, body: bytes, message: str) -> None:
    with pytest.raises(WebhookPayloadError, match=message) as info:
        parse_webhook(SPEC, {"Content-Type": content_type}, body)
    assert info.value.field is None
    assert info.value.body == body


def test_repeated_identical_field_is_accepted() -> None:
    assert parse_webhook(
        SPEC, {"Content-Type": FORM}, FORM_BODY + b"&IMAGETICKET=" + TICKET.encode()
    )


def test_spec_validation() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        WebhookSpec(
            "X", (WebhookField("a", "a", True, str), WebhookField("A", "b", True, str)), _build
        )
    with pytest.raises(ValueError, match="key_fields"):
        WebhookSpec("X", (WebhookField("a", "a", True, str),), _build, key_fields=("nope",))
    assert SPEC.idempotency_fields == ("image_ticket", "processed_image_url")


def test_optional_fields_are_none_when_absent_or_blank() -> None:
    spec = WebhookSpec(
        "X",
        (
            WebhookField("imageTicket", "t", True, decode_uuid),
            WebhookField("Note", "n", False, str),
        ),
        lambda fields, extra: fields,
    )
    assert parse_webhook(spec, {}, form(imageTicket=TICKET)) == {"t": UUID(TICKET), "n": None}
    assert parse_webhook(spec, {}, form(imageTicket=TICKET, Note=""))["n"] is None


# --------------------------------------------------------------------------------------------
# Signatures


def signed(
    body: bytes, secret: str = SECRET, header: str = DEFAULT_SIGNATURE_HEADER
) -> dict[str, str]:
    return {"Content-Type": FORM, header: sign_body(body, secret)}


def test_signature_is_base64_hmac_sha256_of_the_raw_body() -> None:
    expected = base64.b64encode(hmac.new(SECRET.encode(), FORM_BODY, hashlib.sha256).digest())
    assert sign_body(FORM_BODY, SECRET) == expected.decode()
    assert sign_body(FORM_BODY, SECRET.encode()) == expected.decode()


def test_good_signature_passes() -> None:
    assert parse_webhook(SPEC, signed(FORM_BODY), FORM_BODY, secret=SECRET) == EVENT


def test_signature_forms_tolerated() -> None:
    digest = hmac.new(SECRET.encode(), FORM_BODY, hashlib.sha256).digest()
    b64 = base64.b64encode(digest).decode()
    for value in (f"  {b64}\r\n", f"sha256={b64}", b64.rstrip("="), f"SHA256={digest.hex()}"):
        verify_signature(FORM_BODY, value, SECRET)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"Content-Type": FORM}, "missing signature"),
        ({"Content-Type": FORM, DEFAULT_SIGNATURE_HEADER: "  "}, "missing signature"),
        (signed(FORM_BODY, secret="other"), "does not match"),
        ({"Content-Type": FORM, DEFAULT_SIGNATURE_HEADER: "not base64!"}, "does not match"),
        ({"Content-Type": FORM, DEFAULT_SIGNATURE_HEADER: "bØgus"}, "does not match"),
        (signed(FORM_BODY, header="X-Signature"), "missing signature"),
    ],
)
def test_bad_signatures(headers: dict[str, str], message: str) -> None:
    with pytest.raises(SignatureError, match=message) as info:
        parse_webhook(SPEC, headers, FORM_BODY, secret=SECRET)
    assert info.value.body == FORM_BODY


def test_configured_header_name_is_used() -> None:
    headers = signed(FORM_BODY, header="X-Signature")
    assert parse_webhook(SPEC, headers, FORM_BODY, secret=SECRET, signature_header="x-signature")
    with pytest.raises(SignatureError):
        parse_webhook(SPEC, signed(FORM_BODY), FORM_BODY, secret=SECRET, signature_header="X-Sig")


def test_signature_is_checked_before_the_body_is_read() -> None:
    with pytest.raises(SignatureError):
        parse_webhook(SPEC, {"Content-Type": "text/plain"}, b"garbage", secret=SECRET)


def test_any_of_repeated_signature_headers_may_match() -> None:
    headers = [("Content-Type", FORM), (DEFAULT_SIGNATURE_HEADER, "")]
    headers.append((DEFAULT_SIGNATURE_HEADER, sign_body(FORM_BODY, SECRET)))
    assert parse_webhook(SPEC, headers, FORM_BODY, secret=SECRET) == EVENT


def test_empty_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="empty webhook secret"):
        parse_webhook(SPEC, {}, FORM_BODY, secret="")
    with pytest.raises(ValueError, match="empty webhook secret"):
        WebhookReceiver(SPEC, print, secret=b"")


# --------------------------------------------------------------------------------------------
# The ASGI app, driven directly


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


async def call(
    app: WebhookReceiver[Any],
    body: bytes = FORM_BODY,
    *,
    method: str = "POST",
    path: str = "/hook",
    headers: dict[str, str] | None = None,
    chunk: int | None = None,
    log: list[str] | None = None,
) -> Answer:
    hdrs = {"Content-Type": FORM} if headers is None else headers
    parts = [body[i : i + chunk] for i in range(0, len(body), chunk)] if chunk else [body]
    messages: list[dict[str, Any]] = [
        {"type": "http.request", "body": p, "more_body": i < len(parts) - 1}
        for i, p in enumerate(parts)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(dict(message))
        if log is not None:
            log.append(message["type"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "path": path,
        "headers": [(k.lower().encode(), v.encode()) for k, v in hdrs.items()],
    }
    await app(scope, receive, send)
    start, body_msg = sent
    assert start["type"] == "http.response.start" and body_msg["type"] == "http.response.body"
    headers_out = {k.decode(): v.decode() for k, v in start["headers"]}
    assert int(headers_out["content-length"]) == len(body_msg["body"])
    return Answer(start["status"], headers_out, body_msg["body"])


class Recorder:
    def __init__(self, fail_times: int = 0) -> None:
        self.events: list[ImageProcessed] = []
        self.calls = 0
        self.fail_times = fail_times
        self.threads: list[int] = []

    def __call__(self, event: ImageProcessed) -> None:
        self.calls += 1
        self.threads.append(threading.get_ident())
        if self.calls <= self.fail_times:
            raise RuntimeError(f"downstream unavailable: {event.processed_image_url}")
        self.events.append(event)


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


# --------------------------------------------------------------------------------------------
# The delivery store


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


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


# --------------------------------------------------------------------------------------------
# The test-form sender


def test_send_test_webhook_posts_a_signed_form_the_receiver_accepts() -> None:
    seen: list[httpx.Request] = []
    handler = Recorder()
    receiver = WebhookReceiver(SPEC, handler, secret=SECRET)

    def transport(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        status, body, headers = receiver.handle(request.headers.multi_items(), request.content)
        return httpx.Response(status, headers=list(headers), content=body)

    fields = {"imageTicket": TICKET, "ProcessedImageURL": URL}
    with httpx.Client(transport=httpx.MockTransport(transport)) as client:
        response = send_test_webhook("http://hook/", fields, secret=SECRET, http_client=client)
        as_json = send_test_webhook(
            "http://hook/", fields, as_json=True, secret=SECRET, http_client=client
        )
    assert response.status_code == 200 and as_json.status_code == 200
    assert seen[0].headers["content-type"] == FORM and seen[0].content == FORM_BODY
    assert seen[1].headers["content-type"].startswith("application/json")
    verify_signature(seen[1].content, seen[1].headers[DEFAULT_SIGNATURE_HEADER], SECRET)
    assert handler.events == [EVENT]  # the JSON resend was the same delivery


def test_send_test_webhook_unsigned_and_custom_header() -> None:
    seen: list[httpx.Request] = []

    def transport(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(401)

    with httpx.Client(transport=httpx.MockTransport(transport)) as client:
        answer = send_test_webhook("http://h/", {"a": "1"}, http_client=client)
        send_test_webhook(
            "http://h/", {"a": "1"}, secret=SECRET, signature_header="X-S", http_client=client
        )
    assert answer.status_code == 401  # returned, not raised
    assert DEFAULT_SIGNATURE_HEADER not in seen[0].headers
    assert seen[1].headers["x-s"] == sign_body(b"a=1", SECRET)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [(httpx.ConnectError("refused"), TransportError), (httpx.ReadTimeout("slow"), TimeoutError_)],
)
def test_send_test_webhook_maps_httpx_errors(exc: Exception, expected: type[Exception]) -> None:
    def transport(request: httpx.Request) -> httpx.Response:
        raise exc

    with httpx.Client(transport=httpx.MockTransport(transport)) as client, pytest.raises(expected):
        send_test_webhook("http://h/", {"a": "1"}, http_client=client)


async def test_send_test_webhook_async() -> None:
    seen: list[httpx.Request] = []

    async def transport(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    async with httpx.AsyncClient(transport=httpx.MockTransport(transport)) as client:
        answer = await send_test_webhook_async(
            "http://h/", {"imageTicket": TICKET}, secret=SECRET, http_client=client
        )
    assert answer.status_code == 200
    verify_signature(seen[0].content, seen[0].headers[DEFAULT_SIGNATURE_HEADER], SECRET)

    async def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as client:
        with pytest.raises(TransportError):
            await send_test_webhook_async("http://h/", {"a": "1"}, http_client=client)


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[tuple[list[tuple[str, str]], bytes]]]]:
    received: list[tuple[list[tuple[str, str]], bytes]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((list(self.headers.items()), body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_send_test_webhook_over_a_real_socket(
    loopback: tuple[str, list[tuple[list[tuple[str, str]], bytes]]],
) -> None:
    url, received = loopback
    fields = {"imageTicket": TICKET, "ProcessedImageURL": URL}
    assert send_test_webhook(url, fields, secret=SECRET, timeout=5).status_code == 200
    ((headers, body),) = received
    assert parse_webhook(SPEC, headers, body, secret=SECRET) == EVENT


def test_send_test_webhook_to_a_closed_port() -> None:
    with pytest.raises(TransportError):
        send_test_webhook("http://127.0.0.1:9/", {"a": "1"}, timeout=2)


# --------------------------------------------------------------------------------------------
# Properties

URLISH = st.text(st.characters(codec="utf-8"), min_size=1, max_size=200).filter(
    lambda s: bool(s.strip())
)


@given(ticket=st.uuids(), url=URLISH, upper=st.booleans())
def test_form_round_trip(ticket: UUID, url: str, upper: bool) -> None:
    text = str(ticket).upper() if upper else str(ticket)
    body = urlencode({"imageTicket": text, "ProcessedImageURL": url}).encode("ascii")
    headers = {"Content-Type": FORM, "X-Sig": sign_body(body, SECRET)}
    event = parse_webhook(SPEC, headers, body, secret=SECRET, signature_header="X-Sig")
    assert (event.image_ticket, event.processed_image_url) == (ticket, url)


@given(ticket=st.uuids(), url=URLISH)
def test_json_round_trip(ticket: UUID, url: str) -> None:
    body = json.dumps({"IMAGETICKET": str(ticket), "processedImageUrl": url}).encode()
    event = parse_webhook(SPEC, {}, body)
    assert (event.image_ticket, event.processed_image_url) == (ticket, url)


@settings(max_examples=200)
@given(body=st.binary(min_size=1, max_size=300), data=st.data())
def test_any_single_byte_change_breaks_the_signature(body: bytes, data: st.DataObject) -> None:
    signature = sign_body(body, SECRET)
    verify_signature(body, signature, SECRET)
    index = data.draw(st.integers(0, len(body) - 1))
    delta = data.draw(st.integers(1, 255))
    damaged = body[:index] + bytes([(body[index] + delta) % 256]) + body[index + 1 :]
    with pytest.raises(SignatureError):
        verify_signature(damaged, signature, SECRET)
