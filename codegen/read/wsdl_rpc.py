"""Read an rpc/literal SOAP binding operation (WS-I Basic Profile; JAX-WS
``@SOAPBinding(style=RPC)``, PHP ``SoapServer``) into the shape document/literal has.

rpc/literal puts, in the SOAP Body, a wrapper element named after the operation (the answer's
after the operation plus ``Response``) in the namespace its ``soap:body`` names; inside it one
*unqualified* element per message part, named after the part and typed by the part's
``type=``. That is exactly a document/literal wrapped request whose wrapper is not declared in
a schema, so the operation is modelled that way (``request_body``/``response_body`` are the
wrappers, the parts the parameters and the result) and every emitter and the runtime serve it
unchanged. Several output parts (JAX-WS ``Holder`` parameters) are refused at their message.
"""

from __future__ import annotations

from lxml import etree

from ..errors import SpecError
from ..model import Element, Protocol, QName
from ..read.wsdl_docs import WSDL, Doc, q
from ..read.wsdl_ops import SOAP11_BIND, SOAP12_BIND, Port, SoapReader, SoapShape


def _wrapper_ns(bio: etree._Element | None, ns: str, pdoc: Doc) -> str:
    """The ``soap:body namespace`` of a binding input/output; WS-I requires one, the
    portType's target namespace stands in when it is missing."""
    body = bio.find(q(ns, "body")) if bio is not None else None
    found = body.get("namespace", "") if body is not None else ""
    return found or pdoc.root.get("targetNamespace", "")


def _parts(reader: SoapReader, mdoc: Doc, parts: list[etree._Element]) -> tuple[Element, ...]:
    """One required, unqualified element per part, typed by its ``type=``."""
    out = []
    for part in parts:
        ref = part.get("type")
        if ref is None:
            raise SpecError(
                mdoc.at(part),
                f"rpc part {part.get('name')!r} is declared with element=; rpc/literal parts "
                "are declared with type=",
            )
        out.append(
            Element(part.get("name", ""), reader.elements.resolve(part, ref), 1, 1, namespace="")
        )
    return tuple(out)


def read_rpc(
    reader: SoapReader, port: Port, bop: etree._Element, pdoc: Doc, pop: etree._Element
) -> SoapShape:
    """The SOAP shape of one rpc/literal binding operation."""
    ns = SOAP11_BIND if port.protocol == Protocol.SOAP11 else SOAP12_BIND
    name = bop.get("name", "")
    bin_, bout = bop.find(q(WSDL, "input")), bop.find(q(WSDL, "output"))
    pin, pout = pop.find(q(WSDL, "input")), pop.find(q(WSDL, "output"))
    if pin is None:
        raise SpecError(pdoc.at(pop), f"operation {name!r} is notification-only (no input)")
    mdoc, _, parts = reader.body_parts(port.doc, bin_, pin, pdoc, ns)
    params = _parts(reader, mdoc, parts)
    request = QName(_wrapper_ns(bin_, ns, pdoc), name)
    response: QName | None = None
    result: Element | None = None
    if pout is not None:
        mdoc, msg, parts = reader.body_parts(port.doc, bout, pout, pdoc, ns)
        if len(parts) > 1:
            raise SpecError(
                mdoc.at(msg),
                f"rpc message {msg.get('name')!r} answers {len(parts)} parts; one result "
                "(or none) is supported",
            )
        result = _parts(reader, mdoc, parts)[0] if parts else None
        response = QName(_wrapper_ns(bout, ns, pdoc), f"{name}Response")
    return SoapShape(
        request=request,
        params=params,
        param_is_body=False,
        response=response,
        result=result,
        result_is_body=False,
        input_headers=reader.headers(port.doc, bin_, ns),
        output_headers=reader.headers(port.doc, bout, ns) if pout is not None else (),
        faults=reader.faults(pdoc, pop) if pout is not None else (),
    )
