"""Which lists of an operation's answer are decoded while a large answer is parsed.

The runtime side is ``wirekit.xmlstream``; this module decides, from the schema, where the lists
are: below the result element, along single (not repeated) structure elements, the first list
met on each path — an ``ArrayOfX`` wrapper's items or a repeated element. Deeper lists travel
inside their items. A path stops at a type with a base or subtypes (its decoder is chosen by
``xsi:type``, so the fields at a path are not known in advance) and at recursion.

Two things come out of one walk, and must agree: the ``StreamItem`` literals of each operation
(``plan``), and the set of fields whose generated decoder must ask ``streamed`` for items
already decoded (``fields``), which the class views read before any codec is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..emit.imports import Imports
from ..model import Element, Operation, TypeRef
from .xml_types import TypeNames

#: Single structure elements followed below the result before giving up.
_MAX_DEPTH = 4

#: A field of a type whose decoder asks for streamed items: (type, namespace, element name).
FieldKey = tuple[TypeRef, str, str]


@dataclass(frozen=True)
class _Item:
    path: tuple[str, ...]
    type: TypeRef
    nillable: bool
    #: Repeated and nillable: a nil item is refused by ``not_nil``, as the tree decoder does.
    not_nil: bool = False


@dataclass
class StreamPlans:
    """The streamed lists of every operation of one service."""

    items: dict[str, list[_Item]] = field(default_factory=dict)
    fields: set[FieldKey] = field(default_factory=set)
    #: Operations whose result element is itself the container (``ArrayOfX`` or repeated).
    result_containers: set[str] = field(default_factory=set)


def plans(
    t: TypeNames, operations: list[Operation], result_is_body: dict[str, bool]
) -> StreamPlans:
    """Walk every operation's result type; ``result_is_body``: by operation name."""
    out = StreamPlans()
    for op in operations:
        result = op.result
        if result is None or result.type.is_scalar or result.type.is_raw:
            continue
        found: list[_Item] = []
        if result.repeated and not result_is_body[op.name]:
            found.append(_Item((_clark(t, result),), result.type, False))
            out.result_containers.add(op.name)
        elif (item := t.schema.array_item(result.type)) is not None:
            found.append(_Item((_clark(t, item),), item.type, item.nillable))
            out.result_containers.add(op.name)
        else:
            _walk(t, result.type, (), frozenset(), found=found, fields=out.fields)
        if found:
            out.items[op.name] = found
    return out


def _walk(
    t: TypeNames,
    ref: TypeRef,
    path: tuple[str, ...],
    seen: frozenset[TypeRef],
    *,
    found: list[_Item],
    fields: set[FieldKey],
) -> None:
    ct = t.schema.complex_type(ref)
    if ct is None or ct.base is not None or t.schema.subtypes.get(ref) or ref in seen:
        return
    for e in ct.elements:
        if e.wildcard or e.type.is_raw:
            continue
        here = (*path, _clark(t, e))
        item = t.schema.array_item(e.type)
        if e.repeated:
            found.append(_Item(here, e.type, False, not_nil=e.nillable))
        elif item is not None:
            found.append(_Item((*here, _clark(t, item)), item.type, item.nillable))
        elif t.schema.complex_type(e.type) is not None and len(path) < _MAX_DEPTH:
            _walk(t, e.type, here, seen | {ref}, found=found, fields=fields)
            continue
        else:
            continue
        fields.add((ref, t.ns_of(e), e.name))


def _clark(t: TypeNames, e: Element) -> str:
    ns = t.ns_of(e)
    return f"{{{ns}}}{e.name}" if ns else e.name


def literals(t: TypeNames, items: list[_Item], imp: Imports) -> tuple[str, ...]:
    """``StreamItem(...)`` expressions for one operation, names declared in ``imp``."""
    if not items:
        return ()
    cls = imp.add("wirekit.xmlstream", "StreamItem")
    out = []
    for item in items:
        var = f"{imp.add('wirekit.codec', 'not_nil')}(c)" if item.not_nil else "c"
        value = t.value_expr(item.type, var, imp)
        decode = (
            value[: -len("(c)")]
            if value == f"decode_{t.funcs.get(item.type)}(c)"
            else (f"lambda c: {value}")
        )
        nil = ", nillable=True" if item.nillable else ""
        out.append(f"{cls}({item.path!r}, {decode}{nil})")
    return tuple(out)


def streamed_call(container: str, tag: str, imp: Imports) -> str:
    """The expression asking for items with Clark name literal ``tag`` decoded already."""
    return f"{imp.add('wirekit.xmlstream', 'streamed')}({container}, {tag})"


__all__ = ["FieldKey", "StreamPlans", "literals", "plans", "streamed_call"]
