"""Bad input, per protocol: each case yields the right ``BindingError`` with a clear message and
keeps the body; nothing from lxml or httpx escapes, and no entity is ever resolved."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from generated.pixelz import (
    AsyncClient,
    BindingError,
    Client,
    HttpStatusError,
    ProtocolName,
    ResponseFormatError,
    SoapFault,
    TimeoutError_,
    TransportError,
)

SOAP11_FAULT = b"""<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
<faultcode>soap:Server</faultcode><faultstring>System.Web.Services.Protocols.SoapException:
Server was unable to process request. ---&gt; Invalid API key</faultstring><detail />
</soap:Fault></soap:Body>
</soap:Envelope>"""
SOAP12_FAULT = b"""<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><soap:Fault>
<soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">
System.Web.Services.Protocols.SoapException: Server was unable to process request. ---&gt; Invalid
API key</soap:Text></soap:Reason><soap:Detail /></soap:Fault></soap:Body></soap:Envelope>"""
IIS_PAGE = b"<!DOCTYPE html><html><head><title>IIS 10.0 Detailed Error - 503</title></head></html>"
XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<ImagesListResponse xmlns="http://removethebackground.com/"><Images><ImageStatus>
<ImageTicket>&x;</ImageTicket></ImageStatus></Images></ImagesListResponse>"""
BOMB = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>
<ImagesListResponse xmlns="http://removethebackground.com/"><Images>&d;</Images></ImagesListResponse>"""
PROTOCOLS: list[ProtocolName] = ["soap11", "soap12", "http_get", "http_post"]
XML = "text/xml; charset=utf-8"


def client_for(
    protocol: ProtocolName, handler: Callable[[httpx.Request], httpx.Response]
) -> Client:
    return Client(
        protocol=protocol, http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )


def answer(
    status: int, body: bytes, content_type: str | None = XML
) -> Callable[..., httpx.Response]:
    headers = {"Content-Type": content_type} if content_type else {}
    return lambda request: httpx.Response(status, headers=headers, content=body)


def test_soap11_fault_as_asmx_sends_it() -> None:
    with client_for("soap11", answer(500, SOAP11_FAULT)) as c, pytest.raises(SoapFault) as info:
        c.get_images_list(contact_email="x")
    fault = info.value
    assert (fault.version, fault.code, fault.status) == ("1.1", "soap:Server", 500)
    assert "Invalid API key" in fault.reason and fault.detail == ""
    assert fault.body == SOAP11_FAULT


def test_soap12_fault_as_asmx_sends_it() -> None:
    ctype = "application/soap+xml; charset=utf-8"
    with (
        client_for("soap12", answer(500, SOAP12_FAULT, ctype)) as c,
        pytest.raises(SoapFault) as info,
    ):
        c.get_images_list()
    assert (info.value.version, info.value.code) == ("1.2", "soap:Receiver")
    assert "SoapException" in info.value.reason


@pytest.mark.parametrize("protocol", ["http_get", "http_post"])
def test_http_500_text_plain(protocol: ProtocolName) -> None:
    body = b"System.InvalidOperationException: Missing parameter: contactEmail."
    with (
        client_for(protocol, answer(500, body, "text/plain; charset=utf-8")) as c,
        pytest.raises(HttpStatusError) as info,
    ):
        c.get_images_list()
    assert info.value.status == 500 and "Missing parameter" in info.value.body_excerpt


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_iis_html_error_page(protocol: ProtocolName) -> None:
    with (
        client_for(protocol, answer(503, IIS_PAGE, "text/html")) as c,
        pytest.raises(HttpStatusError, match="503"),
    ):
        c.get_images_list()


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_html_page_with_200_is_a_format_error(protocol: ProtocolName) -> None:
    with (
        client_for(protocol, answer(200, IIS_PAGE, "text/html")) as c,
        pytest.raises(ResponseFormatError, match="text/html"),
    ):
        c.get_images_list()


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(
    "body", [b"", b"<ImagesListResponse xmlns='http://removethebackground.com/'><Ima"]
)
def test_empty_or_truncated_body(protocol: ProtocolName, body: bytes) -> None:
    with client_for(protocol, answer(200, body)) as c, pytest.raises(ResponseFormatError) as info:
        c.get_images_list()
    assert info.value.body == body


@pytest.mark.parametrize("protocol", ["http_get", "http_post"])
@pytest.mark.parametrize("payload", [XXE, BOMB], ids=["xxe", "entity-expansion"])
def test_entities_are_never_resolved(protocol: ProtocolName, payload: bytes) -> None:
    with (
        client_for(protocol, answer(200, payload)) as c,
        pytest.raises(ResponseFormatError) as info,
    ):
        c.get_images_list()
    assert "root:" not in str(info.value)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_wrong_root_element(protocol: ProtocolName) -> None:
    body = b"<Other xmlns='http://removethebackground.com/'/>"
    with client_for(protocol, answer(200, body)) as c, pytest.raises(ResponseFormatError):
        c.get_images_list()


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_timeout_and_connection_errors_are_mapped(protocol: ProtocolName) -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with client_for(protocol, timeout) as c, pytest.raises(TimeoutError_):
        c.get_images_list()
    with client_for(protocol, refused) as c, pytest.raises(TransportError):
        c.get_images_list()


def test_async_client_maps_errors_too() -> None:
    async def run() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(answer(500, SOAP11_FAULT)))
        async with AsyncClient(protocol="soap11", http_client=http) as c:
            await c.get_images_list()

    with pytest.raises(SoapFault):
        asyncio.run(run())


def test_unknown_protocol_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="'soap11', 'soap12', 'http_get', 'http_post'"):
        Client(protocol="rest")  # type: ignore[arg-type]  # invalid on purpose: the runtime check


def test_every_error_is_a_binding_error() -> None:
    for cls in (SoapFault, HttpStatusError, ResponseFormatError, TransportError, TimeoutError_):
        assert issubclass(cls, BindingError)
