"""vcrpy ``before_record_request`` / ``before_record_response`` hooks."""

from __future__ import annotations

import copy
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from wirekit.scrub.messages import scrub_body, scrub_headers
from wirekit.scrub.query import scrub_url

_DECOMPRESS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": lambda b: zlib.decompress(b, zlib.MAX_WBITS | 16),
    "x-gzip": lambda b: zlib.decompress(b, zlib.MAX_WBITS | 16),
    "deflate": zlib.decompress,
}


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            if isinstance(value, list):
                return str(value[0]) if value else None
            return str(value)
    return None


def _read_body(body: Any) -> bytes:
    if body is None or isinstance(body, bytes | bytearray):
        return bytes(body or b"")
    if isinstance(body, str):
        return body.encode("utf-8")
    data = (
        body.read()
        if hasattr(body, "read")
        else b"".join(c.encode("utf-8") if isinstance(c, str) else bytes(c) for c in body)
    )
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def scrub_vcr_request(request: Any) -> Any:
    """vcrpy ``before_record_request`` hook: a scrubbed copy of ``request``.

    ``vcr.VCR`` deep-copies before calling its hooks, but a ``Cassette`` built directly does
    not, and the same request object is the one sent; so copy here too. vcrpy also runs this
    hook on live requests before matching, so the scrubbed forms are what get compared.
    """
    scrubbed = copy.deepcopy(request)
    scrubbed.uri = scrub_url(request.uri)
    scrubbed.headers = scrub_headers(dict(request.headers))
    original = scrubbed.body
    raw = _read_body(original)
    if raw:
        body = scrub_body(raw, _header(request.headers, "content-type"))
        # Request.body re-wraps file bodies itself, but an iterator body must stay iterable.
        is_iter = isinstance(original, Iterator) and not hasattr(original, "read")
        scrubbed.body = [body] if is_iter else body
    return scrubbed


def _decoded(headers: dict[str, Any], body: bytes) -> tuple[dict[str, Any], bytes] | None:
    """Undo gzip/deflate so the body can be scrubbed at all; None if it cannot be decoded."""
    encoding = (_header(headers, "content-encoding") or "identity").strip().lower()
    if encoding == "identity":
        return headers, body
    decompress = _DECOMPRESS.get(encoding)
    try:
        plain = decompress(body) if decompress else None
    except zlib.error:
        plain = None
    if plain is None:
        return None
    return {k: v for k, v in headers.items() if k.lower() != "content-encoding"}, plain


def _with_length(headers: dict[str, Any], length: int) -> dict[str, Any]:
    """A replayed Content-Length must describe the body as stored, not as it was received."""
    return {
        k: ([str(length)] if isinstance(v, list) else str(length))
        if k.lower() == "content-length"
        else v
        for k, v in headers.items()
    }


def scrub_vcr_response(response: dict[str, Any]) -> dict[str, Any]:
    """vcrpy ``before_record_response`` hook: a scrubbed copy of a serialised response.

    A gzip/deflate body is stored decoded (as vcrpy's ``decode_compressed_response`` would), since
    compressed bytes cannot be scrubbed; any other encoding (br) is stored as received.
    """
    out = dict(response)
    headers = scrub_headers(response.get("headers") or {})
    body = (response.get("body") or {}).get("string")
    raw = body.encode("utf-8") if isinstance(body, str) else body
    decoded = _decoded(headers, raw) if raw else None
    if decoded is not None:
        headers, plain = decoded
        scrubbed = scrub_body(plain, _header(headers, "content-type"))
        headers = _with_length(headers, len(scrubbed))
        text = scrubbed.decode("utf-8", errors="replace") if isinstance(body, str) else scrubbed
        out["body"] = {**response["body"], "string": text}
    out["headers"] = headers
    return out


__all__ = ["scrub_vcr_request", "scrub_vcr_response"]
