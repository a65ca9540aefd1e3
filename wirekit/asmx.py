"""One ASMX operation as generated code describes it: ``OperationSpec``.

Generated code describes each operation once (its codecs and wire names); the variant chosen by
the client's ``protocol`` (``wirekit.asmx_variants``: SOAP 1.1, SOAP 1.2, HTTP GET, HTTP POST)
writes the request and finds the result, which the operation then decodes.
No I/O happens here (``wirekit.client`` sends), which is why sync and async clients share it.

SOAP headers: an operation lists the header elements its binding declares (``HeaderSpec``,
rules in ``wirekit.soap_headers``); the clients that send them are ``wirekit.soap_client``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urljoin

import httpx
from lxml import etree

from wirekit.arguments import Param

# The variants, re-exported: generated code and users import them from here.
from wirekit.asmx_variants import (
    MAX_QUERY_BYTES,
    PROTOCOLS,
    VARIANTS,
    Http,
    HttpGet,
    HttpPost,
    Soap,
    Soap11,
    Soap12,
    Variant,
)
from wirekit.client import RequestParts
from wirekit.errors import ResponseFormatError, SoapFault
from wirekit.soap_headers import NO_SOAP_HEADERS, HeaderSpec, SoapHeaders, header_xml
from wirekit.transport import reading
from wirekit.xmlsafe import STREAM_MIN_BYTES, parse_xml
from wirekit.xmlstream import Predecoded, StreamItem

R = TypeVar("R")
T = TypeVar("T")
P = TypeVar("P", bound=str)


@dataclass(frozen=True, slots=True)
class OperationSpec(Generic[R]):
    """One ASMX operation as generated code describes it to the runtime."""

    name: str
    #: The protocols the spec declares for this operation.
    protocols: tuple[str, ...]
    soap_action: str
    #: Appended to the service address for HTTP GET/POST (``/GetImagesList``).
    http_path: str
    #: Clark names (``{ns}local``) of the SOAP response wrapper and result element.
    response_element: str
    result_element: str | None
    #: Clark name of the HTTP GET/POST root element; ``None`` for a void operation.
    http_root: str | None
    encode_xml: Callable[..., str]
    encode_pairs: Callable[..., list[tuple[str, str]]]
    #: Decodes the result element (SOAP ``…Result`` or HTTP root; both share one content model).
    #: It receives ``None`` when the service sent no result, and decides: ``None`` for a void or
    #: nullable result, ``NullResultError`` where the method promises a value.
    decode: Callable[[etree._Element | None], R]
    #: The parameters, checked before anything is encoded (``wirekit.arguments``).
    params: tuple[Param, ...] = ()
    #: SOAP headers the binding declares for the request and for the answer.
    input_headers: tuple[HeaderSpec[Any], ...] = ()
    output_headers: tuple[HeaderSpec[Any], ...] = ()
    #: One-way (no output in the WSDL): a successful answer is ``202 Accepted`` with no body.
    one_way: bool = False
    #: Declared fault details: a ``SoapFault`` whose detail holds one gets it decoded
    #: (``SoapFault.detail_value``).
    faults: tuple[HeaderSpec[Any], ...] = ()
    #: The result's lists, decoded while a large answer is parsed (``wirekit.xmlstream``).
    stream: tuple[StreamItem, ...] = ()
    #: The header classes any operation of the service sends: a client's value of another
    #: class is refused rather than never sent (``wirekit.soap_headers``).
    service_headers: tuple[type, ...] = ()
    #: (protocol, reference) when the operation's port is not at the client's address (a
    #: second WCF contract's endpoint): resolved against it with ``urljoin``.
    addresses: tuple[tuple[str, str], ...] = ()

    def request(
        self,
        protocol: str,
        address: str,
        args: Mapping[str, object],
        soap_headers: SoapHeaders = NO_SOAP_HEADERS,
    ) -> RequestParts:
        header = (
            header_xml(self.name, self.input_headers, protocol, soap_headers, self.service_headers)
            if soap_headers.client or soap_headers.call
            else ""  # nothing to send or to check
        )
        for name, ref in self.addresses:
            if name == protocol:
                address = urljoin(address, ref)
        return VARIANTS[protocol].request(self, address, args, header)

    def response_headers(self, protocol: str, response: httpx.Response) -> tuple[object, ...]:
        """The declared headers of a (successful) SOAP answer, decoded; others are skipped."""
        if not self.output_headers or not protocol.startswith("soap"):
            return ()
        body, status = response.content, response.status_code
        content_type = response.headers.get("content-type")
        with reading(self.name, status, body, content_type, response.headers):
            root = parse_xml(body)
            env = VARIANTS[protocol]
            assert isinstance(env, Soap)
            header = next(root.iterchildren(f"{{{env.envelope_ns}}}Header"), None)
            by_tag = {h.element: h for h in self.output_headers}
            found: list[object] = []
            for child in header.iterchildren() if header is not None else ():
                spec = by_tag.get(child.tag) if isinstance(child.tag, str) else None
                if spec is not None:
                    found.append(spec.decode(child))
            return tuple(found)

    def read(self, protocol: str, response: httpx.Response) -> R:
        body, status = response.content, response.status_code
        content_type = response.headers.get("content-type")
        variant = VARIANTS[protocol]
        prefix = variant.result_path(self) if self.stream else None
        stream = (
            Predecoded(prefix, self.stream)
            if prefix is not None and len(body) >= STREAM_MIN_BYTES
            else None
        )
        with reading(self.name, status, body, content_type, response.headers):
            try:
                element = variant.result(self, body, status, content_type, stream)
            except SoapFault as fault:
                fault.detail_value = self._fault_detail(fault.detail)
                raise
            if stream is None:
                return self.decode(element)
            with stream.active():
                return self.decode(element)

    def _fault_detail(self, detail: str) -> object | None:
        """The declared fault detail a fault carries, decoded; ``None`` when there is none or
        it does not read (the fault is still raised, with its detail XML)."""
        if not self.faults or not detail:
            return None
        try:
            root = parse_xml(detail.encode("utf-8"))
        except ResponseFormatError:
            return None
        by_tag = {f.element: f for f in self.faults}
        for child in (root, *root.iterchildren()):
            spec = by_tag.get(child.tag) if isinstance(child.tag, str) else None
            if spec is not None:
                try:
                    value: object = spec.decode(child)
                except (ResponseFormatError, ValueError, TypeError):
                    return None
                return value
        return None


__all__ = [
    "MAX_QUERY_BYTES",
    "NO_SOAP_HEADERS",
    "PROTOCOLS",
    "VARIANTS",
    "HeaderSpec",
    "Http",
    "HttpGet",
    "HttpPost",
    "OperationSpec",
    "Soap",
    "Soap11",
    "Soap12",
    "SoapHeaders",
    "Variant",
    "header_xml",
]
