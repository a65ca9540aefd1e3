"""How an ASMX service's operations look in Python: signatures, docstrings and codecs.

``codecs.py`` holds each operation's request encoders and result decoder and the
``OperationSpec`` handed to ``wirekit.asmx``; ``client.py`` holds the typed methods. Both are
computed here from the model, each with the imports of the module it goes into.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..emit import xml_stream
from ..emit.docstrings import docstring
from ..emit.imports import Imports
from ..emit.soap_addresses import operation_addresses
from ..emit.xml_types import PARAM_RESERVED, unique_avoiding
from ..emit.xml_view import FieldView, XmlTypes, scalar_text
from ..errors import SpecError
from ..model import Element, Operation, Protocol, QName, Service, SoapHeader, SourceLine, TypeRef
from ..naming import CLIENT_API, constant, method_name, snake, unique


@dataclass(frozen=True)
class HeaderView:
    """One SOAP header element: its class, and the codec functions of ``codecs.py``."""

    const: str
    func: str
    cls: str
    tag: str
    #: Expression writing the whole header element from ``obj``.
    encode: str
    #: Expression decoding the header element ``el``.
    decode: str
    #: An operation declares it for its request (a value a client may be given to send).
    sent: bool = False


@dataclass(frozen=True)
class OperationView:
    """One operation: what the client method and the codecs module need of it."""

    name: str
    method: str
    const: str
    docstring: str
    params: tuple[FieldView, ...]
    protocols: tuple[str, ...]
    return_type: str
    result_tag: str
    response_tag: str
    http_root_tag: str
    http_path: str
    soap_action: str
    decode_result: str
    #: A missing result decodes to ``None`` (void, or a nullable result).
    result_nullable: bool
    void: bool
    #: One statement each, appending the form/query pairs of a parameter to ``pairs``.
    pairs: tuple[str, ...]
    #: ``Param(...)`` literals, one per parameter (``wirekit.arguments``).
    checks: tuple[str, ...] = ()
    #: The request Body element's start and end tags.
    request_open: str = ""
    request_close: str = ""
    #: ``HEADER_…`` constants of the declared input and output SOAP headers.
    input_headers: tuple[str, ...] = ()
    output_headers: tuple[str, ...] = ()
    #: The ``soap_headers`` parameter's annotation ("" when the operation declares none).
    headers_annotation: str = ""
    #: A one-way operation: the service answers 202 with no envelope.
    one_way: bool = False
    #: ``FAULT_…`` constants of the declared fault details the codecs can decode.
    faults: tuple[str, ...] = ()
    #: ``StreamItem(...)`` literals: the result's lists, decoded while parsing large answers.
    stream: tuple[str, ...] = ()
    #: The name of the service's ``SOAP_HEADER_TYPES`` ("" when it sends no header).
    service_headers: str = ""
    #: (protocol, reference relative to the client's address) of a second interface's port.
    addresses: tuple[tuple[str, str], ...] = ()


class AsmxView:
    """The operations of one ASMX service, for ``codecs.py`` and ``client.py``."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.fault_details = _fault_details(service)
        roots = [h.type for op in service.operations for h in op.input_headers + op.output_headers]
        roots += [f.type for f in self.fault_details.values()]
        roots += [op.params[0].type for op in service.operations if op.param_is_body and op.params]
        roots += [op.result.type for op in service.operations if op.result_is_body and op.result]
        self.types = XmlTypes(service.schema, service.source, tuple(roots))
        self.streams = xml_stream.plans(
            self.types,
            list(service.operations),
            {op.name: op.result_is_body for op in service.operations},
        )
        self.types.streamed_fields = self.streams.fields
        self.methods = unique([method_name(op.name) for op in service.operations])
        self.twins = self.types.guid_names
        declared = [h for op in service.operations for h in op.input_headers + op.output_headers]
        declared += list(self.fault_details.values())
        self.headers = sorted({h.element: h for h in declared}.values(), key=lambda h: h.element)
        names = unique([snake(h.element.name) for h in self.headers])
        self.header_names = {h.element: n for h, n in zip(self.headers, names, strict=True)}
        self.sent_headers = {h.element for op in service.operations for h in op.input_headers}

    def header_views(self, imp: Imports) -> list[HeaderView]:
        """The SOAP header elements any operation declares, codec names declared in ``imp``."""
        return [self._header(h, imp) for h in self.headers]

    def _header(self, h: SoapHeader, imp: Imports) -> HeaderView:
        name = self.header_names[h.element]
        if self.types.schema.complex_type(h.type) is None:
            raise SpecError(
                SourceLine(self.service.source, 1),
                f"SOAP header {h.element.name!r} has no structure type; it cannot be generated",
            )
        encode = self.types.encode_root(
            h.element.namespace, h.element.name, h.type, "obj", imp
        )  # A (xml_view): the whole element, namespaces declared
        kind = "FAULT" if h.element in self.fault_details else "HEADER"
        return HeaderView(
            const=f"{kind}_{constant(name)}",
            func=name,
            cls=self.types.py_type(h.type, imp),
            tag=repr(h.element.clark),
            encode=encode,
            decode=self.types.value_expr(h.type, "el", imp),
            sent=h.element in self.sent_headers,
        )

    @property
    def protocols(self) -> tuple[str, ...]:
        return tuple(p.value for p in self.service.protocols)

    def operations(self, imp: Imports, client: Imports | None = None) -> list[OperationView]:
        """Codec names declared in ``imp``; signature types in ``client`` when given."""
        return [
            self._operation(op, method, imp, client)
            for op, method in zip(self.service.operations, self.methods, strict=True)
        ]

    def operation(self, index: int, imp: Imports) -> OperationView:
        """The ``index``-th operation, every name its codecs use declared in ``imp`` (the
        imports of its own ``codecs`` module)."""
        return self._operation(self.service.operations[index], self.methods[index], imp, None)

    def _decode_result(self, op: Operation, imp: Imports) -> str:
        result = op.result
        if result is None:
            return "None"
        streamed = op.name in self.streams.result_containers
        if result.repeated and not op.result_is_body:  # a wrapper of repeated result elements
            item = self.types.value_expr(result.type, "c", imp)
            tag = self.types.tag(result)
            decode = f"[{item} for c in el if c.tag == {tag}]"
            return f"{xml_stream.streamed_call('el', tag, imp)} or {decode}" if streamed else decode
        decode = self.types.value_expr(result.type, "el", imp)
        array_item = self.types.schema.array_item(result.type)
        if streamed and array_item is not None:
            tag = self.types.tag(array_item)
            return f"{xml_stream.streamed_call('el', tag, imp)} or {decode}"
        return decode

    def _return_type(self, op: Operation, imp: Imports) -> tuple[str, bool]:
        result = op.result
        if result is None:
            return "None", True
        if result.repeated and not op.result_is_body:
            return f"list[{self.types.py_type(result.type, imp)}]", False
        # None when the schema lets the result be absent or nil: an optional result element
        # (``minOccurs="0"``: JAX-WS ``return`` of an object, every ASMX reference-type
        # ``…Result``; a null is sent as no element) reads as None, as zeep reads it. Only a
        # required, non-nillable result (a value type) missing is a ``NullResultError``.
        nullable = (
            result.nillable
            or result.min_occurs == 0
            or result.type.is_raw
            or (result.type.is_scalar and not result.type.is_value_type)
        )
        base = self.types.py_type(result.type, imp)
        return (f"{base} | None" if nullable else base), nullable

    def _operation(
        self, op: Operation, method: str, imp: Imports, client: Imports | None
    ) -> OperationView:
        # A: never a builtin/helper name the codecs use (``list`` → ``list_``)
        names = unique_avoiding([snake(e.name) for e in op.params], PARAM_RESERVED)
        params = tuple(
            self.types.field(e, n, n, imp, param=True, types=client)
            for e, n in zip(op.params, names, strict=True)
        )
        has_http = any(not v.protocol.is_soap for v in op.variants)
        pairs = (
            tuple(self._pair(e, n, op, imp) for e, n in zip(op.params, names, strict=True))
            if has_http
            else ()
        )
        return_type, nullable = self._return_type(op, client or imp)
        result = op.result
        soap = next((v for v in op.variants if v.protocol.is_soap), None)
        request = op.request_body or QName(self.service.namespace, op.name)
        response = op.response_body or QName(self.service.namespace, op.response_element)
        if op.param_is_body and params:
            body = op.params[0]
            value = self.types.coerced(body, params[0].py_name, imp, imp, self.twins)[1]
            encode = self.types.encode_root(request.namespace, request.name, body.type, value, imp)
            params = (replace(params[0], encode=encode),)
        if result is None:
            result_tag = "None"
        elif op.result_is_body or result.repeated:
            result_tag = repr(response.clark)
        else:
            result_tag = self.types.tag(result)  # A: the result element's own form (qualified?)
        annotation = ""  # of the client method's ``soap_headers``: named in client.py only
        if client is not None and op.input_headers:
            header_types = [self.types.py_type(h.type, client) for h in op.input_headers]
            one = " | ".join(dict.fromkeys(header_types))
            annotation = f"{one} | {client.add('collections.abc', 'Sequence')}[{one}] | None"
        return OperationView(
            name=op.name,
            method=method,
            const=method.upper(),  # B: unique as the methods are (get_item, get_item_2)
            docstring=self._docstring(op, params, method),
            params=params,
            protocols=tuple(v.protocol.value for v in op.variants),
            return_type=return_type,
            result_tag=result_tag,
            response_tag=repr(response.clark),
            http_root_tag=self.types.tag(op.http_result_root) if op.http_result_root else "None",
            http_path=self._http_path(op),
            soap_action=soap.soap_action if soap else "",
            decode_result=self._decode_result(op, imp),
            result_nullable=nullable,
            void=result is None,
            pairs=pairs,
            checks=tuple(
                self.types.param_check(e, n, imp) for e, n in zip(op.params, names, strict=True)
            ),
            request_open=""
            if op.param_is_body
            else self.types.root_open(request.namespace, request.name),
            request_close=""
            if op.param_is_body
            else self.types.root_close(request.namespace, request.name),
            input_headers=tuple(imp.add(".codecs", self._const(h)) for h in op.input_headers),
            output_headers=tuple(imp.add(".codecs", self._const(h)) for h in op.output_headers),
            headers_annotation=annotation,
            one_way=op.one_way,
            faults=tuple(
                imp.add(".codecs", self._const(self.fault_details[f]))
                for f in op.faults
                if f in self.fault_details
            ),
            stream=xml_stream.literals(self.types, self.streams.items.get(op.name, []), imp),
            service_headers=imp.add(".codecs", "SOAP_HEADER_TYPES") if self.sent_headers else "",
            addresses=operation_addresses(self.service, op),
        )

    def _const(self, h: SoapHeader) -> str:
        kind = "FAULT" if h.element in self.fault_details else "HEADER"
        return f"{kind}_{constant(self.header_names[h.element])}"

    def _docstring(self, op: Operation, params: tuple[FieldView, ...], method: str) -> str:
        offered = ", ".join(v.protocol.value for v in op.variants)
        result = op.result
        returns = result.doc if result is not None else ""
        body = f"Protocols: {offered}."
        if snake(op.name) in CLIENT_API:
            body += (
                f" Named ``{method}``, not ``{snake(op.name)}``: that name is the client's own"
                f" (``{snake(op.name)}``), which the operation must not replace."
            )
        args = [(p.py_name, p.doc) for p in params]
        if op.input_headers:
            names = ", ".join(h.element.name for h in op.input_headers)
            body += (
                f" SOAP headers: {names}, sent from the client's ``soap_headers`` unless "
                "``soap_headers`` is given here (HTTP GET/POST cannot carry them)."
            )
            args.append(("soap_headers", "Header values for this call only."))
        if op.output_headers:
            names = ", ".join(h.element.name for h in op.output_headers)
            body += f" The answer's SOAP headers ({names}): ``client.response_header(Type)``."
        if op.one_way:
            body += " One-way: the service accepts the call (202) and answers nothing."
        if op.faults:
            names = ", ".join(f.name for f in op.faults)
            body += (
                f" Declared faults ({names}) raise ``SoapFault``, the detail decoded in"
                " ``detail_value``."
            )
        return docstring(
            op.doc or f"Call ``{op.name}``.",
            body=body,
            args=args,
            returns=returns,
            indent="        ",
        )

    def _http_path(self, op: Operation) -> str:
        http = next((v for v in op.variants if not v.protocol.is_soap), None)
        address = urlsplit(self.service.base_url).path
        if http is None:
            return f"/{op.name}"
        return http.path[len(address) :] if http.path.startswith(address) else http.path

    def _pair(self, e: Element, name: str, op: Operation, imp: Imports) -> str:
        """Statement appending the form/query pairs of one parameter to ``pairs``."""
        item = self.types.schema.array_item(e.type)
        if e.repeated or item is not None:
            inner = self._text(item.type if item is not None else e.type, "v", imp)
            return f"pairs.extend(({e.name!r}, {inner}) for v in {name} or ())"
        if self.types.schema.complex_type(e.type) is not None:
            raise SpecError(
                SourceLine(self.service.source, 1),
                f"{op.name}: parameter {e.name!r} is a structure, which HTTP GET/POST cannot carry",
            )
        _, value = self.types.coerced(e, name, imp, imp, self.twins)
        text = self._text(e.type, value, imp)
        if e.min_occurs >= 1 and not e.nillable:
            return f"pairs.append(({e.name!r}, {text}))"
        return f"pairs.append(({e.name!r}, '' if {name} is None else {text}))"

    def _text(self, ref: TypeRef, expr: str, imp: Imports) -> str:
        return scalar_text(ref, expr, imp) if ref.is_scalar else f"{expr}.value"

    def default_protocol(self) -> str:
        protocols = self.service.protocols
        return (Protocol.SOAP11 if Protocol.SOAP11 in protocols else protocols[0]).value


def _open(name: QName) -> str:
    """Start tag of a payload root (request Body element, header) declaring its namespace."""
    return f'<{name.name} xmlns="{name.namespace}">' if name.namespace else f"<{name.name}>"


def _close(name: QName) -> str:
    return f"</{name.name}>"


def _fault_details(service: Service) -> dict[QName, SoapHeader]:
    """The declared ``wsdl:fault`` detail elements whose type is a structure (as header-like
    element specs: a class, a decoder), so a ``SoapFault`` carries its detail decoded."""
    found: dict[QName, SoapHeader] = {}
    for op in service.operations:
        for name in op.faults:
            el = service.schema.element(name.namespace, name.name)
            if el is not None and service.schema.complex_type(el.type) is not None:
                found.setdefault(name, SoapHeader(name, el.type))
    return found
