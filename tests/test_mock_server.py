"""The mock server over real sockets: every binding is answered as documented; zeep, an
independent SOAP client, gets the documented answers; the pages' own request samples are
accepted as printed; altered ones are refused with a message naming the departure."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import zeep
from lxml import etree

from codegen.mock import MockApp
from codegen.model import Protocol
from tests.contracts_support import ROOT, Case, documented_result, interaction, services
from tests.oracle import _leaf as leaf, normalise_list_result, obj_plain, xml_plain
from tests.rest_support import documented_plain, result_plain
from tests.toolkit_support import ALL_CASES, call_mock, raw, served

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
    elif case.operation.result is None:
        assert result is None
    else:
        got = obj_plain(result)
        assert got == normalise_list_result(expected, got)
    assert app.requests[-1][1:] == (case.operation.name, case.protocol.value, "")


@cache
def _zeep_wsdl(service: str) -> Any:
    """zeep's client of one WSDL, read once per run (a large WSDL takes zeep seconds)."""
    return zeep.Client(str(ROOT / "specs" / service / f"{service}.wsdl"))


@cache
def _zeep_client(service: str, base: str, protocol: str) -> Any:
    """One zeep service proxy per binding and server (it maps every operation: O(N) to build)."""
    client = _zeep_wsdl(service)
    binding = next(
        name
        for name, b in client.wsdl.bindings.items()
        if type(b).__name__ == ("Soap11Binding" if protocol == "soap11" else "Soap12Binding")
    )
    return client.create_service(binding, f"{base}/{service}")


SOAP = [c for c in ALL_CASES if c.protocol.is_soap]


@pytest.mark.parametrize("case", SOAP, ids=[c.id for c in SOAP])
def test_zeep_gets_the_documented_answer(served: tuple[MockApp, str], case: Case) -> None:
    app, base = served
    proxy = _zeep_client(case.service.name, base, case.protocol.value)
    args = {p.name: _zeep_value(case, p) for p in case.operation.params}
    answer = getattr(proxy, case.operation.name)(**args)
    assert app.requests[-1][1:] == (case.operation.name, case.protocol.value, "")
    documented = documented_result(case, interaction(case))
    expected = xml_plain(documented) if documented is not None else None
    if answer is None:  # zeep reads an empty result element (no fields) as None
        assert expected in (None, "", {})
        return
    if (
        isinstance(expected, dict)
        and len(expected) == 1
        and len(next(iter(expected.values()))) == 1
    ):
        expected = next(iter(expected.values()))[0]  # zeep returns a one-field result's field
    assert _zeep_plain(answer) == normalise_list_result(expected, _zeep_plain(answer))


_ZEEP_VALUES: dict[str, Any] = {
    "boolean": True,
    "decimal": Decimal("1.5"),
    "double": 1.5,
    "float": 1.5,
    "dateTime": datetime(2024, 1, 2, 3, 4, 5),
    "date": date(2024, 1, 2),
    "guid": "a37a1f55-7cd4-4474-db19-ac03e85538a7",
    "base64Binary": b"x",
}


def _zeep_value(case: Case, param: Any) -> Any:
    """A value zeep accepts for ``param``'s declared type (the mock checks the payload)."""
    enum = case.service.schema.enum(param.type)
    if enum is not None:
        return enum.values[0]
    if not param.type.is_scalar:
        return None
    name = param.type.name
    integer = name in ("int", "long", "short", "byte", "integer") or name.startswith("unsigned")
    return 1 if integer else _ZEEP_VALUES.get(name, "x")


def _zeep_plain(value: Any) -> Any:
    """zeep's answer objects in the oracle's layout (``tests.oracle.xml_plain``)."""
    if value is None or not hasattr(value, "__values__"):
        return None if value is None else leaf(value)
    out: dict[str, list[Any]] = {}
    for name, field in value.__values__.items():
        items = field if isinstance(field, list) else [] if field is None else [field]
        # zeep reads a nil complex element (xsi:nil="true") as an empty object; the oracle
        # leaves nil out. An empty compound stands for nil here.
        plain = [
            _zeep_plain(item)
            for item in items
            if not (hasattr(item, "__values__") and _zeep_plain(item) == "")
        ]
        if plain:
            out[name] = plain
    return out or ""


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
