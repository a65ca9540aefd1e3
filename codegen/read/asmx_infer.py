"""Derive a service model from captured ASMX help pages.

What a page tells, and this module uses: the operation name, parameter names and order, types
from placeholders, lists from repeated sample items, nillable elements from ``xsi:nil``, the
result type's name from the HTTP GET/POST root element, the SOAPAction, the path, the host and
the namespace. Where the samples of a page disagree with each other or with the standards, a
``Defect`` is recorded and resolved in favour of the standard and of the richest sample; the
exchanges kept in the model are the captured samples with exactly those resolutions applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from wirekit.xmlsafe import SOAP11_ENV, SOAP12_ENV

from ..errors import SpecError
from ..model import (
    XSD_NS,
    Defect,
    Element,
    Exchange,
    HttpMessage,
    Operation,
    Protocol,
    QName,
    Service,
    SoapHeader,
    SourceLine,
    Variant,
)
from ..read.asmx_pages import HelpPage, read_help_page
from ..read.asmx_sections import Sample, read_section
from ..read.asmx_types import TypeTable
from ..read.shapes import Shape, describe, merge
from ..read.xml_samples import parse_sample

ENVELOPES = {Protocol.SOAP11: SOAP11_ENV, Protocol.SOAP12: SOAP12_ENV}
CONTENT_TYPES = {
    Protocol.SOAP11: "text/xml",
    Protocol.SOAP12: "application/soap+xml",
    Protocol.HTTP_POST: "application/x-www-form-urlencoded",
}


def read_captures(service: str, paths: Sequence[Path], root: Path) -> Service:
    """The model of one service from all its help-page captures (one page per operation)."""
    defects: list[Defect] = []
    pages = [read_help_page(p, p.relative_to(root).as_posix()) for p in sorted(paths)]
    if not pages:
        raise SpecError(SourceLine(service, 0), "no ASMX help pages")
    table = TypeTable(defects)
    operations: list[Operation] = []
    exchanges: list[Exchange] = []
    hosts: dict[str, SourceLine] = {}
    namespaces: dict[str, SourceLine] = {}
    for page in pages:
        samples = [read_section(page, s, defects) for s in page.sections]
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


# --- one operation -----------------------------------------------------------------------------


def _operation(
    page: HelpPage, samples: list[Sample], table: TypeTable, defects: list[Defect]
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
    soap = [s for s in samples if s.section.protocol.is_soap]
    op = Operation(
        name=name,
        params=elements,
        result=result,
        http_result_root=http_root,
        variants=tuple(sorted(variants, key=lambda v: list(Protocol).index(v.protocol))),
        input_headers=_headers(soap, table, response=False),
        output_headers=_headers(soap, table, response=True),
    )
    return op, _exchanges(name, samples)


def _headers(samples: list[Sample], table: TypeTable, *, response: bool) -> tuple[SoapHeader, ...]:
    """The SOAP headers the samples show (the richest sample's), each typed like a parameter
    and named after its element, as ASMX names a ``SoapHeader`` class's element."""
    shown = [s.response_headers if response else s.headers for s in samples]
    entries = max(shown, key=len, default=[])
    return tuple(
        SoapHeader(QName(ns or table.ns, name), table.ref(shape, name, shape.where))
        for name, ns, shape in entries
    )


def _ns(samples: list[Sample]) -> str:
    return next((s.namespace for s in samples if s.namespace), "")


def _soap_action(ns: str, name: str, samples: list[Sample]) -> str:
    for s in samples:
        header = s.section.request.header("SOAPAction")
        if header:
            return header.strip('"')
    return f"{ns}{name}"


def _merge_params(
    page: HelpPage, samples: list[Sample], defects: list[Defect]
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


def _untyped(sample: Sample, shape: Shape) -> bool:
    """ASMX prints every HTTP GET/POST parameter as ``string``: its HTTP parts are untyped
    (``s:string``, ``StringArray``), so that placeholder says nothing against a typed sample."""
    return (
        not sample.section.protocol.is_soap and shape.kind == "scalar" and shape.scalar == "string"
    )


def _merge_result(
    name: str, samples: list[Sample], table: TypeTable, defects: list[Defect]
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


def _exchanges(name: str, samples: list[Sample]) -> list[Exchange]:
    """The captured samples as printed (defects in the envelope resolved).

    A SOAP sample that shows ``xsi:nil`` where its HTTP sibling shows content is kept as
    printed: nil is a value the service may send (the merged type is nillable), and the
    contract should say so rather than a reconstruction of what the page might have meant.
    """
    out = []
    for s in samples:
        req = _parsed(replace(s.section.request, body=s.request_body), s.section.protocol)
        resp = _parsed(replace(s.section.response, body=s.response_text), s.section.protocol)
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


__all__ = ["XSD_NS", "describe", "read_captures"]
