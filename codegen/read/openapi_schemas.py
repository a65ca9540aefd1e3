"""The JSON schemas a REST service's models come from, named as Python classes.

Published documents name schemas ``v1.Image``, ``library-item``, ``Error-Response``, ``pet``;
datamodel-code-generator would read a dotted name as a module path and names differing only in
punctuation as one class. Every schema a body, answer, error or non-scalar parameter uses is
therefore copied under a class name (words of the published name, each capitalised: ``V1Image``,
``LibraryItem``), with every ``$ref`` and discriminator ``mapping`` rewritten to match, OpenAPI
3.0 keywords in JSON Schema 2020-12 terms (``nullable``), and ``readOnly``/``writeOnly``
properties no longer ``required`` (a server never sends a write-only field back, a client never
sends a read-only one). Inline schemas get a deterministic name from where they appear
(``ListPetsResponse``, ``CreateOrderBody``, ``FindPetsTags``).
"""

from __future__ import annotations

import copy
from typing import Any

from ..model import JSON_NS, TypeRef
from ..naming import words
from .openapi_doc import as_2020, map_schema

_PREFIX = "#/components/schemas/"
#: Formats that stay ``str`` in models (validation is the server's business).
_TEXT_FORMATS = frozenset(
    (
        "uri",
        "uri-reference",
        "url",
        "email",
        "idn-email",
        "hostname",
        "ipv4",
        "ipv6",
        "iri",
        "byte",
    )
)
#: Names a generated package's modules import or define beside the models (the runtime's,
#: pydantic's and typing's, which datamodel-code-generator may import too): a schema of one of
#: these names gets ``Model`` appended, so it never replaces an import (a schema ``Param``
#: would replace ``wirekit.arguments.Param`` in ``operations.py``; ``SecretStr`` would be taken
#: for pydantic's). A fixed list, so the output is the same whatever versions are installed.
_RUNTIME = frozenset(
    {
        "ApiErrorRule",
        "AsyncRestClient",
        "DeliveryStore",
        "HeadersLike",
        "OperationSpec",
        "Param",
        "ProtocolName",
        "RestClient",
        "RestOperationSpec",
        "RestRequest",
        "SoapFault",
        "WebhookField",
        "WebhookReceiver",
        "WebhookSpec",
        "Annotated",
        "Callable",
        "ClassVar",
        "Dict",
        "List",
        "Mapping",
        "Sequence",
        "Set",
        "Tuple",
        "Type",
        "AnyHttpUrl",
        "Base64Bytes",
        "Base64Str",
        "EmailStr",
        "FutureDate",
        "HttpUrl",
        "IPvAnyAddress",
        "IPvAnyInterface",
        "IPvAnyNetwork",
        "Json",
        "NaiveDatetime",
        "NameEmail",
        "NegativeFloat",
        "NegativeInt",
        "PastDate",
        "PositiveFloat",
        "PositiveInt",
        "SecretBytes",
        "SecretStr",
        "StrictBool",
        "StrictBytes",
        "StrictFloat",
        "StrictInt",
        "StrictStr",
    }
)
#: Names the generated package exports beside its models, or pydantic's own.
_TAKEN = _RUNTIME | frozenset(
    {
        "Any",
        "AnyUrl",
        "ApiError",
        "AsyncClient",
        "AwareDatetime",
        "BaseModel",
        "ConfigDict",
        "Decimal",
        "Enum",
        "Literal",
        "Optional",
        "StrEnum",
        "UUID",
        "Union",
        "BindingError",
        "Client",
        "ErrorResponse",
        "Field",
        "HttpStatusError",
        "NullResultError",
        "RequestError",
        "ResponseFormatError",
        "RootModel",
        "TimeoutError_",
        "TransportError",
    }
)


def class_name(name: str) -> str:
    """``v1.Image`` → ``V1Image``, ``library-item`` → ``LibraryItem``, ``pet`` → ``Pet``."""
    text = "".join(w[:1].upper() + w[1:] for w in words(name)) or "Schema"
    return f"T{text}" if text[0].isdigit() else text


class JsonSchemas:
    """Collects the schemas the operations use, under class names, in first-use order."""

    def __init__(self, components: Any) -> None:
        self.components: dict[str, Any] = dict(components or {})
        self.schemas: dict[str, Any] = {}
        self.names: dict[str, str] = {}
        taken: set[str] = set(_TAKEN)
        for original in self.components:
            name = class_name(str(original))
            while name in taken:
                name += "Model"
            taken.add(name)
            self.names[str(original)] = name
        self.taken = taken

    def named(self, schema: Any, hint: str) -> TypeRef:
        """The class ``schema`` is: a referenced component's, or a new one named after ``hint``."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if isinstance(ref, str) and ref.startswith(_PREFIX) and ref[len(_PREFIX) :] in self.names:
            return TypeRef(JSON_NS, self.collect(ref[len(_PREFIX) :]))
        name = class_name(hint)
        while name in self.taken:
            name += "Model"
        self.taken.add(name)
        self.schemas[name] = self.rewrite(schema)
        return TypeRef(JSON_NS, name)

    def collect(self, original: str) -> str:
        name = self.names[original]
        if name not in self.schemas:
            self.schemas[name] = {}  # placeholder: recursive schemas stop here
            self.schemas[name] = self.rewrite(self.components[original])
        return name

    def rewrite(self, schema: Any) -> Any:
        """``schema`` with references to class names, 2020-12 nullability, and read/write-only
        properties optional; referenced components are collected."""
        return self._walk(as_2020(copy.deepcopy(schema)))

    def _walk(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self._walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        out = map_schema(node, self._walk)
        if out.get("format") in _TEXT_FORMATS and isinstance(out.get("type"), str | list):
            del out["format"]  # plain str: AnyUrl/EmailStr refuse str defaults, need extras
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith(_PREFIX):
            # "#/components/schemas/Pet" or deeper ("…/Pet/properties/tags")
            original, slash, rest = ref[len(_PREFIX) :].partition("/")
            if original in self.names:
                out["$ref"] = _PREFIX + self.collect(original) + slash + rest
        mapping = (out.get("discriminator") or {}).get("mapping")
        if isinstance(mapping, dict):
            fixed = {}
            for key, raw in mapping.items():
                target = str(raw)
                bare = target[len(_PREFIX) :] if target.startswith(_PREFIX) else target
                fixed[key] = _PREFIX + self.collect(bare) if bare in self.names else target
            out["discriminator"] = {**out["discriminator"], "mapping": fixed}
        props = out.get("properties")
        if isinstance(props, dict) and isinstance(out.get("required"), list):
            one_way = {
                p
                for p, s in props.items()
                if isinstance(s, dict) and (s.get("readOnly") is True or s.get("writeOnly") is True)
            }
            if one_way:
                out["required"] = [r for r in out["required"] if r not in one_way]
                if not out["required"]:
                    del out["required"]
        return out
