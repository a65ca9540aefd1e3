"""Render documented samples from the model, the way an ASMX help page prints them.

Two uses: contracts for services that come with a WSDL but no captured pages, and the round
trip that proves a derived WSDL says what the captured pages say. Values are the type
placeholders ASMX prints (``string``, ``int``, ``guid``…); lists show two items.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from wirekit.xmlsafe import PARSER, SOAP11_ENV, SOAP12_ENV, XSI_NS

from ..emit.examples import example
from ..model import (
    XSD_NS,
    Attribute,
    Element,
    Exchange,
    HttpMessage,
    Operation,
    Protocol,
    Service,
    SoapHeader,
    SourceLine,
    TypeRef,
)

XSI_DECL = f'xmlns:xsi="{XSI_NS}" xmlns:xsd="{XSD_NS}"'
ENV = {
    Protocol.SOAP11: ("soap", SOAP11_ENV, "text/xml"),
    Protocol.SOAP12: ("soap12", SOAP12_ENV, "application/soap+xml"),
}


XML_NS = "http://www.w3.org/XML/1998/namespace"
#: Placeholders for built-ins ASMX pages never print: an existing placeholder, or a literal
#: valid value (``example`` keeps what it does not know).
_PLACEHOLDERS = {
    **dict.fromkeys(
        ("token", "normalizedString", "Name", "NCName", "NMTOKEN", "ID", "IDREF", "ENTITY",
         "NOTATION", "anySimpleType", "language"),
        "anyURI",
    ),
    **dict.fromkeys(
        ("nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"), "int"
    ),
    "positiveInteger": "7",
    "negativeInteger": "-7",
    "nonPositiveInteger": "-3",
    "hexBinary": "0A1B2C",
    "gYear": "2024",
    "gYearMonth": "2024-05",
    "gMonth": "--05",
    "gDay": "---07",
    "gMonthDay": "--05-07",
    "dateTimeOffset": "2024-05-07T10:00:00+02:00",
}  # fmt: skip


class SampleRenderer:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.schema = service.schema

    def placeholder(self, e: Element | Attribute) -> str:
        return self.placeholder_of(e.type)

    def placeholder_of(self, ref: TypeRef) -> str:
        enum = self.schema.enum(ref)
        if enum is not None:
            return " or ".join(enum.values)
        listed = self.schema.list_type(ref)
        if listed is not None:  # a one-item list, whose item must not contain spaces
            item = self.placeholder_of(listed.item)
            return "anyURI" if item == "string" else item
        return _PLACEHOLDERS.get(ref.name, ref.name) if ref.is_scalar else ref.name

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

    def content(
        self,
        e: Element,
        indent: str,
        *,
        soap: bool = False,
        default_ns: str | None = None,
        stack: tuple[TypeRef, ...] = (),
        request: bool = False,
    ) -> str:
        """The lines of element ``e`` with placeholder content (two items for lists).

        ASMX's SOAP samples print a nillable array as ``xsi:nil`` (its HTTP samples show the
        items): so do these, so a rendered page reads like a captured one. An element whose
        namespace is not the one in scope declares its own (unqualified: ``xmlns=""``);
        attributes get example values; wildcards and optional recursion are left out (in a
        request, an optional array whose items would recurse too, as a binding sends it; in an
        answer such an array is an empty wrapper, which reads as ``[]``).
        """
        item = self.schema.array_item(e.type)
        recursive = e.type in stack and e.min_occurs == 0
        if e.wildcard or (recursive and (request or item is None)):
            return ""
        scope = self.service.namespace if default_ns is None else default_ns
        ns = scope if e.namespace is None else e.namespace
        decl = f' xmlns="{ns}"' if ns != scope else ""
        if recursive:  # an answer's optional array that would recurse: empty, read as []
            return f"{indent}<{e.name}{decl} />"
        ct = self.schema.complex_type(e.type)
        count = 2 if e.repeated else 1
        out = []
        inner_stack = (*stack, e.type)
        for _ in range(count):
            open_ = f"{indent}<{e.name}{decl}"
            # In a request an optional nillable array is shown with items: a binding leaves
            # out None (as zeep does), so only values can be documented.
            if item is not None and soap and e.nillable and not (request and e.min_occurs == 0):
                out.append(f'{open_} xsi:nil="true" />')
            elif item is not None:
                inner = self.content(
                    item,
                    indent + "  ",
                    soap=soap,
                    default_ns=ns,
                    stack=inner_stack,
                    request=request,
                )  # an item renders twice
                if not inner and request and e.min_occurs == 0:
                    # Items that would recurse are left out, and a binding never sends an
                    # empty optional list: a request leaves the array out too.
                    return ""
                out.append(f"{open_}>\n{inner}\n{indent}</{e.name}>" if inner else f"{open_} />")
            elif ct is not None:
                attrs = "".join(self.attribute(a) for a in ct.attributes)
                lines = [
                    self.content(
                        c,
                        indent + "  ",
                        soap=soap,
                        default_ns=ns,
                        stack=inner_stack,
                        request=request,
                    )
                    for c in _one_per_choice(ct.elements)
                ]
                inner = "\n".join(line for line in lines if line)
                if ct.value is not None:
                    out.append(f"{open_}{attrs}>{self.placeholder_of(ct.value)}</{e.name}>")
                elif not inner:
                    out.append(f"{open_}{attrs} />")
                else:
                    out.append(f"{open_}{attrs}>\n{inner}\n{indent}</{e.name}>")
            elif e.type.is_raw:
                out.append(f"{open_} />")
            else:
                out.append(f"{open_}>{self.placeholder(e)}</{e.name}>")
        return "\n".join(out)

    def attribute(self, a: Attribute) -> str:
        """`` name="value"`` with an example value (attributes have no placeholder step)."""
        text = example(self.placeholder(a), a.name)
        value = text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        if a.namespace == XML_NS:
            return f' xml:{a.name}="{value}"'
        if a.namespace:
            return f' xmlns:a="{a.namespace}" a:{a.name}="{value}"'
        return f' {a.name}="{value}"'

    def payload(
        self,
        name: str,
        elements: tuple[Element, ...],
        indent: str,
        ns: str | None = None,
        request: bool = False,
    ) -> str:
        ns = self.service.namespace if ns is None else ns
        if not elements:
            return f'{indent}<{name} xmlns="{ns}" />'
        lines = [
            self.content(e, indent + "  ", soap=True, default_ns=ns, request=request)
            for e in _one_per_choice(elements)
        ]
        inner = "\n".join(line for line in lines if line)
        if not inner:
            return f'{indent}<{name} xmlns="{ns}" />'
        return f'{indent}<{name} xmlns="{ns}">\n{inner}\n{indent}</{name}>'

    def envelope(self, protocol: Protocol, payload: str, header: str = "") -> str:
        prefix, ns, _ = ENV[protocol]
        head = f"  <{prefix}:Header>\n{header}\n  </{prefix}:Header>\n" if header else ""
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<{prefix}:Envelope {XSI_DECL} xmlns:{prefix}="{ns}">\n'
            f"{head}  <{prefix}:Body>\n{payload}\n  </{prefix}:Body>\n</{prefix}:Envelope>"
        )

    def soap_headers(self, headers: tuple[SoapHeader, ...]) -> str:
        """The Header entries an operation declares, as ASMX pages print them (B)."""
        return "\n".join(
            self.content(
                Element(h.element.name, h.type, 1, 1, namespace=h.element.namespace),
                "    ",
                soap=True,
                default_ns="",
                request=True,
            )
            for h in headers
        )

    def http_result(self, op: Operation) -> str:
        if op.result is None or not op.http_result_root:
            return ""
        root = Element(op.http_result_root, op.result.type)
        item = self.schema.array_item(root.type)
        ct = self.schema.complex_type(root.type)
        ns = self.service.namespace
        if ct is not None and item is None:
            whole = self.content(
                Element(root.name, root.type, 1, 1, namespace=ns), "", default_ns=""
            )
            return f'<?xml version="1.0" encoding="utf-8"?>\n{whole}'
        if item is None and ct is None:
            return (
                f'<?xml version="1.0" encoding="utf-8"?>\n'
                f'<{root.name} xmlns="{ns}">{self.placeholder(root)}</{root.name}>'
            )
        elements = (item,) if item is not None else (ct.elements if ct else ())
        lines = "\n".join(
            line for line in (self.content(e, "  ", default_ns=ns) for e in elements) if line
        )
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
            root = Element(name, one.type, 1, 1, namespace=ns)
            return self.content(root, "    ", soap=True, default_ns="", request=request)
        elements = op.params if request else ((op.result,) if op.result else ())
        return self.payload(name, elements, "    ", ns, request)

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
            body = self.envelope(
                protocol, self.soap_body(op, request=True), self.soap_headers(op.input_headers)
            )
            response = (
                ""
                if op.one_way
                else self.envelope(
                    protocol,
                    self.soap_body(op, request=False),
                    self.soap_headers(op.output_headers),
                )
            )
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
        status = 202 if op.one_way and protocol.is_soap else 200
        answer = _message(where, "", "", rheaders, response, status=status)
        return Exchange(op.name, protocol, request, answer)


def _one_per_choice(elements: tuple[Element, ...]) -> list[Element]:
    """The elements a sample shows: of each ``xs:choice``, its first member only."""
    seen: set[int] = set()
    out = []
    for e in elements:
        if e.choice:
            if e.choice in seen:
                continue
            seen.add(e.choice)
        out.append(e)
    return out


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
        reason={200: "OK", 202: "Accepted"}.get(status, ""),
        headers=tuple(headers),
        body=body,
        xml=xml,
        pairs=tuple(parse_qsl(query, keep_blank_values=True)),
    )


def documented_or_rendered(service: Service, op: Operation, protocol: Protocol) -> Exchange:
    """The captured exchange when the spec came with one, else one rendered from the model."""
    return service.exchange(op.name, protocol) or SampleRenderer(service).exchange(op, protocol)
