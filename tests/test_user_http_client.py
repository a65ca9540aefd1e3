"""The user's own httpx client is honoured (requests are built by it): its cookies, params,
base_url, headers; the default never follows redirects, and credentials never go to another
host even when the user's client follows redirects. Over a real loopback server, sync and async.
"""

from __future__ import annotations

import asyncio
import http.server
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from generated import pixelz
from tests.contracts_support import ROOT
from wirekit.errors import HttpStatusError, TransportError
from wirekit.testing import load_contracts

ANSWER = next(
    c
    for c in load_contracts("pixelz", ROOT / "contracts")
    if c.operation == "GetImagesList" and c.protocol == "http_get"
).response


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, Any]]
    other_port: int

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        self.seen.append(
            {"path": url.path, "query": url.query, "cookie": self.headers.get("Cookie")}
        )
        if url.path.endswith("/same/GetImagesList"):
            self._reply(307, b"", ("Location", "/soap.asmx/GetImagesList?" + url.query))
        elif url.path.endswith("/other/GetImagesList"):
            target = f"http://localhost:{self.other_port}/soap.asmx/GetImagesList?{url.query}"
            self._reply(307, b"", ("Location", target))
        else:
            cookie = ("Set-Cookie", "ASP.NET_SessionId=s3ss10n; path=/; HttpOnly")
            self._reply(200, ANSWER.body, ("Content-Type", "text/xml; charset=utf-8"), cookie)

    def _reply(self, status: int, body: bytes, *headers: tuple[str, str]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def _server(seen: list[dict[str, Any]], other_port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = type("H", (_Handler,), {"seen": seen, "other_port": other_port})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]]:
    here: list[dict[str, Any]] = []
    elsewhere: list[dict[str, Any]] = []
    other = _server(elsewhere)
    main = _server(here, other.server_address[1])
    yield f"http://127.0.0.1:{main.server_address[1]}", here, elsewhere
    main.shutdown()
    other.shutdown()


def _calls(
    base: str, use_async: bool, http: dict[str, Any], address: str = "/soap.asmx", times: int = 2
) -> None:
    """``times`` GetImagesList calls over HTTP GET through a user client made with ``http``."""
    if use_async:

        async def run() -> None:
            async with (
                httpx.AsyncClient(**http) as user,
                pixelz.AsyncClient(
                    address if "base_url" in http else base + address,
                    protocol="http_get",
                    http_client=user,
                ) as client,
            ):
                for _ in range(times):
                    await client.get_images_list(
                        contact_email="me@example.com", contact_api_key="k"
                    )

        asyncio.run(run())
        return
    with (
        httpx.Client(**http) as user,
        pixelz.Client(
            address if "base_url" in http else base + address, protocol="http_get", http_client=user
        ) as client,
    ):
        for _ in range(times):
            client.get_images_list(contact_email="me@example.com", contact_api_key="k")


MODES = pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])


@MODES
def test_a_session_cookie_set_by_one_call_is_sent_by_the_next(
    servers: Any, use_async: bool
) -> None:
    base, seen, _ = servers
    seen.clear()
    _calls(base, use_async, {})
    assert [s["cookie"] for s in seen] == [None, "ASP.NET_SessionId=s3ss10n"]


@MODES
def test_the_clients_params_and_base_url_apply(servers: Any, use_async: bool) -> None:
    base, seen, _ = servers
    seen.clear()
    _calls(base, use_async, {"params": {"tenant": "t1"}, "base_url": base}, times=1)
    assert seen[0]["path"] == "/soap.asmx/GetImagesList"
    assert "tenant=t1" in seen[0]["query"] and "contactEmail=" in seen[0]["query"]


@MODES
def test_redirects_are_not_followed_by_default(servers: Any, use_async: bool) -> None:
    base, _, _ = servers
    with pytest.raises(HttpStatusError) as caught:
        _calls(base, use_async, {}, address="/same", times=1)
    assert caught.value.status == 307


@MODES
def test_a_users_client_follows_same_origin_but_never_sends_credentials_elsewhere(
    servers: Any, use_async: bool
) -> None:
    base, seen, elsewhere = servers
    seen.clear()
    _calls(base, use_async, {"follow_redirects": True}, address="/same", times=1)
    assert [s["path"] for s in seen] == ["/same/GetImagesList", "/soap.asmx/GetImagesList"]
    with pytest.raises(TransportError, match="refused"):
        _calls(base, use_async, {"follow_redirects": True}, address="/other", times=1)
    assert elsewhere == []


@MODES
def test_a_transport_error_says_where_with_the_key_scrubbed(use_async: bool) -> None:
    with pytest.raises(TransportError) as caught:
        _calls("http://127.0.0.1:9", use_async, {}, times=1)  # nothing listens on port 9
    message = str(caught.value)
    assert message.startswith("GetImagesList: GET http://127.0.0.1:9/soap.asmx/GetImagesList")
    assert "contactAPIkey=REDACTED" in message and "me@example.com" not in message
