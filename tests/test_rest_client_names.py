"""Failure #16 for REST: an operationId whose Python name is one of the client's own
(``close``, ``protocol``, ``base_url``) gets a suffixed method, so leaving ``with Client()``
closes the client instead of calling the service; the docstring says why."""

from __future__ import annotations

import asyncio

import httpx

from tests.openapi_real_support import Real, real

__all__ = ["real"]


def _transport(sent: list[str]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        if request.url.path.endswith("/protocol"):
            return httpx.Response(200, json=["opened"])
        if request.url.path.endswith("/base-url"):
            return httpx.Response(200, json={"url": "https://desk.example.test/"})
        return httpx.Response(204)

    return httpx.MockTransport(answer)


def test_leaving_the_client_sends_nothing_and_the_operations_are_suffixed(real: Real) -> None:
    m = real.modules["ticket_desk"]
    for own in ("close_", "protocol_", "base_url_"):
        assert hasattr(m.Client, own) and hasattr(m.AsyncClient, own), own
    assert "client's own" in (m.Client.close_.__doc__ or "")
    sent: list[str] = []
    with m.Client(http_client=httpx.Client(transport=_transport(sent))) as c:
        assert c.base_url == "https://desk.example.test/v1"
        assert c.protocol == "rest"
    assert sent == []

    async def leave() -> None:
        async with m.AsyncClient(http_client=httpx.AsyncClient(transport=_transport(sent))) as a:
            assert await a.protocol_(id=7) == ["opened"]

    asyncio.run(leave())
    assert sent == ["GET /v1/tickets/7/protocol"]
    with m.Client(http_client=httpx.Client(transport=_transport(sent))) as c:
        assert c.close_(id=7) is None
        assert c.base_url_().url == "https://desk.example.test/"
    assert sent[1:] == ["POST /v1/tickets/7/close", "GET /v1/base-url"]
