"""How model types look in Python: names, annotations, and the decode/encode expressions.

Templates stay declarative: every piece of Python that depends on a type (an annotation, the
expression that decodes an element, the one that encodes a value) is computed here from the
model and handed to the templates as strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from codegen.errors import SpecError
from codegen.model import ComplexType, Element, Operation, Protocol, Service, SourceLine, TypeRef
from codegen.naming import constant, pascal, snake, unique

#: xsd scalar → (Python type, codec suffix in ``wirekit.scalars``; "" for identity).
SCALARS: dict[str, tuple[str, str]] = {
    "string": ("str", ""),
    "anyURI": ("str", ""),
    "QName": ("str", ""),
    "duration": ("str", ""),
    "boolean": ("bool", "bool"),
    "int": ("int", "int"),
    "integer": ("int", "int"),
    "long": ("int", "int"),
    "short": ("int", "int"),
    "byte": ("int", "int"),
    "unsignedByte": ("int", "int"),
    "unsignedShort": ("int", "int"),
    "unsignedInt": ("int", "int"),
    "unsignedLong": ("int", "int"),
    "char": ("int", "int"),
    "decimal": ("Decimal", "decimal"),
    "double": ("float", "float"),
    "float": ("float", "float"),
    "dateTime": ("datetime", "datetime"),
    "date": ("date", "date"),
    "time": ("time", "time"),
    "guid": ("UUID", "uuid"),
    "base64Binary": ("bytes", "base64"),
}


def scalar_text(ref: TypeRef, expr: str) -> str:
    """Expression giving the xsd lexical form of the scalar value ``expr`` of type ``ref``."""
    suffix = SCALARS[ref.name][1]
    return f"enc_{suffix}({expr})" if suffix else expr


@dataclass(frozen=True)
class FieldView:
    py_name: str
    wire: str
    annotation: str
    default: str
    metadata: str
    tag: str
    #: Statement(s) run inside ``for child in el`` when ``child.tag == tag``.
    decode: str
    init: str
    required: bool
    encode: str


@dataclass(frozen=True)
class ClassView:
    name: str
    func: str
    wire: str
    doc: str
    fields: tuple[FieldView, ...]


@dataclass(frozen=True)
class EnumView:
    name: str
    wire: str
    doc: str
    members: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class OperationView:
    name: str
    method: str
    const: str
    doc: str
    params: tuple[FieldView, ...]
    protocols: tuple[str, ...]
    return_type: str
    result_tag: str
    response_tag: str
    http_root_tag: str
    http_path: str
    soap_action: str
    decode_result: str
    #: Decoding the result needs the element: ``None`` is handled before.
    result_nullable: bool
    void: bool
    pairs: tuple[str, ...]


class PyView:
    """The Python face of one service's model."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.schema = service.schema
        self.ns = service.namespace
        self.class_names = dict(
            zip(
                [t.name for t in self.schema.complex_types] + [t.name for t in self.schema.enums],
                unique(
                    [pascal(t.name) for t in self.schema.complex_types]
                    + [pascal(t.name) for t in self.schema.enums]
                ),
                strict=True,
            )
        )
        wires = sorted(
            {e.name for t in self.schema.complex_types for e in t.elements}
            | {e.name for op in service.operations for e in op.params}
            | {op.result.name for op in service.operations if op.result}
            | {op.response_element for op in service.operations}
            | {op.http_result_root for op in service.operations if op.http_result_root}
        )
        self.tags = dict(zip(wires, unique([f"_E_{constant(w)}" for w in wires]), strict=True))

    # --- types ---------------------------------------------------------------------------------

    def py_type(self, ref: TypeRef) -> str:
        if ref.is_scalar:
            return SCALARS[ref.name][0]
        item = self.schema.array_item(ref)
        if item is not None:
            return f"list[{self.py_type(item.type)}]"
        if self.schema.complex_type(ref) is None and self.schema.enum(ref) is None:
            raise SpecError(SourceLine(self.service.source, 0), f"type {ref.name!r} is undefined")
        return self.class_names[ref.name]

    def is_list(self, ref: TypeRef) -> bool:
        return self.schema.array_item(ref) is not None

    def value_expr(self, ref: TypeRef, var: str, depth: int = 1) -> str:
        """Expression decoding the (non-nil) element ``var`` of type ``ref``."""
        if ref.is_scalar:
            suffix = SCALARS[ref.name][1]
            return f"({var}.text or '')" if not suffix else f"dec_{suffix}({var}.text or '')"
        if self.schema.enum(ref) is not None:
            return f"{self.class_names[ref.name]}(({var}.text or '').strip())"
        item = self.schema.array_item(ref)
        if item is not None:
            v = f"c{depth}"
            # A nil item has no Python value in a list[T]; refuse it rather than invent one.
            inner = self.value_expr(item.type, f"_not_nil({v})" if item.nillable else v, depth + 1)
            return f"[{inner} for {v} in {var} if {v}.tag == {self.tags[item.name]}]"
        return f"decode_{snake(self.class_names[ref.name])}({var})"

    def encode_value(self, ref: TypeRef, expr: str, depth: int = 1) -> str:
        """Expression giving the XML content (text or children) for value ``expr``."""
        if ref.is_scalar:
            suffix = SCALARS[ref.name][1]
            return (
                f"esc({expr})"
                if not suffix
                else (
                    f"enc_{suffix}({expr})"
                    if suffix in ("int", "bool", "uuid", "float", "decimal")
                    else f"esc(enc_{suffix}({expr}))"
                )
            )
        if self.schema.enum(ref) is not None:
            return f"esc({expr}.value)"
        item = self.schema.array_item(ref)
        if item is not None:
            v = f"v{depth}"
            inner = self.encode_value(item.type, v, depth + 1)
            return f"''.join(['<{item.name}>' + {inner} + '</{item.name}>' for {v} in {expr}])"
        return f"encode_{snake(self.class_names[ref.name])}({expr})"

    def field(self, e: Element, py_name: str, accessor: str, *, param: bool = False) -> FieldView:
        """The view of a dataclass field, or (``param``) of a keyword parameter defaulting to None.

        A list field defaults to ``[]``; a list parameter defaults to ``None`` (a mutable default
        argument would be shared) and is then left out of the request, like any optional one.
        """
        base = self.py_type(e.type)
        tag = self.tags[e.name]
        is_list = self.is_list(e.type)
        value = self.value_expr(e.type, "child")
        if param and (e.repeated or is_list):
            required = False
            annotation, default = f"{'list[' + base + ']' if e.repeated else base} | None", "None"
            decode, init = f"{py_name} = {value}", f"{py_name}: {annotation} = None"
        elif e.repeated:
            annotation, default = f"list[{base}]", "field(default_factory=list)"
            decode, init, required = (
                f"{py_name}.append({value})",
                f"{py_name}: {annotation} = []",
                False,
            )
        elif is_list and not e.nillable:
            annotation, default = base, "field(default_factory=list)"
            decode, init, required = f"{py_name} = {value}", f"{py_name}: {annotation} = []", False
        else:
            required = e.min_occurs >= 1 and not e.nillable
            annotation = base if required else f"{base} | None"
            default = "" if required else "None"
            nil_check = "None if child.get(XSI_NIL) in _TRUE else " if e.nillable else ""
            decode = f"{py_name} = {nil_check}{value}"
            init = f"{py_name}: {base} | None = None"
        meta = {"name": e.name, "type": "Element", "namespace": self.ns}
        if is_list and not e.repeated:
            item = self.schema.array_item(e.type)
            assert item is not None
            meta = {"wrapper": e.name, "name": item.name, "type": "Element", "namespace": self.ns}
        if required:
            meta["required"] = True  # type: ignore[assignment]
        if e.nillable:
            meta["nillable"] = True  # type: ignore[assignment]
        return FieldView(
            py_name,
            e.name,
            annotation,
            default,
            repr(meta),
            tag,
            decode,
            init,
            required,
            self._encode_field(e, accessor, param=param),
        )

    def _encode_field(self, e: Element, accessor: str, *, param: bool = False) -> str:
        content = self.encode_value(e.type, "v" if e.repeated else accessor)
        open_, close = f"<{e.name}>", f"</{e.name}>"
        if e.repeated:
            items = f"{accessor} or ()" if param else accessor
            return f"''.join(['{open_}' + {content} + '{close}' for v in {items}])"
        one = f"'{open_}' + {content} + '{close}'"
        required = e.min_occurs >= 1 and not e.nillable
        if required or (self.is_list(e.type) and not e.nillable and not param):
            return one
        absent = f"'<{e.name} xsi:nil=\"true\" />'" if e.nillable else "''"
        return f"({absent} if {accessor} is None else {one})"

    def classes(self) -> list[ClassView]:
        out = []
        for t in self.schema.complex_types:
            if self.schema.array_item(TypeRef(self.ns, t.name)) is not None:
                continue  # ArrayOfX wrappers are Python lists
            out.append(self._class(t))
        return out

    def _class(self, t: ComplexType) -> ClassView:
        names = unique([snake(e.name) for e in t.elements])
        fields = tuple(self.field(e, n, f"obj.{n}") for e, n in zip(t.elements, names, strict=True))
        name = self.class_names[t.name]
        return ClassView(name, snake(name), t.name, t.doc, fields)

    def enums(self) -> list[EnumView]:
        return [
            EnumView(
                self.class_names[t.name],
                t.name,
                t.doc,
                tuple(
                    zip(unique([constant(v) or "EMPTY" for v in t.values]), t.values, strict=True)
                ),
            )
            for t in self.schema.enums
        ]

    # --- operations ----------------------------------------------------------------------------

    def operations(self) -> list[OperationView]:
        methods = unique([snake(op.name) for op in self.service.operations])
        return [
            self._operation(op, m) for op, m in zip(self.service.operations, methods, strict=True)
        ]

    def _operation(self, op: Operation, method: str) -> OperationView:
        names = unique([snake(e.name) for e in op.params])
        params = tuple(
            self.field(e, n, n, param=True) for e, n in zip(op.params, names, strict=True)
        )
        has_http = any(not v.protocol.is_soap for v in op.variants)
        pairs = (
            tuple(self._pair(e, n, op) for e, n in zip(op.params, names, strict=True))
            if has_http
            else ()
        )
        result = op.result
        if result is None:
            rtype, nullable, decode = "None", True, "None"
        else:
            base = self.py_type(result.type)
            nullable = result.type.is_scalar and not result.type.is_value_type
            rtype = f"{base} | None" if nullable else base
            decode = self.value_expr(result.type, "el")
        soap = next((v for v in op.variants if v.protocol.is_soap), None)
        http = next((v for v in op.variants if not v.protocol.is_soap), None)
        address = self.address_path()
        http_path = (
            http.path[len(address) :]
            if http and http.path.startswith(address)
            else (http.path if http else f"/{op.name}")
        )
        return OperationView(
            name=op.name,
            method=method,
            const=constant(op.name),
            doc=op.doc,
            params=params,
            protocols=tuple(v.protocol.value for v in op.variants),
            return_type=rtype,
            result_tag=self.tags[result.name] if result else "None",
            response_tag=self.tags[op.response_element],
            http_root_tag=self.tags[op.http_result_root] if op.http_result_root else "None",
            http_path=http_path,
            soap_action=soap.soap_action if soap else "",
            decode_result=decode,
            result_nullable=nullable,
            void=result is None,
            pairs=pairs,
        )

    def _pair(self, e: Element, name: str, op: Operation) -> str:
        """Statement appending the form/query pairs of one parameter to ``pairs``."""
        ref = e.type
        item = self.schema.array_item(ref)
        if e.repeated or item is not None:
            inner_ref = item.type if item is not None else ref
            inner = self._text(inner_ref, "v")
            return f"pairs.extend(({e.name!r}, {inner}) for v in {name} or ())"
        if self.schema.complex_type(ref) is not None:
            raise SpecError(
                SourceLine(self.service.source, 0),
                f"{op.name}: parameter {e.name!r} is a structure, which HTTP GET/POST cannot carry",
            )
        text = self._text(ref, name)
        if e.min_occurs >= 1 and not e.nillable:
            return f"pairs.append(({e.name!r}, {text}))"
        return f"pairs.append(({e.name!r}, '' if {name} is None else {text}))"

    def _text(self, ref: TypeRef, expr: str) -> str:
        return scalar_text(ref, expr) if ref.is_scalar else f"{expr}.value"

    def address_path(self) -> str:
        return urlsplit(self.service.base_url).path

    @property
    def protocols(self) -> tuple[str, ...]:
        return tuple(p.value for p in self.service.protocols)

    def default_protocol(self) -> str:
        return (
            Protocol.SOAP11.value
            if Protocol.SOAP11 in self.service.protocols
            else self.service.protocols[0].value
        )

    def scalar_imports(self) -> list[str]:
        used = {SCALARS[r.name][0] for r in self._refs() if r.is_scalar}
        return sorted(used)

    def _refs(self) -> list[TypeRef]:
        refs = [e.type for t in self.schema.complex_types for e in t.elements]
        refs += [e.type for op in self.service.operations for e in op.params]
        refs += [op.result.type for op in self.service.operations if op.result]
        return refs
