"""Failure #16: an operation whose Python name is one of the client's own (``Close`` →
``close``) gets a suffixed method (``close_``), so it never replaces the client's lifecycle
method or attributes; the docstring says why."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from codegen.naming import CLIENT_API, method_name
from tests.wsdl_real_support import generated

NAME = "session_client_names"

ANSWER = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    '<CloseResponse xmlns="http://sessions.fixture.example/"/></soap:Body></soap:Envelope>'
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_client_names")


def _transport(sent: list[str]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.get("soapaction", ""))
        return httpx.Response(200, text=ANSWER, headers={"Content-Type": "text/xml"})

    return httpx.MockTransport(answer)


def test_client_api_names_are_suffixed() -> None:
    assert [method_name(n) for n in ("Close", "close", "Protocol", "GetItem")] == [
        "close_",
        "close_",
        "protocol_",
        "get_item",
    ]
    assert {"close", "aclose", "base_url", "soap_headers", "response_header"} <= CLIENT_API


def test_leaving_the_client_sends_nothing_and_close_is_callable(scratch: Path) -> None:
    m = generated(NAME, scratch).module
    for own in ("close_", "response_header_", "protocol_"):
        assert hasattr(m.Client, own) and hasattr(m.AsyncClient, own), own
    assert "client's own" in (m.Client.close_.__doc__ or "")
    sent: list[str] = []
    with m.Client(http_client=httpx.Client(transport=_transport(sent))) as c:
        assert c.protocol == "soap11"
    assert sent == []

    async def leave() -> None:
        async with m.AsyncClient(http_client=httpx.AsyncClient(transport=_transport(sent))):
            pass

    asyncio.run(leave())
    assert sent == []
    with m.Client(http_client=httpx.Client(transport=_transport(sent))) as c:
        c.close_(session_id="s1")
    assert sent == ['"http://sessions.fixture.example/Close"']
