"""Reading a delivery's body — form, JSON or multipart — into ordered name/value pairs.

Kept apart from field decoding (``parse.py``) because this is the code that meets hostile bytes:
the vendor's pages are loose about body encoding, and anyone can POST to the URL, so every way
a body or its ``Content-Type`` can be malformed must end here as a ``WebhookPayloadError``.

That includes the awkward corners of Python's own machinery: a ``charset`` parameter names a
*Python codec*, and some codecs are not charsets at all (``base64``, ``rot13``, ``zlib``) or
raise a bare ``UnicodeError`` instead of ``UnicodeDecodeError`` (``idna``, ``punycode``,
``undefined``); ``json`` recurses once per nesting level; the ``email`` parser used for
multipart bodies recurses too. Each is turned into a 400 here, not a 500 that the vendor
would retry for ever.
"""

from __future__ import annotations

import codecs
import email.errors
import email.message
import email.policy
import json
from dataclasses import dataclass
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qsl

from wirekit.errors import WebhookPayloadError
from wirekit.limits import MAX_JSON_DEPTH, json_too_deep

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
#: A form body that expands to more fields than this is not a webhook; parse_qsl stops early.
_MAX_FIELDS = 1000
#: Longer than any registered charset name; a longer parameter is not looked up at all.
_MAX_CHARSET_NAME = 40
#: Codecs that Python calls text encodings but that are not charsets a body can be written in:
#: domain-name transforms, Python-literal escapes, and the codec that refuses everything.
_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"})


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


def _check_charset(raw: RawDelivery, charset: str, field: str | None) -> None:
    """Refuse a charset Python does not know, or knows only as a non-text codec."""
    shown = charset[:_MAX_CHARSET_NAME]
    try:
        info = codecs.lookup(charset) if len(charset) <= _MAX_CHARSET_NAME else None
    except (LookupError, ValueError):  # ValueError: an embedded NUL
        info = None
    if info is None:
        raise raw.error(f"unknown charset {shown!r}", field)
    if not info._is_text_encoding or info.name in _NOT_CHARSETS:
        raise raw.error(f"charset {shown!r} is not a text encoding", field)


def decode_text(raw: RawDelivery, data: bytes, charset: str, field: str | None = None) -> str:
    """``data`` (the body, or one multipart value) as text; ``WebhookPayloadError`` otherwise."""
    _check_charset(raw, charset, field)
    try:
        return data.decode(charset)
    except UnicodeError as err:  # UnicodeDecodeError, or a codec's own complaint
        where = f" at byte {err.start}" if isinstance(err, UnicodeDecodeError) else ""
        reason = err.reason if isinstance(err, UnicodeDecodeError) else str(err)
        subject = f"{field}: value" if field else "body"
        raise raw.error(f"{subject} is not valid {charset}: {reason}{where}", field) from None


def _body_text(raw: RawDelivery, charset: str) -> str:
    return decode_text(raw, raw.body, charset).removeprefix("\ufeff")


def _form_pairs(raw: RawDelivery, charset: str) -> list[tuple[str, str]]:
    text = _body_text(raw, charset)
    try:
        return parse_qsl(
            text.strip(),  # a trailing CRLF from a hand-written test client is not a field
            keep_blank_values=True,
            strict_parsing=True,
            encoding=charset,
            errors="strict",
            max_num_fields=_MAX_FIELDS,
        )
    except ValueError as err:  # UnicodeDecodeError too: percent-escapes that are not text
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
    source = _body_text(raw, charset) if charset else raw.body
    # Depth is bounded before json recurses, as for REST answers: how deep the interpreter
    # lets json go is not a limit (3.11 stops near 1 000 levels, 3.13 parses 5 000 objects).
    if json_too_deep(source.encode() if isinstance(source, str) else source):
        raise raw.error(f"malformed JSON body: nested too deeply (over {MAX_JSON_DEPTH} levels)")
    try:
        doc = json.loads(
            source,
            object_pairs_hook=_Pairs,
            parse_int=str,
            parse_float=str,
            parse_constant=_reject_constant,
        )
    except WebhookPayloadError:
        raise
    except RecursionError:  # a last line of defence: json_too_deep has bounded the depth
        raise raw.error("malformed JSON body: nested too deeply") from None
    except ValueError as err:  # JSONDecodeError, UnicodeDecodeError
        raise raw.error(f"malformed JSON body: {err}") from None
    if not isinstance(doc, _Pairs):
        raise raw.error(f"JSON body must be an object, got {type(doc).__name__}")
    pairs = []
    for name, value in doc:
        text = _json_scalar(raw, name, value)
        if text is not None:
            pairs.append((name, text))
    return pairs


def _multipart_message(raw: RawDelivery) -> email.message.EmailMessage:
    """The body parsed as a MIME message whose only header is the request's Content-Type."""
    # A CR or LF in the header value would let it smuggle more headers into the parsed message.
    content_type = " ".join((raw.content_type or "").splitlines())
    head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    try:
        msg = BytesParser(policy=email.policy.HTTP).parsebytes(head + raw.body)
    except RecursionError:  # multipart nested inside multipart, deeper than the stack
        raise raw.error("malformed multipart body: nested too deeply") from None
    if not msg.is_multipart() or msg.defects:
        raise raw.error(f"malformed multipart body: {msg.defects or 'no parts'}")
    return msg


def _multipart_pairs(raw: RawDelivery, charset: str) -> list[tuple[str, str]]:
    pairs = []
    for part in _multipart_message(raw).iter_parts():
        try:
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            payload = part.get_payload(decode=True)
            part_charset = part.get_content_charset() or charset
        except (email.errors.MessageError, ValueError, LookupError):  # a mangled part header
            raise raw.error("malformed multipart body: an unreadable part header") from None
        if not isinstance(name, str) or part.defects:
            raise raw.error("malformed multipart body: a part without a name")
        if filename is not None:
            raise raw.error(f"{name}: a file upload, expected a text field", name)
        data = payload if isinstance(payload, bytes) else b""
        pairs.append((name, decode_text(raw, data, part_charset, name)))
    return pairs


def _reject_surrogates(raw: RawDelivery, pairs: list[tuple[str, str]]) -> None:
    """JSON's ``\\ud800`` escapes (and UTF-7) can spell lone surrogates, which are not text: no
    handler can encode them, and neither could the idempotency key. Refused as malformed."""
    for name, value in pairs:
        for text, field in ((name, None), (value, name)):
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise raw.error("a field name or value is not valid Unicode", field) from None


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
        pairs = _form_pairs(raw, charset or "utf-8")
    elif media.endswith("/json") or media.endswith("+json"):
        pairs = _json_pairs(raw, charset)
    elif media == MULTIPART:
        pairs = _multipart_pairs(raw, charset or "utf-8")
    else:
        raise raw.error(
            f"unsupported content type {media[:60]!r}; "
            f"expected {FORM}, application/json or {MULTIPART}"
        )
    _reject_surrogates(raw, pairs)
    return pairs


__all__ = ["FORM", "MULTIPART", "RawDelivery", "body_pairs", "decode_text", "media_and_charset"]
