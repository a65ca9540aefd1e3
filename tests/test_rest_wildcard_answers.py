"""Failure #3: springdoc documents every answer under ``*/*`` (unless the controller declares
``produces``); Spring sends objects, lists and numbers as JSON and a ``String`` as text. Such
answers are typed results, declared errors are parsed, and the request asks for what the
binding reads; a binary schema under ``*/*`` stays bytes."""

from __future__ import annotations

import importlib
import types
import typing

import httpx
import pytest

from tests.openapi_real_support import Real, real
from wirekit.errors import ErrorResponse

__all__ = ["real"]


def _client(real: Real, answer: httpx.Response) -> tuple[typing.Any, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer

    m = real.modules["spring_orders"]
    return m.Client(http_client=httpx.Client(transport=httpx.MockTransport(handler))), sent


def test_json_data_under_a_media_range_is_a_typed_result(real: Real) -> None:
    m = real.modules["spring_orders"]
    models = vars(importlib.import_module(f"{m.__name__}.json_models"))
    dto = models["OrderDto"]
    hints = {
        name: typing.get_type_hints(getattr(m.Client, name), models)["return"]
        for name in ("get_order", "list_orders", "count_orders", "order_note", "order_invoice")
    }
    assert hints == {
        "get_order": dto,
        "list_orders": types.GenericAlias(list, (dto,)),  # list[dto]: dto is only known at runtime
        "count_orders": int,
        "order_note": str,
        "order_invoice": bytes,
    }
    order = {"id": 1, "customer": "ACME", "status": "OPEN", "total": 12.5}
    client, sent = _client(real, httpx.Response(200, json=order))
    got = client.get_order(id=1)
    assert isinstance(got, dto) and got.customer == "ACME" and got.total == 12.5
    assert sent[0].headers["accept"] == "application/json"
    client, sent = _client(real, httpx.Response(200, json=[order, order]))
    assert [o.id for o in client.list_orders(pageable=models["Pageable"]())] == [1, 1]
    client, _ = _client(real, httpx.Response(200, json=42))
    assert client.count_orders() == 42
    text = httpx.Response(200, text="fragile", headers={"Content-Type": "text/plain"})
    client, sent = _client(real, text)
    assert client.order_note(id=1) == "fragile"
    assert sent[0].headers["accept"] == "text/plain"
    pdf = httpx.Response(200, content=b"%PDF-1.7", headers={"Content-Type": "application/pdf"})
    client, sent = _client(real, pdf)
    assert client.order_invoice(id=1) == b"%PDF-1.7"
    assert sent[0].headers.get("accept") == "*/*"  # httpx's default: bytes of any type


def test_a_declared_error_under_a_media_range_is_parsed(real: Real) -> None:
    problem = {"status": 404, "message": "no order 9"}
    client, _ = _client(real, httpx.Response(404, json=problem))
    with pytest.raises(ErrorResponse) as caught:
        client.get_order(id=9)
    parsed: typing.Any = caught.value.parsed  # a model of the module generated into tmp
    assert parsed.message == "no order 9"
    assert parsed.status == 404


def test_the_contract_answers_json(real: Real) -> None:
    contract = real.root / "contracts" / "spring_orders" / "getOrder.rest.yaml"
    text = contract.read_text()
    assert "application/json" in text and "binary-sample" not in text


def test_java_object_members_read_any_json_value(real: Real) -> None:
    """springdoc documents ``Map<String, Object>`` / ``List<Object>`` as maps and arrays of
    bare ``type: object``; Jackson writes any value there (``"gift": true``)."""
    order = {
        "id": 1,
        "customer": "ACME",
        "attributes": {"gift": True, "note": "fragile", "box": {"w": 3}},
        "extras": [1, "two", {"three": 3}],
    }
    client, _ = _client(real, httpx.Response(200, json=order))
    got = client.get_order(id=1)
    assert got.attributes == order["attributes"] and got.extras == order["extras"]
