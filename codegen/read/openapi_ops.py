"""One operation of a published OpenAPI 3.0/3.1 document: parameters, body, answers, security.

Rules (the README's REST section states them for users):

* an operation without ``operationId`` is named from method and path in snake case, as
  openapi-python-client does (``GET /pets/{petId}/photo`` → ``get_pets_pet_id_photo``);
* path-level parameters apply to every method, operation-level ones override them by name and
  place; scalars keep the kit's scalar types, arrays and objects become JSON-typed arguments;
* a body that is an object of properties (JSON, form or multipart) is passed as keyword
  arguments, one per property (read-only ones are never sent); any other body (an array, a
  scalar, a ``oneOf``, bytes) is one ``body=`` argument;
* the answer is the first success status with content (``200``, ``201``…, then ``2XX``), in
  JSON when offered, else XML (with ``x-xsd``), else bytes; success statuses without content
  return ``None``; error statuses with a JSON schema are decoded into the raised error.
"""

from __future__ import annotations

import json
from typing import Any

from wirekit.auth import choose, key_name

from ..errors import SpecError
from ..model import (
    JSON_NS,
    Defect,
    Element,
    Location,
    SecurityScheme,
    TypeRef,
    scalar,
)
from ..naming import snake
from .openapi_doc import json_sample
from .openapi_examples import ExampleReader
from .openapi_schemas import JsonSchemas
from .openapi_wire import default_style

_FORMATS = {
    ("string", "uuid"): "guid",
    ("string", "date-time"): "dateTime",
    ("string", "date"): "date",
    ("string", "time"): "time",
    ("string", "byte"): "base64Binary",
    ("string", "binary"): "base64Binary",
    # ("string", "decimal") stays a string: the kit's decimal is a JSON number in a body.
    ("integer", "int64"): "long",
    ("number", "float"): "float",
    ("number", "decimal"): "decimal",
}
_TYPES = {"string": "string", "integer": "int", "number": "double", "boolean": "boolean"}
FORM = "application/x-www-form-urlencoded"


def is_json_media(media: str) -> bool:
    base = media.split(";", maxsplit=1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def derived_name(method: str, route: str) -> str:
    return snake(f"{method} {route}")


def status_order(key: str) -> tuple[int, str]:
    """Exact codes before ranges: ``200`` < ``201`` < ``2XX``."""
    return (1 if "X" in key.upper() else 0, key)


class OperationReader(ExampleReader):
    """Types, parameters and security of the document's operations."""

    def setup_rest(self) -> None:
        comps = self.doc.get("components") or {}
        self.types = JsonSchemas(comps.get("schemas") or {})
        self.schemes: dict[str, SecurityScheme] = {}
        for name, raw in (comps.get("securitySchemes") or {}).items():
            s, _ = self.deref(raw, ("components", "securitySchemes", str(name)))
            kind = str(s.get("type", "")).lower() if isinstance(s, dict) else ""
            if kind == "apikey" and s.get("in") in ("header", "query", "cookie"):
                self.schemes[name] = SecurityScheme(name, "api_key", s["in"], str(s["name"]))
            elif kind == "http" and str(s.get("scheme", "")).lower() == "basic":
                self.schemes[name] = SecurityScheme(name, "basic", "header", "Authorization")
            elif kind in ("http", "oauth2", "openidconnect"):
                self.schemes[name] = SecurityScheme(name, "bearer", "header", "Authorization")
        self.used_schemes: dict[str, SecurityScheme] = {}
        #: Operation names derived from method and path so far.
        self.derived: set[str] = set()

    # --- types -----------------------------------------------------------------------------

    def is_scalar(self, schema: Any) -> bool:
        schema, _ = self.deref(schema, ())
        if not isinstance(schema, dict):
            return True
        if any(k in schema for k in ("oneOf", "anyOf", "allOf", "properties", "items")):
            return False
        kind = schema.get("type", "string")
        kinds = [k for k in ([kind] if isinstance(kind, str) else list(kind)) if k != "null"]
        return len(kinds) <= 1 and (not kinds or kinds[0] in _TYPES)

    def scalar_ref(self, schema: Any) -> tuple[TypeRef, bool]:
        schema, _ = self.deref(schema, ())
        if not isinstance(schema, dict):
            return scalar("string"), False
        kind = schema.get("type", "string")
        kinds = [kind] if isinstance(kind, str) else list(kind)
        nullable = "null" in kinds or schema.get("nullable") is True
        kinds = [k for k in kinds if k != "null"] or ["string"]
        name = _FORMATS.get((kinds[0], str(schema.get("format", ""))), _TYPES[kinds[0]])
        return scalar(name), nullable

    def typed(self, name: str, schema: Any, required: bool, hint: str, doc: str = "") -> Element:
        """A parameter or property: a kit scalar, or a JSON type named after ``hint``."""
        if self.is_scalar(schema):
            ref, nullable = self.scalar_ref(schema)
        else:
            ref, nullable = self.types.named(schema, hint), self.allows_null(schema)
        if not doc and isinstance(schema, dict):
            doc = str(schema.get("description", ""))
        return Element(
            name=name,
            type=ref,
            min_occurs=1 if required else 0,
            nillable=nullable,
            doc=" ".join(str(doc).split()),
        )

    def allows_null(self, schema: Any) -> bool:
        schema, _ = self.deref(schema, ())
        if not isinstance(schema, dict):
            return False
        kind = schema.get("type")
        return schema.get("nullable") is True or (isinstance(kind, list) and "null" in kind)

    def in_schema_order(self, schema: Any, value: Any) -> Any:
        """An object value's keys in the order of the schema's properties, as a model sends
        them (``?min_size=width,800,height,600`` is one value, written in one order)."""
        resolved, _ = self.deref(schema, ())
        props = resolved.get("properties") if isinstance(resolved, dict) else None
        if not isinstance(value, dict) or not isinstance(props, dict):
            return value
        ordered = {k: value[k] for k in props if k in value}
        return ordered | {k: v for k, v in value.items() if k not in ordered}

    def sample(self, schema: Any) -> Any:
        return json_sample(schema, self.components)

    # --- parameters --------------------------------------------------------------------------

    def merged_parameters(
        self, item: Any, spec: Any, path: tuple[str, ...]
    ) -> list[tuple[Any, tuple[str, ...]]]:
        found: dict[tuple[str, str], tuple[Any, tuple[str, ...]]] = {}
        sources = ((item, path[:-1]), (spec, path))
        for owner, opath in sources:
            for i, raw in enumerate(owner.get("parameters") or []):
                param, ppath = self.deref(raw, (*opath, "parameters", str(i)))
                key = (str(param.get("name")), str(param.get("in", "query")))
                found.pop(key, None)
                found[key] = (param, ppath)
        return list(found.values())

    def param_example(self, param: Any, schema: Any) -> tuple[bool, Any]:
        if "example" in param:
            return True, param["example"]
        for raw in (param.get("examples") or {}).values():
            ex, _ = self.deref(raw, ())
            if isinstance(ex, dict) and "value" in ex:
                return True, ex["value"]
        if isinstance(schema, dict):
            resolved, _ = self.deref(schema, ())
            if isinstance(resolved, dict):
                if "example" in resolved:
                    return True, resolved["example"]
                if isinstance(resolved.get("examples"), list) and resolved["examples"]:
                    return True, resolved["examples"][0]
        return False, None

    # --- security ----------------------------------------------------------------------------

    def security(self, spec: Any) -> tuple[tuple[SecurityScheme, ...], ...]:
        wanted = spec.get("security", self.doc.get("security"))
        if not wanted:
            return ()
        out = []
        for requirement in wanted:
            names = list((requirement or {}).keys())
            if any(n not in self.schemes for n in names):
                continue  # a scheme the kit cannot apply: that alternative is not offered
            alternative = tuple(self.schemes[n] for n in names)
            for s in alternative:
                self.used_schemes.setdefault(s.name, s)
            out.append(alternative)
        return tuple(out)

    def auth_parts(
        self, security: tuple[tuple[SecurityScheme, ...], ...]
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
        """The documented request's credentials (scrubbed placeholders): query, headers,
        cookies, for the alternative the bindings choose when given every credential."""
        query: list[tuple[str, str]] = []
        headers: list[tuple[str, str]] = []
        cookies: list[tuple[str, str]] = []
        plain = [tuple((s.kind, s.location, s.wire) for s in alt) for alt in security]
        held = {key_name(s.location, s.wire) for alt in security for s in alt}
        picked = choose(plain, held | {"api_key", "basic", "bearer"})
        for kind, location, wire in picked or ():
            if kind == "basic":
                headers.append(("Authorization", "Basic REDACTED"))
            elif kind == "bearer":
                headers.append(("Authorization", "Bearer REDACTED"))
            elif location == "query":
                query.append((wire, "REDACTED"))
            elif location == "cookie":
                cookies.append((wire, "REDACTED"))
            else:
                headers.append((wire, "REDACTED"))
        return query, headers, cookies

    # --- servers -----------------------------------------------------------------------------

    def server_url(self, servers: Any, path: tuple[str, ...]) -> str:
        if not servers or not isinstance(servers, list) or not servers[0].get("url"):
            return ""
        url = str(servers[0]["url"])
        for var, spec in (servers[0].get("variables") or {}).items():
            if "default" not in spec:
                raise SpecError(self.at(*path, "0", "variables", var), "a variable needs a default")
            url = url.replace(f"{{{var}}}", str(spec["default"]))
        if url.startswith("/") or "://" not in url:
            url = "http://localhost/" + url.lstrip("/")
        return url

    def server_template(self) -> dict[str, Any]:
        """The first server's template and variable defaults, for ``Client.server_url``."""
        servers = self.doc.get("servers") or []
        first = servers[0] if servers and isinstance(servers[0], dict) else {}
        variables = first.get("variables") or {}
        if not variables:
            return {}
        return {
            "server_template": str(first.get("url", "")),
            "server_variables": tuple(
                (str(k), str(v.get("default", ""))) for k, v in variables.items()
            ),
        }

    def base_url(self) -> str:
        url = self.server_url(self.doc.get("servers"), ("servers",))
        return url or "http://localhost/"

    # --- bodies ------------------------------------------------------------------------------

    def object_properties(self, schema: Any) -> tuple[dict[str, Any], set[str]] | None:
        """The properties and required names of an object body, ``None`` if it is not one."""
        schema, _ = self.deref(schema, ())
        if not isinstance(schema, dict) or "oneOf" in schema or "anyOf" in schema:
            return None
        props: dict[str, Any] = {}
        required: set[str] = set()
        for part in schema.get("allOf") or []:
            inner = self.object_properties(part)
            if inner is None:
                return None
            props.update(inner[0])
            required |= inner[1]
        kind = schema.get("type")
        if kind not in (None, "object") and not (isinstance(kind, list) and "object" in kind):
            return None
        props.update(schema.get("properties") or {})
        required |= set(schema.get("required") or [])
        return (props, required) if props else None

    def body_example(self, media: Any, schema: Any) -> Any:
        if "example" in media:
            return media["example"]
        for raw in (media.get("examples") or {}).values():
            ex, _ = self.deref(raw, ())
            if isinstance(ex, dict) and "value" in ex:
                return ex["value"]
        return self.sample(schema) if schema is not None else "binary-sample"

    def body_media(self, content: dict[str, Any], path: tuple[str, ...]) -> tuple[str, str]:
        """``pick_request_media``, unless another offered object body has every property of
        that one and more (a multipart form that also takes the file): then that one. What
        the chosen body cannot carry (remove.bg's ``image_file`` beside a JSON ``image_url``)
        is reported, never dropped in silence."""
        media, kind = self.pick_request_media(content)
        names = {}
        for offered, spec in content.items():
            shape = self.object_properties((spec or {}).get("schema") or {})
            if shape is not None:
                names[offered] = set(shape[0])
        chosen = names.get(media)
        if chosen is None:
            return media, kind
        wider = [m for m, props in names.items() if props > chosen]
        if wider:
            media, kind = self.pick_request_media({wider[0]: content[wider[0]]})
        lost = sorted(set().union(*names.values()) - names[media])
        if lost:
            self.defects.append(
                Defect(
                    self.at(*path),
                    f"the request body is offered as {', '.join(content)}; the binding sends "
                    f"{media}, which has no {', '.join(lost)}",
                    f"{', '.join(lost)} cannot be sent by the generated client",
                )
            )
        return media, kind

    @staticmethod
    def pick_request_media(content: dict[str, Any]) -> tuple[str, str]:
        """(media type, body kind) the binding sends: JSON, form, multipart, else bytes."""
        medias = list(content)
        for m in medias:
            if is_json_media(m):
                return m, "json"
        for m in medias:
            if m.split(";")[0].strip().lower() == FORM:
                return m, "form"
        for m in medias:
            if m.lower().startswith("multipart/"):
                return m, "multipart"
        for m in medias:
            if m.lower().startswith("text/plain"):
                return m, "text"
        return medias[0], "binary"

    def file_type(self, prop: Any) -> bool:
        prop, _ = self.deref(prop, ())
        if not isinstance(prop, dict):
            return False
        if prop.get("format") == "binary" or prop.get("contentMediaType"):
            return True
        items = prop.get("items")
        return prop.get("type") == "array" and self.file_type(items or {})

    @staticmethod
    def documented_json(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    @staticmethod
    def location_of(where: str) -> Location:
        return Location(where)

    def default_style(self, where: Location) -> tuple[str, bool]:
        return default_style(where)

    @staticmethod
    def is_json_ref(ref: TypeRef) -> bool:
        return ref.namespace == JSON_NS
