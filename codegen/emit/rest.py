"""Emit ``generated/<service>/`` for a REST service (read from OpenAPI).

The package has the same face as an ASMX one (``Client``, ``AsyncClient``, models, the
``BindingError`` family) and reuses the same templates where the artifact is the same: the
client (``client.py.jinja``, driven by ``wirekit.rest`` instead of ``wirekit.binding``), the XML
models and their decoders (``models.py.jinja``, ``codecs.py.jinja``). What is REST-only has
its own template: ``operations.py`` (where each argument travels), ``webhooks.py``. JSON models
come from datamodel-code-generator, whose pydantic output keeps wire names as aliases.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from datamodel_code_generator import generate
from datamodel_code_generator.enums import DataModelType, InputFileType
from datamodel_code_generator.format import Formatter, PythonVersion

from codegen.emit.package import emit_xml_types, isort_key, needs_of, render_init, used_names
from codegen.emit.pyview import SCALARS, PyView, scalar_text
from codegen.emit.render import COMMAND, render
from codegen.errors import SpecError
from codegen.model import (
    JSON_NS,
    Element,
    Location,
    Operation,
    Service,
    SourceLine,
    Webhook,
)
from codegen.naming import constant, pascal, snake, unique

#: Python types a JSON body carries as themselves; every other scalar travels as its xsd text.
_JSON_NATIVE = {"str", "int", "float", "bool"}
_ENC = re.compile(r"\benc_(\w+)\(")


@dataclass(frozen=True)
class ParamView:
    py_name: str
    wire: str
    annotation: str
    #: Optional parameters default to ``None`` and are then not sent.
    default: bool


@dataclass(frozen=True)
class RestOperationView:
    name: str
    method: str
    const: str
    doc: str
    params: tuple[ParamView, ...]
    protocols: tuple[str, ...]
    return_type: str
    http_method: str
    path: str
    #: Local containers the encoder fills (``path``, ``query``, ``headers``, ``body``).
    containers: tuple[str, ...]
    statements: tuple[str, ...]
    response_format: str
    decode: str
    root: str
    api_error: str


@dataclass(frozen=True)
class WebhookView:
    name: str
    func: str
    const: str
    event: str
    doc: str
    signature_header: str
    #: (wire, python, required, decode function, annotation, encode expression)
    fields: tuple[tuple[str, str, bool, str, str, str], ...]


class RestView:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.xml = PyView(service) if service.schema.complex_types else None
        self.class_funcs = (
            {c.wire: (c.name, c.func) for c in self.xml.classes()} if self.xml else {}
        )

    def annotation(self, e: Element) -> str:
        base = SCALARS[e.type.name][0] if e.type.is_scalar else None
        if base is None:
            raise SpecError(self.service_line(), f"parameter {e.name!r} must be a scalar")
        return base if e.min_occurs and not e.nillable else f"{base} | None"

    def service_line(self) -> SourceLine:
        return SourceLine(self.service.source, 1)

    def operations(self) -> list[RestOperationView]:
        methods = unique([snake(op.name) for op in self.service.operations])
        return [self._op(op, m) for op, m in zip(self.service.operations, methods, strict=True)]

    def _op(self, op: Operation, method: str) -> RestOperationView:
        variant = op.variants[0]
        names = unique([snake(e.name) for e in op.params])
        params: list[ParamView] = []
        statements: list[str] = []
        containers: list[str] = []
        where = dict(variant.locations)
        for e, py in zip(op.params, names, strict=True):
            optional = not e.min_occurs or e.nillable
            params.append(ParamView(py, e.name, self.annotation(e), optional))
            location = where[e.name]
            if location == Location.BODY:
                native = SCALARS[e.type.name][0] in _JSON_NATIVE
                value = py if native else scalar_text(e.type, py)
                stmt = f"body[{e.name!r}] = {value}"
                container = "body"
            else:
                value = scalar_text(e.type, py)
                container = {Location.PATH: "path", Location.QUERY: "query"}.get(
                    location, "headers"
                )
                stmt = (
                    f"path[{e.name!r}] = {value}"
                    if location == Location.PATH
                    else f"{container}.append(({e.name!r}, {value}))"
                )
            if container not in containers:
                containers.append(container)
            if optional:
                stmt = f"if {py} is not None:\n        {stmt}"
            statements.append(stmt)
        result = op.result
        if result is None:
            rtype, fmt, decode, root = "None", "xml", "None", "None"
        elif result.type.namespace == JSON_NS:
            rtype, fmt = result.type.name, "json"
            decode = f"{rtype}.model_validate(data)"
            root = "None"
        else:
            rtype, func = self.class_funcs[result.type.name]
            fmt, decode = "xml", f"codecs.decode_{func}(el)"
            root = f"_NS + {op.http_result_root!r}"
        rule = op.api_error
        api_error = (
            f"ApiErrorRule(code={rule.code!r}, success={rule.success!r}, message={rule.message!r})"
            if rule
            else "None"
        )
        return RestOperationView(
            name=op.name,
            method=method,
            const=constant(op.name),
            doc=op.doc,
            params=tuple(params),
            protocols=("rest",),
            return_type=rtype,
            http_method=variant.http_method,
            path=variant.path,
            containers=tuple(sorted(containers, key=["path", "query", "headers", "body"].index)),
            statements=tuple(statements),
            response_format=fmt,
            decode=decode,
            root=root,
            api_error=api_error,
        )

    def names(self) -> list[tuple[str, str]]:
        """Upper-cased local name → wire name of every element the XML schema knows."""
        found: dict[str, str] = {}
        wires = [e.name for t in self.service.schema.complex_types for e in t.elements]
        wires += [op.http_result_root for op in self.service.operations if op.http_result_root]
        for wire in wires:
            other = found.setdefault(wire.upper(), wire)
            if other != wire:
                raise SpecError(
                    self.service_line(),
                    f"elements {other!r} and {wire!r} differ only in case; REST answers are "
                    "matched case-insensitively, so they cannot be told apart",
                )
        return sorted(found.items())

    def webhooks(self) -> list[WebhookView]:
        funcs = unique([snake(h.name) for h in self.service.webhooks])
        return [self._webhook(h, f) for h, f in zip(self.service.webhooks, funcs, strict=True)]

    def _webhook(self, hook: Webhook, func: str) -> WebhookView:
        names = unique([snake(e.name) for e in hook.fields])
        fields = []
        for e, py in zip(hook.fields, names, strict=True):
            pytype, suffix = SCALARS[e.type.name]
            required = bool(e.min_occurs) and not e.nillable
            fields.append(
                (
                    e.name,
                    py,
                    required,
                    f"dec_{suffix}" if suffix else "str",
                    pytype if required else f"{pytype} | None",
                    scalar_text(e.type, py),
                )
            )
        return WebhookView(
            name=hook.name,
            func=func,
            const=constant(hook.name),
            event=f"{pascal(hook.name)}Event",
            doc=hook.doc,
            signature_header=hook.signature_header,
            fields=tuple(fields),
        )


def _json_models(service: Service) -> tuple[str, list[str]]:
    """``json_models.py`` from datamodel-code-generator, and the class names it defines."""
    schemas = json.loads(service.json_schemas)
    props = sorted(
        {p for s in schemas.values() if isinstance(s, dict) for p in s.get("properties") or {}}
    )
    document = {
        "openapi": "3.1.0",
        "info": {"title": service.name, "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    source = generate(
        json.dumps(document),
        input_file_type=InputFileType.OpenAPI,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        disable_timestamp=True,
        snake_case_field=True,
        # Its own snake-casing splits acronyms badly (developerAPIkey → developer_ap_ikey).
        aliases={p: snake(p) for p in props if snake(p) != p},
        # Vendors add fields their pages do not list: keep them, never reject the answer.
        extra_fields="allow",
        use_standard_collections=True,
        use_union_operator=True,
        use_double_quotes=True,
        formatters=[Formatter.RUFF_CHECK, Formatter.RUFF_FORMAT],
        custom_file_header=(
            f"# Generated from {service.source} by `{COMMAND}` (datamodel-code-generator). "
            "Do not edit."
        ),
    )
    if not isinstance(source, str):  # pragma: no cover - one module in, one module out
        raise TypeError("datamodel-code-generator returned several modules")
    names = re.findall(r"^class (\w+)\(", source, flags=re.MULTILINE)
    return source, names


def emit_rest_package(service: Service) -> list[tuple[str, str]]:
    view = RestView(service)
    operations = view.operations()
    pkg = f"generated/{service.name}"
    files: list[tuple[str, str]] = []
    base: dict[str, object] = {
        "source": service.source,
        "service": service.name,
        "ns": service.namespace,
        "protocols": ("rest",),
        "default_protocol": "rest",
        "base_url": service.base_url,
    }
    xml_names: list[str] = []
    if view.xml is not None:
        models, codecs, xml_names = emit_xml_types(view.xml, base)
        files += [(f"{pkg}/models.py", models), (f"{pkg}/codecs.py", codecs)]
    json_names: list[str] = []
    if service.json_schemas:
        source, json_names = _json_models(service)
        files.append((f"{pkg}/json_models.py", source + ("" if source.endswith("\n") else "\n")))
    ops_ctx = {"operations": operations, "names": view.names(), **base}
    draft = render(
        "rest/operations.py.jinja",
        enc_funcs=[],
        xml_models=[],
        json_models=[],
        needs=needs_of([]),
        **ops_ctx,
    )
    # Model names also occur inside NAMES' strings: look only at the code after it.
    body = draft.split("NAMES: dict", 1)[1].split("\n}\n", 1)[1]
    annotations = [p.annotation for op in operations for p in op.params]
    operations_src = render(
        "rest/operations.py.jinja",
        enc_funcs=sorted(set(_ENC.findall(body))),
        xml_models=used_names(xml_names, body),
        json_models=used_names(json_names, body),
        needs=needs_of(annotations),
        **ops_ctx,
    )
    files.append((f"{pkg}/operations.py", operations_src))
    client_ctx = {
        "operations": operations,
        "runtime": "wirekit.rest",
        "ops_module": "operations",
        **base,
    }
    draft = render("client.py.jinja", model_imports=[], needs=needs_of([]), **client_ctx)
    body = draft.split("DEFAULT_BASE_URL", 1)[1]
    client = render(
        "client.py.jinja",
        model_imports=[
            ("json_models", used_names(json_names, body)),
            ("models", used_names(xml_names, body)),
        ],
        needs=needs_of(annotations),
        **client_ctx,
    )
    files.append((f"{pkg}/client.py", client))
    imports: list[tuple[str, list[str]]] = []
    if json_names:
        imports.append(("json_models", sorted(json_names, key=isort_key)))
    hooks = view.webhooks()
    hook_names: list[str] = []
    if hooks:
        hook_src = render(
            "rest/webhooks.py.jinja",
            webhooks=hooks,
            needs=needs_of([f[4] for h in hooks for f in h.fields]),
            dec_funcs=sorted({f[3][4:] for h in hooks for f in h.fields if f[3] != "str"}),
            enc_funcs=sorted(set(_ENC.findall(" ".join(f[5] for h in hooks for f in h.fields)))),
            **base,
        )
        files.append((f"{pkg}/webhooks.py", hook_src))
        hook_names = re.findall(r"^(?:class|def|async def) (\w+)", hook_src, flags=re.MULTILINE)
        hook_names += re.findall(r"^(\w+)(?::[^=\n]*)? = ", hook_src, flags=re.MULTILINE)
        hook_names = sorted({n for n in hook_names if not n.startswith("_")}, key=isort_key)
        imports.append(("webhooks", hook_names))
    files.append(
        (
            f"{pkg}/__init__.py",
            render_init(base, sorted(xml_names, key=isort_key), imports),
        )
    )
    files.append((f"{pkg}/py.typed", ""))
    return files
