"""Derive a service model from captured ASMX help pages.

What a page tells, and this module uses: the operation name, parameter names and order, types
from placeholders, lists from repeated sample items, nillable elements from ``xsi:nil``, the
result type's name from the HTTP GET/POST root element, the SOAPAction, the path, the host and
the namespace. Where the samples of a page disagree with each other or with the standards, a
``Defect`` is recorded and resolved in favour of the standard and of the richest sample; the
exchanges kept in the model are the captured samples with exactly those resolutions applied.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from codegen.errors import SpecError
from codegen.model import (
    XSD_NS,
    ComplexType,
    Defect,
    Element,
    EnumType,
    Exchange,
    HttpMessage,
    Operation,
    Protocol,
    Schema,
    Service,
    SourceLine,
    TypeRef,
    Variant,
    scalar,
)
from codegen.read.asmx_pages import HelpPage, PageSection, read_help_page
from codegen.read.shapes import Shape, WhereOf, describe, infer, merge
from codegen.read.xml_samples import ParsedSample, children, local, namespace, parse_sample
from wirekit.xmlsafe import SOAP11_ENV, SOAP12_ENV, is_nil

ENVELOPES = {Protocol.SOAP11: SOAP11_ENV, Protocol.SOAP12: SOAP12_ENV}
CONTENT_TYPES = {
    Protocol.SOAP11: "text/xml",
    Protocol.SOAP12: "application/soap+xml",
    Protocol.HTTP_POST: "application/x-www-form-urlencoded",
}


@dataclass
class _Sample:
    """One section's parsed request and response, and what they show."""

    section: PageSection
    params: list[tuple[str, Shape]]
    operation: str
    namespace: str
    result_root: str  # HTTP: root element name; SOAP: the result element's name
    result: Shape | None
    result_el: etree._Element | None
    request_body: str
    response_tree: etree._Element | None
    response_text: str


def read_captures(service: str, paths: Sequence[Path], root: Path) -> Service:
    """The model of one service from all its help-page captures (one page per operation)."""
    defects: list[Defect] = []
    pages = [read_help_page(p, p.relative_to(root).as_posix()) for p in sorted(paths)]
    if not pages:
        raise SpecError(SourceLine(service, 0), "no ASMX help pages")
    table = _TypeTable(defects)
    operations: list[Operation] = []
    exchanges: list[Exchange] = []
    hosts: dict[str, SourceLine] = {}
    namespaces: dict[str, SourceLine] = {}
    for page in pages:
        samples = [_read_section(page, s, defects) for s in page.sections]
        op, op_exchanges = _operation(page, samples, table, defects)
        operations.append(op)
        exchanges.extend(op_exchanges)
        for sample in samples:
            host = sample.section.request.header("Host") or ""
            hosts.setdefault(host, sample.section.request.where)
            namespaces.setdefault(sample.namespace, sample.section.request.where)
    _check_single(hosts, "host", defects)
    _check_single(namespaces, "namespace", defects)
    names = [op.name for op in operations]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        raise SpecError(SourceLine(service, 0), f"operation {dup!r} is documented twice")
    ns = next(iter(namespaces))
    return Service(
        name=service,
        wsdl_name="Service",
        namespace=ns,
        base_url=f"https://{next(iter(hosts))}{_address_path(operations)}",
        schema=table.schema(ns),
        operations=tuple(sorted(operations, key=lambda o: o.name)),
        source=f"specs/{service}/captures",
        exchanges=tuple(exchanges),
        defects=tuple(_unique(defects)),
    )


def _address_path(operations: list[Operation]) -> str:
    """The endpoint path (``/soap.asmx``): the SOAP path, or an HTTP path less ``/Operation``."""
    for op in operations:
        for v in op.variants:
            if v.protocol.is_soap:
                return v.path
    op = operations[0]
    return op.variants[0].path.removesuffix(f"/{op.name}")


def _unique(defects: list[Defect]) -> list[Defect]:
    seen: set[tuple[str, int, str]] = set()
    kept = []
    for d in sorted(defects, key=lambda d: (d.where.path, d.where.line, d.message)):
        key = (d.where.path, d.where.line, d.message)
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def _check_single(found: dict[str, SourceLine], what: str, defects: list[Defect]) -> None:
    first, *others = found
    for other in others:
        defects.append(
            Defect(
                found[other],
                f"{what} {other!r} differs from {first!r} at {found[first]}",
                f"used {first!r}",
                (found[first],),
            )
        )


# --- one section -------------------------------------------------------------------------------


def _read_section(page: HelpPage, section: PageSection, defects: list[Defect]) -> _Sample:
    protocol = section.protocol
    request, response = section.request, section.response
    _check_headers(section, defects)
    method, target = request.method, request.target
    path = page.path
    if protocol.is_soap:
        req = _soap_body(
            parse_sample(request.body, path, request.body_line), protocol, path, defects, request
        )
        resp_parsed = parse_sample(response.body, path, response.body_line)
        if resp_parsed.trailing_junk:
            defects.append(
                Defect(
                    resp_parsed.trailing_junk,
                    "a fragment of the sample is repeated after the end of the document",
                    "ignored",
                )
            )
        resp = _soap_body(resp_parsed, protocol, path, defects, response)
        where = WhereOf(path, request.body_line)
        params = [(local(k), infer(k, where, defects)) for k in children(req)]
        operation, ns = local(req), namespace(req)
        wrapper = resp
        expected = f"{operation}Response"
        if local(wrapper) != expected:
            defects.append(
                Defect(
                    WhereOf(path, response.body_line)(wrapper),
                    f"SOAP response element <{local(wrapper)}> should be <{expected}>",
                    f"<{expected}>",
                )
            )
        result_els = children(wrapper)
        result_el = result_els[0] if result_els else None
        rwhere = WhereOf(path, response.body_line)
        return _Sample(
            section,
            params,
            operation,
            ns,
            local(result_el) if result_el is not None else "",
            infer(result_el, rwhere, defects) if result_el is not None else None,
            result_el,
            _fixed_body(request.body, protocol),
            resp_parsed.root,
            _fixed_body(resp_parsed.text, protocol),
        )
    url = urlsplit(target)
    operation = url.path.rsplit("/", 1)[-1]
    pairs = parse_qsl(
        url.query if method == "GET" else request.body.strip(), keep_blank_values=True
    )
    at = request.where if method == "GET" else SourceLine(path, request.body_line)
    params = []
    for pname, value in pairs:
        # A list parameter travels as the same name repeated (``ids=string&ids=string``).
        if all(pname != known for known, _ in params):
            params.append((pname, _placeholder_shape(value, at, defects)))
    if not response.body.strip():
        return _Sample(section, params, operation, "", "", None, None, request.body, None, "")
    resp_parsed = parse_sample(response.body, path, response.body_line)
    root = resp_parsed.root
    rwhere = WhereOf(path, response.body_line)
    return _Sample(
        section,
        params,
        operation,
        namespace(root),
        local(root),
        infer(root, rwhere, defects),
        root,
        request.body,
        root,
        resp_parsed.text,
    )


def _placeholder_shape(value: str, where: SourceLine, defects: list[Defect]) -> Shape:
    el = etree.Element("v")
    el.text = value
    return infer(el, lambda _el: where, defects)  # type: ignore[arg-type]


def _fixed_body(text: str, protocol: Protocol) -> str:
    """The body with a non-standard envelope namespace replaced by the standard one."""
    if protocol == Protocol.SOAP12:
        return text.replace("http://schemas.xmlsoap.org/soap12/envelope/", SOAP12_ENV)
    return text


def _soap_body(
    parsed: ParsedSample, protocol: Protocol, path: str, defects: list[Defect], message: HttpMessage
) -> etree._Element:
    env = parsed.root
    where = WhereOf(path, parsed.first_line)
    standard = ENVELOPES[protocol]
    if local(env) != "Envelope":
        raise SpecError(where(env), f"SOAP sample root is <{local(env)}>, not an Envelope")
    if namespace(env) != standard:
        defects.append(
            Defect(
                where(env),
                f"{protocol.value} envelope namespace is "
                f"{namespace(env)!r}; {_version(protocol)} requires {standard!r}",
                f"the binding sends {standard!r}",
            )
        )
    body = next((c for c in children(env) if local(c) == "Body"), None)
    if body is None or not children(body):
        raise SpecError(where(env), "SOAP sample has no Body with a payload element")
    return children(body)[0]


def _version(protocol: Protocol) -> str:
    return "SOAP 1.1" if protocol == Protocol.SOAP11 else "SOAP 1.2"


def _check_headers(section: PageSection, defects: list[Defect]) -> None:
    protocol, request = section.protocol, section.request
    expected = CONTENT_TYPES.get(protocol)
    got = (request.header("Content-Type") or "").split(";")[0].strip()
    if expected and got != expected:
        defects.append(
            Defect(
                request.where,
                f"{protocol.value} request Content-Type is {got!r}, expected {expected!r}",
                f"the binding sends {expected!r}",
            )
        )
    if protocol == Protocol.SOAP11 and not request.header("SOAPAction"):
        defects.append(
            Defect(
                request.where,
                "SOAP 1.1 request has no SOAPAction header",
                "namespace + operation name",
            )
        )


# --- one operation -----------------------------------------------------------------------------


def _operation(
    page: HelpPage, samples: list[_Sample], table: _TypeTable, defects: list[Defect]
) -> tuple[Operation, list[Exchange]]:
    first = samples[0]
    name = first.operation
    for s in samples[1:]:
        if s.operation != name:
            defects.append(
                Defect(
                    s.section.request.where,
                    f"operation is {s.operation!r} here "
                    f"but {name!r} at {first.section.request.where}",
                    f"used {name!r}",
                )
            )
    heading = page.operation_heading
    if heading and heading.text.strip() != name:
        defects.append(
            Defect(
                SourceLine(page.path, heading.number),
                f"page heading {heading.text.strip()!r} differs from the samples' {name!r}",
                f"used {name!r}",
            )
        )
    table.ns = table.ns or _ns(samples)
    params = _merge_params(page, samples, defects)
    result, http_root = _merge_result(name, samples, table, defects)
    soap_action = _soap_action(first.namespace or _ns(samples), name, samples)
    variants = []
    for s in samples:
        method, target = s.section.request.method, s.section.request.target
        variants.append(
            Variant(
                s.section.protocol,
                method,
                urlsplit(target).path,
                soap_action if s.section.protocol.is_soap else "",
            )
        )
    elements = tuple(table.element(n, shape, shape.where) for n, shape in params)
    op = Operation(
        name=name,
        params=elements,
        result=result,
        http_result_root=http_root,
        variants=tuple(sorted(variants, key=lambda v: list(Protocol).index(v.protocol))),
    )
    return op, _exchanges(name, samples, defects)


def _ns(samples: list[_Sample]) -> str:
    return next((s.namespace for s in samples if s.namespace), "")


def _soap_action(ns: str, name: str, samples: list[_Sample]) -> str:
    for s in samples:
        header = s.section.request.header("SOAPAction")
        if header:
            return header.strip('"')
    return f"{ns}{name}"


def _merge_params(
    page: HelpPage, samples: list[_Sample], defects: list[Defect]
) -> list[tuple[str, Shape]]:
    richest = max(samples, key=lambda s: (len(s.params), s.section.protocol.is_soap))
    merged = list(richest.params)
    names = [n for n, _ in merged]
    for s in samples:
        theirs = [n for n, _ in s.params]
        if theirs != names:
            defects.append(
                Defect(
                    s.section.request.where,
                    f"{s.section.protocol.value} sample "
                    f"parameters {theirs} differ from {names} at "
                    f"{richest.section.request.where}",
                    f"used {names}",
                )
            )
            continue
        for i, (pname, shape) in enumerate(s.params):
            if _untyped(s, shape):
                continue
            if s is not richest and shape.kind != merged[i][1].kind:
                merged[i] = (pname, merge(merged[i][1], shape, defects, name=pname))
    form = [ln.text for ln in page.form_parameters]
    if form and form != names:
        defects.append(
            Defect(
                SourceLine(page.path, page.form_parameters[0].number),
                f"test form lists {form} but the samples send {names}",
                f"used {names}",
            )
        )
    return merged


def _untyped(sample: _Sample, shape: Shape) -> bool:
    """ASMX prints every HTTP GET/POST parameter as ``string``: its HTTP parts are untyped
    (``s:string``, ``StringArray``), so that placeholder says nothing against a typed sample."""
    return (
        not sample.section.protocol.is_soap and shape.kind == "scalar" and shape.scalar == "string"
    )


def _merge_result(
    name: str, samples: list[_Sample], table: _TypeTable, defects: list[Defect]
) -> tuple[Element | None, str]:
    shapes = [s for s in samples if s.result is not None]
    http_roots = sorted(
        {s.result_root for s in samples if not s.section.protocol.is_soap and s.result_root}
    )
    if len(http_roots) > 1:
        defects.append(
            Defect(
                samples[-1].section.response.where,
                f"HTTP samples name the result {http_roots}",
                f"used {http_roots[0]!r}",
            )
        )
    if not shapes:
        return None, http_roots[0] if http_roots else ""
    shape = shapes[0].result
    assert shape is not None
    for s in shapes[1:]:
        assert s.result is not None
        shape = merge(shape, s.result, defects, name=f"{name}Result")
    type_name = http_roots[0] if http_roots else f"{name}Result"
    element = table.element(f"{name}Result", shape, shape.where, type_name=type_name)
    return element, type_name if http_roots else ""


def _exchanges(name: str, samples: list[_Sample], defects: list[Defect]) -> list[Exchange]:
    """The captured samples, with nil-where-a-sibling-shows-content filled from that sibling."""
    donors = [s.result_el for s in samples if s.result_el is not None]
    donor = max(donors, key=_richness) if donors else None
    out = []
    for s in samples:
        response_body = s.response_text
        if s.result_el is not None and donor is not None and s.result_el is not donor:
            assert s.response_tree is not None
            if _fill_nils(s.result_el, donor):
                response_body = _fixed_body(
                    etree.tostring(s.response_tree, encoding="unicode"), s.section.protocol
                )
        req = _parsed(replace(s.section.request, body=s.request_body), s.section.protocol)
        resp = _parsed(replace(s.section.response, body=response_body), s.section.protocol)
        out.append(Exchange(name, s.section.protocol, req, resp))
    return out


def _parsed(message: HttpMessage, protocol: Protocol) -> HttpMessage:
    """``message`` with its body parsed: XML samples to a tree, forms and queries to pairs."""
    if message.body.strip() and (protocol.is_soap or message.status):
        root = parse_sample(message.body, message.where.path, message.body_line).root
        return replace(message, xml=root)
    if message.method == "GET":
        return replace(message, pairs=tuple(parse_qsl(message.query, keep_blank_values=True)))
    if message.method == "POST":
        pairs = parse_qsl(message.body.strip(), keep_blank_values=True)
        return replace(message, pairs=tuple(pairs))
    return message


def _richness(el: etree._Element) -> int:
    return sum(1 for e in el.iter() if isinstance(e.tag, str) and not is_nil(e))


def _fill_nils(target: etree._Element, donor: etree._Element) -> bool:
    changed = False
    donor_kids = children(donor)
    for i, kid in enumerate(children(target)):
        match = donor_kids[i] if i < len(donor_kids) else None
        if match is None or local(match) != local(kid):
            continue
        if is_nil(kid) and not is_nil(match):
            replacement = copy.deepcopy(match)
            replacement.tail = kid.tail
            target.replace(kid, replacement)
            changed = True
        else:
            changed = _fill_nils(kid, match) or changed
    return changed


# --- shapes to named types ---------------------------------------------------------------------


class _TypeTable:
    """Names the types shapes describe, ASMX style, and keeps them in first-seen order."""

    def __init__(self, defects: list[Defect]) -> None:
        self.complex: dict[str, ComplexType] = {}
        self.enums: dict[str, EnumType] = {}
        self.where: dict[str, SourceLine] = {}
        self.defects = defects
        self.ns = ""

    def schema(self, ns: str) -> Schema:
        return Schema(
            namespace=ns,
            complex_types=tuple(sorted(self.complex.values(), key=lambda t: t.name)),
            enums=tuple(sorted(self.enums.values(), key=lambda t: t.name)),
        )

    def element(self, name: str, shape: Shape, where: SourceLine, type_name: str = "") -> Element:
        ref = self.ref(shape, type_name or _type_name(name), where)
        value = ref.is_value_type or shape.kind == "enum"
        return Element(
            name,
            ref,
            min_occurs=1 if value and not shape.nillable else 0,
            max_occurs=1,
            nillable=shape.nillable,
        )

    def ref(self, shape: Shape, type_name: str, where: SourceLine) -> TypeRef:
        if shape.kind == "scalar":
            return scalar(shape.scalar)
        if shape.kind == "nil":
            self.defects.append(
                Defect(where, "no sample shows the type of this nil element", "string")
            )
            return scalar("string")
        if shape.kind == "enum":
            self.enums.setdefault(type_name, EnumType(type_name, shape.values))
            return TypeRef(self.ns, type_name)
        if shape.kind == "array":
            assert shape.item is not None
            item = shape.item
            item_type = item.scalar if item.kind == "scalar" else shape.item_name
            item_ref = self.ref(item, shape.item_name, where)
            array_name = f"ArrayOf{item_type[:1].upper()}{item_type[1:]}"
            item_el = Element(
                shape.item_name,
                item_ref,
                min_occurs=0,
                max_occurs=None,
                nillable=not item_ref.is_value_type,
            )
            return self._register(ComplexType(array_name, (item_el,)), where)
        fields = tuple(self.element(n, s, s.where) for n, s in shape.fields)
        return self._register(ComplexType(type_name, fields), where)

    def _register(self, ct: ComplexType, where: SourceLine) -> TypeRef:
        known = self.complex.get(ct.name)
        if known is not None and known != ct:
            raise SpecError(
                where,
                f"type {ct.name!r} is shown with different contents at "
                f"{self.where[ct.name]}: {_fields(known)} vs {_fields(ct)}",
            )
        self.complex.setdefault(ct.name, ct)
        self.where.setdefault(ct.name, where)
        return TypeRef(self.ns, ct.name)


def _fields(ct: ComplexType) -> list[str]:
    return [e.name for e in ct.elements]


def _type_name(element_name: str) -> str:
    return element_name[:1].upper() + element_name[1:]


__all__ = ["XSD_NS", "describe", "read_captures"]
