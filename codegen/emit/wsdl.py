"""Emit an ASMX-form WSDL 1.1 document from the model (for specs derived from captures).

The document has the shape ``wsdl.exe``/ASMX publish: types in ``wsdl:types`` with
``elementFormDefault="qualified"``, ``ArrayOfX`` wrappers, one SOAP 1.1, SOAP 1.2, HTTP GET and
HTTP POST binding each (only those the model has), ``mime:mimeXml part="Body"`` outputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..emit.render import render, xml_attr
from ..model import MS_TYPES_NS, XSD_NS, Element, Operation, Protocol, Service, TypeRef

_HTTP = {Protocol.HTTP_GET: ("HttpGet", "GET"), Protocol.HTTP_POST: ("HttpPost", "POST")}


@dataclass(frozen=True)
class _Binding:
    protocol: Protocol
    kind: str
    suffix: str
    port_suffix: str
    prefix: str
    address_prefix: str
    verb: str
    operations: tuple[_OpView, ...]


@dataclass(frozen=True)
class _HttpView:
    suffix: str


class _OpView:
    def __init__(self, op: Operation, address_path: str) -> None:
        self.op = op
        self.name = op.name
        self.params = op.params
        self.result = op.result
        self.response_element = op.response_element
        self.http_result_root = op.http_result_root
        self.soap = any(v.protocol.is_soap for v in op.variants)
        self.soap_action = next((v.soap_action for v in op.variants if v.protocol.is_soap), "")
        self.http = tuple(
            _HttpView(_HTTP[v.protocol][0]) for v in op.variants if v.protocol in _HTTP
        )
        self._address_path = address_path
        self.input_headers = op.input_headers
        self.output_headers = op.output_headers
        #: ASMX's header messages: ``<Op><Header>`` with one part named after the element.
        names = [h.element.name for h in op.input_headers + op.output_headers]
        self.header_messages = tuple(dict.fromkeys(names))

    def location(self, protocol: Protocol) -> str:
        variant = self.op.variant(protocol)
        assert variant is not None
        path = variant.path
        return path[len(self._address_path) :] if path.startswith(self._address_path) else path


def qname(ref: TypeRef) -> str:
    prefix = {XSD_NS: "s", MS_TYPES_NS: "s1"}.get(ref.namespace, "tns")
    return f"{prefix}:{ref.name}"


def element(e: Element) -> str:
    max_occurs = "unbounded" if e.max_occurs is None else str(e.max_occurs)
    nil = ' nillable="true"' if e.nillable else ""
    return (
        f'<s:element minOccurs="{e.min_occurs}" maxOccurs="{max_occurs}" '
        f'name="{xml_attr(e.name)}"{nil} type="{qname(e.type)}" />'
    )


def emit_wsdl(service: Service) -> str:
    address_path = urlsplit(service.base_url).path
    views = [_OpView(op, address_path) for op in service.operations]
    bindings = []
    for protocol in service.protocols:
        ops = tuple(v for v in views if v.op.variant(protocol))
        if protocol.is_soap:
            is11 = protocol == Protocol.SOAP11
            bindings.append(
                _Binding(
                    protocol,
                    "soap",
                    "Soap" if is11 else "Soap12",
                    "Soap",
                    "soap" if is11 else "soap12",
                    "soap" if is11 else "soap12",
                    "",
                    ops,
                )
            )
        else:
            suffix, verb = _HTTP[protocol]
            bindings.append(_Binding(protocol, "http", suffix, suffix, "http", "http", verb, ops))
    port_types = []
    seen = set()
    for b in bindings:
        if b.port_suffix in seen:
            continue
        seen.add(b.port_suffix)
        port_types.append(
            {"suffix": b.port_suffix, "operations": b.operations, "message_suffix": b.port_suffix}
        )
    refs = _all_refs(service)
    roots = {}
    for op in service.operations:
        if op.http_result_root and op.result is not None:
            roots[op.http_result_root] = Element(
                op.http_result_root, op.result.type, nillable=not op.result.type.is_value_type
            )
    headers = {h.element.name: h for op in service.operations for h in op.input_headers}
    headers |= {h.element.name: h for op in service.operations for h in op.output_headers}
    return render(
        "service.wsdl.jinja",
        header_elements=[headers[k] for k in sorted(headers)],
        source=service.source,
        ns=service.namespace,
        name=service.wsdl_name,
        address=service.base_url,
        operations=views,
        complex_types=service.schema.complex_types,
        enums=service.schema.enums,
        http_roots=[roots[k] for k in sorted(roots)],
        port_types=port_types,
        bindings=bindings,
        uses_ms_types=any(r.namespace == MS_TYPES_NS for r in refs),
        uses_guid=any(r.namespace == MS_TYPES_NS and r.name == "guid" for r in refs),
        uses_char=any(r.namespace == MS_TYPES_NS and r.name == "char" for r in refs),
        element=element,
        qname=qname,
    )


def _all_refs(service: Service) -> list[TypeRef]:
    refs = [e.type for op in service.operations for e in op.params]
    refs += [op.result.type for op in service.operations if op.result]
    refs += [e.type for t in service.schema.complex_types for e in t.elements]
    return refs
