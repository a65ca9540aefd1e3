"""How XML schema types look in Python: names, annotations, and decode/encode expressions.

The model says what a type *is*; this view says how generated code spells it. Every method that
writes a name into generated code takes the ``Imports`` of the module being written and declares
the name there, so imports are computed from the model, never found in rendered text.
Expressions are single Python expressions (or one simple statement); the templates lay out the
code around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..emit.docstrings import docstring
from ..emit.imports import Imports
from ..errors import SpecError
from ..model import ComplexType, Element, Schema, SourceLine, TypeRef
from ..naming import constant, pascal, snake, unique

#: xsd scalar → (Python type, its module or "", codec suffix in ``wirekit.scalars`` or "").
SCALARS: dict[str, tuple[str, str, str]] = {
    "string": ("str", "", ""),
    "anyURI": ("str", "", ""),
    "QName": ("str", "", ""),
    "duration": ("str", "", ""),
    "boolean": ("bool", "", "bool"),
    "int": ("int", "", "int"),
    "integer": ("int", "", "int"),
    "long": ("int", "", "int"),
    "short": ("int", "", "int"),
    "byte": ("int", "", "int"),
    "unsignedByte": ("int", "", "int"),
    "unsignedShort": ("int", "", "int"),
    "unsignedInt": ("int", "", "int"),
    "unsignedLong": ("int", "", "int"),
    "char": ("int", "", "int"),
    "decimal": ("Decimal", "decimal", "decimal"),
    "double": ("float", "", "float"),
    "float": ("float", "", "float"),
    "dateTime": ("datetime", "datetime", "datetime"),
    "date": ("date", "datetime", "date"),
    "time": ("time", "datetime", "time"),
    "guid": ("UUID", "uuid", "uuid"),
    "base64Binary": ("bytes", "", "base64"),
}
#: Scalars whose encoded text never needs XML escaping.
_PLAIN_TEXT = ("int", "bool", "uuid", "float", "decimal")


def scalar_type(ref: TypeRef, imp: Imports) -> str:
    py, module, _ = SCALARS[ref.name]
    return imp.add(module, py) if module else py


def decoder(ref: TypeRef, imp: Imports) -> str:
    """The name of the function turning xsd text of ``ref`` into its value ("" for str)."""
    suffix = SCALARS[ref.name][2]
    return imp.add("wirekit.scalars", f"decode_{suffix}", f"dec_{suffix}") if suffix else ""


def scalar_text(ref: TypeRef, expr: str, imp: Imports) -> str:
    """Expression giving the xsd lexical form of the scalar value ``expr`` of type ``ref``."""
    suffix = SCALARS[ref.name][2]
    if not suffix:
        return expr
    return f"{imp.add('wirekit.scalars', f'encode_{suffix}', f'enc_{suffix}')}({expr})"


@dataclass(frozen=True)
class FieldView:
    """One dataclass field or keyword parameter, with what its codecs do with it."""

    py_name: str
    wire: str
    annotation: str
    #: "" (required), "None", or "list" (``default_factory=list``).
    default: str
    metadata: str
    #: The statement run inside ``for child in el`` when the child's tag is ``tag``.
    tag: str
    decode: str
    #: The local variable's declaration before the loop.
    init: str
    required: bool
    encode: str
    doc: str

    @property
    def doc_literal(self) -> str:
        """The field's attribute docstring (the line after it), from the spec's documentation."""
        return docstring(self.doc, indent="    ")


@dataclass(frozen=True)
class ClassView:
    name: str
    func: str
    wire: str
    docstring: str
    fields: tuple[FieldView, ...]


@dataclass(frozen=True)
class EnumView:
    name: str
    wire: str
    docstring: str
    members: tuple[tuple[str, str], ...]


class XmlTypes:
    """The Python face of one XML schema (an ASMX service's, or a REST service's XSD)."""

    def __init__(self, schema: Schema, source: str) -> None:
        self.schema = schema
        self.source = source
        self.ns = schema.namespace
        names = [t.name for t in schema.complex_types] + [t.name for t in schema.enums]
        self.class_names = dict(zip(names, unique([pascal(n) for n in names]), strict=True))
        self.funcs = dict(
            zip(names, unique([snake(self.class_names[n]) for n in names]), strict=True)
        )

    @cached_property
    def guid_names(self) -> frozenset[str]:
        """Upper-cased names of GUID-typed elements: a string parameter of the same name takes
        the value a call returned (a ``UUID``) as well as text."""
        return frozenset(
            e.name.upper()
            for t in self.schema.complex_types
            for e in t.elements
            if e.type.is_scalar and e.type.name == "guid"
        )

    def coerced(
        self, e: Element, expr: str, imp: Imports, types: Imports, twins: frozenset[str]
    ) -> tuple[str, str]:
        """(annotation, expression) of a scalar parameter that accepts both forms of a GUID:
        ``UUID | str`` for a GUID (text is parsed strictly), ``str | UUID`` for a string named
        like a GUID the service returns; ``("", expr)`` for every other parameter."""
        if not e.type.is_scalar or e.repeated:
            return "", expr
        if e.type.name == "guid":
            types.add("uuid", "UUID")
            return "UUID | str", f"{imp.add('wirekit.codec', 'as_uuid')}({expr})"
        if e.type.name == "string" and e.name.upper() in twins:
            types.add("uuid", "UUID")
            return "str | UUID", f"str({expr})"
        return "", expr

    def param_check(self, e: Element, py_name: str, imp: Imports, *, xml: bool = True) -> str:
        """The ``wirekit.arguments.Param`` literal describing one parameter (declared in
        ``imp``): what kind of value it takes, whether it is required, whether it is a list.
        ``xml``: the value travels in XML (strings must be XML 1.0 characters)."""
        param = imp.add("wirekit.arguments", "Param")
        item = self.schema.array_item(e.type)
        many = e.repeated or item is not None
        ref = item.type if item is not None else e.type
        both, _ = self.coerced(e, "", Imports(), Imports(), self.guid_names)
        extra = ""
        if both:
            kind = "uuid|str" if both.startswith("UUID") else "str|uuid"
        elif ref.is_scalar:
            kind = SCALARS[ref.name][0].lower()
            if not xml:  # JSON and URLs: any UTF-8 text, finite numbers only
                kind = {"str": "text", "float": "number"}.get(kind, kind)
        elif self.schema.enum(ref) is not None:
            kind, extra = "enum", f", enum={self.model(ref, imp)}"
        else:
            kind = "any"
        required = e.min_occurs >= 1 and not e.nillable and not many
        flags = (", required=True" if required else "") + (", many=True" if many else "")
        return f"{param}({py_name!r}, {kind!r}{flags}{extra})"

    def tag(self, wire: str) -> str:
        """The Clark name literal lxml reports for element ``wire`` of this schema."""
        return repr(f"{{{self.ns}}}{wire}" if self.ns else wire)

    def model(self, ref: TypeRef, imp: Imports | None) -> str:
        """A generated class's name; declared as imported from ``.models`` unless local."""
        name = self.class_names[ref.name]
        return imp.add(".models", name) if imp is not None else name

    def py_type(self, ref: TypeRef, imp: Imports, local: bool = False) -> str:
        if ref.is_scalar:
            return scalar_type(ref, imp)
        item = self.schema.array_item(ref)
        if item is not None:
            return f"list[{self.py_type(item.type, imp, local)}]"
        if self.schema.complex_type(ref) is None and self.schema.enum(ref) is None:
            raise SpecError(SourceLine(self.source, 1), f"type {ref.name!r} is undefined")
        return self.model(ref, None if local else imp)

    def is_list(self, ref: TypeRef) -> bool:
        return self.schema.array_item(ref) is not None

    def value_expr(self, ref: TypeRef, var: str, imp: Imports, depth: int = 1) -> str:
        """Expression decoding the (non-nil) element ``var`` of type ``ref`` (in codecs.py)."""
        if ref.is_scalar:
            func = decoder(ref, imp)
            return f"{func}({var}.text or '')" if func else f"({var}.text or '')"
        if self.schema.enum(ref) is not None:
            return f"{self.model(ref, imp)}(({var}.text or '').strip())"
        item = self.schema.array_item(ref)
        if item is not None:
            v = f"c{depth}"
            # A nil item has no Python value in a list[T]; refuse it rather than invent one.
            inner_var = f"{imp.add('wirekit.codec', 'not_nil')}({v})" if item.nillable else v
            inner = self.value_expr(item.type, inner_var, imp, depth + 1)
            return f"[{inner} for {v} in {var} if {v}.tag == {self.tag(item.name)}]"
        return f"decode_{self.funcs[ref.name]}({var})"

    def encode_value(self, ref: TypeRef, expr: str, imp: Imports, depth: int = 1) -> str:
        """Expression giving the XML content (text or children) for value ``expr``."""
        if ref.is_scalar:
            text = scalar_text(ref, expr, imp)
            if SCALARS[ref.name][2] in _PLAIN_TEXT:
                return text
            return f"{imp.add('wirekit.codec', 'esc')}({text})"
        if self.schema.enum(ref) is not None:
            return f"{imp.add('wirekit.codec', 'esc')}({expr}.value)"
        item = self.schema.array_item(ref)
        if item is not None:
            v = f"v{depth}"
            inner = self.encode_value(item.type, v, imp, depth + 1)
            return f"''.join(['<{item.name}>' + {inner} + '</{item.name}>' for {v} in {expr}])"
        return f"encode_{self.funcs[ref.name]}({expr})"

    def field(
        self,
        e: Element,
        py_name: str,
        accessor: str,
        imp: Imports,
        *,
        param: bool = False,
        types: Imports | None = None,
    ) -> FieldView:
        """A dataclass field, or (``param``) a keyword parameter defaulting to None.

        Codec expressions declare their names in ``imp``; the annotation in ``types`` when given
        (models.py, where model classes are local, or client.py, which writes no codec).

        A list field defaults to ``[]``; a list parameter defaults to ``None`` (a mutable default
        argument would be shared) and is then left out of the request, like any optional one.
        """
        base = self.py_type(e.type, types or imp, local=types is not None and not param)
        value_expr = accessor
        if param:
            both, value_expr = self.coerced(e, accessor, imp, types or imp, self.guid_names)
            base = both or base
        tag = self.tag(e.name)
        is_list = self.is_list(e.type)
        value = self.value_expr(e.type, "child", imp)
        required = False
        if param and (e.repeated or is_list):
            annotation = f"{'list[' + base + ']' if e.repeated else base} | None"
            default, decode = "None", f"{py_name} = {value}"
        elif e.repeated:
            annotation, default = f"list[{base}]", "list"
            decode = f"{py_name}.append({value})"
        elif is_list and not e.nillable:
            annotation, default, decode = base, "list", f"{py_name} = {value}"
        else:
            required = e.min_occurs >= 1 and not e.nillable
            annotation = base if required else f"{base} | None"
            default = "" if required else "None"
            nil_check = (
                f"None if {imp.add('wirekit.codec', 'is_nil')}(child) else " if e.nillable else ""
            )
            decode = f"{py_name} = {nil_check}{value}"
        init_type = annotation if default == "list" else f"{base} | None"
        init = f"{py_name}: {init_type} = {'[]' if default == 'list' else 'None'}"
        return FieldView(
            py_name,
            e.name,
            annotation,
            default,
            self._metadata(e, required, is_list),
            tag,
            decode,
            init,
            required,
            self._encode_field(e, accessor, imp, param=param, value=value_expr),
            e.doc,
        )

    def _metadata(self, e: Element, required: bool, is_list: bool) -> str:
        meta: dict[str, object] = {"name": e.name, "type": "Element", "namespace": self.ns}
        if is_list and not e.repeated:
            item = self.schema.array_item(e.type)
            assert item is not None
            meta = {"wrapper": e.name, "name": item.name, "type": "Element", "namespace": self.ns}
        if required:
            meta["required"] = True
        if e.nillable:
            meta["nillable"] = True
        return repr(meta)

    def _encode_field(
        self, e: Element, accessor: str, imp: Imports, *, param: bool, value: str = ""
    ) -> str:
        content = self.encode_value(e.type, "v" if e.repeated else value or accessor, imp)
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

    def classes(self, imp: Imports, types: Imports | None = None) -> list[ClassView]:
        """The dataclasses (every complex type but ASMX's ``ArrayOfX`` wrappers, which are
        Python lists): codec names declared in ``imp``, annotations in ``types`` (models.py)."""
        return [
            self._class(t, imp, types)
            for t in self.schema.complex_types
            if self.schema.array_item(TypeRef(self.ns, t.name)) is None
        ]

    def _class(self, t: ComplexType, imp: Imports, types: Imports | None) -> ClassView:
        names = unique([snake(e.name) for e in t.elements])
        fields = tuple(
            self.field(e, n, f"obj.{n}", imp, types=types)
            for e, n in zip(t.elements, names, strict=True)
        )
        name = self.model(TypeRef(self.ns, t.name), imp if types is None else None)
        doc = docstring(t.doc or f"The ``{t.name}`` type of the service.", indent="    ")
        return ClassView(name, self.funcs[t.name], t.name, doc, fields)

    def enums(self) -> list[EnumView]:
        return [
            EnumView(
                self.class_names[t.name],
                t.name,
                docstring(t.doc or f"Values of ``{t.name}``.", indent="    "),
                tuple(
                    zip(unique([constant(v) or "EMPTY" for v in t.values]), t.values, strict=True)
                ),
            )
            for t in self.schema.enums
        ]
