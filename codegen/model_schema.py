"""The XML half of the intermediate model: built-in scalars, type references, elements,
attributes, complex, enumeration and list types, and the ``Schema`` that indexes them.

It is what the XSD reader (``codegen.read.xsd``) fills and every XML emitter reads; it knows
nothing of operations, protocols or documentation, which ``codegen.model`` adds on top (and
re-exports these names from, so ``from codegen.model import Schema`` keeps working). Frozen and
ordered, like the rest of the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

XSD_NS = "http://www.w3.org/2001/XMLSchema"
#: ASMX puts ``guid`` and ``char`` into this namespace (simple types restricting xs:string/xs:int).
MS_TYPES_NS = "http://microsoft.com/wsdl/types/"
#: WCF's DataContract serializer puts ``guid``, ``char`` and ``duration`` into this one.
SER_NS = "http://schemas.microsoft.com/2003/10/Serialization/"


#: xsd built-in (and ASMX ``guid``/``char``) type names the kit understands, by local name.
SCALAR_TYPES: tuple[str, ...] = (
    "anyURI",
    "base64Binary",
    "boolean",
    "byte",
    "char",
    "date",
    "dateTime",
    "decimal",
    "double",
    "duration",
    "float",
    "guid",
    "int",
    "integer",
    "long",
    "QName",
    "short",
    "string",
    "time",
    "unsignedByte",
    "unsignedInt",
    "unsignedLong",
    "unsignedShort",
)
#: The other built-ins, read as the Python type of their base (``token`` → str, ``gYear`` → str,
#: ``positiveInteger`` → int, ``hexBinary`` → bytes); kept apart so the tuple above, which the
#: help-page reader and the seeds' output depend on, stays as it was.
MORE_SCALAR_TYPES: tuple[str, ...] = (
    "anySimpleType",
    "dateTimeOffset",
    "ENTITY",
    "gDay",
    "gMonth",
    "gMonthDay",
    "gYear",
    "gYearMonth",
    "hexBinary",
    "ID",
    "IDREF",
    "language",
    "Name",
    "NCName",
    "negativeInteger",
    "NMTOKEN",
    "nonNegativeInteger",
    "nonPositiveInteger",
    "normalizedString",
    "NOTATION",
    "positiveInteger",
    "token",
)

_SCALAR_NAMES = frozenset(SCALAR_TYPES) | frozenset(MORE_SCALAR_TYPES)
_SCALAR_NAMESPACES = frozenset((XSD_NS, MS_TYPES_NS))
#: ``xs:anyType`` (and ``xs:any``, mixed content, the .NET DataSet/XmlNode shapes): raw XML, an
#: lxml element the user reads or builds; it round-trips as written.
ANY_TYPE_NAME = "anyType"

#: Namespace of ``TypeRef``s naming JSON Schema definitions (``Service.json_schemas``).
JSON_NS = "urn:polybind:json-schema"

#: .NET value types: ASMX declares them ``minOccurs="1"``; reference types get ``minOccurs="0"``.
VALUE_TYPES = frozenset(SCALAR_TYPES) - {"string", "anyURI", "base64Binary", "QName", "duration"}


@dataclass(frozen=True, order=True)
class TypeRef:
    """A reference to a type by qualified name; ``is_scalar`` types are built in."""

    namespace: str
    name: str

    @cached_property  # asked of every element by every emitter: computed once per reference
    def is_scalar(self) -> bool:
        return self.namespace in _SCALAR_NAMESPACES and self.name in _SCALAR_NAMES

    @property
    def is_raw(self) -> bool:
        """``xs:anyType``: the value is raw XML (an lxml element)."""
        return self.namespace == XSD_NS and self.name == ANY_TYPE_NAME

    @property
    def is_value_type(self) -> bool:
        return self.is_scalar and self.name in VALUE_TYPES


def scalar(name: str) -> TypeRef:
    """The reference to built-in ``name`` in the namespace ASMX uses for it."""
    if name not in SCALAR_TYPES:
        raise ValueError(f"unknown scalar type {name!r}")
    return TypeRef(MS_TYPES_NS if name in ("guid", "char") else XSD_NS, name)


#: The raw-XML type (see ``ANY_TYPE_NAME``).
ANY_TYPE = TypeRef(XSD_NS, ANY_TYPE_NAME)


@dataclass(frozen=True)
class Element:
    """One child element of a sequence, one operation parameter, or one operation result."""

    name: str
    type: TypeRef
    min_occurs: int = 0
    max_occurs: int | None = 1  # None: unbounded
    nillable: bool = False
    doc: str = ""
    #: The wire namespace after the form rules: "" is unqualified; ``None`` (readers of the
    #: help pages and OpenAPI) means the schema's own namespace.
    namespace: str | None = None
    #: An ``xs:any`` wildcard: every child no other field claims, as raw elements.
    wildcard: bool = False
    #: The schema's ``default`` value (informational: decoders never invent absent values).
    default: str | None = None
    #: Members of one ``xs:choice`` share a number (> 0): at most one of them is sent.
    choice: int = 0

    @property
    def repeated(self) -> bool:
        return self.max_occurs is None or self.max_occurs > 1


@dataclass(frozen=True)
class Attribute:
    """One XML attribute of a complex type."""

    name: str
    #: A scalar, an ``EnumType`` or a ``ListType``.
    type: TypeRef
    #: "" unless the attribute is qualified (``form="qualified"``, ``attributeFormDefault``).
    namespace: str = ""
    required: bool = False
    default: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class ComplexType:
    """An ``xs:complexType``: child elements, attributes, a base type.

    ``elements`` and ``attributes`` are complete (a derived type's include its base's, base
    first), so a codec never has to walk the hierarchy; ``base`` says where they came from.
    """

    name: str
    elements: tuple[Element, ...]
    doc: str = ""
    #: The type's namespace; ``None`` (help-page and OpenAPI readers): the schema's.
    namespace: str | None = None
    attributes: tuple[Attribute, ...] = ()
    #: ``complexContent`` extension/restriction base: a derived value is sent with ``xsi:type``.
    base: TypeRef | None = None
    abstract: bool = False
    #: ``anyAttribute``: attributes no field claims are kept as a ``dict``.
    any_attribute: bool = False
    #: ``simpleContent``: the type of the element's text (the ``value`` field).
    value: TypeRef | None = None
    #: Synthesized for an anonymous ``xs:complexType`` (named after its element).
    anonymous: bool = False


@dataclass(frozen=True)
class EnumType:
    """An ``xs:simpleType`` restricting a built-in to enumerated values (.NET enums)."""

    name: str
    values: tuple[str, ...]
    doc: str = ""
    namespace: str | None = None
    #: The restricted built-in: text (``string``, ``token``…) or a number (``int``…).
    base: TypeRef | None = None


@dataclass(frozen=True)
class ListType:
    """An ``xs:list``: a space-separated list of ``item`` values (a ``[Flags]`` enum, say)."""

    name: str
    item: TypeRef
    doc: str = ""
    namespace: str | None = None


@dataclass(frozen=True)
class Schema:
    """The types of a service: of its target ``namespace`` and of every namespace it imports.

    Types are looked up by qualified name (``TypeRef``); ``elements`` are the top-level
    elements (wrappers, headers, Bare parts), looked up with ``element(namespace, name)``.
    """

    namespace: str
    complex_types: tuple[ComplexType, ...] = ()
    enums: tuple[EnumType, ...] = ()
    lists: tuple[ListType, ...] = ()
    elements: tuple[Element, ...] = ()

    # O(1) lookups: indexes built on first use (``cached_property`` writes the instance
    # ``__dict__``, which a frozen dataclass without slots allows; not fields, so equality and
    # ``replace`` ignore them). Built from the end, so the first of a repeated name wins.

    def ns_of(self, t: ComplexType | EnumType | ListType) -> str:
        return self.namespace if t.namespace is None else t.namespace

    @cached_property
    def _complex_index(self) -> dict[tuple[str, str], ComplexType]:
        return {(self.ns_of(t), t.name): t for t in reversed(self.complex_types)}

    @cached_property
    def _enum_index(self) -> dict[tuple[str, str], EnumType]:
        return {(self.ns_of(t), t.name): t for t in reversed(self.enums)}

    @cached_property
    def _list_index(self) -> dict[tuple[str, str], ListType]:
        return {(self.ns_of(t), t.name): t for t in reversed(self.lists)}

    @cached_property
    def _element_index(self) -> dict[tuple[str, str], Element]:
        return {
            (self.namespace if e.namespace is None else e.namespace, e.name): e
            for e in reversed(self.elements)
        }

    def complex_type(self, ref: TypeRef) -> ComplexType | None:
        return self._complex_index.get((ref.namespace, ref.name))

    def enum(self, ref: TypeRef) -> EnumType | None:
        return self._enum_index.get((ref.namespace, ref.name))

    def list_type(self, ref: TypeRef) -> ListType | None:
        return self._list_index.get((ref.namespace, ref.name))

    def element(self, namespace: str, name: str) -> Element | None:
        """The top-level element ``{namespace}name``, or ``None``."""
        return self._element_index.get((namespace, name))

    def ref(self, t: ComplexType | EnumType | ListType) -> TypeRef:
        return TypeRef(self.ns_of(t), t.name)

    @cached_property
    def subtypes(self) -> dict[TypeRef, tuple[ComplexType, ...]]:
        """Every complex type derived (directly or not) from each base, in schema order."""
        found: dict[TypeRef, list[ComplexType]] = {}
        for t in self.complex_types:
            base = t.base
            while base is not None:
                found.setdefault(base, []).append(t)
                parent = self.complex_type(base)
                base = parent.base if parent is not None else None
        return {k: tuple(v) for k, v in found.items()}

    def array_item(self, ref: TypeRef) -> Element | None:
        """The item element when ``ref`` is an ASMX ``ArrayOfX`` wrapper, else ``None``.

        .NET proxies show such wrappers as plain arrays; so does the kit.
        """
        ct = self.complex_type(ref)
        if ct is None or len(ct.elements) != 1 or ct.attributes or ct.value is not None:
            return None
        if ct.base is not None or self.subtypes.get(ref) or ct.any_attribute:
            return None
        item = ct.elements[0]
        if item.wildcard:
            return None
        return item if item.max_occurs is None and item.min_occurs == 0 else None


__all__ = [
    "ANY_TYPE",
    "ANY_TYPE_NAME",
    "JSON_NS",
    "MORE_SCALAR_TYPES",
    "MS_TYPES_NS",
    "SCALAR_TYPES",
    "SER_NS",
    "VALUE_TYPES",
    "XSD_NS",
    "Attribute",
    "ComplexType",
    "Element",
    "EnumType",
    "ListType",
    "Schema",
    "TypeRef",
    "scalar",
]
