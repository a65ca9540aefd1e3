"""Emit ``generated/<service>/`` for a REST service (read from OpenAPI).

The package has the same face as an ASMX one (``Client``, ``AsyncClient``, models, the
``BindingError`` family minus the SOAP names) and reuses the same templates where the artifact is
the same: the client, the XML models and their decoders. What is REST-only has its own
template: ``operations.py`` (where each argument travels), ``webhooks.py``. JSON models come
from datamodel-code-generator, whose pydantic output keeps wire names as aliases.
"""

from __future__ import annotations

import ast
import json
import warnings
from typing import Any

from datamodel_code_generator import DatetimeClassType, LiteralType, generate
from datamodel_code_generator.enums import DataModelType, InputFileType
from datamodel_code_generator.format import PythonVersion

from ..emit.imports import Imports
from ..emit.json_source import builtin_generics
from ..emit.json_types import JsonTypes
from ..emit.package import (
    REST_ERRORS,
    base_context,
    render_client,
    render_init,
    render_types,
)
from ..emit.placement import place_types
from ..emit.render import header, render
from ..emit.rest_view import RestOperationView, RestView, WebhookView
from ..errors import SpecError
from ..model import Service, SourceLine
from ..naming import snake


def json_models(service: Service) -> tuple[str, list[str]]:
    """``json_models.py`` from datamodel-code-generator, and the class names it defines.

    The names are datamodel-code-generator's (it may rename a schema), so they are read from
    its output, parsed as Python: the one module whose code this project does not write.
    """
    schemas = service.json_schemas
    document = {
        "openapi": "3.1.0",
        "info": {"title": service.name, "version": "1"},
        "paths": {},
        "components": {"schemas": any_value_members(without_patterns(schemas))},
    }
    try:
        source = _generate(document, service, field_aliases(schemas))
    except Exception as err:  # its errors have no common base; report them at the document
        raise SpecError(
            SourceLine(service.source, 1),
            f"datamodel-code-generator cannot model the document's schemas: {err}",
        ) from None
    names = [n.name for n in ast.parse(source).body if isinstance(n, ast.ClassDef)]
    return sorted_imports(builtin_generics(source)), names


_SIGNS = {"+": "plus", "-": "minus"}


def field_aliases(schemas: dict[str, Any]) -> dict[str, str]:
    """The Python name of each property whose wire name is not one, for datamodel-code-generator.

    Our snake-casing everywhere (its own splits acronyms badly: developerAPIkey →
    developer_ap_ikey). Where two properties of one schema snake-case alike (``+1``/``-1``,
    ``id``/``ID``, ``display-name``/``display_name``), the one already spelled so, else the
    first, keeps the name; a leading sign is spelled out (``plus1``, ``minus1``); others get
    ``_2``, ``_3``… in document order, as ``Schema.property`` keys for that schema only."""
    props = sorted(
        {p for s in schemas.values() if isinstance(s, dict) for p in s.get("properties") or {}}
    )
    aliases = {p: snake(p) for p in props if snake(p) != p}
    for schema_name, schema in sorted(schemas.items()):
        names = list((schema.get("properties") or {}) if isinstance(schema, dict) else {})
        groups: dict[str, list[str]] = {}
        for p in names:
            groups.setdefault(snake(p), []).append(p)
        taken = set(groups)
        for python, group in groups.items():
            if len(group) < 2:
                continue
            group.sort(key=lambda p: p != python)  # stable: document order otherwise
            for index, p in enumerate(group, 1):
                if p[0] in _SIGNS:
                    unique = snake(_SIGNS[p[0]] + p[1:])
                elif index == 1:
                    continue
                else:
                    unique = f"{python}_{index}"
                while unique in taken:
                    unique += "_"
                taken.add(unique)
                aliases[f"{schema_name}.{p}"] = unique
    return aliases


def without_patterns(node: Any) -> Any:
    """The schemas without string ``pattern``s: ECMA-262 regexes (lookarounds…) are not all
    Rust regexes, which pydantic compiles at import, and checking them is the server's job.
    ``patternProperties`` likewise become ``additionalProperties`` of their value schemas
    (datamodel-code-generator would write ``dict[constr(pattern=…), V]``, a call in an
    annotation that mypy refuses): keys are plain ``str``."""
    if isinstance(node, list):
        return [without_patterns(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {
        k: without_patterns(v)
        for k, v in node.items()
        if not (k == "pattern" and isinstance(v, str))
    }
    patterned = out.pop("patternProperties", None)
    if isinstance(patterned, dict) and patterned:
        values = [v for _, v in sorted(patterned.items())]
        extra = out.get("additionalProperties")
        if isinstance(extra, dict):
            values.append(extra)
        out["additionalProperties"] = values[0] if len(values) == 1 else {"anyOf": values}
    return out


def any_value_members(node: Any) -> Any:
    """The schemas with a bare ``{type: object}`` as a map's values or an array's items read as
    any JSON value: that is how springdoc documents Java's ``Object`` (``Map<String,
    Object>``, ``List<Object>``), whose values Jackson writes as strings, numbers, booleans;
    a model of dicts would refuse every real answer (``"gift": true``)."""
    if isinstance(node, list):
        return [any_value_members(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: any_value_members(v) for k, v in node.items()}
    for key in ("additionalProperties", "items"):
        member = out.get(key)
        if isinstance(member, dict) and member.get("type") == "object" and len(member) == 1:
            out[key] = {}
    return out


def _generate(document: dict[str, Any], service: Service, aliases: dict[str, str]) -> str:
    with warnings.catch_warnings():
        # Its UserWarnings ("format of 'guid' not understood", "... for 'null'") are about
        # formats it types as plain values, which is what the kit wants: not the user's business.
        warnings.simplefilter("ignore", UserWarning)
        return _generated(document, service, aliases)


def _generated(document: dict[str, Any], service: Service, aliases: dict[str, str]) -> str:
    source = generate(
        json.dumps(document),  # properties in document order: models send fields so
        input_file_type=InputFileType.OpenAPI,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        disable_timestamp=True,
        snake_case_field=True,
        aliases=aliases,
        # Vendors add fields their pages do not list: keep them, never reject the answer.
        extra_fields="allow",
        use_standard_collections=True,
        use_union_operator=True,
        use_double_quotes=True,
        # Constraints as Field(...) arguments (mypy cannot read conint()), and plain datetime:
        # old services send date-times without an offset, which AwareDatetime refuses.
        field_constraints=True,
        # Enums as Literal types: callers pass plain values, and a discriminated subtype's
        # narrowed tag is a subtype of its base's (an Enum member is not).
        enum_field_as_literal=LiteralType.All,
        output_datetime_class=DatetimeClassType.Datetime,
        # Formatting is the pipeline's own step (codegen.emit.format), the same for every file
        # whatever is on PATH.
        formatters=[],
        custom_file_header=header(f"{service.source} (datamodel-code-generator)"),
    )
    if not isinstance(source, str):  # pragma: no cover - one module in, one module out
        raise TypeError("datamodel-code-generator returned several modules")
    return source


def sorted_imports(source: str) -> str:
    """datamodel-code-generator's import block in isort order (standard library, then
    pydantic), as the formatting step does not sort imports."""
    lines = source.split("\n")
    block = [
        i
        for i, line in enumerate(lines)
        if line.startswith(("from ", "import ")) and not line.startswith("from __future__")
    ]
    if not block or any(lines[i].rstrip().endswith("(") for i in block):
        return source
    first, last = block[0], block[-1]
    stmts = [lines[i] for i in block]
    third = ("pydantic", "typing_extensions")

    def key(line: str) -> tuple[int, int, str]:
        module = line.split()[1]
        return (
            1 if module.split(".")[0] in third else 0,
            0 if line.startswith("import ") else 1,
            module,
        )

    ordered = sorted(stmts, key=key)
    out: list[str] = []
    for prev, line in zip([None, *ordered], ordered, strict=False):
        if prev is not None and key(prev)[0] != key(line)[0]:
            out.append("")
        out.append(line)
    return "\n".join([*lines[:first], *out, *lines[last + 1 :]])


def operations_runtime(imp: Imports, ops: list[RestOperationView]) -> None:
    """Declare the names the operations template itself writes around the views' code."""
    imp.add("wirekit.rest", "RestOperationSpec")
    imp.add("wirekit.rest", "RestRequest")
    if any(op.response_format == "json" for op in ops):
        imp.add("typing", "Any")
    if any(op.response_format == "xml" for op in ops):
        imp.add("lxml", "etree")
    if any(op.response_format == "xml" and op.return_type != "None" for op in ops):
        imp.add("wirekit.codec", "null_result")


def render_webhooks(hooks: list[WebhookView], imp: Imports, base: dict[str, object]) -> str:
    imp.add("collections.abc", "Callable")
    imp.module("os")
    imp.add("dataclasses", "dataclass")
    imp.add("dataclasses", "field")
    imp.add("typing", "Any")
    imp.module("httpx")
    for name in ("DeliveryStore", "HeadersLike", "WebhookReceiver", "WebhookSpec"):
        imp.add("wirekit.webhook", name)
    if any(h.fields for h in hooks):
        imp.add("wirekit.webhook", "WebhookField")
    # Under a private name: the module defines its own ``parse_webhook``… for one webhook.
    imp.module("wirekit.webhook", "_webhook")
    return render("rest/webhooks.py.jinja", imports=imp.block(), webhooks=hooks, **base)


def hook_exports(hooks: list[WebhookView]) -> list[str]:
    names = [n for h in hooks for n in h.exports]
    if len(hooks) == 1:  # the generic names are the one webhook's
        names += [
            "SIGNATURE_HEADER",
            "parse_webhook",
            "webhook_receiver",
            "send_test_webhook",
            "send_test_webhook_async",
        ]
    return names


def credentials(service: Service) -> dict[str, object]:
    """The client's credential keywords and secret wire names, from the security schemes."""
    kinds = {s.kind for s in service.security_schemes}
    names: list[str] = []
    keys = [(s.name, s.location, s.wire) for s in service.security_schemes if s.kind == "api_key"]
    if "api_key" in kinds:
        names.append("api_key")
    if any(
        sum(1 for s in alt if s.kind == "api_key") > 1
        for op in service.operations
        for v in op.variants
        if v.rest is not None
        for alt in v.rest.security
    ):
        names.append("api_keys")  # keys required together: each its own value (wirekit.auth)
    if "bearer" in kinds:
        names.append("token")
    if "basic" in kinds:
        names += ["username", "password"]
    secret = sorted({s.wire for s in service.security_schemes if s.kind == "api_key"})
    return {
        "credentials": tuple(names),
        "secret_names": tuple(secret),
        "api_key_schemes": tuple(sorted(keys)) if "api_keys" in names else (),
        "server_template": service.server_template,
        "server_variables": service.server_variables,
    }


def emit_rest_package(service: Service, package: str) -> list[tuple[str, str]]:
    base = base_context(service, package, ("rest",))
    base.update(credentials(service))
    folder = package.replace(".", "/")
    files: list[tuple[str, str]] = []
    modules: list[tuple[str, list[str]]] = []
    json_types = JsonTypes()
    if service.json_schemas:
        source, json_names = json_models(service)
        json_types = JsonTypes.of(source)
    view = RestView(service, json_types)
    if service.schema.complex_types:  # no operation codecs here: every type in ``_shared``
        types, xml_modules = render_types(view.types, base, folder, place_types(view.types, []))
        files += types
        modules += xml_modules
    if service.json_schemas:
        files.append((f"{folder}/json_models.py", source))
        modules.append(("json_models", [n for n in json_names if n not in REST_ERRORS]))
    imp, client_imp = Imports(), Imports(deferred=True)
    ops = view.operations(imp, client_imp)
    operations_runtime(imp, ops)
    files.append(
        (
            f"{folder}/operations.py",
            render(
                "rest/operations.py.jinja",
                imports=imp.block(),
                operations=ops,
                names=view.names(),
                **base,
            ),
        )
    )
    bases = ("wirekit.rest_client", "RestClient", "AsyncRestClient")
    files.append((f"{folder}/client.py", render_client(ops, base, "operations", client_imp, bases)))
    hook_imp = Imports()
    hooks = view.webhooks(hook_imp)
    if hooks:
        files.append((f"{folder}/webhooks.py", render_webhooks(hooks, hook_imp, base)))
        modules.append(("webhooks", hook_exports(hooks)))
    files.append((f"{folder}/__init__.py", render_init(base, modules, REST_ERRORS)))
    files.append((f"{folder}/py.typed", ""))
    return files
