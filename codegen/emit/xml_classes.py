"""Per-class views of an XML schema: dataclass fields and the codec statements for each.

A field is an element (child), an attribute, the text of a ``simpleContent`` type (``value``),
an ``xs:any`` wildcard (raw elements) or an ``anyAttribute`` (a ``dict``). Python names are
unique per class *including inherited fields*, and never shadow a name the class body uses
(``list``, ``date``, ``field``…).
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from ..emit.docstrings import docstring
from ..emit.imports import Imports
from ..model import Attribute, ComplexType, Element, TypeRef
from ..naming import constant, snake, unique
from .xml_stream import streamed_call
from .xml_types import (
    RESERVED_FIELDS,
    ClassView,
    EnumView,
    FieldView,
    TypeNames,
    decoder,
    scalar_text,
)

_Key = tuple[str, ...]
#: The walrus target holding an attribute's text (``__`` never comes out of ``snake``).
_RAW = "text__"


def local_name(py_name: str) -> str:
    """A decoder's local variable for a field: prefixed, so no field name can shadow the
    codec helpers (``raw``, ``esc``…) or the loop's own names (``tag``, ``child``, ``el``)."""
    return f"_{py_name}"


def _unwrapped(expr: str) -> str:
    """``expr`` without one pair of redundant outer parentheses (an argument needs none; ruff's
    UP034 flags them): only when they enclose the whole expression and do not make a tuple."""
    if not (expr.startswith("(") and expr.endswith(")")):
        return expr
    try:
        inner = ast.parse(expr[1:-1], mode="eval").body
    except SyntaxError:  # ``(a)(b)``: the parentheses are not one pair
        return expr
    return expr if isinstance(inner, ast.Tuple) else expr[1:-1]


def element_field(
    t: TypeNames,
    e: Element,
    py_name: str,
    accessor: str,
    imp: Imports,
    *,
    param: bool = False,
    types: Imports | None = None,
    streamed: bool = False,
) -> FieldView:
    """A field (or keyword parameter) holding element ``e``.

    A list field defaults to ``[]``; a list parameter defaults to ``None`` (a mutable default
    argument would be shared) and is then left out of the request, like any optional one.
    ``streamed``: the list's items may have been decoded while parsing (``xml_stream``).
    """
    if e.wildcard:
        return _wildcard(t, e, py_name, accessor, imp, param=param, types=types)
    base = t.py_type(e.type, types or imp)
    value_expr = accessor
    if param:
        both, value_expr = t.coerced(e, accessor, imp, types or imp, t.guid_names)
        base = both or base
    is_list = t.is_list(e.type)
    # A parameter is never decoded: its decoder's names must not be imported.
    codec_imp = Imports() if param else imp
    child = (
        f"{codec_imp.add('wirekit.codec', 'not_nil')}(child)"
        if e.repeated and e.nillable
        else "child"
    )
    value = t.value_expr(e.type, child, codec_imp)
    item = t.schema.array_item(e.type)
    if streamed and item is not None and not e.repeated:
        value = f"({streamed_call('child', t.tag(item), imp)} or {value})"
    local = local_name(py_name)
    required = False
    if param and (e.repeated or is_list):
        annotation = f"{'list[' + base + ']' if e.repeated else base} | None"
        default, decode = "None", f"{local} = {value}"
    elif e.repeated:
        annotation, default = f"list[{base}]", "list"
        decode = f"{local}.append({_unwrapped(value)})"
    elif is_list and not e.nillable:
        annotation, default, decode = base, "list", f"{local} = {value}"
    else:
        required = e.min_occurs >= 1 and not e.nillable
        annotation = base if required else f"{base} | None"
        default = "" if required else "None"
        nil_check = (  # (a parameter is never decoded: no import for it)
            f"None if {imp.add('wirekit.codec', 'is_nil')}(child) else "
            if e.nillable and not param
            else ""
        )
        decode = f"{local} = {nil_check}{value}"
    if default == "list":
        init = f"{local}: {t.py_type(e.type, imp) if is_list else annotation} = []"
        if e.repeated and not is_list:
            init = f"{local}: list[{t.py_type(e.type, imp)}] = []"
        if e.repeated and streamed:
            init = f"{init[:-2]}{streamed_call('el', t.tag(e), imp)} or []"
    else:
        codec_base = t.py_type(e.type, imp) if types is not None and not param else base
        init = f"{local}: {codec_base} | None = None"
    once = seen = ""
    if not param and not e.repeated:
        # The template calls ``duplicate`` when the test holds (see ``_class``: or hands the
        # repeat to the type's wildcard). A nillable element may be None after it was read, so
        # it gets a flag; a wrapper list can only tell a second, non-empty wrapper apart.
        if e.nillable:
            seen = once = f"{local}_seen"
        else:
            once = local if default == "list" else f"{local} is not None"
    return FieldView(
        py_name,
        e.name,
        annotation,
        default,
        _element_metadata(t, e, required, is_list),
        t.tag(e),
        decode,
        init,
        required,
        _encode_element_field(t, e, accessor, imp, param=param, value=value_expr),
        e.doc,
        once=once,
        seen=seen,
    )


def _wildcard(
    t: TypeNames,
    e: Element,
    py_name: str,
    accessor: str,
    imp: Imports,
    *,
    param: bool,
    types: Imports | None,
) -> FieldView:
    raw = f"{(types or imp).add('lxml', 'etree')}._Element"
    codec_raw = f"{imp.add('lxml', 'etree')}._Element"
    annotation = f"list[{raw}] | None" if param else f"list[{raw}]"
    items = f"{accessor} or ()" if param else accessor
    return FieldView(
        py_name,
        "",
        annotation,
        "None" if param else "list",
        repr({"type": "Wildcard", "namespace": "##any"}),
        "",
        f"{local_name(py_name)}.append(child)",
        f"{local_name(py_name)}: list[{codec_raw}] = []",
        False,
        f"{imp.add('wirekit.codec', 'raw_any')}({items})",
        e.doc,
        kind="wildcard",
    )


def _element_metadata(t: TypeNames, e: Element, required: bool, is_list: bool) -> str:
    ns = t.ns_of(e)
    meta: dict[str, object] = {"name": e.name, "type": "Element", "namespace": ns}
    if is_list and not e.repeated:
        item = t.schema.array_item(e.type)
        assert item is not None
        meta = {"wrapper": e.name, "name": item.name, "type": "Element", "namespace": ns}
    if required:
        meta["required"] = True
    if e.nillable:
        meta["nillable"] = True
    if t.schema.list_type(e.type) is not None:
        meta["tokens"] = True  # xs:list: xsdata's name for a space-separated value
    return repr(meta)


def _encode_element_field(
    t: TypeNames, e: Element, accessor: str, imp: Imports, *, param: bool, value: str = ""
) -> str:
    if e.repeated:
        one = t.encode_element(e, "v", imp)
        items = f"{accessor} or ()" if param else accessor
        return f"''.join([{one} for v in {items}])"
    one = t.encode_element(e, value or accessor, imp)
    required = e.min_occurs >= 1 and not e.nillable
    is_list = t.is_list(e.type)
    if is_list and e.min_occurs == 0 and not e.nillable:
        return f"('' if not {accessor} else {one})"  # an empty optional array is left out
    if required or (is_list and not e.nillable and not param):
        return one
    # None of an optional element is left out (as zeep does); of a required nillable one, nil.
    nil = e.nillable and e.min_occurs >= 1
    absent = f"'<{t.element_qname(e)} xsi:nil=\"true\" />'" if nil else "''"
    return f"({absent} if {accessor} is None else {one})"


def _attr_text(t: TypeNames, ref: TypeRef, expr: str, imp: Imports) -> str:
    """An attribute value's text, escaped for a double-quoted attribute."""
    esc = imp.add("wirekit.codec", "esc_attr")
    if ref.is_scalar:
        return f"{esc}({scalar_text(ref, expr, imp)})"
    if t.schema.enum(ref) is not None:
        return f"{esc}({expr}.value)"
    listed = t.schema.list_type(ref)
    assert listed is not None
    inner = _attr_text(t, listed.item, "x", imp)
    return f"' '.join({expr})" if inner == "x" else f"' '.join([{inner} for x in {expr}])"


def _text_value(t: TypeNames, ref: TypeRef, var: str, imp: Imports) -> str:
    """Decoding the text ``var`` (never None; an expression) of a simple type."""
    if ref.is_scalar:
        func = decoder(ref, imp)
        return f"{func}({var})" if func else (f"({var})" if " " in var else var)
    atom = f"({var})" if " " in var else var
    if t.schema.enum(ref) is not None:
        return f"{t.model(ref, imp)}({atom}.strip())"
    listed = t.schema.list_type(ref)
    assert listed is not None
    inner = _text_value(t, listed.item, "x", imp)
    return f"{atom}.split()" if inner == "x" else f"[{inner} for x in {atom}.split()]"


def _attribute(
    t: TypeNames, a: Attribute, py_name: str, imp: Imports, types: Imports | None
) -> FieldView:
    base = t.py_type(a.type, types or imp)
    codec_base = t.py_type(a.type, imp)
    key = f"{{{a.namespace}}}{a.name}" if a.namespace else a.name
    convert = _text_value(t, a.type, _RAW, imp)
    init = f"{local_name(py_name)}: {codec_base} | None = " + (
        f"el.get({key!r})"
        if convert == _RAW
        else f"None if ({_RAW} := el.get({key!r})) is None else {convert}"
    )
    text = _attr_text(t, a.type, f"obj.{py_name}", imp)
    one = f"' {t.qname(a.namespace, a.name)}=\"' + {text} + '\"'"
    meta: dict[str, object] = {"name": a.name, "type": "Attribute"}
    if t.schema.list_type(a.type) is not None:
        meta["tokens"] = True
    if a.namespace:
        meta["namespace"] = a.namespace
    if a.required:
        meta["required"] = True
    return FieldView(
        py_name,
        a.name,
        base if a.required else f"{base} | None",
        "" if a.required else "None",
        repr(meta),
        "",
        "",
        init,
        a.required,
        one if a.required else f"('' if obj.{py_name} is None else {one})",
        a.doc,
        kind="attribute",
    )


def _names(t: TypeNames, ct: ComplexType, cache: dict[TypeRef, dict[_Key, str]]) -> dict[_Key, str]:
    """Python names of a type's fields: its base's first (a subclass must agree with them)."""
    ref = t.schema.ref(ct)
    if ref in cache:
        return cache[ref]
    parent = t.schema.complex_type(ct.base) if ct.base is not None else None
    names = dict(_names(t, parent, cache)) if parent is not None else {}
    wanted: list[tuple[_Key, str]] = []
    for e in ct.elements:
        key: _Key = ("w",) if e.wildcard else ("e", t.ns_of(e), e.name)
        wanted.append((key, "any_elements" if e.wildcard else snake(e.name)))
    if ct.value is not None:
        wanted.append((("v",), "value"))
    wanted += [(("a", a.namespace, a.name), snake(a.name)) for a in ct.attributes]
    if ct.any_attribute:
        wanted.append((("aa",), "other_attributes"))
    fresh = [(k, n) for k, n in wanted if k not in names]
    taken = list(names.values())
    chosen = [f"{n}_" if n in RESERVED_FIELDS else n for _, n in fresh]
    final = unique(taken + chosen)[len(taken) :]
    names.update({k: n for (k, _), n in zip(fresh, final, strict=True)})
    cache[ref] = names
    return names


def _fields(
    t: TypeNames, ct: ComplexType, names: dict[_Key, str], imp: Imports, types: Imports | None
) -> list[FieldView]:
    out: list[FieldView] = []
    for e in ct.elements:
        key: _Key = ("w",) if e.wildcard else ("e", t.ns_of(e), e.name)
        n = names[key]
        streamed = (t.schema.ref(ct), t.ns_of(e), e.name) in t.streamed_fields
        out.append(element_field(t, e, n, f"obj.{n}", imp, types=types, streamed=streamed))
    if ct.value is not None:
        n = names[("v",)]
        base = t.py_type(ct.value, types or imp)
        text = _text_value(t, ct.value, 'el.text or ""', imp)
        out.append(
            FieldView(
                n, "", base, "", repr({"type": "Text"}), "", "",
                f"{local_name(n)}: {t.py_type(ct.value, imp)} = {text}",
                False, t.text_of(ct.value, f"obj.{n}", imp), "", kind="value",
            )
        )  # fmt: skip
    out += [_attribute(t, a, names[("a", a.namespace, a.name)], imp, types) for a in ct.attributes]
    if ct.any_attribute:
        n = names[("aa",)]
        known = tuple(
            f"{{{a.namespace}}}{a.name}" if a.namespace else a.name for a in ct.attributes
        )
        others = imp.add("wirekit.codec", "other_attributes")
        out.append(
            FieldView(
                n, "", "dict[str, str]", "dict", repr({"type": "Attributes"}), "", "",
                f"{local_name(n)}: dict[str, str] = {others}(el, frozenset({known!r}))",
                False, f"{imp.add('wirekit.codec', 'encode_other_attributes')}(obj.{n})", "",
                kind="attributes",
            )
        )  # fmt: skip
    return out


def classes(
    t: TypeNames, imp: Imports, types: Imports | None, only: Collection[TypeRef] | None = None
) -> list[ClassView]:
    """Every emitted complex type (of ``only``, when given), bases before the classes derived
    from them."""
    cache: dict[TypeRef, dict[_Key, str]] = {}
    order = t.class_order
    refs = list(order)
    if only is not None:
        refs = sorted((r for r in only if r in order), key=order.__getitem__)
    return [_class(t, t.schema.complex_types[order[r][1]], imp, types, cache) for r in refs]


def _class(
    t: TypeNames,
    ct: ComplexType,
    imp: Imports,
    types: Imports | None,
    cache: dict[TypeRef, dict[_Key, str]],
) -> ClassView:
    ref = t.schema.ref(ct)
    names = _names(t, ct, cache)
    fields = tuple(_fields(t, ct, names, imp, types))
    parent = t.schema.complex_type(ct.base) if ct.base is not None else None
    inherited = set(_names(t, parent, cache).values()) if parent is not None else set()
    name = t.model(ref, imp if types is None else None)
    doc = docstring(ct.doc or f"The ``{ct.name}`` type of the service.", indent="    ")
    subs = sorted(t.schema.subtypes.get(ref, ()), key=lambda s: -t.depth(s))
    subtypes = tuple(
        (
            t.model(t.schema.ref(s), imp if types is None else None),
            t.func(t.schema.ref(s)),
            repr((t.schema.ns_of(s), s.name)),
            t.xsi_type(t.schema.ref(s)),
        )
        for s in subs
        if t.schema.ref(s) in t.class_names
    )
    if subtypes and types is None:
        imp.add("wirekit.codec", "xsi_type")
        imp.add("wirekit.codec", "unknown_subtype")
        for s in subs:
            if t.schema.ref(s) in t.class_names:  # dispatched to: maybe in ``_shared``
                t.codec("decode", t.schema.ref(s), imp)
                t.codec("encode", t.schema.ref(s), imp)
    elements = [f for f in fields if f.kind == "element"]
    wildcard = next((f.py_name for f in fields if f.kind == "wildcard"), "")
    if types is None and not wildcard and any(f.once for f in elements):
        # A repeated singleton is an error, unless an ``xs:any`` can take it: Salesforce's
        # partner records repeat ``<sf:Id>`` for the wildcard after it (zeep reads it so).
        imp.add("wirekit.codec", "duplicate")
    known = ""
    if elements and not wildcard:
        # A set literal: built only on the rare path (a child no field claims).
        known = "{" + ", ".join(repr(n) for n in sorted({e.name for e in ct.elements})) + "}"
        if types is None:
            imp.add("wirekit.codec", "stray")
    return ClassView(
        name,
        t.func(ref),
        ct.name,
        doc,
        fields,
        tuple(f for f in fields if f.py_name not in inherited),
        t.model(ct.base, types) if ct.base is not None and parent is not None else "",
        subtypes,
        repr((t.schema.ns_of(ct), ct.name)),
        known,
        wildcard,
        t.schema.ns_of(ct),
    )


def enums(t: TypeNames, only: Collection[TypeRef] | None = None) -> list[EnumView]:
    return [
        EnumView(
            t.class_names[t.schema.ref(e)],
            e.name,
            docstring(e.doc or f"Values of ``{e.name}``.", indent="    "),
            tuple(zip(unique([constant(v) or "EMPTY" for v in e.values]), e.values, strict=True)),
        )
        for e in (t.schema.enums if only is None else t.enums_of(only))
    ]
