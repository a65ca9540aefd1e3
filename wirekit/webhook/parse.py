"""From a raw request to a typed event and its idempotency key, for any framework.

Separate from ``body.py`` (which only turns bytes into name/value pairs) because this is where
the spec comes in: matching names to documented fields, decoding values, building the event
and deriving the key that deduplicates the vendor's retries. ``parse_webhook`` is the one entry
point for users who bring their own framework; the receiver calls ``parse_delivery``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, cast

from wirekit.webhook.body import RawDelivery, body_pairs
from wirekit.webhook.signature import DEFAULT_SIGNATURE_HEADER, verify_signature
from wirekit.webhook.spec import E, WebhookSpec

HeadersLike = Mapping[str, str] | Mapping[bytes, bytes] | Iterable[tuple[str | bytes, str | bytes]]


def _text(value: str | bytes) -> str:
    # Header bytes are latin-1 by HTTP's rules (and ASGI's); this never fails.
    return value.decode("latin-1") if isinstance(value, bytes) else value


def header_lists(headers: HeadersLike) -> dict[str, list[str]]:
    """Headers from any common shape, by lower-cased name, every value kept in order."""
    items: Iterable[tuple[str | bytes, str | bytes]]
    if isinstance(headers, Mapping):
        items = cast(Iterable[tuple[str | bytes, str | bytes]], headers.items())
    else:
        items = headers
    out: dict[str, list[str]] = {}
    for name, value in items:
        out.setdefault(_text(name).strip().lower(), []).append(_text(value))
    return out


def _collect(
    spec: WebhookSpec[Any], pairs: list[tuple[str, str]], raw: RawDelivery
) -> tuple[dict[str, str], dict[str, str]]:
    """Raw known values by python name, extras by wire name. A name sent twice with different
    values is ambiguous (and a classic way to slip a second value past a check): refused."""
    known: dict[str, str] = {}
    extra: dict[str, str] = {}
    for name, value in pairs:
        f = spec.field_for(name)
        target, key = (known, f.python) if f else (extra, name)
        if key in target and target[key] != value:
            wire = f.wire if f else name
            raise raw.error(f"{wire}: sent twice with different values", wire)
        target[key] = value
    return known, extra


def _decode_fields(
    spec: WebhookSpec[Any], known: dict[str, str], raw: RawDelivery
) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for f in spec.fields:
        value = known.get(f.python)
        if value is None or not value.strip():
            if f.required:
                state = "missing" if value is None else "empty"
                raise raw.error(f"{f.wire}: required field is {state}", f.wire)
            decoded[f.python] = None
            continue
        try:
            decoded[f.python] = f.decode(value)
        except (ValueError, TypeError, ArithmeticError) as err:
            raise raw.error(f"{f.wire}: {err}", f.wire) from None
    return decoded


def delivery_key(spec: WebhookSpec[Any], decoded: Mapping[str, Any]) -> str:
    """The idempotency key of a delivery: the spec's name and a hash of its key fields' values.

    Hashed so that a store (or its log) never holds a download URL that may be a bearer token.
    """
    values = [
        [name, None if decoded[name] is None else str(decoded[name])]
        for name in spec.idempotency_fields
    ]
    canonical = json.dumps([spec.name, values], ensure_ascii=False, separators=(",", ":"))
    return f"{spec.name}:{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"


def parse_delivery(
    spec: WebhookSpec[E],
    headers: HeadersLike,
    body: bytes,
    secret: str | bytes | None,
    signature_header: str,
) -> tuple[E, str]:
    """The event and its idempotency key; ``SignatureError`` or ``WebhookPayloadError``."""
    hdrs = header_lists(headers)
    if secret is not None:
        verify_signature(
            body, hdrs.get(signature_header.lower()), secret, header_name=signature_header
        )
    content_type = next(iter(hdrs.get("content-type", ())), None)
    raw = RawDelivery(body, content_type)
    known, extra = _collect(spec, body_pairs(body, content_type), raw)
    decoded = _decode_fields(spec, known, raw)
    key = delivery_key(spec, decoded)
    try:
        event = spec.build(decoded, extra)
    except (ValueError, TypeError) as err:  # pydantic's ValidationError is a ValueError
        raise raw.error(f"{spec.name}: cannot build the event: {err}") from None
    return event, key


def parse_webhook(
    spec: WebhookSpec[E],
    headers: HeadersLike,
    body: bytes,
    *,
    secret: str | bytes | None = None,
    signature_header: str = DEFAULT_SIGNATURE_HEADER,
) -> E:
    """The typed event of one delivery, for any framework: pass the request's headers and its
    raw body (before any form parsing the framework might do, or the signature cannot match).

    With ``secret`` the signature is checked first and ``SignatureError`` raised on a missing or
    wrong one; an unreadable body raises ``WebhookPayloadError`` naming the field at fault.
    """
    return parse_delivery(spec, headers, body, secret, signature_header)[0]


__all__ = [
    "HeadersLike",
    "delivery_key",
    "header_lists",
    "parse_delivery",
    "parse_webhook",
]
