"""Failure #22: rpc/literal bindings (JAX-WS ``@SOAPBinding(style=RPC)``, WS-I Basic Profile)
generate: the Body wrapper is named after the operation in the ``soap:body`` namespace, each
part an unqualified element named after it, the answer's wrapper ``<op>Response`` — as zeep
(the oracle) builds and reads them. rpc/encoded stays refused (``test_soap_bindings``)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree

from codegen.errors import SpecError
from codegen.read.wsdl import read_wsdl_text
from tests.wsdl_real_support import FIXTURES, generated
from tests.zeep_oracle import canonical, envelope_part, plain, zeep_client

NAME = "calc_rpc_literal"

ANSWER = (
    '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>'
    '<ns2:divideResponse xmlns:ns2="http://calc.fixture.example/"><return><value>2.5</value>'
    "<note>exact</note></return></ns2:divideResponse></S:Body></S:Envelope>"
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wsdl_rpc_literal")


def _call(module: Any, method: str, **kwargs: Any) -> tuple[bytes, Any]:
    sent: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return httpx.Response(200, text=ANSWER, headers={"Content-Type": "text/xml"})

    with module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))) as c:
        try:
            result = getattr(c, method)(**kwargs)
        except Exception:  # (an answer for another operation: only the request matters)
            result = None
    return sent[0], result


def test_request_and_answer_agree_with_zeep(scratch: Path) -> None:
    g = generated(NAME, scratch)
    zeep = zeep_client(g.root / "specs" / NAME / f"{NAME}.wsdl")
    signature = inspect.signature(g.module.Client.divide)
    assert list(signature.parameters) == ["self", "arg0", "arg1"]
    body, result = _call(g.module, "divide", arg0=5.0, arg1=2.0)
    theirs = zeep.create_message(zeep.service, "divide", arg0=5.0, arg1=2.0)
    assert canonical(envelope_part(etree.fromstring(body), "Body")) == canonical(
        envelope_part(theirs, "Body")
    )
    zop = zeep.service._binding._operations["divide"]
    expected = zop.output.deserialize(etree.fromstring(ANSWER.encode()))
    assert plain(result) == plain(expected) and result.value == 2.5
    body, _ = _call(g.module, "describe", label="a <&>", count=3)
    theirs = zeep.create_message(zeep.service, "describe", label="a <&>", count=3)
    assert canonical(envelope_part(etree.fromstring(body), "Body")) == canonical(
        envelope_part(theirs, "Body")
    )
    wrapper = envelope_part(etree.fromstring(body), "Body")[0]  # type: ignore[index]
    assert wrapper.tag == "{http://calc.fixture.example/}describe"
    assert [c.tag for c in wrapper] == ["label", "count"]  # unqualified, in part order


def _text() -> str:
    return (FIXTURES[NAME] / f"{NAME}.wsdl").read_text(encoding="utf-8")


def test_element_parts_and_several_results_are_refused_at_their_line() -> None:
    text = _text().replace(
        '<part name="label" type="xsd:string"/>', '<part name="label" element="tns:x"/>'
    )
    with pytest.raises(SpecError, match="rpc part 'label' is declared with element="):
        read_wsdl_text(text.encode(), NAME, "c.wsdl")
    text = _text().replace(
        '<part name="return" type="xsd:string"/>',
        '<part name="return" type="xsd:string"/><part name="more" type="xsd:int"/>',
    )
    with pytest.raises(SpecError, match="answers 2 parts") as err:
        read_wsdl_text(text.encode(), NAME, "c.wsdl")
    assert (
        err.value.where.line
        == text[: text.index('<message name="describeResponse"')].count("\n") + 1
    )


def test_rpc_encoded_is_still_refused() -> None:
    text = _text().replace('use="literal"', 'use="encoded"')
    with pytest.raises(SpecError, match="rpc/encoded"):
        read_wsdl_text(text.encode(), NAME, "c.wsdl")


def test_mock_checks_the_rpc_parts(scratch: Path) -> None:
    """The mock validates an rpc wrapper (no schema declares it) part by part."""
    import asyncio

    from codegen.mock import load_services
    from codegen.mock.app import MockApp

    g = generated(NAME, scratch)
    (mock,) = load_services(g.root, [g.root / "specs" / NAME])
    app = MockApp([mock])
    contract = next(c for c in mock.contracts if c.operation == "describe")
    request = contract.request
    headers = {k.lower(): v for k, v in request.headers}
    path = f"/{mock.name}{contract.relative_route()}"
    good = request.body or b""
    for body, status in (
        (good, 200),
        (good.replace(b"<count xmlns", b"<total xmlns").replace(b"</count>", b"</total>"), 500),
        (good.replace(b"</count>", b"x</count>"), 500),
    ):
        answer = asyncio.run(app.handle(request.method, path, "", headers, body))
        assert answer.status == status, answer.body[:300]
