"""Reading a delivery's body — form, JSON or multipart — into ordered name/value pairs.

Kept apart from field decoding (``parse.py``) because this is the code that meets hostile bytes:
the vendor's pages are loose about body encoding, and anyone can POST to the URL, so every way
a body or its ``Content-Type`` can be malformed must end here as a ``WebhookPayloadError``.
"""

from __future__ import annotations

import email.policy
import json
from dataclasses import dataclass
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qsl

from wirekit.errors import WebhookPayloadError

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
#: A form body that expands to more fields than this is not a webhook; parse_qsl stops early.
_MAX_FIELDS = 1000


@dataclass(frozen=True, slots=True)
class RawDelivery:
    """The raw body and its declared type, carried so that every error can quote them."""

    body: bytes
    content_type: str | None

    def error(self, message: str, field: str | None = None) -> WebhookPayloadError:
        return WebhookPayloadError(
            message, field=field, body=self.body, content_type=self.content_type
        )


def media_and_charset(content_type: str | None) -> tuple[str, str | None]:
    """Media type (lower-case) and the charset parameter, if any."""
    media, _, params = (content_type or "").partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').strip() or None
    return media.strip().lower(), charset


def _decode_text(raw: RawDelivery, charset: str) -> str:
    try:
        return raw.body.decode(charset).removeprefix("\ufeff")
    except LookupError:
        raise raw.error(f"unknown charset {charset!r}") from None
    except UnicodeDecodeError as err:
        raise raw.error(f"body is not valid {charset}: {err.reason} at byte {err.start}") from None


def _form_pairs(raw: RawDelivery, charset: str) -> list[tuple[str, str]]:
    text = _decode_text(raw, charset)
    try:
        return parse_qsl(
            text.strip(),  # a trailing CRLF from a hand-written test client is not a field
            keep_blank_values=True,
            strict_parsing=True,
            encoding=charset,
            errors="strict",
            max_num_fields=_MAX_FIELDS,
        )
    except (ValueError, UnicodeDecodeError) as err:
        raise raw.error(f"malformed form body: {err}") from None


class _Pairs(list[tuple[str, Any]]):
    """A JSON object kept as its pairs, so a repeated key is seen rather than silently merged."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json_scalar(raw: RawDelivery, name: str, value: Any) -> str | None:
    if value is None:
        return None  # null: treated as absent
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    kind = "object" if isinstance(value, _Pairs) else "array"
    raise raw.error(f"{name}: expected a string, number or boolean, got a JSON {kind}", name)


def _json_pairs(raw: RawDelivery, charset: str | None) -> list[tuple[str, str]]:
    # parse_int/parse_float keep numbers' source text: 1.10 stays "1.10", big integers stay exact.
    try:
        doc = json.loads(
            _decode_text(raw, charset) if charset else raw.body,
            object_pairs_hook=_Pairs,
            parse_int=str,
            parse_float=str,
            parse_constant=_reject_constant,
        )
    except WebhookPayloadError:
        raise
    except (ValueError, RecursionError) as err:  # JSONDecodeError, UnicodeDecodeError
        raise raw.error(f"malformed JSON body: {err}") from None
    if not isinstance(doc, _Pairs):
        raise raw.error(f"JSON body must be an object, got {type(doc).__name__}")
    pairs = []
    for name, value in doc:
        text = _json_scalar(raw, name, value)
        if text is not None:
            pairs.append((name, text))
    return pairs


def _multipart_pairs(raw: RawDelivery, charset: str) -> list[tuple[str, str]]:
    content_type = raw.content_type or ""
    head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    msg = BytesParser(policy=email.policy.HTTP).parsebytes(head + raw.body)
    if not msg.is_multipart() or msg.defects:
        raise raw.error(f"malformed multipart body: {msg.defects or 'no parts'}")
    pairs = []
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or part.defects:
            raise raw.error("malformed multipart body: a part without a name")
        if part.get_filename() is not None:
            raise raw.error(f"{name}: a file upload, expected a text field", name)
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        part_charset = part.get_content_charset() or charset
        try:
            pairs.append((name, data.decode(part_charset)))
        except (LookupError, UnicodeDecodeError):
            raise raw.error(f"{name}: not valid {part_charset} text", name) from None
    return pairs


def body_pairs(body: bytes, content_type: str | None) -> list[tuple[str, str]]:
    """The body's name/value pairs, in order, whatever its encoding.

    Without a content type the first byte decides: ``{`` is JSON, anything else a form (which is
    what the vendor's "test form" page posts).
    """
    raw = RawDelivery(body, content_type)
    media, charset = media_and_charset(content_type)
    if not media:
        sniffed = body.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
        media = "application/json" if sniffed == b"{" else FORM
    if media == FORM:
        return _form_pairs(raw, charset or "utf-8")
    if media.endswith("/json") or media.endswith("+json"):
        return _json_pairs(raw, charset)
    if media == MULTIPART:
        return _multipart_pairs(raw, charset or "utf-8")
    raise raw.error(
        f"unsupported content type {media!r}; expected {FORM}, application/json or {MULTIPART}"
    )


__all__ = ["FORM", "MULTIPART", "RawDelivery", "body_pairs", "media_and_charset"]
