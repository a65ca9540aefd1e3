"""What datamodel-code-generator made of each JSON schema: a model class, or a root type.

A schema that is an array, a scalar or a union becomes a pydantic ``RootModel``; arguments and
results use its root type instead (``list[Pet]``, ``int``, ``Cat | Dog``), so callers pass and
get plain values. The root annotation is read from the generated module (parsed, never
rendered text), with the module each of its names comes from, so the client and operations
modules can import exactly those names.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ..emit.imports import Imports


@dataclass
class JsonTypes:
    #: Class name → root annotation, for ``RootModel`` classes.
    roots: dict[str, str] = field(default_factory=dict)
    #: Class names the module defines.
    classes: set[str] = field(default_factory=set)
    #: Imported name → module, as the generated module imports it.
    imported: dict[str, str] = field(default_factory=dict)
    #: Model classes of an open object without properties (``additionalProperties: true``,
    #: FastAPI's ``dict[str, Any]``): arguments take a plain ``dict[str, Any]``.
    open_objects: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, source: str) -> JsonTypes:
        found = cls()
        for node in ast.parse(source).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
                for alias in node.names:
                    found.imported[alias.asname or alias.name] = node.module
            elif isinstance(node, ast.ClassDef):
                found.classes.add(node.name)
                if _is_open_object(node):
                    found.open_objects.add(node.name)
                for base in node.bases:
                    if (
                        isinstance(base, ast.Subscript)
                        and isinstance(base.value, ast.Name)
                        and base.value.id == "RootModel"
                    ):
                        found.roots[node.name] = ast.unparse(base.slice)
        return found

    def annotation(self, name: str, imp: Imports) -> str:
        """The type arguments and results of schema ``name`` have, its names declared in ``imp``."""
        root = self.roots.get(name)
        if root is None:
            imp.add(".json_models", name)
            return name
        return self._declared(root, imp)

    def argument(self, name: str, imp: Imports) -> str:
        """The type an argument of schema ``name`` takes: plain values wherever the models
        would wrap them (``json_value`` sends both alike): a ``RootModel`` nested in the root
        is its own root (FastAPI's ``anyOf [constrained string, null]`` is ``str | None``, not
        ``Title1 | None``), and an open object without properties is ``dict[str, Any]``."""
        if name not in self.roots and name not in self.open_objects:
            return self.annotation(name, imp)
        expanded = _Expand(self).visit(ast.parse(name, mode="eval").body)
        members = list(dict.fromkeys(ast.unparse(m) for m in _union(expanded)))
        return self._declared(" | ".join(members), imp)

    def _declared(self, annotation: str, imp: Imports) -> str:
        """``annotation``, each name it uses declared in ``imp``."""
        for node in ast.walk(ast.parse(annotation, mode="eval")):
            if isinstance(node, ast.Name):
                if node.id in self.classes:
                    imp.add(".json_models", node.id)
                elif node.id in self.imported:
                    imp.add(self.imported[node.id], node.id)
                elif node.id == "Any":
                    imp.add("typing", "Any")
        return annotation

    def decode(self, name: str, imp: Imports, expr: str = "data") -> str:
        """An expression turning the parsed JSON ``expr`` into the value of ``name``."""
        imp.add(".json_models", name)
        tail = ".root" if name in self.roots else ""
        return f"{name}.model_validate({expr}){tail}"


def or_none(annotation: str) -> str:
    """``annotation | None``, unless ``None`` is already one of its top-level members (a root
    type of ``anyOf [X, null]`` or of a nullable array is ``X | None`` itself; ``X | None |
    None`` is ruff's PYI016)."""
    members: list[ast.expr] = []
    pending = [ast.parse(annotation, mode="eval").body]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            pending += [node.left, node.right]
        else:
            members.append(node)
    if any(isinstance(m, ast.Constant) and m.value is None for m in members):
        return annotation
    return f"{annotation} | None"


_OPEN_DICT = "dict[str, Any]"


class _Expand(ast.NodeTransformer):
    """Replaces root-model and open-object class names by the plain types they wrap, once per
    name on any path (a recursive root keeps its name where it recurs)."""

    def __init__(self, types: JsonTypes, seen: frozenset[str] = frozenset()) -> None:
        self.types, self.seen = types, seen

    def visit_Name(self, node: ast.Name) -> ast.expr:
        name = node.id
        if name in self.seen:
            return node
        if name in self.types.open_objects:
            return ast.parse(_OPEN_DICT, mode="eval").body
        root = self.types.roots.get(name)
        if root is None:
            return node
        inner = _Expand(self.types, self.seen | {name})
        return inner.visit(ast.parse(root, mode="eval").body)  # type: ignore[no-any-return]


def _union(node: ast.expr) -> list[ast.expr]:
    """The members of a ``A | B | C`` annotation (one member when it is no union)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return [*_union(node.left), *_union(node.right)]
    return [node]


def _is_open_object(node: ast.ClassDef) -> bool:
    """A ``BaseModel`` whose body only sets ``model_config = ConfigDict(extra="allow")``."""
    bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
    if bases != ["BaseModel"]:
        return False
    body = [
        n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
    ]
    if len(body) != 1 or not isinstance(body[0], ast.Assign):
        return False
    value = body[0].value
    return isinstance(value, ast.Call) and any(
        k.arg == "extra" and isinstance(k.value, ast.Constant) and k.value.value == "allow"
        for k in value.keywords
    )
