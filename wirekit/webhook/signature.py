"""HMAC-SHA256 signatures over the raw body: computing, reading and checking them.

A module of its own because it is the security boundary: anyone can POST to a public URL, so
when a shared secret is configured this check runs before a byte of the body is interpreted,
and it should be reviewable without the parsing code around it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Iterable

from wirekit.errors import SignatureError

#: Remove The Background's header name; the value is base64 of HMAC-SHA256(secret, raw body).
DEFAULT_SIGNATURE_HEADER = "X-RTB-Customer-HMAC-SHA256"


def secret_bytes(secret: str | bytes) -> bytes:
    """The HMAC key; ``ValueError`` for an empty secret (which anyone could sign with)."""
    key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if not key:
        # An unset environment variable arrives as "": HMAC with an empty key is forgeable by
        # anyone, so refuse it rather than "verify" with it.
        raise ValueError("empty webhook secret; pass None to disable signature verification")
    return key


def sign_body(body: bytes, secret: str | bytes) -> str:
    """The signature header value for ``body``: base64 of HMAC-SHA256, as the vendor sends it."""
    digest = hmac.new(secret_bytes(secret), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _signature_digest(value: str) -> bytes | None:
    """The digest a header value claims, or None when it is not a digest in any accepted form.

    Accepted: standard base64 (padding optional), or 64 hex digits; either may carry a
    ``sha256=`` prefix and surrounding whitespace. The two forms cannot be confused: a SHA-256
    digest is 44 characters in base64 and 64 in hex.
    """
    text = value.strip()
    if text[:7].lower() == "sha256=":
        text = text[7:].strip()
    if len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text):
        return bytes.fromhex(text)
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):  # ValueError: non-ASCII characters
        return None


def verify_signature(
    body: bytes,
    signatures: str | Iterable[str] | None,
    secret: str | bytes,
    *,
    header_name: str = DEFAULT_SIGNATURE_HEADER,
) -> None:
    """Raise ``SignatureError`` unless one of ``signatures`` is the HMAC of ``body``.

    Several values (the header repeated, e.g. a proxy adding an empty one) pass when any one is
    valid: each still needs the secret to produce. Comparison is constant-time.
    """
    expected = hmac.new(secret_bytes(secret), body, hashlib.sha256).digest()
    values = [signatures] if isinstance(signatures, str) else list(signatures or ())
    if not values or not any(v.strip() for v in values):
        raise SignatureError(f"missing signature header {header_name}", body=body)
    for value in values:
        claimed = _signature_digest(value)
        if claimed is not None and hmac.compare_digest(claimed, expected):
            return
    raise SignatureError(f"signature in {header_name} does not match the body", body=body)


__all__ = ["DEFAULT_SIGNATURE_HEADER", "secret_bytes", "sign_body", "verify_signature"]
