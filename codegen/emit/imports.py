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

#: isort's sections, in its order. The runtime (``wirekit``) is first-party in this repository
#: and third-party in a user's project, so it is given a section of its own: a module never
#: imports it beside another third-party package at run time (see ``Imports.block``), and the
#: block then reads the same whichever way a project classifies it. The package's own modules
#: are imported relatively (always isort's last, "local" section).
_RUNTIME = ("wirekit",)
_FUTURE, _STDLIB, _THIRD, _RUNTIME_SECTION, _LOCAL = range(5)


def _section(module: str) -> int:
    if module == "__future__":
        return _FUTURE
    if module.startswith("."):
        return _LOCAL
    top = module.split(".", 1)[0]
    if top in sys.stdlib_module_names:
        return _STDLIB
    return _RUNTIME_SECTION if top in _RUNTIME else _THIRD


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
        self._typing_modules: set[str] = set()
        self._lazy: set[str] = set()

    def add(self, module: str, name: str) -> str:
        """Declare ``from module import name``; returns the name to write."""
        if self._resolve is not None and module in (".models", ".codecs"):
            found = self._resolve(module, name)
            if found is None:
                return name
            module = found
        if self._deferred and module.startswith("."):
            self._typing.setdefault(module, set()).add(name)
            return name
        self._names.setdefault(module, set()).add(name)
        return name

    def module(self, module: str, alias: str = "") -> str:
        """Declare ``import module [as alias]`` (or ``from . import x`` for ``.x``); returns the
        name to write. ``as`` only in ``import`` statements, never in ``from`` ones: isort's
        ``combine-as-imports`` setting (off by default, on in many projects) would disagree."""
        if self._deferred and module.startswith("."):
            self._lazy.add(module)
            self.add("typing", "TYPE_CHECKING")
            self.add("wirekit.lazy", "lazy_module")
        else:
            self._modules.add(f"{module} as {alias}" if alias else module)
        return alias or module.rsplit(".", 1)[-1]

    def typing_only(self, module: str, name: str) -> str:
        """Declare a name used only in annotations, imported under ``TYPE_CHECKING``."""
        self.add("typing", "TYPE_CHECKING")
        self._typing.setdefault(module, set()).add(name)
        return name

    def _moved_for_runtime(self) -> None:
        """Third-party imports beside the runtime's go under ``TYPE_CHECKING``: isort puts
        ``wirekit`` in their block in a user's project but in a block after theirs here. Generated
        modules use other third-party names in annotations only (``lxml.etree._Element``,
        ``httpx.Client``; every module has ``from __future__ import annotations``), which
        ruff's TC004 checks on the generated output (tests/test_user_lint.py)."""
        sections = {_section(m.split(" as ", 1)[0]) for m in (*self._modules, *self._names)}
        if _RUNTIME_SECTION not in sections or _THIRD not in sections:
            return
        for module in [m for m in self._names if _section(m) == _THIRD]:
            self._typing.setdefault(module, set()).update(self._names.pop(module))
        for module in [m for m in self._modules if _section(m.split(" as ", 1)[0]) == _THIRD]:
            self._modules.remove(module)
            self._typing_modules.add(module)
        self.add("typing", "TYPE_CHECKING")

    def typing_all(self, module: str) -> None:
        """Declare ``from module import *`` under ``TYPE_CHECKING``: mypy re-exports every
        name of the module's ``__all__`` (a lazy package index, ``emit.package``)."""
        self.add("typing", "TYPE_CHECKING")
        self._typing[module] = {"*"}

    def _deferred_block(self) -> str:
        if not self._typing and not self._lazy and not self._typing_modules:
            return ""
        self.add("typing", "TYPE_CHECKING")
        names = dict(self._typing)
        if self._lazy:
            names["."] = {m.lstrip(".") for m in self._lazy}
        lines = ["if TYPE_CHECKING:"]
        lines += [f"    {ln}" if ln else "" for ln in _statements(self._typing_modules, names)]
        if self._lazy:
            lines.append("else:")
            lines += [
                f'    {m.lstrip(".")} = lazy_module(f"{{__package__}}{m}")'
                for m in sorted(self._lazy)
            ]
        return "\n".join(lines)

    def block(self) -> str:
        """The import statements, grouped into sections separated by one blank line, then the
        deferred ones (``if TYPE_CHECKING: … else: …``). One statement per line: the formatting
        step wraps a long one exactly as isort does, at the project's line length."""
        self._moved_for_runtime()
        deferred = self._deferred_block()
        blocks = "\n".join(_statements(self._modules, self._names))
        return f"{blocks}\n\n{deferred}" if deferred else blocks


def _statements(modules: set[str], names: dict[str, set[str]]) -> list[str]:
    """isort's lines for ``import m [as a]`` and ``from m import n…``: sections in order, one
    blank line between them; in a section ``import`` before ``from``, then by module name."""
    entries: dict[int, list[tuple[int, str, str]]] = {}
    for module in modules:
        bare = module.split(" as ", 1)[0]
        if bare.startswith("."):
            parent, _, name = bare.rpartition(".")
            entries.setdefault(_LOCAL, []).append(
                (1, parent or ".", f"from {parent or '.'} import {name}")
            )
        else:
            entries.setdefault(_section(bare), []).append((0, bare, f"import {module}"))
    for module, imported in names.items():
        ordered = sorted(imported, key=_name_key)
        # A lazy index's TYPE_CHECKING star import (``Imports.typing_all``).
        noqa = "  # noqa: F403" if ordered == ["*"] else ""
        entries.setdefault(_section(module), []).append(
            (1, module, f"from {module} import {', '.join(ordered)}{noqa}")
        )
    lines: list[str] = []
    for section in sorted(entries):
        if lines:
            lines.append("")
        ordered_entries = sorted(
            entries[section],
            # isort: ``import x`` before ``from x import`` (relative imports: by module only),
            # then by module name in ruff's natural order.
            key=lambda e: (e[0] if section != _LOCAL else 0, natural(e[1])),
        )
        lines += [text for _, _, text in ordered_entries]
    return lines
