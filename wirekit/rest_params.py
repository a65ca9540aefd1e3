"""Arguments of any JSON type written into a request: JSON values, parameter styles, forms.

Generated encoders call these for arguments whose schema is not a scalar (arrays, objects,
unions) — scalars keep their lexical codecs (``wirekit.scalars``). ``json_value`` turns pydantic
models (fields the caller set, by wire name), enums, dates, UUIDs and bytes into JSON data;
``styled`` and ``simple`` write OpenAPI's ``style``/``explode`` forms (``form``,
``spaceDelimited``, ``pipeDelimited``, ``deepObject``; ``simple`` for paths and headers).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from wirekit.uploads import FileUpload


def json_value(value: Any) -> Any:
    """``value`` as JSON data: models by alias with only the fields that were set.

    A ``Decimal`` (``type: number, format: decimal``) is a JSON number, as its schema says:
    pydantic's JSON mode would write it as a string, so models are dumped as Python data and
    converted here."""
    if isinstance(value, BaseModel):
        return json_value(value.model_dump(mode="python", by_alias=True, exclude_unset=True))
    if isinstance(value, Decimal):
        return decimal_number(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return to_jsonable_python(value)


def decimal_number(value: Decimal) -> int | float:
    """A finite ``Decimal`` as a JSON number: an integer exactly, else the nearest double (the
    precision JSON readers give a number)."""
    if not value.is_finite():
        raise ValueError(f"JSON has no NaN or infinity: {value!r}")
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def text(value: Any) -> str:
    """A JSON scalar as a URL, header or form carries it (``true``, ``3``, ``abc``)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))  # one number, one text: 5.0 is written 5, as JSON examples do
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def styled(name: str, value: Any, style: str, explode: bool) -> list[tuple[str, str]]:
    """The ``(name, text)`` pairs of one query or cookie parameter (or form field).

    ``deepObject`` nests with brackets, arrays by index (``expand[0]=a&expand[1]=b``,
    ``filter[price][gte]=5``), as Stripe and qs-style servers read it; an exploded ``form``
    object repeats an array member's name per item (springdoc's ``Pageable``:
    ``sort=a&sort=b``)."""
    if style == "deepObject" and isinstance(value, list | dict):
        return _deep(name, value)
    if isinstance(value, list):
        items = [text(v) for v in value]
        if style == "form" and explode:
            return [(name, v) for v in items]
        sep = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
        return [(name, sep.join(items))]
    if isinstance(value, dict):
        present = [(str(k), v) for k, v in value.items() if v is not None]
        if explode:
            return [
                (k, text(item)) for k, v in present for item in (v if isinstance(v, list) else [v])
            ]
        return [(name, ",".join(x for k, v in present for x in (k, text(v))))]
    return [(name, text(value))]


def _deep(prefix: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [
            pair for k, v in value.items() if v is not None for pair in _deep(f"{prefix}[{k}]", v)
        ]
    if isinstance(value, list):
        return [pair for i, v in enumerate(value) for pair in _deep(f"{prefix}[{i}]", v)]
    return [(prefix, text(value))]


def simple(value: Any, explode: bool) -> str:
    """A path or header value in ``simple`` style."""
    if isinstance(value, list):
        return ",".join(text(v) for v in value)
    if isinstance(value, dict):
        sep = "=" if explode else ","
        return ",".join(f"{k}{sep}{text(v)}" for k, v in value.items() if v is not None)
    return text(value)


def form_field(name: str, value: Any, style: str, explode: bool) -> list[tuple[str, str]]:
    """A form (or multipart) field: an object travels as its JSON text, unless styled."""
    if isinstance(value, dict) and style == "form" and explode:
        return [(name, json.dumps(value, ensure_ascii=False, separators=(",", ":")))]
    return styled(name, value, style, explode)


def multipart(
    fields: list[tuple[str, str]],
    files: list[tuple[str, bytes | FileUpload]],
    types: dict[str, str],
) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body and its Content-Type; the boundary is derived from the
    content (deterministic, and absent from it). A file part is named after its field unless
    it is a ``FileUpload`` that says otherwise (``wirekit.uploads``)."""
    parts = []
    for name, given in files:
        upload = given if isinstance(given, FileUpload) else FileUpload(given)
        filename = _quoted(upload.filename or name)
        ctype = upload.media_type or types.get(name, "application/octet-stream")
        parts.append((name, filename, ctype, upload.content))
    digest = hashlib.sha256()
    for name, value in fields:
        digest.update(name.encode() + b"\0" + value.encode())
    for name, filename, ctype, data in parts:
        digest.update(f"{name}\0{filename}\0{ctype}\0".encode() + data)
    boundary = "polybind" + digest.hexdigest()[:32]
    out = bytearray()
    for name, value in fields:
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value.encode() + b"\r\n"
    for name, filename, ctype, data in parts:
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        ).encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def _quoted(filename: str) -> str:
    """A file name as a quoted-string of Content-Disposition: quotes and backslashes escaped,
    line breaks (which would end the header) dropped, as browsers write it (WHATWG)."""
    flat = filename.replace("\r", "").replace("\n", "")
    return flat.replace("\\", "\\\\").replace('"', '\\"')


__all__ = ["form_field", "json_value", "multipart", "simple", "styled", "text"]
