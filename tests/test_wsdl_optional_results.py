"""Failure #7: a result element the schema makes optional (``minOccurs="0"``: JAX-WS
``return`` of an object or a String, every ASMX reference-type ``…Result``) is absent when the
service returns null, and the call returns None, as zeep (the oracle) reads it; a required
result (a JAX-WS ``int``, an ASMX value type) that is absent is still a ``NullResultError``."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree

from tests.wsdl_real_support import generated
from tests.zeep_oracle import plain, zeep_client
from wirekit.errors import NullResultError

NAME = "depot_optional_results"

ENVELOPE = (
    '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>{}</S:Body>'
    "</S:Envelope>"
)
EMPTY = '<ns2:{op}Response xmlns:ns2="http://depot.fixture.example/"/>'
FULL = (
    '<ns2:{op}Response xmlns:ns2="http://depot.fixture.example/"><return>{value}</return>'
    "</ns2:{op}Response>"
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_optional_results")


def _call(module: Any, method: str, answer_body: str, **kwargs: Any) -> Any:
    text = ENVELOPE.format(answer_body)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=text, headers={"Content-Type": "text/xml"})

    with module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        return getattr(c, method)(**kwargs)


def _zeep(root: Path, op: str, answer_body: str) -> Any:
    client = zeep_client(root / "specs" / NAME / f"{NAME}.wsdl")
    zop = client.service._binding._operations[op]
    return zop.output.deserialize(etree.fromstring(ENVELOPE.format(answer_body).encode()))


@pytest.mark.parametrize(
    ("op", "method", "kwargs", "value"),
    [
        ("findCrate", "find_crate", {"label": "x"}, "<label>x</label><weight>3</weight>"),
        ("findLabel", "find_label", {"weight": 3}, "x"),
    ],
)
def test_absent_optional_result_is_none_like_zeep(
    scratch: Path, op: str, method: str, kwargs: dict[str, Any], value: str
) -> None:
    g = generated(NAME, scratch)
    empty = EMPTY.format(op=op)
    assert _zeep(g.root, op, empty) is None
    assert _call(g.module, method, empty, **kwargs) is None
    full = FULL.format(op=op, value=value)
    expected = plain(_zeep(g.root, op, full))
    assert expected is not None
    assert plain(_call(g.module, method, full, **kwargs)) == expected
    hint = inspect.signature(getattr(g.module.Client, method)).return_annotation
    assert str(hint).endswith("| None"), hint


def test_absent_required_result_is_refused(scratch: Path) -> None:
    g = generated(NAME, scratch)
    hint = inspect.signature(g.module.Client.count_crates).return_annotation
    assert hint in (int, "int"), hint
    assert _call(g.module, "count_crates", FULL.format(op="countCrates", value="4")) == 4
    with pytest.raises(NullResultError, match="countCrates"):
        _call(g.module, "count_crates", EMPTY.format(op="countCrates"))
