"""How XML schema types look in Python: names, annotations, and decode/encode expressions.

The model says what a type *is*; this view says how generated code spells it. Every method that
writes a name into generated code takes the ``Imports`` of the module being written and declares
the name there, so imports are computed from the model, never found in rendered text.
Expressions are single Python expressions (or one simple statement); the templates lay out the
code around them. ``xml_classes`` builds the per-class views on top of this; ``xml_view``
joins both into ``XmlTypes``.

Namespaces on the wire: a service whose elements are all qualified in its one target namespace
(every ASMX service) is written as before, under one default namespace declared on the payload's
root. Any other (unqualified children, WCF's several namespaces, qualified attributes) is
written with one fixed prefix per namespace (``ns0``…), declared once on the root; unqualified
names then carry no prefix and no default namespace is ever in scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from ..emit.imports import Imports
from ..errors import SpecError
from ..model import (
    ComplexType,
    Element,
    EnumType,
    Schema,
    SourceLine,
    TypeRef,
)
from ..naming import pascal, snake, unique
from .xml_records import ClassView, EnumView, FieldView
from .xml_scalars import (
    PARAM_RESERVED,
    PLAIN_TEXT,
    RESERVED_CLASSES,
    RESERVED_FIELDS,
    SCALARS,
    XML_NS,
    decoder,
    scalar_text,
    scalar_type,
    unique_avoiding,
    unique_classes,
)


class TypeNames:
    """Names, annotations and codec expressions of one XML schema's types (``XmlTypes``
    adds the per-class views)."""

    def __init__(self, schema: Schema, source: str, roots: tuple[TypeRef, ...] = ()) -> None:
        """``roots``: types used outside any type (SOAP headers, Bare parts) that must get a
        class even when anonymous (an operation wrapper's own type never does)."""
        self.schema = schema
        self.source = source
        self.ns = schema.namespace
        used = {e.type for t in schema.complex_types for e in t.elements} | set(roots)
        refs = [
            schema.ref(t) for t in schema.complex_types if not t.anonymous or schema.ref(t) in used
        ] + [schema.ref(t) for t in schema.enums]
        names = unique_classes([pascal(r.name) for r in refs], RESERVED_CLASSES)
        self.class_names: dict[TypeRef, str] = dict(zip(refs, names, strict=True))
        self.funcs: dict[TypeRef, str] = dict(
            zip(refs, unique([snake(n) for n in names]), strict=True)
        )
        #: (type, namespace, element) of the list fields decoded while parsing, when the
        #: answer is large (``xml_stream``); filled by the service view before rendering.
        self.streamed_fields: set[tuple[TypeRef, str, str]] = set()

    @cached_property
    def class_order(self) -> dict[TypeRef, tuple[int, int]]:
        """The emitted complex types (not ASMX's ``ArrayOfX`` wrappers) in emission order, bases
        before the classes derived from them: each with (depth, its index in the schema)."""
        keyed: list[tuple[TypeRef, tuple[int, int]]] = []
        for i, ct in enumerate(self.schema.complex_types):
            ref = self.schema.ref(ct)
            if ref in self.class_names and self.schema.array_item(ref) is None:
                keyed.append((ref, (self.depth(ct), i)))
        return dict(sorted(keyed, key=lambda item: item[1]))

    def depth(self, ct: ComplexType) -> int:
        """How many bases ``ct`` derives from."""
        depth, base = 0, ct.base
        while base is not None:
            depth += 1
            parent = self.schema.complex_type(base)
            base = parent.base if parent is not None else None
        return depth

    def enums_of(self, refs: Iterable[TypeRef]) -> list[EnumType]:
        """The enumerations among ``refs``, in schema order."""
        return sorted(
            (e for e in map(self.schema.enum, refs) if e is not None),
            key=self.schema.enums.index,
        )

    # --- namespaces ------------------------------------------------------------------------

    def ns_of(self, e: Element) -> str:
        return self.ns if e.namespace is None else e.namespace

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """Namespace → prefix; empty when the one-default-namespace form is used."""
        used: set[str] = set()
        plain = True
        for t in self._reachable():
            for e in t.elements:
                if not e.wildcard:
                    used.add(self.ns_of(e))
            for a in t.attributes:
                if a.namespace and a.namespace != XML_NS:
                    plain = False
                    used.add(a.namespace)
            if t.base is not None or self.schema.subtypes.get(self.schema.ref(t)):
                used.add(self.schema.ns_of(t))  # named by xsi:type values
        used |= {self.ns_of(e) for e in self.schema.elements}
        if plain and used <= {self.ns}:
            return {}
        ordered = [self.ns, *sorted(used - {self.ns, "", XML_NS})]
        return {ns: f"ns{i}" for i, ns in enumerate(ordered)}

    def _reachable(self) -> list[ComplexType]:
        """The complex types a payload can contain: those of the target namespace and those
        its top-level elements reach (ASMX's ``AbstractTypes`` schema, which no element uses and
        only HTTP GET/POST refer to, must not change how SOAP payloads are written)."""
        schema = self.schema
        todo = [e.type for e in schema.elements]
        todo += [schema.ref(t) for t in schema.complex_types if schema.ns_of(t) == self.ns]
        seen: set[TypeRef] = set()
        found: list[ComplexType] = []
        while todo:
            ref = todo.pop()
            t = schema.complex_type(ref)
            if ref in seen or t is None:
                continue
            seen.add(ref)
            found.append(t)
            todo += [e.type for e in t.elements]
            todo += [s.ref(x) for s in [schema] for x in schema.subtypes.get(ref, ())]
            if t.base is not None:
                todo.append(t.base)
        return found

    def qname(self, ns: str, name: str) -> str:
        """How a (qualified or not) name is written in this service's payloads."""
        if ns == XML_NS:
            return f"xml:{name}"
        if not ns or not self.prefixes:
            return name
        return f"{self.prefixes[ns]}:{name}"

    def element_qname(self, e: Element) -> str:
        return self.qname(self.ns_of(e), e.name)

    def root_open(self, ns: str, name: str) -> str:
        """The start tag of a payload root (request wrapper, Bare part, header), declaring
        every namespace its content uses."""
        if not self.prefixes:
            return f'<{name} xmlns="{ns}">' if ns else f"<{name}>"
        decls = "".join(f' xmlns:{p}="{u}"' for u, p in self.prefixes.items())
        return f"<{self.qname(ns, name)}{decls}>"

    def root_close(self, ns: str, name: str) -> str:
        return f"</{self.qname(ns, name)}>"

    def tag(self, wire: str | Element) -> str:
        """The Clark name literal lxml reports for an element (a bare name: of this schema)."""
        if isinstance(wire, Element):
            ns, name = self.ns_of(wire), wire.name
        else:
            ns, name = self.ns, wire
        return repr(f"{{{ns}}}{name}" if ns else name)

    def xsi_type(self, ref: TypeRef) -> str:
        """The ``xsi:type`` attribute text naming ``ref``."""
        return f' xsi:type="{self.qname(ref.namespace, ref.name)}"'

    # --- types -----------------------------------------------------------------------------

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
        many = e.repeated or item is not None or e.wildcard
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
        if item is not None and item.nillable:
            flags += ", nil_items=True"
        return f"{param}({py_name!r}, {kind!r}{flags}{extra})"

    def model(self, ref: TypeRef, imp: Imports | None) -> str:
        """A generated class's name; declared as imported from ``.models`` unless local."""
        name = self.class_names[ref]
        return imp.add(".models", name) if imp is not None else name

    def func(self, ref: TypeRef) -> str:
        return self.funcs[ref]

    def codec(self, kind: str, ref: TypeRef, imp: Imports) -> str:
        """The ``decode_<type>``/``encode_<type>`` function of a class, declared in ``imp`` as
        imported from ``.codecs`` (its placement resolves it: nothing when defined there)."""
        return imp.add(".codecs", f"{kind}_{self.funcs[ref]}")

    def py_type(self, ref: TypeRef, imp: Imports) -> str:
        """The annotation of a value of ``ref``; a generated class is declared in ``imp`` as
        imported from ``.models`` (its placement resolves it: nothing when defined there)."""
        if ref.is_scalar:
            return scalar_type(ref, imp)
        if ref.is_raw:
            return f"{imp.add('lxml', 'etree')}._Element"
        item = self.schema.array_item(ref)
        if item is not None:
            # A nillable item (ASMX/WCF ``ArrayOfString``) may be nil on the wire: None, as zeep.
            nil = " | None" if item.nillable else ""
            return f"list[{self.py_type(item.type, imp)}{nil}]"
        listed = self.schema.list_type(ref)
        if listed is not None:
            return f"list[{self.py_type(listed.item, imp)}]"
        if self.schema.complex_type(ref) is None and self.schema.enum(ref) is None:
            raise SpecError(SourceLine(self.source, 1), f"type {ref.name!r} is undefined")
        return self.model(ref, imp)

    def is_list(self, ref: TypeRef) -> bool:
        return self.schema.array_item(ref) is not None

    def value_expr(self, ref: TypeRef, var: str, imp: Imports, depth: int = 1) -> str:
        """Expression decoding the (non-nil) element ``var`` of type ``ref`` (in codecs.py)."""
        if ref.is_scalar:
            func = decoder(ref, imp)
            return f"{func}({var}.text or '')" if func else f"({var}.text or '')"
        if ref.is_raw:
            return var
        if self.schema.enum(ref) is not None:
            return f"{self.model(ref, imp)}(({var}.text or '').strip())"
        listed = self.schema.list_type(ref)
        if listed is not None:
            item_text = self._item_text(listed.item, "x", imp)
            if item_text == "x":  # strings: no comprehension (ruff's C416)
                return f"({var}.text or '').split()"
            return f"[{item_text} for x in ({var}.text or '').split()]"
        item = self.schema.array_item(ref)
        if item is not None:
            v = f"c{depth}"
            inner = self.value_expr(item.type, v, imp, depth + 1)
            if item.nillable:  # a nil item is None (``list[T | None]``), as zeep reads it
                inner = f"None if {imp.add('wirekit.codec', 'is_nil')}({v}) else {inner}"
            return f"[{inner} for {v} in {var} if {v}.tag == {self.tag(item)}]"
        return f"{self.codec('decode', ref, imp)}({var})"

    def _item_text(self, ref: TypeRef, var: str, imp: Imports) -> str:
        """Decoding one item of an ``xs:list`` from its text ``var``."""
        if self.schema.enum(ref) is not None:
            return f"{self.model(ref, imp)}({var})"
        func = decoder(ref, imp)
        return f"{func}({var})" if func else var

    def text_of(self, ref: TypeRef, expr: str, imp: Imports) -> str:
        """The escaped text of a simple value (scalar, enumeration, list)."""
        if ref.is_scalar:
            text = scalar_text(ref, expr, imp)
            if SCALARS[ref.name][2] in PLAIN_TEXT:
                return text
            return f"{imp.add('wirekit.codec', 'esc')}({text})"
        if self.schema.enum(ref) is not None:
            return f"{imp.add('wirekit.codec', 'esc')}({expr}.value)"
        listed = self.schema.list_type(ref)
        if listed is not None:
            inner = self.text_of(listed.item, "x", imp)
            return f"' '.join({expr})" if inner == "x" else f"' '.join([{inner} for x in {expr}])"
        raise SpecError(SourceLine(self.source, 1), f"{ref.name!r} is not a simple type")

    def encode_value(self, ref: TypeRef, expr: str, imp: Imports, depth: int = 1) -> str:
        """Expression giving the XML content (text or children) of a simple or array value."""
        item = self.schema.array_item(ref)
        if item is not None:
            v = f"v{depth}"
            inner = self.encode_element(item, v, imp, depth + 1)
            if item.nillable:  # a None item goes out nil, as zeep writes it
                nil = f'<{self.element_qname(item)} xsi:nil="true" />'
                inner = f"({nil!r} if {v} is None else {inner})"
            return f"''.join([{inner} for {v} in {expr}])"
        return self.text_of(ref, expr, imp)

    def encode_element(self, e: Element, expr: str, imp: Imports, depth: int = 1) -> str:
        """Expression writing element ``e`` holding the (non-None) value ``expr``."""
        if e.wildcard:
            return f"{imp.add('wirekit.codec', 'raw_any')}({expr})"
        if e.type.is_raw:
            return f"{imp.add('wirekit.codec', 'raw')}({expr}, {self.tag(e)})"
        qname = self.element_qname(e)
        if self.schema.complex_type(e.type) is not None and not self.is_list(e.type):
            return f"{self.codec('encode', e.type, imp)}({expr}, {qname!r})"
        content = self.encode_value(e.type, expr, imp, depth)
        return f"'<{qname}>' + {content} + '</{qname}>'"

    def encode_root(self, ns: str, name: str, ref: TypeRef, expr: str, imp: Imports) -> str:
        """Expression writing a payload root (a SOAP header, a Bare part) of type ``ref``:
        the whole element, namespaces declared."""
        if self.schema.complex_type(ref) is not None and not self.is_list(ref):
            open_ = self.root_open(ns, name)
            extra = open_[len(self.qname(ns, name)) + 1 : -1]
            encode = self.codec("encode", ref, imp)
            return f"{encode}({expr}, {self.qname(ns, name)!r}, {extra!r})"
        if ref.is_raw:  # B: raw XML (the NF-e nfeDadosMsg shape) written as that element
            clark = f"{{{ns}}}{name}" if ns else name
            return f"{imp.add('wirekit.codec', 'raw')}({expr}, {clark!r})"
        content = self.encode_value(ref, expr, imp)
        return f"{self.root_open(ns, name)!r} + {content} + {self.root_close(ns, name)!r}"


__all__ = [
    "PARAM_RESERVED",
    "RESERVED_CLASSES",
    "RESERVED_FIELDS",
    "SCALARS",
    "XML_NS",
    "ClassView",
    "EnumView",
    "FieldView",
    "TypeNames",
    "decoder",
    "scalar_text",
    "scalar_type",
    "unique_avoiding",
    "unique_classes",
]
