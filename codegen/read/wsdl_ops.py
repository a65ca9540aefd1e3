"""Read a WSDL's services, ports and bindings into operations (document/literal only).

What real ASMX and WCF publications contain, and what this module does with it:

* several ``wsdl:service``s, several ports of one protocol: every port is listed
  (``Service.ports``); the client speaks, per protocol, the first port of the first service
  that has one (document order: deterministic, and the order ``wsdl.exe`` and WCF write);
* the SOAP Body element may differ from the operation name (``RequestElementName``, a WCF
  MessageContract, ``ParameterStyle.Bare`` parts naming other elements); ``soap:body parts=``
  selects the body part, parts named by ``soap:header`` are headers, not body;
* ``soap:header`` (input and output), from a ``_Headers`` message or the operation's own;
* ``wsdl:fault``: the detail elements are recorded;
* ``soapAction=""`` and actions shared by several operations are kept as published (routing
  goes by the Body's element then);
* WCF's ``wsaw:Action`` and ``wsp:Policy`` elements are not read (basicHttpBinding uses no
  addressing);
* ``style="rpc"`` with ``use="literal"`` is read by ``wsdl_rpc`` (a wrapper named after the
  operation, one unqualified child per part); ``use="encoded"`` (and, in document style, a body
  part declared with ``type=``) is refused with the line that declares it: SOAP encoding is not
  what this kit writes, and generating a client anyway would silently send or read the wrong
  thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol as TypingProtocol
from urllib.parse import urlsplit

from lxml import etree

from ..errors import SpecError
from ..model import Element, Protocol, QName, SoapHeader, SourceLine, TypeRef
from ..read.wsdl_docs import WSDL, Definitions, Doc, q, resolve_qname

SOAP11_BIND = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12_BIND = "http://schemas.xmlsoap.org/wsdl/soap12/"
HTTP_BIND = "http://schemas.xmlsoap.org/wsdl/http/"


@dataclass(frozen=True)
class Content:
    """What a top-level element holds: its type, and the children when it is a structure."""

    type: TypeRef | None
    #: ``None``: a simple type (the element's text is the value).
    children: tuple[Element, ...] | None


class Elements(TypingProtocol):
    """What the schema reader tells the binding reader about top-level elements."""

    def content(self, name: QName, where: SourceLine) -> Content: ...

    def header_type(self, name: QName, where: SourceLine) -> TypeRef: ...

    def resolve(self, el: etree._Element, qname: str) -> TypeRef: ...


@dataclass(frozen=True)
class Port:
    service: str
    name: str
    protocol: Protocol
    doc: Doc
    binding: etree._Element
    address: str


def binding_protocol(binding: etree._Element) -> Protocol | None:
    if binding.find(q(SOAP11_BIND, "binding")) is not None:
        return Protocol.SOAP11
    if binding.find(q(SOAP12_BIND, "binding")) is not None:
        return Protocol.SOAP12
    http = binding.find(q(HTTP_BIND, "binding"))
    if http is not None:
        return {"GET": Protocol.HTTP_GET, "POST": Protocol.HTTP_POST}.get(http.get("verb", ""))
    return None


def all_ports(defs: Definitions) -> list[Port]:
    """Every port of every service whose binding speaks SOAP 1.1/1.2 or HTTP GET/POST."""
    found: list[Port] = []
    for doc, service in defs.services:
        for port in service.findall(q(WSDL, "port")):
            bdoc, binding = defs.lookup(
                defs.bindings, doc, port, port.get("binding", ""), "port binding"
            )
            protocol = binding_protocol(binding)
            if protocol is None:
                continue
            address = next(
                (
                    c.get("location", "")
                    for c in port
                    if isinstance(c.tag, str) and etree.QName(c).localname == "address"
                ),
                "",
            )
            found.append(
                Port(
                    service.get("name", ""), port.get("name", ""), protocol, bdoc, binding, address
                )
            )
    return found


def chosen_ports(ports: list[Port]) -> list[Port]:
    """The first port of each protocol and portType, in ``Protocol`` order, then document order.

    Other ports of a protocol and portType are other addresses of the same interface (a sandbox
    service, an https binding); a port whose binding implements another portType (a WCF service
    exposing two contracts) brings that interface's operations, at its own address on the same
    host (another host stops generation at its binding's line).
    """
    first: dict[tuple[Protocol, QName], Port] = {}
    lead: dict[Protocol, Port] = {}
    for port in ports:
        chosen = lead.setdefault(port.protocol, port)
        if (port.protocol, port_type(port)) in first:
            continue
        first[(port.protocol, port_type(port))] = port
        if urlsplit(port.address)[:2] != urlsplit(chosen.address)[:2]:
            raise SpecError(
                port.doc.at(port.binding),
                f"port {port.name!r} ({port.protocol.value}) implements portType "
                f"{port_type(port).name!r} on another host than port {chosen.name!r} "
                f"({port_type(chosen).name!r}): one client speaks one host per protocol; "
                "split the WSDL into one spec per interface",
            )
    return [port for p in Protocol for (protocol, _), port in first.items() if protocol == p]


def port_type(port: Port) -> QName:
    return resolve_qname(port.binding, port.binding.get("type", ""))


def refuse_unsupported(port: Port) -> None:
    """``SpecError`` at the first SOAP-encoded use of a SOAP binding (rpc/encoded at its
    ``soap:binding``), or a style that is neither document nor rpc."""
    if not port.protocol.is_soap:
        return
    ns = SOAP11_BIND if port.protocol == Protocol.SOAP11 else SOAP12_BIND
    sb = port.binding.find(q(ns, "binding"))
    default = sb.get("style", "document") if sb is not None else "document"
    ours = [
        el
        for el in port.binding.iter()
        if isinstance(el.tag, str) and etree.QName(el).namespace == ns
    ]
    encoded = any(el.get("use", "literal") != "literal" for el in ours)
    if sb is not None and (default not in STYLES or (default == "rpc" and encoded)):
        raise SpecError(
            port.doc.at(sb),
            f"binding {port.binding.get('name')!r} has style={default!r}"
            + (" with use='encoded' (rpc/encoded)" if encoded else "")
            + "; only literal SOAP (document or rpc style) is supported (SOAP encoding "
            "cannot be generated without losing data)",
        )
    for el in ours:
        if el.get("style", "document") not in STYLES:
            raise SpecError(
                port.doc.at(el),
                f"style={el.get('style')!r}: only document and rpc style are supported",
            )
        if el.get("use", "literal") != "literal":
            raise SpecError(
                port.doc.at(el),
                f"use={el.get('use')!r} (SOAP encoding): only literal SOAP is supported",
            )


STYLES = ("document", "rpc")


def operation_style(port: Port, bop: etree._Element) -> str:
    """A binding operation's style: its ``soap:operation``'s, else its ``soap:binding``'s."""
    ns = SOAP11_BIND if port.protocol == Protocol.SOAP11 else SOAP12_BIND
    sop, sb = bop.find(q(ns, "operation")), port.binding.find(q(ns, "binding"))
    default = sb.get("style", "document") if sb is not None else "document"
    return (sop.get("style") if sop is not None else None) or default


@dataclass(frozen=True)
class SoapShape:
    """The SOAP face of one operation, read from its binding and messages."""

    request: QName
    params: tuple[Element, ...]
    param_is_body: bool
    response: QName | None
    result: Element | None
    result_is_body: bool
    input_headers: tuple[SoapHeader, ...]
    output_headers: tuple[SoapHeader, ...]
    faults: tuple[QName, ...]


class SoapReader:
    """Reads the SOAP shape of binding operations, given what the schemas say of elements."""

    def __init__(self, defs: Definitions, elements: Elements) -> None:
        self.defs = defs
        self.elements = elements

    def message(self, doc: Doc, at: etree._Element) -> tuple[Doc, etree._Element]:
        return self.defs.lookup(self.defs.messages, doc, at, at.get("message", ""), "message")

    def part_element(self, mdoc: Doc, part: etree._Element) -> QName:
        ref = part.get("element")
        if ref is None:
            raise SpecError(
                mdoc.at(part),
                f"part {part.get('name')!r} is declared with type=, which only rpc style "
                "uses; document/literal parts name an element",
            )
        return resolve_qname(part, ref)

    def headers(self, doc: Doc, io: etree._Element | None, ns: str) -> tuple[SoapHeader, ...]:
        found: list[SoapHeader] = []
        for h in io.findall(q(ns, "header")) if io is not None else ():
            mdoc, msg = self.message(doc, h)
            part = next(
                (p for p in msg.findall(q(WSDL, "part")) if p.get("name") == h.get("part")), None
            )
            if part is None:
                raise SpecError(
                    doc.at(h), f"header part {h.get('part')!r} is not in {h.get('message')!r}"
                )
            name = self.part_element(mdoc, part)
            found.append(SoapHeader(name, self.elements.header_type(name, mdoc.at(part))))
        return tuple(found)

    def body_part(
        self, doc: Doc, bio: etree._Element | None, pio: etree._Element, pdoc: Doc, ns: str
    ) -> tuple[Doc, etree._Element]:
        mdoc, msg, parts = self.body_parts(doc, bio, pio, pdoc, ns)
        if len(parts) != 1:
            raise SpecError(
                mdoc.at(msg),
                f"message {msg.get('name')!r} puts {len(parts)} parts in the SOAP Body; "
                "document/literal takes exactly one",
            )
        return mdoc, parts[0]

    def body_parts(
        self, doc: Doc, bio: etree._Element | None, pio: etree._Element, pdoc: Doc, ns: str
    ) -> tuple[Doc, etree._Element, list[etree._Element]]:
        """The message of a binding input/output and its parts the SOAP Body carries."""
        mdoc, msg = self.message(pdoc, pio)
        parts = msg.findall(q(WSDL, "part"))
        body = bio.find(q(ns, "body")) if bio is not None else None
        if body is not None and body.get("parts") is not None:
            wanted = body.get("parts", "").split()
            parts = [p for p in parts if p.get("name") in wanted]
        elif bio is not None:  # parts a soap:header of the same message names are headers
            in_headers = {
                h.get("part")
                for h in bio.findall(q(ns, "header"))
                if resolve_qname(h, h.get("message", "")).name == msg.get("name")
            }
            parts = [p for p in parts if p.get("name") not in in_headers]
        return mdoc, msg, parts

    def read(self, port: Port, bop: etree._Element, pdoc: Doc, pop: etree._Element) -> SoapShape:
        ns = SOAP11_BIND if port.protocol == Protocol.SOAP11 else SOAP12_BIND
        doc = port.doc
        name = bop.get("name", "")
        bin_, bout = bop.find(q(WSDL, "input")), bop.find(q(WSDL, "output"))
        pin, pout = pop.find(q(WSDL, "input")), pop.find(q(WSDL, "output"))
        if pin is None:
            raise SpecError(
                pdoc.at(pop),
                f"operation {name!r} is notification-only (no input): the service would call "
                "the client, which SOAP over HTTP cannot do",
            )
        mdoc, part = self.body_part(doc, bin_, pin, pdoc, ns)
        request = self.part_element(mdoc, part)
        content = self.elements.content(request, mdoc.at(part))
        if content.children is None:
            if content.type is None:
                raise SpecError(mdoc.at(part), f"element {request.name!r} has no type")
            params: tuple[Element, ...] = (Element(request.name, content.type, min_occurs=1),)
        else:
            params = content.children
        if pout is None:  # one-way ([OneWay], IsOneWay): the service answers 202, no envelope
            return SoapShape(
                request=request,
                params=params,
                param_is_body=content.children is None,
                response=None,
                result=None,
                result_is_body=False,
                input_headers=self.headers(doc, bin_, ns),
                output_headers=(),
                faults=(),
            )
        mdoc, part = self.body_part(doc, bout, pout, pdoc, ns)
        response = self.part_element(mdoc, part)
        out = self.elements.content(response, mdoc.at(part))
        result: Element | None
        if out.children is not None and len(out.children) <= 1:
            result, result_is_body = (out.children[0] if out.children else None), False
        elif out.type is None:
            raise SpecError(mdoc.at(part), f"element {response.name!r} has no named type")
        else:
            nillable = out.children is None and not out.type.is_value_type
            result = Element(response.name, out.type, min_occurs=1, nillable=nillable)
            result_is_body = True
        return SoapShape(
            request=request,
            params=params,
            param_is_body=content.children is None,
            response=response,
            result=result,
            result_is_body=result_is_body,
            input_headers=self.headers(doc, bin_, ns),
            output_headers=self.headers(doc, bout, ns),
            faults=self.faults(pdoc, pop),
        )

    def faults(self, pdoc: Doc, pop: etree._Element) -> tuple[QName, ...]:
        found: list[QName] = []
        for f in pop.findall(q(WSDL, "fault")):
            mdoc, msg = self.message(pdoc, f)
            found += [self.part_element(mdoc, p) for p in msg.findall(q(WSDL, "part"))]
        return tuple(found)
