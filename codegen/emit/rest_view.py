"""How a REST service's operations and webhooks look in Python.

Small typed records, one per thing rendered: an operation (its signature and where each
argument travels), an argument, a webhook and its fields. Names written into generated code
are declared in the ``Imports`` of the module they go into.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..emit.docstrings import docstring
from ..emit.imports import Imports
from ..emit.json_types import JsonTypes, or_none
from ..emit.rest_args import ArgView, ArgWriter
from ..emit.xml_view import XmlTypes, decoder, scalar_text, scalar_type
from ..errors import SpecError
from ..model import (
    JSON_NS,
    Element,
    Location,
    Operation,
    Service,
    SourceLine,
    Webhook,
)
from ..naming import CLIENT_API, constant, method_name, pascal, snake, unique

#: Request containers, in the order the encoder declares them.
CONTAINERS = (
    "path",
    "query",
    "headers",
    "cookies",
    "body",
    "form",
    "files",
    "json_body",
    "content",
)
#: How each container is declared in an encoder, and the ``RestRequest`` field it fills.
DECLARATIONS = {
    "path": ("dict[str, str]", "{}", "path"),
    "query": ("list[tuple[str, str]]", "[]", "query"),
    "headers": ("list[tuple[str, str]]", "[]", "headers"),
    "cookies": ("list[tuple[str, str]]", "[]", "cookies"),
    "body": ("dict[str, object]", "{}", "json"),
    "form": ("list[tuple[str, str]]", "[]", "form"),
    "files": ("list[tuple[str, bytes | FileUpload]]", "[]", "files"),
    "json_body": ("object", "None", "json"),
    "content": ("bytes | None", "None", "content"),
}


@dataclass(frozen=True)
class ParamView:
    py_name: str
    wire: str
    annotation: str
    #: Optional parameters default to ``None`` and are then not sent.
    default: bool
    doc: str


@dataclass(frozen=True)
class RestOperationView:
    name: str
    method: str
    const: str
    docstring: str
    params: tuple[ParamView, ...]
    return_type: str
    http_method: str
    path: str
    containers: tuple[str, ...]
    args: tuple[ArgView, ...]
    response_format: str
    decode: str
    root: str
    api_error: str
    #: ``Param(...)`` literals, one per parameter (``wirekit.arguments``).
    checks: tuple[str, ...] = ()
    #: Further ``RestOperationSpec`` keyword arguments (``name=literal``), only where set.
    extras: tuple[tuple[str, str], ...] = ()

    @property
    def declarations(self) -> list[tuple[str, str, str]]:
        return [(f"_{c}", DECLARATIONS[c][0], DECLARATIONS[c][1]) for c in self.containers]

    @property
    def fields(self) -> list[tuple[str, str]]:
        return [(DECLARATIONS[c][2], f"_{c}") for c in self.containers]


@dataclass(frozen=True)
class HookFieldView:
    wire: str
    py_name: str
    required: bool
    decoder: str
    annotation: str
    encode: str


@dataclass(frozen=True)
class WebhookView:
    name: str
    func: str
    const: str
    event: str
    docstring: str
    signature_header: str
    fields: tuple[HookFieldView, ...]

    @property
    def exports(self) -> list[str]:
        return [
            f"{self.const}_SIGNATURE_HEADER",
            self.const,
            self.event,
            f"parse_{self.func}",
            f"{self.func}_receiver",
            f"send_test_{self.func}",
            f"send_test_{self.func}_async",
        ]


def _json_guid_names(service: Service) -> frozenset[str]:
    """Upper-cased JSON properties of format ``uuid``, in any component schema."""
    return frozenset(
        str(name).upper()
        for schema in service.json_schemas.values()
        if isinstance(schema, dict)
        for name, prop in (schema.get("properties") or {}).items()
        if isinstance(prop, dict) and prop.get("format") == "uuid"
    )


def _file_fields(op: Operation) -> frozenset[str]:
    """The wire names of ``op``'s multipart file fields (body parameters)."""
    variant = op.variants[0]
    shape = variant.rest
    if shape is None or shape.body != "multipart" or shape.body_param:
        return frozenset()
    body = {wire for wire, where in variant.locations if where == Location.BODY}
    return frozenset(name for name, _ in shape.files if name in body)


def _renamed(name: str, method: str) -> str:
    """Why the method of an operation named like the client's own API has another name."""
    own = snake(name)
    if own not in CLIENT_API:
        return ""
    return (
        f". Named ``{method}``, not ``{own}``: that name is the client's own, which the "
        "operation must not replace."
    )


class RestView:
    def __init__(self, service: Service, json_types: JsonTypes | None = None) -> None:
        self.service = service
        self.json = json_types or JsonTypes()
        self.types = XmlTypes(service.schema, service.source)
        self.methods = unique([method_name(op.name) for op in service.operations])
        self.twins = self.types.guid_names | _json_guid_names(service)
        self.args = ArgWriter(self.types, self.twins)

    def where(self) -> SourceLine:
        return SourceLine(self.service.source, 1)

    def annotation(self, e: Element, imp: Imports) -> str:
        if e.type.namespace == JSON_NS:
            base = self.json.argument(e.type.name, imp)
            return base if e.min_occurs and not e.nillable else or_none(base)
        if not e.type.is_scalar:
            raise SpecError(self.where(), f"parameter {e.name!r} must be a scalar")
        both, _ = self.types.coerced(e, "", Imports(), imp, self.twins)
        base = both or scalar_type(e.type, imp)
        return base if e.min_occurs and not e.nillable else f"{base} | None"

    def operations(self, imp: Imports, client: Imports | None = None) -> list[RestOperationView]:
        """Encoder names declared in ``imp``; signature types in ``client`` when given."""
        return [
            self._op(op, m, imp, client)
            for op, m in zip(self.service.operations, self.methods, strict=True)
        ]

    def _op(
        self, op: Operation, method: str, imp: Imports, client: Imports | None
    ) -> RestOperationView:
        variant = op.variants[0]
        names = unique([snake(e.name) for e in op.params])
        shape = variant.rest
        files = _file_fields(op)
        # The encoder (``imp``) and the client method both write every annotation.
        params = tuple(
            ParamView(py, e.name, self._typed(e, files, imp), not e.min_occurs or e.nillable, e.doc)
            for e, py in zip(op.params, names, strict=True)
        )
        if client is not None:
            for e in op.params:
                self._typed(e, files, client)
        args = tuple(
            self.args.arg(e, py, where, shape, imp)
            for e, py, (_, where) in zip(op.params, names, variant.locations, strict=True)
        )
        rtype, fmt, decode, root = self._result(op, imp, client or imp)
        extras = self._extras(op, imp)
        if shape is not None and shape.empty and rtype != "None":
            rtype = or_none(rtype)
        rule = op.api_error
        api_error = (
            f"ApiErrorRule(code={rule.code!r}, success={rule.success!r}, message={rule.message!r})"
            if rule
            else "None"
        )
        if rule:
            imp.add("wirekit.rest", "ApiErrorRule")
        used = {a.container for a in args}
        return RestOperationView(
            name=op.name,
            method=method,
            const=constant(op.name),
            docstring=docstring(
                op.doc or f"Call ``{op.name}``.",
                body=f"{variant.http_method} {variant.path}" + _renamed(op.name, method),
                args=[(p.py_name, p.doc) for p in params],
                indent="        ",
            ),
            params=params,
            return_type=rtype,
            http_method=variant.http_method,
            path=variant.path,
            containers=tuple(c for c in CONTAINERS if c in used),
            args=args,
            response_format=fmt,
            decode=decode,
            root=root,
            api_error=api_error,
            checks=tuple(
                self._check(e, py, imp, files) for e, py in zip(op.params, names, strict=True)
            ),
            extras=extras,
        )

    def _typed(self, e: Element, files: frozenset[str], imp: Imports) -> str:
        """A parameter's annotation; a multipart file takes ``bytes`` or a ``FileUpload``
        (``wirekit.uploads``: its file name and media type)."""
        if e.name not in files:
            return self.annotation(e, imp)
        upload = f"bytes | {imp.add('wirekit.uploads', 'FileUpload')}"
        base = f"list[{upload}]" if e.type.namespace == JSON_NS else upload
        return base if e.min_occurs and not e.nillable else f"{base} | None"

    def _check(self, e: Element, py: str, imp: Imports, files: frozenset[str]) -> str:
        if e.name in files:
            param = imp.add("wirekit.arguments", "Param")
            many = ", many=True" if e.type.namespace == JSON_NS else ""
            required = ", required=True" if e.min_occurs and not e.nillable and not many else ""
            return f'{param}({py!r}, "file"{required}{many})'
        if e.type.namespace == JSON_NS:
            param = imp.add("wirekit.arguments", "Param")
            required = ", required=True" if e.min_occurs and not e.nillable else ""
            return f'{param}({py!r}, "any"{required})'
        return self.types.param_check(e, py, imp, xml=False)

    def _extras(self, op: Operation, imp: Imports) -> tuple[tuple[str, str], ...]:
        shape = op.variants[0].rest
        if shape is None:
            return ()
        out: list[tuple[str, str]] = []
        if shape.body:
            out.append(("body", repr(shape.body)))
            media = op.variants[0].request_media_type
            if shape.body != "multipart" and media:
                out.append(("media_type", repr(media)))
        if shape.files:
            out.append(("files", repr(shape.files)))
        if shape.success != ("200",):
            out.append(("success", repr(shape.success)))
        if shape.empty:
            out.append(("empty", repr(shape.empty)))
        if shape.errors:
            items = ", ".join(
                f"({status!r}, {self._error_class(ref.name, imp)})" for status, ref in shape.errors
            )
            out.append(("errors", f"({items},)"))
        if shape.security:
            alts = tuple(tuple((s.kind, s.location, s.wire) for s in alt) for alt in shape.security)
            out.append(("security", repr(alts)))
        if shape.accept:
            out.append(("accept", repr(shape.accept)))
        if shape.response_headers is not None:
            out.append(("headers", self._error_class(shape.response_headers.name, imp)))
        if shape.server:
            out.append(("server", repr(shape.server)))
            out.append(("default_base", repr(self.service.base_url)))
        return tuple(out)

    def _error_class(self, name: str, imp: Imports) -> str:
        """A JSON model class named in the spec (an error body's, the answer's headers')."""
        imp.add(".json_models", name)
        return name

    def _result(self, op: Operation, imp: Imports, client: Imports) -> tuple[str, str, str, str]:
        """(return annotation, response format, decode expression, root tag) of ``op``."""
        result = op.result
        shape = op.variants[0].rest
        if result is None:
            return (
                "None",
                "xml" if shape is None or not shape.response_format else "none",
                "None",
                "None",
            )
        if result.type.namespace == JSON_NS:
            name = result.type.name
            rtype = self.json.annotation(name, client)
            self.json.annotation(name, imp)
            return rtype, "json", self.json.decode(name, imp), "None"
        if shape is not None and shape.response_format in ("binary", "text"):
            rtype = "bytes" if shape.response_format == "binary" else "str"
            return rtype, shape.response_format, "data", "None"
        name = self.types.model(result.type, client)
        self.types.model(result.type, imp)
        codecs = imp.module(".codecs")
        return (
            name,
            "xml",
            f"{codecs}.decode_{self.types.func(result.type)}(el)",
            (self.types.tag(op.http_result_root)),
        )

    def names(self) -> list[tuple[str, str]]:
        """Upper-cased local name → Clark-name literal of every element the XML schema knows."""
        found: dict[str, str] = {}
        wires = [e.name for t in self.service.schema.complex_types for e in t.elements]
        wires += [op.http_result_root for op in self.service.operations if op.http_result_root]
        for wire in wires:
            other = found.setdefault(wire.upper(), wire)
            if other != wire:
                raise SpecError(
                    self.where(),
                    f"elements {other!r} and {wire!r} differ only in case; REST answers are "
                    "matched case-insensitively, so they cannot be told apart",
                )
        return sorted((upper, self.types.tag(wire)) for upper, wire in found.items())

    def webhooks(self, imp: Imports) -> list[WebhookView]:
        funcs = unique([snake(h.name) for h in self.service.webhooks])
        return [self._webhook(h, f, imp) for h, f in zip(self.service.webhooks, funcs, strict=True)]

    def _webhook(self, hook: Webhook, func: str, imp: Imports) -> WebhookView:
        names = unique([snake(e.name) for e in hook.fields])
        fields = []
        for e, py in zip(hook.fields, names, strict=True):
            required = bool(e.min_occurs) and not e.nillable
            base = scalar_type(e.type, imp)
            fields.append(
                HookFieldView(
                    e.name,
                    py,
                    required,
                    decoder(e.type, imp) or "str",
                    base if required else f"{base} | None",
                    scalar_text(e.type, py, imp),
                )
            )
        return WebhookView(
            name=hook.name,
            func=func,
            const=constant(hook.name),
            event=f"{pascal(hook.name)}Event",
            docstring=docstring(hook.doc or hook.name, indent="    "),
            signature_header=hook.signature_header,
            fields=tuple(fields),
        )
