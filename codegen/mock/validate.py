"""Is an incoming request the one the contract describes? If not, say precisely where it departs.

What a real service would check, per protocol: the SOAP envelope version, the action (SOAPAction
header or the ``action`` of a SOAP 1.2 Content-Type), the payload against the WSDL's XML Schema
(xmlschema); HTTP GET/POST parameters present, known and of their declared type; REST path,
query and header parameters, and the JSON body against its JSON Schema (jsonschema).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

import jsonschema
from lxml import etree

from wirekit import scalars
from wirekit.errors import ResponseFormatError
from wirekit.testing.contracts import Contract
from wirekit.testing.transport import REQUEST_MEDIA
from wirekit.transport import media_type
from wirekit.xmlsafe import SOAP11_ENV, SOAP12_ENV, parse_xml

from ..emit.xml_view import SCALARS
from ..model import Element, Location, Operation, Protocol, Variant
from .services import MockService

_ENVELOPES = {"soap11": SOAP11_ENV, "soap12": SOAP12_ENV}


class Departure(Exception):
    """The request departs from its contract; the message names what and where."""


@dataclass(frozen=True)
class Incoming:
    """A request as the mock received it; ``path`` is below ``/<service>``."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


def _scalar_ok(e: Element, text: str, mock: MockService) -> None:
    enum = mock.service.schema.enum(e.type)
    if enum is not None:
        if text not in enum.values:
            raise Departure(f"{e.name}={text!r} is not one of {', '.join(enum.values)}")
        return
    if not e.type.is_scalar:
        return
    suffix = SCALARS[e.type.name][2]
    if not suffix:
        return
    try:
        getattr(scalars, f"decode_{suffix}")(text)
    except ValueError:
        raise Departure(f"{e.name}={text!r} is not a valid xsd:{e.type.name}") from None


def _media(headers: dict[str, str], protocol: str) -> None:
    want = REQUEST_MEDIA.get(protocol)
    got = media_type(headers.get("content-type"))
    if want and got != want:
        raise Departure(f"Content-Type is {got or 'missing'!r}; {protocol} sends {want!r}")


def validate_soap(mock: MockService, contract: Contract, request: Incoming) -> None:
    protocol, headers = contract.protocol, request.headers
    _media(headers, protocol)
    try:
        root = parse_xml(request.body)
    except ResponseFormatError as err:
        raise Departure(f"the body is not well-formed XML: {err.message}") from None
    env = _ENVELOPES[protocol]
    if root.tag != f"{{{env}}}Envelope":
        version = f"{protocol[-2]}.{protocol[-1]}"
        raise Departure(f"expected a SOAP {version} Envelope ({env}), got <{root.tag}>")
    got = contract.soap_action(headers)
    # SOAP 1.2's action parameter is optional (part 2, 7.1.4); ASMX then routes by the payload.
    if got is None and protocol == "soap11":
        raise Departure("the request carries no SOAPAction header")
    if got is not None and got != contract.action:
        raise Departure(f"SOAP action {got!r} is not {contract.action!r}")
    body_el = root.find(f"{{{env}}}Body")
    kids = [c for c in body_el if isinstance(c.tag, str)] if body_el is not None else []
    op = mock.operation(contract.operation)
    body_name = op.request_body if op is not None else None
    want = (
        body_name.clark
        if body_name is not None
        else (f"{{{mock.service.namespace}}}{contract.operation}")
    )
    if not kids or kids[0].tag != want:
        got_tag = kids[0].tag if kids else "nothing"
        raise Departure(f"the SOAP Body must hold <{want}>, not {got_tag}")
    wrapper = etree.QName(kids[0])
    if (
        op is not None
        and mock.service.schema.element(wrapper.namespace or "", wrapper.localname) is None
    ):
        _rpc_parts(mock, op, kids[0])  # rpc/literal: a wrapper no schema declares
    elif mock.schema is not None:
        for error in mock.schema.iter_errors(etree.ElementTree(kids[0])):
            raise Departure(f"{error.path}: {error.reason}")


def _rpc_parts(mock: MockService, op: Operation, wrapper: etree._Element) -> None:
    """An rpc/literal wrapper holds one unqualified element per part, in message order; a
    simple-typed part's text must be of its type."""
    kids = [c for c in wrapper if isinstance(c.tag, str)]
    names = [c.tag for c in kids]
    want = [p.name for p in op.params]
    if names != want:
        raise Departure(f"the rpc wrapper must hold {want}, not {names}")
    for part, kid in zip(op.params, kids, strict=True):
        if len(kid) == 0:
            _scalar_ok(part, kid.text or "", mock)


def validate_http(mock: MockService, contract: Contract, op: Operation, request: Incoming) -> None:
    if contract.protocol == "http_post":
        _media(request.headers, "http_post")
        pairs = parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True)
    else:
        pairs = parse_qsl(request.query, keep_blank_values=True)
    params = {p.name: p for p in op.params}
    unknown = sorted({k for k, _ in pairs} - params.keys())
    if unknown:
        raise Departure(f"unknown parameter(s) {', '.join(unknown)}")
    missing = [p for p in params if p not in {k for k, _ in pairs}]
    if missing:
        raise Departure(f"missing parameter(s) {', '.join(missing)}")
    for name, value in pairs:
        e = params[name]
        item = mock.service.schema.array_item(e.type)
        if value:
            _scalar_ok(item if item is not None else e, value, mock)


def _path_values(route: str, path: str) -> dict[str, str]:
    names = re.findall(r"\{([^}/]+)\}", route)
    pattern = re.sub(r"\\\{[^}/]+\\\}", "([^/]+)", re.escape(route.rstrip("/")))
    match = re.fullmatch(pattern + "/?", path)
    return dict(zip(names, match.groups(), strict=True)) if match else {}


def validate_rest(mock: MockService, contract: Contract, op: Operation, request: Incoming) -> None:
    variant = op.variant(Protocol.REST)
    assert variant is not None
    headers = request.headers
    pairs = parse_qsl(request.query, keep_blank_values=True)
    values = dict(pairs)
    values.update(_path_values(contract.relative_route(), request.path))
    cookies = dict(
        part.strip().partition("=")[::2] for part in headers.get("cookie", "").split(";") if part
    )
    for e, (_, location) in zip(op.params, variant.locations, strict=True):
        if location == Location.BODY:
            continue
        if location == Location.HEADER:
            found = headers.get(e.name.lower())
        elif location == Location.COOKIE:
            found = cookies.get(e.name)
        elif e.type.is_scalar or location == Location.PATH:
            found = values.get(e.name)
        else:  # an array or object: repeated, delimited, name[key] pairs, or (an exploded
            # object) its properties under their own names: present if the query has pairs
            found = "" if pairs else None
        if found is None:
            if e.min_occurs:
                raise Departure(f"required {location.value} parameter {e.name!r} is missing")
            continue
        if e.type.is_scalar:
            _scalar_ok(e, found, mock)
    _body(mock, variant, request)


def _body(mock: MockService, variant: Variant, request: Incoming) -> None:
    """The body as the operation documents it: JSON against its schema, else its media type."""
    shape, headers = variant.rest, request.headers
    kind = shape.body if shape is not None else ("json" if variant.request_media_type else "")
    if kind == "json":
        if request.body or (shape is not None and not shape.body_param):
            _json_body(mock, variant, headers, request.body)
        return
    got = media_type(headers.get("content-type"))
    if kind == "multipart" and not got.startswith("multipart/"):
        raise Departure(f"Content-Type is {got or 'missing'!r}; the body must be multipart")
    want = media_type(variant.request_media_type)
    if kind not in ("", "multipart") and got != want:
        raise Departure(f"Content-Type is {got or 'missing'!r}; the body must be {want}")


def _json_body(mock: MockService, variant: Variant, headers: dict[str, str], body: bytes) -> None:
    got = media_type(headers.get("content-type"))
    want = media_type(variant.request_media_type) or "application/json"
    if got != want:
        raise Departure(f"Content-Type is {got or 'missing'!r}; the body must be {want}")
    try:
        data = json.loads(body)
    except ValueError as err:
        raise Departure(f"the body is not JSON: {err}") from None
    if variant.request_schema:
        root = {**mock.json_root, "$ref": f"#/components/schemas/{variant.request_schema}"}
        error = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(root).iter_errors(data)
        )
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "the body"
            raise Departure(f"{where}: {error.message}")
