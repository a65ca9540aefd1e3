"""Emit ``generated/<service>/`` of an ASMX service: models, codecs, client, package init.

``models`` and ``codecs`` are packages with one module per operation and ``_shared`` (where
each type goes: ``emit.placement``), each behind a lazy index (``package_index.py.jinja``), so
a call compiles only what its operation needs. Each module's imports are declared by the views
while they write its code (``Imports``), and each template renders once. Rendering returns
``(relative path, source)`` pairs; formatting is a later pipeline step and ``codegen.write``
does the disk work.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..emit.asmx_view import AsmxView, HeaderView, OperationView
from ..emit.imports import Imports, natural
from ..emit.placement import SHARED, Placement, operation_roots, place_types
from ..emit.render import render
from ..emit.rest_view import RestOperationView
from ..emit.soap_addresses import protocol_addresses
from ..emit.xml_types import unique_avoiding
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
#: The prefixes of codec functions: of a type, of a SOAP header element, of an operation.
CODEC_KINDS = ("decode", "encode")
HEADER_KINDS = ("header", "header_xml")
OPERATION_KINDS = ("request_xml", "request_pairs", "result")
ASMX_ERRORS = (*ERRORS, "SoapFault", "TimeoutError_", "TransportError")
REST_ERRORS = (*ERRORS, "ApiError", "ErrorResponse", "TimeoutError_", "TransportError")
#: Package modules whose names the package ``__init__`` exposes lazily: a service with
#: thousands of types imports without compiling them.
LAZY_MODULES = ("models", "json_models")


def export_key(name: str) -> tuple[int, str]:
    """ruff's RUF022 order for ``__all__``: CONSTANTS, Classes, functions; case-sensitive."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name


def render_models(
    types: XmlTypes, base: dict[str, object], placement: Placement, module: str
) -> tuple[str, list[str]]:
    """``models/<module>.py`` and the names it defines."""
    imp = Imports(resolve=placement.resolver("models", module))
    only = placement.refs(module)
    classes = types.classes(Imports(), types=imp, only=only)
    enums = types.enums(only)
    if classes:
        imp.add("dataclasses", "dataclass")
    if any(c.own_fields for c in classes):
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
        module=module,
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
    types: XmlTypes,
    base: dict[str, object],
    placement: Placement,
    module: str,
    operations: Callable[[Imports], tuple[list[OperationView], list[HeaderView]]] | None = None,
) -> tuple[str, list[str]]:
    """``codecs/<module>.py`` and the names it defines: the codecs of the types placed there,
    and what ``operations`` gives (one operation's, or the SOAP headers for ``_shared``)."""
    imp = Imports(resolve=placement.resolver("codecs", module))
    classes = types.classes(imp, only=placement.refs(module))
    ops, headers = operations(imp) if operations is not None else ([], [])
    codec_runtime(imp, classes, ops)
    if headers:
        imp.add("wirekit.asmx", "HeaderSpec")
    names = [f"{kind}_{c.func}" for c in classes for kind in CODEC_KINDS]
    names += [n for h in headers for n in (h.const, *(f"{k}_{h.func}" for k in HEADER_KINDS))]
    sent = list(dict.fromkeys(h.cls for h in headers if h.sent))
    if sent:
        names.append("SOAP_HEADER_TYPES")
    for op in ops:
        names += [op.const, *(f"{kind}_{op.method}" for kind in OPERATION_KINDS)]
    source = render(
        "codecs.py.jinja",
        imports=imp.block(),
        classes=classes,
        operations=ops,
        headers=headers,
        sent_header_classes=sent,
        module=module,
        exports=sorted(names, key=export_key),
        **base,
    )
    return source, names


def render_index(
    base: dict[str, object], kind: str, modules: list[tuple[str, list[str]]]
) -> tuple[str, str]:
    """``<kind>/__init__.py``, which imports each name's module on first use at run time
    (``__getattr__``), and ``<kind>/__init__.pyi``, the stub mypy reads instead: every name,
    imported from its module and listed in ``__all__``. A stub, not a ``TYPE_CHECKING`` block:
    the index is compiled on every first call without ``.pyc`` and a stub costs nothing then;
    and not star imports, which ruff's defaults and a project's ``F`` rules cannot both
    accept."""
    ordered = {
        module: sorted(names)
        for module, names in sorted(modules, key=lambda item: natural(item[0]))
    }
    imp = Imports()
    imp.add("importlib", "import_module")
    if kind == "models":  # its module type (see the template)
        imp.add("types", "ModuleType")
        imp.module("sys")
    runtime = render(
        "package_index.py.jinja", imports=imp.block(), kind=kind, modules=ordered, **base
    )
    stub_imp = Imports()
    for module, names in ordered.items():
        for name in names:
            stub_imp.add(f".{module}", name)
    exports = sorted((n for names in ordered.values() for n in names), key=export_key)
    stub = render(
        "package_index.pyi.jinja", imports=stub_imp.block(), kind=kind, exports=exports, **base
    )
    return runtime, stub


def render_types(
    types: XmlTypes,
    base: dict[str, object],
    folder: str,
    placement: Placement,
    operations: Callable[[str, Imports], tuple[list[OperationView], list[HeaderView]]]
    | None = None,
) -> tuple[list[tuple[str, str]], list[tuple[str, list[str]]]]:
    """The ``models`` and ``codecs`` packages (one module per ``placement`` module, and the
    index of each), and the (module, names) of ``models`` for the package ``__init__``."""
    files: list[tuple[str, str]] = []
    model_modules: list[tuple[str, list[str]]] = []
    codec_modules: list[tuple[str, list[str]]] = []
    for module in placement.modules:
        models, model_names = render_models(types, base, placement, module)
        ops = partial(operations, module) if operations is not None else None
        codecs, codec_names = render_codecs(types, base, placement, module, ops)
        if model_names:
            files.append((f"{folder}/models/{module}.py", models))
            model_modules.append((module, model_names))
        if codec_names:
            files.append((f"{folder}/codecs/{module}.py", codecs))
            codec_modules.append((module, codec_names))
    for kind, found in (("models", model_modules), ("codecs", codec_modules)):
        runtime, stub = render_index(base, kind, found)
        files += [
            (f"{folder}/{kind}/__init__.py", runtime),
            (f"{folder}/{kind}/__init__.pyi", stub),
        ]
    return files, [(f"models.{m}", names) for m, names in model_modules]


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
    """The package ``__init__``: clients, the errors, and the public names of ``modules``
    (``models.<module>`` ones by the module defining them: one hop on first use)."""
    imp = Imports()
    for name in errors:
        imp.add("wirekit.errors", name)
    for name in ("PROTOCOLS", "AsyncClient", "Client", "ProtocolName"):
        imp.add(".client", name)
    exports = [*errors, "PROTOCOLS", "AsyncClient", "Client", "ProtocolName"]
    lazy: list[tuple[str, str]] = []
    for module, names in modules:
        for name in names:
            if module.split(".", 1)[0] in LAZY_MODULES:  # models load on first use
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


def operation_modules(view: AsmxView) -> list[str]:
    """Each operation's module name: its method's, with ``_`` appended when that is the name of
    a codec function (operation ``DecodeItem`` and type ``Item``: ``decode_item``), which the
    submodule would shadow as an attribute of the ``codecs`` package once imported."""
    codecs = {f"{kind}_{func}" for func in view.types.funcs.values() for kind in CODEC_KINDS}
    codecs |= {f"{kind}_{name}" for name in view.header_names.values() for kind in HEADER_KINDS}
    codecs |= {f"{kind}_{method}" for method in view.methods for kind in OPERATION_KINDS}
    return unique_avoiding(list(view.methods), frozenset(codecs))


def asmx_placement(view: AsmxView, modules: list[str]) -> Placement:
    """One module per operation (``modules``), the rest in ``_shared``."""
    service = view.service
    roots = [h.type for op in service.operations for h in op.input_headers + op.output_headers]
    roots += [f.type for f in view.fault_details.values()]
    ops = [(m, operation_roots(op)) for m, op in zip(modules, service.operations, strict=True)]
    return place_types(view.types, ops, roots)


def emit_package(service: Service, package: str) -> list[tuple[str, str]]:
    """The files of ``package`` (a dotted name, e.g. ``generated.pixelz``) for an ASMX service."""
    view = AsmxView(service)
    base = base_context(service, package, view.protocols)
    client_imp = Imports(deferred=True)
    ops = view.operations(Imports(), client_imp)
    soap = ("wirekit.soap_client", "SoapClient", "AsyncSoapClient")
    client = render_client(ops, base, "codecs", client_imp, soap)
    folder = package.replace(".", "/")
    modules = operation_modules(view)
    where = asmx_placement(view, modules)
    index = {module: i for i, module in enumerate(modules)}

    def module_codecs(module: str, imp: Imports) -> tuple[list[OperationView], list[HeaderView]]:
        if module == SHARED:
            return [], view.header_views(imp)
        return [view.operation(index[module], imp)], []

    types, models = render_types(view.types, base, folder, where, module_codecs)
    return [
        (f"{folder}/__init__.py", render_init(base, models, ASMX_ERRORS)),
        (f"{folder}/client.py", client),
        *types,
        (f"{folder}/py.typed", ""),
    ]
