"""Read ``specs/<svc>/openapi.yaml`` (or ``.yml``/``.json``; OpenAPI 3.0 or 3.1) into the same
service model as the WSDL reader.

A document as published is enough: every path and method is one operation with one ``rest``
variant (named by ``operationId``, else from method and path), its parameters (path, query,
header, cookie; path-level ones first) then its body's arguments, its answers and security
(see ``openapi_ops``, ``openapi_answers``, ``openapi_request``); schemas become JSON models
(``openapi_schemas`` names them, datamodel-code-generator writes them). What only pages say,
the kit reads from ``x-`` extensions:

* an XML answer names a schema whose ``xml.name`` is a global element of the XSD given by
  ``x-xsd``: the XML models come from that XSD, read by the WSDL reader's schema code;
* ``x-api-error: {code, success, message}`` (document or operation level) says how the vendor
  reports failure inside a 200 answer; success values keep their JSON types (``[200]``);
* ``webhooks`` become receivers; ``x-signature-header`` names the HMAC header.

Examples are the contract's values. With captured pages, the one named ``documented`` (or the
first) is the contract, the others further forms of the same answer, and where the page
departs from the schema (casing, unknown or missing fields, wrong types, no sample) a defect
names the capture line. In a document without captures an example that breaks its schema is
a defect at the offending value's line (real documents copy examples from real answers), left
out of the contract; where none valid is given, a sample valid against the schema is used.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import SpecError
from ..model import (
    Defect,
    Element,
    Exchange,
    HttpMessage,
    Location,
    Operation,
    Protocol,
    RestShape,
    Service,
    Variant,
    Webhook,
    scalar,
)
from .openapi_ops import derived_name
from .openapi_request import Call, RequestReader, text_of
from .openapi_wire import wire_value

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class _Reader(RequestReader):
    """Operations, types and webhooks of the document, into the service model."""

    # --- types ---------------------------------------------------------------------------------

    def element(self, name: str, schema: Any, required: bool) -> Element:
        ref, nullable = self.scalar_ref(schema)  # callers pass scalars only (is_scalar)
        doc = schema.get("description", "") if isinstance(schema, dict) else ""
        return Element(
            name=name,
            type=ref,
            min_occurs=1 if required else 0,
            nillable=nullable,
            doc=" ".join(str(doc).split()),
        )

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
        call = Call()
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
            accept=answer.accept,
            response_headers=answer.headers,
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
        self, name: str, item: Any, spec: Any, path: tuple[str, ...], call: Call
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
            call.arguments[len(call.params) - 1] = value
            call.wire.append((wire, where, style, explode, wire_value(element, value)))

    def body(
        self, name: str, body: Any, path: tuple[str, ...], call: Call
    ) -> tuple[str, bool, tuple[tuple[str, str], ...], str]:
        """Add the body's arguments; returns (kind, whole-body argument?, files, media type)."""
        body, bpath = self.deref(body, (*path, "requestBody"))
        content = body.get("content") or {}
        if not content:
            raise SpecError(self.at(*bpath), "a request body needs content")
        media, kind = self.body_media(content, (*bpath, "content"))
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
            call.arguments[len(call.params) - 1] = value
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
        self, mspec: Any, media: str, kind: str, required: bool, call: Call
    ) -> tuple[str, bool, tuple[tuple[str, str], ...], str]:
        """A body of bytes (or text): one ``body=`` argument."""
        ref = scalar("base64Binary" if kind != "text" else "string")
        call.params.append(Element("body", ref, min_occurs=1 if required else 0))
        call.locations.append(("body", Location.BODY))
        value = self.body_example(mspec, None) if "example" in mspec else "binary-sample"
        call.arguments[len(call.params) - 1] = value
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
        call: Call,
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
                call.arguments[len(call.params) - 1] = value[prop]
                sent[prop] = value[prop]
        call.body_value = sent
        return tuple(files)

    # --- webhooks ------------------------------------------------------------------------------

    def webhooks(self) -> tuple[list[Webhook], list[Exchange]]:
        hooks: list[Webhook] = []
        exchanges: list[Exchange] = []
        for name, raw in (self.doc.get("webhooks") or {}).items():
            path = ("webhooks", str(name), "post")
            item, _ = self.deref(raw, path[:-1])
            spec = item.get("post") if isinstance(item, dict) else None
            body, bpath = self.deref((spec or {}).get("requestBody") or {}, (*path, "requestBody"))
            content = (body.get("content") or {}) if isinstance(body, dict) else {}
            if spec is None or not content:  # the kit receives POSTed bodies only
                self.defects.append(
                    Defect(
                        self.at(*path[:-1]),
                        f"webhook {name!r} is not a POST with a body",
                        "no receiver is generated for it",
                    )
                )
                continue
            first = next(iter(content))
            obj, _ = self.deref(content[first].get("schema") or {}, (*bpath, "content", first))
            props, required = self.object_properties(obj) or ({}, set())
            fields = tuple(
                self.element(prop, s, prop in required)
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
        **r.server_template(),
    )
