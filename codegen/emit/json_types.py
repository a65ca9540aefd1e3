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

    @classmethod
    def of(cls, source: str) -> JsonTypes:
        found = cls()
        for node in ast.parse(source).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
                for alias in node.names:
                    found.imported[alias.asname or alias.name] = node.module
            elif isinstance(node, ast.ClassDef):
                found.classes.add(node.name)
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
        for node in ast.walk(ast.parse(root, mode="eval")):
            if isinstance(node, ast.Name):
                if node.id in self.classes:
                    imp.add(".json_models", node.id)
                elif node.id in self.imported:
                    imp.add(self.imported[node.id], node.id)
        return root

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
