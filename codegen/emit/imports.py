"""The imports of one generated module, declared by the views that need them.

openapi-python-client asks each property for ``get_imports()``; xsdata's resolver walks the
classes; here every view method that writes a name into generated code registers where the name
comes from, at that moment. A template renders once, with the block this object prints, so an
import can neither be missing nor unused, and no rendered text is ever searched.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

#: isort sections in ruff's order; the runtime is the project's own (first-party) code.
_FIRST_PARTY = ("wirekit",)


def _section(module: str) -> int:
    if module == "__future__":
        return 0
    if module.startswith("."):
        return 4
    top = module.split(".", 1)[0]
    if top in sys.stdlib_module_names:
        return 1
    return 3 if top in _FIRST_PARTY else 2


def natural(text: str) -> tuple[tuple[int, int, str], ...]:
    """ruff's natural order: digit runs compare as numbers (``op9`` before ``op10``)."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", text)
        if part
    )


def _name_key(name: str) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    """ruff/isort order within a ``from`` import: CONSTANTS, Classes, then the rest."""
    bare = name.split(" as ", 1)[0]
    kind = 0 if bare.isupper() else 1 if bare[:1].isupper() else 2
    return kind, natural(bare.lower())


class Imports:
    """``from module import name`` declarations of one module, printed in isort order."""

    def __init__(
        self,
        *,
        deferred: bool = False,
        resolve: Callable[[str, str], str | None] | None = None,
    ) -> None:
        """``deferred``: this package's own modules are not imported when this one is (client
        modules of large services): names from them are for annotations only (imported under
        ``TYPE_CHECKING``) and modules are bound lazily (``wirekit.lazy.lazy_module``).

        ``resolve``: for a module inside the ``models``/``codecs`` packages
        (``emit.placement``), maps a name declared as ``.models``/``.codecs`` to the module
        that defines it, or to ``None`` when this module does (nothing to import)."""
        self._names: dict[str, set[str]] = {}
        self._resolve = resolve
        self._modules: set[str] = set()
        self._deferred = deferred
        self._typing: dict[str, set[str]] = {}
        self._lazy: set[str] = set()

    def add(self, module: str, name: str, alias: str = "") -> str:
        """Declare ``from module import name [as alias]``; returns the name to write."""
        if self._resolve is not None and module in (".models", ".codecs"):
            found = self._resolve(module, name)
            if found is None:
                return name
            module = found
        if self._deferred and module.startswith(".") and not alias:
            self._typing.setdefault(module, set()).add(name)
            return name
        self._names.setdefault(module, set()).add(f"{name} as {alias}" if alias else name)
        return alias or name

    def module(self, module: str) -> str:
        """Declare ``import module`` (or ``from . import x`` for ``.x``); returns its name."""
        if self._deferred and module.startswith("."):
            self._lazy.add(module)
            self.add("typing", "TYPE_CHECKING")
            self.add("wirekit.lazy", "lazy_module")
        else:
            self._modules.add(module)
        return module.rsplit(".", 1)[-1]

    def typing_only(self, module: str, name: str) -> str:
        """Declare a name used only in annotations, imported under ``TYPE_CHECKING``."""
        self.add("typing", "TYPE_CHECKING")
        self._typing.setdefault(module, set()).add(name)
        return name

    def typing_all(self, module: str) -> None:
        """Declare ``from module import *`` under ``TYPE_CHECKING``: mypy re-exports every
        name of the module's ``__all__`` (a lazy package index, ``emit.package``)."""
        self.add("typing", "TYPE_CHECKING")
        self._typing[module] = {"*"}

    def _deferred_block(self) -> str:
        if not self._typing and not self._lazy:
            return ""
        self.add("typing", "TYPE_CHECKING")
        lines = ["if TYPE_CHECKING:"]
        lines += [f"    from . import {m.lstrip('.')}" for m in sorted(self._lazy)]
        for module in sorted(self._typing, key=natural):
            names = ", ".join(sorted(self._typing[module], key=_name_key))
            noqa = "  # noqa: F403" if names == "*" else ""
            lines.append(f"    from {module} import {names}{noqa}")
        if self._lazy:
            lines.append("else:")
            lines += [
                f'    {m.lstrip(".")} = lazy_module(f"{{__package__}}{m}")'
                for m in sorted(self._lazy)
            ]
        return "\n".join(lines)

    def block(self) -> str:
        """The import statements, grouped into sections separated by one blank line, then the
        deferred ones (``if TYPE_CHECKING: … else: …``)."""
        deferred = self._deferred_block()
        lines: dict[int, list[tuple[int, str, str]]] = {}
        for module in self._modules:
            if module.startswith("."):
                parent, _, name = module.rpartition(".")
                text = f"from {parent or '.'} import {name}"
                lines.setdefault(4, []).append((0, parent or ".", text))
            else:
                lines.setdefault(_section(module), []).append((0, module, f"import {module}"))
        for module, names in self._names.items():
            ordered = sorted(names, key=_name_key)
            text = f"from {module} import {', '.join(ordered)}"
            if len(text) > 100:
                inner = "".join(f"    {n},\n" for n in ordered)
                text = f"from {module} import (\n{inner})"
            # isort: ``import x`` before ``from x import``, then by module name.
            lines.setdefault(_section(module), []).append((1, module, text))
        blocks = []
        for section in sorted(lines):
            entries = sorted(
                lines[section], key=lambda e: (e[0] if section != 4 else 0, natural(e[1]))
            )
            blocks.append("\n".join(text for _, _, text in entries))
        return "\n\n".join([*blocks, deferred] if deferred else blocks)
