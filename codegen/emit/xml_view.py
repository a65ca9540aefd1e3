"""How XML schema types look in Python: ``XmlTypes``, the one object emitters ask.

Names, annotations and codec expressions live in ``xml_types``; the per-class views (fields,
subclasses, wildcards) in ``xml_classes``. This module joins them and is what other emitters
import.
"""

from __future__ import annotations

from collections.abc import Collection

from ..emit.imports import Imports
from ..model import Element, TypeRef
from .xml_classes import classes as class_views, element_field, enums as enum_views
from .xml_types import (
    SCALARS,
    ClassView,
    EnumView,
    FieldView,
    TypeNames,
    decoder,
    scalar_text,
    scalar_type,
)


class XmlTypes(TypeNames):
    """The Python face of one XML schema (an ASMX service's, or a REST service's XSD)."""

    # --- fields and classes (built in ``xml_classes``) ---------------------------------------

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
        """
        return element_field(self, e, py_name, accessor, imp, param=param, types=types)

    def classes(
        self, imp: Imports, types: Imports | None = None, only: Collection[TypeRef] | None = None
    ) -> list[ClassView]:
        """The dataclasses (every complex type but ASMX's ``ArrayOfX`` wrappers, which are
        Python lists), of ``only`` when given (one module's): codec names declared in ``imp``,
        annotations in ``types`` (models)."""
        return class_views(self, imp, types, only)

    def enums(self, only: Collection[TypeRef] | None = None) -> list[EnumView]:
        return enum_views(self, only)


__all__ = [
    "SCALARS",
    "ClassView",
    "EnumView",
    "FieldView",
    "XmlTypes",
    "decoder",
    "scalar_text",
    "scalar_type",
]
