"""An OpenAPI document as the reader walks it: YAML with line numbers, ``$ref``s, captures.

Every message the OpenAPI reader gives points into ``openapi.yaml`` (or, for an example copied
from a page, into the capture it came from); this module keeps what that needs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import SpecError
from ..model import Defect, Schema, SourceLine, TypeRef
from ..read.wsdl import read_xsd_text


class Lines:
    """Line numbers of YAML nodes by key path, so messages point into ``openapi.yaml``."""

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[str, ...], int] = {}
        node = yaml.compose(text)
        if node is not None:
            self._walk(node, ())

    def _walk(self, node: yaml.Node, path: tuple[str, ...]) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self._walk(value, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, (*path, str(i)))

    def at(self, path: tuple[str, ...]) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


class DocumentReader:
    """The document, its captures and its XSD; ``at()`` and ``deref()`` for the readers."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root, self.folder = root, folder
        self.path = folder / "openapi.yaml"
        self.shown = self.path.relative_to(root).as_posix()
        text = self.path.read_text(encoding="utf-8")
        try:
            self.doc = yaml.safe_load(text)
            self.lines = Lines(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            raise SpecError(SourceLine(self.shown, line), f"not valid YAML: {err}") from None
        if not isinstance(self.doc, dict) or not str(self.doc.get("openapi", "")).startswith("3"):
            raise SpecError(SourceLine(self.shown, 1), "not an OpenAPI 3 document")
        self.defects: list[Defect] = []
        self.json_schemas: dict[str, Any] = {}
        self.captures = self._captures()
        self.schema, self.xml_elements = self._xsd()

    # --- plumbing ------------------------------------------------------------------------------

    def at(self, *path: str) -> SourceLine:
        return SourceLine(self.shown, self.lines.at(path))

    def _captures(self) -> list[tuple[str, list[str]]]:
        folder = self.folder / "captures"
        if not folder.is_dir():
            return []
        return [
            (p.relative_to(self.root).as_posix(), p.read_text(encoding="utf-8").splitlines())
            for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")
        ]

    def _xsd(self) -> tuple[Schema, dict[str, TypeRef]]:
        name = self.doc.get("x-xsd")
        if not name:
            return Schema(""), {}
        xsd = self.folder / str(name)
        if not xsd.is_file():
            raise SpecError(self.at("x-xsd"), f"x-xsd names {name!r}, which does not exist")
        return read_xsd_text(xsd.read_bytes(), xsd.relative_to(self.root).as_posix())

    def deref(self, obj: Any, path: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
        """``obj`` with a local ``$ref`` followed, and the key path of what it points at."""
        seen = 0
        while isinstance(obj, dict) and "$ref" in obj:
            ref = str(obj["$ref"])
            if not ref.startswith("#/") or seen > 20:
                raise SpecError(self.at(*path), f"only local references are supported: {ref!r}")
            path = tuple(ref[2:].split("/"))
            obj = self.doc
            for key in path:
                if not isinstance(obj, dict) or key not in obj:
                    raise SpecError(self.at(*path), f"reference {ref!r} does not resolve")
                obj = obj[key]
            seen += 1
        return obj, path

    def where_example(self, text: str, fallback: tuple[str, ...]) -> SourceLine:
        """The capture line a (verbatim) example starts at, else its line in the document."""
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        if first:
            for shown, lines in self.captures:
                for number, line in enumerate(lines, 1):
                    # Pages print code with line numbers ("1  <ROOT>"): compare what follows.
                    if re.sub(r"^\s*\d+\s+", "", line).strip() == first or line.strip() == first:
                        return SourceLine(shown, number)
        return self.at(*fallback)
