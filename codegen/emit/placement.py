"""Which module of an ASMX package each type's model and codecs live in.

``models`` and ``codecs`` are packages: one module per operation (named after its method, or
with ``_`` appended when that is a codec function's name; ``package.operation_modules``)
holding the operation's own codecs and the types *only that operation* reaches, and
``_shared`` holding every type reachable from two or more operations, or from none (SOAP
headers, fault details, types no operation uses). Calling one operation then compiles its own
module and ``_shared``, never the other operations' (a 1 000-operation service compiled whole
on its first call: 177 000 lines of codecs, 80 000 of models).

The split is closed: a type's owners are the operations reaching it, so anything a shared type
reaches is shared too, an operation's module imports only from ``_shared``, and ``_shared``
imports from no operation's module (no import cycles). REST services, whose codecs hold no
operation, place every type in ``_shared``.

One code shape for every service, small or large, rather than one module below a threshold:
two layouts would need two sets of tests and typing checks, and the split wins even when small
(the bench's 10-operation service: first call 7 ms split against 39 ms in one module without
``.pyc``, 2 ms against 12 ms with; import time the same).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Operation, Schema, TypeRef
from .xml_types import TypeNames

SHARED = "_shared"


def reach(schema: Schema, roots: Iterable[TypeRef]) -> set[TypeRef]:
    """Every named type ``roots`` lead to: element, attribute and text types, list items,
    bases (a subclass needs its base class) and subtypes (``xsi:type`` dispatch)."""
    seen: set[TypeRef] = set()
    todo = list(roots)
    while todo:
        ref = todo.pop()
        if ref in seen or ref.is_scalar or ref.is_raw:
            continue
        seen.add(ref)
        ct = schema.complex_type(ref)
        if ct is not None:
            todo += [e.type for e in ct.elements if not e.wildcard]
            todo += [a.type for a in ct.attributes]
            if ct.value is not None:
                todo.append(ct.value)
            if ct.base is not None:
                todo.append(ct.base)
            todo += [schema.ref(s) for s in schema.subtypes.get(ref, ())]
        listed = schema.list_type(ref)
        if listed is not None:
            todo.append(listed.item)
    return seen


def operation_roots(op: Operation) -> list[TypeRef]:
    """The types an operation's own codecs name: its parameters' and its result's."""
    roots = [e.type for e in op.params if not e.wildcard]
    if op.result is not None:
        roots.append(op.result.type)
    return roots


@dataclass(frozen=True)
class Placement:
    """Type → module, and name → module per package kind (``models``, ``codecs``)."""

    homes: dict[TypeRef, str]
    #: Operation modules in operation order, then ``_shared``.
    modules: tuple[str, ...]
    #: ``(kind, name)`` → module defining ``name`` in package ``kind``.
    names: dict[tuple[str, str], str]
    #: Module → the types placed there.
    members: dict[str, set[TypeRef]]

    def refs(self, module: str) -> set[TypeRef]:
        """The types placed in ``module``."""
        return self.members.get(module, set())

    def resolver(self, kind: str, here: str) -> Callable[[str, str], str | None]:
        """For ``Imports(resolve=…)`` of module ``kind/here``: where ``from .models import X``
        or ``from .codecs import f`` really comes from (``None``: ``here`` defines it)."""

        def resolve(module: str, name: str) -> str | None:
            target_kind = module[1:]
            target = self.names.get((target_kind, name), SHARED)
            if target_kind == kind:
                return None if target == here else f".{target}"
            return f"..{target_kind}.{target}"

        return resolve


def place_types(
    types: TypeNames,
    operations: list[tuple[str, list[TypeRef]]],
    shared_roots: Iterable[TypeRef] = (),
) -> Placement:
    """Where every class and enumeration of ``types`` goes: the one operation module reaching
    it, else ``_shared``. ``operations``: (module, root types) per operation; ``shared_roots``:
    types used outside any operation (SOAP headers, fault details)."""
    schema = types.schema
    owners: dict[TypeRef, set[str]] = {}
    for module, roots in operations:
        for ref in reach(schema, roots):
            owners.setdefault(ref, set()).add(module)
    unowned = [ref for ref in types.class_names if ref not in owners]
    for ref in reach(schema, [*shared_roots, *unowned]):
        owners.setdefault(ref, set()).add(SHARED)
    homes: dict[TypeRef, str] = {}
    names: dict[tuple[str, str], str] = {}
    members: dict[str, set[TypeRef]] = {}
    for ref in types.class_names:
        found = owners.get(ref, set())
        home = next(iter(found)) if len(found) == 1 else SHARED
        homes[ref] = home
        members.setdefault(home, set()).add(ref)
        names[("models", types.class_names[ref])] = home
        names[("codecs", f"decode_{types.funcs[ref]}")] = home
        names[("codecs", f"encode_{types.funcs[ref]}")] = home
    return Placement(homes, (*(m for m, _ in operations), SHARED), names, members)
