"""The mock server over real sockets: every binding is answered as documented; zeep, an
independent SOAP client, gets the documented answers; the pages' own request samples are
accepted as printed; altered ones are refused with a message naming the departure."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import zeep
from lxml import etree

from codegen.mock import MockApp
from codegen.model import Protocol
from tests.contract_checks import assert_documented_result
from tests.contracts_support import (
    ROOT,
    Case,
    call,
    call_arguments,
    documented_result,
    interaction,
    services,
)
from tests.oracle import xml_plain
from tests.rest_support import documented_plain, result_plain
from tests.toolkit_support import ALL_CASES, call_mock, raw, served
from tests.wsdl_real_support import ZEEP_MISREADS, ZEEP_UNKNOWN
from tests.zeep_oracle import header_zeep, plain, unwrap_headers, zeep_args

__all__ = ["served"]


def _expected(case: Case) -> Any:
    documented = interaction(case)
    if case.protocol == Protocol.REST:
        return documented_plain(case, documented["response"]["body"]["string"])
    element = documented_result(case, documented)
    return None if element is None else xml_plain(element)


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_every_binding_is_answered_as_documented(
    served: tuple[MockApp, str], case: Case, mode: str
) -> None:
    app, base = served
    result = call_mock(case, base, use_async=mode == "async")
    expected = _expected(case)
    if case.protocol == Protocol.REST:
        assert result_plain(result) == expected
    else:
        assert_documented_result(case, result, documented_result(case, interaction(case)))
    assert app.requests[-1][1:] == (case.operation.name, case.protocol.value, "")


@cache
def _zeep_wsdl(service: str) -> Any:
    """zeep's client of one WSDL, read once per run (a large WSDL takes zeep seconds)."""
    return zeep.Client(str(ROOT / "specs" / service / f"{service}.wsdl"))


@cache
def _zeep_client(service: str, base: str, protocol: str, address: str) -> Any:
    """zeep's proxy of the first port of ``protocol``, pointed at the mock: the port's path
    below the service ``address`` (a WCF ``…/soap12`` endpoint) is kept.
    One per binding and server: building it maps every operation."""
    client = _zeep_wsdl(service)
    kind = "Soap11Binding" if protocol == "soap11" else "Soap12Binding"
    port = next(
        p
        for s in client.wsdl.services.values()
        for p in s.ports.values()
        if type(p.binding).__name__ == kind
    )
    own = str(port.binding_options["address"])
    suffix = own[len(address.rstrip("/")) :] if own.startswith(address.rstrip("/")) else ""
    return client.create_service(port.binding.name, f"{base}/{service}{suffix}")


SOAP = [c for c in ALL_CASES if c.protocol.is_soap]


@pytest.mark.parametrize("case", SOAP, ids=[c.id for c in SOAP])
def test_zeep_gets_the_documented_answer(served: tuple[MockApp, str], case: Case) -> None:
    app, base = served
    op = case.operation
    if (case.service.name, op.name) in ZEEP_UNKNOWN | ZEEP_MISREADS:
        pytest.skip("zeep cannot build or read this operation (tests/wsdl_real_support.py)")
    proxy = _zeep_client(case.service.name, base, case.protocol.value, case.service.base_url)
    args = call_arguments(case, interaction(case)["request"])
    headers = args.pop("soap_headers", None)
    zop = proxy._binding._operations[op.name]
    z_args, z_kwargs = zeep_args(case.service.schema, op, args, _zeep_wsdl(case.service.name), zop)
    if headers:
        z_kwargs["_soapheaders"] = {
            h.element.name: header_zeep(v) for h, v in zip(op.input_headers, headers, strict=True)
        }
    answer = getattr(proxy, op.name)(*z_args, **z_kwargs)
    assert app.requests[-1][1:] == (op.name, case.protocol.value, "")
    if op.one_way:
        return
    # zeep's reading of the documented answer equals ours (the contract replayed).
    ours = call(case, use_async=False)
    assert _single(plain(unwrap_headers(answer))) == _single(plain(ours))


def _single(value: Any) -> Any:
    """zeep returns the field of a one-field result, and sometimes that field's field: both
    sides are compared below any chain of one-field structures."""
    while isinstance(value, dict) and len(value) == 1:
        value = next(iter(value.values()))
    return None if value == [] else value  # zeep reads a nil list as [], the client as None


def _captured_exchanges() -> list[tuple[str, Any]]:
    return [
        (s.name, e)
        for s in services()
        for e in s.exchanges
        if e.protocol.is_asmx or e.protocol == Protocol.REST
    ]


CAPTURED = _captured_exchanges()


def _send_documented(base: str, service: str, message: Any, body: bytes | None = None) -> Any:
    address = urlsplit(next(s for s in services() if s.name == service).base_url).path.rstrip("/")
    below = message.target[len(address) :] if message.target.startswith(address) else message.target
    skip = {"host", "content-length"}
    headers = {k: v for k, v in message.headers if k.lower() not in skip}
    content = message.body.strip().encode("utf-8") if body is None else body
    return raw(base, message.method, f"/{service}{below}", headers, content)


@pytest.mark.parametrize(
    ("service", "exchange"), CAPTURED, ids=[f"{s}/{e.operation}/{e.protocol}" for s, e in CAPTURED]
)
def test_the_pages_own_samples_are_accepted_as_printed(
    served: tuple[MockApp, str], service: str, exchange: Any
) -> None:
    app, base = served
    answer = _send_documented(base, service, exchange.request)
    assert answer.status_code < 300, answer.text
    assert app.requests[-1][3] == ""


def _soap_sample(protocol: Protocol) -> tuple[str, Any]:
    return next((s, e) for s, e in CAPTURED if e.protocol == protocol)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda b: b.replace(b"<contactEmail>", b"<ContactEmail>", 1), "ContactEmail"),
        (lambda b: b.replace(b"<contactEmail>", b"<contactMail>", 1), "contactMail"),
        (
            lambda b: b.replace(b"schemas.xmlsoap.org/soap/envelope/", b"example.com/env/"),
            "Envelope",
        ),
        (lambda b: b[: len(b) // 2], "well-formed"),
    ],
    ids=["element-case", "element-name", "envelope", "truncated"],
)
def test_an_altered_soap_sample_is_refused_naming_the_departure(
    served: tuple[MockApp, str], change: Any, expected: str
) -> None:
    _, base = served
    service, exchange = _soap_sample(Protocol.SOAP11)
    body = change(exchange.request.body.strip().encode("utf-8"))
    answer = _send_documented(base, service, exchange.request, body)
    assert answer.status_code == 500
    fault = etree.fromstring(answer.content).find(".//faultstring")
    assert fault is not None and expected in (fault.text or ""), answer.text


def test_a_wrong_soap_action_is_refused(served: tuple[MockApp, str]) -> None:
    _, base = served
    service, exchange = _soap_sample(Protocol.SOAP11)
    headers = {
        k: v for k, v in exchange.request.headers if k.lower() not in ("host", "content-length")
    }
    headers["SOAPAction"] = '"http://removethebackground.com/Nope"'
    answer = raw(base, "POST", f"/{service}", headers, exchange.request.body.strip().encode())
    assert answer.status_code == 500 and "Nope" in answer.text


def test_a_missing_http_parameter_is_refused(served: tuple[MockApp, str]) -> None:
    _, base = served
    service, exchange = _soap_sample(Protocol.HTTP_GET)
    target = exchange.request.target.split("?")[0].rsplit("/", 1)[-1]
    answer = raw(base, "GET", f"/{service}/{target}?contactEmail=x", {}, b"")
    assert answer.status_code == 400 and "missing parameter" in answer.text


def test_a_rest_body_against_its_json_schema(served: tuple[MockApp, str]) -> None:
    _, base = served
    headers = {"Content-Type": "application/json"}
    answer = raw(base, "POST", "/removethebackground_rest/Image/", headers, b'{"ImageURL": 3}')
    assert answer.status_code == 400
    assert "ImageURL" in answer.json()["error"] or "required" in answer.json()["error"]


def test_unknown_service_and_route_say_what_is_served(served: tuple[MockApp, str]) -> None:
    _, base = served
    assert "/pixelz" in raw(base, "GET", "/nope/x", {}, b"").text
    assert "documented" in raw(base, "GET", "/pixelz/Nope", {}, b"").text


def test_specs_folder_is_read_without_generated_code(tmp_path: Path) -> None:
    from codegen.mock import load_services

    (mock,) = load_services(ROOT, [ROOT / "specs" / "pixelz"])
    assert {c.protocol for c in mock.contracts} == {"soap11", "soap12", "http_get", "http_post"}
    assert mock.schema is not None
