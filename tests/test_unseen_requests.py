"""Values encoded into requests of the unseen specs are the lexical forms an ASMX server parses.

The SOAP request is compared with the documented (or rendered) sample and with the one zeep
builds from the WSDL on its own; HTTP GET/POST pairs with the forms .NET's binder reads.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from lxml import etree
from zeep import Client as ZeepClient, Settings
from zeep.transports import Transport

from codegen.emit.samples import documented_or_rendered
from codegen.model import Protocol
from codegen.naming import snake
from tests.unseen_support import (
    FIXTURES,
    PARSER,
    Built,
    canonical,
    http_pairs_text,
    sent,
    soap_payload,
    unseen,
)

__all__ = ["unseen"]

#: Python values and the lexical forms an ASMX (.NET XmlSerializer / HTTP binder) server parses.
UPDATE_PRICE = {
    "sku": (
        uuid.UUID("0f8fad5b-d9cb-469f-a165-70867728950e"),
        "0f8fad5b-d9cb-469f-a165-70867728950e",
    ),
    "price": (Decimal("1234.50"), "1234.50"),
    "weightKg": (0.1, "0.1"),
    "effective": (datetime(2024, 2, 29, 13, 45, 7, 250000), "2024-02-29T13:45:07.25"),
    "releaseDate": (date(2023, 12, 31), "2023-12-31"),
    "note": ("fish & <chips>", "fish & <chips>"),
    "thumbnail": (b"\x89PNG\r\n", "iVBORw0K"),
}
_ARGS = {snake(k): v for k, (v, _) in UPDATE_PRICE.items()}

#: What zeep needs of the SOAP encoding schema the WSDL's HTTP types refer to (it is offline).
_SOAP_ENCODING = (
    b'<schema xmlns="http://www.w3.org/2001/XMLSchema"'
    b' targetNamespace="http://schemas.xmlsoap.org/soap/encoding/">'
    b'<complexType name="Array"><sequence><any minOccurs="0" maxOccurs="unbounded"'
    b' processContents="lax"/></sequence><anyAttribute/></complexType></schema>'
)


class _Offline(Transport):
    def __init__(self) -> None:
        # Transport.__init__, not super(): mypy's untyped_calls_exclude (zeep) goes by name
        Transport.__init__(self)

    def _load_remote_data(self, url: str) -> bytes:
        if url == "http://schemas.xmlsoap.org/soap/encoding/":
            return _SOAP_ENCODING
        raise AssertionError(f"zeep tried to fetch {url!r}")


def _with_lexical_forms(doc: etree._Element) -> etree._Element:
    for el in doc.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in UPDATE_PRICE:
            el.text = UPDATE_PRICE[etree.QName(el).localname][1]
    return doc


def _zeep_payload(protocol: str) -> etree._Element:
    """UpdatePrice's request payload as zeep builds it from the WSDL, with .NET's lexical forms
    (zeep writes some values differently, e.g. six-digit fractions of seconds)."""
    wsdl = str(FIXTURES / "inventory" / "inventory.wsdl")
    client = ZeepClient(wsdl, settings=Settings(strict=False), transport=_Offline())
    port = {"soap11": "InventoryServiceSoap", "soap12": "InventoryServiceSoap12"}[protocol]
    binding = client.wsdl.services["InventoryService"].ports[port].binding
    message = binding._operations["UpdatePrice"].input.serialize(
        **{k: v for k, (v, _) in UPDATE_PRICE.items()}
    )
    return _with_lexical_forms(message.content.find("{*}Body")[0])


@pytest.mark.parametrize("protocol", ["soap11", "soap12"])
def test_soap_request_is_the_documented_sample_with_values(unseen: Built, protocol: str) -> None:
    service = unseen.service("inventory")
    op = next(o for o in service.operations if o.name == "UpdatePrice")
    sample = documented_or_rendered(service, op, Protocol(protocol)).request.body
    doc = _with_lexical_forms(etree.fromstring(sample.encode(), PARSER))
    request = sent(unseen, protocol, "update_price", _ARGS)
    assert canonical(request.content) == canonical(etree.tostring(doc))
    # The sample of a WSDL service is rendered by our own codegen: zeep's reading of the WSDL
    # is the independent check of element names, order and namespaces.
    ours = etree.tostring(soap_payload(request))
    assert canonical(ours) == canonical(etree.tostring(_zeep_payload(protocol)))


@pytest.mark.parametrize("protocol", ["http_get", "http_post"])
def test_http_request_carries_the_documented_pairs(unseen: Built, protocol: str) -> None:
    request = sent(unseen, protocol, "update_price", _ARGS)
    text = http_pairs_text(request, protocol)
    assert parse_qsl(text, keep_blank_values=True) == [(k, t) for k, (_, t) in UPDATE_PRICE.items()]
    assert urlsplit(str(request.url)).path.endswith("/InventoryService.asmx/UpdatePrice")
    # Enumerations travel by their wire value; lists repeat the parameter name.
    request = sent(
        unseen,
        protocol,
        "list_items",
        {
            "status": unseen.module("inventory", "models").ItemStatus.BACKORDERED,
            "changed_since": datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
            "max_count": -7,
            "include_inactive": True,
        },
    )
    assert parse_qsl(http_pairs_text(request, protocol)) == [
        ("status", "Backordered"),
        ("changedSince", "2024-01-02T03:04:05Z"),
        ("maxCount", "-7"),
        ("includeInactive", "true"),
    ]
    a, b = uuid.uuid4(), uuid.uuid4()
    request = sent(unseen, protocol, "find_items", {"skus": [a, b]})
    assert parse_qsl(http_pairs_text(request, protocol)) == [("skus", str(a)), ("skus", str(b))]


def test_optional_parameters_may_be_left_out(unseen: Built) -> None:
    payload: Any = soap_payload(sent(unseen, "soap11", "find_items", {}))
    assert etree.QName(payload).localname == "FindItems" and len(payload) == 0
    payload = soap_payload(sent(unseen, "soap12", "count_items", {}))
    assert etree.QName(payload).localname == "CountItems" and len(payload) == 0
