"""The documented request of one operation, built from the document's examples.

Each parameter is written with its ``style``/``explode`` (``openapi_wire``), credentials as
the scrubbed placeholders of the alternative bindings choose, and the body in its media type
(JSON, form pairs, multipart parts); the contract tests then check that the binding, given
the same values, sends the same request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from wirekit.rest import segment

from ..model import Element, HttpMessage, Location, Operation, RestShape, Variant
from .openapi_answers import AnswerReader
from .openapi_wire import simple, styled, wire_value

#: A body value not given (``None`` is JSON ``null``).
NOTHING: Any = object()


@dataclass
class Call:
    """What the parameters and body of one operation add, while they are read."""

    params: list[Element] = field(default_factory=list)
    locations: list[tuple[str, Location]] = field(default_factory=list)
    styles: list[tuple[str, str, bool]] = field(default_factory=list)
    #: The documented call's values, by wire name.
    arguments: dict[int, Any] = field(default_factory=dict)
    #: (wire, location, style, explode, value) of each documented non-body argument.
    wire: list[tuple[str, Location, str, bool, Any]] = field(default_factory=list)
    schema: str = ""
    body_value: Any = NOTHING
    raw_body: tuple[str, str] | None = None


#: The documented multipart body's boundary (bindings choose their own; parts are compared).
_BOUNDARY = "polybind-documented-boundary"


def documented_multipart(call: Call, shape: RestShape) -> str:
    """The documented multipart body: a field per scalar (repeated for an array, JSON text for
    an object), a part per file, in property order."""
    files = dict(shape.files)
    types = {e.name: e for e in call.params}
    parts: list[str] = []
    values = call.body_value if isinstance(call.body_value, dict) else {}
    for prop, value in values.items():
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if prop in files:
                head = (
                    f'Content-Disposition: form-data; name="{prop}"; filename="{prop}"\r\n'
                    f"Content-Type: {files[prop]}"
                )
                parts.append(f"{head}\r\n\r\n{text_of(item)}")
                continue
            if isinstance(item, dict):
                text = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
            else:
                element = types.get(prop)
                text = wire_value(element, item) if element is not None else text_of(item)
            disposition = f'Content-Disposition: form-data; name="{prop}"'
            parts.append(f"{disposition}\r\n\r\n{simple(text, False)}")
    body = "".join(f"--{_BOUNDARY}\r\n{p}\r\n" for p in parts)
    return f"{body}--{_BOUNDARY}--\r\n"


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


class RequestReader(AnswerReader):
    """Builds the documented request of an operation."""

    def request_message(
        self, op: Operation, variant: Variant, call: Call, path: tuple[str, ...]
    ) -> HttpMessage:
        shape = variant.rest
        assert shape is not None
        target = variant.path
        query: list[tuple[str, str]] = []
        headers: list[tuple[str, str]] = []
        cookies: list[tuple[str, str]] = []
        for wire, where, style, explode, value in call.wire:
            if where == Location.PATH:
                target = target.replace(f"{{{wire}}}", segment(simple(value, explode)))
            elif where == Location.QUERY:
                query += styled(wire, value, style, explode)
            elif where == Location.HEADER:
                headers.append((wire, simple(value, explode)))
            else:
                cookies += styled(wire, value, style, explode)
        if shape.accept:
            headers.append(("Accept", shape.accept))
        aq, ah, ac = self.auth_parts(shape.security)
        query += aq
        headers += ah
        cookies += ac
        if cookies:
            headers.append(("Cookie", "; ".join(f"{k}={v}" for k, v in cookies)))
        base = urlsplit(shape.server or self.base_url()).path.rstrip("/")
        target = f"{base}{target}" + (f"?{urlencode(query, quote_via=quote)}" if query else "")
        body, data = "", None
        if shape.body == "json" and call.body_value is not NOTHING:
            data = call.body_value
            body = json.dumps(data, ensure_ascii=False)
            headers.append(("Content-Type", variant.request_media_type))
        elif shape.body == "form":
            pairs = self.form_pairs(call, shape)
            body = urlencode(pairs, quote_via=quote)
            headers.append(("Content-Type", variant.request_media_type))
        elif shape.body == "multipart":
            body = documented_multipart(call, shape)
            headers.append(("Content-Type", f"multipart/form-data; boundary={_BOUNDARY}"))
        elif shape.body in ("binary", "text") and call.raw_body:
            body = call.raw_body[1]
            headers.append(("Content-Type", call.raw_body[0]))
        return HttpMessage(
            where=self.at(*path),
            method=variant.http_method,
            target=target,
            headers=tuple(headers),
            body=body,
            json=data,
            pairs=tuple(query),
        )

    def form_pairs(self, call: Call, shape: RestShape) -> list[tuple[str, str]]:
        styles = {w: (s, e) for w, s, e in shape.styles}
        pairs: list[tuple[str, str]] = []
        values = call.body_value if isinstance(call.body_value, dict) else {}
        for prop, value in values.items():
            if value is None:
                continue
            style, explode = styles.get(prop, ("form", True))
            if isinstance(value, dict) and style == "form" and explode is True:
                pairs += [(prop, json.dumps(value, ensure_ascii=False, separators=(",", ":")))]
            else:
                pairs += styled(prop, value, style, explode)
        return pairs
