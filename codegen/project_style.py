"""The line length of the project the generator writes into, which generated code follows.

Generated packages live in the user's project and are checked by its ``ruff format --check``
and ``ruff check``; formatted at another line length they would fail both. The length comes
from ``[tool.polybind] line-length`` in the project's ``pyproject.toml`` if given, else from
the ruff configuration that governs the output folder, found the way ruff finds it (the
nearest of ``.ruff.toml``, ``ruff.toml`` or a ``pyproject.toml`` with a ``[tool.ruff]`` table,
from the output folder up), else ruff's default, 88. This repository's own ``[tool.ruff]``
says 100. An ``extend``-ed configuration is not followed: name the length in
``[tool.polybind]`` then.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .emit.layout import DEFAULT_LINE_LENGTH
from .errors import SpecError
from .model import SourceLine

#: ruff accepts 1..320; below 40 no generated signature could be laid out sensibly.
_RANGE = range(40, 321)


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as err:
        raise SpecError(SourceLine(str(path), 1), f"not valid TOML: {err}") from None


def _checked(value: object, path: Path, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in _RANGE:
        raise SpecError(
            SourceLine(str(path), _line_of(path, "line-length")),
            f"{key} must be an integer from {_RANGE.start} to {_RANGE.stop - 1}, not {value!r}",
        )
    return value


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((i for i, ln in enumerate(lines, 1) if ln.lstrip().startswith(text)), 1)


def _ruff_line_length(folder: Path) -> int | None:
    """The ``line-length`` of the ruff configuration nearest to ``folder``, as ruff finds it."""
    for directory in [folder, *folder.parents]:
        for name in (".ruff.toml", "ruff.toml"):
            path = directory / name
            if path.is_file():
                value = _toml(path).get("line-length")
                return None if value is None else _checked(value, path, "line-length")
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            ruff = _toml(pyproject).get("tool", {}).get("ruff")
            if isinstance(ruff, dict):
                value = ruff.get("line-length")
                return (
                    None if value is None else _checked(value, pyproject, "[tool.ruff] line-length")
                )
    return None


def polybind_table(root: Path) -> dict[str, Any]:
    """The project's ``[tool.polybind]`` table (empty without one); a ``pyproject.toml`` that
    is not TOML is a ``SpecError`` naming it."""
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return {}
    table = _toml(pyproject).get("tool", {}).get("polybind", {})
    return table if isinstance(table, dict) else {}


def project_line_length(root: Path, output: str) -> int:
    """The line length for code generated into ``root/output``."""
    own = polybind_table(root)
    if "line-length" in own:
        pyproject = root / "pyproject.toml"
        return _checked(own["line-length"], pyproject, "[tool.polybind] line-length")
    found = _ruff_line_length((root / output).resolve())
    return DEFAULT_LINE_LENGTH if found is None else found
