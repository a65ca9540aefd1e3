"""How a documented call looks on the wire: OpenAPI parameter styles, written from JSON values.

The reader builds each contract's request from the document's examples with these rules
(RFC 6570 as OpenAPI's ``style``/``explode`` table spells it), so the cassette says what a
server expects; the runtime (``wirekit.rest_params``) writes the binding's request with its
own code, and the contract replay compares the two.
"""

from __future__ import annotations

import json
from typing import Any

from wirekit import scalars

from ..model import Element, Location, TypeRef

#: xsd scalar → (decode documented text, encode as the binding writes it).
_CANONICAL = {
    "boolean": (scalars.decode_bool, scalars.encode_bool),
    "int": (scalars.decode_int, scalars.encode_int),
    "long": (scalars.decode_int, scalars.encode_int),
    "double": (scalars.decode_float, scalars.encode_float),
    "float": (scalars.decode_float, scalars.encode_float),
    "decimal": (scalars.decode_decimal, scalars.encode_decimal),
    "dateTime": (scalars.decode_datetime, scalars.encode_datetime),
    "date": (scalars.decode_date, scalars.encode_date),
    "time": (scalars.decode_time, scalars.encode_time),
    "guid": (scalars.decode_uuid, scalars.encode_uuid),
}


def text(value: Any) -> str:
    """A JSON scalar as it travels in a URL, header or form: strings as themselves."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value)


def scalar_wire(ref: TypeRef, value: Any) -> str:
    """A scalar parameter's documented value in the lexical form bindings write."""
    raw = text(value)
    pair = _CANONICAL.get(ref.name)
    if pair is None:
        return raw
    try:
        return str(pair[1](pair[0](raw)))  # type: ignore[operator]
    except ValueError:
        return raw


def default_style(where: Location) -> tuple[str, bool]:
    if where in (Location.QUERY, Location.COOKIE):
        return "form", True
    return "simple", False


def styled(name: str, value: Any, style: str, explode: bool) -> list[tuple[str, str]]:
    """The ``(name, text)`` pairs one query parameter becomes. ``deepObject`` (undefined for
    arrays and nesting by OpenAPI) as Stripe reads it: ``a[0]=x``, ``a[b][c]=y``; an exploded
    ``form`` object's array member as a repeated name (Spring's ``sort=a&sort=b``)."""
    if style == "deepObject" and isinstance(value, list | dict):
        pairs: list[tuple[str, str]] = []
        entries = enumerate(value) if isinstance(value, list) else value.items()
        for key, member in entries:
            if member is not None:
                pairs += styled(f"{name}[{key}]", member, style, explode)
        return pairs
    if isinstance(value, list):
        items = [text(v) for v in value]
        if style == "form" and explode:
            return [(name, v) for v in items]
        sep = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
        return [(name, sep.join(items))]
    if isinstance(value, dict):
        if explode:
            out: list[tuple[str, str]] = []
            for k, v in value.items():
                if v is not None:
                    out += [(str(k), text(i)) for i in (v if isinstance(v, list) else [v])]
            return out
        flat = [x for k, v in value.items() if v is not None for x in (str(k), text(v))]
        return [(name, ",".join(flat))]
    return [(name, text(value))]


def simple(value: Any, explode: bool) -> str:
    """A path or header value (``simple`` style)."""
    if isinstance(value, list):
        return ",".join(text(v) for v in value)
    if isinstance(value, dict):
        pairs = [
            f"{k}={text(v)}" if explode else f"{k},{text(v)}"
            for k, v in value.items()
            if v is not None
        ]
        return ",".join(pairs)
    return text(value)


def wire_value(e: Element, value: Any) -> Any:
    """``value`` with a scalar parameter's text in the bindings' lexical form."""
    return scalar_wire(e.type, value) if e.type.is_scalar else value
