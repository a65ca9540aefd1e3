"""Where each argument of a REST operation goes, as the one statement that puts it there.

Scalars keep the kit's scalar codecs (``wirekit.scalars``); JSON-typed arguments (arrays,
objects, unions) go through ``wirekit.rest_params`` with their parameter's ``style`` and
``explode``. Containers are the encoder's local variables, prefixed ``_`` so no parameter
name can shadow one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..emit.imports import Imports
from ..emit.xml_view import SCALARS, XmlTypes, scalar_text
from ..model import JSON_NS, Element, Location, RestShape

#: Python types a JSON body carries as themselves; every other scalar travels as its xsd text.
JSON_NATIVE = {"str", "int", "float", "bool"}


@dataclass(frozen=True)
class ArgView:
    """Where one argument goes: a one-line statement filling its container."""

    py_name: str
    container: str
    statement: str
    optional: bool


class ArgWriter:
    """Writes each argument's statement; declares what it names in the encoder's imports."""

    def __init__(self, types: XmlTypes, twins: frozenset[str]) -> None:
        self.types, self.twins = types, twins

    def arg(
        self, e: Element, py: str, location: Location, shape: RestShape | None, imp: Imports
    ) -> ArgView:
        optional = not e.min_occurs or e.nillable
        styles = {w: (st, ex) for w, st, ex in shape.styles} if shape else {}
        style = styles.get(e.name)
        kind = shape.body if shape else ""
        if (
            e.type.namespace == JSON_NS
            and location == Location.BODY
            and e.name in dict(shape.files if shape else ())
        ):
            return ArgView(py, "files", f"_files.extend(({e.name!r}, f) for f in {py})", optional)
        if e.type.namespace == JSON_NS:
            value = f"{imp.add('wirekit.rest_params', 'json_value')}({py})"
            container, statement = self._json_arg(
                e, value, location, style, kind=kind, shape=shape, imp=imp
            )
            return ArgView(py, container, statement, optional)
        _, given = self.types.coerced(e, py, imp, imp, self.twins)
        files = dict(shape.files) if shape else {}
        if location == Location.BODY and shape is not None and shape.body_param:
            if kind == "text":
                container, statement = "content", f"_content = {given}.encode()"
            elif kind == "binary":
                container, statement = "content", f"_content = {given}"
            else:
                container = "json_body"
                statement = f"_json_body = {self._json_scalar(e, given, imp)}"
        elif location == Location.BODY and kind == "multipart" and e.name in files:
            container, statement = "files", f"_files.append(({e.name!r}, {given}))"
        elif location == Location.BODY and kind in ("form", "multipart"):
            container = "form"
            statement = f"_form.append(({e.name!r}, {scalar_text(e.type, given, imp)}))"
        elif location == Location.BODY:
            container, statement = "body", f"_body[{e.name!r}] = {self._json_scalar(e, given, imp)}"
        elif location == Location.PATH:
            container = "path"
            statement = f"_path[{e.name!r}] = {scalar_text(e.type, given, imp)}"
        else:
            container = {Location.QUERY: "query", Location.HEADER: "headers"}.get(
                location, "cookies"
            )
            statement = f"_{container}.append(({e.name!r}, {scalar_text(e.type, given, imp)}))"
        return ArgView(py, container, statement, optional)

    @staticmethod
    def _json_scalar(e: Element, given: str, imp: Imports) -> str:
        """A scalar as JSON data: JSON's own types as they are, a decimal (``type: number,
        format: decimal``) as a JSON number, the others as their text."""
        if e.type.name == "decimal":
            return f"{imp.add('wirekit.rest_params', 'json_value')}({given})"
        native = SCALARS[e.type.name][0] in JSON_NATIVE
        return given if native else scalar_text(e.type, given, imp)

    def _json_arg(
        self,
        e: Element,
        value: str,
        location: Location,
        style: tuple[str, bool] | None,
        *,
        kind: str,
        shape: RestShape | None,
        imp: Imports,
    ) -> tuple[str, str]:
        """(container, statement) of a JSON-typed argument (arrays, objects, unions)."""
        if location == Location.BODY:
            if shape is not None and shape.body_param:
                return "json_body", f"_json_body = {value}"
            if kind in ("form", "multipart"):
                st, ex = style or ("form", True)
                fn = imp.add("wirekit.rest_params", "form_field")
                return "form", f"_form.extend({fn}({e.name!r}, {value}, {st!r}, {ex!r}))"
            return "body", f"_body[{e.name!r}] = {value}"
        if location in (Location.PATH, Location.HEADER):
            ex = style[1] if style else False
            fn = imp.add("wirekit.rest_params", "simple")
            container = "path" if location == Location.PATH else "headers"
            if container == "path":
                return container, f"_path[{e.name!r}] = {fn}({value}, {ex!r})"
            return container, f"_headers.append(({e.name!r}, {fn}({value}, {ex!r})))"
        st, ex = style or ("form", True)
        fn = imp.add("wirekit.rest_params", "styled")
        container = "query" if location == Location.QUERY else "cookies"
        return container, f"_{container}.extend({fn}({e.name!r}, {value}, {st!r}, {ex!r}))"
