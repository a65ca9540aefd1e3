"""Read an ASMX-style WSDL 1.1 document into the service model.

Why not xsdata's or zeep's WSDL loaders: xsdata's crashes on the HTTP GET/POST bindings every
ASMX service publishes and drops SOAP 1.2; zeep's builds runtime objects, not a description an
emitter can walk. ASMX WSDLs use a small, regular subset of XSD (sequences of elements, named
complex types, string enumerations, ``complexContent`` extension for inheritance), so this
reader supports exactly that subset and names the line of anything else it meets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from ..errors import SpecError
from ..model import (
    XSD_NS,
    ComplexType,
    Defect,
    Element,
    Operation,
    Protocol,
    QName,
    Schema,
    Service,
    SourceLine,
    TypeRef,
    Variant,
)
from ..read.wsdl_docs import WSDL, Definitions, Doc, parse
from ..read.wsdl_http import addressing_warning, http_port_problem
from ..read.wsdl_ops import (
    HTTP_BIND,
    SOAP11_BIND,
    SOAP12_BIND,
    Content,
    Port,
    SoapReader,
    SoapShape,
    all_ports,
    chosen_ports,
    operation_style,
    port_type,
    refuse_unsupported,
)
from ..read.wsdl_policy import security_policy_warning
from ..read.wsdl_rpc import read_rpc
from ..read.xml_samples import line_of
from ..read.xsd import read_schemas, resolve_type

XS = XSD_NS


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


class _Reader:
    def __init__(self, data: bytes, shown: str, path: Path | None = None) -> None:
        self.shown = shown
        main = parse(data, shown, path)
        self.root = main.root
        self.tns = self.root.get("targetNamespace", "")
        self.defs = Definitions()
        if self.root.tag == _q(XS, "schema"):  # a bare XSD (the XML bodies of a REST API)
            self.schemas = [self.root]
        elif self.root.tag == _q(WSDL, "definitions"):
            self.defs.add(main)
            self.schemas = [
                s
                for d in self.defs.docs
                for s in (
                    [d.root]
                    if d.root.tag == _q(XS, "schema")
                    else d.root.findall(f"{_q(WSDL, 'types')}/{_q(XS, 'schema')}")
                )
            ]
        else:
            raise SpecError(self.at(self.root), "neither a WSDL 1.1 document nor an XML Schema")
        shown_of = {id(d.root): d.shown for d in self.defs.docs}
        located = [(s, shown_of.get(id(s.getroottree().getroot()), shown)) for s in self.schemas]
        folder = path.parent if path is not None else None
        #: Every namespace's types (``codegen.read.xsd``, which owns the XSD side).
        self.model = read_schemas(located, folder, self.tns)
        #: Complex types synthesized for simple-typed header elements.
        self.header_types: dict[QName, ComplexType] = {}

    def at(self, el: etree._Element) -> SourceLine:
        return SourceLine(self.shown, line_of(el))

    def resolve(self, el: etree._Element, qname: str) -> TypeRef:
        return resolve_type(self.model, el, qname, self.at(el))

    def schema(self) -> Schema:
        if not self.header_types:
            return self.model
        return replace(
            self.model,
            complex_types=self.model.complex_types + tuple(self.header_types.values()),
        )

    # --- what the binding reader asks of the schemas ----------------------------------------

    def content(self, name: QName, where: SourceLine) -> Content:
        el = self.model.element(name.namespace, name.name)
        if el is None:
            raise SpecError(where, f"element {name.name!r} ({{{name.namespace}}}) is not defined")
        ct = self.model.complex_type(el.type)
        if ct is None:
            return Content(el.type, None)
        # A wrapper element of an operation is never an array, even when its only child is a
        # repeated one (JAX-WS ``deleteItems(List<String> ids)``: the wrapper's own type or an
        # anonymous one): the child keeps its name and is a parameter of its own. Only an
        # ``ArrayOfX`` *type* of another name (a Bare part) makes the element one array value.
        if self.model.array_item(el.type) is not None and not (
            ct.anonymous or ct.name == name.name
        ):
            return Content(el.type, None)
        if ct.attributes or ct.any_attribute or ct.value is not None or ct.abstract:
            # B: what the element carries besides children (attributes, text, an xsi:type):
            # the element is one value, or a Bare part's attributes would be dropped.
            return Content(el.type, None)
        if self.model.subtypes.get(el.type) or any(e.wildcard for e in ct.elements):
            # (an xs:any child, the NF-e/XmlNode shape: the element is one raw-XML value)
            return Content(el.type, None)
        # The type even when anonymous: a response of several children (ASMX ``out``
        # parameters) is returned whole, as an instance of it.
        return Content(el.type, ct.elements)

    def structured(self, ref: TypeRef) -> bool:
        """Whether ``ref`` is a structure: no form field or query pair can carry it."""
        return self.model.complex_type(ref) is not None and self.model.array_item(ref) is None

    def header_type(self, name: QName, where: SourceLine) -> TypeRef:
        el = self.model.element(name.namespace, name.name)
        if el is None:
            raise SpecError(where, f"header element {name.name!r} is not defined")
        if self.model.complex_type(el.type) is not None:
            return el.type
        if el.type.is_raw:
            raise SpecError(where, f"header element {name.name!r} has no type (raw XML)")
        if name not in self.header_types:
            taken = {(self.model.ns_of(t), t.name) for t in self.model.complex_types}
            taken |= {(self.model.ns_of(t), t.name) for t in self.model.enums}
            type_name = name.name
            while (name.namespace, type_name) in taken:
                type_name += "Header"
            self.header_types[name] = ComplexType(
                type_name, (), namespace=name.namespace, value=el.type, anonymous=True
            )
        t = self.header_types[name]
        return TypeRef(name.namespace, t.name)

    def message_parts(self, doc: Doc, at: etree._Element) -> tuple[Element, ...]:
        _, msg = self.defs.lookup(self.defs.messages, doc, at, at.get("message", ""), "message")
        return tuple(
            Element(p.get("name", ""), self.resolve(p, p.get("type", "")))
            for p in msg.findall(_q(WSDL, "part"))
        )

    def message_element(self, doc: Doc, at: etree._Element) -> str:
        _, msg = self.defs.lookup(self.defs.messages, doc, at, at.get("message", ""), "message")
        part = msg.find(_q(WSDL, "part"))
        return (part.get("element", "") if part is not None else "").rpartition(":")[2]


def _doc(el: etree._Element) -> str:
    doc = el.find(_q(WSDL, "documentation"))
    if doc is None:
        doc = el.find(f"{_q(XS, 'annotation')}/{_q(XS, 'documentation')}")
    return " ".join((doc.text or "").split()) if doc is not None else ""


def read_xsd_text(data: bytes, shown: str) -> tuple[Schema, dict[str, TypeRef]]:
    """The types of an XML Schema and its global elements (name → type)."""
    r = _Reader(data, shown)
    if r.root.tag != _q(XS, "schema"):
        raise SpecError(r.at(r.root), "not an XML Schema (no xs:schema root)")
    elements = {
        e.name: e.type
        for e in sorted(r.model.elements, key=lambda e: e.name)
        if e.namespace == r.tns
        and not (r.model.complex_type(e.type) or ComplexType("", ())).anonymous
    }
    return r.model, elements


def read_wsdl(path: Path, service_name: str, shown: str) -> Service:
    """The model of ``path`` and the local WSDL files it imports; see ``read_wsdl_text``."""
    return read_wsdl_text(path.read_bytes(), service_name, shown, path)


def read_wsdl_text(data: bytes, service_name: str, shown: str, path: Path | None = None) -> Service:
    """The model of a WSDL document (``path``: where it is, to resolve ``wsdl:import``).

    Per protocol, the first port of the first ``wsdl:service`` offering it is the one the client
    speaks (``Service.base_url`` is the first SOAP one's address); every port is listed in
    ``Service.ports``. A SOAP-encoded binding is refused at its line; rpc/literal is read by
    ``wsdl_rpc``.
    """
    r = _Reader(data, shown, path)
    if r.root.tag != _q(WSDL, "definitions"):
        raise SpecError(r.at(r.root), "not a WSDL 1.1 document (no wsdl:definitions)")
    if not r.defs.services:
        raise SpecError(r.at(r.root), "WSDL declares no wsdl:service")
    every: list[Port] = []
    skipped: list[Defect] = []
    for port in all_ports(r.defs):
        problem = http_port_problem(port, r.defs, r.resolve, r.structured)
        every += [port] if problem is None else []
        skipped += [] if problem is None else [problem]
    ports = chosen_ports(every)
    skipped += [d for d in map(addressing_warning, ports) if d is not None]
    skipped += [d for d in map(security_policy_warning, ports) if d is not None]
    if not ports:
        raise SpecError(r.at(r.root), "WSDL has no SOAP 1.1, SOAP 1.2, HTTP GET or POST port")
    for port in ports:
        refuse_unsupported(port)
    address = next((p.address for p in ports if p.protocol.is_soap), ports[0].address)
    address_path = urlsplit(address).path
    ops: dict[str, dict[Protocol, _Bound]] = {}
    #: Which interface named each operation first: a second interface's operation of the same
    #: name (WCF contracts both having ``Ping``) is named after its portType instead.
    owner: dict[tuple[Protocol, str], QName] = {}
    several = len({(p.protocol, port_type(p)) for p in ports}) > len({p.protocol for p in ports})
    for port in ports:
        pdoc, pt_el = r.defs.lookup(
            r.defs.port_types, port.doc, port.binding, port.binding.get("type", ""), "portType"
        )
        pt = port_type(port)
        pt_ops: dict[str, list[etree._Element]] = {}
        for pop in pt_el.findall(_q(WSDL, "operation")):  # by name, once per portType
            pt_ops.setdefault(pop.get("name", ""), []).append(pop)
        for bop in port.binding.findall(_q(WSDL, "operation")):
            name, pop = _port_type_operation(port, bop, pt_ops)
            renamed = ""
            if owner.setdefault((port.protocol, name), pt) != pt:  # (ASMX: a portType each
                renamed, name = name, f"{pt.name}_{name}"  # for SOAP, HttpGet, HttpPost)
            path_ = urlsplit(port.address).path or address_path
            interface = pt.name if several else ""
            ops.setdefault(name, {})[port.protocol] = _Bound(
                port, bop, pdoc, pop, path_, interface, renamed
            )
    soap = SoapReader(r.defs, r)
    operations = [_operation(r, soap, name, ops[name]) for name in sorted(ops)]
    _, first_service = r.defs.services[0]
    return Service(
        name=service_name,
        wsdl_name=first_service.get("name", "Service"),
        namespace=r.tns,
        base_url=address,
        schema=r.schema(),
        operations=tuple(operations),
        source=shown,
        doc=_doc(first_service),
        ports=tuple((p.service, p.name, p.protocol.value, p.address) for p in every),
        defects=tuple(skipped),
    )


def _port_type_operation(
    port: Port, bop: etree._Element, pt_ops: dict[str, list[etree._Element]]
) -> tuple[str, etree._Element]:
    """The portType operation a binding operation binds, and the operation's name.

    ASMX overloads (``[WebMethod(MessageName = "AddInt")]``) publish several operations of one
    name, told apart by their input's ``name``: each becomes its own operation, named after
    it (the Body element and SOAPAction carry that name too), so none is lost.
    """
    name = bop.get("name", "")
    same = pt_ops.get(name, [])
    if not same:
        raise SpecError(port.doc.at(bop), f"operation {name!r} is not in portType")
    if len(same) == 1:
        return name, same[0]
    wanted, named = _input_name(bop, name)
    matched = [pop for pop in same if _input_name(pop, name)[0] == wanted]
    if len(matched) == 1:
        return (wanted if named else name), matched[0]
    raise SpecError(
        port.doc.at(bop),
        f"operation {name!r} is overloaded in the portType; its binding must name its input "
        "(wsdl:input name=…) to say which overload it binds",
    )


def _input_name(op: etree._Element, name: str) -> tuple[str, bool]:
    """The name of an operation's input and whether it is explicit: unnamed, it has WSDL 1.1
    §2.4.5's default (``{name}Request`` beside an output, else ``{name}``), as zeep matches it;
    ASMX leaves the overload that keeps the method's name unnamed."""
    held = op.find(_q(WSDL, "input"))
    explicit = held.get("name", "") if held is not None else ""
    if explicit:
        return explicit, True
    return (f"{name}Request" if op.find(_q(WSDL, "output")) is not None else name), False


@dataclass(frozen=True)
class _Bound:
    """One operation as one chosen port binds it."""

    port: Port
    bop: etree._Element
    pdoc: Doc
    pop: etree._Element
    path: str
    interface: str = ""
    wsdl_name: str = ""


def _operation(
    r: _Reader, soap: SoapReader, name: str, variants: dict[Protocol, _Bound]
) -> Operation:
    params: tuple[Element, ...] | None = None
    result: Element | None = None
    shape: SoapShape | None = None
    http_root = ""
    out: list[Variant] = []
    doc = ""
    for protocol, b in variants.items():
        doc = doc or _doc(b.pop)
        inp, outp = b.pop.find(_q(WSDL, "input")), b.pop.find(_q(WSDL, "output"))
        if protocol.is_soap:
            ns = SOAP11_BIND if protocol == Protocol.SOAP11 else SOAP12_BIND
            sop = b.bop.find(_q(ns, "operation"))
            action = sop.get("soapAction", "") if sop is not None else ""
            if shape is None:
                rpc = operation_style(b.port, b.bop) == "rpc"
                shape = (read_rpc if rpc else SoapReader.read)(soap, b.port, b.bop, b.pdoc, b.pop)
                params, result = shape.params, shape.result
            out.append(Variant(protocol, "POST", b.path, action))
        else:
            hop = b.bop.find(_q(HTTP_BIND, "operation"))
            location = hop.get("location", f"/{name}") if hop is not None else f"/{name}"
            if params is None and inp is not None:
                params = r.message_parts(b.pdoc, inp)
            if outp is not None:
                http_root = r.message_element(b.pdoc, outp) or http_root
            verb = "GET" if protocol == Protocol.HTTP_GET else "POST"
            out.append(Variant(protocol, verb, b.path + location))
    extra: dict[str, object] = {}
    if shape is not None:
        default_in = QName(r.tns, name)
        default_out = QName(r.tns, f"{name}Response")
        extra = {
            "request_body": None if shape.request == default_in else shape.request,
            "response_body": None if shape.response in (default_out, None) else shape.response,
            "one_way": shape.response is None,
            "param_is_body": shape.param_is_body,
            "result_is_body": shape.result_is_body,
            "input_headers": shape.input_headers,
            "output_headers": shape.output_headers,
            "faults": shape.faults,
        }
    first = next(iter(variants.values()))
    extra |= {"interface": first.interface, "wsdl_name": first.wsdl_name}
    return Operation(
        name=name,
        params=params or (),
        result=result,
        http_result_root=http_root,
        variants=tuple(sorted(out, key=lambda v: list(Protocol).index(v.protocol))),
        doc=doc,
        **extra,  # type: ignore[arg-type]
    )
