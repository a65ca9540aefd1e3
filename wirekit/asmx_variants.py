"""The four ways an ASMX service answers one operation, as four small variant objects.

Borrowed from zeep's split: SOAP 1.1 and 1.2 differ only in the envelope namespace, how the
action travels (``SOAPAction`` header vs the ``action`` parameter of Content-Type) and the fault
shape; HTTP GET and POST share one reading of the answer and differ only in where the
form-encoded parameters go. ``wirekit.asmx.OperationSpec`` describes an operation once; the
variant chosen by the client's ``protocol`` writes its request and finds its result.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode

from lxml import etree

from wirekit.client import RequestParts
from wirekit.codec import stray
from wirekit.errors import RequestError, ResponseFormatError, excerpt
from wirekit.faults import find_fault
from wirekit.transport import http_failure, is_xml, media_type
from wirekit.xmlsafe import SOAP11_ENV, SOAP12_ENV, is_nil, parse_xml

if TYPE_CHECKING:
    from wirekit.asmx import OperationSpec
    from wirekit.xmlstream import Predecoded

#: IIS refuses a query string over 2 048 bytes by default (``maxQueryString``); many proxies
#: over 8 KB. Longer HTTP GET arguments are refused here, with the protocols that carry them.
MAX_QUERY_BYTES = 2048


def _envelope_parts(p: str, ns: str) -> tuple[str, str, str, str]:
    """An envelope's constant text around the Header entries and the payload, built once per
    SOAP version: concatenation is twice as fast as ``str.format`` on every call."""
    open_ = (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<{p}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:{p}="{ns}">'
    )
    return open_, f"<{p}:Header>", f"</{p}:Header><{p}:Body>", f"<{p}:Body>"


def _only(parent: etree._Element, tag: str) -> etree._Element | None:
    """The one child named ``tag``: a second is an error, not ignored (a second Body or result
    element may be what the service meant)."""
    found = parent.iterchildren(tag)
    first = next(found, None)
    if first is not None and next(found, None) is not None:
        raise ResponseFormatError(f"<{parent.tag}> has more than one <{tag}>")
    return first


class Variant:
    """How one protocol carries a call: the request it sends and where the result is."""

    name: ClassVar[str]

    def request(
        self, spec: OperationSpec[Any], address: str, args: Mapping[str, object], header: str = ""
    ) -> RequestParts:
        raise NotImplementedError

    def result(
        self,
        spec: OperationSpec[Any],
        body: bytes,
        status: int,
        content_type: str | None,
        stream: Predecoded | None = None,
    ) -> etree._Element | None:
        raise NotImplementedError

    def result_path(self, spec: OperationSpec[Any]) -> tuple[str, ...] | None:
        """The tags from the document root down to the result element (``None``: none)."""
        raise NotImplementedError


class Soap(Variant):
    """SOAP 1.1 and 1.2: an envelope around the operation's wrapper element."""

    version: ClassVar[str]
    envelope_ns: ClassVar[str]
    prefix: ClassVar[str]
    #: ``_envelope_parts(prefix, envelope_ns)`` and the closing text, derived once per version.
    envelope: ClassVar[tuple[str, str, str, str]]
    close: ClassVar[str]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.envelope = _envelope_parts(cls.prefix, cls.envelope_ns)
        cls.close = f"</{cls.prefix}:Body></{cls.prefix}:Envelope>"

    def headers(self, action: str) -> list[tuple[str, str]]:
        raise NotImplementedError

    def request(
        self, spec: OperationSpec[Any], address: str, args: Mapping[str, object], header: str = ""
    ) -> RequestParts:
        payload = spec.encode_xml(**args)
        open_, head_open, head_close, body_open = self.envelope
        body = (
            open_ + head_open + header + head_close + payload + self.close
            if header
            else open_ + body_open + payload + self.close
        )
        return RequestParts("POST", address, self.headers(spec.soap_action), body.encode("utf-8"))

    def result_path(self, spec: OperationSpec[Any]) -> tuple[str, ...] | None:
        if spec.result_element is None:
            return None
        env = self.envelope_ns
        path: tuple[str, ...] = (f"{{{env}}}Envelope", f"{{{env}}}Body", spec.response_element)
        if spec.result_element != spec.response_element:
            path += (spec.result_element,)
        return path

    def result(
        self,
        spec: OperationSpec[Any],
        body: bytes,
        status: int,
        content_type: str | None,
        stream: Predecoded | None = None,
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
        root = self._envelope(body, status, content_type, stream)
        payload = _only(root, f"{{{self.envelope_ns}}}Body")
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
        assert payload is not None  # first is one of its children
        _only(payload, spec.response_element)  # a second answer element is not ignored
        if spec.result_element is None:
            return None
        if spec.result_element == spec.response_element:  # the Body element is the result
            return None if is_nil(first) else first
        result = _only(first, spec.result_element)
        if result is None:  # A: a result in the wrong namespace is refused, never read as None
            local = etree.QName(spec.result_element).localname
            for child in first:
                stray(etree.QName(first).localname, child, {local})
        return None if result is None or is_nil(result) else result

    def _envelope(
        self,
        body: bytes,
        status: int,
        content_type: str | None,
        stream: Predecoded | None = None,
    ) -> etree._Element:
        """The Envelope element, or the error the answer stands for when it is none."""
        if not is_xml(content_type):
            if status >= 300:
                raise http_failure(body, status, content_type)
            raise ResponseFormatError(
                f"expected a SOAP envelope, got {media_type(content_type) or 'no content type'}: "
                f"{excerpt(body, 120)}"
            )
        try:
            root = parse_xml(body, stream=stream)
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

    def result_path(self, spec: OperationSpec[Any]) -> tuple[str, ...] | None:
        return None if spec.http_root is None else (spec.http_root,)

    def result(
        self,
        spec: OperationSpec[Any],
        body: bytes,
        status: int,
        content_type: str | None,
        stream: Predecoded | None = None,
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
        root = parse_xml(body, stream=stream)
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


#: The variants by protocol name, in ASMX's own order.
VARIANTS: dict[str, Variant] = {v.name: v for v in (Soap11(), Soap12(), HttpGet(), HttpPost())}
PROTOCOLS = tuple(VARIANTS)


__all__ = [
    "MAX_QUERY_BYTES",
    "PROTOCOLS",
    "VARIANTS",
    "Http",
    "HttpGet",
    "HttpPost",
    "Soap",
    "Soap11",
    "Soap12",
    "Variant",
]
