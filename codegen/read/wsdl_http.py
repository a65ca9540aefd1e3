"""Which HTTP GET/POST ports of a WSDL the kit can speak, and why it skips the others.

The kit speaks ASMX's HTTP bindings: parameters as a query string (``http:urlEncoded``) or a
form body (``mime:content type="application/x-www-form-urlencoded"``), the answer as XML
(``mime:mimeXml``). Other HTTP bindings are skipped with a warning instead of refusing the
whole service, because the SOAP ports beside them still generate: Axis2 publishes an
``…HttpBinding`` (``mime:content type="application/xml"``: an XML-body POST) next to every
SOAP binding, and a port whose parameters are structures has no form/query encoding.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ..model import Defect, TypeRef
from ..read.wsdl_docs import WSDL, Definitions, q
from ..read.wsdl_ops import HTTP_BIND, Port
from ..read.wsdl_policy import policy_holders

MIME = "http://schemas.xmlsoap.org/wsdl/mime/"

FORM = "application/x-www-form-urlencoded"


def http_port_problem(
    port: Port,
    defs: Definitions,
    resolve: Callable[[etree._Element, str], TypeRef],
    structured: Callable[[TypeRef], bool],
) -> Defect | None:
    """Why ``port`` (an HTTP GET/POST one) cannot be spoken, at its line; ``None`` if it can.

    ``resolve``: a part's ``type`` as a reference; ``structured``: whether a type is a
    structure (not a scalar, an enumeration or an array of those). A part given as an
    ``element`` is XML, never a form field."""
    if port.protocol.is_soap:
        return None
    pdoc, port_type = defs.lookup(
        defs.port_types, port.doc, port.binding, port.binding.get("type", ""), "portType"
    )
    by_name = {pop.get("name", ""): pop for pop in port_type.findall(q(WSDL, "operation"))}
    label = f"HTTP port {port.name!r} ({port.protocol.value})"
    for bop in port.binding.findall(q(WSDL, "operation")):
        name = bop.get("name", "")
        for direction in ("input", "output"):
            held = bop.find(q(WSDL, direction))
            for c in held if held is not None else ():
                if not isinstance(c.tag, str) or c.tag == q(HTTP_BIND, "urlEncoded"):
                    continue
                if c.tag == q(MIME, "mimeXml") and direction == "output":
                    continue
                if c.tag == q(MIME, "content") and c.get("type") == FORM and direction == "input":
                    continue
                shown = c.get("type") or etree.QName(c).localname
                return Defect(
                    port.doc.at(c),
                    f"{label} carries {name}'s {direction} as {shown}, not as an ASMX "
                    "form/query request with an XML answer: the port is skipped "
                    "(the SOAP ports are generated)",
                )
        pop = by_name.get(name)
        inp = pop.find(q(WSDL, "input")) if pop is not None else None
        if pop is None or inp is None:
            continue
        mdoc, msg = defs.lookup(defs.messages, pdoc, inp, inp.get("message", ""), "message")
        for part in msg.findall(q(WSDL, "part")):
            if part.get("element") or structured(resolve(part, part.get("type", ""))):
                return Defect(
                    mdoc.at(part),
                    f"{label}: {name}'s parameter {part.get('name')!r} is a structure, which a "
                    "form/query encoding cannot carry: the port is skipped "
                    "(the SOAP ports are generated)",
                )
    return None


def addressing_warning(port: Port) -> Defect | None:
    """A warning when ``port``'s policy asks for WS-Addressing (``wsaw:UsingAddressing``, WCF's
    ``wsHttpBinding``): the kit sends no ``wsa:Action``/``To``/``MessageID`` headers, which
    such a service refuses. Said at generation rather than at the first live call."""
    if not port.protocol.is_soap:
        return None
    for holder in policy_holders(port):
        for el in holder.iter():
            if isinstance(el.tag, str) and etree.QName(el).localname == "UsingAddressing":
                return Defect(
                    port.doc.at(el),
                    f"port {port.name!r} ({port.protocol.value}) asks for WS-Addressing "
                    "(UsingAddressing): the client does not send wsa:Action/To/MessageID "
                    "headers, which such a service may refuse",
                )
    return None
