"""Failure #28: the headers a REST answer documents (``X-Rate-Limit``, a ``201``'s ``Location``,
``Link``) are readable after the call, typed by the document's schemas, like the SOAP clients'
answer headers: ``last_response_headers`` and ``response_header(Type)``."""

from __future__ import annotations

import asyncio
import importlib
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import httpx
import pytest

from tests.openapi_real_support import Real, real
from wirekit.errors import ResponseFormatError

__all__ = ["real"]

RATE = {
    "x-rate-limit": "4999",  # any case: HTTP header names are case-insensitive
    "X-Expires-After": "2024-03-01T12:00:00Z",
    "Link": '<https://desk.example.test/v1/tickets/7/protocol?page=2>; rel="next"',
    "X-Tags": "urgent,printer",
    "X-Undocumented": "ignored",
}


def _models(real: Real) -> Any:
    return importlib.import_module(f"{real.modules['ticket_desk'].__name__}.json_models")


def _transport(answer: httpx.Response) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: answer)


def test_documented_headers_are_typed_after_the_call(real: Real) -> None:
    m, models = real.modules["ticket_desk"], _models(real)
    answer = httpx.Response(200, json=["opened"], headers=RATE)
    with m.Client(http_client=httpx.Client(transport=_transport(answer))) as c:
        assert c.last_response_headers == ()
        assert c.protocol_(id=7) == ["opened"]
        (headers,) = c.last_response_headers
        assert c.response_header(models.ProtocolHeaders) is headers
        assert c.response_header(models.OpenTicketHeaders) is None
    assert headers.x_rate_limit == 4999
    assert headers.x_expires_after == datetime(2024, 3, 1, 12, tzinfo=UTC)
    assert headers.link.endswith('rel="next"')
    assert headers.x_tags == "urgent,printer"  # an array header is its text
    assert "content_type" not in type(headers).model_fields  # OpenAPI ignores Content-Type
    assert "x_undocumented" not in type(headers).model_fields


def test_a_201_without_content_gives_its_location(real: Real) -> None:
    m, models = real.modules["ticket_desk"], _models(real)
    answer = httpx.Response(
        201,
        headers={
            "Location": "https://desk.example.test/v1/tickets/8",
            "X-Request-Id": "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
        },
    )

    async def call() -> Any:
        async with m.AsyncClient(http_client=httpx.AsyncClient(transport=_transport(answer))) as c:
            assert await c.open_ticket(title="Printer on fire") is None
            return c.response_header(models.OpenTicketHeaders)

    headers = asyncio.run(call())
    assert headers.location == "https://desk.example.test/v1/tickets/8"
    assert headers.x_request_id == UUID("6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f")


def test_operations_without_documented_headers_leave_none_and_bad_values_fail(
    real: Real,
) -> None:
    m = real.modules["ticket_desk"]

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/base-url"):
            return httpx.Response(200, json={"url": "u"}, headers=RATE)
        return httpx.Response(200, json=["opened"], headers=RATE)

    with m.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        c.protocol_(id=7)
        assert c.last_response_headers
        c.base_url_()  # documents no header: the previous answer's are gone
        assert c.last_response_headers == ()
    bad = httpx.Response(200, json=["opened"], headers={"X-Rate-Limit": "plenty"})
    with m.Client(http_client=httpx.Client(transport=_transport(bad))) as c:
        with pytest.raises(ResponseFormatError, match="X-Rate-Limit"):
            c.protocol_(id=7)
        assert c.last_response_headers == ()
