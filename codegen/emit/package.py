"""Emit ``generated/<service>/`` of an ASMX service: models, codecs, client, package init.

Each module's imports are declared by the views while they write its code (``Imports``), and
each template renders once. Rendering returns ``(relative path, source)`` pairs; formatting is
a later pipeline step and ``codegen.write`` does the disk work.
"""

from __future__ import annotations

from ..emit.asmx_view import AsmxView, OperationView
from ..emit.imports import Imports
from ..emit.render import render
from ..emit.rest_view import RestOperationView
from ..emit.soap_addresses import protocol_addresses
from ..emit.xml_view import ClassView, XmlTypes
from ..model import Service

#: The error family every package re-exports; SOAP names only where SOAP is spoken.
ERRORS = (
    "BindingError",
    "HttpStatusError",
    "ResponseFormatError",
    "NullResultError",
    "RequestError",
)
ASMX_ERRORS = (*ERRORS, "SoapFault", "TimeoutError_", "TransportError")
REST_ERRORS = (*ERRORS, "ApiError", "ErrorResponse", "TimeoutError_", "TransportError")
#: Package modules whose names the package ``__init__`` exposes lazily: a service with
#: thousands of types imports without compiling them.
LAZY_MODULES = ("models", "json_models")


def export_key(name: str) -> tuple[int, str]:
    """ruff's RUF022 order for ``__all__``: CONSTANTS, Classes, functions; case-sensitive."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name


def render_models(types: XmlTypes, base: dict[str, object]) -> tuple[str, list[str]]:
    """``models.py`` and the names it defines."""
    imp = Imports()
    classes = types.classes(Imports(), types=imp)
    enums = types.enums()
    if classes:
        imp.add("dataclasses", "dataclass")
        imp.add("dataclasses", "field")
    if enums:
        imp.add("enum", "Enum")
    names = [c.name for c in classes] + [e.name for e in enums]
    source = render(
        "models.py.jinja",
        imports=imp.block(),
        classes=classes,
        enums=enums,
        exports=sorted(names, key=export_key),
        **base,
    )
    return source, names


def codec_runtime(imp: Imports, classes: list[ClassView], ops: list[OperationView]) -> None:
    """Declare the names the codecs template itself writes around the views' expressions."""
    if classes or ops:
        imp.add("lxml", "etree")
    if any(f.required for c in classes for f in c.fields):
        imp.add("wirekit.codec", "missing")
    if any(not op.void and not op.result_nullable for op in ops):
        imp.add("wirekit.codec", "null_result")
    if ops:
        imp.add("wirekit.asmx", "OperationSpec")


def render_codecs(
    types: XmlTypes, base: dict[str, object], operations: AsmxView | None = None
) -> str:
    imp = Imports()
    classes = types.classes(imp)
    ops = operations.operations(imp) if operations is not None else []
    headers = operations.header_views(imp) if operations is not None else []
    codec_runtime(imp, classes, ops)
    if headers:
        imp.add("wirekit.asmx", "HeaderSpec")
    return render(
        "codecs.py.jinja",
        imports=imp.block(),
        classes=classes,
        operations=ops,
        headers=headers,
        sent_header_classes=list(dict.fromkeys(h.cls for h in headers if h.sent)),
        **base,
    )


def render_client(
    ops: list[OperationView] | list[RestOperationView],
    base: dict[str, object],
    ops_module: str,
    imp: Imports,
    bases: tuple[str, str, str] = ("wirekit.client", "BaseClient", "BaseAsyncClient"),
) -> str:
    """``client.py``; ``imp`` already holds what the operations' signatures declared.
    ``bases``: the module of the base classes, and the sync and async ones."""
    imp.add("typing", "Literal")
    imp.add(bases[0], bases[1])
    imp.add(bases[0], bases[2])
    imp.module(f".{ops_module}")
    return render(
        "client.py.jinja",
        imports=imp.block(),
        operations=ops,
        ops_module=ops_module,
        bases=bases,
        **base,
    )


def render_init(
    base: dict[str, object], modules: list[tuple[str, list[str]]], errors: tuple[str, ...]
) -> str:
    """The package ``__init__``: clients, the errors, and the public names of ``modules``."""
    imp = Imports()
    for name in errors:
        imp.add("wirekit.errors", name)
    for name in ("PROTOCOLS", "AsyncClient", "Client", "ProtocolName"):
        imp.add(".client", name)
    exports = [*errors, "PROTOCOLS", "AsyncClient", "Client", "ProtocolName"]
    lazy: list[tuple[str, str]] = []
    for module, names in modules:
        for name in names:
            if module in LAZY_MODULES:  # models load on first use (see wirekit.lazy)
                imp.typing_only(f".{module}", name)
                lazy.append((name, f".{module}"))
            else:
                imp.add(f".{module}", name)
        exports += names
    if lazy:
        imp.add("importlib", "import_module")
    return render(
        "__init__.py.jinja",
        imports=imp.block(),
        exports=sorted(exports, key=export_key),
        lazy=lazy,
        **base,
    )


def base_context(service: Service, package: str, protocols: tuple[str, ...]) -> dict[str, object]:
    return {
        "source": service.source,
        "service": service.name,
        "package": package,
        "ns": service.namespace,
        "protocols": protocols,
        "default_protocol": protocols[0],
        "base_url": service.base_url,
        # Every published port, listed only when some are not the ones the client speaks.
        "ports": service.ports if len(service.ports) > len(protocols) else (),
        "has_headers": any(op.input_headers or op.output_headers for op in service.operations),
        "protocol_addresses": protocol_addresses(service),
    }


def emit_package(service: Service, package: str) -> list[tuple[str, str]]:
    """The files of ``package`` (a dotted name, e.g. ``generated.pixelz``) for an ASMX service."""
    view = AsmxView(service)
    base = base_context(service, package, view.protocols)
    models, model_names = render_models(view.types, base)
    client_imp = Imports(deferred=True)
    ops = view.operations(Imports(), client_imp)
    soap = ("wirekit.soap_client", "SoapClient", "AsyncSoapClient")
    client = render_client(ops, base, "codecs", client_imp, soap)
    folder = package.replace(".", "/")
    return [
        (f"{folder}/__init__.py", render_init(base, [("models", model_names)], ASMX_ERRORS)),
        (f"{folder}/client.py", client),
        (f"{folder}/codecs.py", render_codecs(view.types, base, view)),
        (f"{folder}/models.py", models),
        (f"{folder}/py.typed", ""),
    ]
