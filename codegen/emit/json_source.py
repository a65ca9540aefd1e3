"""datamodel-code-generator's module, made as lint-clean as the modules this project writes.

Its output types a model's extra fields with ``typing.Dict`` (``"__pydantic_extra__":
Dict[str, Any]``, for ``additionalProperties`` schemas), which ruff's UP006/UP035 flag on a
Python 3.11 target; ``use_standard_collections`` does not reach that spot. The names are found
by parsing the module, and replaced at the positions the parser reports.
"""

from __future__ import annotations

import ast

#: ``typing`` aliases and the builtin each stands for (PEP 585).
_BUILTIN = {
    "Dict": "dict",
    "List": "list",
    "Set": "set",
    "FrozenSet": "frozenset",
    "Tuple": "tuple",
    "Type": "type",
}


def builtin_generics(source: str) -> str:
    """``source`` with ``typing.Dict[...]``… written ``dict[...]``, and the names no longer
    used dropped from its ``from typing import`` line."""
    tree = ast.parse(source)
    imported = {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "typing"
        for alias in node.names
        if alias.name in _BUILTIN and alias.asname is None
    }
    uses = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id in imported]
    if not uses:
        return source
    lines = source.split("\n")
    for node in sorted(uses, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        line = lines[node.lineno - 1]
        lines[node.lineno - 1] = (
            line[: node.col_offset] + _BUILTIN[node.id] + line[node.end_col_offset :]
        )
    replaced = {node.id for node in uses}
    out = []
    for line in lines:
        # Its imports are one line each: it runs without a formatter (``formatters=[]``).
        if line.startswith("from typing import "):
            names = line[len("from typing import ") :].split(", ")
            kept = [n for n in names if n.strip() not in replaced]
            if kept:
                out.append(f"from typing import {', '.join(kept)}")
        else:
            out.append(line)
    return "\n".join(out)
