"""Read an ASMX-style WSDL 1.1 document into the service model.

Why not xsdata's or zeep's WSDL loaders: xsdata's crashes on the HTTP GET/POST bindings every
ASMX service publishes and drops SOAP 1.2; zeep's builds runtime objects, not a description an
emitter can walk. ASMX WSDLs use a small, regular subset of XSD (sequences of elements, named
complex types, string enumerations, ``complexContent`` extension for inheritance), so this
reader supports exactly that subset and names the line of anything else it meets.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from wirekit.xmlsafe import PARSER

from ..errors import SpecError
from ..model import (
    MS_TYPES_NS,
    SCALAR_TYPES,
    XSD_NS,
    ComplexType,
    Element,
    EnumType,
    Operation,
    Protocol,
    Schema,
    Service,
    SourceLine,
    TypeRef,
    Variant,
)
from ..read.xml_samples import line_of

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP11_BIND = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12_BIND = "http://schemas.xmlsoap.org/wsdl/soap12/"
HTTP_BIND = "http://schemas.xmlsoap.org/wsdl/http/"
XS = XSD_NS


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


class _Reader:
    def __init__(self, data: bytes, shown: str) -> None:
        self.shown = shown
        try:
            self.root = etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as err:
            line = err.position[0] if err.position else 1
            raise SpecError(
                SourceLine(shown, line), f"WSDL is not well-formed: {err.msg}"
            ) from None
        self.tns = self.root.get("targetNamespace", "")
        if self.root.tag == _q(XS, "schema"):  # a bare XSD (the XML bodies of a REST API)
            self.schemas = [self.root]
        elif self.root.tag == _q(WSDL, "definitions"):
            self.schemas = self.root.findall(f"{_q(WSDL, 'types')}/{_q(XS, 'schema')}")
        else:
            raise SpecError(self.at(self.root), "neither a WSDL 1.1 document nor an XML Schema")
        self.elements: dict[str, etree._Element] = {}
        self.types: dict[str, etree._Element] = {}
        for schema in self.schemas:
            if schema.get("targetNamespace", "") != self.tns:
                continue
            for el in schema.findall(_q(XS, "element")):
                self.elements[el.get("name", "")] = el
            for ct in schema:
                if ct.tag in (_q(XS, "complexType"), _q(XS, "simpleType")):
                    self.types[ct.get("name", "")] = ct
        # By name, first wins (as a scan would find it): one lookup per operation, not a scan.
        self.messages = _first_by_name(self.root.findall(_q(WSDL, "message")))
        self.port_types = _first_by_name(self.root.findall(_q(WSDL, "portType")))

    def at(self, el: etree._Element) -> SourceLine:
        return SourceLine(self.shown, line_of(el))

    def resolve(self, el: etree._Element, qname: str) -> TypeRef:
        prefix, _, name = qname.rpartition(":")
        ns = el.nsmap.get(prefix or None, "")
        if ns in (XS, MS_TYPES_NS):
            if name not in SCALAR_TYPES:
                raise SpecError(self.at(el), f"unsupported built-in type {qname!r}")
            return TypeRef(ns, name)
        if ns != self.tns:
            raise SpecError(self.at(el), f"type {qname!r} is outside the target namespace")
        if name not in self.types:
            raise SpecError(self.at(el), f"type {qname!r} is not defined")
        return TypeRef(ns, name)

    # --- schema ----------------------------------------------------------------------------

    def element(self, el: etree._Element) -> Element:
        name = el.get("name") or ""
        if el.get("ref"):
            raise SpecError(self.at(el), "element references (ref=) are not supported")
        if el.get("type") is None:
            raise SpecError(
                self.at(el),
                f"element {name!r} has an anonymous type; ASMX services name every type",
            )
        max_raw = el.get("maxOccurs", "1")
        return Element(
            name=name,
            type=self.resolve(el, el.get("type", "")),
            min_occurs=int(el.get("minOccurs", "1")),
            max_occurs=None if max_raw == "unbounded" else int(max_raw),
            nillable=el.get("nillable") in ("true", "1"),
            doc=_doc(el),
        )

    def sequence(self, ct: etree._Element) -> tuple[Element, ...]:
        found: list[Element] = []
        for child in ct:
            if child.tag == _q(XS, "sequence"):
                found += [self.element(e) for e in child if e.tag == _q(XS, "element")]
                other = [
                    e
                    for e in child
                    if e.tag != _q(XS, "element")
                    and e.tag != _q(XS, "annotation")
                    and isinstance(e.tag, str)
                ]
                if other:
                    raise SpecError(
                        self.at(other[0]),
                        f"unsupported <{etree.QName(other[0]).localname}> in a sequence",
                    )
            elif child.tag == _q(XS, "complexContent"):
                ext = child.find(_q(XS, "extension"))
                if ext is None:
                    raise SpecError(self.at(child), "only complexContent/extension is supported")
                base = self.resolve(ext, ext.get("base", ""))
                found = list(self.sequence(self.types[base.name])) + list(self.sequence(ext))
            elif child.tag in (_q(XS, "attribute"), _q(XS, "choice"), _q(XS, "all")):
                raise SpecError(self.at(child), f"unsupported <{etree.QName(child).localname}>")
        return tuple(found)

    def schema(self) -> Schema:
        complex_types, enums = [], []
        for name in sorted(self.types):
            node = self.types[name]
            if node.tag == _q(XS, "complexType"):
                complex_types.append(ComplexType(name, self.sequence(node), _doc(node)))
                continue
            restriction = node.find(_q(XS, "restriction"))
            values = tuple(v.get("value", "") for v in node.iter(_q(XS, "enumeration")))
            if restriction is None or not values:
                raise SpecError(self.at(node), f"simple type {name!r} is not a string enumeration")
            enums.append(EnumType(name, values, _doc(node)))
        return Schema(self.tns, tuple(complex_types), tuple(enums))

    def wrapper_sequence(self, element_name: str, at: etree._Element) -> tuple[Element, ...]:
        el = self.elements.get(element_name)
        if el is None:
            raise SpecError(self.at(at), f"element {element_name!r} is not defined")
        ct = el.find(_q(XS, "complexType"))
        if ct is None:
            raise SpecError(
                self.at(el),
                f"element {element_name!r} must have an inline "
                "complexType (document/literal wrapped)",
            )
        return self.sequence(ct)

    # --- operations ------------------------------------------------------------------------

    def message(self, message: str) -> etree._Element:
        msg = self.messages.get(message.rpartition(":")[2])
        if msg is None:
            raise SpecError(self.at(self.root), f"message {message!r} is not defined")
        return msg

    def message_element(self, message: str) -> str:
        part = self.message(message).find(_q(WSDL, "part"))
        return (part.get("element", "") if part is not None else "").rpartition(":")[2]

    def message_parts(self, message: str) -> tuple[Element, ...]:
        return tuple(
            Element(p.get("name", ""), self.resolve(p, p.get("type", "")))
            for p in self.message(message).findall(_q(WSDL, "part"))
        )

    def port_type(self, name: str) -> etree._Element:
        pt = self.port_types.get(name.rpartition(":")[2])
        if pt is None:
            raise SpecError(self.at(self.root), f"portType {name!r} is not defined")
        return pt

    def bindings(self) -> list[tuple[Protocol, etree._Element, str]]:
        """(protocol, binding element, endpoint address) for every port of the first service."""
        service = self.root.find(_q(WSDL, "service"))
        if service is None:
            raise SpecError(self.at(self.root), "WSDL declares no wsdl:service")
        by_name = {b.get("name"): b for b in self.root.findall(_q(WSDL, "binding"))}
        found: list[tuple[Protocol, etree._Element, str]] = []
        for port in service.findall(_q(WSDL, "port")):
            binding = by_name.get(port.get("binding", "").rpartition(":")[2])
            address = next(
                (
                    c.get("location", "")
                    for c in port
                    if isinstance(c.tag, str) and etree.QName(c).localname == "address"
                ),
                "",
            )
            if binding is None:
                raise SpecError(
                    self.at(port), f"port binding {port.get('binding')!r} is not defined"
                )
            protocol = _protocol(binding)
            if protocol is not None and all(p != protocol for p, _, _ in found):
                found.append((protocol, binding, address))
        found.sort(key=lambda t: list(Protocol).index(t[0]))
        return found


def _first_by_name(nodes: list[etree._Element]) -> dict[str, etree._Element]:
    """``nodes`` by their ``name`` attribute; the first of a repeated name wins."""
    return {n.get("name", ""): n for n in reversed(nodes) if n.get("name") is not None}


def _protocol(binding: etree._Element) -> Protocol | None:
    if binding.find(_q(SOAP11_BIND, "binding")) is not None:
        return Protocol.SOAP11
    if binding.find(_q(SOAP12_BIND, "binding")) is not None:
        return Protocol.SOAP12
    http = binding.find(_q(HTTP_BIND, "binding"))
    if http is not None:
        return {"GET": Protocol.HTTP_GET, "POST": Protocol.HTTP_POST}.get(http.get("verb", ""))
    return None


def _doc(el: etree._Element) -> str:
    doc = el.find(_q(WSDL, "documentation"))
    if doc is None:
        doc = el.find(f"{_q(XS, 'annotation')}/{_q(XS, 'documentation')}")
    return " ".join((doc.text or "").split()) if doc is not None else ""


def read_xsd_text(data: bytes, shown: str) -> tuple[Schema, dict[str, TypeRef]]:
    """The types of an XML Schema and its global elements (name → type).

    The same ASMX/WCF subset as in WSDLs: WCF's DataContract schemas use it too.
    """
    r = _Reader(data, shown)
    if r.root.tag != _q(XS, "schema"):
        raise SpecError(r.at(r.root), "not an XML Schema (no xs:schema root)")
    elements = {
        name: r.resolve(el, el.get("type", ""))
        for name, el in sorted(r.elements.items())
        if el.get("type")
    }
    return r.schema(), elements


def read_wsdl(path: Path, service_name: str, shown: str) -> Service:
    """The model of the first ``wsdl:service`` in ``path``."""
    return read_wsdl_text(path.read_bytes(), service_name, shown)


def read_wsdl_text(data: bytes, service_name: str, shown: str) -> Service:
    """The model of the first ``wsdl:service`` in a WSDL document."""
    r = _Reader(data, shown)
    if r.root.tag != _q(WSDL, "definitions"):
        raise SpecError(r.at(r.root), "not a WSDL 1.1 document (no wsdl:definitions)")
    bindings = r.bindings()
    if not bindings:
        raise SpecError(r.at(r.root), "WSDL has no SOAP 1.1, SOAP 1.2, HTTP GET or POST port")
    address = next((a for p, _, a in bindings if p.is_soap), bindings[0][2])
    address_path = urlsplit(address).path
    ops: dict[str, dict[Protocol, tuple[etree._Element, etree._Element, str]]] = {}
    for protocol, binding, addr in bindings:
        pt = _first_by_name(r.port_type(binding.get("type", "")).findall(_q(WSDL, "operation")))
        for bop in binding.findall(_q(WSDL, "operation")):
            name = bop.get("name", "")
            pop = pt.get(name)
            if pop is None:
                raise SpecError(r.at(bop), f"operation {name!r} is not in portType")
            ops.setdefault(name, {})[protocol] = (bop, pop, urlsplit(addr).path or address_path)
    operations = [_operation(r, name, ops[name]) for name in sorted(ops)]
    return Service(
        name=service_name,
        wsdl_name=(
            r.root.find(_q(WSDL, "service")).get("name", "Service")  # type: ignore[union-attr]
        ),
        namespace=r.tns,
        base_url=address,
        schema=r.schema(),
        operations=tuple(operations),
        source=shown,
        doc=_doc(r.root.find(_q(WSDL, "service"))),  # type: ignore[arg-type]
    )


def _operation(
    r: _Reader, name: str, variants: dict[Protocol, tuple[etree._Element, etree._Element, str]]
) -> Operation:
    params: tuple[Element, ...] | None = None
    result: Element | None = None
    http_root = ""
    out: list[Variant] = []
    doc = ""
    for protocol, (bop, pop, path) in variants.items():
        doc = doc or _doc(pop)
        inp, outp = pop.find(_q(WSDL, "input")), pop.find(_q(WSDL, "output"))
        if protocol.is_soap:
            ns = SOAP11_BIND if protocol == Protocol.SOAP11 else SOAP12_BIND
            sop = bop.find(_q(ns, "operation"))
            action = sop.get("soapAction", "") if sop is not None else ""
            in_el = r.message_element(inp.get("message", "")) if inp is not None else name
            if in_el != name:
                raise SpecError(
                    r.at(bop),
                    f"operation {name!r} takes element {in_el!r}; only "
                    "document/literal wrapped operations are supported",
                )
            params = params if params is not None else r.wrapper_sequence(in_el, bop)
            if outp is not None:
                response = r.wrapper_sequence(r.message_element(outp.get("message", "")), bop)
                result = response[0] if response else None
            out.append(Variant(protocol, "POST", path, action))
        else:
            hop = bop.find(_q(HTTP_BIND, "operation"))
            location = hop.get("location", f"/{name}") if hop is not None else f"/{name}"
            if params is None and inp is not None:
                params = r.message_parts(inp.get("message", ""))
            if outp is not None:
                http_root = r.message_element(outp.get("message", "")) or http_root
            verb = "GET" if protocol == Protocol.HTTP_GET else "POST"
            out.append(Variant(protocol, verb, path + location))
    return Operation(
        name=name,
        params=params or (),
        result=result,
        http_result_root=http_root,
        variants=tuple(sorted(out, key=lambda v: list(Protocol).index(v.protocol))),
        doc=doc,
    )
