"""The intermediate model: services, operations, protocol variants and the XML types they carry
(those in ``codegen.model_schema``, re-exported here).

Readers (``codegen.read``) fill it; emitters (``codegen.emit``) only read it. Nothing here knows
about WSDL syntax, help-page layout or Python source, so a new reader (OpenAPI, say) or a new
emitter can be added without touching the others. Everything is frozen and ordered, which is what
makes generation deterministic: emitters never see a ``set`` or an unordered ``dict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any

# The XML types live in model_schema; re-exported (``__all__``): the model's one front door.
from .model_schema import (
    ANY_TYPE,
    ANY_TYPE_NAME,
    JSON_NS,
    MORE_SCALAR_TYPES,
    MS_TYPES_NS,
    SCALAR_TYPES,
    SER_NS,
    VALUE_TYPES,
    XSD_NS,
    Attribute,
    ComplexType,
    Element,
    EnumType,
    ListType,
    Schema,
    TypeRef,
    scalar,
)

if TYPE_CHECKING:
    from lxml import etree


class Protocol(StrEnum):
    """The four ways an ASMX service answers the same operation, plus REST and webhooks.

    ``rest`` is a plain HTTP API described by OpenAPI; ``webhook`` is a call the service makes
    to the user (OpenAPI 3.1 ``webhooks``), which the kit receives rather than sends.
    """

    SOAP11 = "soap11"
    SOAP12 = "soap12"
    HTTP_GET = "http_get"
    HTTP_POST = "http_post"
    REST = "rest"
    WEBHOOK = "webhook"

    @property
    def is_soap(self) -> bool:
        return self in (Protocol.SOAP11, Protocol.SOAP12)

    @property
    def is_asmx(self) -> bool:
        return self in (Protocol.SOAP11, Protocol.SOAP12, Protocol.HTTP_GET, Protocol.HTTP_POST)


class Location(StrEnum):
    """Where a REST parameter travels."""

    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"
    BODY = "body"


@dataclass(frozen=True)
class Variant:
    """One protocol variant of an operation: how the request travels and where the result is."""

    protocol: Protocol
    http_method: str
    path: str
    #: SOAP: the operation's ``soapAction``; sent as the SOAPAction header (1.1) or the
    #: ``action`` parameter of Content-Type (1.2).
    soap_action: str = ""
    #: REST: where each parameter travels, by wire name, in parameter order.
    locations: tuple[tuple[str, Location], ...] = ()
    #: REST: media type of the request body (``application/json``), "" when there is none.
    request_media_type: str = ""
    #: REST: the JSON body's schema, a name in ``Service.json_schemas``.
    request_schema: str = ""
    #: REST: media type of a successful answer (``application/xml``, ``application/json``).
    response_media_type: str = ""
    #: REST: what the published document adds (styles, bodies, statuses, errors, security).
    rest: RestShape | None = None


@dataclass(frozen=True)
class SecurityScheme:
    """One ``securitySchemes`` entry the kit applies: ``kind`` is ``api_key`` (``location`` is
    header, query or cookie and ``wire`` its name), ``basic`` or ``bearer``."""

    name: str
    kind: str
    location: str = ""
    wire: str = ""


@dataclass(frozen=True)
class RestShape:
    """How one REST operation of a published OpenAPI document travels, beyond the seed subset.

    Parameters not listed in ``styles`` use OpenAPI's defaults (query/cookie ``form`` exploded,
    path/header ``simple``). ``body`` is ``""`` (no body), ``json``, ``form``, ``multipart``,
    ``binary`` or ``text``; ``body_param`` says the whole body is one ``body=`` argument (any
    body that is not an object of properties). Statuses are as published (``200``, ``2XX``).
    """

    styles: tuple[tuple[str, str, bool], ...] = ()
    body: str = ""
    body_param: bool = False
    #: multipart: property wire name → content type of each file part.
    files: tuple[tuple[str, str], ...] = ()
    #: Success statuses whose answer has content (the result), and those without (``None``).
    success: tuple[str, ...] = ("200",)
    empty: tuple[str, ...] = ()
    #: ``json``, ``xml``, ``binary``, ``text`` or ``""`` (no content on any success status).
    response_format: str = ""
    #: Declared error answers with a JSON schema: status (``404``, ``4XX``, ``default``) → type.
    errors: tuple[tuple[str, TypeRef], ...] = ()
    #: Alternatives, each a set of schemes that must all be applied; ``()`` in it: no auth.
    security: tuple[tuple[SecurityScheme, ...], ...] = ()
    #: An operation- or path-level server URL (defaults substituted), else "".
    server: str = ""
    #: The media type asked for (``Accept``) when the answer is offered in several.
    accept: str = ""
    #: The headers the success answers document (``X-Rate-Limit``, ``Location``, ``Link``),
    #: as one JSON model of optional fields named by the headers; ``None``: none documented.
    response_headers: TypeRef | None = None


@dataclass(frozen=True)
class ApiErrorRule:
    """How a vendor signals failure inside a successful HTTP answer.

    ``code`` names the field (JSON member or XML child of the root) holding the outcome;
    any value outside ``success`` is a failure, explained by the ``message`` field.
    """

    code: str
    success: tuple[str, ...]
    message: str


@dataclass(frozen=True, order=True)
class QName:
    """A qualified XML element name (namespace, local name)."""

    namespace: str
    name: str

    @property
    def clark(self) -> str:
        """The ``{ns}local`` form lxml reports."""
        return f"{{{self.namespace}}}{self.name}" if self.namespace else self.name


@dataclass(frozen=True)
class SoapHeader:
    """A top-level element a SOAP binding declares as an input or output header
    (``soap:header message=… part=…``): the ASMX ``AuthHeader`` pattern, WCF ``_Headers``."""

    element: QName
    type: TypeRef


@dataclass(frozen=True)
class Operation:
    """One web method, with the variants the service declares for it."""

    name: str
    params: tuple[Element, ...]
    #: The ``<NameResult>`` element of the SOAP response; ``None`` for a void method.
    result: Element | None
    #: HTTP GET/POST answer with a root element named after the result type.
    http_result_root: str
    variants: tuple[Variant, ...]
    doc: str = ""
    #: REST: the vendor's in-band failure convention, if any.
    api_error: ApiErrorRule | None = None
    #: SOAP: the element the request Body carries; ``None``: ``<Name>`` in the service namespace
    #: (ASMX's default). It differs from the name for ``RequestElementName``, a WCF
    #: MessageContract, or a ``ParameterStyle.Bare`` part naming another element.
    request_body: QName | None = None
    #: SOAP: the response Body's element; ``None``: ``<NameResponse>`` in the service namespace.
    response_body: QName | None = None
    #: SOAP: ``params`` is the Body element itself (a Bare part whose element has a simple
    #: type), not its children.
    param_is_body: bool = False
    #: SOAP: ``result`` is the response Body element itself (a Bare reply with several children
    #: or of a simple type), not its single child (the wrapped convention).
    result_is_body: bool = False
    #: SOAP headers the binding declares, in binding order.
    input_headers: tuple[SoapHeader, ...] = ()
    output_headers: tuple[SoapHeader, ...] = ()
    #: Detail elements of the operation's declared ``wsdl:fault``s.
    faults: tuple[QName, ...] = ()
    #: SOAP: a one-way operation (no output): the service answers ``202 Accepted``, no body.
    one_way: bool = False
    #: WSDL: the portType it belongs to, when the WSDL binds several (a WCF service exposing
    #: two contracts); "" otherwise.
    interface: str = ""
    #: WSDL: the binding's name for it when that name was taken by the first interface's
    #: operation (``Ping`` of ``IAdminService`` becomes ``IAdminService_Ping``); "" otherwise.
    wsdl_name: str = ""

    @property
    def request_element(self) -> str:
        return self.request_body.name if self.request_body is not None else self.name

    @property
    def response_element(self) -> str:
        if self.response_body is not None:
            return self.response_body.name
        return f"{self.name}Response"

    @cached_property
    def _variant_index(self) -> dict[Protocol, Variant]:
        return {v.protocol: v for v in reversed(self.variants)}

    def variant(self, protocol: Protocol) -> Variant | None:
        return self._variant_index.get(protocol)


@dataclass(frozen=True)
class Service:
    """One web service: the unit that becomes ``generated/<name>/``."""

    #: The folder name under ``specs/`` (and the generated package name).
    name: str
    #: The ``wsdl:service`` name (``Soap`` for ASMX services named like that).
    wsdl_name: str
    namespace: str
    base_url: str
    schema: Schema
    operations: tuple[Operation, ...]
    #: Spec file the model was read from, relative to the repository root.
    source: str = ""
    doc: str = ""
    #: Documented samples (from captures), when the spec came with any.
    exchanges: tuple[Exchange, ...] = ()
    #: Documentation defects found while reading the captures.
    defects: tuple[Defect, ...] = ()
    #: JSON Schema definitions (name → schema, sorted by name) that JSON bodies use;
    #: ``TypeRef(JSON_NS, name)`` points into it. Empty for XML-only services.
    json_schemas: dict[str, Any] = field(default_factory=dict)
    #: Calls the service makes to the user (OpenAPI 3.1 ``webhooks``).
    webhooks: tuple[Webhook, ...] = ()
    #: REST: the ``securitySchemes`` the operations use, in document order.
    security_schemes: tuple[SecurityScheme, ...] = ()
    #: REST: the first server's URL template and its variables' defaults, when it has any
    #: (``base_url`` is the template with the defaults substituted).
    server_template: str = ""
    server_variables: tuple[tuple[str, str], ...] = ()
    #: Every port of every ``wsdl:service``: (service, port, protocol, address), in document
    #: order. ``base_url`` is the first SOAP port's; the others are here for the user to pick.
    ports: tuple[tuple[str, str, str, str], ...] = ()

    @cached_property
    def _exchange_index(self) -> dict[tuple[str, Protocol], Exchange]:
        return {(e.operation, e.protocol): e for e in reversed(self.exchanges)}

    @cached_property
    def _operation_index(self) -> dict[str, Operation]:
        return {op.name: op for op in reversed(self.operations)}

    def exchange(self, operation: str, protocol: Protocol) -> Exchange | None:
        return self._exchange_index.get((operation, protocol))

    def operation(self, name: str) -> Operation | None:
        """The operation called ``name`` (the first, should two share it), or ``None``."""
        return self._operation_index.get(name)

    @cached_property
    def is_rest(self) -> bool:
        return Protocol.REST in self.protocols

    @cached_property
    def protocols(self) -> tuple[Protocol, ...]:
        seen = {v.protocol for op in self.operations for v in op.variants}
        return tuple(p for p in Protocol if p in seen)


@dataclass(frozen=True)
class Webhook:
    """A notification the service POSTs to a URL the user gives it."""

    name: str
    #: The fields of the notification, in documented order.
    fields: tuple[Element, ...]
    #: Body media types the service may send, preferred (documented) first.
    media_types: tuple[str, ...]
    #: Header carrying the base64 HMAC-SHA256 of the raw body, when the sender signs.
    signature_header: str = ""
    doc: str = ""


@dataclass(frozen=True)
class SourceLine:
    """A place in a spec file, for messages a user can click through."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Defect:
    """A place where captured documentation departs from the standard or from its siblings."""

    where: SourceLine
    message: str
    resolution: str = ""
    related: tuple[SourceLine, ...] = field(default=())

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        return f"{text} (resolved: {self.resolution})" if self.resolution else text


@dataclass(frozen=True)
class HttpMessage:
    """One documented HTTP message, structured: a request (``method``, ``target``) or a
    response (``status``, ``reason``), its headers, and its body as printed and as parsed.

    Readers parse once, with line numbers mapped to the capture; emitters only read these
    fields, so no emitter parses documentation text again.
    """

    where: SourceLine
    method: str = ""
    #: Request target as documented: the path and, for HTTP GET, the query.
    target: str = ""
    status: int = 0
    reason: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    #: The body as the page prints it (defects already resolved).
    body: str = ""
    #: Line number of the body's first line, so errors map back to the capture.
    body_line: int = 0
    #: An XML body's root element (never modified; emitters copy it).
    xml: etree._Element | None = field(default=None, compare=False)
    #: Form-encoded pairs: an HTTP POST body, or an HTTP GET query.
    pairs: tuple[tuple[str, str], ...] = ()
    #: A JSON body's value.
    json: Any = None

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]


@dataclass(frozen=True)
class Exchange:
    """A documented request/response pair of one operation in one protocol variant.

    Bodies hold the vendor's placeholders (``string``, ``int``…); defects the reader found are
    already resolved here, so contracts built from an exchange describe what a server accepts.
    """

    operation: str
    protocol: Protocol
    request: HttpMessage
    response: HttpMessage
    #: Other documented forms of the same answer (the WCF casing of a REST response, say):
    #: each must decode to the same value as ``response``.
    alternates: tuple[HttpMessage, ...] = ()
    #: REST: the documented call, as JSON values by position in ``Operation.params`` (names
    #: may repeat across locations: a path ``id`` and a body ``id``), from which the contract
    #: tests make the typed call.
    arguments: tuple[tuple[int, Any], ...] = field(default=(), compare=False)


__all__ = [
    "ANY_TYPE",
    "ANY_TYPE_NAME",
    "JSON_NS",
    "MORE_SCALAR_TYPES",
    "MS_TYPES_NS",
    "SCALAR_TYPES",
    "SER_NS",
    "VALUE_TYPES",
    "XSD_NS",
    "ApiErrorRule",
    "Attribute",
    "ComplexType",
    "Defect",
    "Element",
    "EnumType",
    "Exchange",
    "HttpMessage",
    "ListType",
    "Location",
    "Operation",
    "Protocol",
    "QName",
    "RestShape",
    "Schema",
    "SecurityScheme",
    "Service",
    "SoapHeader",
    "SourceLine",
    "TypeRef",
    "Variant",
    "Webhook",
    "scalar",
]
