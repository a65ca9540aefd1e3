"""Failures #17 and #18: an exploded ``form`` object query parameter whose member is an array
(springdoc's ``Pageable``) repeats the member's name per item (``sort=a&sort=b``, as Spring
reads it), not JSON text; ``deepObject`` arrays and nested objects, in the query and in a form
body (Stripe's ``expand``), go out bracketed by index (``expand[0]=a&expand[1]=b``), not
comma-joined."""

from __future__ import annotations

import importlib
from urllib.parse import parse_qsl, unquote

import httpx

from tests.openapi_real_support import Real, real
from wirekit.rest_params import styled

__all__ = ["real"]


def _client(real: Real, service: str, sent: list[httpx.Request], answer: httpx.Response) -> object:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return answer

    transport = httpx.MockTransport(handler)
    return real.modules[service].Client(http_client=httpx.Client(transport=transport))


def test_pageable_sort_is_one_pair_per_item(real: Real) -> None:
    m = real.modules["spring_orders"]
    models = importlib.import_module(f"{m.__name__}.json_models")
    sent: list[httpx.Request] = []
    client = _client(real, "spring_orders", sent, httpx.Response(200, json=[]))
    pageable = models.Pageable(page=0, size=20, sort=["createdAt,desc", "id"])
    assert client.list_orders(pageable=pageable) == []  # type: ignore[attr-defined]
    assert list(sent[0].url.params.multi_items()) == [
        ("page", "0"),
        ("size", "20"),
        ("sort", "createdAt,desc"),
        ("sort", "id"),
    ]


def test_deep_object_arrays_and_nesting_are_bracketed(real: Real) -> None:
    sent: list[httpx.Request] = []
    client = _client(real, "ticket_desk", sent, httpx.Response(204))
    client.notify_watchers(  # type: ignore[attr-defined]
        id=7,
        expand=["watchers", "owner"],
        expand_2=["customer", "invoice"],
        tags=["a", "b"],
        metadata={"source": "web", "codes": [3, 5]},
    )
    (request,) = sent
    assert unquote(request.url.query.decode()) == "expand[0]=watchers&expand[1]=owner"
    assert parse_qsl(request.content.decode()) == [
        ("expand[0]", "customer"),
        ("expand[1]", "invoice"),
        ("tags", "a"),
        ("tags", "b"),
        ("metadata[source]", "web"),
        ("metadata[codes][0]", "3"),
        ("metadata[codes][1]", "5"),
    ]


def test_styles_of_plain_values_are_unchanged() -> None:
    assert styled("ids", [3, 5], "form", True) == [("ids", "3"), ("ids", "5")]
    assert styled("ids", [3, 5], "form", False) == [("ids", "3,5")]
    assert styled("ids", [3, 5], "pipeDelimited", False) == [("ids", "3|5")]
    assert styled("f", {"min": 5, "max": None}, "deepObject", True) == [("f[min]", "5")]
    assert styled("p", {"a": 1, "b": "x"}, "form", False) == [("p", "a,1,b,x")]
    assert styled("p", {"a": {"b": 1}}, "form", True) == [("a", '{"b":1}')]
