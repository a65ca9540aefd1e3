"""The records the XML templates read: one per field, per class, per enumeration.

Filled by ``xml_classes`` (fields and classes) and ``xml_view`` (enumerations) from the model,
read by ``models.py.jinja`` and ``codecs.py.jinja``; plain frozen data, no logic beyond
selecting fields by kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..emit.docstrings import docstring


@dataclass(frozen=True)
class FieldView:
    """One dataclass field or keyword parameter, with what its codecs do with it."""

    py_name: str
    wire: str
    annotation: str
    #: "" (required), "None", "list" (``default_factory=list``) or "dict".
    default: str
    metadata: str
    #: The tag compared inside ``for child in el`` ("" for attributes, text, wildcards).
    tag: str
    #: The statement run when the child's tag is ``tag`` (or, for a wildcard, any other).
    decode: str
    #: The local variable's declaration before the loop (attributes and text: its value).
    init: str
    required: bool
    encode: str
    doc: str
    #: "element", "attribute", "value" (simpleContent text), "wildcard", "attributes".
    kind: str = "element"
    #: A single element's test that it was already read ("_x is not None"): a second one is a
    #: ``duplicate`` error, never a silent last-one-wins ("" for lists and non-elements).
    once: str = ""
    #: A nillable single element's "already read" flag (its value may be None either way).
    seen: str = ""

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
    #: Every field, inherited ones first (the codecs decode and encode them all).
    fields: tuple[FieldView, ...]
    #: The fields the class declares itself (models.py; the rest come from ``base``).
    own_fields: tuple[FieldView, ...] = ()
    base: str = ""
    #: Subclasses, most derived first: (class, codec function, xsi:type key, xsi:type text).
    subtypes: tuple[tuple[str, str, str, str], ...] = ()
    #: This type's own ``(namespace, name)`` literal, for ``xsi:type`` checks.
    key: str = ""
    #: Local names of the element fields (a stray in another namespace is refused), "" if none.
    known: str = ""
    #: The wildcard field collecting unclaimed children ("" when none).
    wildcard: str = ""
    #: The type's own namespace (``Meta.namespace``).
    namespace: str = ""

    @property
    def element_fields(self) -> tuple[FieldView, ...]:
        return tuple(f for f in self.fields if f.kind == "element")

    @property
    def attribute_fields(self) -> tuple[FieldView, ...]:
        return tuple(f for f in self.fields if f.kind in ("attribute", "attributes"))

    @property
    def value_field(self) -> FieldView | None:
        return next((f for f in self.fields if f.kind == "value"), None)


@dataclass(frozen=True)
class EnumView:
    name: str
    wire: str
    docstring: str
    members: tuple[tuple[str, str], ...]


__all__ = ["ClassView", "EnumView", "FieldView"]
