"""The four ways an ASMX service answers one operation, as four small variant objects.

Borrowed from zeep's split: SOAP 1.1 and 1.2 differ only in the envelope namespace, how the
action travels (``SOAPAction`` header vs the ``action`` parameter of Content-Type) and the fault
shape; HTTP GET and POST share one reading of the answer and differ only in where the
form-encoded parameters go. Generated code describes each operation once (``OperationSpec``:
its codecs and wire names); the variant chosen by the client's ``protocol`` does the rest.
No I/O happens here (``wirekit.client`` sends), which is why sync and async clients share it.

SOAP headers: an operation lists the header elements its binding declares (``HeaderSpec``);
a call sends, for each, the call's own value of that header's type, else the client's. A value
no declared header takes is refused (``RequestError``), and so is any header on HTTP GET/POST,
which cannot carry one: a header is never dropped without the caller knowing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar
from urllib.parse import urlencode

import httpx
from lxml import etree

from wirekit.arguments import Param
from wirekit.client import BaseAsyncClient, BaseClient, Operation, RequestParts
from wirekit.errors import RequestError, ResponseFormatError, excerpt
from wirekit.faults import find_fault
from wirekit.limits import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES
from wirekit.transport import http_failure, is_xml, media_type, reading
from wirekit.xmlsafe import SOAP11_ENV, SOAP12_ENV, is_nil, parse_xml

R = TypeVar("R")
T = TypeVar("T")
P = TypeVar("P", bound=str)
#: IIS refuses a query string over 2 048 bytes by default (``maxQueryString``); many proxies
#: over 8 KB. Longer HTTP GET arguments are refused here, with the protocols that carry them.
MAX_QUERY_BYTES = 2048

_ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<{p}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:{p}="{ns}">'
    "{header}<{p}:Body>{payload}</{p}:Body></{p}:Envelope>"
)


@dataclass(frozen=True, slots=True)
class SoapHeaders:
    """The SOAP header values a call may send: the client's, and the call's own (``None``:
    the call gave none, so the client's apply)."""

    client: tuple[object, ...] = ()
    call: tuple[object, ...] | None = None


NO_SOAP_HEADERS = SoapHeaders()


def header_values(value: object | Sequence[object] | None) -> tuple[object, ...]:
    """One header value or several, as a tuple (``None``: none)."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(value)
    return (value,)


def header_fields(*groups: object) -> dict[str, object]:
    """The fields of SOAP header values (``Password``, ``ApiKey``…), by name, so an error's
    message is scrubbed of them as of the call's own secret arguments."""
    found: dict[str, object] = {}
    for group in groups:
        for value in header_values(group):
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                found.update({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    return found


@dataclass(frozen=True, slots=True)
class HeaderSpec(Generic[T]):
    """A SOAP header element an operation's binding declares, and its value's class."""

    type: type[T]
    #: Clark name of the header element.
    element: str
    #: The whole header element (start tag with its namespace, content, end tag).
    encode: Callable[[T], str]
    decode: Callable[[etree._Element], T]


def header_xml(spec: OperationSpec[Any], protocol: str, headers: SoapHeaders) -> str:
    """The Header entries of one call; see the module docstring for the rules."""
    call = headers.call or ()
    if (call or (headers.client and spec.input_headers)) and not protocol.startswith("soap"):
        raise RequestError(
            f"{spec.name}: {protocol} cannot carry SOAP headers; use soap11 or soap12"
        )
    for value in call:
        if not any(type(value) is h.type for h in spec.input_headers):
            declared = ", ".join(h.type.__name__ for h in spec.input_headers) or "none"
            raise RequestError(
                f"{spec.name} declares no SOAP header of type {type(value).__name__} "
                f"(declared: {declared})"
            )
    out = []
    for h in spec.input_headers:
        value = next((v for v in call if type(v) is h.type), None)
        if value is None:
            value = next((v for v in headers.client if type(v) is h.type), None)
        if value is not None:
            out.append(h.encode(value))
    return "".join(out)


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

    def request(
        self,
        protocol: str,
        address: str,
        args: Mapping[str, object],
        soap_headers: SoapHeaders = NO_SOAP_HEADERS,
    ) -> RequestParts:
        header = header_xml(self, protocol, soap_headers)
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
        with reading(self.name, status, body, content_type, response.headers):
            element = VARIANTS[protocol].result(self, body, status, content_type)
            return self.decode(element)


class Variant:
    """How one protocol carries a call: the request it sends and where the result is."""

    name: ClassVar[str]

    def request(
        self, spec: OperationSpec[Any], address: str, args: Mapping[str, object], header: str = ""
    ) -> RequestParts:
        raise NotImplementedError

    def result(
        self, spec: OperationSpec[Any], body: bytes, status: int, content_type: str | None
    ) -> etree._Element | None:
        raise NotImplementedError


class Soap(Variant):
    """SOAP 1.1 and 1.2: an envelope around the operation's wrapper element."""

    version: ClassVar[str]
    envelope_ns: ClassVar[str]
    prefix: ClassVar[str]

    def headers(self, action: str) -> list[tuple[str, str]]:
        raise NotImplementedError

    def request(
        self, spec: OperationSpec[Any], address: str, args: Mapping[str, object], header: str = ""
    ) -> RequestParts:
        payload = spec.encode_xml(**args)
        p = self.prefix
        head = f"<{p}:Header>{header}</{p}:Header>" if header else ""
        body = _ENVELOPE.format(p=p, ns=self.envelope_ns, header=head, payload=payload)
        return RequestParts("POST", address, self.headers(spec.soap_action), body.encode("utf-8"))

    def result(
        self, spec: OperationSpec[Any], body: bytes, status: int, content_type: str | None
    ) -> etree._Element | None:
        if spec.one_way and status < 300:  # nothing to read, unless a fault came anyway
            if body.strip():
                root = self._envelope(body, status, content_type)
                payload = next(root.iterchildren(f"{{{self.envelope_ns}}}Body"), None)
                fault = find_fault(
                    next(payload.iterchildren(), None) if payload is not None else None
                )
                if fault is not None:
                    raise fault
            return None
        root = self._envelope(body, status, content_type)
        payload = next(root.iterchildren(f"{{{self.envelope_ns}}}Body"), None)
        first = (
            next((c for c in payload.iterchildren() if isinstance(c.tag, str)), None)
            if payload is not None
            else None
        )
        fault = find_fault(first)
        if fault is not None:
            raise fault
        if status >= 300:
            raise http_failure(body, status, content_type)
        if first is None or first.tag != spec.response_element:
            got = "nothing" if first is None else f"<{first.tag}>"
            raise ResponseFormatError(
                f"expected <{spec.response_element}> in the SOAP Body, got {got}"
            )
        if spec.result_element is None:
            return None
        if spec.result_element == spec.response_element:  # the Body element is the result
            return None if is_nil(first) else first
        result = next(first.iterchildren(spec.result_element), None)
        return None if result is None or is_nil(result) else result

    def _envelope(self, body: bytes, status: int, content_type: str | None) -> etree._Element:
        """The Envelope element, or the error the answer stands for when it is none."""
        if not is_xml(content_type):
            if status >= 300:
                raise http_failure(body, status, content_type)
            raise ResponseFormatError(
                f"expected a SOAP envelope, got {media_type(content_type) or 'no content type'}: "
                f"{excerpt(body, 120)}"
            )
        try:
            root = parse_xml(body)
        except ResponseFormatError:
            if status >= 300:
                raise http_failure(body, status, content_type) from None
            raise
        if root.tag == f"{{{self.envelope_ns}}}Envelope":
            return root
        # A fault in the other version's envelope is still the service's answer.
        other = next((c for c in root.iterchildren() if isinstance(c.tag, str)), None)
        fault = find_fault(next(other.iterchildren(), None) if other is not None else None)
        if fault is not None:
            raise fault
        if status >= 300:
            raise http_failure(body, status, content_type)
        raise ResponseFormatError(f"expected a SOAP {self.version} Envelope, got <{root.tag}>")


class Soap11(Soap):
    name = "soap11"
    version = "1.1"
    envelope_ns = SOAP11_ENV
    prefix = "soap"

    def headers(self, action: str) -> list[tuple[str, str]]:
        return [("Content-Type", "text/xml; charset=utf-8"), ("SOAPAction", f'"{action}"')]


class Soap12(Soap):
    name = "soap12"
    version = "1.2"
    envelope_ns = SOAP12_ENV
    prefix = "soap12"

    def headers(self, action: str) -> list[tuple[str, str]]:
        return [("Content-Type", f'application/soap+xml; charset=utf-8; action="{action}"')]


class Http(Variant):
    """HTTP GET and POST: form-encoded parameters in; a bare XML document, no envelope, out."""

    def result(
        self, spec: OperationSpec[Any], body: bytes, status: int, content_type: str | None
    ) -> etree._Element | None:
        if status >= 300:
            raise http_failure(body, status, content_type)
        if spec.http_root is None:
            return None
        if not is_xml(content_type):
            raise ResponseFormatError(
                f"expected XML, got {media_type(content_type) or 'no content type'}: "
                f"{excerpt(body, 120)}"
            )
        root = parse_xml(body)
        if root.tag != spec.http_root:
            raise ResponseFormatError(f"expected root element <{spec.http_root}>, got <{root.tag}>")
        return None if is_nil(root) else root


class HttpGet(Http):
    name = "http_get"

    def request(
        self, spec: OperationSpec[Any], address: str, args: Mapping[str, object], header: str = ""
    ) -> RequestParts:
        url = address.rstrip("/") + spec.http_path
        pairs = spec.encode_pairs(**args)
        length = len(urlencode(pairs))
        if length > MAX_QUERY_BYTES:
            raise RequestError(
                f"{spec.name}: the arguments make a {length}-byte query, longer than servers "
                f"accept ({MAX_QUERY_BYTES}); send them with soap11, soap12 or http_post"
            )
        return RequestParts("GET", url, params=pairs)


class HttpPost(Http):
    name = "http_post"

    def request(
        self, spec: OperationSpec[Any], address: str, args: Mapping[str, object], header: str = ""
    ) -> RequestParts:
        form = urlencode(spec.encode_pairs(**args)).encode("ascii")
        headers = [("Content-Type", "application/x-www-form-urlencoded")]
        return RequestParts("POST", address.rstrip("/") + spec.http_path, headers, form)


class _SoapHeaderSupport:
    """SOAP headers on a client: set once (``soap_headers=``), replaced per call (the ``extra``
    a generated method passes), and the answer's declared headers kept for the caller."""

    protocol: str
    base_url: str
    #: Each protocol's published address when they differ (a WCF ``….svc/soap12`` endpoint);
    #: used when the client is given no ``base_url``.
    PROTOCOL_ADDRESSES: ClassVar[dict[str, str]] = {}

    def _set_headers(self, soap_headers: object | Sequence[object] | None) -> None:
        #: Header values sent with every call whose operation declares their element.
        self.soap_headers = header_values(soap_headers)
        if self.soap_headers and not self.protocol.startswith("soap"):
            raise ValueError(
                f"protocol {self.protocol!r} cannot carry SOAP headers; choose soap11 or soap12"
            )
        #: The declared SOAP headers of the last answer, decoded (empty when it had none).
        self.last_response_headers: tuple[object, ...] = ()

    def response_header(self, kind: type[T]) -> T | None:
        """The last answer's SOAP header of type ``kind``, or ``None`` when it carried none."""
        return next((h for h in self.last_response_headers if type(h) is kind), None)

    def _parts(
        self, op: Operation[object], args: Mapping[str, object], extra: object
    ) -> RequestParts:
        self.last_response_headers = ()
        if not isinstance(op, OperationSpec):
            return op.request(self.protocol, self.base_url, args)
        call = None if extra is None else header_values(extra)
        headers = SoapHeaders(self.soap_headers, call)
        return op.request(self.protocol, self.base_url, args, headers)

    def _answered(self, op: Operation[object], response: httpx.Response) -> None:
        if isinstance(op, OperationSpec):
            self.last_response_headers = op.response_headers(self.protocol, response)

    def _secrets(self, args: Mapping[str, object], extra: object) -> Mapping[str, object]:
        return {**args, **header_fields(self.soap_headers, extra)}


class SoapClient(_SoapHeaderSupport, BaseClient[P]):
    """Base of generated ASMX clients: ``wirekit.client.BaseClient`` plus SOAP headers.

    ``soap_headers``: one header value or a list, sent with every call whose operation
    declares that header (a generated method's ``soap_headers=`` replaces them for one call);
    ``last_response_headers`` / ``response_header(Type)``: the last answer's. HTTP GET/POST
    cannot carry SOAP headers: setting one with them raises.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: P | None = None,
        http_client: httpx.Client | None = None,
        timeout: float = 30.0,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        soap_headers: object | Sequence[object] | None = None,
    ) -> None:
        super().__init__(
            base_url,
            protocol=protocol,
            http_client=http_client,
            timeout=timeout,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
        )
        if base_url is None:
            self.base_url = self.PROTOCOL_ADDRESSES.get(self.protocol, self.base_url)
        self._set_headers(soap_headers)


class AsyncSoapClient(_SoapHeaderSupport, BaseAsyncClient[P]):
    """Base of generated asynchronous ASMX clients; see ``SoapClient``."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        protocol: P | None = None,
        http_client: httpx.AsyncClient | None = None,
        timeout: float = 30.0,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        soap_headers: object | Sequence[object] | None = None,
    ) -> None:
        super().__init__(
            base_url,
            protocol=protocol,
            http_client=http_client,
            timeout=timeout,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
        )
        if base_url is None:
            self.base_url = self.PROTOCOL_ADDRESSES.get(self.protocol, self.base_url)
        self._set_headers(soap_headers)


#: The variants by protocol name, in ASMX's own order.
VARIANTS: dict[str, Variant] = {v.name: v for v in (Soap11(), Soap12(), HttpGet(), HttpPost())}
PROTOCOLS = tuple(VARIANTS)

__all__ = [
    "NO_SOAP_HEADERS",
    "PROTOCOLS",
    "VARIANTS",
    "AsyncSoapClient",
    "HeaderSpec",
    "Http",
    "HttpGet",
    "HttpPost",
    "OperationSpec",
    "Soap",
    "Soap11",
    "Soap12",
    "SoapClient",
    "SoapHeaders",
    "Variant",
    "header_fields",
    "header_values",
    "header_xml",
]
