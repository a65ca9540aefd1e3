"""Failure #8: a request wrapper whose only child is a repeated element (JAX-WS
``deleteItems(List<String> ids)``) keeps that element's name as the parameter, defaults to
None, and None or an empty list sends an empty wrapper — as zeep builds it (the oracle)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree

from tests.wsdl_real_support import generated
from tests.zeep_oracle import canonical, envelope_part, zeep_client

NAME = "stock_list_params"

ANSWER = (
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
    '<ns:{op}Response xmlns:ns="http://stock.fixture.example/"><return>3</return>'
    "</ns:{op}Response></s:Body></s:Envelope>"
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_list_params")


def _sent(module: Any, method: str, op: str, **kwargs: Any) -> tuple[bytes, object]:
    seen: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.content)
        return httpx.Response(200, text=ANSWER.format(op=op), headers={"Content-Type": "text/xml"})

    with module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        result = getattr(c, method)(**kwargs)
    return seen[0], result


@pytest.mark.parametrize(
    ("method", "op", "param", "annotation"),
    [
        ("remove_skus", "removeSkus", "skus", "list[str] | None"),
        ("store_crates", "storeCrates", "crates", "list[Crate] | None"),
    ],
)
def test_single_repeated_child_is_a_named_optional_list(
    scratch: Path, method: str, op: str, param: str, annotation: str
) -> None:
    g = generated(NAME, scratch)
    sig = inspect.signature(getattr(g.module.Client, method))
    assert list(sig.parameters)[1:] == [param]
    assert sig.parameters[param].annotation == annotation
    assert sig.parameters[param].default is None
    zeep = zeep_client(g.root / "specs" / NAME / f"{NAME}.wsdl")
    expected = canonical(envelope_part(zeep.create_message(zeep.service, op), "Body"))
    values: tuple[list[str] | None, ...] = (None, [])
    for value in values:
        body, result = _sent(g.module, method, op, **{param: value})
        assert result == 3
        assert canonical(envelope_part(etree.fromstring(body), "Body")) == expected, value


def test_list_items_are_sent_as_zeep_sends_them(scratch: Path) -> None:
    g = generated(NAME, scratch)
    zeep = zeep_client(g.root / "specs" / NAME / f"{NAME}.wsdl")
    body, _ = _sent(g.module, "remove_skus", "removeSkus", skus=["a", "b"])
    expected = zeep.create_message(zeep.service, "removeSkus", skus=["a", "b"])
    assert canonical(envelope_part(etree.fromstring(body), "Body")) == canonical(
        envelope_part(expected, "Body")
    )
