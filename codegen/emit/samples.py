"""Render documented samples from the model, the way an ASMX help page prints them.

Two uses: contracts for services that come with a WSDL but no captured pages, and the round
trip that proves a derived WSDL says what the captured pages say. Values are the type
placeholders ASMX prints (``string``, ``int``, ``guid``…); lists show two items.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from wirekit.xmlsafe import PARSER, SOAP11_ENV, SOAP12_ENV, XSI_NS

from ..model import (
    XSD_NS,
    Element,
    Exchange,
    HttpMessage,
    Operation,
    Protocol,
    Service,
    SourceLine,
)

XSI_DECL = f'xmlns:xsi="{XSI_NS}" xmlns:xsd="{XSD_NS}"'
ENV = {
    Protocol.SOAP11: ("soap", SOAP11_ENV, "text/xml"),
    Protocol.SOAP12: ("soap12", SOAP12_ENV, "application/soap+xml"),
}


class SampleRenderer:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.schema = service.schema

    def placeholder(self, e: Element) -> str:
        enum = self.schema.enum(e.type)
        if enum is not None:
            return " or ".join(enum.values)
        return e.type.name

    def http_pairs(self, params: tuple[Element, ...]) -> list[str]:
        """``name=string`` per parameter, twice for a list: ASMX's HTTP messages are untyped.

        (HTTP GET/POST parts are ``s:string`` or ``StringArray``; typed placeholders would also
        put spaces, ``A or B``, into a request line.) Cassettes type the values from the model.
        """
        out = []
        for e in params:
            many = e.repeated or self.schema.array_item(e.type) is not None
            out += [f"{e.name}=string"] * (2 if many else 1)
        return out

    def content(self, e: Element, indent: str, *, soap: bool = False) -> str:
        """The lines of element ``e`` with placeholder content (two items for lists).

        ASMX's SOAP samples print a nillable array as ``xsi:nil`` (its HTTP samples show the
        items): so do these, so a rendered page reads like a captured one.
        """
        item = self.schema.array_item(e.type)
        ct = self.schema.complex_type(e.type)
        count = 2 if e.repeated else 1
        out = []
        for _ in range(count):
            if item is not None and soap and e.nillable:
                out.append(f'{indent}<{e.name} xsi:nil="true" />')
            elif item is not None:
                inner = self.content(item, indent + "  ", soap=soap)  # an item renders twice
                out.append(f"{indent}<{e.name}>\n{inner}\n{indent}</{e.name}>")
            elif ct is not None:
                if not ct.elements:
                    out.append(f"{indent}<{e.name} />")
                    continue
                inner = "\n".join(self.content(c, indent + "  ", soap=soap) for c in ct.elements)
                out.append(f"{indent}<{e.name}>\n{inner}\n{indent}</{e.name}>")
            else:
                out.append(f"{indent}<{e.name}>{self.placeholder(e)}</{e.name}>")
        return "\n".join(out)

    def payload(
        self, name: str, elements: tuple[Element, ...], indent: str, ns: str | None = None
    ) -> str:
        ns = self.service.namespace if ns is None else ns
        if not elements:
            return f'{indent}<{name} xmlns="{ns}" />'
        inner = "\n".join(self.content(e, indent + "  ", soap=True) for e in elements)
        return f'{indent}<{name} xmlns="{ns}">\n{inner}\n{indent}</{name}>'

    def envelope(self, protocol: Protocol, payload: str) -> str:
        prefix, ns, _ = ENV[protocol]
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<{prefix}:Envelope {XSI_DECL} xmlns:{prefix}="{ns}">\n'
            f"  <{prefix}:Body>\n{payload}\n  </{prefix}:Body>\n</{prefix}:Envelope>"
        )

    def http_result(self, op: Operation) -> str:
        if op.result is None or not op.http_result_root:
            return ""
        root = Element(op.http_result_root, op.result.type)
        item = self.schema.array_item(root.type)
        ct = self.schema.complex_type(root.type)
        ns = self.service.namespace
        if item is None and ct is None:
            return (
                f'<?xml version="1.0" encoding="utf-8"?>\n'
                f'<{root.name} xmlns="{ns}">{self.placeholder(root)}</{root.name}>'
            )
        elements = (item,) if item is not None else (ct.elements if ct else ())
        lines = "\n".join(self.content(e, "  ") for e in elements)
        if not elements:
            return f'<?xml version="1.0" encoding="utf-8"?>\n<{root.name} xmlns="{ns}" />'
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n<{root.name} xmlns="{ns}">\n'
            f"{lines}\n</{root.name}>"
        )

    def soap_body(self, op: Operation, *, request: bool) -> str:
        """The SOAP Body element: the wrapper with its children, or (Bare) the part's element."""
        ns = self.service.namespace
        body = op.request_body if request else op.response_body
        name = body.name if body is not None else (op.name if request else op.response_element)
        ns = body.namespace if body is not None else ns
        one = op.params[0] if op.param_is_body and request and op.params else None
        if not request and op.result_is_body and op.result is not None:
            one = op.result
        if one is not None:
            ct = self.schema.complex_type(one.type)
            inner = ct.elements if ct is not None else None
            if inner is None:
                return f'    <{name} xmlns="{ns}">{self.placeholder(one)}</{name}>'
            return self.payload(name, inner, "    ", ns)
        elements = op.params if request else ((op.result,) if op.result else ())
        return self.payload(name, elements, "    ", ns)

    def exchange(self, op: Operation, protocol: Protocol) -> Exchange:
        variant = op.variant(protocol)
        assert variant is not None
        host = urlsplit(self.service.base_url).netloc
        where = SourceLine(self.service.source, 1)
        pairs = "&".join(self.http_pairs(op.params))
        length = ("Content-Length", "length")
        if protocol.is_soap:
            _, _, ctype = ENV[protocol]
            headers = [("Host", host), ("Content-Type", f"{ctype}; charset=utf-8"), length]
            if protocol == Protocol.SOAP11:
                headers.append(("SOAPAction", f'"{variant.soap_action}"'))
            body = self.envelope(protocol, self.soap_body(op, request=True))
            response = self.envelope(protocol, self.soap_body(op, request=False))
            request = _message(where, "POST", variant.path, headers, body)
            rheaders = [("Content-Type", f"{ctype}; charset=utf-8"), length]
        else:
            if protocol == Protocol.HTTP_GET:
                target = f"{variant.path}?{pairs}" if pairs else variant.path
                request = _message(where, "GET", target, [("Host", host)], "")
            else:
                form = "application/x-www-form-urlencoded"
                headers = [("Host", host), ("Content-Type", form), length]
                request = _message(where, "POST", variant.path, headers, pairs)
            response = self.http_result(op)
            rheaders = [("Content-Type", "text/xml; charset=utf-8"), length]
        answer = _message(where, "", "", rheaders, response, status=200)
        return Exchange(op.name, protocol, request, answer)


def _message(
    where: SourceLine,
    method: str,
    target: str,
    headers: list[tuple[str, str]],
    body: str,
    *,
    status: int = 0,
) -> HttpMessage:
    """A rendered message, its body parsed as a reader would have parsed a captured one."""
    xml = etree.fromstring(body.encode("utf-8"), PARSER) if body.lstrip().startswith("<") else None
    query = target.partition("?")[2] if method == "GET" else body if xml is None else ""
    return HttpMessage(
        where=where,
        method=method,
        target=target,
        status=status,
        reason="OK" if status else "",
        headers=tuple(headers),
        body=body,
        xml=xml,
        pairs=tuple(parse_qsl(query, keep_blank_values=True)),
    )


def documented_or_rendered(service: Service, op: Operation, protocol: Protocol) -> Exchange:
    """The captured exchange when the spec came with one, else one rendered from the model."""
    return service.exchange(op.name, protocol) or SampleRenderer(service).exchange(op, protocol)
