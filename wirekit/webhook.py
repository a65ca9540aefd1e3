"""Receiving vendor webhooks: verify, parse, deduplicate, acknowledge, then hand over.

The clients in this kit call the vendor; a webhook is the vendor calling us, so the roles of
``binding.py`` are reversed and so are its worries. The vendor retries (Remove The Background:
"will try to deliver the image 3 times with different time intervals" until it gets a 200), so
the same delivery arrives more than once and the user's handler must still run once; anyone can
POST to a public URL, so when a shared secret is configured the HMAC of the *raw* body is checked
before a byte of it is interpreted; and vendors' pages are loose about field casing and body
encoding, so names match case-insensitively and form, JSON and multipart bodies are all read.

A generated module describes one webhook as a ``WebhookSpec`` (documented fields, their decoders
and how to build the typed event); this module supplies everything else:

* ``parse_webhook(spec, headers, body)`` — framework-agnostic: raw request in, typed event out;
* ``WebhookReceiver(spec, handler)`` — a plain ASGI 3 app (also ``.handle()`` for WSGI/Flask);
* ``InMemoryDeliveryStore`` — the default idempotency store (``DeliveryStore`` for your own);
* ``send_test_webhook(url, fields)`` — the vendor page's test form, to exercise a receiver.

Nothing here imports a web framework: the receiver speaks ASGI directly.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import email.policy
import hashlib
import hmac
import inspect
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import (
    Awaitable,
    Callable,
    Iterable,
    Mapping,
    MutableMapping,
)
from dataclasses import dataclass, field
from email.parser import BytesParser
from typing import Any, Generic, NamedTuple, Protocol, TypeVar, cast
from urllib.parse import parse_qsl, urlencode

import httpx

from wirekit.transport import HTTPX_ERRORS, map_transport_error
from wirekit.errors import SignatureError, WebhookError, WebhookPayloadError
from wirekit.scrub import ScrubbingFilter

E = TypeVar("E")

#: Remove The Background's header name; the value is base64 of HMAC-SHA256(secret, raw body).
DEFAULT_SIGNATURE_HEADER = "X-RTB-Customer-HMAC-SHA256"

#: Records are scrubbed on this logger itself, not left to the application's handlers: an event
#: repr or a traceback may quote a signed download URL or a field the vendor called "token".
log = logging.getLogger("wirekit.webhook")
if not any(isinstance(f, ScrubbingFilter) for f in log.filters):
    log.addFilter(ScrubbingFilter())

_FORM = "application/x-www-form-urlencoded"
_MULTIPART = "multipart/form-data"
#: A form body that expands to more fields than this is not a webhook; parse_qsl stops early.
_MAX_FIELDS = 1000
_TEXT_PLAIN = (("content-type", "text/plain; charset=utf-8"),)

HeadersLike = Mapping[str, str] | Mapping[bytes, bytes] | Iterable[tuple[str | bytes, str | bytes]]

# ASGI 3 callables, spelled out here so no framework or asgiref stub is needed.
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


# --------------------------------------------------------------------------------------------
# Describing a webhook


@dataclass(frozen=True, slots=True)
class WebhookField:
    """One documented field. ``wire`` is the name as the vendor's page spells it; deliveries are
    matched case-insensitively because the vendor's own casing is not consistent."""

    wire: str
    python: str
    required: bool
    #: Turns the text value into the typed one; ``ValueError``/``TypeError`` mean "bad value".
    decode: Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class WebhookSpec(Generic[E]):
    """A webhook as generated code describes it to the runtime.

    ``build(fields, extra)`` receives every declared field by python name (``None`` for an
    absent or blank optional one) and every undeclared field by wire name, so a field the vendor
    adds later reaches the event instead of being dropped or rejected.

    ``key_fields`` (python names) identify a delivery for deduplication; empty means the required
    fields (all fields when none is required). Decoded values form the key, not the raw body: a
    retry whose form fields come in another order, or whose GUID is upper-case, is the same
    delivery.
    """

    name: str
    fields: tuple[WebhookField, ...]
    build: Callable[[dict[str, Any], dict[str, str]], E]
    key_fields: tuple[str, ...] = ()
    _by_wire: dict[str, WebhookField] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_wire: dict[str, WebhookField] = {}
        for f in self.fields:
            if f.wire.lower() in by_wire:
                raise ValueError(f"{self.name}: field {f.wire!r} declared twice (ignoring case)")
            by_wire[f.wire.lower()] = f
        pythons = [f.python for f in self.fields]
        if len(set(pythons)) != len(pythons):
            raise ValueError(f"{self.name}: python field names must be unique")
        unknown = [k for k in self.key_fields if k not in pythons]
        if unknown:
            raise ValueError(f"{self.name}: key_fields {unknown} are not fields of the webhook")
        object.__setattr__(self, "_by_wire", by_wire)

    @property
    def idempotency_fields(self) -> tuple[str, ...]:
        if self.key_fields:
            return self.key_fields
        required = tuple(f.python for f in self.fields if f.required)
        return required or tuple(f.python for f in self.fields)

    def field_for(self, wire_name: str) -> WebhookField | None:
        return self._by_wire.get(wire_name.lower())


# --------------------------------------------------------------------------------------------
# Signatures


def _secret_bytes(secret: str | bytes) -> bytes:
    key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if not key:
        # An unset environment variable arrives as "": HMAC with an empty key is forgeable by
        # anyone, so refuse it rather than "verify" with it.
        raise ValueError("empty webhook secret; pass None to disable signature verification")
    return key


def sign_body(body: bytes, secret: str | bytes) -> str:
    """The signature header value for ``body``: base64 of HMAC-SHA256, as the vendor sends it."""
    digest = hmac.new(_secret_bytes(secret), body, hashlib.sha256).digest()
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
    expected = hmac.new(_secret_bytes(secret), body, hashlib.sha256).digest()
    values = [signatures] if isinstance(signatures, str) else list(signatures or ())
    if not values or not any(v.strip() for v in values):
        raise SignatureError(f"missing signature header {header_name}", body=body)
    for value in values:
        claimed = _signature_digest(value)
        if claimed is not None and hmac.compare_digest(claimed, expected):
            return
    raise SignatureError(f"signature in {header_name} does not match the body", body=body)


# --------------------------------------------------------------------------------------------
# Parsing


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


def _media(content_type: str | None) -> tuple[str, str | None]:
    """Media type (lower-case) and the charset parameter, if any."""
    media, _, params = (content_type or "").partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').strip() or None
    return media.strip().lower(), charset


def _decode_text(body: bytes, charset: str, content_type: str | None) -> str:
    try:
        return body.decode(charset).removeprefix("\ufeff")
    except LookupError:
        raise WebhookPayloadError(
            f"unknown charset {charset!r}", body=body, content_type=content_type
        ) from None
    except UnicodeDecodeError as err:
        raise WebhookPayloadError(
            f"body is not valid {charset}: {err.reason} at byte {err.start}",
            body=body,
            content_type=content_type,
        ) from None


def _form_pairs(body: bytes, charset: str, content_type: str | None) -> list[tuple[str, str]]:
    text = _decode_text(body, charset, content_type)
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
        raise WebhookPayloadError(
            f"malformed form body: {err}", body=body, content_type=content_type
        ) from None


class _Pairs(list[tuple[str, Any]]):
    """A JSON object kept as its pairs, so a repeated key is seen rather than silently merged."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json_scalar(name: str, value: Any, body: bytes, content_type: str | None) -> str | None:
    if value is None:
        return None  # null: treated as absent
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    raise WebhookPayloadError(
        f"{name}: expected a string, number or boolean, got a JSON "
        f"{'object' if isinstance(value, _Pairs) else 'array'}",
        field=name,
        body=body,
        content_type=content_type,
    )


def _json_pairs(
    body: bytes, charset: str | None, content_type: str | None
) -> list[tuple[str, str]]:
    # parse_int/parse_float keep numbers' source text: 1.10 stays "1.10", big integers stay exact.
    try:
        doc = json.loads(
            _decode_text(body, charset, content_type) if charset else body,
            object_pairs_hook=_Pairs,
            parse_int=str,
            parse_float=str,
            parse_constant=_reject_constant,
        )
    except WebhookPayloadError:
        raise
    except (ValueError, RecursionError) as err:  # JSONDecodeError, UnicodeDecodeError
        raise WebhookPayloadError(
            f"malformed JSON body: {err}", body=body, content_type=content_type
        ) from None
    if not isinstance(doc, _Pairs):
        raise WebhookPayloadError(
            f"JSON body must be an object, got {type(doc).__name__}",
            body=body,
            content_type=content_type,
        )
    pairs = []
    for name, value in doc:
        text = _json_scalar(name, value, body, content_type)
        if text is not None:
            pairs.append((name, text))
    return pairs


def _multipart_pairs(body: bytes, content_type: str, charset: str) -> list[tuple[str, str]]:
    head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    msg = BytesParser(policy=email.policy.HTTP).parsebytes(head + body)

    def fail(message: str, name: str | None = None) -> WebhookPayloadError:
        return WebhookPayloadError(message, field=name, body=body, content_type=content_type)

    if not msg.is_multipart() or msg.defects:
        raise fail(f"malformed multipart body: {msg.defects or 'no parts'}")
    pairs = []
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or part.defects:
            raise fail("malformed multipart body: a part without a name")
        if part.get_filename() is not None:
            raise fail(f"{name}: a file upload, expected a text field", name)
        payload = part.get_payload(decode=True)
        raw = payload if isinstance(payload, bytes) else b""
        part_charset = part.get_content_charset() or charset
        try:
            pairs.append((name, raw.decode(part_charset)))
        except (LookupError, UnicodeDecodeError):
            raise fail(f"{name}: not valid {part_charset} text", name) from None
    return pairs


def body_pairs(body: bytes, content_type: str | None) -> list[tuple[str, str]]:
    """The body's name/value pairs, in order, whatever its encoding.

    Without a content type the first byte decides: ``{`` is JSON, anything else a form (which is
    what the vendor's "test form" page posts).
    """
    media, charset = _media(content_type)
    if not media:
        media = (
            "application/json" if body.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{" else _FORM
        )
    if media == _FORM:
        return _form_pairs(body, charset or "utf-8", content_type)
    if media.endswith("/json") or media.endswith("+json"):
        return _json_pairs(body, charset, content_type)
    if media == _MULTIPART:
        return _multipart_pairs(body, content_type or "", charset or "utf-8")
    raise WebhookPayloadError(
        f"unsupported content type {media!r}; expected {_FORM}, application/json or {_MULTIPART}",
        body=body,
        content_type=content_type,
    )


def _collect(
    spec: WebhookSpec[Any], pairs: list[tuple[str, str]], body: bytes, content_type: str | None
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
            raise WebhookPayloadError(
                f"{wire}: sent twice with different values",
                field=wire,
                body=body,
                content_type=content_type,
            )
        target[key] = value
    return known, extra


def _decode_fields(
    spec: WebhookSpec[Any], known: dict[str, str], body: bytes, content_type: str | None
) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for f in spec.fields:
        raw = known.get(f.python)
        if raw is None or not raw.strip():
            if f.required:
                state = "missing" if raw is None else "empty"
                raise WebhookPayloadError(
                    f"{f.wire}: required field is {state}",
                    field=f.wire,
                    body=body,
                    content_type=content_type,
                )
            decoded[f.python] = None
            continue
        try:
            decoded[f.python] = f.decode(raw)
        except (ValueError, TypeError, ArithmeticError) as err:
            raise WebhookPayloadError(
                f"{f.wire}: {err}", field=f.wire, body=body, content_type=content_type
            ) from None
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


def _parse(
    spec: WebhookSpec[E],
    headers: HeadersLike,
    body: bytes,
    secret: str | bytes | None,
    signature_header: str,
) -> tuple[E, str]:
    hdrs = header_lists(headers)
    if secret is not None:
        verify_signature(
            body, hdrs.get(signature_header.lower()), secret, header_name=signature_header
        )
    content_type = next(iter(hdrs.get("content-type", ())), None)
    pairs = body_pairs(body, content_type)
    known, extra = _collect(spec, pairs, body, content_type)
    decoded = _decode_fields(spec, known, body, content_type)
    key = delivery_key(spec, decoded)
    try:
        event = spec.build(decoded, extra)
    except (ValueError, TypeError) as err:  # pydantic's ValidationError is a ValueError
        raise WebhookPayloadError(
            f"{spec.name}: cannot build the event: {err}", body=body, content_type=content_type
        ) from None
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
    return _parse(spec, headers, body, secret, signature_header)[0]


# --------------------------------------------------------------------------------------------
# Idempotency


class DeliveryStore(Protocol):
    """Remembers which deliveries were taken, so a retried one is not handled twice.

    ``claim`` must be atomic (True for exactly one caller per key); ``release`` forgets a key so
    that the next delivery of it is handled (used when handling failed). For several processes
    use a shared store (e.g. Redis ``SET key 1 NX EX ttl`` / ``DEL key``).
    """

    def claim(self, key: str) -> bool: ...

    def release(self, key: str) -> None: ...


class InMemoryDeliveryStore:
    """A bounded, expiring, thread-safe set of claimed keys for a single process.

    Bounded because every delivery adds a key and a receiver runs for months; the oldest claim
    goes first, which is the one whose retries are longest over. The TTL (default a week) only
    needs to outlast the vendor's retry schedule.
    """

    def __init__(
        self,
        max_entries: int = 10_000,
        ttl_seconds: float = 7 * 24 * 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._expiry: OrderedDict[str, float] = OrderedDict()  # oldest claim first
        self._lock = threading.Lock()

    def _purge(self, now: float) -> None:
        # Same TTL for all and a monotonic clock: expiry order is insertion order.
        while self._expiry:
            key, expires = next(iter(self._expiry.items()))
            if expires > now:
                break
            del self._expiry[key]

    def claim(self, key: str) -> bool:
        with self._lock:
            now = self._clock()
            self._purge(now)
            if key in self._expiry:
                return False
            while len(self._expiry) >= self.max_entries:
                self._expiry.popitem(last=False)
            self._expiry[key] = now + self.ttl_seconds
            return True

    def release(self, key: str) -> None:
        with self._lock:
            self._expiry.pop(key, None)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            self._purge(self._clock())
            return key in self._expiry

    def __len__(self) -> int:
        with self._lock:
            self._purge(self._clock())
            return len(self._expiry)


# --------------------------------------------------------------------------------------------
# Receiving


class WebhookResponse(NamedTuple):
    """What to answer the vendor; ``headers`` as (name, value) pairs, names lower-case."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = _TEXT_PLAIN


def _text_response(status: int, message: str, *extra: tuple[str, str]) -> WebhookResponse:
    return WebhookResponse(status, message.encode("utf-8") + b"\n", (*_TEXT_PLAIN, *extra))


_OK = _text_response(200, "OK")
_DUPLICATE = _text_response(200, "OK (duplicate delivery, already handled)")


@dataclass(slots=True)
class _Accepted(Generic[E]):
    event: E
    key: str


class WebhookReceiver(Generic[E]):
    """An ASGI 3 app receiving one kind of webhook and calling ``handler(event)`` once per
    delivery, however often the vendor retries it.

    Answers: 200 on success or duplicate; 400 unreadable body; 401 bad or missing signature;
    404 wrong path (``path``, when set, is compared with ``scope["path"]``, a trailing slash
    ignored); 405 not POST; 413 body over ``max_body_bytes``; 500 handler failure
    (``ack_first=False`` only) or store failure; 503 the same delivery is still being handled
    (``ack_first=False``: the vendor will retry later and then get 200).

    ``ack_first=True`` (default) answers 200 as soon as the delivery is verified, parsed and
    claimed, then runs the handler, because the vendor waits for that 200 and retries when it is
    slow; a failing handler is logged and its event appended to ``failed`` (the vendor will not
    send it again), and its key released so a re-delivery of it is handled rather than dropped
    as a duplicate. ``ack_first=False`` runs the handler first and answers 500 when it fails,
    releasing the key, so the vendor's retry is handled: the vendor then keeps the event, and
    it is not added to ``failed``.

    A sync handler runs in a worker thread (``asyncio.to_thread``): it will typically download
    the processed image, and blocking the event loop for that would delay every other request,
    including the vendor's retries whose 200 must come quickly. It must therefore be
    thread-safe. An async handler runs on the loop.
    """

    def __init__(
        self,
        spec: WebhookSpec[E],
        handler: Callable[[E], object],
        *,
        secret: str | bytes | None = None,
        signature_header: str = DEFAULT_SIGNATURE_HEADER,
        store: DeliveryStore | None = None,
        ack_first: bool = True,
        path: str | None = None,
        max_body_bytes: int = 1_000_000,
    ) -> None:
        if secret is not None:
            _secret_bytes(secret)  # fail at start-up, not on the first delivery
        self.spec = spec
        self.handler = handler
        self.secret = secret
        self.signature_header = signature_header
        self.store: DeliveryStore = store if store is not None else InMemoryDeliveryStore()
        self.ack_first = ack_first
        self.path = path
        self.max_body_bytes = max_body_bytes
        #: Events whose handler failed after the vendor was told 200 (``ack_first=True``). Not
        #: bounded: each entry is a delivery nobody else holds any more.
        self.failed: list[E] = []
        self._handler_is_async = inspect.iscoroutinefunction(handler) or (
            inspect.iscoroutinefunction(getattr(handler, "__call__", None))  # noqa: B004
        )
        # Keys whose handler is running in this process. A retry arriving meanwhile must not be
        # answered "duplicate, 200" under ack_first=False: the running attempt may still fail.
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()
        # The in-memory store never blocks; any other may do I/O and goes to a worker thread.
        self._store_blocks = not isinstance(self.store, InMemoryDeliveryStore)

    # -- the framework-agnostic core ---------------------------------------------------------

    def _accept(self, headers: HeadersLike, body: bytes) -> WebhookResponse | _Accepted[E]:
        """Verify, parse and claim; a response when the delivery goes no further."""
        try:
            event, key = _parse(self.spec, headers, body, self.secret, self.signature_header)
        except SignatureError as err:
            log.warning("webhook %s rejected: %s", self.spec.name, err.message)
            return _text_response(401, "invalid or missing signature")
        except WebhookPayloadError as err:
            log.warning("webhook %s rejected: %s", self.spec.name, err.message)
            return _text_response(400, _short(err.message))
        with self._lock:
            if key in self._in_flight:
                if self.ack_first:
                    return _DUPLICATE
                return _text_response(503, "delivery still being handled", ("retry-after", "30"))
            self._in_flight.add(key)
        try:
            claimed = self.store.claim(key)
        except Exception:
            self._forget(key)
            log.exception("webhook %s: delivery store failed to claim", self.spec.name)
            return _text_response(500, "delivery store unavailable")
        if not claimed:
            self._forget(key)
            log.info("webhook %s: duplicate delivery %s ignored", self.spec.name, key)
            return _DUPLICATE
        return _Accepted(event, key)

    def _forget(self, key: str) -> None:
        with self._lock:
            self._in_flight.discard(key)

    def _settle(self, accepted: _Accepted[E], error: BaseException | None) -> None:
        """Record the handler's outcome; on failure release the key (see the class docstring)."""
        if error is not None:
            log.error(
                "webhook %s: handler failed for delivery %s (%s): %r",
                self.spec.name,
                accepted.key,
                "kept in receiver.failed" if self.ack_first else "answered 500; vendor retries",
                accepted.event,
                exc_info=error,
            )
            if self.ack_first:
                self.failed.append(accepted.event)
            try:
                self.store.release(accepted.key)
            except Exception:
                log.exception("webhook %s: delivery store failed to release", self.spec.name)
        self._forget(accepted.key)

    def handle(self, headers: HeadersLike, body: bytes, method: str = "POST") -> WebhookResponse:
        """For WSGI and other synchronous frameworks: the whole exchange, handler included.

        There is no way to answer before returning here, so the handler always runs before the
        answer; ``ack_first`` still decides what a failure answers (200 + ``failed``, or 500).
        Keep the handler quick (queue the work) when the vendor's timeout is short. An async
        handler is run to completion with ``asyncio.run``.
        """
        early = self._precheck(method, len(body))
        if early is not None:
            return early
        verdict = self._accept(headers, body)
        if isinstance(verdict, WebhookResponse):
            return verdict
        error: BaseException | None = None
        try:
            result = self.handler(verdict.event)
            if inspect.iscoroutine(result):
                asyncio.run(result)
        except Exception as err:
            error = err
        except BaseException as err:  # KeyboardInterrupt, SystemExit: settle, then re-raise
            self._settle(verdict, err)
            raise
        self._settle(verdict, error)
        if error is not None and not self.ack_first:
            return _text_response(500, "handler failed")
        return _OK

    def _precheck(self, method: str, length: int | None) -> WebhookResponse | None:
        if method.upper() != "POST":
            return _text_response(405, "method not allowed", ("allow", "POST"))
        if length is not None and length > self.max_body_bytes:
            return _text_response(413, "body too large")
        return None

    # -- ASGI ----------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await _lifespan(receive, send)
            return
        if kind == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})
            return
        if kind != "http":
            raise ValueError(f"unsupported ASGI scope type {kind!r}")
        if self.path is not None and not _same_path(str(scope.get("path", "")), self.path):
            await _send_response(send, _text_response(404, "not found"))
            return
        headers: list[tuple[bytes, bytes]] = list(scope.get("headers") or ())
        early = self._precheck(str(scope.get("method", "")), _content_length(headers))
        if early is not None:
            await _send_response(send, early)
            return
        body = await self._read_body(receive)
        if isinstance(body, WebhookResponse):
            await _send_response(send, body)
            return
        if body is None:
            return  # the client went away; nobody to answer
        if self._store_blocks:
            verdict = await asyncio.to_thread(self._accept, headers, body)
        else:
            verdict = self._accept(headers, body)
        if isinstance(verdict, WebhookResponse):
            await _send_response(send, verdict)
            return
        if self.ack_first:
            await _send_response(send, _OK)
        error = await self._run_handler(verdict)
        if not self.ack_first:
            await _send_response(send, _text_response(500, "handler failed") if error else _OK)

    async def _run_handler(self, accepted: _Accepted[E]) -> BaseException | None:
        error: BaseException | None = None
        try:
            if self._handler_is_async:
                result = self.handler(accepted.event)
            else:
                result = await asyncio.to_thread(self.handler, accepted.event)
            if inspect.isawaitable(result):
                await result
        except Exception as err:
            error = err
        except BaseException as err:  # cancelled (server shutdown): not handled, so settle too
            await self._settle_async(accepted, err)
            raise
        await self._settle_async(accepted, error)
        return error

    async def _settle_async(self, accepted: _Accepted[E], error: BaseException | None) -> None:
        if error is not None and self._store_blocks:
            await asyncio.to_thread(self._settle, accepted, error)
        else:
            self._settle(accepted, error)

    async def _read_body(self, receive: Receive) -> bytes | WebhookResponse | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = bytes(message.get("body") or b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return _text_response(413, "body too large")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _same_path(got: str, want: str) -> bool:
    return (got.rstrip("/") or "/") == (want.rstrip("/") or "/")


def _content_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    """The declared length, so an oversized body is refused before it is read; a missing or
    malformed one is left to the read loop, which counts for itself."""
    for name, value in headers:
        if name.lower() == b"content-length":
            text = value.strip()
            return int(text) if text.isdigit() else None
    return None


async def _send_response(send: Send, response: WebhookResponse) -> None:
    headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in response.headers]
    headers.append((b"content-length", str(len(response.body)).encode("ascii")))
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body, "more_body": False})


async def _lifespan(receive: Receive, send: Send) -> None:
    """Nothing to set up or tear down, but servers expect the lifespan protocol answered."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


# --------------------------------------------------------------------------------------------
# The vendor page's test form


def _test_request(
    url: str,
    fields: Mapping[str, str],
    as_json: bool,
    secret: str | bytes | None,
    signature_header: str,
) -> httpx.Request:
    if as_json:
        body = json.dumps(dict(fields), ensure_ascii=False).encode("utf-8")
        content_type = "application/json; charset=utf-8"
    else:
        body = urlencode(list(fields.items())).encode("ascii")
        content_type = _FORM
    headers = {"Content-Type": content_type}
    if secret is not None:
        # Signed over exactly these bytes, which are exactly the bytes sent (content=, not data=).
        headers[signature_header] = sign_body(body, secret)
    return httpx.Request("POST", url, headers=headers, content=body)


def send_test_webhook(
    url: str,
    fields: Mapping[str, str],
    *,
    as_json: bool = False,
    secret: str | bytes | None = None,
    signature_header: str = DEFAULT_SIGNATURE_HEADER,
    http_client: httpx.Client | None = None,
    timeout: float = 10.0,
) -> httpx.Response:
    """POST ``fields`` to ``url`` the way the vendor's test form (and its webhook) does.

    Form-encoded unless ``as_json``; signed when ``secret`` is given. Any HTTP status is
    returned, not raised: the point is to see what the receiver answers. ``timeout`` applies to
    the client created here; a client passed in keeps its own settings. httpx failures become
    ``TransportError`` / ``TimeoutError_``.
    """
    request = _test_request(url, fields, as_json, secret, signature_header)
    client = http_client if http_client is not None else httpx.Client(timeout=timeout)
    try:
        return client.send(request)
    except HTTPX_ERRORS as err:
        raise map_transport_error(err) from err
    finally:
        if http_client is None:
            client.close()


async def send_test_webhook_async(
    url: str,
    fields: Mapping[str, str],
    *,
    as_json: bool = False,
    secret: str | bytes | None = None,
    signature_header: str = DEFAULT_SIGNATURE_HEADER,
    http_client: httpx.AsyncClient | None = None,
    timeout: float = 10.0,
) -> httpx.Response:
    """``send_test_webhook`` for async code."""
    request = _test_request(url, fields, as_json, secret, signature_header)
    client = http_client if http_client is not None else httpx.AsyncClient(timeout=timeout)
    try:
        return await client.send(request)
    except HTTPX_ERRORS as err:
        raise map_transport_error(err) from err
    finally:
        if http_client is None:
            await client.aclose()


__all__ = [
    "DEFAULT_SIGNATURE_HEADER",
    "DeliveryStore",
    "InMemoryDeliveryStore",
    "SignatureError",
    "WebhookError",
    "WebhookField",
    "WebhookPayloadError",
    "WebhookReceiver",
    "WebhookResponse",
    "WebhookSpec",
    "body_pairs",
    "delivery_key",
    "header_lists",
    "parse_webhook",
    "send_test_webhook",
    "send_test_webhook_async",
    "sign_body",
    "verify_signature",
]
