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
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from wirekit.rest import segment

from ..errors import SpecError
from ..model import (
    ApiErrorRule,
    Element,
    Exchange,
    HttpMessage,
    Location,
    Operation,
    Protocol,
    RestShape,
    Service,
    TypeRef,
    Variant,
    Webhook,
    scalar,
)
from ..read.openapi_examples import documented_answer
from .openapi_ops import OperationReader, derived_name, is_json_media, status_order
from .openapi_wire import simple, styled, wire_value

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
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
#: A body value not given (``None`` is JSON ``null``).
_NOTHING: Any = object()


@dataclass
class _Call:
    """What the parameters and body of one operation add, while they are read."""

    params: list[Element] = field(default_factory=list)
    locations: list[tuple[str, Location]] = field(default_factory=list)
    styles: list[tuple[str, str, bool]] = field(default_factory=list)
    #: The documented call's values, by wire name.
    arguments: dict[str, Any] = field(default_factory=dict)
    #: (wire, location, style, explode, value) of each documented non-body argument.
    wire: list[tuple[str, Location, str, bool, Any]] = field(default_factory=list)
    schema: str = ""
    body_value: Any = _NOTHING
    raw_body: tuple[str, str] | None = None


@dataclass
class _Answer:
    result: Element | None = None
    root: str = ""
    media: str = ""
    fmt: str = ""
    success: tuple[str, ...] = ()
    empty: list[str] = field(default_factory=list)
    errors: tuple[tuple[str, TypeRef], ...] = ()
    messages: list[HttpMessage] = field(default_factory=list)

    def done(self) -> _Answer:
        return self


def _error_order(key: str) -> tuple[int, str]:
    """Exact codes, then ranges, then ``default``."""
    return (2 if key == "default" else 1 if "X" in key.upper() else 0, key)


#: The documented multipart body's boundary (bindings choose their own; parts are compared).
_BOUNDARY = "polybind-documented-boundary"


def documented_multipart(call: _Call, shape: RestShape) -> str:
    """The documented multipart body: a field per scalar (repeated for an array, JSON text for
    an object), a part per file, in property order."""
    files = dict(shape.files)
    types = {e.name: e for e in call.params}
    parts: list[str] = []
    values = call.body_value if isinstance(call.body_value, dict) else {}
    for prop, value in values.items():
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if prop in files:
                head = (
                    f'Content-Disposition: form-data; name="{prop}"; filename="{prop}"\r\n'
                    f"Content-Type: {files[prop]}"
                )
                parts.append(f"{head}\r\n\r\n{text_of(item)}")
                continue
            if isinstance(item, dict):
                text = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
            else:
                element = types.get(prop)
                text = wire_value(element, item) if element is not None else text_of(item)
            disposition = f'Content-Disposition: form-data; name="{prop}"'
            parts.append(f"{disposition}\r\n\r\n{simple(text, False)}")
    body = "".join(f"--{_BOUNDARY}\r\n{p}\r\n" for p in parts)
    return f"{body}--{_BOUNDARY}--\r\n"


def _code(status: str) -> int:
    """The status a documented answer has: ``2XX`` and ``default`` are answered with 200."""
    return 200 if "X" in status.upper() or status == "default" else int(status)


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


class _Reader(OperationReader):
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
        for route, raw in (self.doc.get("paths") or {}).items():
            item, _ = self.deref(raw, ("paths", str(route)))
            for method in _METHODS:
                if method in item:
                    op, exchange = self.operation(str(route), method, item[method], item)
                    ops.append(op)
                    exchanges.append(exchange)
        names = [op.name for op in ops]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise SpecError(self.at("paths"), f"operation name {dupes[0]!r} is used twice")
        return ops, exchanges

    def operation_name(self, method: str, route: str, spec: Any) -> str:
        """The ``operationId``, else a name from method and path (``_2``… when two paths give
        the same one, ``/a-b`` and ``/a_b`` say)."""
        given = spec.get("operationId")
        if given:
            return str(given)
        name = derived_name(method, route)
        taken = {
            str(op.get("operationId") or "")
            for item in (self.doc.get("paths") or {}).values()
            if isinstance(item, dict)
            for m, op in item.items()
            if isinstance(op, dict)
        } | self.derived
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name}_{n}"
        self.derived.add(candidate)
        return candidate

    def operation(
        self, route: str, method: str, spec: Any, item: Any
    ) -> tuple[Operation, Exchange]:
        path = ("paths", route, method)
        name = self.operation_name(method, route, spec)
        call = _Call()
        self.parameters(name, item, spec, path, call)
        body = spec.get("requestBody")
        kind, body_param, media = "", False, ""
        files: tuple[tuple[str, str], ...] = ()
        if body is not None:
            kind, body_param, files, media = self.body(name, body, path, call)
        rule = self.api_error(spec, path)
        answer = self.responses(name, spec, path, rule)
        security = self.security(spec)
        server = self.server_url(spec.get("servers") or item.get("servers"), path)
        shape = RestShape(
            styles=tuple(call.styles),
            body=kind,
            body_param=body_param,
            files=files,
            success=answer.success,
            empty=tuple(answer.empty),
            response_format=answer.fmt,
            errors=answer.errors,
            security=security,
            server=server,
        )
        variant = Variant(
            Protocol.REST,
            method.upper(),
            route,
            locations=tuple(call.locations),
            request_media_type=media,
            request_schema=call.schema,
            response_media_type=answer.media,
            rest=shape,
        )
        op = Operation(
            name=name,
            params=tuple(call.params),
            result=answer.result,
            http_result_root=answer.root,
            variants=(variant,),
            doc=" ".join(str(spec.get("summary") or spec.get("description") or "").split()),
            api_error=rule,
        )
        request = self.request_message(op, variant, call, path)
        return op, Exchange(
            op.name,
            Protocol.REST,
            request,
            answer.messages[0],
            tuple(answer.messages[1:]),
            arguments=tuple(call.arguments.items()),
        )

    def parameters(
        self, name: str, item: Any, spec: Any, path: tuple[str, ...], call: _Call
    ) -> None:
        """The path, query, header and cookie parameters, where each goes, their examples."""
        for param, ppath in self.merged_parameters(item, spec, path):
            raw_where = str(param.get("in", "query"))
            if raw_where not in ("path", "query", "header", "cookie"):
                raise SpecError(self.at(*ppath), f"parameters in {raw_where} are not supported")
            where = Location(raw_where)
            wire = str(param["name"])
            schema = param.get("schema")
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                schema = next(iter(param["content"].values())).get("schema")
            schema = schema if schema is not None else {"type": "string"}
            required = bool(param.get("required")) or where == Location.PATH
            element = self.typed(
                wire, schema, required, f"{name}_{wire}", str(param.get("description", ""))
            )
            call.params.append(element)
            call.locations.append((wire, where))
            style, explode = self.default_style(where)
            style = str(param.get("style", style))
            explode = bool(param.get("explode", style == "form"))
            if (style, explode) != self.default_style(where):
                call.styles.append((wire, style, explode))
            found, value = self.param_example(param, schema)
            if found:
                at, what = self.at(*ppath, "example"), f"the example of {wire!r}"
                why = (
                    "kept in the contract's request, as the page shows it"
                    if self.captures
                    else "the contract sends a value built from the schema"
                )
                if not self.check_value(schema, value, at, what, why) and not self.captures:
                    value = self.sample(schema)
            elif required:
                value = self.sample(schema)
            else:
                continue
            value = self.in_schema_order(schema, value)
            call.arguments[wire] = value
            call.wire.append((wire, where, style, explode, wire_value(element, value)))

    def body(
        self, name: str, body: Any, path: tuple[str, ...], call: _Call
    ) -> tuple[str, bool, tuple[tuple[str, str], ...], str]:
        """Add the body's arguments; returns (kind, whole-body argument?, files, media type)."""
        body, bpath = self.deref(body, (*path, "requestBody"))
        content = body.get("content") or {}
        if not content:
            raise SpecError(self.at(*bpath), "a request body needs content")
        media, kind = self.pick_request_media(content)
        mspec = content[media] or {}
        mpath = (*bpath, "content", media)
        schema = mspec.get("schema")
        required = bool(body.get("required"))
        if kind in ("binary", "text") or schema is None:
            return self.raw_body(mspec, media, kind, required, call)
        whole = self.types.named(schema, f"{name}_body")
        value = self.body_example(mspec, schema)
        if isinstance(value, str) and not self.is_scalar(schema):
            with suppress(ValueError):  # a page's sample, copied as text
                value = json.loads(value)
        if kind == "json":
            call.schema = whole.name
            if isinstance(value, dict | list):
                obj, _ = self.deref(schema, ())
                self.check_json_example(mspec, obj, mpath, f"{name} request")
            skip = ("required", "additionalProperties")
            if not self.captures and self.violations(schema, value, skip=skip):
                value = self.sample(schema)  # reported above; the contract sends a valid body
        shape = self.object_properties(schema)
        if shape is None:
            ref = self.scalar_ref(schema)[0] if self.is_scalar(schema) else whole
            call.params.append(Element("body", ref, min_occurs=1 if required else 0))
            call.locations.append(("body", Location.BODY))
            call.arguments["body"] = value
            call.body_value = value
            return kind, True, (), media
        files = self.properties(
            name,
            shape=shape,
            kind=kind,
            encoding=mspec.get("encoding") or {},
            value=value,
            call=call,
        )
        return kind, False, files, media

    def raw_body(
        self, mspec: Any, media: str, kind: str, required: bool, call: _Call
    ) -> tuple[str, bool, tuple[tuple[str, str], ...], str]:
        """A body of bytes (or text): one ``body=`` argument."""
        ref = scalar("base64Binary" if kind != "text" else "string")
        call.params.append(Element("body", ref, min_occurs=1 if required else 0))
        call.locations.append(("body", Location.BODY))
        value = self.body_example(mspec, None) if "example" in mspec else "binary-sample"
        call.arguments["body"] = value
        call.raw_body = (media, text_of(value))
        return "text" if kind == "text" else "binary", True, (), media

    def properties(
        self,
        name: str,
        *,
        shape: tuple[dict[str, Any], set[str]],
        kind: str,
        encoding: Any,
        value: Any,
        call: _Call,
    ) -> tuple[tuple[str, str], ...]:
        """An object body's properties as keyword arguments; returns the multipart files."""
        props, needed = shape
        files: list[tuple[str, str]] = []
        sent = {}
        for prop, pschema in props.items():
            resolved, _ = self.deref(pschema, ())
            if isinstance(resolved, dict) and resolved.get("readOnly") is True:
                continue
            call.params.append(self.typed(prop, pschema, prop in needed, f"{name}_{prop}"))
            call.locations.append((prop, Location.BODY))
            if kind == "multipart" and self.file_type(pschema):
                ctype = str(
                    (encoding.get(prop) or {}).get("contentType", "application/octet-stream")
                )
                files.append((prop, ctype.split(",", maxsplit=1)[0].strip()))
            if kind == "form" and prop in encoding:
                enc = encoding[prop]
                style = str(enc.get("style", "form"))
                explode = bool(enc.get("explode", style == "form"))
                if (style, explode) != ("form", True):
                    call.styles.append((prop, style, explode))
            if isinstance(value, dict) and prop in value:
                if value[prop] is None and prop not in needed:
                    continue  # an optional argument given None is not sent
                call.arguments[prop] = value[prop]
                sent[prop] = value[prop]
        call.body_value = sent
        return tuple(files)

    def request_message(
        self, op: Operation, variant: Variant, call: _Call, path: tuple[str, ...]
    ) -> HttpMessage:
        shape = variant.rest
        assert shape is not None
        target = variant.path
        query: list[tuple[str, str]] = []
        headers: list[tuple[str, str]] = []
        cookies: list[tuple[str, str]] = []
        for wire, where, style, explode, value in call.wire:
            if where == Location.PATH:
                target = target.replace(f"{{{wire}}}", segment(simple(value, explode)))
            elif where == Location.QUERY:
                query += styled(wire, value, style, explode)
            elif where == Location.HEADER:
                headers.append((wire, simple(value, explode)))
            else:
                cookies += styled(wire, value, style, explode)
        aq, ah, ac = self.auth_parts(shape.security)
        query += aq
        headers += ah
        cookies += ac
        if cookies:
            headers.append(("Cookie", "; ".join(f"{k}={v}" for k, v in cookies)))
        base = urlsplit(shape.server or self.base_url()).path.rstrip("/")
        target = f"{base}{target}" + (f"?{urlencode(query, quote_via=quote)}" if query else "")
        body, data = "", None
        if shape.body == "json" and call.body_value is not _NOTHING:
            data = call.body_value
            body = json.dumps(data, ensure_ascii=False)
            headers.append(("Content-Type", variant.request_media_type))
        elif shape.body == "form":
            pairs = self.form_pairs(call, shape)
            body = urlencode(pairs, quote_via=quote)
            headers.append(("Content-Type", variant.request_media_type))
        elif shape.body == "multipart":
            body = documented_multipart(call, shape)
            headers.append(("Content-Type", f"multipart/form-data; boundary={_BOUNDARY}"))
        elif shape.body in ("binary", "text") and call.raw_body:
            body = call.raw_body[1]
            headers.append(("Content-Type", call.raw_body[0]))
        return HttpMessage(
            where=self.at(*path),
            method=variant.http_method,
            target=target,
            headers=tuple(headers),
            body=body,
            json=data,
            pairs=tuple(query),
        )

    def form_pairs(self, call: _Call, shape: RestShape) -> list[tuple[str, str]]:
        styles = {w: (s, e) for w, s, e in shape.styles}
        pairs: list[tuple[str, str]] = []
        values = call.body_value if isinstance(call.body_value, dict) else {}
        for prop, value in values.items():
            if value is None:
                continue
            style, explode = styles.get(prop, ("form", True))
            if isinstance(value, dict) and style == "form" and explode is True:
                pairs += [(prop, json.dumps(value, ensure_ascii=False, separators=(",", ":")))]
            else:
                pairs += styled(prop, value, style, explode)
        return pairs

    def responses(
        self, name: str, spec: Any, path: tuple[str, ...], rule: ApiErrorRule | None
    ) -> _Answer:
        responses = {str(k): v for k, v in (spec.get("responses") or {}).items()}
        success = sorted((k for k in responses if k.startswith("2")), key=status_order)
        if not success:  # only errors documented: a 2XX without content, or the default
            success = ["default"] if "default" in responses else ["2XX"]
            responses.setdefault("2XX", {"description": "(not documented)"})
        answer = _Answer()
        for key in success:
            resp, _ = self.deref(responses[key], (*path, "responses", key))
            if not (resp.get("content") or {}):
                answer.empty.append(key)
        chosen = next((k for k in success if k not in answer.empty), "")
        answer.success = tuple(k for k in success if k not in answer.empty)
        answer.errors = self.error_types(name, responses, path)
        if not chosen:
            key = answer.empty[0]
            code = 200 if "X" in key.upper() or key == "default" else int(key)
            answer.messages = [
                HttpMessage(where=self.at(*path, "responses", key), status=code, reason="")
            ]
            return answer.done()
        rpath = (*path, "responses", chosen)
        ok, rpath = self.deref(responses[chosen], rpath)
        code = _code(chosen)
        content = ok.get("content") or {}
        media = next((m for m in content if is_json_media(m)), "")
        if not media and self.xml_elements:
            media = next((m for m in content if m.endswith("xml")), "")
        if not media:
            media = next((m for m in content if not m.endswith("xml")), next(iter(content)))
        mpath = (*rpath, "content", media)
        body = content[media] or {}
        schema = body.get("schema")
        answer.media = media
        if is_json_media(media):
            if schema is None:
                schema = {}
            ref = self.types.named(schema, f"{name}_response")
            obj, _ = self.deref(schema, ())
            texts = self.json_response_examples(name, body, obj, mpath, rule=rule)
            answer.result, answer.fmt = Element(ref.name, ref, min_occurs=1), "json"
        elif media.endswith("xml") and self.xml_elements:
            root, ref = self.xml_type(schema, mpath)
            texts = self.xml_response_examples(name, body, root, ref, mpath, rule=rule)
            answer.result, answer.root, answer.fmt = Element(root, ref, min_occurs=1), root, "xml"
        else:
            text = media.startswith("text/") and not media.endswith("xml")
            answer.fmt = "text" if text else "binary"
            ref = scalar("string" if text else "base64Binary")
            answer.result = Element("result", ref, min_occurs=1)
            sample = str(body["example"]) if text and "example" in body else "binary-sample"
            answer.messages = [
                HttpMessage(
                    where=self.at(*mpath),
                    status=code,
                    headers=(("Content-Type", media),),
                    body=sample,
                )
            ]
            return answer.done()
        answer.messages = [
            replace(documented_answer(media, text, where), status=code, reason="")
            if code != 200
            else documented_answer(media, text, where)
            for text, where in texts
        ]
        return answer.done()

    def error_types(
        self, name: str, responses: dict[str, Any], path: tuple[str, ...]
    ) -> tuple[tuple[str, TypeRef], ...]:
        found = []
        for key, raw in responses.items():
            if key.startswith(("1", "2", "3")):
                continue
            resp, _ = self.deref(raw, (*path, "responses", key))
            content = resp.get("content") or {}
            media = next((m for m in content if is_json_media(m)), "")
            schema = (content.get(media) or {}).get("schema") if media else None
            if schema is not None:
                found.append((key, self.types.named(schema, f"{name}_{key}_error")))
        return tuple(sorted(found, key=lambda kv: _error_order(kv[0])))

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
            props, required = self.object_properties(obj) or ({}, set())
            fields = tuple(
                self.element(prop, s, prop in required, (*opath, "properties", prop))
                for prop, s in props.items()
                if self.is_scalar(s)
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
        url = self.server_url(self.doc.get("servers"), ("servers",))
        return url or "http://localhost/"


def _with_doc(e: Element, doc: str) -> Element:
    return replace(e, doc=" ".join(str(doc).split()) or e.doc)


def read_openapi(root: Path, folder: Path) -> Service:
    """The model of ``folder/openapi.yaml`` (with its ``x-xsd`` schema and its captures)."""
    r = _Reader(root, folder)
    r.setup_rest()
    ops, exchanges = r.operations()
    hooks, hook_exchanges = r.webhooks()
    schemas = dict(sorted(r.types.schemas.items()))
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
        security_schemes=tuple(r.used_schemes.values()),
    )
