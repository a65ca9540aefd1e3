"""Shapes to named types, the way ASMX names them (``ArrayOfX``, the element's name).

A help page never names nested types; ASMX's own naming rules are applied, and a type shown
with different contents in two places stops generation at both places.
"""

from __future__ import annotations

from ..errors import SpecError
from ..model import (
    ComplexType,
    Defect,
    Element,
    EnumType,
    Schema,
    SourceLine,
    TypeRef,
    scalar,
)
from ..read.shapes import Shape


class TypeTable:
    """Names the types shapes describe, ASMX style, and keeps them in first-seen order."""

    def __init__(self, defects: list[Defect]) -> None:
        self.complex: dict[str, ComplexType] = {}
        self.enums: dict[str, EnumType] = {}
        self.where: dict[str, SourceLine] = {}
        self.defects = defects
        self.ns = ""

    def schema(self, ns: str) -> Schema:
        return Schema(
            namespace=ns,
            complex_types=tuple(sorted(self.complex.values(), key=lambda t: t.name)),
            enums=tuple(sorted(self.enums.values(), key=lambda t: t.name)),
        )

    def element(self, name: str, shape: Shape, where: SourceLine, type_name: str = "") -> Element:
        ref = self.ref(shape, type_name or _type_name(name), where)
        value = ref.is_value_type or shape.kind == "enum"
        return Element(
            name,
            ref,
            min_occurs=1 if value and not shape.nillable else 0,
            max_occurs=1,
            nillable=shape.nillable,
        )

    def ref(self, shape: Shape, type_name: str, where: SourceLine) -> TypeRef:
        if shape.kind == "scalar":
            return scalar(shape.scalar)
        if shape.kind == "nil":
            self.defects.append(
                Defect(where, "no sample shows the type of this nil element", "string")
            )
            return scalar("string")
        if shape.kind == "enum":
            self.enums.setdefault(type_name, EnumType(type_name, shape.values))
            return TypeRef(self.ns, type_name)
        if shape.kind == "array":
            assert shape.item is not None
            item = shape.item
            item_type = item.scalar if item.kind == "scalar" else shape.item_name
            item_ref = self.ref(item, shape.item_name, where)
            array_name = f"ArrayOf{item_type[:1].upper()}{item_type[1:]}"
            item_el = Element(
                shape.item_name,
                item_ref,
                min_occurs=0,
                max_occurs=None,
                nillable=not item_ref.is_value_type,
            )
            return self._register(ComplexType(array_name, (item_el,)), where)
        fields = tuple(self.element(n, s, s.where) for n, s in shape.fields)
        return self._register(ComplexType(type_name, fields), where)

    def _register(self, ct: ComplexType, where: SourceLine) -> TypeRef:
        known = self.complex.get(ct.name)
        if known is not None and known != ct:
            raise SpecError(
                where,
                f"type {ct.name!r} is shown with different contents at "
                f"{self.where[ct.name]}: {_fields(known)} vs {_fields(ct)}",
            )
        self.complex.setdefault(ct.name, ct)
        self.where.setdefault(ct.name, where)
        return TypeRef(self.ns, ct.name)


def _fields(ct: ComplexType) -> list[str]:
    return [e.name for e in ct.elements]


def _type_name(element_name: str) -> str:
    return element_name[:1].upper() + element_name[1:]
