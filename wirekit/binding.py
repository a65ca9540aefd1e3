"""What every protocol variant of an ASMX operation shares, so generated clients stay thin.

Borrowed from zeep's split: SOAP 1.1 and 1.2 differ only in the envelope namespace, how the
action travels (``SOAPAction`` header vs the ``action`` parameter of Content-Type) and the fault
shape; HTTP GET and POST differ only in where the form-encoded parameters go. Generated code
supplies per-operation codecs (``OperationSpec``); this module turns them into ``httpx``
requests and turns responses into results or typed errors. No I/O happens here, which is why
sync and async clients can share it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlencode

import httpx
from lxml import etree

from wirekit.errors import (
    BindingError,
    HttpStatusError,
    ResponseFormatError,
    SoapFault,
    TimeoutError_,
    TransportError,
    excerpt,
)
from wirekit.xmlsafe import parse_xml

R = TypeVar("R")

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
PROTOCOLS = ("soap11", "soap12", "http_get", "http_post")

_ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<{p}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:{p}="{ns}">'
    "<{p}:Body>{payload}</{p}:Body></{p}:Envelope>"
)


@dataclass(frozen=True, slots=True)
class OperationSpec(Generic[R]):
    """One operation as generated code describes it to the runtime."""

    name: str
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


def check_protocol(protocol: str, available: tuple[str, ...]) -> str:
    if protocol not in available:
        raise ValueError(
            f"protocol {protocol!r} is not offered by this service; "
            f"choose one of {', '.join(repr(p) for p in available)}"
        )
    return protocol


def build_request(
    protocol: str, address: str, spec: OperationSpec[R], args: Mapping[str, object]
) -> httpx.Request:
    """The HTTP request that carries one call in ``protocol``."""
    if protocol == "soap11":
        body = _ENVELOPE.format(p="soap", ns=SOAP11_ENV, payload=spec.encode_xml(**args))
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{spec.soap_action}"'}
        return httpx.Request("POST", address, headers=headers, content=body.encode("utf-8"))
    if protocol == "soap12":
        body = _ENVELOPE.format(p="soap12", ns=SOAP12_ENV, payload=spec.encode_xml(**args))
        content_type = f'application/soap+xml; charset=utf-8; action="{spec.soap_action}"'
        return httpx.Request(
            "POST", address, headers={"Content-Type": content_type}, content=body.encode("utf-8")
        )
    pairs = spec.encode_pairs(**args)
    url = address.rstrip("/") + spec.http_path
    if protocol == "http_get":
        query = urlencode(pairs)
        return httpx.Request("GET", f"{url}?{query}" if query else url)
    if protocol == "http_post":
        return httpx.Request(
            "POST",
            url,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            content=urlencode(pairs).encode("ascii"),
        )
    raise ValueError(f"unknown protocol {protocol!r}")  # pragma: no cover - checked in __init__


def read_response(protocol: str, spec: OperationSpec[R], response: httpx.Response) -> R:
    """The call's result from ``response``, or the typed error it stands for."""
    body = response.content
    status = response.status_code
    content_type = response.headers.get("content-type")
    if protocol in ("soap11", "soap12"):
        result = _soap_result(protocol, spec, body, status, content_type)
    else:
        result = _http_result(spec, body, status, content_type)
    with reading(spec.name, status, body, content_type):
        return spec.decode(result)


@contextmanager
def reading(name: str, status: int, body: bytes, content_type: str | None) -> Iterator[None]:
    """Errors raised while reading a response carry that response; decoder errors become
    ``ResponseFormatError`` (pydantic's ``ValidationError`` is a ``ValueError`` too)."""
    try:
        yield
    except BindingError as err:
        err.status, err.body, err.content_type = status, body, content_type
        raise
    except (ValueError, TypeError, KeyError) as err:
        raise ResponseFormatError(
            f"{name}: cannot read the answer: {err}",
            status=status,
            body=body,
            content_type=content_type,
        ) from None


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def is_xml(content_type: str | None) -> bool:
    media = media_type(content_type)
    return media.endswith("/xml") or media.endswith("+xml")


def http_failure(body: bytes, status: int, content_type: str | None) -> HttpStatusError:
    media = media_type(content_type) or "no content type"
    return HttpStatusError(
        f"HTTP {status} ({media}): {excerpt(body)}",
        status=status,
        body=body,
        content_type=content_type,
    )


def _soap_result(
    protocol: str, spec: OperationSpec[R], body: bytes, status: int, content_type: str | None
) -> etree._Element | None:
    env_ns = SOAP11_ENV if protocol == "soap11" else SOAP12_ENV
    if not is_xml(content_type):
        if status >= 300:
            raise http_failure(body, status, content_type)
        raise ResponseFormatError(
            f"expected a SOAP envelope, got {media_type(content_type) or 'no content type'}: "
            f"{excerpt(body, 120)}",
            status=status,
            body=body,
            content_type=content_type,
        )
    try:
        root = parse_xml(body, status=status, content_type=content_type)
    except ResponseFormatError:
        if status >= 300:
            raise http_failure(body, status, content_type) from None
        raise
    if root.tag != f"{{{env_ns}}}Envelope":
        if status >= 300:
            raise http_failure(body, status, content_type)
        raise ResponseFormatError(
            f"expected a SOAP {_version(protocol)} Envelope, got <{root.tag}>",
            status=status,
            body=body,
            content_type=content_type,
        )
    payload = next((c for c in root.iterchildren(f"{{{env_ns}}}Body")), None)
    first = (
        next((c for c in payload.iterchildren() if isinstance(c.tag, str)), None)
        if payload is not None
        else None
    )
    if first is not None and first.tag == f"{{{env_ns}}}Fault":
        raise parse_fault(first, protocol, status=status, body=body, content_type=content_type)
    if status >= 300:
        raise http_failure(body, status, content_type)
    if first is None or first.tag != spec.response_element:
        got = "nothing" if first is None else f"<{first.tag}>"
        raise ResponseFormatError(
            f"expected <{spec.response_element}> in the SOAP Body, got {got}",
            status=status,
            body=body,
            content_type=content_type,
        )
    if spec.result_element is None:
        return None
    result = next(first.iterchildren(spec.result_element), None)
    if result is None or result.get(XSI_NIL) in ("true", "1"):
        return None
    return result


def _http_result(
    spec: OperationSpec[R], body: bytes, status: int, content_type: str | None
) -> etree._Element | None:
    if status >= 300:
        raise http_failure(body, status, content_type)
    if spec.http_root is None:
        return None
    if not is_xml(content_type):
        raise ResponseFormatError(
            f"expected XML, got {media_type(content_type) or 'no content type'}: "
            f"{excerpt(body, 120)}",
            status=status,
            body=body,
            content_type=content_type,
        )
    root = parse_xml(body, status=status, content_type=content_type)
    if root.tag != spec.http_root:
        raise ResponseFormatError(
            f"expected root element <{spec.http_root}>, got <{root.tag}>",
            status=status,
            body=body,
            content_type=content_type,
        )
    if root.get(XSI_NIL) in ("true", "1"):
        return None
    return root


def _version(protocol: str) -> str:
    return "1.1" if protocol == "soap11" else "1.2"


def _text(el: etree._Element | None) -> str:
    return "".join(str(t) for t in el.itertext()).strip() if el is not None else ""


def parse_fault(
    fault: etree._Element,
    protocol: str,
    *,
    status: int | None = None,
    body: bytes = b"",
    content_type: str | None = None,
) -> SoapFault:
    """A ``SoapFault`` from a Fault element of either version (1.1 children are unqualified)."""
    detail_el: etree._Element | None
    if protocol == "soap11":
        code = _text(fault.find("faultcode"))
        reason = _text(fault.find("faultstring"))
        actor = _text(fault.find("faultactor")) or None
        detail_el = fault.find("detail")
        subcodes: tuple[str, ...] = ()
    else:
        ns = f"{{{SOAP12_ENV}}}"
        code_el = fault.find(f"{ns}Code")
        code = _text(code_el.find(f"{ns}Value")) if code_el is not None else ""
        subs = []
        sub = code_el.find(f"{ns}Subcode") if code_el is not None else None
        while sub is not None:
            subs.append(_text(sub.find(f"{ns}Value")))
            sub = sub.find(f"{ns}Subcode")
        subcodes = tuple(subs)
        reason_el = fault.find(f"{ns}Reason")
        reason = _text(reason_el.find(f"{ns}Text")) if reason_el is not None else ""
        actor = _text(fault.find(f"{ns}Role")) or _text(fault.find(f"{ns}Node")) or None
        detail_el = fault.find(f"{ns}Detail")
    detail = ""
    if detail_el is not None and (len(detail_el) or (detail_el.text or "").strip()):
        detail = etree.tostring(detail_el, encoding="unicode", with_tail=False)
    return SoapFault(
        version=_version(protocol),
        code=code or "(no code)",
        reason=reason or "(no reason)",
        detail=detail,
        subcodes=subcodes,
        actor=actor,
        status=status,
        body=body,
        content_type=content_type,
    )


def map_transport_error(err: Exception) -> BindingError:
    """The ``BindingError`` for an httpx exception; the original stays as ``__cause__``."""
    if isinstance(err, httpx.TimeoutException):
        return TimeoutError_(f"timed out: {err}")
    return TransportError(f"{type(err).__name__}: {err}")


#: Every httpx exception a send can raise (``InvalidURL`` is not an ``HTTPError``).
HTTPX_ERRORS: tuple[type[Exception], ...] = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


def _with_client_headers(client: httpx.Client | httpx.AsyncClient, request: httpx.Request) -> None:
    """Add the client's default headers the request lacks, as ``client.request`` would.

    ``client.send`` skips them; without this, credentials configured on the client (PixLab's
    ``WWW-Authenticate`` key, an ``Authorization`` header) would silently not be sent.
    """
    for name, value in client.headers.multi_items():
        if name not in request.headers:
            request.headers[name] = value


def send(client: httpx.Client, request: httpx.Request) -> httpx.Response:
    _with_client_headers(client, request)
    try:
        return client.send(request)
    except HTTPX_ERRORS as err:
        raise map_transport_error(err) from err


async def send_async(client: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    _with_client_headers(client, request)
    try:
        return await client.send(request)
    except HTTPX_ERRORS as err:
        raise map_transport_error(err) from err


__all__ = [
    "PROTOCOLS",
    "OperationSpec",
    "build_request",
    "check_protocol",
    "http_failure",
    "is_xml",
    "map_transport_error",
    "media_type",
    "parse_fault",
    "read_response",
    "reading",
    "send",
    "send_async",
]
