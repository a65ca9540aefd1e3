"""Emit ``generated/<service>/``: models, codecs, client, package init and ``py.typed``.

Rendering returns ``(relative path, source)`` pairs; ``codegen.write`` does the disk work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from codegen.emit.pyview import OperationView, PyView
from codegen.emit.render import render
from codegen.model import Service

_TIME_NAMES = ("date", "datetime", "time")
_SCALAR_FUNC = re.compile(r"\b(dec|enc)_(bool|int|decimal|float|datetime|date|time|uuid|base64)\b")


def needs_of(annotations: list[str]) -> dict[str, object]:
    """Which stdlib types the given annotations mention (so a module imports exactly those)."""
    text = " ".join(annotations)
    return {
        "datetime": [n for n in _TIME_NAMES if re.search(rf"\b{n}\b", text)],
        "Decimal": bool(re.search(r"\bDecimal\b", text)),
        "UUID": bool(re.search(r"\bUUID\b", text)),
    }


def isort_key(name: str) -> tuple[int, str]:
    """ruff/isort order: CONSTANTS, then Classes, then functions and variables."""
    bare = name.lstrip("_")
    kind = 0 if bare.isupper() else 1 if bare[:1].isupper() else 2
    return kind, name.lower()


def _all_key(name: str) -> tuple[int, str]:
    """ruff's RUF022 order for ``__all__``: like isort's, but case-sensitive within a group."""
    return isort_key(name)[0], name


def used_names(names: list[str], text: str) -> list[str]:
    """The ``names`` that ``text`` mentions, in import order (so modules import exactly those)."""
    return sorted((n for n in names if re.search(rf"\b{re.escape(n)}\b", text)), key=isort_key)


_NO_NEEDS: dict[str, object] = {"datetime": [], "Decimal": False, "UUID": False}
ERRORS = [
    "ApiError",
    "BindingError",
    "HttpStatusError",
    "NullResultError",
    "ResponseFormatError",
    "SoapFault",
    "TimeoutError_",
    "TransportError",
]


def emit_xml_types(
    view: PyView, base: Mapping[str, object], operations: list[OperationView] | None = None
) -> tuple[str, str, list[str]]:
    """``models.py`` and ``codecs.py`` (with ``operations``' ASMX codecs), and the model names."""
    operations = operations or []
    classes, enums = view.classes(), view.enums()
    model_names = sorted([c.name for c in classes] + [e.name for e in enums], key=isort_key)
    field_types = [f.annotation for c in classes for f in c.fields]
    api_types = [p.annotation for op in operations for p in op.params]
    api_types += [op.return_type for op in operations]
    models = render(
        "models.py.jinja",
        classes=classes,
        enums=enums,
        exports=sorted(model_names, key=_all_key),
        needs=needs_of(field_types),
        **base,
    )
    tags = sorted(view.tags.items())
    codec_ctx = {"classes": classes, "operations": operations, "tags": tags, **base}
    draft = render(
        "codecs.py.jinja",
        scalar_funcs=[],
        model_names=[],
        needs=_NO_NEEDS,
        codec_funcs=[],
        **codec_ctx,
    )
    funcs = sorted(
        {
            f"{m.group(2) and ('decode_' if m.group(1) == 'dec' else 'encode_')}"
            f"{m.group(2)} as {m.group(0)}"
            for m in _SCALAR_FUNC.finditer(draft)
        }
    )
    body = draft.split("_NS = ", 1)[1]
    codec_funcs = sorted(
        used_names(["XSI_NIL", "_TRUE", "_not_nil", "esc", "missing", "null_result"], body),
        key=isort_key,
    )
    codecs = render(
        "codecs.py.jinja",
        scalar_funcs=funcs,
        model_names=used_names(model_names, body),
        codec_funcs=codec_funcs,
        needs=needs_of(field_types + api_types),
        **codec_ctx,
    )
    return models, codecs, model_names


def render_init(
    base: Mapping[str, object],
    model_names: list[str],
    imports: list[tuple[str, list[str]]] = (),  # type: ignore[assignment]
    errors: list[str] = ERRORS,
) -> str:
    """The package ``__init__``: clients, errors, models and any further ``(module, names)``."""
    modules = sorted([("models", model_names), *imports] if model_names else list(imports))
    extra = [n for _, names in modules for n in names]
    exports = sorted(["AsyncClient", "Client", "PROTOCOLS", *errors, *extra], key=_all_key)
    return render(
        "__init__.py.jinja",
        imports=modules,
        errors=errors,
        exports=exports,
        **base,
    )


def emit_package(service: Service) -> list[tuple[str, str]]:
    view = PyView(service)
    operations = view.operations()
    base: dict[str, object] = {
        "source": service.source,
        "service": service.name,
        "ns": service.namespace,
        "protocols": view.protocols,
        "default_protocol": view.default_protocol(),
        "base_url": service.base_url,
    }
    models, codecs, model_names = emit_xml_types(view, base, operations)
    api_types = [p.annotation for op in operations for p in op.params]
    api_types += [op.return_type for op in operations]
    client_ctx = {
        "operations": operations,
        "runtime": "wirekit.binding",
        "ops_module": "codecs",
        **base,
    }
    draft = render("client.py.jinja", model_imports=[], needs=_NO_NEEDS, **client_ctx)
    body = draft.split("DEFAULT_BASE_URL", 1)[1]
    client = render(
        "client.py.jinja",
        model_imports=[("models", used_names(model_names, body))],
        needs=needs_of(api_types),
        **client_ctx,
    )
    pkg = f"generated/{service.name}"
    return [
        (f"{pkg}/__init__.py", render_init(base, model_names)),
        (f"{pkg}/client.py", client),
        (f"{pkg}/codecs.py", codecs),
        (f"{pkg}/models.py", models),
        (f"{pkg}/py.typed", ""),
    ]
