"""How a REST service's operations and webhooks look in Python.

Small typed records, one per thing rendered: an operation (its signature and where each
argument travels), an argument, a webhook and its fields. Names written into generated code
are declared in the ``Imports`` of the module they go into.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..emit.docstrings import docstring
from ..emit.imports import Imports
from ..emit.xml_view import SCALARS, XmlTypes, decoder, scalar_text, scalar_type
from ..errors import SpecError
from ..model import JSON_NS, Element, Location, Operation, Service, SourceLine, Webhook
from ..naming import constant, pascal, snake, unique

#: Python types a JSON body carries as themselves; every other scalar travels as its xsd text.
_JSON_NATIVE = {"str", "int", "float", "bool"}
#: Request containers, in the order the encoder declares them.
CONTAINERS = ("path", "query", "headers", "body")


@dataclass(frozen=True)
class ParamView:
    py_name: str
    wire: str
    annotation: str
    #: Optional parameters default to ``None`` and are then not sent.
    default: bool
    doc: str


@dataclass(frozen=True)
class ArgView:
    """Where one argument goes: a one-line statement filling its container."""

    py_name: str
    container: str
    statement: str
    optional: bool


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


class RestView:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.types = XmlTypes(service.schema, service.source)
        self.methods = unique([snake(op.name) for op in service.operations])
        self.twins = self.types.guid_names | _json_guid_names(service)

    def where(self) -> SourceLine:
        return SourceLine(self.service.source, 1)

    def annotation(self, e: Element, imp: Imports) -> str:
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

    def _arg(self, e: Element, py: str, location: Location, imp: Imports) -> ArgView:
        _, given = self.types.coerced(e, py, imp, imp, self.twins)
        if location == Location.BODY:
            native = SCALARS[e.type.name][0] in _JSON_NATIVE
            value = given if native else scalar_text(e.type, given, imp)
            container, statement = "body", f"body[{e.name!r}] = {value}"
        elif location == Location.PATH:
            container = "path"
            statement = f"path[{e.name!r}] = {scalar_text(e.type, given, imp)}"
        else:
            container = "query" if location == Location.QUERY else "headers"
            statement = f"{container}.append(({e.name!r}, {scalar_text(e.type, given, imp)}))"
        return ArgView(py, container, statement, not e.min_occurs or e.nillable)

    def _op(
        self, op: Operation, method: str, imp: Imports, client: Imports | None
    ) -> RestOperationView:
        variant = op.variants[0]
        names = unique([snake(e.name) for e in op.params])
        where = dict(variant.locations)
        # The encoder (``imp``) and the client method both write every annotation.
        params = tuple(
            ParamView(py, e.name, self.annotation(e, imp), not e.min_occurs or e.nillable, e.doc)
            for e, py in zip(op.params, names, strict=True)
        )
        if client is not None:
            for e in op.params:
                self.annotation(e, client)
        args = tuple(
            self._arg(e, py, where[e.name], imp) for e, py in zip(op.params, names, strict=True)
        )
        rtype, fmt, decode, root = self._result(op, imp, client or imp)
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
                body=f"{variant.http_method} {variant.path}",
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
                self.types.param_check(e, py, imp, xml=False)
                for e, py in zip(op.params, names, strict=True)
            ),
        )

    def _result(self, op: Operation, imp: Imports, client: Imports) -> tuple[str, str, str, str]:
        """(return annotation, response format, decode expression, root tag) of ``op``."""
        result = op.result
        if result is None:
            return "None", "xml", "None", "None"
        if result.type.namespace == JSON_NS:
            name = result.type.name
            client.add(".json_models", name)
            imp.add(".json_models", name)
            return name, "json", f"{name}.model_validate(data)", "None"
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
