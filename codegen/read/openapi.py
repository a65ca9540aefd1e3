"""Read ``specs/<svc>/openapi.yaml`` (OpenAPI 3.1) into the same service model as the WSDL reader.

What the kit takes from an OpenAPI document, and the conventions it adds (``x-`` extensions,
the OpenAPI way of saying what the standard cannot):

* ``servers[0].url`` is the default base URL; each path and method with an ``operationId`` is
  one operation with one ``rest`` variant. Parameters (path, query, header) come first, in
  document order, then the properties of an ``application/json`` request body.
* A ``200`` answer in ``application/json`` names a schema under ``components/schemas``: those
  schemas become JSON models (datamodel-code-generator). An answer in ``application/xml``
  names a schema whose ``xml.name`` is a global element of the XSD given by ``x-xsd``: the XML
  models come from that XSD, read by the WSDL reader's schema code.
* ``x-api-error: {code, success, message}`` (document or operation level) says how the vendor
  reports failure inside a 200 answer; success values keep their JSON types (``[200]``).
* ``webhooks`` become receivers; ``x-signature-header`` names the HMAC header.
* Examples are the captured samples. The one named ``documented`` (or the first) is the
  contract; the others are further forms of the same answer. Each example is checked against
  the schema (by type, with ``jsonschema``), and where the page departs from it (element
  casing, unknown or missing fields, wrong types, no sample at all) a defect is reported at
  the capture line the example came from.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from ..errors import SpecError
from ..model import (
    JSON_NS,
    ApiErrorRule,
    Element,
    Exchange,
    HttpMessage,
    Location,
    Operation,
    Protocol,
    Service,
    TypeRef,
    Variant,
    Webhook,
    scalar,
)
from ..read.openapi_examples import ExampleReader, documented_answer, example_text

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
#: JSON Schema (type, format) → xsd scalar the rest of the kit understands.
_FORMATS = {
    ("string", "uuid"): "guid",
    ("string", "date-time"): "dateTime",
    ("string", "date"): "date",
    ("string", "time"): "time",
    ("string", "byte"): "base64Binary",
    ("string", "decimal"): "decimal",
    ("integer", "int64"): "long",
    ("number", "float"): "float",
    ("number", "decimal"): "decimal",
}
_TYPES = {"string": "string", "integer": "int", "number": "double", "boolean": "boolean"}


class _Reader(ExampleReader):
    """Operations, types and webhooks of the document, into the service model."""

    # --- types ---------------------------------------------------------------------------------

    def scalar_of(self, schema: Any, path: tuple[str, ...]) -> tuple[TypeRef, bool]:
        """The xsd scalar a JSON Schema scalar maps to, and whether ``null`` is allowed."""
        schema, path = self.deref(schema, path)
        kind = schema.get("type", "string") if isinstance(schema, dict) else "string"
        kinds = [kind] if isinstance(kind, str) else list(kind)
        nullable = "null" in kinds
        kinds = [k for k in kinds if k != "null"] or ["string"]
        if len(kinds) != 1 or kinds[0] not in _TYPES:
            raise SpecError(
                self.at(*path), f"unsupported parameter type {kind!r} (scalars only here)"
            )
        name = _FORMATS.get((kinds[0], str(schema.get("format", ""))), _TYPES[kinds[0]])
        return scalar(name), nullable

    def element(self, name: str, schema: Any, required: bool, path: tuple[str, ...]) -> Element:
        ref, nullable = self.scalar_of(schema, path)
        doc = schema.get("description", "") if isinstance(schema, dict) else ""
        return Element(
            name=name,
            type=ref,
            min_occurs=1 if required else 0,
            nillable=nullable,
            doc=" ".join(str(doc).split()),
        )

    def json_type(self, schema: Any, path: tuple[str, ...]) -> TypeRef:
        if not (
            isinstance(schema, dict)
            and str(schema.get("$ref", "")).startswith("#/components/schemas/")
        ):
            raise SpecError(
                self.at(*path), "a JSON body must reference a schema under components/schemas"
            )
        name = str(schema["$ref"]).rsplit("/", 1)[1]
        self._collect_json(name)
        return TypeRef(JSON_NS, name)

    def _collect_json(self, name: str) -> None:
        if name in self.json_schemas:
            return
        body, _ = self.deref({"$ref": f"#/components/schemas/{name}"}, ())
        self.json_schemas[name] = body
        for ref in re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(body)):
            self._collect_json(ref)

    def xml_type(self, schema: Any, path: tuple[str, ...]) -> tuple[str, TypeRef]:
        body, body_path = self.deref(schema, path)
        xml = body.get("xml", {}) if isinstance(body, dict) else {}
        name = str(xml.get("name") or body_path[-1])
        if name not in self.xml_elements:
            raise SpecError(
                self.at(*body_path),
                f"XML body {name!r} is not a global element of the x-xsd schema",
            )
        return name, self.xml_elements[name]

    # --- operations ----------------------------------------------------------------------------

    def operations(self) -> tuple[list[Operation], list[Exchange]]:
        ops: list[Operation] = []
        exchanges: list[Exchange] = []
        for route, item in (self.doc.get("paths") or {}).items():
            for method in _METHODS:
                if method in item:
                    op, exchange = self.operation(str(route), method, item[method])
                    ops.append(op)
                    exchanges.append(exchange)
        names = [op.name for op in ops]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise SpecError(self.at("paths"), f"operationId {dupes[0]!r} is used twice")
        return ops, exchanges

    def operation(self, route: str, method: str, spec: Any) -> tuple[Operation, Exchange]:
        path = ("paths", route, method)
        name = spec.get("operationId")
        if not name:
            raise SpecError(self.at(*path), f"{method.upper()} {route} has no operationId")
        params, locations, examples = self.parameters(spec, path)
        body_media, body_example, body_schema = "", "", ""
        body = spec.get("requestBody")
        if body is not None:
            body_example, body_schema = self.json_body(
                body, path, f"{name} request", params, locations
            )
            body_media = "application/json"
        rule = self.api_error(spec, path)
        result, root, response_media, responses = self.response(name, spec, path, rule)
        variant = Variant(
            Protocol.REST,
            method.upper(),
            route,
            locations=tuple(locations),
            request_media_type=body_media,
            request_schema=body_schema,
            response_media_type=response_media,
        )
        op = Operation(
            name=str(name),
            params=tuple(params),
            result=result,
            http_result_root=root,
            variants=(variant,),
            doc=" ".join(str(spec.get("summary") or spec.get("description") or "").split()),
            api_error=rule,
        )
        request = self.request_message(op, variant, examples, body_example, path)
        return op, Exchange(op.name, Protocol.REST, request, responses[0], tuple(responses[1:]))

    def parameters(
        self, spec: Any, path: tuple[str, ...]
    ) -> tuple[list[Element], list[tuple[str, Location]], dict[str, str]]:
        """The path, query and header parameters, where each goes, and their examples."""
        params: list[Element] = []
        locations: list[tuple[str, Location]] = []
        examples: dict[str, str] = {}
        for i, raw in enumerate(spec.get("parameters") or []):
            param, ppath = self.deref(raw, (*path, "parameters", str(i)))
            where = Location(param.get("in", "query"))
            if where not in (Location.PATH, Location.QUERY, Location.HEADER):
                raise SpecError(self.at(*ppath), f"parameters in {where} are not supported")
            required = bool(param.get("required")) or where == Location.PATH
            element = self.element(
                param["name"], param.get("schema", {}), required, (*ppath, "schema")
            )
            params.append(_with_doc(element, param.get("description", "")))
            locations.append((param["name"], where))
            if "example" in param:
                examples[param["name"]] = example_text(param["example"])
                at, what = self.at(*ppath, "example"), f"the example of {param['name']!r}"
                why = "kept in the contract's request, as the page shows it"
                self.check_value(param.get("schema", {}), param["example"], at, what, why)
        return params, locations, examples

    def json_body(
        self,
        body: Any,
        path: tuple[str, ...],
        what: str,
        params: list[Element],
        locations: list[tuple[str, Location]],
    ) -> tuple[str, str]:
        """Add the JSON body's properties to ``params``; returns its checked example and the
        name of its schema under ``components/schemas``."""
        body, bpath = self.deref(body, (*path, "requestBody"))
        content = body.get("content") or {}
        if "application/json" not in content:
            raise SpecError(self.at(*bpath), "request bodies must be application/json")
        media = content["application/json"]
        ref = self.json_type(media.get("schema"), (*bpath, "content", "application/json"))
        obj, opath = self.deref(media["schema"], ())
        needed = set(obj.get("required") or [])
        for prop, pschema in (obj.get("properties") or {}).items():
            params.append(self.element(prop, pschema, prop in needed, (*opath, "properties", prop)))
            locations.append((prop, Location.BODY))
        example = self.check_json_example(media, obj, (*bpath, "content", "application/json"), what)
        return example, ref.name

    def request_message(
        self,
        op: Operation,
        variant: Variant,
        examples: dict[str, str],
        body: str,
        path: tuple[str, ...],
    ) -> HttpMessage:
        target = variant.path
        query: list[tuple[str, str]] = []
        headers: list[tuple[str, str]] = []
        for e, (wire, where) in zip(op.params, variant.locations, strict=True):
            if where == Location.BODY:
                continue
            if wire not in examples:
                if e.min_occurs:
                    raise SpecError(
                        self.at(*path), f"{op.name}: required parameter {wire!r} has no example"
                    )
                continue
            value = examples[wire]
            if where == Location.PATH:
                target = target.replace(f"{{{wire}}}", quote(value, safe=""))
            elif where == Location.QUERY:
                query.append((wire, value))
            else:
                headers.append((wire, value))
        base = urlsplit(self.base_url()).path.rstrip("/")
        target = f"{base}{target}" + (f"?{urlencode(query)}" if query else "")
        if body:
            headers.append(("Content-Type", "application/json"))
        return HttpMessage(
            where=self.at(*path),
            method=variant.http_method,
            target=target,
            headers=tuple(headers),
            body=body,
            json=json.loads(body) if body else None,
            pairs=tuple(query),
        )

    def response(
        self, name: str, spec: Any, path: tuple[str, ...], rule: ApiErrorRule | None
    ) -> tuple[Element | None, str, str, list[HttpMessage]]:
        responses = spec.get("responses") or {}
        ok = responses.get("200", responses.get(200))
        rpath = (*path, "responses", "200")
        if ok is None:
            raise SpecError(self.at(*path), f"{name}: no 200 response")
        ok, rpath = self.deref(ok, rpath)
        content = ok.get("content") or {}
        if not content:
            message = HttpMessage(where=self.at(*rpath), status=200, reason="OK")
            return None, "", "", [message]
        media = next(iter(content))
        mpath = (*rpath, "content", media)
        body = content[media]
        schema = body.get("schema")
        if media == "application/json":
            ref = self.json_type(schema, mpath)
            obj, _ = self.deref(schema, ())
            texts = self.json_response_examples(name, body, obj, mpath, rule=rule)
            result, root = Element(ref.name, ref, min_occurs=1), ""
        elif media in ("application/xml", "text/xml"):
            root, ref = self.xml_type(schema, mpath)
            texts = self.xml_response_examples(name, body, root, ref, mpath, rule=rule)
            result = Element(root, ref, min_occurs=1)
        else:
            raise SpecError(self.at(*mpath), f"unsupported response media type {media!r}")
        messages = [documented_answer(media, text, where) for text, where in texts]
        return result, root, media, messages

    # --- webhooks ------------------------------------------------------------------------------

    def webhooks(self) -> tuple[list[Webhook], list[Exchange]]:
        hooks: list[Webhook] = []
        exchanges: list[Exchange] = []
        for name, item in (self.doc.get("webhooks") or {}).items():
            path = ("webhooks", str(name), "post")
            spec = item.get("post")
            if spec is None:
                raise SpecError(self.at("webhooks", str(name)), "a webhook must be a POST")
            body, bpath = self.deref(spec.get("requestBody") or {}, (*path, "requestBody"))
            content = body.get("content") or {}
            if not content:
                raise SpecError(self.at(*bpath), f"webhook {name!r} has no request body")
            first = next(iter(content))
            obj, opath = self.deref(content[first].get("schema") or {}, (*bpath, "content", first))
            required = set(obj.get("required") or [])
            fields = tuple(
                self.element(prop, s, prop in required, (*opath, "properties", prop))
                for prop, s in (obj.get("properties") or {}).items()
            )
            hooks.append(
                Webhook(
                    name=str(name),
                    fields=fields,
                    media_types=tuple(content),
                    signature_header=str(spec.get("x-signature-header", "")),
                    doc=" ".join(str(spec.get("summary") or "").split()),
                )
            )
            examples = self._examples(content[first], (*bpath, "content", first))
            if examples:
                _, text, epath = examples[0]
                where = self.where_example(text, epath)
                request = HttpMessage(
                    where=where,
                    method="POST",
                    target="/",
                    headers=(("Content-Type", first),),
                    body=text.strip(),
                )
                response = HttpMessage(where=self.at(*path, "responses"), status=200, reason="OK")
                exchanges.append(Exchange(str(name), Protocol.WEBHOOK, request, response))
        return hooks, exchanges

    def base_url(self) -> str:
        servers = self.doc.get("servers") or []
        if not servers or not servers[0].get("url"):
            raise SpecError(self.at("servers"), "the document names no server URL")
        return str(servers[0]["url"])


def _with_doc(e: Element, doc: str) -> Element:
    return replace(e, doc=" ".join(str(doc).split()) or e.doc)


def read_openapi(root: Path, folder: Path) -> Service:
    """The model of ``folder/openapi.yaml`` (with its ``x-xsd`` schema and its captures)."""
    r = _Reader(root, folder)
    ops, exchanges = r.operations()
    hooks, hook_exchanges = r.webhooks()
    schemas = dict(sorted(r.json_schemas.items()))
    info = r.doc.get("info") or {}
    return Service(
        name=folder.name,
        wsdl_name=str(info.get("title", folder.name)),
        namespace=r.schema.namespace,
        base_url=r.base_url(),
        schema=r.schema,
        operations=tuple(ops),
        source=r.shown,
        doc=" ".join(str(info.get("description", "")).split()),
        exchanges=tuple(exchanges + hook_exchanges),
        defects=tuple(r.defects),
        json_schemas=schemas,
        webhooks=tuple(hooks),
    )
