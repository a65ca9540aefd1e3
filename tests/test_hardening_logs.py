"""While a client is in use, no log record of httpx, httpcore or the kit carries a secret.

httpx logs every request at INFO with its full URL (``HTTP Request: GET https://…?key=…``), and
httpcore logs at DEBUG; the services bound here put the API key and e-mail in the query, the
form body and the SOAP body. Everything is captured at DEBUG by a root handler, over a real
socket, so httpcore's records are there too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

import generated.pixelz as pixelz
import generated.pixlab as pixlab
import generated.removethebackground_rest as rtb
from tests.hardening_support import (
    SECRET_EMAIL,
    SECRET_KEY,
    Answer,
    LoopbackServer,
    documented,
    loopback,
)
from wirekit.scrub import ScrubbingFilter, install_scrubbing

TICKET = "33979dfe-5ea7-44ea-b3dd-7fde33bc37e9"


class _Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.names: set[str] = set()
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.names.add(record.name)


@pytest.fixture
def everything() -> Iterator[_Everything]:
    handler = _Everything()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    with loopback() as running:
        running.answers["pixlab"] = documented("pixlab", "oilpaint", "rest")
        running.answers["pixelz"] = documented("pixelz", "GetImagesList", "http_get")
        running.answers["rtb"] = documented("removethebackground_rest", "GetImageStatus", "rest")
        yield running


def _assert_clean(handler: _Everything) -> None:
    text = "\n".join(handler.lines)
    assert "HTTP Request:" in text  # httpx's INFO line was captured
    assert any(name.startswith("httpcore.") for name in handler.names)
    for secret in (SECRET_KEY, SECRET_EMAIL, SECRET_EMAIL.replace("@", "%40")):
        assert secret not in text


def test_sync_calls_log_no_secret(server: LoopbackServer, everything: _Everything) -> None:
    with pixlab.Client(server.url("pixlab")) as c:
        c.oilpaint(img=f"https://x/{SECRET_EMAIL}.jpg", key=SECRET_KEY)
    for protocol in ("http_get", "http_post"):
        with pixelz.Client(server.url("pixelz"), protocol=protocol) as c:
            c.get_images_list(contact_email=SECRET_EMAIL, contact_api_key=SECRET_KEY)
    with rtb.Client(server.url("rtb")) as c:
        c.get_image_status(
            image_ticket=TICKET,
            contact_email=SECRET_EMAIL,
            contact_api_key=SECRET_KEY,
        )
    _assert_clean(everything)


def test_async_calls_log_no_secret(server: LoopbackServer, everything: _Everything) -> None:
    async def run() -> None:
        async with pixlab.AsyncClient(server.url("pixlab")) as c:
            await c.oilpaint(img="https://x/y.jpg", key=SECRET_KEY)
        async with rtb.AsyncClient(server.url("rtb")) as c:
            await c.get_image_status(
                image_ticket=TICKET,
                contact_email=SECRET_EMAIL,
                contact_api_key=SECRET_KEY,
            )

    asyncio.run(run())
    _assert_clean(everything)


def test_secrets_echoed_in_response_headers_are_not_logged(
    server: LoopbackServer, everything: _Everything
) -> None:
    """httpcore's DEBUG record of the response headers is a tuple repr no name rule reads; the
    values themselves (the client's credential, the call's secret arguments) are replaced."""
    for kind, service, operation, protocol in (
        ("pixlab-echo", "pixlab", "oilpaint", "rest"),
        ("pixelz-echo", "pixelz", "GetImagesList", "http_get"),
    ):
        answer = documented(service, operation, protocol)
        echo = {"Set-Cookie": f"session={SECRET_KEY}", "X-Echo-Who": f"<{SECRET_EMAIL}>"}
        server.answers[kind] = Answer(answer.status, {**answer.headers, **echo}, answer.body)
    with pixlab.Client(server.url("pixlab-echo"), api_key=SECRET_KEY) as c:
        c.oilpaint(img="https://x/y.jpg")
    with pixelz.Client(server.url("pixelz-echo"), protocol="http_get") as c:
        c.get_images_list(contact_email=SECRET_EMAIL, contact_api_key=SECRET_KEY)
    assert any("receive_response_headers" in line for line in everything.lines)
    _assert_clean(everything)


def test_installing_is_idempotent() -> None:
    install_scrubbing()
    pixlab.Client().close()
    pixlab.Client().close()
    for name in ("httpx", "httpcore.http11", "httpcore.connection"):
        filters = logging.getLogger(name).filters
        assert sum(isinstance(f, ScrubbingFilter) for f in filters) == 1
