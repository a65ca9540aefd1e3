"""An OpenAPI document as the reader walks it: YAML with line numbers, ``$ref``s, captures.

Every message the OpenAPI reader gives points into ``openapi.yaml`` (or, for an example copied
from a page, into the capture it came from); this module keeps what that needs, and checks a
value against a schema of the document (``jsonschema``, 2020-12, with the document's
``#/components/...`` references resolving and OpenAPI 3.0's ``nullable`` translated).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing.exceptions import Unresolvable

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
        self.path = openapi_file(folder) or folder / "openapi.yaml"
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
        self.captures = self._captures()
        self.schema, self.xml_elements = self._xsd()
        self.components = as_2020(self.doc.get("components") or {})
        #: Key paths of the ``x-api-error`` rules already looked at (one note each).
        self.rules_seen: set[tuple[str, ...]] = set()

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

    def violations(self, schema: Any, value: Any, skip: tuple[str, ...] = ()) -> list[str]:
        """Each way ``value`` departs from ``schema`` (formats are annotations, as in 2020-12);
        ``skip`` names keywords whose failures at the top level are reported elsewhere."""
        root = {"components": self.components, "allOf": [as_2020(schema)]}
        try:
            errors = list(jsonschema.Draft202012Validator(root).iter_errors(value))
        except (Unresolvable, jsonschema.exceptions.SchemaError) as bad:
            raise SpecError(
                self.at(), f"a schema cannot be used to check examples: {bad}"
            ) from None
        found = []
        for err in errors:
            if err.validator in skip and not err.absolute_path:
                continue
            where = "/".join(str(p) for p in err.absolute_path)
            found.append(f"{where}: {err.message}" if where else err.message)
        return sorted(found)


#: The names an OpenAPI document may have in a spec folder, preferred first.
OPENAPI_FILES = ("openapi.yaml", "openapi.yml", "openapi.json")


def openapi_file(folder: Path) -> Path | None:
    """The folder's OpenAPI document, if it has one."""
    return next((folder / n for n in OPENAPI_FILES if (folder / n).is_file()), None)


#: Keywords whose value maps names (chosen by the document's author) to schemas: a property
#: named ``format``, ``type`` or ``nullable`` is a schema there, never a keyword.
SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
#: Keywords whose value is data (instances), never a schema: left as written.
DATA_KEYWORDS = frozenset({"example", "examples", "enum", "const", "default"})


def map_schema(node: Any, walk: Callable[[Any], Any]) -> dict[str, Any]:
    """``node``'s keywords with ``walk`` applied to each subschema: the values of a name→schema
    map (``properties`` …) are each a schema, data keywords are kept as written."""
    out: dict[str, Any] = {}
    for k, v in node.items():
        if k in SCHEMA_MAPS and isinstance(v, dict):
            out[k] = {name: walk(sub) for name, sub in v.items()}
        elif k in DATA_KEYWORDS:
            out[k] = v
        else:
            out[k] = walk(v)
    return out


def as_2020(node: Any) -> Any:
    """OpenAPI 3.0 schema keywords in JSON Schema 2020-12 terms: ``nullable: true`` allows
    ``null`` (type and enum), a boolean ``exclusiveMinimum``/``exclusiveMaximum`` makes its
    bound exclusive. A property that happens to be named ``nullable`` is a schema, and stays."""
    if isinstance(node, list):
        return [as_2020(v) for v in node]
    if not isinstance(node, dict):
        return node
    kept = {k: v for k, v in node.items() if not (k == "nullable" and v in (True, False))}
    out = map_schema(kept, as_2020)
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(bound), bool) and out.pop(bound) and limit in out:
            out[bound] = out.pop(limit)
    if node.get("nullable") is not True:
        return out
    kind = out.get("type")
    if isinstance(out.get("enum"), list) and None not in out["enum"]:
        out["enum"] = [*out["enum"], None]
    if isinstance(kind, str):
        out["type"] = [kind, "null"]
    elif isinstance(kind, list):
        out["type"] = kind if "null" in kind else [*kind, "null"]
    else:
        return {"anyOf": [out, {"type": "null"}]}
    return out


#: A valid string of each common format (``pattern`` is not honoured).
_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "uuid": "00000000-0000-4000-8000-000000000001",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "AAAA",
    "duration": "PT1H",  # ISO 8601, as JSON Schema's format (NSwag's TimeSpan)
}


def json_sample(
    schema: Any,
    components: Any,
    *,
    required_only: bool = False,
    fixed: dict[str, Any] | None = None,
    omit: set[str] | None = None,
) -> Any:
    """A value valid against ``schema`` (2020-12 terms; ``components`` resolves its refs): types,
    formats, enums and consts, bounds, nested objects and arrays. An object gets all its
    properties, or its required ones only; at the top, ``fixed`` values replace generated ones
    and ``omit`` drops optional properties."""
    return _Samples({"components": components}, required_only).of(
        as_2020(schema), "value", 0, fixed or {}, omit or set()
    )


class _Samples:
    def __init__(self, root: Any, required_only: bool) -> None:
        self.root, self.required_only = root, required_only

    def resolve(self, schema: Any) -> Any:
        for _ in range(20):
            if not (isinstance(schema, dict) and str(schema.get("$ref", "")).startswith("#/")):
                break
            node = self.root
            for key in str(schema["$ref"])[2:].split("/"):
                node = node.get(key.replace("~1", "/").replace("~0", "~"), {})
            schema = node
        return schema

    def of(self, schema: Any, name: str, depth: int, fixed: Any, omit: set[str]) -> Any:
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return f"{name}-1"
        if "const" in schema:
            return schema["const"]
        shown = _schema_example(schema)
        if shown is not _NONE:
            return shown
        if schema.get("enum"):
            return next((v for v in schema["enum"] if v is not None), None)
        if schema.get("oneOf") or schema.get("anyOf"):
            return self.union(schema, name, depth, fixed, omit)
        kind = _kind(schema)
        if kind == "object":
            return self.object(schema, depth, fixed, omit)
        if kind == "array" and isinstance(schema.get("prefixItems"), list):  # 3.1 tuples
            return [self.of(p, name, depth + 1, {}, set()) for p in schema["prefixItems"]]
        if kind == "array":
            count = 0 if schema.get("maxItems") == 0 else max(1, int(schema.get("minItems", 1)))
            return [self.of(schema.get("items"), name, depth + 1, {}, set())] * count
        if kind in ("integer", "number"):
            return _number(schema, kind == "integer")
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return _string(schema, name)

    def union(self, schema: Any, name: str, depth: int, fixed: Any, omit: set[str]) -> Any:
        """The first branch, its discriminator set to the value that names it."""
        first = (schema.get("oneOf") or schema.get("anyOf"))[0]
        value = self.of(first, name, depth, fixed, omit)
        tag = _discriminator_value(schema, first)
        if tag is not None and isinstance(value, dict):
            value[tag[0]] = tag[1]
        return value

    def object(self, schema: Any, depth: int, fixed: Any, omit: set[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for part in schema.get("allOf") or []:
            merged = self.of(part, "value", depth, {}, set())
            out.update(merged if isinstance(merged, dict) else {})
        props = schema.get("properties") or {}
        required = set(schema.get("required") or [])
        brief = self.required_only or depth > 6  # recursive schemas end at their required fields
        for prop in [*props, *sorted(required - set(props))]:
            if prop in fixed:
                out[prop] = fixed[prop]
            elif prop in required or not (brief or prop in omit):
                out[prop] = self.of(props.get(prop, {}), prop, depth + 1, {}, set())
        return out


_NONE = object()


def _discriminator_value(schema: Any, branch: Any) -> tuple[str, str] | None:
    """(property, value) naming ``branch`` by the union's discriminator: the ``mapping`` key
    whose target is the branch, else the branch's schema name (OpenAPI's implicit mapping)."""
    disc = schema.get("discriminator")
    ref = branch.get("$ref") if isinstance(branch, dict) else None
    if not isinstance(disc, dict) or not disc.get("propertyName") or not isinstance(ref, str):
        return None
    target = ref.rsplit("/", 1)[-1]
    for key, mapped in (disc.get("mapping") or {}).items():
        if str(mapped) == ref or str(mapped).rsplit("/", 1)[-1] == target:
            return str(disc["propertyName"]), str(key)
    return str(disc["propertyName"]), target


def _schema_example(schema: Any) -> Any:
    """A scalar the schema itself shows (``example``, 3.1 ``examples``), else ``_NONE``: it
    satisfies what samples cannot guess (``pattern``)."""
    shown = schema.get("examples")
    candidates = [schema["example"]] if "example" in schema else []
    candidates += shown[:1] if isinstance(shown, list) else []
    return next((c for c in candidates if not isinstance(c, dict | list)), _NONE)


def _number(schema: Any, integer: bool) -> int | float:
    low = max((schema[k] for k in ("minimum", "exclusiveMinimum") if k in schema), default=None)
    high = min((schema[k] for k in ("maximum", "exclusiveMaximum") if k in schema), default=None)
    value: float = 1 if integer else 1.5
    if low is not None and high is not None:
        value = (low + high) / 2
    elif low is not None and value <= low:
        value = low + 1
    elif high is not None and value >= high:
        value = high - 1
    step = schema.get("multipleOf")
    if step:
        value = math.ceil(value / step) * step
    return math.ceil(value) if integer else value


def _kind(schema: Any) -> str:
    """The (first non-null) JSON type ``schema`` describes."""
    kind = schema.get("type")
    if isinstance(kind, list):
        return next((str(k) for k in kind if k != "null"), "null")
    if kind is None:
        shaped = "properties" in schema or "allOf" in schema
        return "object" if shaped else "array" if "items" in schema else "string"
    return str(kind)


def _string(schema: Any, name: str) -> str:
    text = _FORMATS.get(str(schema.get("format", "")), f"{name}-1")
    least, most = int(schema.get("minLength", 0)), schema.get("maxLength")
    text = text.ljust(least, "x")
    text = text[: int(most)] if most is not None else text
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        for candidate in (text, _literal(pattern), "USD", "AAA", "abc", "a-1", "123", "A1"):
            with suppress(re.error):
                if re.search(pattern, candidate):
                    return candidate
    return text


def _literal(pattern: str) -> str:
    """The text a pattern that is one literal (or its first alternative) matches: FastAPI's
    ``^password$`` (OAuth2 ``grant_type``), ``^(asc|desc)$``; "" for any other pattern."""
    body = pattern.removeprefix("^").removesuffix("$")
    if body.startswith("(") and body.endswith(")") and body.count("(") == 1:
        body = body[1:-1].split("|", 1)[0]
    plain = re.sub(r"\\[.\-/]", "", body)  # escaped punctuation is literal
    return "" if re.search(r"[\\.*+?\[\](){}|^$]", plain) else re.sub(r"\\(.)", r"\1", body)
