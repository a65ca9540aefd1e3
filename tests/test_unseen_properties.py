"""Property-based round trips through the generated codecs of the unseen specs (hypothesis).

Random values of every generated type are drawn from the model (not from generated code). What
the generated encoders write is read back independently of the generated decoders: structures
with ``value_from_xml`` (the schema and the dataclasses' wire names alone), scalar parameters
with the xsd grammar and the standard library (``read_lexical``). Only XML known to stand for
the drawn value is then given to the generated decoders.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, timedelta, timezone
from decimal import Decimal
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from codegen.model import ComplexType, Element, Service, TypeRef
from codegen.naming import snake
from tests.unseen_support import (
    PARSER,
    SERVICE_NAMES,
    XSI,
    Built,
    http_pairs_text,
    read_lexical,
    sent,
    soap_payload,
    unseen,
)

__all__ = ["unseen"]

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(["\n", "\t", " ", "\r"]),
    max_size=12,
)
_TZ = (
    st.none()
    | st.just(UTC)
    | st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
)
_SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "string": _TEXT,
    "boolean": st.booleans(),
    "int": st.integers(-(2**31), 2**31 - 1),
    "long": st.integers(-(2**63), 2**63 - 1),
    "short": st.integers(-(2**15), 2**15 - 1),
    # Plain decimals, and ones whose exponent makes ``str()`` switch to E notation (1E+3, 5E-9),
    # which xsd:decimal (and .NET's parser) does not accept.
    "decimal": st.decimals(
        allow_nan=False, allow_infinity=False, places=6, max_value=10**20, min_value=-(10**20)
    )
    | st.tuples(st.integers(-(10**12), 10**12), st.integers(-20, 12)).map(
        lambda t: Decimal(t[0]).scaleb(t[1])
    ),
    "double": st.floats(allow_nan=False),
    "dateTime": st.datetimes(timezones=_TZ),
    "date": st.dates(),
    "time": st.times(),
    "guid": st.uuids(),
    "base64Binary": st.binary(max_size=24),
}


class _Strategies:
    """Random values of every generated type, built from the model (not from generated code)."""

    def __init__(self, service: Service, models: ModuleType) -> None:
        self.service, self.models = service, models

    def cls(self, name: str) -> Any:
        return next(
            getattr(self.models, n)
            for n in dir(self.models)
            if getattr(getattr(getattr(self.models, n), "Meta", None), "name", None) == name
            or (n == name and isinstance(getattr(self.models, n), type))
        )

    def value(self, ref: TypeRef, depth: int) -> st.SearchStrategy[Any]:
        schema = self.service.schema
        if ref.is_scalar:
            return _SCALARS[ref.name]
        if schema.enum(ref) is not None:
            return st.sampled_from(list(self.cls(ref.name)))
        item = schema.array_item(ref)
        if item is not None:
            return st.lists(self.value(item.type, depth + 1), max_size=3 if depth < 3 else 0)
        ct = schema.complex_type(ref)
        assert ct is not None
        return self.complex(ct, depth)

    def element(self, e: Element, depth: int) -> st.SearchStrategy[Any]:
        one = self.value(e.type, depth)
        if e.repeated:
            return st.lists(one, max_size=2)
        is_list = self.service.schema.array_item(e.type) is not None
        if (e.min_occurs >= 1 and not e.nillable) or (is_list and not e.nillable):
            return one
        return st.none() | one

    def complex(self, ct: ComplexType, depth: int) -> st.SearchStrategy[Any]:
        cls = self.cls(ct.name)
        by_wire = {
            f.metadata.get("wrapper", f.metadata["name"]): f.name for f in dataclasses.fields(cls)
        }
        return st.builds(cls, **{by_wire[e.name]: self.element(e, depth + 1) for e in ct.elements})


def _classes(service: Service) -> list[ComplexType]:
    return [
        t
        for t in service.schema.complex_types
        if service.schema.array_item(service.schema.ref(t)) is None
        and not t.anonymous  # an operation wrapper's own type: parameters, not a class
    ]


_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.mark.parametrize("service_name", SERVICE_NAMES)
@settings(max_examples=60, deadline=None, suppress_health_check=_HEALTH)
@given(data=st.data())
def test_every_type_round_trips_through_its_codecs(
    unseen: Built, service_name: str, data: st.DataObject
) -> None:
    service = unseen.service(service_name)
    models, codecs = unseen.module(service_name, "models"), unseen.module(service_name, "codecs")
    strategies = _Strategies(service, models)
    for ct in _classes(service):
        value = data.draw(strategies.complex(ct, 0), label=ct.name)
        func = snake(type(value).__name__)
        whole = getattr(codecs, f"encode_{func}")(value, ct.name)
        xml = f'<w xmlns="{service.namespace}" xmlns:xsi="{XSI}">{whole}</w>'
        element = etree.fromstring(xml.encode(), PARSER)[0]
        # The encoder's XML, read without the generated decoders, is the drawn value ...
        assert unseen.read(service_name, ct.name, element) == value
        # ... so the generated decoder must read it back to that value too.
        assert getattr(codecs, f"decode_{func}")(element) == value


_ENVELOPES = {
    "soap11": ("http://schemas.xmlsoap.org/soap/envelope/", "text/xml; charset=utf-8"),
    "soap12": ("http://www.w3.org/2003/05/soap-envelope", "application/soap+xml; charset=utf-8"),
}


def _respond(ns: str, protocol: str, op: str, result: etree._Element) -> httpx.Response:
    env_ns, ctype = _ENVELOPES[protocol]
    env = etree.Element(f"{{{env_ns}}}Envelope", nsmap={"s": env_ns, "xsi": XSI})
    body = etree.SubElement(env, f"{{{env_ns}}}Body")
    etree.SubElement(body, f"{{{ns}}}{op}Response").append(result)
    return httpx.Response(200, content=etree.tostring(env), headers={"Content-Type": ctype})


def _echo_server(ns: str, protocol: str, stored: list[etree._Element]) -> httpx.MockTransport:
    """Stores AddItem's item; answers GetItem with it, renamed to GetItemResult."""

    def handler(request: httpx.Request) -> httpx.Response:
        payload = etree.fromstring(request.content, PARSER).find(
            f"{{{_ENVELOPES[protocol][0]}}}Body"
        )[0]  # type: ignore[index]
        if etree.QName(payload).localname == "AddItem":
            stored.append(payload[0])
            result = etree.Element(f"{{{ns}}}AddItemResult")
            result.text = str(uuid.UUID(int=7))
            return _respond(ns, protocol, "AddItem", result)
        result = stored[-1]
        result.tag = f"{{{ns}}}GetItemResult"
        return _respond(ns, protocol, "GetItem", result)

    return httpx.MockTransport(handler)


@settings(max_examples=40, deadline=None, suppress_health_check=_HEALTH)
@given(data=st.data(), protocol=st.sampled_from(["soap11", "soap12"]))
def test_a_value_sent_by_the_client_comes_back_equal(
    unseen: Built, data: st.DataObject, protocol: str
) -> None:
    """AddItem's request, echoed by a fake server as GetItem's result, decodes to the same Item."""
    service = unseen.service("inventory")
    module = unseen.package("inventory")
    item = data.draw(
        _Strategies(service, unseen.module("inventory", "models")).complex(
            next(t for t in service.schema.complex_types if t.name == "Item"), 0
        )
    )
    stored: list[etree._Element] = []
    with (
        httpx.Client(transport=_echo_server(service.namespace, protocol, stored)) as http,
        module.Client(protocol=protocol, http_client=http) as client,
    ):
        assert client.add_item(item=item) == uuid.UUID(int=7)
        # What the client sent, read without the generated decoders, is the item ...
        assert unseen.read("inventory", "Item", stored[-1]) == item
        # ... and the generated decoder reads that XML, echoed back, to the item too.
        assert client.get_item(sku=item.sku) == item


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), protocol=st.sampled_from(["soap11", "soap12", "http_get", "http_post"]))
def test_scalar_parameters_reach_the_wire_intact(
    unseen: Built, data: st.DataObject, protocol: str
) -> None:
    """Random values of every scalar parameter type, read back from the request the client sent
    by the xsd grammar and the standard library (not by ``wirekit.scalars``)."""
    service = unseen.service("inventory")
    op = next(o for o in service.operations if o.name == "UpdatePrice")
    values = {p.name: data.draw(_SCALARS[p.type.name], label=p.name) for p in op.params}
    if protocol.startswith("http"):
        # Form and query strings cannot carry every character XML can; keep to printable text.
        values["note"] = data.draw(
            st.text(
                st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=["Cs"]),
                max_size=12,
            )
        )
    request = sent(unseen, protocol, "update_price", {snake(k): v for k, v in values.items()})
    if protocol.startswith("soap"):
        wire = {etree.QName(c).localname: c.text or "" for c in soap_payload(request)}
    else:
        wire = dict(parse_qsl(http_pairs_text(request, protocol), keep_blank_values=True))
    types = {p.name: p.type.name for p in op.params}
    assert {k: read_lexical(types[k], v) for k, v in wire.items()} == values
