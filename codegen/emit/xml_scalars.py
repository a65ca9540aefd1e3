"""XSD built-in types in Python, and the names generated code must not take.

``SCALARS`` maps each built-in the kit supports to its annotation, its strict decoder and its
encoder in ``wirekit.scalars``; the helpers here write those names through the module's
``Imports``. The reserved sets keep a generated class, field or parameter from shadowing a
name its module or the client's API uses.
"""

from __future__ import annotations

from ..emit.imports import Imports
from ..model import MORE_SCALAR_TYPES, TypeRef
from ..naming import unique

XML_NS = "http://www.w3.org/XML/1998/namespace"

#: xsd scalar → (Python type, its module or "", codec suffix in ``wirekit.scalars`` or "").
SCALARS: dict[str, tuple[str, str, str]] = {
    "string": ("str", "", ""),
    "anyURI": ("str", "", ""),
    "QName": ("str", "", ""),
    "duration": ("str", "", ""),
    "boolean": ("bool", "", "bool"),
    "int": ("int", "", "int"),
    "integer": ("int", "", "int"),
    "long": ("int", "", "int"),
    "short": ("int", "", "int"),
    "byte": ("int", "", "int"),
    "unsignedByte": ("int", "", "int"),
    "unsignedShort": ("int", "", "int"),
    "unsignedInt": ("int", "", "int"),
    "unsignedLong": ("int", "", "int"),
    "char": ("int", "", "int"),
    "decimal": ("Decimal", "decimal", "decimal"),
    "double": ("float", "", "float"),
    "float": ("float", "", "float"),
    "dateTime": ("datetime", "datetime", "datetime"),
    "date": ("date", "datetime", "date"),
    "time": ("time", "datetime", "time"),
    "guid": ("UUID", "uuid", "uuid"),
    "base64Binary": ("bytes", "", "base64"),
    "hexBinary": ("bytes", "", "hex"),
    "nonNegativeInteger": ("int", "", "int"),
    "positiveInteger": ("int", "", "int"),
    "negativeInteger": ("int", "", "int"),
    "nonPositiveInteger": ("int", "", "int"),
}
# The other built-ins the model knows are string-like (token, Name, gYear…: kept as sent).
for _name in MORE_SCALAR_TYPES:
    SCALARS.setdefault(_name, ("str", "", ""))
#: Scalars whose encoded text never needs XML escaping.
PLAIN_TEXT = ("int", "bool", "uuid", "float", "decimal", "hex")
#: Names a generated module defines or imports besides its classes: never a class's name.
RESERVED_CLASSES = frozenset(
    {"Any", "Decimal", "Enum", "Meta", "OperationSpec", "Param", "UUID", "ApiError",
     "AsyncClient", "BindingError", "Client", "HttpStatusError", "NullResultError",
     "ProtocolName", "RequestError", "ResponseFormatError", "SoapFault", "TimeoutError_",
     "TransportError"}
)  # fmt: skip
#: Names a dataclass body uses (annotations, ``field``): a field so named would shadow them.
RESERVED_FIELDS = frozenset(
    {"bool", "bytes", "date", "datetime", "dict", "etree", "field", "float", "int", "list",
     "object", "str", "time", "type", "any", "dataclass"}
)  # fmt: skip

#: Names the per-operation codec functions use besides their parameters (runtime helpers,
#: locals): a parameter so named would shadow them.
PARAM_RESERVED = RESERVED_FIELDS | frozenset(
    {"as_uuid", "el", "enc_base64", "enc_bool", "enc_date", "enc_datetime", "enc_decimal",
     "enc_float", "enc_hex", "enc_int", "enc_time", "enc_uuid", "esc", "esc_attr", "extra",
     "is_nil", "missing", "not_nil", "null_result", "obj", "pairs", "raw", "raw_any", "stray",
     "tag", "v", "x", "encode_other_attributes", "other_attributes", "xsi_type"}
)  # fmt: skip


def scalar_type(ref: TypeRef, imp: Imports) -> str:
    py, module, _ = SCALARS[ref.name]
    return imp.add(module, py) if module else py


def decoder(ref: TypeRef, imp: Imports) -> str:
    """The name of the function turning xsd text of ``ref`` into its value ("" for str)."""
    suffix = SCALARS[ref.name][2]
    return imp.add("wirekit.scalars", f"dec_{suffix}") if suffix else ""


def scalar_text(ref: TypeRef, expr: str, imp: Imports) -> str:
    """Expression giving the xsd lexical form of the scalar value ``expr`` of type ``ref``."""
    suffix = SCALARS[ref.name][2]
    if not suffix:
        return expr
    return f"{imp.add('wirekit.scalars', f'enc_{suffix}')}({expr})"


def unique_avoiding(names: list[str], reserved: frozenset[str], suffix: str = "_") -> list[str]:
    """``unique`` that also steers clear of ``reserved`` (``list`` → ``list_``)."""
    return unique([f"{n}{suffix}" if n in reserved else n for n in names])


def unique_classes(names: list[str], reserved: frozenset[str]) -> list[str]:
    """Class names made unique CapWords-style (``Item``, ``Item2``), avoiding ``reserved``."""
    taken = set(reserved)
    out = []
    for n in names:
        name, count = n, 1
        while name in taken:
            count += 1
            name = f"{n}{count}"
        taken.add(name)
        out.append(name)
    return out


__all__ = [
    "PARAM_RESERVED",
    "PLAIN_TEXT",
    "RESERVED_CLASSES",
    "RESERVED_FIELDS",
    "SCALARS",
    "XML_NS",
    "decoder",
    "scalar_text",
    "scalar_type",
    "unique_avoiding",
    "unique_classes",
]
