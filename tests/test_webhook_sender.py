"""The test-form sender: what it posts, error mapping, mocked and over a real loopback socket."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.webhook_support import EVENT, FORM, FORM_BODY, SECRET, SPEC, TICKET, URL, Recorder
from wirekit.errors import TimeoutError_, TransportError
from wirekit.webhook import (
    DEFAULT_SIGNATURE_HEADER,
    WebhookReceiver,
    parse_webhook,
    send_test_webhook,
    send_test_webhook_async,
    sign_body,
    verify_signature,
)


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
